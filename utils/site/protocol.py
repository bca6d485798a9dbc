"""What the site's protocol fixes for every implementation of the ports
(utils/site/ports.py) and for the core alike: the version of its signed documents and the
alphabet of station ids. A station id names a place in every transport and store (a folder on
the share, a topic on a broker, rows in a database), so it is kept to a safe alphabet
everywhere; where the shared folder keeps things is utils/site/layout.py's alone."""

from __future__ import annotations

import re

PROTOCOL_VERSION = 2  # 2: keys by role (Ed25519 root, PC and person keys); 1 had one shared HMAC key
_STATION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")


def valid_station_id(station_id: str) -> bool:
    """Station ids become folder names on every OS: keep them to a safe alphabet."""
    return bool(_STATION_ID.match(station_id or "")) and station_id not in (".", "..")
