"""A record's id, made for the station the record belongs to, so that no other station can
claim it.

A record belongs to the station its version 1 names (data/view_ownership.py). A journal is
sealed by its PC, but what is in it is the PC's to write: whoever copied a production PC's
files can put a version 1 of another station's record id into that PC's journal, naming that
PC's own station. With random ids, which of the two version 1s a PC read first decided whose
the record was, and two PCs could disagree.

An id made here carries its station: 16 bytes shaped like a UUID of version 8 (RFC 9562, a
form uuid4 never takes): 8 bytes at random (60 bits after the version), then the first 8
bytes of SHA-256 over a domain, the station id and those random bytes (62 bits after the
variant). A version 1 that names another station than its id was made for is refused on every
PC, whichever journal is read first: the copier cannot choose the random bytes (they are part
of the id copied), so a copy passes only if SHA-256 happens to give the same 62 bits for both
stations over them, a chance of 2^-62 with nothing to search.

Ids of records made before this form (uuid4, the legacy import's and the older synthetic
plant's) prove nothing; for them the first version 1 read still names the owner.
"""

from __future__ import annotations

import hashlib
import os
from typing import Callable

_DOMAIN = b"shopfloor-record-id\x00"
_VERSION_AT = 12  # hex digit of the UUID version
_VARIANT_AT = 16  # hex digit whose top two bits are the RFC 4122 variant


def _tag(station_id: str, head: bytes) -> bytes:
    return hashlib.sha256(_DOMAIN + station_id.encode("utf-8") + b"\x00" + head).digest()[:8]


def new_record_id(station_id: str, random_bytes: Callable[[int], bytes] = os.urandom) -> str:
    """A new record id (32 lowercase hex digits) made for `station_id`."""
    head = bytearray(random_bytes(8))
    head[6] = 0x80 | (head[6] & 0x0F)  # version 8
    tail = bytearray(_tag(station_id, bytes(head)))
    tail[0] = 0x80 | (tail[0] & 0x3F)  # variant 10xx
    return (bytes(head) + bytes(tail)).hex()


def is_station_bound(record_id: str) -> bool:
    """True when `record_id` has this module's form (it then must match its station)."""
    return (len(record_id) == 32 and record_id[_VERSION_AT] == "8"
            and record_id[_VARIANT_AT] in "89ab")


def record_id_problem(record_id: str, station_id: str) -> str | None:
    """Why a version 1 naming `station_id` may not carry `record_id`, or None (an id of this
    form made for that station, or an id of an older form, which proves nothing)."""
    if not is_station_bound(record_id):
        return None
    try:
        head = bytes.fromhex(record_id[:16])
        tail = bytes.fromhex(record_id[16:])
    except ValueError:
        return None  # not hex: the record's other checks say what it is
    expected = _tag(station_id, head)
    if tail[1:] == expected[1:] and (tail[0] & 0x3F) == (expected[0] & 0x3F):
        return None
    return (f"record id {record_id} was made for another station than {station_id} "
            "(a copy of another station's record)")
