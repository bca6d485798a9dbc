"""A file's path as text that every audit event, message and log line can hold.

On POSIX a file name is bytes, and Python hands the bytes that are not UTF-8 on as lone
surrogates ("r\\udce9sum\\udce9.csv" for a Latin-1 "résumé.csv"). The canonical JSON of an audit
event refuses those (they have no UTF-8 form), and so does a terminal writing strict UTF-8.
Such a name is shown here with each of those bytes as `\\xNN`: readable, and the same name
always gives the same text.
"""

from __future__ import annotations

import os


def path_text(path: str | bytes | os.PathLike) -> str:
    """`path` as UTF-8-safe text: itself when it is valid text, each undecodable byte as \\xNN
    otherwise."""
    text = os.fsdecode(path)
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decoding made: shown as \\udXXX
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
