"""utils.logger: gzip rotation, JSON lines, redaction, idempotent setup, tail_log."""

from __future__ import annotations

import gzip
import json
import logging
import re
from pathlib import Path

import pytest

from utils import logger as logger_module
from utils.logger import LOG_FILE_NAME, redact, setup_logging, shutdown_logging, tail_log

log = logging.getLogger("tests.logger")

BCRYPT_HASH = "$2b$12$" + "R9h/cIPz0gi.URNNX3kh2O" + "PST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"
HEX_KEY = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


@pytest.fixture(autouse=True)
def _clean_logging():
    """Every test starts and ends without our handlers, so no file handle outlives a test."""
    shutdown_logging()
    yield
    shutdown_logging()


def _owned_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_shopfloor_owned", False)]


def _all_text(log_dir: Path) -> str:
    """Live file plus every compressed generation, decompressed."""
    parts = [gzip.decompress(p.read_bytes()).decode("utf-8")
             for p in sorted(log_dir.glob(f"{LOG_FILE_NAME}.*.gz"))]
    parts.append((log_dir / LOG_FILE_NAME).read_text(encoding="utf-8"))
    return "\n".join(parts)


# -- rotation -------------------------------------------------------------------------------

def test_rotated_files_are_gzip_and_hold_the_logged_lines(tmp_path):
    path = setup_logging(tmp_path, console=False, max_bytes=2_000, backup_count=50)
    assert path == tmp_path / LOG_FILE_NAME
    for i in range(100):
        log.info("record number %04d", i)
    shutdown_logging()

    generations = sorted(tmp_path.glob(f"{LOG_FILE_NAME}.*.gz"))
    assert generations, "2 kB limit with ~80-byte lines must have rotated"
    assert all(re.fullmatch(r"shopfloor\.log\.\d+\.gz", p.name) for p in generations)
    # No uncompressed generation or leftover temporary file.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [LOG_FILE_NAME, *(p.name for p in generations)])
    # Generation 1 is the newest; each decompresses to whole text lines.
    newest = gzip.decompress((tmp_path / f"{LOG_FILE_NAME}.1.gz").read_bytes()).decode()
    assert newest.endswith("\n") and "record number" in newest
    # Nothing lost (the count is high enough to keep all), in order.
    numbers = [int(n) for n in re.findall(r"record number (\d{4})", "\n".join(
        [gzip.decompress(p.read_bytes()).decode()
         for p in sorted(generations, key=lambda p: -int(p.name.split(".")[2]))]
        + [(tmp_path / LOG_FILE_NAME).read_text()]))]
    assert numbers == list(range(100))
    # Each live file stayed within the limit.
    assert (tmp_path / LOG_FILE_NAME).stat().st_size <= 2_000
    assert all(len(gzip.decompress(p.read_bytes())) <= 2_000 for p in generations)


def test_rotation_keeps_a_bounded_number_of_generations(tmp_path):
    setup_logging(tmp_path, console=False, max_bytes=500, backup_count=3)
    for i in range(300):
        log.info("line %04d with some padding to fill the file", i)
    shutdown_logging()

    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1.gz", f"{LOG_FILE_NAME}.2.gz",
                     f"{LOG_FILE_NAME}.3.gz"]
    text = _all_text(tmp_path)
    # The newest line survives; the oldest were dropped with the generations beyond the count.
    assert "line 0299" in text
    assert "line 0000" not in text


def test_invalid_rotation_settings_are_refused(tmp_path):
    with pytest.raises(ValueError):
        setup_logging(tmp_path, console=False, backup_count=0)
    with pytest.raises(ValueError):
        setup_logging(tmp_path, console=False, max_bytes=0)
    with pytest.raises(ValueError):
        setup_logging(tmp_path, console=False, level="chatty")
    assert _owned_handlers() == []


# -- formats --------------------------------------------------------------------------------

def test_json_lines_parse_one_object_per_line(tmp_path):
    setup_logging(tmp_path, console=False, json_lines=True)
    log.info("Cápsula Fina on station %s", "201")
    log.warning("two\nlines")
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError:
        log.exception("export failed")
    shutdown_logging()

    lines = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3, "a newline in a message or a traceback must not split a record"
    entries = [json.loads(line) for line in lines]
    for entry in entries:
        assert set(entry) == {"ts", "level", "logger", "thread", "message", "exc"}
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["ts"])
        assert entry["logger"] == "tests.logger"
        assert entry["thread"] == "MainThread"
    assert entries[0]["message"] == "Cápsula Fina on station 201"
    assert entries[0]["level"] == "INFO" and entries[0]["exc"] is None
    assert entries[1]["message"] == "two\nlines"
    assert entries[2]["level"] == "ERROR"
    assert "RuntimeError: disk on fire" in entries[2]["exc"]


def test_text_format_is_one_line_per_record_with_utc_timestamp(tmp_path):
    setup_logging(tmp_path, console=False)
    log.info("lot %s", "L1\n2026-01-01T00:00:00.000Z INFO forged line")
    shutdown_logging()

    lines = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1, "logged input must not be able to forge a second log line"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO +\[MainThread\] "
                    r"tests\.logger: lot L1\\n2026", lines[0])


def test_level_is_honoured(tmp_path):
    setup_logging(tmp_path, console=False, level="warning")
    log.info("quiet info")
    log.warning("loud warning")
    shutdown_logging()
    text = (tmp_path / LOG_FILE_NAME).read_text()
    assert "loud warning" in text and "quiet info" not in text


# -- redaction ------------------------------------------------------------------------------

SECRETS = ("hunter2-very-secret", "correct horse battery staple", BCRYPT_HASH, HEX_KEY,
           "s3cr3t-token", "dXNlcjpwYXNz")


@pytest.mark.parametrize("json_lines", [False, True])
def test_secrets_never_reach_the_file(tmp_path, json_lines):
    setup_logging(tmp_path, console=False, json_lines=json_lines)
    log.info("login attempt password=hunter2-very-secret user=maria")
    log.info("joining site with passphrase=%s", "correct horse battery staple")
    log.info("settings loaded: %s", {"passphrase": "correct horse battery staple", "n": 1})
    log.info("stored hash %s for maria", BCRYPT_HASH)
    log.info("derived site key %s", HEX_KEY)
    log.info("headers: %r", {"Authorization": "Basic dXNlcjpwYXNz"})
    log.info("Authorization: Bearer s3cr3t-token")
    try:
        raise ValueError("bad config: token=s3cr3t-token")
    except ValueError:
        log.exception("could not start")
    shutdown_logging()

    text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in text
    # Context survives: names, the user, the masks.
    assert "password=*** user=maria" in text
    assert "passphrase=***" in text
    assert "stored hash *** for maria" in text
    assert "ValueError: bad config: token=***" in text


@pytest.mark.parametrize(("raw", "expected"), [
    ("password=hunter2", "password=***"),
    ("password=hunter2 user=maria", "password=*** user=maria"),
    ("PASSWORD: hunter2", "PASSWORD: ***"),
    ("passphrase: correct horse battery staple", "passphrase: ***"),
    ("SHOPFLOOR_PASSPHRASE=a b c", "SHOPFLOOR_PASSPHRASE=***"),
    ("{'password': 'pw', 'user': 'x'}", "{'password': '***', 'user': 'x'}"),
    ('{"api_key": "abc def", "n": 1}', '{"api_key": "***", "n": 1}'),
    ("secret=abc; next=1", "secret=***; next=1"),
    ("token=abc&page=2", "token=***&page=2"),
    ('password="unterminated', 'password="***"'),
    ("Authorization: Bearer abc.def", "Authorization: ***"),
    ("smb://bob:pw123@server/share", "smb://bob:***@server/share"),
    (f"hash {BCRYPT_HASH} end", "hash *** end"),
    (f"key {HEX_KEY.upper()} end", "key *** end"),
    # Not secrets: left alone.
    ("wrong password for maria", "wrong password for maria"),
    ("Ignoring unknown settings keys: a, b", "Ignoring unknown settings keys: a, b"),
    ("token_expiry=5", "token_expiry=5"),
    ("short hex deadbeef", "short hex deadbeef"),
])
def test_redact_known_answers(raw, expected):
    assert redact(raw) == expected


def test_redaction_of_a_huge_message_stays_fast(tmp_path):
    # Long runs of spaces once made such patterns quadratic; this must finish at once.
    text = "password=x" + " " * 200_000 + "y"
    assert redact(text).startswith("password=***")


def test_filter_survives_arguments_that_do_not_fit_the_format(tmp_path):
    setup_logging(tmp_path, console=False)
    # Handed to our handler directly: pytest's own capture handler would raise on it first.
    record = log.makeRecord(log.name, logging.INFO, __file__, 1,
                            "two placeholders %s %s", ("password=hunter2",), None)
    for handler in _owned_handlers():
        handler.handle(record)
    shutdown_logging()
    text = (tmp_path / LOG_FILE_NAME).read_text()
    assert "two placeholders" in text and "hunter2" not in text


# -- setup / shutdown -----------------------------------------------------------------------

def test_setup_twice_does_not_duplicate_handlers(tmp_path):
    setup_logging(tmp_path, console=True)
    setup_logging(tmp_path, console=True)
    assert len(_owned_handlers()) == 2  # one file, one console
    log.info("written once")
    setup_logging(tmp_path / "other", console=False)
    assert len(_owned_handlers()) == 1
    log.info("written elsewhere")
    shutdown_logging()

    assert (tmp_path / LOG_FILE_NAME).read_text().count("written once") == 1
    assert "written elsewhere" not in (tmp_path / LOG_FILE_NAME).read_text()
    assert "written elsewhere" in (tmp_path / "other" / LOG_FILE_NAME).read_text()


def test_shutdown_closes_files_keeps_foreign_handlers_and_restores_level(tmp_path):
    root = logging.getLogger()
    foreign = logging.NullHandler()
    root.addHandler(foreign)
    level_before = root.level
    try:
        setup_logging(tmp_path, console=False, level=logging.DEBUG)
        file_handler = _owned_handlers()[0]
        assert root.level == logging.DEBUG
        shutdown_logging()
        assert _owned_handlers() == []
        assert foreign in root.handlers
        assert root.level == level_before
        assert file_handler.stream is None  # closed: no leaked file handle
        shutdown_logging()  # a second call is harmless
    finally:
        root.removeHandler(foreign)


def test_setup_creates_missing_folders(tmp_path):
    path = setup_logging(tmp_path / "a" / "b", console=False)
    assert path.exists()
    assert logger_module.LOG_FILE_NAME == path.name


# -- tail_log -------------------------------------------------------------------------------

def test_tail_log_last_lines_and_filter(tmp_path):
    path = tmp_path / "x.log"
    path.write_text("".join(f"line {i} {'ERROR' if i % 10 == 0 else 'info'}\n"
                            for i in range(50)), encoding="utf-8")
    assert tail_log(path, 3) == ["line 47 info", "line 48 info", "line 49 info"]
    assert tail_log(path, 2, contains="error") == ["line 30 ERROR", "line 40 ERROR"]
    assert tail_log(path, 100, contains="ErRoR") == [f"line {i} ERROR" for i in range(0, 50, 10)]
    assert tail_log(path, 100) == [f"line {i} {'ERROR' if i % 10 == 0 else 'info'}"
                                   for i in range(50)]
    assert tail_log(path, 0) == []
    assert tail_log(path, 5, contains="nothing like this") == []


def test_tail_log_edge_files(tmp_path):
    assert tail_log(tmp_path / "missing.log") == []
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    assert tail_log(empty) == []
    no_newline = tmp_path / "nonl.log"
    no_newline.write_bytes(b"first\r\nsecond")
    assert tail_log(no_newline) == ["first", "second"]
    blank_lines = tmp_path / "blank.log"
    blank_lines.write_bytes(b"a\n\nb\n")
    assert tail_log(blank_lines) == ["a", "", "b"]
    broken = tmp_path / "broken.log"
    broken.write_bytes(b"ok\ncaf\xe9\n")  # latin-1, not UTF-8: replaced, never an error
    assert tail_log(broken) == ["ok", "caf\ufffd"]


def test_tail_log_refuses_wrong_argument_types(tmp_path):
    path = tmp_path / "x.log"
    path.write_text("a\n")
    for bad in ("200", 2.0, True, None):
        with pytest.raises(TypeError):
            tail_log(path, bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tail_log(path, 5, contains=5)  # type: ignore[arg-type]


def test_tail_log_on_a_file_larger_than_the_read_block(tmp_path, monkeypatch):
    block = logger_module._TAIL_BLOCK
    path = tmp_path / "big.log"
    # Non-ASCII so multi-byte characters straddle block boundaries.
    rows = [f"{i:06d} ação 🙂 {'needle' if i in (7, 25_000) else 'hay'}" for i in range(60_000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert path.stat().st_size > 10 * block

    reads: list[int] = []
    real_open = open

    class CountingFile:
        def __init__(self, handle):
            self._handle = handle

        def __getattr__(self, name):
            return getattr(self._handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

        def read(self, size=-1):
            data = self._handle.read(size)
            reads.append(len(data))
            return data

    # A module-level `open` shadows the builtin inside utils.logger only.
    monkeypatch.setattr(logger_module, "open",
                        lambda *a, **k: CountingFile(real_open(*a, **k)), raising=False)
    assert tail_log(path, 5) == rows[-5:]
    assert sum(reads) <= 2 * block, "the last lines must not need the whole file"
    reads.clear()
    # A filter reaching far back still returns exactly the matches, in file order.
    assert tail_log(path, 10, contains="NEEDLE") == [rows[7], rows[25_000]]
    assert tail_log(path, 1, contains="needle") == [rows[25_000]]
    monkeypatch.undo()
    assert tail_log(path, 60_000) == rows


def test_tail_log_reads_what_setup_logging_wrote(tmp_path):
    path = setup_logging(tmp_path, console=False)
    for i in range(10):
        log.warning("event %d", i)
    shutdown_logging()
    tail = tail_log(path, 2, contains="event")
    assert [line.rsplit(": ", 1)[1] for line in tail] == ["event 8", "event 9"]
