"""A lot's `verify` exception for a station whose check found nothing either way (no kind: a
fault of the program, utils/site/site_verify.py) says "could not be verified", never "None at
event None" nor "not intact"; a real finding still says what and where."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from utils.audit.verify import TamperKind, VerifyResult
from utils.release.exceptions import NOT_VERIFIED, chain_exceptions

from gui.admin.lot_texts import exception_text

UTC = ZoneInfo("UTC")


def test_a_station_not_verified_is_said_so_in_the_lot_exceptions():
    fault = VerifyResult("206", False, 0, detail="checking this station stopped with a fault")
    forged = VerifyResult("207", False, 9, first_bad_seq=4, kind=TamperKind.FORGED,
                          detail="event 4 recomputed")
    found = {e.station: e for e in chain_exceptions({"206", "207"}, [], {},
                                                    verified={"206": fault, "207": forged})}
    assert found["206"].params["kind"] == NOT_VERIFIED
    assert found["206"].detail == ("verify: not_verified: checking this station stopped with "
                                   "a fault")
    assert exception_text(found["206"], UTC) == (
        "The station's audit chain could not be verified: checking this station stopped with "
        "a fault")
    assert found["207"].detail == "verify: forged at event 4: event 4 recomputed"
    assert exception_text(found["207"], UTC) == (
        "The station's audit chain is not intact: event 4 recomputed")
