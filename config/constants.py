"""Roles, the permission matrix and the remote-command catalogue names."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
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


_OPERATOR = frozenset(
    {Permission.RECORD_CREATE, Permission.RECORD_VIEW_OWN, Permission.LOT_SET, Permission.EXPORT,
     Permission.AUDIT_VERIFY}
)
_ANALYST = frozenset(
    {Permission.RECORD_VIEW_OWN, Permission.RECORD_VIEW_SITE, Permission.EXPORT,
     Permission.AUDIT_VIEW, Permission.AUDIT_VERIFY, Permission.FLEET_VIEW}
)
_SUPERVISOR = _OPERATOR | _ANALYST | frozenset(
    {Permission.RECORD_EDIT, Permission.RECORD_VOID, Permission.RECORD_MANUAL,
     Permission.COMMAND_SEND, Permission.IMPORT_LEGACY}
)
_ADMIN = frozenset(Permission)

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: _OPERATOR,
    Role.ANALYST: _ANALYST,
    Role.SUPERVISOR: _SUPERVISOR,
    Role.ADMIN: _ADMIN,
}


def role_allows(role: Role | str, permission: Permission) -> bool:
    try:
        return permission in PERMISSIONS[Role(role)]
    except ValueError:
        return False


# Old system's role names (Portuguese) mapped on import.
LEGACY_ROLE_MAP: dict[str, Role] = {
    "operador": Role.OPERATOR,
    "analista": Role.ANALYST,
    "encarregado": Role.SUPERVISOR,
    "coordenador": Role.ADMIN,
    "desenvolvedor": Role.ADMIN,
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
