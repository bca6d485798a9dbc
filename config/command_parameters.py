"""Parameters of each remote command: one table the station checks and the admin panel
turns into a form (no free-typed JSON anywhere)."""

from __future__ import annotations

from dataclasses import dataclass

from config.constants import CommandType

# `ParamSpec.choices`: a text parameter whose value must be one of the site catalog's sizes.
# Only the names are known here (the site catalog is site data); the panel offers them as a
# choice and the station checks the value against its own site catalog when it runs it.
CATALOG_SIZES = "catalog_sizes"


@dataclass(frozen=True)
class ParamSpec:
    name: str
    kind: str  # "str", "int" or "bool"
    required: bool = False
    minimum: int | None = None  # int: value; str: length
    maximum: int | None = None
    label: str = ""
    choices: str = ""  # "" (free within the limits) or CATALOG_SIZES


@dataclass(frozen=True)
class ParamProblem:
    """Why parameters do not fit their specification, as a stable `code` a GUI can translate (the
    parameter's `name` and the spec's limits fill it in); `message` is the English wording
    used in logs, exceptions and acks."""

    code: str  # not_object, unknown, required, not_bool, not_int, int_range, not_text, text_length
    name: str = ""  # the parameter (for `unknown`: the unknown names, comma-separated)
    minimum: int | None = None
    maximum: int | None = None
    command_type: str = ""

    @property
    def message(self) -> str:
        texts = {
            "not_object": "params must be an object",
            "unknown": f"unknown parameter(s) for {self.command_type}: {self.name}",
            "required": f"parameter {self.name} is required",
            "not_bool": f"parameter {self.name} must be true or false",
            "not_int": f"parameter {self.name} must be a whole number",
            "int_range": f"parameter {self.name} must be from {self.minimum} to {self.maximum}",
            "not_text": f"parameter {self.name} must be text",
            "text_length": (f"parameter {self.name} must have {self.minimum} to {self.maximum} "
                            "characters"),
        }
        return texts[self.code]


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
    CommandType.SET_PRODUCT: (ParamSpec("size", "str", True, 1, 20, "Size", CATALOG_SIZES),),
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
    """None when `params` fits its command's specification, else the reason (unknown names
    are refused)."""
    problem = param_problem(command_type, params)
    return None if problem is None else problem.message


def param_problem(command_type: CommandType, params: object) -> ParamProblem | None:
    """None when `params` fits its command's specification, else the first problem found."""
    if not isinstance(params, dict):
        return ParamProblem("not_object", command_type=str(command_type))
    specs = {spec.name: spec for spec in COMMAND_PARAMS[command_type]}
    unknown = sorted(set(params) - set(specs))
    if unknown:
        return ParamProblem("unknown", ", ".join(unknown), command_type=str(command_type))
    for spec in specs.values():
        problem = _spec_problem(spec, params)
        if problem is not None:
            return ParamProblem(problem, spec.name, spec.minimum, spec.maximum, str(command_type))
    return None


def _spec_problem(spec: ParamSpec, params: dict) -> str | None:
    if spec.name not in params:
        return "required" if spec.required else None
    value = params[spec.name]
    if spec.kind == "bool":
        return None if isinstance(value, bool) else "not_bool"
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "not_int"
        within = spec.minimum <= value <= spec.maximum  # type: ignore[operator]
        return None if within else "int_range"
    if not isinstance(value, str):
        return "not_text"
    within = spec.minimum <= len(value.strip()) <= spec.maximum  # type: ignore[operator]
    return None if within else "text_length"
