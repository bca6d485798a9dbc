"""Which station id a PC may join a site as (utils/site/membership.py): a valid id and kind; a
new id that suits every share and names no member's folder; a new production station's id a
machine of the site's machine table.

Each is judged against the site's directory as the join has read it (its `DirectoryState`,
taken through the directory log's own reader, which sets a share writer's junk aside): one
read and one set of rules. An id the directory holds (a takeover, a rejoin) stays usable as
it is; a new site's first station is judged against nothing held and the built-in table.
"""

from __future__ import annotations

from typing import Any, Iterable

from config.catalog import default_catalog
from utils.site.protocol import folder_twin, new_station_id_problem, valid_station_id
from utils.site.site_key import SiteError


def check_station(station_id: str, kind: str) -> None:
    if kind not in ("production", "office"):
        raise SiteError("bad_kind", "a PC joins as a production station or an office PC")
    if not valid_station_id(station_id):
        raise SiteError("bad_station_id", "a station id is 1 to 64 letters, digits, '.', '_' "
                        "or '-', starting with a letter or digit")


def check_new_station(station_id: str, known: Iterable[str]) -> None:
    """An id the site's directory does not hold yet (`known`: every station it ever
    certified) must suit every share, and must not name on a Windows share the folder of one
    it holds (another case, a trailing dot): two PCs would write one folder. An id it holds
    stays usable as it is (a takeover, a rejoin), whatever an older version let in."""
    known = set(known)
    if station_id in known:
        return
    problem = new_station_id_problem(station_id)
    if problem is not None:
        raise SiteError("bad_station_id", problem)
    twin = folder_twin(station_id, known)
    if twin is not None:
        raise SiteError("station_taken", f"station id {station_id} names the same folder as "
                        f"station {twin} of this site on a Windows share (only upper/lower "
                        f"case or a trailing dot differ); to stand in for that station, join as "
                        f"{twin} exactly (asking for a takeover if a PC holds it); otherwise "
                        "choose another id")


def catalog_machines(published: dict[str, Any] | None) -> list[str]:
    """The station ids of the machine table in the catalog the site's directory published
    (`DirectoryState.catalog`), in order and once each; [] when it names none."""
    catalog = (published or {}).get("catalog") or {}
    machines = catalog.get("machines") if isinstance(catalog, dict) else None
    if not isinstance(machines, list):
        return []
    ids = [str(m.get("station_id")) for m in machines if isinstance(m, dict)
           and isinstance(m.get("station_id"), (str, int))]
    return list(dict.fromkeys(ids))


def machine_table(published: dict[str, Any] | None) -> list[str]:
    """The ids a new production station may take: the published catalog's machine table, else
    (a new site, a catalog that names no machine) the built-in one."""
    return catalog_machines(published) or [m.station_id for m in default_catalog().machines]


def check_machine_table(station_id: str, kind: str, known: Iterable[str],
                        published: dict[str, Any] | None) -> None:
    """A new production station is a machine of the site's table (`machine_table` of the
    catalog the directory `published`): a typo ("0206", "abc") would become a permanent
    member of the site. The check is against typos, not a share writer (who can delete the
    catalog's entry, so that an older table is read). An id the directory holds (`known`, as
    `check_new_station`) is judged as a takeover or a rejoin, whatever table it joined under;
    an office PC's id follows `check_new_station` only."""
    if kind != "production" or station_id in set(known):
        return
    machines = machine_table(published)
    if station_id not in machines:
        raise SiteError("unknown_machine", f"station {station_id} is not a machine of the "
                        f"site's machine table ({', '.join(machines)}); nothing was changed: "
                        "give one of those, or set this PC up as an office PC")
