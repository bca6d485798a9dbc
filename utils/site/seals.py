"""Checking the seal lines of station journals: one small interface between the journal check
(utils/site/journal_check.py) and who may seal a station's events.

A seal check is a callable `seal_ok(station_id, seal_document) -> str | None`: None means the
seal verifies for that station; a text says why not. A refusal because the station is not (or
no longer) a member of the site is returned as a `NotMember` text, so readers can tell "not a
member" apart from "intact" and from "broken" (a forged or altered journal).

A seal counts when it is signed by the PC certified for the station in the site directory, or
by a PC it took over from up to the head that PC had sealed when it was retired, and was made
for the journal folder it is read in (utils/trust/site_trust.SiteTrust.check_seal). A seal
check is therefore made for one journal folder of a station (`pc_seal_check(trust, folder)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from utils.site.ports import FIRST_CHAIN
from utils.trust.site_trust import NOT_A_MEMBER

if TYPE_CHECKING:
    from utils.trust.site_trust import SiteTrust

SealCheck = Callable[[str, dict[str, Any]], "str | None"]


class NotMember(str):
    """A seal refusal meaning: this station is not a member of the site (never joined, or its
    membership was revoked). Distinct from a seal that does not verify."""


def pc_seal_check(trust: "SiteTrust", folder: str = FIRST_CHAIN) -> SealCheck:
    """Seals signed by the station's certified PC key (Ed25519), checked against the directory,
    for the station's journal folder named `folder`."""

    def seal_ok(station_id: str, seal: dict[str, Any]) -> str | None:
        problem = trust.check_seal(station_id, seal, folder)
        if problem == NOT_A_MEMBER:
            return NotMember(problem)
        return problem

    return seal_ok


def no_site_seal_check(station_id: str, seal: dict[str, Any]) -> str | None:
    """A PC in no site trusts no journal: every station is 'not a member'."""
    return NotMember(NOT_A_MEMBER)
