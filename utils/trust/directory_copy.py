"""This PC's copy of a site's directory (utils/trust/dirlog.py) when it joins another site.

A PC in no site keeps the directory it read while joining (every entry verified, with its
head). A join refused after that read (an id not in the machine table, a station taken), or
cut short, leaves the copy behind, and the log of another site cannot be read over it (its
numbers are taken): the next join, to another site, failed with a database error.
"""

from __future__ import annotations

import logging

from data import directory_repo, meta_repo
from data.database import Database
from utils.trust.dirlog import VERIFIED_HEAD_KEY, read_verified_head

log = logging.getLogger(__name__)


def forget_other_site(database: Database, site_id: str) -> bool:
    """Drop this PC's copy of another site's directory; True when there was one. Only for a
    PC in no site about to join `site_id`: a join refused after it had read its site's
    directory (an id not in the machine table, a station taken), or cut short, leaves that
    copy, and the log of another site cannot be read over it (its numbers are taken)."""
    with database.write() as connection:
        if not directory_repo.log_head(connection) \
                or read_verified_head(connection, site_id) != (0, ""):
            return False  # nothing kept, or this very site's copy (read on as it is)
        directory_repo.log_clear(connection)
        meta_repo.put(connection, VERIFIED_HEAD_KEY, "null")
    log.info("This PC's copy of another site's directory (a join that did not finish) was "
             "dropped before it joins site %s", site_id)
    return True
