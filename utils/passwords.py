"""Password policy and hashing (bcrypt).

bcrypt reads at most 72 bytes, and bcrypt 5 raises on longer input instead of silently
truncating. So the policy counts UTF-8 bytes, not characters (an accented letter is 2 bytes),
and `check_password` treats an over-long candidate as a plain mismatch: at login that is a
normal failure, never a crash.

Every place that sets a password (the first admin, a new user, a reset, a change, the set-up
wizard, the demo, the CLI) calls `check_policy`, with the username and the person's full name
when it has them: a password built on the person's own name ("pedro2025" for pedro) is the
first one a colleague would guess.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

import bcrypt

from models.validation import has_forbidden_characters
from utils.password_blocklist import is_blocked, is_listed_word_with_ending

MIN_BYTES = 8
MAX_BYTES = 72
# Cost 12 in production (about a quarter of a second); tests monkeypatch this down to 4.
BCRYPT_ROUNDS = 12
# A username or a part of a name shorter than this ("al", "da") is too common inside other
# words to refuse a password for containing it.
NAME_PART_MIN = 3


class PasswordPolicyError(ValueError):
    """The new password breaks a rule; `code` is stable for translation, `params` fills it."""

    def __init__(self, code: str, message: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(message)


def _folded(text: str) -> str:
    """Compared as a person reads it: no case, no accents ("José" is in "jose2025")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _name_parts(full_name: str | None) -> list[str]:
    """The words of a full name long enough to count ("Maria da Silva" -> maria, silva)."""
    words = re.split(r"[\W_]+", _folded(full_name or ""))
    return [word for word in words if len(word) >= NAME_PART_MIN]


def _check_personal(password: str, username: str | None, full_name: str | None) -> None:
    """The password must not be built on the person's username or name."""
    if username and password.lower() == username.lower():
        raise PasswordPolicyError("is_username", "the password must not be the username")
    folded = _folded(password)
    if username and len(username) >= NAME_PART_MIN and _folded(username) in folded:
        raise PasswordPolicyError(
            "contains_username", "the password must not contain the username; choose words "
            "that have nothing to do with you, such as three unrelated words")
    if any(part in folded for part in _name_parts(full_name)):
        raise PasswordPolicyError(
            "contains_name", "the password must not contain the person's name; choose words "
            "that have nothing to do with them, such as three unrelated words")


def check_policy(password: str, *, username: str | None = None, full_name: str | None = None,
                 old_password: str | None = None) -> None:
    """Raise PasswordPolicyError for the first rule the password breaks. `username` and
    `full_name`: the person's, when known (a password built on them is refused)."""
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
    if is_listed_word_with_ending(password):
        raise PasswordPolicyError(
            "common_with_ending", "a common word with digits or a year added is among the first "
            "guesses; choose three or four unrelated words instead")
    _check_personal(password, username, full_name)
    if old_password is not None and password == old_password:
        raise PasswordPolicyError("unchanged", "the new password must differ from the old one")


# One-time passwords are read off a screen or a printed slip and typed once: no letters or
# digits that look alike (0/O, 1/l/I), lower case only, in groups of four.
ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ONE_TIME_GROUPS = 3


def _one_time_group() -> str:
    """Four characters with no three letters in a row: a one-time password then never holds a
    name (the policy refuses a password containing the person's name, which this function is
    not told), at the cost of about 1 bit per group."""
    while True:
        group = "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(4))
        if not re.search(r"[a-z]{%d}" % NAME_PART_MIN, group):
            return group


def one_time_password(username: str | None = None) -> str:
    """A random password that passes the policy, e.g. 'k7m2-x2fa-9tn4' (about 56 bits). The
    person must change it at first login (the account is created with must_change_password)."""
    while True:
        candidate = "-".join(_one_time_group() for _ in range(ONE_TIME_GROUPS))
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
