"""Registering boxes, lots, corrections, voids, conflicts and permissions, on a real database."""

from __future__ import annotations

import pytest

from config.constants import Role
from data.records_repo import RecordFilter
from models.record import Origin, RecordStatus
from models.validation import ValidationFailed
from utils.clock import ManualClock
from utils.context import AppContext
from utils.permissions import PermissionDenied
from utils.production import Meaning, ProductionError, Signature, SignatureRejected

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4, raising=False)
    clock = ManualClock()
    from config.settings import Settings

    context = AppContext.open(tmp_path / "home", clock=clock,
                              settings=Settings(station_id="206", timezone="America/Sao_Paulo"))
    context.auth.create_first_admin("admin", "Ana Admin", "Quarry-Lantern-42")
    admin = context.auth.login("admin", "Quarry-Lantern-42").session
    for name, role in (("op", Role.OPERATOR), ("sup", Role.SUPERVISOR), ("sup2", Role.SUPERVISOR)):
        context.auth.create_user(admin, name, name.title(), role, "Initial-Pass-" + "x".join(name), "new hire on shift A")
    yield context
    context.close()


def login(ctx, name):
    session = ctx.auth.login(name, "Initial-Pass-" + "x".join(name)).session
    assert session is not None
    return session


def test_register_box_advances_the_lot_and_audits(ctx):
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L2503-001", 3, 1)
    record = ctx.production.register_box(op, FORM)
    assert (record.lot, record.box, record.cam_d, record.cam_w) == ("L2503-001", 1, 4.42, 3.98)
    assert record.operator == "op" and record.origin == Origin.STATION
    assert record.utc_offset_minutes == -180 and record.unit_weight_kg == 0.000121
    assert ctx.production.current_lot().current_box == 2
    from data import audit_repo

    with ctx.database.read() as c:
        actions = [e["action"] for e in audit_repo.list_events(c, station="206")]
    assert actions[-2:] == ["lot.set", "record.create"]


def test_last_box_is_registrable_then_lot_complete(ctx):
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L1", 2, 1)
    ctx.production.register_box(op, FORM)
    last = ctx.production.register_box(op, FORM)
    assert last.box == 2
    assert ctx.production.current_lot().is_complete
    with pytest.raises(ProductionError) as error:
        ctx.production.register_box(op, FORM)
    assert error.value.code == "lot_complete"


def test_no_lot_and_lock_refuse_entry(ctx):
    op = login(ctx, "op")
    with pytest.raises(ProductionError) as error:
        ctx.production.register_box(op, FORM)
    assert error.value.code == "no_lot"
    ctx.production.set_lot(op, "L1", 5)
    ctx.production.locked_reason = "machine cleaning"
    with pytest.raises(ProductionError, match="machine cleaning"):
        ctx.production.register_box(op, FORM)


def test_invalid_form_saves_nothing(ctx):
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L1", 5)
    with pytest.raises(ValidationFailed) as error:
        ctx.production.register_box(op, {**FORM, "cam_d": "101", "rej2_defect": "Furo"})
    fields = {e.field for e in error.value.errors}
    assert fields == {"cam_d", "rej2_location"}
    assert ctx.production.list_records(op) == []
    assert ctx.production.current_lot().current_box == 1


def test_edit_keeps_author_and_history(ctx):
    op, sup = login(ctx, "op"), login(ctx, "sup")
    ctx.production.set_lot(op, "L1", 5)
    original = ctx.production.register_box(op, FORM)
    with pytest.raises(ValidationFailed):
        ctx.production.edit_record(sup, original.record_id, {"cam_d": "2,5"}, "short")
    ctx.clock.advance(minutes=5)
    edited = ctx.production.edit_record(sup, original.record_id, {"cam_d": "2,5"},
                                        "operator typed the wrong value")
    assert (edited.version, edited.operator, edited.editor, edited.cam_d) == (2, "op", "sup", 2.5)
    history = ctx.production.history(sup, original.record_id)
    assert [v.version for v in history] == [1, 2] and history[0].cam_d == 4.42


def test_void_is_a_new_version(ctx):
    op, sup = login(ctx, "op"), login(ctx, "sup")
    ctx.production.set_lot(op, "L1", 5)
    record = ctx.production.register_box(op, FORM)
    voided = ctx.production.void_record(sup, record.record_id, "box counted twice by mistake")
    assert voided.status == RecordStatus.VOIDED and voided.version == 2
    rows = ctx.production.list_records(sup, RecordFilter(include_voided=False))
    assert rows == []
    assert len(ctx.production.history(sup, record.record_id)) == 2


def test_concurrent_edits_both_kept_and_conflict_visible(ctx):
    op, sup, sup2 = login(ctx, "op"), login(ctx, "sup"), login(ctx, "sup2")
    ctx.production.set_lot(op, "L1", 5)
    record = ctx.production.register_box(op, FORM)
    first = ctx.production.edit_record(sup, record.record_id, {"cam_d": "1"},
                                       "first correction from paper", base_version=1)
    second = ctx.production.edit_record(sup2, record.record_id, {"cam_w": "2"},
                                        "second correction seen on v1", base_version=1)
    assert not first.is_conflict and second.is_conflict
    assert [v.version for v in ctx.production.history(sup, record.record_id)] == [1, 2, 3]


def test_operator_cannot_edit_and_the_attempt_is_audited(ctx):
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L1", 5)
    record = ctx.production.register_box(op, FORM)
    with pytest.raises(PermissionDenied):
        ctx.production.edit_record(op, record.record_id, {"cam_d": "1"}, "trying my luck here")
    from data import audit_repo

    with ctx.database.read() as c:
        denied = audit_repo.list_events(c, action="permission.denied")
    assert denied and denied[-1]["username"] == "op"


def test_operator_sees_only_own_station(ctx):
    op, sup = login(ctx, "op"), login(ctx, "sup")
    ctx.production.set_lot(op, "L1", 5)
    ctx.production.register_box(op, FORM)
    ctx.production.manual_record(sup, "201", {**FORM, "lot": "LX", "box": "1", "size": "#1"},
                                 "machine 201 collector was down")
    assert len(ctx.production.list_records(sup)) == 2
    assert [r["station_id"] for r in ctx.production.list_records(op)] == ["206"]
    assert [r["station_id"] for r in
            ctx.production.list_records(op, RecordFilter(station_id="201"))] == ["206"]


def test_chain_verifies_after_all_of_it(ctx):
    op, sup = login(ctx, "op"), login(ctx, "sup")
    ctx.production.set_lot(op, "L1", 5)
    record = ctx.production.register_box(op, FORM)
    ctx.production.edit_record(sup, record.record_id, {"cam_d": "1"}, "corrected from the log")
    results = ctx.verify_audit()
    assert results and all(r.ok for r in results)


# -- signatures ---------------------------------------------------------------------------------

def _events(ctx, action):
    import json

    from data import audit_repo

    with ctx.database.read() as c:
        return [json.loads(e["body"]) for e in audit_repo.list_events(c, action=action)]


def _other_station_record(ctx, sup):
    """A box entered here for machine 201: this PC (station 206) holds another station's record."""
    return ctx.production.manual_record(sup, "201", {**FORM, "lot": "LX", "box": "1", "size": "#1"},
                                        "machine 201 collector was down")


def test_signed_edit_and_void_write_the_signature_manifest_never_the_password(ctx):
    sup = login(ctx, "sup")
    record = _other_station_record(ctx, sup)
    ctx.clock.advance(minutes=3)
    ctx.production.edit_record(sup, record.record_id, {"cam_d": "1"}, "corrected from the log",
                               signature=Signature("Initial-Pass-sxuxp", Meaning.CORRECTION))
    signed_at = "2026-11-22T12:03:00.000Z"
    assert _events(ctx, "record.edit")[-1]["after"]["signature"] == {
        "meaning": "correction", "signed_by": "sup", "full_name": "Sup", "signed_at": signed_at}
    ctx.clock.advance(minutes=2)
    ctx.production.void_record(sup, record.record_id, "box counted twice by mistake",
                               signature=Signature("Initial-Pass-sxuxp", Meaning.VOID))
    assert _events(ctx, "record.void")[-1]["after"]["signature"] == {
        "meaning": "void", "signed_by": "sup", "full_name": "Sup",
        "signed_at": "2026-11-22T12:05:00.000Z"}
    from data import audit_repo

    with ctx.database.read() as c:
        assert not [e for e in audit_repo.list_events(c) if "Initial-Pass-sxuxp" in e["body"]]
    assert all(r.ok for r in ctx.verify_audit())


def test_a_wrong_password_saves_nothing_and_counts_towards_the_lockout(ctx):
    sup = login(ctx, "sup")
    record = _other_station_record(ctx, sup)
    for attempt in range(ctx.settings.lockout_threshold):
        with pytest.raises(SignatureRejected) as error:
            ctx.production.void_record(sup, record.record_id, "box counted twice by mistake",
                                       signature=Signature(f"wrong-{attempt}", Meaning.VOID))
        assert error.value.code == "signature_rejected"
    assert [v.version for v in ctx.production.history(sup, record.record_id)] == [1]
    assert _events(ctx, "record.void") == [] and _events(ctx, "user.locked")
    # Locked now: even the right password does not sign until the lockout ends.
    with pytest.raises(SignatureRejected):
        ctx.production.void_record(sup, record.record_id, "box counted twice by mistake",
                                   signature=Signature("Initial-Pass-sxuxp", Meaning.VOID))
    assert [v.version for v in ctx.production.history(sup, record.record_id)] == [1]


def test_a_change_refused_for_its_content_leaves_no_signature_behind(ctx):
    """Refusals that need no signature come first: no "signature" event, no password counted."""
    sup = login(ctx, "sup")
    record = _other_station_record(ctx, sup)
    signed = Signature("Initial-Pass-sxuxp", Meaning.CORRECTION)
    with pytest.raises(ValidationFailed):
        ctx.production.edit_record(sup, record.record_id, {"cam_d": "abc"},
                                   "corrected from the log", signature=signed)
    with pytest.raises(ProductionError) as error:
        ctx.production.edit_record(sup, "0" * 32, {"cam_d": "1"}, "corrected from the log",
                                   signature=signed)
    assert error.value.code == "not_found"
    ctx.production.void_record(sup, record.record_id, "box counted twice by mistake",
                               signature=Signature("Initial-Pass-sxuxp", Meaning.VOID))
    with pytest.raises(ProductionError) as error:
        ctx.production.void_record(sup, record.record_id, "box counted twice by mistake",
                                   signature=Signature("Initial-Pass-sxuxp", Meaning.VOID))
    assert error.value.code == "voided"
    assert len(_events(ctx, "signature")) == 1  # the one void that was saved


def test_another_stations_record_needs_a_valid_signature(ctx):
    sup = login(ctx, "sup")
    record = _other_station_record(ctx, sup)
    refused = [
        (lambda: ctx.production.edit_record(sup, record.record_id, {"cam_d": "1"},
                                            "corrected from the log"), "signature_required"),
        (lambda: ctx.production.void_record(sup, record.record_id, "box counted twice, paper"),
         "signature_required"),
        # A signature given for another meaning does not sign this change.
        (lambda: ctx.production.void_record(
            sup, record.record_id, "box counted twice, paper",
            signature=Signature("Initial-Pass-sxuxp", Meaning.CORRECTION)), "signature_meaning"),
    ]
    for call, code in refused:
        with pytest.raises(SignatureRejected) as error:
            call()
        assert error.value.code == code
    assert [v.version for v in ctx.production.history(sup, record.record_id)] == [1]


def test_a_stations_own_record_may_still_be_changed_unsigned_and_says_so(ctx):
    op, sup = login(ctx, "op"), login(ctx, "sup")
    ctx.production.set_lot(op, "L1", 5)
    record = ctx.production.register_box(op, FORM)
    ctx.production.edit_record(sup, record.record_id, {"cam_d": "1"}, "corrected from the log")
    assert _events(ctx, "record.edit")[-1]["after"]["signature"] is None


def test_an_imported_gap_survives_a_correction_and_can_be_filled(ctx, tmp_path):
    """A defect imported without its location keeps "not recorded" through a correction of
    something else, may get a real location, and no box entered here can carry it."""
    from config.catalog import LOCATION_NOT_RECORDED
    from models.record import Rejection
    from utils.records_io import import_legacy_file

    path = tmp_path / "dados_producao.csv"
    path.write_text("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,percent_cam_d,"
                    "percent_cam_w,data_hora\n206,L1,1,#00,0.000121,Furo,N/A,2.5,,"
                    "2025-11-03 06:02:23\n", encoding="utf-8")
    sup = login(ctx, "sup")
    assert import_legacy_file(ctx.production, sup, path, "America/Sao_Paulo").imported == 1
    (row,) = ctx.production.list_records(sup)
    corrected = ctx.production.edit_record(sup, row["record_id"], {"cam_d": "2,7"},
                                           "value re-read from the paper log")
    assert corrected.rejections == (Rejection("Furo", LOCATION_NOT_RECORDED),)
    assert corrected.cam_w is None
    filled = ctx.production.edit_record(sup, row["record_id"], {"rej1_location": "Cap"},
                                        "location found on the paper log")
    assert filled.rejections == (Rejection("Furo", "Cap"),)
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L2", 5)
    with pytest.raises(ValidationFailed) as refused:
        ctx.production.register_box(op, {**FORM, "rej1_location": LOCATION_NOT_RECORDED})
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("rej1_location", "location_missing")]
