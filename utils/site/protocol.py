"""What the site's protocol fixes for every implementation of the ports
(utils/site/ports.py) and for the core alike: the version of its signed documents and the
alphabet of station ids. A station id names a place in every transport and store (a folder on
the share, a topic on a broker, rows in a database), so it is kept to a safe alphabet
everywhere; where the shared folder keeps things is utils/site/layout.py's alone.

Two checks, on purpose: `valid_station_id` (the alphabet) is what every reader accepts, so a
site whose directory already holds `CON`, `206.` or both `Line1` and `line1` keeps working;
`new_station_id_problem` and `folder_twin` are what a station id must also pass to be given
to a new member, so that no new id names a folder a Windows share cannot make, or one it
already holds under another spelling (Windows compares names ignoring case and drops trailing
dots and spaces)."""

from __future__ import annotations

import re
from typing import Iterable

PROTOCOL_VERSION = 2  # 2: keys by role (Ed25519 root, PC and person keys); 1 had one shared HMAC key
_STATION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
# Device names Windows keeps in every folder, with any extension (`NUL.txt`): such a folder
# cannot be made or opened on a share a Windows server serves. COM0 and LPT0 are listed by
# Microsoft's "Naming files, paths, and namespaces" too.
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul",
                              *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
# Names the program gives its own folders where station ids name folders too: the directory
# log's refused entries go to `quarantine/directory/` beside each station's
# `quarantine/<id>/` (utils/site/layout.py SiteLayout.quarantine, utils/site/folder_store.py).
DIRECTORY_QUARANTINE = "directory"  # quarantine/directory/: the directory log's refused entries
PROGRAM_FOLDER_NAMES = frozenset({DIRECTORY_QUARANTINE})


def valid_station_id(station_id: str) -> bool:
    """Station ids become folder names on every OS: keep them to a safe alphabet."""
    return bool(_STATION_ID.match(station_id or "")) and station_id not in (".", "..")


def folder_key(station_id: str) -> str:
    """The folder a station id names on a share that ignores case and trailing dots and
    spaces (a Windows server's): two ids with one key write one folder there."""
    return station_id.rstrip(". ").lower()


def new_station_id_problem(station_id: str) -> str | None:
    """Why `station_id` may not be given to a new member (None: it may), in one sentence
    that says what to choose instead. Ids the site already holds are read as they are."""
    if not valid_station_id(station_id):
        return ("a station id is 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                "letter or digit")
    if station_id.endswith("."):
        return (f"station id {station_id} ends in '.', which Windows drops from folder names "
                f"({station_id} and {station_id.rstrip('.')} would be one folder): choose an "
                "id that ends in a letter or digit")
    if station_id.split(".", 1)[0].lower() in _WINDOWS_DEVICES:
        return (f"station id {station_id} is a device name Windows keeps (CON, PRN, AUX, NUL, "
                "COM0-9, LPT0-9, with or without an extension): no folder can have that name "
                "on a Windows share; choose another id, for example one with the machine "
                "number")
    if folder_key(station_id) in PROGRAM_FOLDER_NAMES:
        return (f"station id {station_id} is the name of a folder the program keeps on the "
                "share for itself (quarantine/directory/); choose another id, for example "
                "one with the machine number")
    return None


def folder_twin(station_id: str, known: Iterable[str]) -> str | None:
    """A station id among `known` that is not `station_id` but names its folder on a Windows
    share (another case, a trailing dot): None when there is none, or `station_id` is
    itself one of `known`."""
    known = sorted(known)
    if station_id in known:
        return None
    key = folder_key(station_id)
    return next((other for other in known if folder_key(other) == key), None)
