"""The legacy import's "is this box already imported?" lookup (data/legacy_boxes.py) on a lot
whose boxes have several versions, and the way it reads the database.

A box is its station, its lot and its box number; a row is compared with the record as it was
imported (version 1), never with a later correction or void, and when an older import left
several records for one box, one the row matches wins. The lookup reads only the row's box
(the index ix_record_versions_box), not the station's history: importing a lot of N boxes
must not cost N^2 (tests/benchmarks/bench_legacy_import.py measures it).
"""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

import pytest
from sqlalchemy import event

from config.settings import Settings
from data import records_repo
from models.record import Origin
from utils.clock import ManualClock
from utils.context import AppContext
from utils.records_io import ImportReport, import_legacy_file

PASSWORD = "Quarry-Lantern-42"
ZONE = "America/Sao_Paulo"
HEADER = ("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,percent_cam_d,"
          "percent_cam_w,data_hora,origem,justificativa,usuario_reg")
# Lot L7 on station 206, boxes 1 to 4 (CAM-D 2.1 .. 2.4), and box 2 of the same lot on 207.
BOXES = [("206", box, f"2.{box}") for box in range(1, 5)] + [("207", 2, "3.2")]


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4, raising=False)
    context = AppContext.open(tmp_path / "home", clock=ManualClock(),
                              settings=Settings(station_id="206", timezone=ZONE))
    context.auth.create_first_admin("admin", "Ana Admin", PASSWORD)
    yield context
    context.close()


def legacy_file(path: Path, *, cam_d: dict[tuple[str, int], str] | None = None,
                cam_w: str = "3.1", excel_time: bool = False) -> Path:
    """The lot as the old system wrote it; `cam_d` overrides some boxes' CAM-D, `excel_time`
    writes the times as a re-save by Excel does (day first, no seconds: new source keys)."""
    lines = [HEADER]
    for station, box, value in BOXES:
        value = (cam_d or {}).get((station, box), value)
        when = f"03/11/2025 06:0{box}" if excel_time else f"2025-11-03 06:0{box}:23"
        lines.append(f"{station},L7,{box},#00,0.000121,Furo,Cap,{value},{cam_w},{when},"
                     f"coletor,,op")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(ctx: AppContext, path: Path) -> ImportReport:
    admin = ctx.auth.login("admin", PASSWORD).session
    return import_legacy_file(ctx.production, admin, path, ZONE)


def counts(report: ImportReport) -> tuple[int, int, int]:
    return report.imported, report.already_present, len(report.conflicts)


def record_ids(ctx: AppContext) -> dict[tuple[str, int], str]:
    admin = ctx.auth.login("admin", PASSWORD).session
    return {(row["station_id"], row["box"]): row["record_id"]
            for row in ctx.production.list_records(admin)}


def test_boxes_corrected_and_voided_after_the_import_are_compared_as_imported(ctx, tmp_path):
    assert counts(run_import(ctx, legacy_file(tmp_path / "first.csv"))) == (5, 0, 0)
    ids = record_ids(ctx)
    admin = ctx.auth.login("admin", PASSWORD).session
    ctx.production.edit_record(admin, ids["206", 2], {"cam_d": "2,7"}, "re-read from the log")
    ctx.production.void_record(admin, ids["206", 3], "box thrown away at inspection")
    for value in ("2,9", "3,0"):  # box 4: versions 2 and 3
        ctx.production.edit_record(admin, ids["206", 4], {"cam_d": value}, "re-read once more")

    # An Excel copy of the same file: every box already present, whatever was done to it since.
    excel = run_import(ctx, legacy_file(tmp_path / "excel.csv", excel_time=True))
    assert counts(excel) == (0, 5, 0)

    # A copy holding box 2's correction: a conflict with the value imported (its version 1),
    # box 2 of 207 (another station's box) untouched; the other lines are the same rows.
    corrected = run_import(ctx, legacy_file(tmp_path / "corrected.csv",
                                            cam_d={("206", 2): "2.7", ("206", 4): "3.0"}))
    assert counts(corrected) == (0, 3, 2)
    assert [(c.station_id, c.box, c.differences, c.record_id, c.earlier_line)
            for c in corrected.conflicts] == [
        ("206", 2, ("percent_cam_d: 2.2 imported, 2.7 in this line",), ids["206", 2], None),
        ("206", 4, ("percent_cam_d: 2.4 imported, 3 in this line",), ids["206", 4], None)]
    assert len(record_ids(ctx)) == 5


def test_a_box_an_older_import_left_twice_matches_either_record(ctx, tmp_path):
    """Two imported records of box 1 (an older import, before a box was its station, lot and
    box): a row equal to either is already present; a row equal to neither is a conflict with
    the first of them (by time, then id)."""
    assert counts(run_import(ctx, legacy_file(tmp_path / "first.csv"))) == (5, 0, 0)
    original = record_ids(ctx)["206", 1]
    with ctx.database.write() as connection:
        (imported,) = records_repo.history(connection, original)
        twin = dataclasses.replace(imported, record_id=uuid.UUID(int=1).hex, cam_w=3.9)
        assert twin.origin == Origin.IMPORT and twin.record_id < original
        records_repo.insert_version(connection, twin)

    # Box 1 is the twin; the other boxes differ from their only record.
    assert counts(run_import(ctx, legacy_file(tmp_path / "w39.csv", cam_w="3.9"))) == (0, 1, 4)
    # cam_w 3.1 again, but new source keys: found by the box, equal to the original record.
    assert counts(run_import(ctx, legacy_file(tmp_path / "w31.csv", excel_time=True))) \
        == (0, 5, 0)
    neither = run_import(ctx, legacy_file(tmp_path / "w40.csv", cam_w="4.0"))
    box_1 = [c for c in neither.conflicts if (c.station_id, c.box) == ("206", 1)]
    assert [(c.record_id, c.differences) for c in box_1] == [
        (twin.record_id, ("percent_cam_w: 3.9 imported, 4 in this line",))]


def test_the_lookup_reads_only_the_rows_box(ctx, tmp_path):
    """Each lookup of a box goes through the box's index, whatever else the station holds; it
    used to read every record of the station (a station's time index), N times for a lot of N
    boxes."""
    statements: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "FROM record_versions" in statement and "record_versions.box =" in statement:
            statements.append((statement, parameters))

    event.listen(ctx.database.engine, "before_cursor_execute", capture)
    try:
        run_import(ctx, legacy_file(tmp_path / "first.csv"))
        run_import(ctx, legacy_file(tmp_path / "excel.csv", excel_time=True))
    finally:
        event.remove(ctx.database.engine, "before_cursor_execute", capture)

    assert len(statements) == 10  # one lookup a row, on both imports
    with ctx.database.read() as connection:
        plans = {" / ".join(step[3] for step in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement, parameters)) for statement, parameters in statements}
    assert plans == {"SEARCH record_versions USING INDEX ix_record_versions_box "
                     "(station_id=? AND lot=? AND box=?)"}
