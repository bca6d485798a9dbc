"""Legacy `dados_producao.csv` import: real files in tmp_path, the shipped sample, bad input.

Every bad row must come back as a RejectedRow with its physical line number and a reason that
names the column; only a file that cannot be read at all raises LegacyFileError.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import data.legacy_import as legacy
from config.catalog import default_catalog
from data.legacy_import import LegacyFileError, LegacyParseResult, parse_legacy_csv
from models.record import Rejection

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_dados_producao.csv"
SAO_PAULO = "America/Sao_Paulo"
HEADER = ("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,rej2_defect,rej2_local,"
          "rej3_defect,rej3_local,percent_cam_d,percent_cam_w,data_hora,origem,justificativa,"
          "usuario_reg")
GOOD = ('206,L2503-001,2,#00,0.000121,Rachada,Cap/Body,Amassada,Cap,,,4.42,"3,98",'
        "2025-11-03 06:02:23,coletor,,operador")
OTHER = "207,L2504-001,2,#0,0.000096,,,,,,,3.33,3.49,2025-11-03 06:03:51,coletor,,operador"

# The malformed rows planted in the sample, by physical line, with words their reason must hold.
SAMPLE_REJECTED = {
    35: ("'percent_cam_d'", "'abc'", "'lote'"),
    73: ("'numero_caixa'", "'-3'"),
    247: ("'lote'", "is empty"),
    492: ("'maquina'", "'data_hora'"),
    581: ("'rej1_local'", "'Tampa'"),
    599: ("'percent_cam_d'", "'150'"),
}


def write(tmp_path: Path, lines: list[str], name: str = "dados_producao.csv", *,
          encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    path = tmp_path / name
    path.write_bytes(newline.join(lines + [""]).encode(encoding))
    return path


def parse(path: Path, zone: str = SAO_PAULO) -> LegacyParseResult:
    return parse_legacy_csv(path, default_catalog(), zone)


def row_with(**changes: str) -> str:
    """GOOD with some columns replaced, by legacy column name."""
    names = HEADER.split(",")
    cells = ["206", "L2503-001", "2", "#00", "0.000121", "Rachada", "Cap/Body", "Amassada",
             "Cap", "", "", "4.42", "3.98", "2025-11-03 06:02:23", "coletor", "", "operador"]
    for name, value in changes.items():
        cells[names.index(name)] = value
    return ",".join(cells)


# -- the shipped sample ---------------------------------------------------------------------

def test_sample_counts_and_rejected_lines():
    result = parse(FIXTURE)
    assert result.total_rows == 606  # 607 lines minus the header
    assert len(result.rows) == 600
    assert len(result.rows) + len(result.rejected) == result.total_rows
    assert [r.line for r in result.rejected] == sorted(SAMPLE_REJECTED)
    for rejected in result.rejected:
        for expected in SAMPLE_REJECTED[rejected.line]:
            assert expected in rejected.reason, (rejected.line, rejected.reason)
        assert rejected.reason.endswith(".")
    assert result.warnings == []


def test_sample_first_row_and_manual_row():
    result = parse(FIXTURE)
    first = result.rows[0]
    assert first.line == 2 and first.station_id == "206"
    assert first.draft.lot == "L2503-001" and first.draft.box == 2 and first.draft.size == "#00"
    assert first.draft.unit_weight_kg == 0.000121  # full precision, not rounded
    assert first.draft.rejections == (Rejection("Rachada", "Cap/Body"),
                                      Rejection("Amassada", "Cap"))
    assert (first.draft.cam_d, first.draft.cam_w) == (4.42, 3.98)
    assert first.recorded_at_utc == datetime(2025, 11, 3, 9, 2, 23, tzinfo=timezone.utc)
    assert first.utc_offset_minutes == -180
    assert (first.operator, first.legacy_origin, first.justification) == (
        "operador", "coletor", "")
    manual = next(r for r in result.rows if r.line == 455)
    assert manual.legacy_origin == "manual" and manual.operator == "encarregado"
    assert manual.justification == "Lançamento manual: coletor fora do ar no turno"
    assert manual.draft.cam_w is None  # empty measurement: accepted, not measured


def test_sample_rows_missing_one_measurement_are_imported():
    rows = {r.line: r for r in parse(FIXTURE).rows}
    assert rows[17].draft.cam_d is None and rows[17].draft.cam_w == 3.48
    assert rows[20].draft.cam_w is None and rows[20].draft.cam_d == 4.30


def test_sample_keys_are_stable_and_unique():
    first, second = parse(FIXTURE), parse(FIXTURE)
    keys = [r.source_key for r in first.rows]
    assert keys == [r.source_key for r in second.rows]
    assert len(set(keys)) == len(keys)
    assert all(len(key) == 64 and int(key, 16) >= 0 for key in keys)


# -- values ---------------------------------------------------------------------------------

def test_decimal_comma_in_measurements_and_weight(tmp_path):
    path = write(tmp_path, [HEADER, row_with(percent_cam_d='"3,5"', percent_cam_w='"0,25"',
                                             peso='"0,000121"')])
    (row,) = parse(path).rows
    assert (row.draft.cam_d, row.draft.cam_w, row.draft.unit_weight_kg) == (3.5, 0.25, 0.000121)


def test_na_and_empty_mean_no_rejection(tmp_path):
    path = write(tmp_path, [HEADER, row_with(rej1_defect="N/A", rej1_local="N/A",
                                             rej2_defect="", rej2_local="",
                                             rej3_defect="n/a", rej3_local="")])
    (row,) = parse(path).rows
    assert row.draft.rejections == ()


def test_defect_spelling_is_normalised_to_the_catalog(tmp_path):
    path = write(tmp_path, [HEADER, row_with(rej1_defect="rachada", rej1_local="CAP",
                                             rej2_defect="", rej2_local="")])
    (row,) = parse(path).rows
    assert row.draft.rejections == (Rejection("Rachada", "Cap"),)


def test_empty_weight_takes_the_catalog_weight_and_empty_user_is_legacy(tmp_path):
    path = write(tmp_path, [HEADER, row_with(peso="", usuario_reg="", origem="")])
    (row,) = parse(path).rows
    assert row.draft.unit_weight_kg == 0.000121
    assert row.operator == "legacy" and row.legacy_origin == ""


def test_na_measurement_is_not_measured(tmp_path):
    (row,) = parse(write(tmp_path, [HEADER, row_with(percent_cam_d="N/A")])).rows
    assert row.draft.cam_d is None


def test_day_first_date_is_accepted(tmp_path):
    (row,) = parse(write(tmp_path, [HEADER, row_with(data_hora="03/11/2025 06:02")])).rows
    assert row.recorded_at_utc == datetime(2025, 11, 3, 9, 2, tzinfo=timezone.utc)


# -- header and encoding --------------------------------------------------------------------

def test_header_order_case_and_spaces_do_not_matter(tmp_path):
    names = HEADER.split(",")
    plain = write(tmp_path, [HEADER, GOOD, OTHER], "plain.csv")
    cells = [GOOD.replace('"3,98"', "3.98").split(","), OTHER.split(",")]
    order = list(reversed(range(len(names))))
    header = ",".join(f"  {names[i].upper()} " for i in order)
    shuffled = write(tmp_path, [header] + [",".join(c[i] for i in order) for c in cells],
                     "shuffled.csv")
    a, b = parse(plain), parse(shuffled)
    assert not b.rejected and len(b.rows) == 2
    assert [r.source_key for r in a.rows] == [r.source_key for r in b.rows]
    assert [r.draft for r in a.rows] == [r.draft for r in b.rows]


def test_utf8_bom(tmp_path):
    path = write(tmp_path, [HEADER, row_with(rej1_defect="Cápsula Fina")], encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = parse(path)
    assert result.warnings == [] and not result.rejected
    assert result.rows[0].draft.rejections[0].defect == "Cápsula Fina"


def test_cp1252_file_is_read_with_a_warning(tmp_path):
    path = write(tmp_path, [HEADER, row_with(rej1_defect="Cápsula Fina",
                                             justificativa="Lançamento manual")],
                 encoding="cp1252")
    result = parse(path)
    assert not result.rejected
    assert result.rows[0].draft.rejections[0].defect == "Cápsula Fina"
    assert result.rows[0].justification == "Lançamento manual"
    assert any("cp1252" in w and "UTF-8" in w for w in result.warnings)


def test_the_encoding_warning_names_a_text_of_the_file_itself(tmp_path):
    """It named 'Cápsula Fina' whatever the file held."""
    path = write(tmp_path, [HEADER, row_with(justificativa="Manutenção preventiva")],
                 encoding="cp1252")
    [warning] = [w for w in parse(path).warnings if "UTF-8" in w]
    assert "such as 'Manutenção preventiva' in the imported rows" in warning


def test_semicolon_separated_copy_from_excel(tmp_path):
    path = write(tmp_path, [HEADER.replace(",", ";"),
                            row_with(percent_cam_d="3,5").replace(",", ";").replace("3;5", "3,5")])
    result = parse(path)
    assert not result.rejected and result.rows[0].draft.cam_d == 3.5
    assert any("semicolon" in w for w in result.warnings)


def test_missing_optional_and_unknown_columns_are_warnings(tmp_path):
    """An older or trimmed copy: one rejection, no weight, origin, justification nor user."""
    path = write(tmp_path, ["maquina,lote,numero_caixa,size,data_hora,rej1_defect,rej1_local,"
                            "percent_cam_d,percent_cam_w,extra",
                            "206,L1,1,#00,2025-11-03 06:02:23,,,,,x"])
    result = parse(path)
    (row,) = result.rows
    assert row.draft.cam_d is None and row.draft.rejections == () and row.operator == "legacy"
    assert any("extra" in w for w in result.warnings)
    assert any("peso" in w and "rej3_local" in w and "usuario_reg" in w
               for w in result.warnings)


@pytest.mark.parametrize("column", ["percent_cam_d", "percent_cam_w", "rej1_defect",
                                    "rej1_local"])
def test_a_renamed_measurement_or_rejection_column_refuses_the_file(tmp_path, column):
    """Read as empty, every box would import as 'not measured' or 'no rejection' (review
    s19 item 1): the file is refused, naming the column and the unknown one beside it."""
    renamed = HEADER.replace(column, column.replace("_", "", 1) + "x")
    with pytest.raises(LegacyFileError) as refused:
        parse(write(tmp_path, [renamed, GOOD]))
    message = str(refused.value)
    assert f"lacks the column(s) {column}," in message and "\n" not in message
    assert "Nothing was imported" in message and "give it its name back" in message
    dropped = ",".join(name for name in HEADER.split(",") if name != column)
    with pytest.raises(LegacyFileError, match=f"lacks the column\\(s\\) {column}, .*"
                                              "Nothing was imported: import the .* with all its columns"):
        parse(write(tmp_path, [dropped, GOOD.rsplit(",", 1)[0]], "dropped.csv"))


def test_missing_required_column_is_a_file_error(tmp_path):
    path = write(tmp_path, [HEADER.replace("numero_caixa,", ""), "206,L1,#00"])
    with pytest.raises(LegacyFileError, match="numero_caixa"):
        parse(path)


def test_duplicate_column_is_a_file_error(tmp_path):
    with pytest.raises(LegacyFileError, match="twice"):
        parse(write(tmp_path, [HEADER + ",lote", GOOD + ",L2"]))


def test_missing_file_is_a_file_error(tmp_path):
    with pytest.raises(LegacyFileError, match="not found"):
        parse(tmp_path / "nope.csv")


def test_directory_empty_and_binary_files_are_file_errors(tmp_path):
    with pytest.raises(LegacyFileError, match="not a file"):
        parse(tmp_path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(LegacyFileError, match="empty"):
        parse(empty)
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(LegacyFileError, match="not a legacy production CSV"):
        parse(binary)


def test_too_large_file_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path, [HEADER, GOOD])
    monkeypatch.setattr(legacy, "MAX_FILE_BYTES", 100)
    with pytest.raises(LegacyFileError, match="MB"):
        parse(path)


def test_unknown_time_zone_is_refused(tmp_path):
    with pytest.raises(LegacyFileError, match="time zone"):
        parse(write(tmp_path, [HEADER, GOOD]), "Mars/Olympus_Mons")


# -- time -----------------------------------------------------------------------------------

def test_sao_paulo_local_time_is_three_hours_behind_utc(tmp_path):
    (row,) = parse(write(tmp_path, [HEADER, row_with(data_hora="2025-11-03 22:30:00")])).rows
    assert row.recorded_at_utc == datetime(2025, 11, 4, 1, 30, tzinfo=timezone.utc)
    assert row.recorded_at_utc.tzinfo is not None
    assert row.utc_offset_minutes == -180


def test_dst_gap_and_repeat_are_deterministic_and_warned(tmp_path):
    path = write(tmp_path, [HEADER,
                            row_with(data_hora="2025-03-30 02:30:00", numero_caixa="1"),
                            row_with(data_hora="2025-10-26 02:30:00", numero_caixa="2"),
                            row_with(data_hora="2025-07-01 12:00:00", numero_caixa="3")])
    result = parse(path, "Europe/Berlin")
    gap, repeat, summer = result.rows
    # Gap: read with the offset before the jump (CET), so the local text is kept as written.
    assert gap.utc_offset_minutes == 60
    assert gap.recorded_at_utc == datetime(2025, 3, 30, 1, 30, tzinfo=timezone.utc)
    # Repeat: the first occurrence (still CEST).
    assert repeat.utc_offset_minutes == 120
    assert repeat.recorded_at_utc == datetime(2025, 10, 26, 0, 30, tzinfo=timezone.utc)
    assert summer.utc_offset_minutes == 120
    assert any("does not exist" in w and "lines 2" in w for w in result.warnings)
    assert any("occurs twice" in w and "lines 3" in w for w in result.warnings)
    assert parse(path, "Europe/Berlin").rows == result.rows


# -- source keys ----------------------------------------------------------------------------

def test_same_rows_in_another_file_get_the_same_keys(tmp_path):
    a = parse(write(tmp_path, [HEADER, GOOD, OTHER], "a.csv"))
    b = parse(write(tmp_path, [HEADER, "", OTHER, "207,L9,1,#0,,,,,,,,1,1,"
                               "2025-11-05 06:00:00,coletor,,operador", GOOD], "b.csv"))
    keys_a = {r.source_key for r in a.rows}
    keys_b = {r.source_key for r in b.rows}
    assert keys_a < keys_b
    assert a.rows[0].line == 2 and next(r for r in b.rows if r.draft.box == 2
                                        and r.station_id == "206").line == 5


def test_key_ignores_the_zone_and_equivalent_spellings(tmp_path):
    a = parse(write(tmp_path, [HEADER, row_with(percent_cam_d="4.42")], "a.csv"))
    b = parse(write(tmp_path, [HEADER, row_with(percent_cam_d='"4,420"')], "b.csv"), "UTC")
    assert a.rows[0].source_key == b.rows[0].source_key
    c = parse(write(tmp_path, [HEADER, row_with(percent_cam_d="4.43")], "c.csv"))
    assert c.rows[0].source_key != a.rows[0].source_key


def test_identical_rows_in_one_file_get_distinct_keys_and_a_warning(tmp_path):
    result = parse(write(tmp_path, [HEADER, GOOD, OTHER, GOOD]))
    keys = [r.source_key for r in result.rows]
    assert len(keys) == 3 and len(set(keys)) == 3
    assert any("repeat an earlier row" in w and "lines 4" in w for w in result.warnings)
    again = parse(write(tmp_path, [HEADER, GOOD, GOOD], "again.csv"))
    assert {r.source_key for r in again.rows} == {keys[0], keys[2]}


# -- bad rows -------------------------------------------------------------------------------

def rejected_reason(result: LegacyParseResult, line: int) -> str:
    return next(r.reason for r in result.rejected if r.line == line)


def test_bad_rows_are_rejected_with_line_and_reason(tmp_path):
    lines = [
        HEADER,                                                      # 1
        GOOD,                                                        # 2
        GOOD + ",extra",                                             # 3 too many fields
        "206,L1,3",                                                  # 4 too few fields
        row_with(maquina="299"),                                     # 5 unknown station
        row_with(data_hora="ontem às 6"),                            # 6 unparsable date
        row_with(lote="=1+1"),                                       # 7 formula injection
        row_with(justificativa="@SUM(A1)"),                          # 8 formula injection
        row_with(usuario_reg="op\x07"),                              # 9 control character
        row_with(usuario_reg="op\u202eabc"),                         # 10 bidi override
        row_with(origem="robot"),                                    # 11 unknown origin
        row_with(rej1_defect="", rej1_local="Cap"),                  # 12 place without defect
        row_with(percent_cam_w="101"),                               # 13 out of range
        row_with(numero_caixa="0"),                                  # 14 box out of range
        row_with(size="#9"),                                         # 15 unknown size
        row_with(peso="2"),                                          # 16 impossible weight
        row_with(data_hora="1900-01-01 00:00:00"),                   # 17 implausible year
        "",                                                          # 18 blank
        ",,,,,,,,,,,,,,,,",                                          # 19 blank cells only
        OTHER,                                                       # 20
    ]
    result = parse(write(tmp_path, lines))
    assert [r.line for r in result.rows] == [2, 20]
    assert [r.line for r in result.rejected] == list(range(3, 18))
    assert result.total_rows == 2 + 15
    expectations = {
        3: "18 fields", 4: "3 fields", 5: "'299'", 6: "'data_hora'", 7: "formula",
        8: "formula", 9: "U+0007", 10: "U+202E", 11: "'robot'", 12: "'rej1_defect' is empty",
        13: "'101'", 14: "'numero_caixa' has '0'", 15: "'#9'", 16: "'peso' has '2'",
        17: "1900",
    }
    for line, expected in expectations.items():
        assert expected in rejected_reason(result, line), (line, rejected_reason(result, line))
    assert any("2 blank line" in w for w in result.warnings)


def test_unclosed_quote_reports_the_lines_it_swallowed(tmp_path):
    lines = [HEADER, GOOD, row_with(justificativa='"never closed'), OTHER, OTHER]
    result = parse(write(tmp_path, lines))
    assert [r.line for r in result.rows] == [2]
    (rejected,) = result.rejected
    assert rejected.line == 3 and "lines 3 to 5" in rejected.reason


def test_quoted_newline_inside_a_cell_is_rejected_on_its_first_line(tmp_path):
    lines = [HEADER, row_with(justificativa='"two\nlines"'), OTHER]
    result = parse(write(tmp_path, lines, newline="\n"))
    assert [r.line for r in result.rejected] == [2]
    assert "U+000A" in result.rejected[0].reason
    assert [r.line for r in result.rows] == [4]  # physical line, after the two-line record


def test_header_only_file(tmp_path):
    result = parse(write(tmp_path, [HEADER]))
    assert (result.total_rows, result.rows, result.rejected) == (0, [], [])
    assert any("no data rows" in w for w in result.warnings)


def test_leading_blank_lines_keep_physical_numbers(tmp_path):
    result = parse(write(tmp_path, ["", HEADER, row_with(maquina="1")]))
    assert [r.line for r in result.rejected] == [3]


def test_oversized_cell_rejects_only_its_line(tmp_path):
    # Beyond the csv module's field limit: the reader fails on that record and then recovers.
    result = parse(write(tmp_path, [HEADER, GOOD, row_with(justificativa="x" * 200_000), OTHER]))
    assert [r.line for r in result.rows] == [2, 4]
    assert [r.line for r in result.rejected] == [3]
    assert "could not be read as CSV" in result.rejected[0].reason


# -- what pandas writes, and what stays refused ------------------------------------------------

def test_scientific_notation_and_pandas_missing_values(tmp_path):
    path = write(tmp_path, [HEADER, row_with(peso="1.21e-04", percent_cam_d="4.42e+00",
                                             percent_cam_w="nan"),
                            row_with(peso='"1,21e-04"', percent_cam_d="NaN", numero_caixa="2.0",
                                     data_hora="2025-11-03 06:02:23.250000")])
    first, second = parse(path).rows
    assert (first.draft.unit_weight_kg, first.draft.cam_d, first.draft.cam_w) == (
        0.000121, 4.42, None)
    assert first.gaps == (legacy.GAP_CAM_W,)
    assert (second.draft.unit_weight_kg, second.draft.cam_d, second.draft.box) == (
        0.000121, None, 2)


@pytest.mark.parametrize("column, value, words", [
    ("percent_cam_d", '"1.234,5"', "more than one separator"),
    ("percent_cam_w", "1.2.3", "more than one separator"),
    ("peso", "inf", "must be a number"),
    ("numero_caixa", "1.000", "'numero_caixa' has '1.000'"),
    ("numero_caixa", "2.5", "'numero_caixa' has '2.5'"),
])
def test_ambiguous_or_unreadable_numbers_reject_the_row_with_the_reason(tmp_path, column, value,
                                                                       words):
    result = parse(write(tmp_path, [HEADER, row_with(**{column: value})]))
    (rejected,) = result.rejected
    assert rejected.line == 2 and words in rejected.reason, rejected.reason


def test_defect_without_location_is_imported_as_not_recorded(tmp_path):
    lines = [HEADER, row_with(rej1_local="", rej2_local="N/A"), row_with(rej1_local="n/a"), GOOD]
    result = parse(write(tmp_path, lines))
    first, second, third = result.rows
    assert first.draft.rejections == (Rejection("Rachada", legacy.LOCATION_NOT_RECORDED),
                                      Rejection("Amassada", legacy.LOCATION_NOT_RECORDED))
    assert second.draft.rejections[0] == Rejection("Rachada", legacy.LOCATION_NOT_RECORDED)
    assert first.gaps == second.gaps == (legacy.GAP_LOCATION,) and third.gaps == ()
    assert result.rejected == []
    assert any("2 row(s) have a defect without its location" in w and "lines 2, 3" in w
               for w in result.warnings)
