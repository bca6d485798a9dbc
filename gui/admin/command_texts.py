"""What the Commands tab says about a command, in the person's language: each command's and
parameter's name, a parameter's value, and what is wrong with a form. What a station answered
(each outcome as a sentence, the details of a result) is command_outcomes.py.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from config.command_parameters import COMMAND_PARAMS, ParamProblem, ParamSpec
from config.constants import CommandType

from gui.numbers import format_number

# lupdate collects translate("Context", "text"[, None, n]) under this short name too.
translate = QCoreApplication.translate


def command_label(widget: object, command: CommandType) -> str:
    labels = {
        CommandType.PING: translate("Commands", "Ping"),
        CommandType.MESSAGE: translate("Commands", "Message"),
        CommandType.LOGOUT: translate("Commands", "Log the user out"),
        CommandType.LOCK: translate("Commands", "Lock entry"),
        CommandType.UNLOCK: translate("Commands", "Unlock entry"),
        CommandType.SET_LOT: translate("Commands", "Set lot"),
        CommandType.SET_PRODUCT: translate("Commands", "Set product (size)"),
        CommandType.SET_CONFIG: translate("Commands", "Change settings"),
        CommandType.RESEND_STATUS: translate("Commands", "Send status again"),
        CommandType.COLLECT_DIAGNOSTICS: QCoreApplication.translate("Commands",
                                                                    "Collect diagnostics"),
        CommandType.GET_LOGS: translate("Commands", "Get logs"),
        CommandType.BACKUP_NOW: translate("Commands", "Back up now"),
        CommandType.VERIFY_AUDIT: translate("Commands", "Verify audit"),
        CommandType.RESTART_APP: QCoreApplication.translate("Commands",
                                                            "Restart the application"),
        CommandType.CLOSE_APP: translate("Commands", "Close the application"),
    }
    return labels.get(command, str(command))


def type_label(value: Any) -> str:
    try:
        return command_label(None, CommandType(value))
    except ValueError:
        return str(value)


def param_label(widget: object, spec: ParamSpec) -> str:
    return param_name_label(spec.name, spec.label)


def param_name_label(name: str, fallback: str = "") -> str:
    """A parameter's name in the person's language (the form's labels, the history's cells)."""
    labels = {
        "text": translate("Commands", "Message"),
        "title": translate("Commands", "Title"),
        "reason": translate("Commands", "Reason"),
        "code": translate("Commands", "Lot code"),
        "total_boxes": translate("Commands", "Total boxes"),
        "current_box": translate("Commands", "Current box"),
        "size": translate("Commands", "Size"),
        "status_interval_ms": translate("Commands", "Status interval (ms)"),
        "rescan_interval_ms": QCoreApplication.translate("Commands",
                                                         "Inbox rescan interval (ms)"),
        "idle_logout_minutes": translate("Commands", "Idle logout (minutes)"),
        "lines": translate("Commands", "Lines"),
        "contains": translate("Commands", "Containing"),
        "force": translate("Commands", "Without asking the operator"),
    }
    return labels.get(name, fallback or name)


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return translate("Commands", "yes") if value else translate("Commands", "no")
    if isinstance(value, float):
        return format_number(value, 2)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def pairs_text(values: dict[str, Any], limit: int = 160) -> str:
    """A command's parameters in one cell: "Lot code: L1 · Total boxes: 40", names in the
    person's language where the parameter specification has them."""
    text = " · ".join(f"{param_name_label(name)}: {value_text(value)}"
                      for name, value in values.items())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def param_problem_text(problem: ParamProblem, command: CommandType) -> str:
    """What is wrong with the form, in the person's language (the specification's `code`)."""
    spec = next((s for s in COMMAND_PARAMS[command] if s.name == problem.name), None)
    label = problem.name if spec is None else param_label(None, spec)
    if problem.code == "required":
        text = translate("Commands", "Fill in “%1”: it is required. Nothing "
                                          "was sent.")
    elif problem.code == "int_range":
        text = translate("Commands", "“%1” must be from %2 to %3. Nothing was "
                                          "sent; correct it and send again.")
    elif problem.code == "text_length":
        text = translate("Commands", "“%1” must have %2 to %3 characters. "
                                          "Nothing was sent; correct it and send again.")
    else:  # wrong types or unknown names: the form cannot make them, a safety net
        text = translate("Commands", "“%1” does not fit what this command "
                                          "accepts. Nothing was sent; check the form and send "
                                          "again.")
    return (text.replace("%1", label).replace("%2", str(problem.minimum))
            .replace("%3", str(problem.maximum)))
