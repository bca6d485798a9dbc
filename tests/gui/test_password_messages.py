"""The password refusals added in s17 are said in words of their own (why, and what to choose),
not the catch-all "This password cannot be used"."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("code, words", [
    ("contains_username", "must not contain the username"),
    ("contains_name", "must not contain the person's name"),
    ("common_with_ending", "A common word with digits or a year added")])
def test_each_new_refusal_says_why_and_what_to_choose(qapp, code, words):
    from gui.messages import password_policy_text

    text = password_policy_text(code, {})
    assert words in text and "unrelated words" in text
