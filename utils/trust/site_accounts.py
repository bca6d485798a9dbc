"""The site's accounts on this PC: the directory log projected into the local users table,
and account changes made here turned into signed directory operations.

The local table is a cache the login reads (so people log in while the share is away); the
directory log is the truth. After every refresh that took something, each account in the log
is written over the local copy (keeping only this PC's lockout columns), so a change refused
by the site, or a stale copy, never outlives the next refresh. The directory head last written
so is kept with the accounts (`PROJECTED_HEAD_KEY`, same transaction): a start with the
directory unchanged writes nothing (4,000 accounts took seconds at every start).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from data import directory_repo, meta_repo, users_repo
from data.database import Database
from utils.clock import Clock
from utils.trust import person_keys
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import ROOT, OpRefused, check_op
from utils.trust.dirlog import DirectoryLog, DirectoryUnavailable, make_op
from utils.trust.role_history import role_change_dated_behind
from utils.trust.site_trust import SiteTrust

log = logging.getLogger(__name__)

UNLOCK_STATION = "~unlock"  # the lockout's "reset" marker for an admin's unlock
PROJECTED_HEAD_KEY = "directory_projected_head"  # meta_info: "seq:hash" written into users


@dataclass
class AccountsReport:
    taken: list[str] = field(default_factory=list)  # usernames changed by the site
    refused: list[str] = field(default_factory=list)
    catalog_changed: bool = False


class SiteAccounts:
    def __init__(self, trust: SiteTrust, database: Database, clock: Clock):
        self.trust = trust
        self.database = database
        self.clock = clock
        self._projected = ""  # the head ("seq:hash") the local accounts were written from

    @property
    def directory(self) -> DirectoryLog:
        return self.trust.directory

    # -- keys ----------------------------------------------------------------------------------

    def new_key(self, username: str, password: str) -> tuple[str, str]:
        """(public key hex, sealed private key as JSON) for a new account or a reset."""
        pair, sealed = person_keys.new_person_key(self.trust.site_id, username, password)
        return pair.public.hex, json.dumps(sealed, sort_keys=True)

    def open_key(self, username: str, sealed_json: str | None, password: str) -> SigningKeyPair | None:
        if not sealed_json:
            return None
        try:
            sealed = json.loads(sealed_json)
        except ValueError:
            return None
        return person_keys.open_person_key(self.trust.site_id, username, sealed, password)

    def reseal(self, pair: SigningKeyPair, username: str, password: str) -> str:
        return json.dumps(person_keys.reseal(pair, self.trust.site_id, username, password),
                          sort_keys=True)

    # -- publishing ----------------------------------------------------------------------------

    def user_op(self, signer: SigningKeyPair, signer_name: str, row: dict[str, Any]) -> dict[str, Any]:
        """A signed `user.put` for an account as `row` describes it (the local row after the
        change); its version is the site's next for that account."""
        state = self.trust.state
        previous = state.users.get(row["username"])
        data = {"username": row["username"], "full_name": row["full_name"],
                "role": str(row["role"]), "active": bool(row["active"]),
                "must_change_password": bool(row["must_change_password"]),
                "badge_id": row.get("badge_id"), "password_hash": row["password_hash"],
                "version": 1 if previous is None else previous.version + 1,
                "public_key": row.get("public_key"),
                "sealed_key": None if not row.get("sealed_key") else json.loads(row["sealed_key"])}
        return make_op(signer_name, signer, self.trust.site_id, "user.put", data,
                       self.clock.now())

    def unlock_op(self, signer: SigningKeyPair, signer_name: str, username: str, at: str) -> dict[str, Any]:
        return make_op(signer_name, signer, self.trust.site_id, "user.unlock",
                       {"username": username, "unlocked_at": at}, self.clock.now())

    def check(self, op: dict[str, Any]) -> None:
        """OpRefused now, before anything is written locally, when the site would refuse, or
        when this PC's clock would date a change of role before the person's last one."""
        check_op(self.trust.state, op)
        behind = role_change_dated_behind(self.trust.state.role_changes, op)
        if behind is not None:
            raise OpRefused(behind)

    def submit(self, op: dict[str, Any]) -> None:
        """Append to the site's directory now, or queue it while the share is away."""
        self.directory.submit(op)

    @staticmethod
    def root_name() -> str:
        return ROOT

    # -- taking the site's accounts ------------------------------------------------------------

    def refresh(self) -> AccountsReport:
        """Read the share's directory, publish what waited, project accounts into the local
        table. Raises DirectoryUnavailable when the share is away."""
        report = AccountsReport()
        taken = self.directory.refresh()
        report.refused.extend(self.directory.flush_outbox())
        report.refused.extend(taken.refused)
        report.catalog_changed = any(op.get("op") == "catalog.publish" for op in taken.taken)
        report.taken = sorted({op["data"]["username"] for op in taken.taken
                               if op.get("op") in ("user.put", "user.unlock")})
        # A change made here that the site refused is undone locally even when nothing
        # else moved the log.
        self.project(force=bool(report.refused))
        return report

    def project(self, *, force: bool = False) -> None:
        """Write the log's accounts over the local copies, when the log moved since they
        were last written (on this PC, also before this start), or when `force`d."""
        state = self.trust.state
        head = f"{state.head_seq}:{state.head_hash}"
        if not force:
            if head == self._projected:
                return
            with self.database.read() as connection:
                if meta_repo.get(connection, PROJECTED_HEAD_KEY) == head:
                    self._projected = head
                    return
        now = self.clock.now()
        with self.database.write() as connection:
            for person in state.users.values():
                entry = {**person.as_row(),
                         "public_key": None if person.public_key is None else person.public_key.hex,
                         "sealed_key": None if person.sealed_key is None else json.dumps(
                             person.sealed_key, sort_keys=True)}
                users_repo.upsert_from_directory(connection, entry, now)
                if person.unlocked_at is not None and person.unlocked_at != (
                        directory_repo.station_successes(connection, UNLOCK_STATION)
                        .get(person.username)):
                    directory_repo.clear_failures(connection, person.username)
                    directory_repo.set_success(connection, UNLOCK_STATION, person.username,
                                               person.unlocked_at)
            meta_repo.put(connection, PROJECTED_HEAD_KEY, head)
        self._projected = head


__all__ = ["AccountsReport", "DirectoryUnavailable", "OpRefused", "SiteAccounts", "UNLOCK_STATION"]
