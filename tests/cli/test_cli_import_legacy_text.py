"""Anyone's text in a legacy CSV reaching the terminal: a header name or a cell holding
terminal escapes, direction overrides, line separators or 100 kB is escaped and cut short in
what the import prints, and a line or paragraph separator in a cell refuses that line (it
had aborted the whole import with an empty "error:"). In-process."""

from __future__ import annotations

from tests.cli.clikit import ADMIN_PASSWORD

HEADER = ("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,rej2_defect,rej2_local,"
          "rej3_defect,rej3_local,percent_cam_d,percent_cam_w,data_hora,origem,justificativa,"
          "usuario_reg")
ROW = ("206,L2503-001,{box},#00,0.000121,,,,,,,4.42,3.98,2025-11-03 06:02:23,coletor,{why},"
       "{user}")
RAW = ("\x1b", "\u202e", "\u2028", "\u2029")


def _import(shopfloor, home, path):
    return shopfloor(home, "import-legacy", str(path), "--as", "maria", "--timezone",
                     "America/Sao_Paulo", SHOPFLOOR_PASSWORD=ADMIN_PASSWORD)


def test_an_unknown_header_name_is_quoted_escaped_and_short(admin_home, shopfloor, tmp_path):
    evil = "\x1b]0;pwned\x07\x1b[2J\x1b[31mRED\u202eevil" + "X" * 100_000
    path = tmp_path / "collector.csv"
    path.write_text(f"{HEADER},{evil}\n{ROW.format(box=2, why='', user='op')},x\n",
                    encoding="utf-8")
    result = _import(shopfloor, admin_home, path)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert not any(raw in out for raw in RAW) and len(out) < 5_000
    assert "Unknown column(s) ignored: '\\x1b]0;pwned" in out


def test_a_cell_with_a_line_separator_refuses_its_line_only(admin_home, shopfloor, tmp_path):
    rows = [ROW.format(box=3, why="", user="\u2028op"), ROW.format(box=4, why="\u2029j", user="op"),
            ROW.format(box=5, why="\u202ej", user="op"), ROW.format(box=6, why="J" * 100_000,
                                                                    user="op"),
            ROW.format(box=7, why="", user="op")]
    path = tmp_path / "collector.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    result = _import(shopfloor, admin_home, path)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "U+2028" in out and "U+2029" in out and "U+202E" in out
    assert "imported: 1" in out
    assert not any(raw in out for raw in RAW) and len(out) < 20_000
