"""Parameters of each remote command: one table the station checks and the admin panel
turns into a form (no free-typed JSON anywhere)."""

from __future__ import annotations

from dataclasses import dataclass

from config.constants import CommandType


@dataclass(frozen=True)
class ParamSpec:
    name: str
    kind: str  # "str", "int" or "bool"
    required: bool = False
    minimum: int | None = None  # int: value; str: length
    maximum: int | None = None
    label: str = ""


def _s(name: str, label: str, *, required: bool = False, lo: int = 1, hi: int = 200) -> ParamSpec:
    return ParamSpec(name, "str", required, lo, hi, label)


def _i(name: str, label: str, lo: int, hi: int, *, required: bool = False) -> ParamSpec:
    return ParamSpec(name, "int", required, lo, hi, label)


def _b(name: str, label: str) -> ParamSpec:
    return ParamSpec(name, "bool", False, None, None, label)


COMMAND_PARAMS: dict[CommandType, tuple[ParamSpec, ...]] = {
    CommandType.PING: (),
    CommandType.MESSAGE: (_s("text", "Message", required=True, hi=1000),
                          _s("title", "Title", hi=100)),
    CommandType.LOGOUT: (_s("reason", "Reason"),),
    CommandType.LOCK: (_s("reason", "Reason", required=True),),
    CommandType.UNLOCK: (),
    CommandType.SET_LOT: (_s("code", "Lot code", required=True, hi=40),
                          _i("total_boxes", "Total boxes", 1, 100_000, required=True),
                          _i("current_box", "Current box", 1, 100_000)),
    CommandType.SET_PRODUCT: (_s("size", "Size", required=True, hi=20),),
    CommandType.SET_CONFIG: (_i("status_interval_ms", "Status interval (ms)", 10, 3_600_000),
                             _i("rescan_interval_ms", "Inbox rescan interval (ms)", 10, 3_600_000),
                             _i("idle_logout_minutes", "Idle logout (minutes)", 1, 1440)),
    CommandType.RESEND_STATUS: (),
    CommandType.COLLECT_DIAGNOSTICS: (),
    CommandType.GET_LOGS: (_i("lines", "Lines", 1, 5000), _s("contains", "Containing", hi=100)),
    CommandType.BACKUP_NOW: (),
    CommandType.VERIFY_AUDIT: (),
    CommandType.RESTART_APP: (_b("force", "Without asking the operator"),),
    CommandType.CLOSE_APP: (_b("force", "Without asking the operator"),),
}


def check_params(command_type: CommandType, params: object) -> str | None:
    """None when `params` fits the catalogue, else the reason (unknown names are refused)."""
    if not isinstance(params, dict):
        return "params must be an object"
    specs = {spec.name: spec for spec in COMMAND_PARAMS[command_type]}
    unknown = sorted(set(params) - set(specs))
    if unknown:
        return f"unknown parameter(s) for {command_type}: {', '.join(unknown)}"
    for spec in specs.values():
        if spec.name not in params:
            if spec.required:
                return f"parameter {spec.name} is required"
            continue
        value = params[spec.name]
        if spec.kind == "bool":
            if not isinstance(value, bool):
                return f"parameter {spec.name} must be true or false"
        elif spec.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"parameter {spec.name} must be a whole number"
            if not spec.minimum <= value <= spec.maximum:  # type: ignore[operator]
                return f"parameter {spec.name} must be from {spec.minimum} to {spec.maximum}"
        else:
            if not isinstance(value, str):
                return f"parameter {spec.name} must be text"
            if not spec.minimum <= len(value.strip()) <= spec.maximum:  # type: ignore[operator]
                return (f"parameter {spec.name} must have {spec.minimum} to {spec.maximum} "
                        "characters")
    return None
