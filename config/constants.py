"""Roles, the permission matrix and the remote commands' names (the allow-list)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    QUALITY = "quality"  # reviews and releases lots, reviews the audit trail; changes no record
    ADMIN = "admin"


class Permission(StrEnum):
    RECORD_CREATE = "record.create"
    RECORD_VIEW_OWN = "record.view_own"
    RECORD_VIEW_SITE = "record.view_site"
    RECORD_EDIT = "record.edit"
    RECORD_VOID = "record.void"
    RECORD_MANUAL = "record.manual"
    LOT_SET = "lot.set"
    EXPORT = "export"
    IMPORT_LEGACY = "import.legacy"
    AUDIT_VIEW = "audit.view"
    AUDIT_VERIFY = "audit.verify"
    USER_MANAGE = "user.manage"
    COMMAND_SEND = "command.send"
    FLEET_VIEW = "fleet.view"
    SETTINGS_MANAGE = "settings.manage"
    LOGS_VIEW = "logs.view"
    BACKUP_MANAGE = "backup.manage"  # make a backup now, set the schedule, restore (admins)
    ARCHIVE_MAKE = "archive.make"  # a self-verifying archive of a period
    LOT_VIEW = "lot.view"  # the Lots tab: a lot's status, exceptions, record PDF
    LOT_RELEASE = "lot.release"  # sign a lot's release, hold, rejection, completion, reopening
    AUDIT_REVIEW = "audit.review"  # sign a review of a period's audit trail (Annex 11 §9)
    DOWNTIME_CLASSIFY = "downtime.classify"  # declare a stop, give a stop its reason
    OEE_VIEW = "oee.view"  # the OEE tab: every station's stops and OEE
    SPC_BASELINE_FREEZE = "spc.baseline.freeze"  # freeze a chart's control limits (admins)
    HANDOVER_SIGN = "handover.sign"  # sign a shift's handover, acknowledge one, add a signed note
    HANDOVER_VIEW = "handover.view"  # every station's handovers in the admin panel's history
    LABEL_PRINT = "label.print"  # print box and lot labels; a reprint also needs a reason


_OPERATOR = frozenset(
    {Permission.RECORD_CREATE, Permission.RECORD_VIEW_OWN, Permission.LOT_SET, Permission.EXPORT,
     Permission.AUDIT_VERIFY, Permission.LABEL_PRINT}
)
_ANALYST = frozenset(
    {Permission.RECORD_VIEW_OWN, Permission.RECORD_VIEW_SITE, Permission.EXPORT,
     Permission.AUDIT_VIEW, Permission.AUDIT_VERIFY, Permission.FLEET_VIEW}
)
_SUPERVISOR = _OPERATOR | _ANALYST | frozenset(
    {Permission.RECORD_EDIT, Permission.RECORD_VOID, Permission.RECORD_MANUAL,
     Permission.COMMAND_SEND, Permission.IMPORT_LEGACY, Permission.ARCHIVE_MAKE}
)
# Quality assurance reviews and signs; it does not produce or correct (the people who made a
# lot do not release it: a supervisor runs production, so releasing is not theirs).
_QUALITY = _ANALYST | frozenset(
    {Permission.LOT_VIEW, Permission.LOT_RELEASE, Permission.AUDIT_REVIEW}
)
_SUPERVISOR = _SUPERVISOR | frozenset({Permission.LOT_VIEW})
_ANALYST = _ANALYST | frozenset({Permission.LOT_VIEW})
# Stops: the operator at the machine and the supervisor classify; everyone who reads the
# site's figures sees OEE.
_OPERATOR = _OPERATOR | frozenset({Permission.DOWNTIME_CLASSIFY})
_SUPERVISOR = _SUPERVISOR | frozenset({Permission.DOWNTIME_CLASSIFY, Permission.OEE_VIEW})
_ANALYST = _ANALYST | frozenset({Permission.OEE_VIEW})
_QUALITY = _QUALITY | frozenset({Permission.OEE_VIEW})
# Shift handover (issue 15): the people who run a station hand it over and take it (operators,
# supervisors); whoever reads the site may read the handovers' history.
_OPERATOR = _OPERATOR | frozenset({Permission.HANDOVER_SIGN})
_SUPERVISOR = _SUPERVISOR | frozenset({Permission.HANDOVER_SIGN, Permission.HANDOVER_VIEW})
_ANALYST = _ANALYST | frozenset({Permission.HANDOVER_VIEW})
_QUALITY = _QUALITY | frozenset({Permission.HANDOVER_VIEW})
_ADMIN = frozenset(Permission)

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: _OPERATOR,
    Role.ANALYST: _ANALYST,
    Role.SUPERVISOR: _SUPERVISOR,
    Role.QUALITY: _QUALITY,
    Role.ADMIN: _ADMIN,
}


def role_allows(role: Role | str, permission: Permission) -> bool:
    try:
        return permission in PERMISSIONS[Role(role)]
    except ValueError:
        return False


# The old system's account types (`tipo` in its usuarios.csv, lower case, accents removed, the
# feminine forms too) and the role each account gets when imported. No import creates an admin:
# - Coordenador -> supervisor: the coordinator runs production (panel, corrections, commands);
#   whether they also administer users and the site catalog is a decision for this site's
#   admin, who promotes them by hand with a reason (audited).
# - Desenvolvedor -> analyst: in the old system the developer was whoever maintained the
#   program (its hard-coded developer password was one of its defects), not a plant role. In
#   ours that work needs no account at all, so the account keeps read-only access and an admin
#   gives it more deliberately if the person needs it.
# The others map one to one (Operador, Analista, Encarregado = foreman -> supervisor).
LEGACY_ROLE_MAP: dict[str, Role] = {
    "operador": Role.OPERATOR, "operadora": Role.OPERATOR,
    "analista": Role.ANALYST,
    "encarregado": Role.SUPERVISOR, "encarregada": Role.SUPERVISOR,
    "coordenador": Role.SUPERVISOR, "coordenadora": Role.SUPERVISOR,
    "desenvolvedor": Role.ANALYST, "desenvolvedora": Role.ANALYST,
}


class CommandType(StrEnum):
    """The remote-command allow-list. There is deliberately no shell command."""

    PING = "ping"
    MESSAGE = "message"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK = "unlock"
    SET_LOT = "set_lot"
    SET_PRODUCT = "set_product"
    SET_CONFIG = "set_config"
    RESEND_STATUS = "resend_status"
    COLLECT_DIAGNOSTICS = "collect_diagnostics"
    GET_LOGS = "get_logs"
    BACKUP_NOW = "backup_now"
    VERIFY_AUDIT = "verify_audit"
    RESTART_APP = "restart_app"
    CLOSE_APP = "close_app"


_SUPERVISOR_UP = frozenset({Role.SUPERVISOR, Role.ADMIN})
# Which issuer roles a station accepts for each command type.
COMMAND_ROLES: dict[CommandType, frozenset[Role]] = {
    command: _SUPERVISOR_UP for command in CommandType
}
COMMAND_ROLES[CommandType.SET_CONFIG] = frozenset({Role.ADMIN})

# Commands that interrupt the operator: the admin panel asks for confirmation.
DISRUPTIVE_COMMANDS = frozenset(
    {CommandType.CLOSE_APP, CommandType.RESTART_APP, CommandType.LOCK, CommandType.LOGOUT}
)
