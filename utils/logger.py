"""Logging setup for every entry point (CLI, GUI, headless agent), plus reading the log back.

One call, `setup_logging(log_dir)`, attaches to the root logger:

* a size-rotated file handler writing `log_dir/shopfloor.log`, whose rotated generations are
  gzip-compressed (`shopfloor.log.1.gz` newest ... `shopfloor.log.N.gz` oldest), so a PC that
  runs for years keeps a bounded amount of history on disk;
* optionally a console handler (stderr), off for the CLI so its one-line errors stay readable;
* on both, a redaction filter: logs never contain passwords, passphrases or keys
  (the README's security model), even when a careless call logs a settings dict or an exception
  message that carries one.

The file is either plain text (one record per line, timestamp first) or JSON lines (one object
per line: ts, level, logger, thread, message, exc) for machine collection (`get_logs`,
`collect_diagnostics`). Timestamps are UTC with milliseconds, like everything else the product
writes, so logs from PCs in different time zones line up.

`setup_logging` is idempotent: calling it again replaces the handlers it installed before (never
anybody else's, e.g. pytest's capture handler). `shutdown_logging` removes and closes them.

Limitation: rotation is per process. Two processes logging into the same folder (a CLI command
while the GUI runs) can each rotate the file; lines are not corrupted but a rotation by one may
move lines the other is still appending to the old generation.
"""

from __future__ import annotations

import gzip
import json
import logging
import logging.handlers
import os
import re
import shutil
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from models.canonical import format_utc

__all__ = [
    "LOG_FILE_NAME",
    "RedactingFilter",
    "redact",
    "setup_logging",
    "shutdown_logging",
    "tail_log",
]

LOG_FILE_NAME = "shopfloor.log"
MASK = "***"

# Marks the handlers this module installed, so a second setup (or shutdown) touches only ours.
_OWNED_ATTR = "_shopfloor_owned"
# Set on a record once redacted: the console and the file handler each run the filter, and the
# second pass has nothing left to find.
_REDACTED_ATTR = "_shopfloor_redacted"
# Serialises setup/shutdown; logging calls from other threads are already safe.
_setup_lock = threading.Lock()
# The root level before our first setup, restored by shutdown so tests don't leak a level.
_previous_root_level: int | None = None

# -- redaction ------------------------------------------------------------------------------

# Names whose value is a secret. The name must END with one of these words (`\b` after it), so
# `api_key=`, `site_secret:` and `SHOPFLOOR_PASSWORD=` match, but `keys:` (a list of settings
# names), `keyring:` or `token_expiry=` do not.
_SECRET_NAMES = r"(?:password|passwd|pwd|passphrase|secret|token|key|credentials?)"
# A value is a quoted string (JSON or Python repr, escapes allowed) or a bare run of text. Bare
# values run to the end of the line or to the next `name=` / `name:` pair: a passphrase usually
# contains spaces, and stopping at the first space would leak all but its first word. An
# unterminated quote falls through to the bare form, so it is masked too. The end test only
# starts where a run of spaces starts ((?<!\s)) and never backtracks (++, *+): otherwise a
# long run of spaces in a message makes the search quadratic.
_VALUE = (
    r"""(?P<value>"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'"""
    r"""|\S[^\r\n]*?(?=(?<![\s,;&])(?:[,;&]\s*+|\s++)[\w.\-]++["']?\s*+[=:]"""
    r"""|(?<!\s)[^\S\n]*+$))"""
)
_KEY_VALUE = re.compile(
    r"(?P<name>" + _SECRET_NAMES + r")\b(?P<sep>[\"']?\s*[:=]\s*)" + _VALUE,
    re.IGNORECASE | re.MULTILINE,
)
# HTTP-style credentials ("Bearer abc", "Basic dXNlcjpwdw==") contain a space: mask to the end
# of the line, or just the quoted value inside a dict repr.
_AUTHORIZATION = re.compile(
    r"""(?P<name>\bauthorization\b)(?P<sep>["']?\s*[:=]\s*)"""
    r"""(?P<value>"[^"\r\n]*"|'[^'\r\n]*'|[^\r\n]+)""",
    re.IGNORECASE,
)
# user:password@host in a URL (an SMB share given as a URL, for instance).
_URL_CREDENTIALS = re.compile(r"(?P<prefix>\b[a-z][a-z0-9+.\-]*://[^/\s:@]*:)[^/\s@]+(?=@)",
                              re.IGNORECASE)
# bcrypt hashes ($2b$12$ + 53 characters); truncated ones are masked too.
_BCRYPT = re.compile(r"\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{22,}")
# Raw keys logged as hex (the site key is 32 bytes = 64 hex digits). This also masks SHA-256
# digests and uuid4().hex ids: a log cannot tell a key from a digest, and safety wins.
_LONG_HEX = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}(?![0-9A-Fa-f])")


def _mask_value(match: re.Match[str]) -> str:
    """Keep the name, separator and quotes (so the line stays readable), hide the value."""
    value = match.group("value")
    quote = value[0] if value[:1] in ("'", '"') and len(value) >= 2 else ""
    return f"{match.group('name')}{match.group('sep')}{quote}{MASK}{quote}"


def redact(text: str) -> str:
    """`text` with every recognisable secret replaced by `***`.

    Recognised: `<name>=value` / `<name>: value` where the name ends in password, passwd, pwd,
    passphrase, secret, token, key or credentials (also quoted, as in JSON or a dict repr);
    `Authorization:` values; passwords in `scheme://user:password@host`; bcrypt hashes; runs of
    32 or more hex digits. A secret logged with no name next to it cannot be recognised: code must
    still never log one on purpose; this filter is the safety net.
    """
    text = _AUTHORIZATION.sub(_mask_value, text)
    text = _KEY_VALUE.sub(_mask_value, text)
    text = _URL_CREDENTIALS.sub(lambda m: m.group("prefix") + MASK, text)
    text = _BCRYPT.sub(MASK, text)
    return _LONG_HEX.sub(MASK, text)


class RedactingFilter(logging.Filter):
    """Masks secrets in a record's message, arguments, exception text and stack.

    Attached to handlers, not loggers: a logger's filters do not run for records propagated from
    its children, a handler's filters run for every record it writes, whichever module logged it.
    The record is rewritten in place (message formatted with its arguments, then redacted;
    arguments dropped) because a secret passed as an argument only becomes visible, and
    recognisable next to its name, once the message is formatted.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _REDACTED_ATTR, False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # wrong arguments for the format: keep what we can, never raise here
            message = f"{record.msg!s} (log arguments did not match the format: {record.args!r})"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            # Format the traceback now so the redacted text is what formatters reuse (they
            # cache exc_text and only format exc_info when it is empty).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        setattr(record, _REDACTED_ATTR, True)
        return True


# -- formats --------------------------------------------------------------------------------

# Line breaks and other controls in a message would let logged input forge whole log lines (or
# drive a terminal through escape sequences); the text format shows them escaped. Bidi controls
# and the Unicode line/paragraph separators are escaped for the same reason.
_ESCAPES: dict[int, str] = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}
_ESCAPES.update({ord("\t"): "\t", ord("\n"): "\\n", ord("\r"): "\\r"})
_ESCAPES.update({code: f"\\u{code:04x}"
                 for code in (0x85, 0x2028, 0x2029, *range(0x202A, 0x202F),
                              *range(0x2066, 0x206A))})


def _utc_timestamp(record: logging.LogRecord) -> str:
    return format_utc(datetime.fromtimestamp(record.created, tz=timezone.utc))


def _exception_text(formatter: logging.Formatter, record: logging.LogRecord) -> str | None:
    if record.exc_info and not record.exc_text:
        record.exc_text = formatter.formatException(record.exc_info)
    return record.exc_text or None


class _TextFormatter(logging.Formatter):
    """`2026-11-22T14:19:00.123Z INFO     [MainThread] utils.auth: message`, traceback below."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().translate(_ESCAPES)
        line = (f"{_utc_timestamp(record)} {record.levelname:<8} [{record.threadName}] "
                f"{record.name}: {message}")
        exc = _exception_text(self, record)
        if exc:
            line += "\n" + exc
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line


class _JsonLinesFormatter(logging.Formatter):
    """One JSON object per line; json.dumps escapes newlines, so a record is always one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": _utc_timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "thread": record.threadName,
            "message": record.getMessage(),
            "exc": _exception_text(self, record),
        }
        if record.stack_info:
            entry["stack"] = record.stack_info
        # ensure_ascii=False keeps Portuguese defect names readable; the file is UTF-8.
        return json.dumps(entry, ensure_ascii=False, default=str)


# -- rotation -------------------------------------------------------------------------------

def _gzip_namer(default_name: str) -> str:
    """RotatingFileHandler asks for `shopfloor.log.3`; the generation on disk is `.3.gz`."""
    return default_name + ".gz"


def _gzip_rotator(source: str, dest: str) -> None:
    """Compress the full log into generation 1, then start a new one.

    Compressed into a temporary file first and renamed, so a crash mid-way never leaves a
    truncated `.gz` in place of a good generation; the source is removed only after that. If
    compression fails (disk full) the exception reaches the handler, which reports it through
    `handleError`, and the uncompressed log stays where it was: nothing already written is lost.
    """
    if not os.path.exists(source):
        return
    temp = dest + ".partial"
    try:
        with open(source, "rb") as plain, open(temp, "wb") as raw:
            # filename= names the member after the live log, not after the temporary file.
            with gzip.GzipFile(filename=os.path.basename(source), mode="wb", fileobj=raw,
                               compresslevel=6) as packed:
                shutil.copyfileobj(plain, packed, 1024 * 1024)
        os.replace(temp, dest)
    except BaseException:
        try:
            os.remove(temp)
        except OSError:
            pass
        raise
    os.remove(source)


# -- setup ----------------------------------------------------------------------------------

def _resolve_level(level: int | str) -> int:
    if isinstance(level, bool):  # bool is an int; True would silently mean level 1
        raise ValueError(f"unknown log level {level!r}")
    if isinstance(level, int):
        return level
    name = level.strip().upper()
    if name.isdigit():
        return int(name)
    levels = logging.getLevelNamesMapping()
    if name not in levels:
        raise ValueError(f"unknown log level {level!r}; use one of {', '.join(levels)}")
    return levels[name]


def _remove_owned_handlers(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if getattr(handler, _OWNED_ATTR, False):
            root.removeHandler(handler)
            handler.close()


def setup_logging(log_dir: Path, *, level: int | str = logging.INFO, json_lines: bool = False,
                  console: bool = True, max_bytes: int = 5_000_000,
                  backup_count: int = 10) -> Path:
    """Send the root logger to `log_dir/shopfloor.log` (and stderr); return the file's path.

    Rotates when the file would exceed `max_bytes`, keeping `backup_count` gzip-compressed
    generations. Safe to call again (e.g. after the settings change the level): the handlers of
    the previous call are replaced, never duplicated. Raises OSError when the folder cannot be
    created or the file opened (the caller decides whether to go on without a log file), and
    ValueError for an unknown level or a rotation setting that would not bound the disk use.
    """
    if max_bytes <= 0:
        raise ValueError("max_bytes must be positive: an unrotated log grows without bound")
    if backup_count < 1:
        # With 0, RotatingFileHandler never rotates but reopens the file on every record.
        raise ValueError("backup_count must be at least 1")
    numeric_level = _resolve_level(level)
    log_dir = Path(log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / LOG_FILE_NAME

    redaction = RedactingFilter()
    formatter: logging.Formatter = _JsonLinesFormatter() if json_lines else _TextFormatter()
    # Opened now (delay=False) so an unwritable folder fails here, where main.py reports it,
    # rather than on the first record. backslashreplace: a lone surrogate in a message must not
    # make the record vanish in an encoding error.
    file_handler = logging.handlers.RotatingFileHandler(
        log_path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8",
        errors="backslashreplace", delay=False)
    file_handler.namer = _gzip_namer
    file_handler.rotator = _gzip_rotator
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.addFilter(redaction)
        handler.setFormatter(formatter)
        setattr(handler, _OWNED_ATTR, True)

    global _previous_root_level
    root = logging.getLogger()
    with _setup_lock:
        if _previous_root_level is None:
            _previous_root_level = root.level
        _remove_owned_handlers(root)
        root.setLevel(numeric_level)
        for handler in handlers:
            root.addHandler(handler)
    return log_path


def shutdown_logging() -> None:
    """Remove and close the handlers `setup_logging` installed; restore the root level.

    Closing releases the file (tests, and Windows, which cannot delete an open file).
    """
    global _previous_root_level
    root = logging.getLogger()
    with _setup_lock:
        _remove_owned_handlers(root)
        if _previous_root_level is not None:
            root.setLevel(_previous_root_level)
            _previous_root_level = None


# -- reading back ---------------------------------------------------------------------------

_TAIL_BLOCK = 64 * 1024
# A single line longer than this keeps only its last part: memory stays bounded even for a
# file that is one enormous line.
_TAIL_MAX_LINE = 1024 * 1024


def tail_log(path: Path, lines: int = 200, contains: str | None = None) -> list[str]:
    """The last `lines` lines of `path`, oldest first (for `get_logs` and the log viewer).

    With `contains`, the last `lines` lines that contain it, ignoring case. The file is read
    backwards in blocks, so the cost depends on how far back the wanted lines are, not on the
    file's size. Lines are decoded as UTF-8 (invalid bytes replaced) without their line ending.
    A missing file has no lines.
    """
    # Both may come from a remote `get_logs` command: refuse wrong types with a clear error.
    if isinstance(lines, bool) or not isinstance(lines, int):
        raise TypeError(f"lines must be an int, not {type(lines).__name__}")
    if contains is not None and not isinstance(contains, str):
        raise TypeError(f"contains must be text, not {type(contains).__name__}")
    if lines <= 0:
        return []
    needle = contains.casefold() if contains else None
    found: list[str] = []  # newest first

    def take(raw: bytes) -> None:
        text = raw.rstrip(b"\r").decode("utf-8", errors="replace")
        if needle is None or needle in text.casefold():
            found.append(text)

    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        return []
    with handle:
        file_size = position = handle.seek(0, os.SEEK_END)
        # A final newline ends the last line; it does not start an empty one.
        if position > 0:
            handle.seek(position - 1)
            if handle.read(1) == b"\n":
                position -= 1
        carry = b""  # the (possibly incomplete) earliest line seen so far
        while position > 0 and len(found) < lines:
            size = min(_TAIL_BLOCK, position)
            position -= size
            handle.seek(position)
            parts = (handle.read(size) + carry).split(b"\n")
            carry = parts.pop(0)
            if len(carry) > _TAIL_MAX_LINE:
                carry = carry[-_TAIL_MAX_LINE:]
            for raw in reversed(parts):
                take(raw)
                if len(found) >= lines:
                    break
        if file_size > 0 and position == 0 and len(found) < lines:
            take(carry)  # the file's first line, complete now that nothing precedes it
    found.reverse()
    return found
