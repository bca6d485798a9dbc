"""The electronic signature's check, before anything is signed (21 CFR 11.200: the person's
user name, at the session's first signing, and password re-entered).

Lot decisions, audit-trail reviews and shift handovers all sign a document with the person's
own key after this check; each raises its own refusal type (the GUI translates by `code`), so
the refusal class is given.
"""

from __future__ import annotations

from typing import Any, Callable

from models.refusal import CodedRefusal


def check_signature(ctx: Any, session: Any, password: str, username: str | None,
                    refusal: Callable[[str, str], CodedRefusal]) -> None:
    """Raise `refusal(code, message)` unless this PC may sign for `session` now: in a site its
    signing key is open, and the password (and user name, when asked) is right. Codes:
    `no_signing_key`, `username_missing` (asked and not given), `signature_rejected`."""
    if ctx.trust is not None and session.signer is None:
        raise refusal("no_signing_key", "Your signing key is not open on this PC (log in again; "
                                        "if it persists an admin resets your password); "
                                        "nothing was signed.")
    # Asked before the check, which audits the failed signature with its cause; a missing user
    # name gets its own words, so a right password is never reported as wrong.
    missing = ctx.auth.needs_username(session) and not (username or "").strip()
    if not ctx.auth.verify_signature(session, password, username):
        if missing:
            raise refusal("username_missing", "Your user name is required at the first "
                                              "signature after each login; nothing was signed.")
        raise refusal("signature_rejected", "Wrong user name or password, or the account is "
                                            "locked; nothing was signed.")
