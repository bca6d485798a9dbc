"""What a station answered to a command, in the person's language: each outcome as one sentence
("Read by joao at 14:21.", "Delivered; nobody was logged in to read it.") with its times in
the site's zone, and the rows of a result an admin can open for one command.

Stations and utils/site/fleet.py answer in the protocol's English words and plain values; the
known ones are turned into sentences here. Anything this version does not know (a newer
station's answer, an exception on the station) falls back to its state's general sentence, and
the station's own words stay visible in the details, marked as such.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication

from config.constants import CommandType
from models.canonical import parse_utc

from gui.admin.command_texts import pairs_text, value_text
from gui.header import role_name
from gui.i18n import coded_text
from gui.numbers import format_number

# lupdate collects translate("Context", "text"[, None, n]) under this short name too.
translate = QCoreApplication.translate


def moment_text(value: Any, zone: tzinfo, reference: datetime | None = None) -> str:
    """An ack's UTC time on the site's clock: the time of day, with the date when it is not
    the day of `reference` (when the command was sent)."""
    try:
        local = parse_utc(str(value)).astimezone(zone)
    except (TypeError, ValueError):
        return str(value)
    if reference is not None and local.date() != reference.astimezone(zone).date():
        return local.strftime("%Y-%m-%d %H:%M")
    return local.strftime("%H:%M")


def size_text(size: Any) -> str:
    """Bytes the way a person reads them (1.2 MB)."""
    if not isinstance(size, (int, float)) or isinstance(size, bool):
        return str(size)
    for unit, step in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= step:
            return f"{format_number(size / step, 1)} {unit}"
    return translate("Commands", "%n byte(s)", None, int(size))


def _sent_at(row: dict[str, Any]) -> datetime | None:
    try:
        return parse_utc(str(row.get("issued_at")))
    except (TypeError, ValueError):
        return None


def _message_sentence(result: dict[str, Any], zone: tzinfo, sent: datetime | None) -> str:
    if result.get("answered") is False:
        return translate("Commands", "Shown, but not read: the station's application "
                         "closed (or nobody answered "
                  "for hours) before anyone pressed “I have read it”.")
    reader, at = result.get("acknowledged_by"), result.get("acknowledged_at")
    if result.get("shown") is False or (reader is None and not at):
        return translate("Commands", "Delivered; nobody logged in to read it: the station "
                         "runs without a window "
                  "(the message is in its log).")
    when = moment_text(at, zone, sent) if at else "?"
    if reader:
        return (translate("Commands", "Read by %1 at %2.")
                .replace("%1", str(reader)).replace("%2", when))
    return translate("Commands", "Read at %1 on the login screen (nobody was logged "
                     "in).").replace("%1", when)


def done_sentence(row: dict[str, Any], zone: tzinfo) -> str | None:
    """What a command that ended `done` did, from its ack's result; None when its result
    says nothing this version knows how to put in words."""
    result = row.get("result") if isinstance(row.get("result"), dict) else {}
    kind = str(row.get("type"))
    sent = _sent_at(row)
    if kind == CommandType.MESSAGE:
        return _message_sentence(result, zone, sent)
    if kind == CommandType.PING:
        at = result.get("at")
        return (translate("Commands", "The station answered at %1.")
                .replace("%1", moment_text(at, zone, sent))
                if at else translate("Commands", "The station answered."))
    if kind == CommandType.LOGOUT:
        who = result.get("logged_out")
        return (translate("Commands", "%1 was logged out.").replace("%1", str(who)) if who
                else translate("Commands", "Nobody was logged in; nothing to do."))
    if kind == CommandType.LOCK:
        who = result.get("shown_to")
        return (translate("Commands", "Production entry locked; %1 sees the banner.")
                .replace("%1", str(who)) if who
                else translate("Commands", "Production entry locked (nobody was logged in)."))
    if kind == CommandType.UNLOCK:
        return translate("Commands", "Production entry unlocked.")
    if kind == CommandType.SET_LOT and result.get("lot"):
        return (translate("Commands", "Lot %1 set: box %2 of %3.").replace("%1", str(result["lot"]))
                .replace("%2", str(result.get("current_box", "?")))
                .replace("%3", str(result.get("total_boxes", "?"))))
    if kind == CommandType.SET_PRODUCT and result.get("size"):
        return translate("Commands", "Size %1 set.").replace("%1", str(result["size"]))
    if kind == CommandType.SET_CONFIG:
        applied = result.get("applied") if isinstance(result.get("applied"), dict) else {}
        return translate("Commands", "Settings changed: %1.").replace(
            "%1", pairs_text(applied, 120))
    if kind == CommandType.RESEND_STATUS:
        return translate("Commands", "Status sent again.")
    if kind == CommandType.COLLECT_DIAGNOSTICS:
        return (translate("Commands", "Diagnostics collected: version %1, database %2, "
                          "shared folder %3 "
                   "(Details… for everything).")
                .replace("%1", str(result.get("version", "?")))
                .replace("%2", size_text(result.get("database_bytes")))
                .replace("%3", translate("Commands", "online") if result.get("share_online")
                         else translate("Commands", "offline")))
    if kind == CommandType.GET_LOGS:
        lines = result.get("lines") if isinstance(result.get("lines"), list) else []
        return translate("Commands", "%n log line(s) received (Details… to read them).",
                         None, len(lines))
    if kind == CommandType.BACKUP_NOW:
        return translate("Commands", "Backup written on the station (%1).").replace(
            "%1", size_text(result.get("bytes")))
    if kind == CommandType.VERIFY_AUDIT:
        stations = result.get("stations") if isinstance(result.get("stations"), list) else []
        checked = sum(int(s.get("events_checked") or 0) for s in stations
                      if isinstance(s, dict))
        if result.get("ok"):
            return translate("Commands", "Audit trail intact: %n event(s) checked.", None, checked)
        return translate("Commands", "Audit trail NOT intact: verify the site from the "
                         "Tools menu to see where.")
    if kind == CommandType.RESTART_APP:
        return translate("Commands", "Restarting.")
    if kind == CommandType.CLOSE_APP:
        if result.get("forced"):
            return translate("Commands", "Closing, without asking the operator.")
        who = result.get("confirmed_by")
        if who and who != "headless agent":
            return translate("Commands", "Closing: %1 confirmed it.").replace("%1", str(who))
        return translate("Commands", "Closing (nobody was logged in to ask).")
    return None


def reason_text(row: dict[str, Any]) -> tuple[str, bool]:
    """The sentence for a command that did not end `done`, translated, and whether its
    reason was one we know."""
    reason = str(row.get("reason") or "")
    state = str(row.get("state"))
    if not reason:
        return "", True
    by_state = {
        "done": translate("Commands", "Done."),
        "failed": translate("Commands", "Failed on the station; Details… shows the "
                            "station's own words."),
        "rejected": translate("Commands", "Refused by the station, nothing was done; "
                              "Details… shows the station's "
                       "own words."),
        # These three have one cause each ("expired at <time>", "already received", and
        # fleet.py's "no answer before the command expired"): the state says it all.
        "expired": translate("Commands", "Expired before the station could run it. Nothing "
                             "was done; send it "
                      "again with a longer validity."),
        "duplicate": translate("Commands", "Already received before: not run again."),
        "timed_out": translate("Commands", "No answer before the command expired. Check "
                               "that the station is on "
                        "and reaches the shared folder, then send again."),
    }
    if state in ("expired", "duplicate", "timed_out"):
        return by_state[state], True
    exact = {
        # done (utils/site/executor.py), for an ack whose result says nothing more
        "pong": translate("Commands", "The station answered."),
        "delivered": translate("Commands", "Message delivered."),
        "logged out": translate("Commands", "User logged out."),
        "production entry locked": translate("Commands", "Production entry locked."),
        "production entry unlocked": translate("Commands", "Production entry unlocked."),
        "lot set": translate("Commands", "Lot set."),
        "product set": translate("Commands", "Product (size) set."),
        "settings changed": translate("Commands", "Settings changed."),
        "status sent again": translate("Commands", "Status sent again."),
        "diagnostics collected": translate("Commands", "Diagnostics collected (Details… "
                                           "for everything)."),
        "backup written": translate("Commands", "Backup written on the station."),
        "intact": translate("Commands", "Audit trail intact."),
        "NOT intact": translate("Commands", "Audit trail NOT intact: verify the site from "
                                "the Tools menu to see "
                         "where."),
        "restarting": translate("Commands", "Restarting."),
        "closing": translate("Commands", "Closing."),
        # failed (executor.py, station_sync.py)
        "nothing to change": translate("Commands", "Nothing to change: choose at least one "
                                       "setting and send "
                                "again."),
        "the operator declined to close": translate("Commands", "The operator chose not to "
                                                    "close the "
                                             "application; it keeps running."),
        "interrupted by a restart of the station": translate("Commands", 
            "Interrupted by a restart of the station and not run again; send it again if it is "
            "still needed."),
        # rejected (utils/site/commands.py)
        "bad signature (unsigned, wrong key or altered)": translate("Commands", 
            "Refused: the signature does not match (another site key, or the file was "
            "altered). Nothing was done."),
        "issued in the future beyond the allowed clock skew": translate("Commands", 
            "Refused: this PC's clock is ahead of the station's. Nothing was done; correct the "
            "clocks and send again."),
    }
    if reason in exact:
        return exact[reason], True
    patterns: list[tuple[str, str, Callable[[str], str]]] = [
        (r"(\d+) lines", "", str),
        (r"size '(.*)' is not in the catalog", translate("Commands", 
            "Size %1 is not in that station's catalog. Nothing was changed; check the site "
            "catalog and send again."), str),
        (r"(.*) is not an active user", translate("Commands", 
            "Refused: the station does not know %1 as an active user (its copy of the users "
            "may be older). Nothing was done."), str),
        (r"role (.*) may not send .*", translate("Commands", 
            "Refused: the station does not allow the role %1 to send this command. Nothing was "
            "done."), lambda role: role_name(None, role)),
    ]
    for pattern, text, shown in patterns:
        match = re.fullmatch(pattern, reason)
        if match:
            if not text:  # "N lines": a count, said with its plural
                return translate("Commands", "%n log line(s) received (Details… to read them).",
                          None, int(match.group(1))), True
            return text.replace("%1", shown(match.group(1))), True
    return by_state.get(state, translate("Commands", "See Details….")), False


def outcome_text(row: dict[str, Any], zone: tzinfo) -> tuple[str, bool]:
    """One sentence for what happened to a sent command, and whether this version knew how to
    say it (False: Details… holds the station's own words)."""
    if row.get("state") == "done":
        sentence = done_sentence(row, zone)
        if sentence is not None:
            return sentence, True
    return reason_text(row)


# -- details -------------------------------------------------------------------------------------

def result_label(key: str) -> str:
    """A field of a station's answer, named in the person's language."""
    return coded_text(key, {
        "station": translate("Commands", "Station"),
        "at": translate("Commands", "Answered at"),
        "acknowledged_by": translate("Commands", "Read by"),
        "acknowledged_at": translate("Commands", "Read at"),
        "delivered": translate("Commands", "Delivered"),
        "shown": translate("Commands", "Shown on a screen"),
        "logged_out": translate("Commands", "Logged out"),
        "locked": translate("Commands", "Locked"),
        "shown_to": translate("Commands", "Shown to"),
        "lot": translate("Commands", "Lot"),
        "current_box": translate("Commands", "Current box"),
        "total_boxes": translate("Commands", "Total boxes"),
        "size": translate("Commands", "Size"),
        "version": translate("Commands", "Version"),
        "python": translate("Commands", "Python"),
        "platform": translate("Commands", "Platform"),
        "host": translate("Commands", "Host name"),
        "pid": translate("Commands", "Process id"),
        "database_bytes": translate("Commands", "Database size"),
        "share_online": translate("Commands", "Shared folder online"),
        "path": translate("Commands", "File"),
        "bytes": translate("Commands", "Size"),
        "ok": translate("Commands", "Intact"),
        "closing": translate("Commands", "Closing"),
        "confirmed_by": translate("Commands", "Confirmed by"),
        "declined_by": translate("Commands", "Declined by"),
        "forced": translate("Commands", "Forced"),
        "restarting": translate("Commands", "Restarting"),
        "answered": translate("Commands", "Answered"),
        "note": translate("Commands", "Note"),
        "reason": translate("Commands", "Reason"),
    })


_TIME_KEYS = {"at", "acknowledged_at"}
_SIZE_KEYS = {"database_bytes", "bytes"}
_HIDDEN_KEYS = {"session_id"}  # protocol plumbing, nothing a person acts on


def result_rows(result: Any, zone: tzinfo, sent: datetime | None) -> list[tuple[str, str]]:
    """A result as (label, value) lines for the details dialog: names in the person's
    language, times on the site's clock, sizes in kB/MB; long lists (log lines, per-station
    verify results) are left to the caller."""
    if not isinstance(result, dict):
        if result in (None, ""):
            return []
        return [(translate("Commands", "Result"), value_text(result))]
    rows = []
    for key, value in result.items():
        if key in _HIDDEN_KEYS or key in ("lines", "stations", "threads", "applied", "settings",
                                          "restarts", "counters", "errors"):
            continue
        if key in _TIME_KEYS and value:
            shown = moment_text(value, zone, sent)
        elif key in _SIZE_KEYS:
            shown = size_text(value)
        else:
            shown = "—" if value is None else value_text(value)
        rows.append((result_label(key), shown))
    for key in ("applied", "settings"):
        if isinstance(result.get(key), dict):
            rows.append((translate("Commands", "Settings"), pairs_text(result[key], 400)))
    return rows
