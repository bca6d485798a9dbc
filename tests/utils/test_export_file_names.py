"""A file name that is no UTF-8 text (POSIX hands its bytes on as lone surrogates) never makes
an export leave a copy of the records without its audit event, and an export whose event
cannot be recorded takes its file away again (utils/records_io.py)."""

from __future__ import annotations

import json
import os
import sys

import pytest

from config.constants import Role
from data import audit_repo
from data.records_repo import RecordFilter
from models.path_text import path_text
from utils.clock import ManualClock
from utils.context import AppContext
from utils.records_io import export_records, import_legacy_file

PASSWORD = "Quarry-Lantern-42"
FORM = {"size": "#00", "cam_d": "4,42", "cam_w": "3.98"}
LATIN1_NAME = os.fsdecode(b"r\xe9sum\xe9.csv")  # "résumé.csv" written in Latin-1


@pytest.fixture
def station(home, fast_secrets):
    ctx = AppContext.open(home, clock=ManualClock())
    ctx.auth.create_first_admin("ana", "Ana Admin", PASSWORD)
    admin = ctx.auth.login("ana", PASSWORD).session
    ctx.auth.create_user(admin, "op", "Op One", Role.OPERATOR, "Initial-Pass-op",
                         "new hire on shift A")
    op = ctx.auth.login("op", "Initial-Pass-op").session
    ctx.production.set_lot(op, "L2503-001", 10, 1)
    for _ in range(3):
        ctx.production.register_box(op, FORM)
    yield ctx, admin
    ctx.close()


def exports(ctx: AppContext) -> list[dict]:
    with ctx.database.read() as connection:
        return [{"entity_id": row["entity_id"], **json.loads(row["body"])}
                for row in audit_repo.list_events(connection, action="records.export")]


def test_path_text_shows_undecodable_bytes_and_keeps_text():
    assert path_text(LATIN1_NAME) == "r\\xe9sum\\xe9.csv"
    assert path_text("turno/relatório.csv") == "turno/relatório.csv"
    assert path_text(b"/a/\xe9") == "/a/\\xe9"


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are always text")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_to_a_name_that_is_no_utf8_is_written_and_audited(station, tmp_path, fmt):
    ctx, admin = station
    out = tmp_path / (LATIN1_NAME[:-4] + "." + fmt)
    assert export_records(ctx.production, admin, fmt, out, RecordFilter()) == 3
    assert out.is_file()
    [event] = exports(ctx)
    assert event["entity_id"] == f"r\\xe9sum\\xe9.{fmt}"
    assert event["after"]["rows"] == 3


def test_an_export_whose_event_cannot_be_recorded_leaves_no_file(station, tmp_path,
                                                                  monkeypatch):
    ctx, admin = station
    out = tmp_path / "shift.csv"

    def broken_record(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(ctx.production.changes, "record", broken_record)
    with pytest.raises(OSError, match="disk full"):
        export_records(ctx.production, admin, "csv", out, RecordFilter())
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_export_over_an_earlier_one_gives_the_earlier_one_back(station, tmp_path,
                                                                       monkeypatch):
    ctx, admin = station
    out = tmp_path / "monthly.csv"
    assert export_records(ctx.production, admin, "csv", out, RecordFilter()) == 3
    earlier = out.read_bytes()
    ctx.production.register_box(ctx.auth.login("op", "Initial-Pass-op").session, FORM)

    def broken_record(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(ctx.production.changes, "record", broken_record)
    with pytest.raises(OSError, match="disk full"):
        export_records(ctx.production, admin, "csv", out, RecordFilter())
    assert out.read_bytes() == earlier  # audited when it was made; never lost to a failure
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    monkeypatch.undo()
    assert export_records(ctx.production, admin, "csv", out, RecordFilter()) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


LEGACY = ("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,rej2_defect,rej2_local,"
          "percent_cam_d,percent_cam_w,data_hora\n"
          "206,L1,1,#00,1.21e-04,Furo,N/A,Dente,Cap,2.5,,2025-11-03 06:02:23\n")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are always text")
def test_a_legacy_import_from_a_name_that_is_no_utf8_is_imported_and_audited(station,
                                                                               tmp_path):
    ctx, admin = station
    path = tmp_path / os.fsdecode(b"produ\xe7\xe3o.csv")
    path.write_text(LEGACY, encoding="utf-8")
    report = import_legacy_file(ctx.production, admin, path, "America/Sao_Paulo")
    assert report.imported == 1
    with ctx.database.read() as connection:
        [event] = audit_repo.list_events(connection, action="import.legacy")
        [record] = audit_repo.list_events(connection, action="record.import")
    assert event["entity_id"] == "produ\\xe7\\xe3o.csv"
    assert json.loads(record["body"])["after"]["source_file"] == "produ\\xe7\\xe3o.csv"


def test_a_legacy_row_dated_in_the_future_is_refused_with_its_line(station, tmp_path):
    """A typo such as 2099 for 2025 would put a box decades ahead (1900 was already refused)."""
    ctx, admin = station
    now = ctx.clock.now().astimezone().replace(microsecond=0, tzinfo=None)
    rows = [LEGACY.splitlines()[0],
            f"206,L1,1,#00,1.21e-04,Furo,N/A,,,2.5,,{now:%Y-%m-%d %H:%M:%S}",
            "206,L1,2,#00,1.21e-04,Furo,N/A,,,2.5,,2099-01-01 06:00:00"]
    path = tmp_path / "dados_producao.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = import_legacy_file(ctx.production, admin, path, "America/Sao_Paulo")
    assert report.imported == 1
    [rejected] = report.rejected
    assert rejected.line == 3 and "later than this PC's clock" in rejected.reason
