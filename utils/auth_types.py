"""What logging in gives and refuses: the session, the login result, an account refusal.

Kept apart from the services (utils/auth.py, utils/account_admin.py) so both, and the many
modules that only need a `Session`, depend on the values and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from config.constants import Role
from models.refusal import CodedRefusal
from utils.audit.chain import Actor

if TYPE_CHECKING:
    from utils.trust.crypto import SigningKeyPair


class AuthError(CodedRefusal):
    """A refused account operation; nothing was changed. `code` is stable for translation."""


@dataclass(frozen=True)
class Session:
    username: str
    full_name: str
    role: Role
    station: str
    started_at: datetime
    must_change_password: bool = False
    session_id: str = ""
    # The person's own signing key, opened with the password they typed at login (in a site);
    # it signs their commands, corrections and account changes. Never shown, never stored.
    signer: "SigningKeyPair | None" = field(default=None, repr=False, compare=False)

    @property
    def actor(self) -> Actor:
        return Actor(self.username, str(self.role))


class LoginFailure(StrEnum):
    BAD_CREDENTIALS = "bad_credentials"
    LOCKED = "locked"


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    session: Session | None = None
    failure: LoginFailure | None = None
    locked_until: datetime | None = None
