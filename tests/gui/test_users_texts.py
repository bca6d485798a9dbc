"""The Users tab words every refusal of the account service in the person's language; a
deactivation or unlock with nothing to do is said as such, not as an unknown code."""

from __future__ import annotations

import pytest

from gui.admin.users_texts import auth_error_text
from utils.auth import AuthError


@pytest.mark.parametrize("code, words", [
    ("already_inactive", "already inactive"),
    ("not_locked", "not locked"),
])
def test_nothing_to_change_is_said_in_words(qapp, code, words):
    text = auth_error_text(AuthError(code, "service text"))
    assert words in text and "code" not in text and "service text" not in text
