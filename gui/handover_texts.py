"""The words of a shift handover on screen: its summary, notes, signatures and refusals, in the
reader's language, as HTML for a read-only text view (the station's dialog and the admin
panel's history show the same page). The core gives codes and values; every text that came
from a document (names, notes, lots, defects) is escaped: it may come from the share."""

from __future__ import annotations

from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from gui.admin.lot_texts import site_time
from gui.numbers import format_number


def _t(text: str) -> str:
    return QCoreApplication.translate("Handover", text)


def reason_text(code: str) -> str:
    """A stop's reason code (the site catalog's downtime reasons; empty: not classified)."""
    names = {"": _t("not classified"), "setup": _t("setup"), "material": _t("material"),
             "maintenance": _t("maintenance"), "quality": _t("quality"),
             "no_operator": _t("no operator"), "other": _t("other")}
    return names.get(code, code)


def alarm_text(alarm: dict[str, Any], zone: ZoneInfo) -> str:
    kind = str(alarm.get("kind"))
    what = {"lock": _t("production entry locked"), "unlock": _t("production entry unlocked"),
            "message": _t("message from a supervisor")}.get(kind, kind)
    by = alarm.get("by")
    line = f"{site_time(alarm.get('at'), zone)} · {what}"
    if by:
        line += " · " + _t("by %1").replace("%1", str(by))
    if alarm.get("detail"):
        line += f": {alarm['detail']}"
    return line


def issue_text(issue: dict[str, Any]) -> str:
    detail = issue.get("detail") if isinstance(issue.get("detail"), dict) else {}
    kind = issue.get("kind")
    if kind == "locked":
        return _t("Production entry is locked: %1").replace("%1", str(detail.get("reason")))
    if kind == "lot_open":
        return (_t("Lot %1 is not complete: %2 of %3 boxes registered")
                .replace("%1", str(detail.get("lot"))).replace("%2", str(detail.get("box")))
                .replace("%3", str(detail.get("total"))))
    if kind == "stops_unclassified":
        return _t("Stops not classified yet: %1").replace("%1", str(detail.get("count")))
    if kind == "stops_running":
        return _t("Stops still running: %1").replace("%1", str(detail.get("count")))
    if kind == "not_on_share":
        return (_t("Changes of this station not on the share yet: %1 (kept on this PC; they "
                   "go when the share is back)").replace("%1", str(detail.get("count"))))
    return str(kind)


def error_text(code: str, detail: str) -> str:
    texts = {
        "already_signed": _t("This shift's handover is already signed and cannot change. Add "
                             "a signed note to it instead. Nothing was saved."),
        "already_acknowledged": _t("This handover was already acknowledged. Nothing was "
                                   "saved."),
        "own_handover": _t("You signed this handover: the person taking the station over "
                           "acknowledges it. Nothing was saved."),
        "unknown": _t("This handover is not on this station. Nothing was saved."),
        "notes": _t("The notes contain characters that are not allowed (control or direction "
                    "characters). Nothing was saved."),
        "notes_required": _t("Write the note first. Nothing was saved."),
        "notes_long": _t("The notes are longer than 2000 characters. Nothing was saved."),
        "no_signing_key": _t("Your signing key is not open on this PC: log in again (if it "
                             "persists, an admin resets your password). Nothing was signed."),
        "signature_rejected": _t("Wrong user name or password, or the account is locked. "
                                 "Nothing was signed; after repeated wrong entries the account "
                                 "is locked for a while."),
    }
    return texts.get(code, detail)


def shift_title(station: str, day: str, number: int, start: str, end: str,
                zone: ZoneInfo) -> str:
    return (_t("Station %1 · shift %2 of %3 · %4 to %5").replace("%1", station)
            .replace("%2", str(number)).replace("%3", day)
            .replace("%4", site_time(start, zone)).replace("%5", site_time(end, zone)))


def summary_html(summary: dict[str, Any], zone: ZoneInfo) -> str:
    """The summary's sections: boxes, rejections by defect, stops by reason, alarms, issues."""
    parts = [f"<h3>{_t('Boxes')}</h3>"]
    lots = ", ".join(escape(str(lot)) for lot in summary.get("lots") or []) or "—"
    parts.append("<p>" + _t("%1 boxes registered, %2 voided · lots: %3 · up to %4")
                 .replace("%1", str(summary.get("boxes"))).replace("%2", str(summary.get("voided")))
                 .replace("%3", lots).replace("%4", site_time(summary.get("as_of"), zone)) + "</p>")
    parts.append(f"<h3>{_t('Rejections by defect')}</h3>")
    rejections = summary.get("rejections") or []
    parts.append(_table([(escape(str(d)), str(n)) for d, n in rejections],
                        (_t("Defect"), _t("Rejections")))
                 if rejections else f"<p>{_t('No rejections in this shift.')}</p>")
    parts.append(f"<h3>{_t('Stops by reason')}</h3>")
    stops = summary.get("stops")
    if stops is None:
        parts.append(f"<p>{_t('Stops are not recorded on this version.')}</p>")
    elif not stops:
        parts.append(f"<p>{_t('No stops in this shift.')}</p>")
    else:
        parts.append(_table([(escape(reason_text(str(s.get("reason")))), str(s.get("stops")),
                              format_number(float(s.get("minutes") or 0), 0),
                              str(s.get("running") or 0)) for s in stops],
                            (_t("Reason"), _t("Stops"), _t("Minutes"), _t("Still running"))))
    parts.append(f"<h3>{_t('Alarms')}</h3>")
    alarms = summary.get("alarms") or []
    parts.append(_list([escape(alarm_text(a, zone)) for a in alarms if isinstance(a, dict)])
                 if alarms else f"<p>{_t('No alarms in this shift.')}</p>")
    parts.append(f"<h3>{_t('Open issues')}</h3>")
    issues = summary.get("issues") or []
    parts.append(_list([escape(issue_text(i)) for i in issues if isinstance(i, dict)])
                 if issues else f"<p>{_t('Nothing left open.')}</p>")
    return "".join(parts)


def signed_html(document: dict[str, Any], zone: ZoneInfo, *,
                acknowledgement: dict[str, Any] | None = None,
                notes: list[dict[str, Any]] = (), problem: str | None = None) -> str:
    """A signed handover whole: its summary, the outgoing notes, who signed, who took it, and
    the signed notes added later."""
    summary = document.get("summary") if isinstance(document.get("summary"), dict) else {}
    parts = [f"<h2>{escape(shift_title(str(document.get('station')), str(document.get('shift_day')), int(document.get('shift_number') or 0), str(summary.get('start')), str(summary.get('end')), zone))}</h2>"]
    parts.append(summary_html(summary, zone))
    parts.append(f"<h3>{_t('Notes of the outgoing shift')}</h3>")
    parts.append(_text(document.get("notes")) or f"<p>{_t('No notes.')}</p>")
    parts.append(f"<h3>{_t('Signatures')}</h3>")
    parts.append("<p>" + escape(_signature_line(_t("Handed over by %1 (%2) at %3"), document))
                 + "</p>")
    if acknowledgement is not None:
        parts.append("<p>" + escape(_signature_line(_t("Acknowledged by %1 (%2) at %3"),
                                                    acknowledgement)) + "</p>")
        parts.append(_text(acknowledgement.get("note")))
    else:
        parts.append(f"<p><b>{_t('Not acknowledged yet.')}</b></p>")
    for note in notes:
        parts.append("<p>" + escape(_signature_line(_t("Note added by %1 (%2) at %3"), note))
                     + "</p>" + _text(note.get("note")))
    if problem:
        parts.append("<p style='color:#b00020'><b>" + escape(
            _t("A signature here does not hold: %1").replace("%1", problem)) + "</b></p>")
    return "".join(parts)


def _signature_line(template: str, document: dict[str, Any]) -> str:
    return (template.replace("%1", str(document.get("full_name") or ""))
            .replace("%2", str(document.get("signed_by") or ""))
            .replace("%3", str(document.get("local_time") or document.get("signed_at") or "")))


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    return "<p>" + escape(value).replace("\n", "<br>") + "</p>"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _table(rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> str:
    head = "".join(f"<th align='left'>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table cellpadding='4'><tr>{head}</tr>{body}</table>"
