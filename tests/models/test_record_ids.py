"""models/record_ids.py: a record id made for one station cannot be claimed by another."""

from __future__ import annotations

import random
import uuid

from models.record_ids import is_station_bound, new_record_id, record_id_problem


def test_an_id_is_made_for_its_station_and_refused_for_any_other():
    record_id = new_record_id("205")
    assert len(record_id) == 32 and int(record_id, 16) >= 0
    assert uuid.UUID(record_id).version == 8
    assert uuid.UUID(record_id).variant == uuid.RFC_4122
    assert is_station_bound(record_id)
    assert record_id_problem(record_id, "205") is None
    for other in ("207", "2050", "20", " 205", "office-1"):
        problem = record_id_problem(record_id, other)
        assert problem == (f"record id {record_id} was made for another station than {other} "
                           "(a copy of another station's record)")


def test_every_changed_digit_of_an_id_is_caught():
    record_id = new_record_id("205", random.Random(1).randbytes)
    for at in range(32):
        if at in (12, 16):
            continue  # the form's own digits: another form, judged as an old id
        for digit in "0123456789abcdef":
            changed = record_id[:at] + digit + record_id[at + 1:]
            if changed != record_id:
                assert record_id_problem(changed, "205") is not None, (at, digit)


def test_ids_of_the_older_forms_prove_nothing_and_are_taken():
    assert record_id_problem(uuid.uuid4().hex, "207") is None
    assert record_id_problem("0" * 32, "207") is None
    assert record_id_problem("ABCDEF", "207") is None


def test_ids_are_random_and_repeatable_with_a_seeded_source():
    assert new_record_id("206") != new_record_id("206")
    assert (new_record_id("206", random.Random(7).randbytes)
            == new_record_id("206", random.Random(7).randbytes))


def test_the_form_is_pinned_by_known_answers():
    # Ids made by every version of the program must keep passing: the tag's derivation (its
    # domain, the station's UTF-8 bytes, the separator, the version and variant bits) never
    # changes without a new form.
    assert new_record_id("207", lambda n: bytes(range(n))) == "0001020304058607b69029f40fe6542f"
    assert new_record_id("205", random.Random(1).randbytes) == "f5b165224a5887919811b465afc7edb5"
    assert record_id_problem("0001020304058607b69029f40fe6542f", "207") is None


def test_a_copy_is_refused_whichever_variant_digit_its_id_has():
    found: dict[str, str] = {}
    seed = 0
    while len(found) < 4:  # the variant digit comes from the tag: 8, 9, a or b
        record_id = new_record_id("205", random.Random(seed).randbytes)
        found.setdefault(record_id[16], record_id)
        seed += 1
    for digit, record_id in sorted(found.items()):
        assert is_station_bound(record_id), digit
        assert record_id_problem(record_id, "205") is None
        assert record_id_problem(record_id, "207") is not None, digit
