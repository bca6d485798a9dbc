"""The words of a shift handover on screen: its summary, notes, signatures and refusals, in the
reader's language, as HTML for a read-only text view (the station's dialog and the admin
panel's history show the same page). The core gives codes and values; every text that came
from a document (names, notes, lots, defects) is escaped: it may come from the share."""

from __future__ import annotations

from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject

from gui.admin.lot_texts import site_time
from gui.admin.signature_fields import username_missing_text
from gui.i18n import coded_text
from gui.numbers import format_number


class HandoverTexts(QObject):
    """A screen's handover words (a QObject for `tr`: its own context, "HandoverTexts")."""

    def reason_text(self, code: str) -> str:
        """A stop's reason code (the site catalog's downtime reasons; empty: not classified)."""
        names = {"": self.tr("not classified"), "setup": self.tr("setup"),
                 "material": self.tr("material"), "maintenance": self.tr("maintenance"),
                 "quality": self.tr("quality"), "no_operator": self.tr("no operator"),
                 "other": self.tr("other")}
        return coded_text(code, names)

    def alarm_text(self, alarm: dict[str, Any], zone: ZoneInfo) -> str:
        kind = str(alarm.get("kind"))
        what = coded_text(kind, {"lock": self.tr("production entry locked"),
                                 "unlock": self.tr("production entry unlocked"),
                                 "message": self.tr("message from a supervisor")})
        line = f"{site_time(alarm.get('at'), zone)} · {what}"
        if alarm.get("by"):
            line += " · " + self.tr("by %1").replace("%1", str(alarm["by"]))
        if alarm.get("detail"):
            line += f": {alarm['detail']}"
        return line

    def issue_text(self, issue: dict[str, Any]) -> str:
        detail = issue.get("detail") if isinstance(issue.get("detail"), dict) else {}
        kind = issue.get("kind")
        if kind == "locked":
            return self.tr("Production entry is locked: %1").replace(
                "%1", str(detail.get("reason")))
        if kind == "lot_open":
            return (self.tr("Lot %1 is not complete: %2 of %3 boxes registered")
                    .replace("%1", str(detail.get("lot"))).replace("%2", str(detail.get("box")))
                    .replace("%3", str(detail.get("total"))))
        if kind == "stops_unclassified":
            return self.tr("Stops not classified yet: %1").replace("%1", str(detail.get("count")))
        if kind == "stops_running":
            return self.tr("Stops still running: %1").replace("%1", str(detail.get("count")))
        if kind == "not_on_share":
            return self.tr("Changes of this station not on the share yet: %1 (kept on this PC; "
                           "they go when the share is back)").replace(
                "%1", str(detail.get("count")))
        return str(kind)

    def error_text(self, code: str, detail: str) -> str:
        texts = {
            "already_signed": self.tr("This shift's handover is already signed and cannot "
                                      "change. Add a signed note to it instead. Nothing was "
                                      "saved."),
            "already_acknowledged": self.tr("This handover was already acknowledged. Nothing "
                                            "was saved."),
            "own_handover": self.tr("You signed this handover: the person taking the station "
                                    "over acknowledges it. Nothing was saved."),
            "unknown": self.tr("This handover is not on this station. Nothing was saved."),
            "notes": self.tr("The notes contain characters that are not allowed (control or "
                             "direction characters). Nothing was saved."),
            "notes_required": self.tr("Write the note first. Nothing was saved."),
            "notes_long": self.tr("The notes are longer than 2000 characters. Nothing was "
                                  "saved."),
            "no_signing_key": self.tr("Your signing key is not open on this PC: log in again "
                                      "(if it persists, an admin resets your password). "
                                      "Nothing was signed."),
            "username_missing": username_missing_text(),
            "signature_rejected": self.tr("Wrong user name or password, or the account is "
                                          "locked. Nothing was signed; after repeated wrong "
                                          "entries the account is locked for a while."),
        }
        return texts.get(code, detail)

    def shift_title(self, station: str, day: str, number: int, start: str, end: str,
                    zone: ZoneInfo) -> str:
        return (self.tr("Station %1 · shift %2 of %3 · %4 to %5").replace("%1", station)
                .replace("%2", str(number)).replace("%3", day)
                .replace("%4", site_time(start, zone)).replace("%5", site_time(end, zone)))

    def summary_html(self, summary: dict[str, Any], zone: ZoneInfo) -> str:
        """The summary's sections: boxes, rejections by defect, stops by reason, alarms,
        open issues."""
        lots = ", ".join(escape(str(lot)) for lot in summary.get("lots") or []) or "—"
        parts = [_heading(self.tr("Boxes")), _paragraph(
            self.tr("%1 boxes registered, %2 voided · lots: %3 · up to %4")
            .replace("%1", str(summary.get("boxes"))).replace("%2", str(summary.get("voided")))
            .replace("%3", lots).replace("%4", site_time(summary.get("as_of"), zone)))]
        parts.append(_heading(self.tr("Rejections by defect")))
        rejections = summary.get("rejections") or []
        # One line, most frequent first: a shift rarely has more than a handful of defects.
        parts.append(_paragraph(" · ".join(f"{escape(str(d))} <b>{n}</b>" for d, n in rejections))
                     if rejections else _paragraph(self.tr("No rejections in this shift.")))
        parts.append(_heading(self.tr("Stops by reason")))
        stops = summary.get("stops")
        if stops is None:
            parts.append(_paragraph(self.tr("Stops are not recorded on this version.")))
        elif not stops:
            parts.append(_paragraph(self.tr("No stops in this shift.")))
        else:
            parts.append(_table(
                [(escape(self.reason_text(str(s.get("reason")))), str(s.get("stops")),
                  format_number(float(s.get("minutes") or 0), 0), str(s.get("running") or 0))
                 for s in stops],
                (self.tr("Reason"), self.tr("Stops"), self.tr("Minutes"),
                 self.tr("Still running"))))
        parts.append(_heading(self.tr("Alarms")))
        alarms = [a for a in summary.get("alarms") or [] if isinstance(a, dict)]
        parts.append(_list([escape(self.alarm_text(a, zone)) for a in alarms]) if alarms
                     else _paragraph(self.tr("No alarms in this shift.")))
        parts.append(_heading(self.tr("Open issues")))
        issues = [i for i in summary.get("issues") or [] if isinstance(i, dict)]
        parts.append(_list([escape(self.issue_text(i)) for i in issues]) if issues
                     else _paragraph(self.tr("Nothing left open.")))
        return "".join(parts)

    def signed_html(self, document: dict[str, Any], zone: ZoneInfo, *,
                    acknowledgement: dict[str, Any] | None = None,
                    notes: list[dict[str, Any]] = (), problem: str | None = None) -> str:
        """A signed handover whole: its summary, the outgoing notes, who signed, who took it,
        and the signed notes added later."""
        summary = document.get("summary") if isinstance(document.get("summary"), dict) else {}
        number = document.get("shift_number")
        title = self.shift_title(str(document.get("station")), str(document.get("shift_day")),
                                 number if isinstance(number, int) else 0,
                                 str(summary.get("start")), str(summary.get("end")), zone)
        # The outgoing person's notes first: what the incoming one most needs to read.
        parts = [f"<h3>{escape(title)}</h3>", _heading(self.tr("Notes of the outgoing shift")),
                 _notes(document.get("notes")) or _paragraph(self.tr("No notes.")),
                 self.summary_html(summary, zone), _heading(self.tr("Signatures")),
                 _paragraph(escape(_signed_line(self.tr("Handed over by %1 (%2) at %3"),
                                                document)))]
        if acknowledgement is not None:
            parts.append(_paragraph(escape(_signed_line(
                self.tr("Acknowledged by %1 (%2) at %3"), acknowledgement))))
            parts.append(_notes(acknowledgement.get("note")))
        else:
            parts.append(_paragraph("<b>" + self.tr("Not acknowledged yet.") + "</b>"))
        for note in notes:
            parts.append(_paragraph(escape(_signed_line(self.tr("Note added by %1 (%2) at %3"),
                                                        note))))
            parts.append(_notes(note.get("note")))
        if problem:
            parts.append("<p style='color:#b00020'><b>" + escape(
                self.tr("A signature here does not hold: %1").replace("%1", problem))
                + "</b></p>")
        return "".join(parts)


def _signed_line(template: str, document: dict[str, Any]) -> str:
    return (template.replace("%1", str(document.get("full_name") or ""))
            .replace("%2", str(document.get("signed_by") or ""))
            .replace("%3", str(document.get("local_time") or document.get("signed_at") or "")))


def _heading(text: str) -> str:
    return f"<h4>{text}</h4>"


def _paragraph(html: str) -> str:
    return f"<p>{html}</p>"


def _notes(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    return "<p>" + escape(value).replace("\n", "<br>") + "</p>"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _table(rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> str:
    head = "".join(f"<th align='left'>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table cellpadding='4'><tr>{head}</tr>{body}</table>"
