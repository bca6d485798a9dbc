"""`shopfloor send`: the words turned into targets, a command type and typed parameters, and
the refusals before anything is signed. (Sending itself: tests/cli/test_cli_site.py.)"""

from __future__ import annotations

import pytest

from cli.cmd_send import parse_words
from cli.errors import CliError
from config.constants import CommandType


def test_stations_type_and_typed_parameters():
    targets, command_type, params = parse_words(
        ["206", "207", "set_lot", "code=L1", "total_boxes=40"], every_station=False)
    assert targets == ["206", "207"] and command_type == CommandType.SET_LOT
    assert params == {"code": "L1", "total_boxes": 40}


@pytest.mark.parametrize("word, value", [("yes", True), ("TRUE", True), ("1", True),
                                         ("no", False), ("false", False), ("0", False)])
def test_yes_and_no_words(word, value):
    assert parse_words(["206", "close_app", f"force={word}"], every_station=False)[2] == {
        "force": value}


def test_all_stations():
    assert parse_words(["ping"], every_station=True) == (None, CommandType.PING, {})


@pytest.mark.parametrize("words, every, message", [
    (["set_lot"], False, "usage: shopfloor send STATION... TYPE"),
    (["206"], False, "usage: shopfloor send STATION... TYPE"),
    ([], True, "give the command type"),
    (["reboot"], True, "unknown command type 'reboot'"),
    (["206", "frobnicate"], False,
     "no known command type after the stations: 'frobnicate' is not one; the types are: "),
    (["206", "207", "send_message", "text=hi"], False,
     "no known command type after the stations: 'send_message' is not one; the types are: "
     "backup_now, close_app"),
    (["206", "207"], False, "no known command type after the stations: '207' is not one"),
    (["206", "set_lot", "code"], False, "parameters are key=value, not 'code'"),
    (["206", "set_lot", "colour=red"], False, "set_lot has no parameter 'colour'; it takes: "),
    (["206", "set_lot", "total_boxes=many"], False, "total_boxes must be a whole number"),
    (["206", "ping", "x=1"], False, "ping has no parameter 'x'; it takes: none"),
    (["206", "close_app", "force=maybe"], False, "force must be true or false"),
])
def test_refusals_name_what_is_wrong(words, every, message):
    with pytest.raises(CliError) as refused:
        parse_words(words, every_station=every)
    assert str(refused.value).startswith(message)
    assert refused.value.code == 2


def test_a_pc_outside_a_site_is_told_how_to_join(tmp_path, shopfloor):
    for argv in (["send", "206", "ping", "--as", "ana"], ["status"], ["agent"],
                 ["verify-audit", "--site"]):
        result = shopfloor(tmp_path / "h", *argv)
        assert result.returncode == 2, argv
        assert result.stderr.strip() == ("error: this PC is not in a site yet: shopfloor site "
                                         "create … or site join …"), argv
