"""Password policy and hashing (bcrypt).

bcrypt reads at most 72 bytes, and bcrypt 5 raises on longer input instead of silently
truncating. So the policy counts UTF-8 bytes, not characters (an accented letter is 2 bytes),
and `check_password` treats an over-long candidate as a plain mismatch: at login that is a
normal failure, never a crash.
"""

from __future__ import annotations

import secrets

import bcrypt

from models.validation import has_forbidden_characters
from utils.password_blocklist import is_blocked

MIN_BYTES = 8
MAX_BYTES = 72
# Cost 12 in production (about a quarter of a second); tests monkeypatch this down to 4.
BCRYPT_ROUNDS = 12


class PasswordPolicyError(ValueError):
    """The new password breaks a rule; `code` is stable for translation, `params` fills it."""

    def __init__(self, code: str, message: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(message)


def check_policy(password: str, *, username: str | None = None,
                 old_password: str | None = None) -> None:
    """Raise PasswordPolicyError for the first rule the password breaks."""
    if not isinstance(password, str):
        raise PasswordPolicyError("type", "the password must be text")
    size = len(password.encode("utf-8"))
    if size < MIN_BYTES:
        raise PasswordPolicyError("too_short", f"the password needs at least {MIN_BYTES} characters",
                                  min=MIN_BYTES)
    if size > MAX_BYTES:
        raise PasswordPolicyError(
            "too_long", f"the password may have at most {MAX_BYTES} bytes in UTF-8 "
            f"(accented letters count as 2); this one has {size}", max=MAX_BYTES, size=size)
    if has_forbidden_characters(password):
        raise PasswordPolicyError("control_characters",
                                  "the password contains control or invisible characters")
    if is_blocked(password):
        raise PasswordPolicyError("common", "this password is too common or too easy to guess")
    if username and password.lower() == username.lower():
        raise PasswordPolicyError("is_username", "the password must not be the username")
    if old_password is not None and password == old_password:
        raise PasswordPolicyError("unchanged", "the new password must differ from the old one")


# One-time passwords are read off a screen or a printed slip and typed once: no letters or
# digits that look alike (0/O, 1/l/I), lower case only, in groups of four.
ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ONE_TIME_GROUPS = 3


def one_time_password(username: str | None = None) -> str:
    """A random password that passes the policy, e.g. 'k7mq-x2fa-9tnb' (about 74 bits). The
    person must change it at first login (the account is created with must_change_password)."""
    while True:
        candidate = "-".join("".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(4))
                             for _ in range(ONE_TIME_GROUPS))
        try:
            check_policy(candidate, username=username)
        except PasswordPolicyError:  # astronomically unlikely, but never hand out a bad one
            continue
        return candidate


def hash_password(password: str) -> str:
    """bcrypt hash (as text) of a password that passed `check_policy`."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode("ascii")


def check_password(password: str, password_hash: str) -> bool:
    """True when the password matches. Never raises on bad input; it just does not match."""
    if not isinstance(password, str) or not password_hash:
        return False
    candidate = password.encode("utf-8")
    if not candidate or len(candidate) > MAX_BYTES:
        return False
    try:
        return bcrypt.checkpw(candidate, password_hash.encode("ascii"))
    except ValueError:  # malformed stored hash: a mismatch, and the caller audits the failure
        return False


_dummy_hashes: dict[int, str] = {}


def burn_equivalent_time(password: str) -> None:
    """Spend the time a real check would, so an unknown username is not revealed by timing."""
    rounds = BCRYPT_ROUNDS
    if rounds not in _dummy_hashes:
        _dummy_hashes[rounds] = bcrypt.hashpw(b"not-a-real-account", bcrypt.gensalt(rounds=rounds)).decode()
    check_password(password, _dummy_hashes[rounds])
