"""Why the site view could not read the stations' journals, as refusals a verb says in one line
(`verify-audit --site`, `archive`, the panel's whole-site check): the shared folder away, or
its stations' folder refused. Raised by utils/site/site_view.py. And the record versions a
station's journal carried that the view refused (`RecordRefusals`)."""

from __future__ import annotations

import logging

from utils.site.site_key import SiteError

log = logging.getLogger(__name__)


class StoreNotRead(SiteError):
    """The stations' journals could not be read (`where`, and why: `reason`): a refusal said in
    one line by the verb that needed them. Its kinds say what is in the way."""

    CODE = ""
    TEXT = ""  # the sentence, with {where} and {reason}

    def __init__(self, where: str, reason: str):
        self.where, self.reason = where, reason
        super().__init__(self.CODE, self.TEXT.format(where=where, reason=reason))


class ShareUnreachable(StoreNotRead, OSError):
    """The site store cannot be listed now (the shared folder is away); an OSError too, which
    what waits for the share (the follower, ingestion) expects."""

    CODE = "share_unreachable"
    TEXT = ("the shared folder {where} cannot be reached ({reason}): the stations' journals were "
            "not read, so nothing that needs them was done; run it again when the folder is back "
            "(check the network and the share path)")

    @classmethod
    def naming(cls, exc: OSError, folder: str | None) -> "ShareUnreachable":
        """The refusal for a store that cannot be read now, naming the shared folder."""
        return cls(str(folder or exc.filename or "of this site"), exc.strerror or str(exc))


class StationsRefused(StoreNotRead):
    """The store refused to list its stations (on the shared folder: `stations` is a link or
    a file), so no check of the whole site can say it is intact. Not an OSError: the share
    answers; a person has to put it right."""

    CODE = "stations_refused"
    TEXT = ("the stations' folder of the shared folder ({where}) was refused ({reason}): no "
            "station's journal was read, so the site's audit trail was not checked; ask whoever "
            "looks after the shared folder to put it right, then run it again")

    @classmethod
    def naming(cls, where: str, reason: str, folder: str | None) -> "StationsRefused":
        """The refusal of a store's listing of stations, naming the place (`where`, the
        store's label) under the shared folder."""
        return cls(f"{folder}/{where}" if folder else where, reason)


class RecordRefusals(dict):
    """Station -> its last event the view refused: a record version (what local entry
    refuses, another station's record unsigned, said by `add`) or a feature's event (a stop,
    a handover, a signed act the feature refused, said by the feature: put with `update`).
    Its event is taken past, never read again: so kept for the fleet's alarm while this
    program runs, not cleared with the station's other refusals at each pass (which are found
    again when their files are read again)."""

    def add(self, station_id: str, problem: str) -> None:
        if self.get(station_id) != problem:
            self[station_id] = problem
            log.warning("Station %s: %s; that record version is not in the site view, the "
                        "rest of the journal is", station_id, problem)
