"""Expected refusals: what a person can correct (a wrong passphrase, a weak password, a
station id in use, a value out of range, an action their role may not take). They are told
to the person in words, and logged as one INFO or WARNING line; a traceback in the log is kept
for real failures (bugs), so IT can tell the two apart."""

from __future__ import annotations

import logging
from functools import cache


@cache
def _refusals() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """(input refusals, access refusals). Imported on the first exception that is looked at,
    not with this module: the CLI and gui/tasks.py import it at start-up, and the services
    these classes live in (labels, handover, lot release, reviews) took ~0.3 s of every start
    of the app when they were imported here (bench_gui's startup phase)."""
    from config.settings import SettingsError
    from utils.backup.database_users import RestoreUnderWay
    from models.validation import ValidationFailed
    from utils.audit.review import ReviewError
    from utils.auth import AuthError
    from utils.mes.handover import HandoverError
    from utils.mes.labels import LabelError
    from utils.mes.zpl_printer import PrinterUnreachable
    from utils.passwords import PasswordPolicyError
    from utils.permissions import PermissionDenied
    from utils.production import ProductionError
    from utils.release.service import ReleaseError
    from utils.setup_checks import SetupError
    from utils.site.site_key import SiteError
    from utils.trust.bootstrap import BootstrapError
    from utils.trust.person_documents import NoSigningKey

    # Refusals about what the person typed or chose: information.
    inputs: tuple[type[BaseException], ...] = (
        SetupError, SiteError, PasswordPolicyError, ValidationFailed, ProductionError,
        SettingsError, LabelError, PrinterUnreachable, RestoreUnderWay)
    # Refusals a person may want to know were attempted (permissions, accounts): a warning.
    # BootstrapError: a PC's own accounts brought into a site (or an upgrade) by someone who
    # is not an active admin there, or with a wrong password. ReleaseError, ReviewError: a
    # signature refused (a wrong password, a lot changed since it was reviewed, an exception
    # not looked at). HandoverError: a handover's signature refused, or a change to a signed
    # one. NoSigningKey: an SPC freeze or a stop's classification with the person's key not
    # open.
    access: tuple[type[BaseException], ...] = (
        PermissionDenied, AuthError, BootstrapError, ReleaseError, ReviewError, HandoverError,
        NoSigningKey)
    return inputs, access


def is_refusal(exc: BaseException) -> bool:
    inputs, access = _refusals()
    return isinstance(exc, inputs + access)


def log_refusal(logger: logging.Logger, exc: BaseException, doing: str) -> None:
    """One line, no traceback: what was refused and why (messages never hold secrets)."""
    level = logging.WARNING if isinstance(exc, _refusals()[1]) else logging.INFO
    code = getattr(exc, "code", None)
    logger.log(level, "%s refused (%s%s): %s", doing, type(exc).__name__,
               f" {code}" if code else "", exc)
