"""What every PC's main window says about its share state, in the person's language: why this
PC does not sync for its station (the sync service's refusal kinds, utils/site/share_health.py)
and what to do about it. A kind newer than this version gets the general sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from utils.site.share_health import (
    REFUSAL_COPY_RUNNING, REFUSAL_NOT_MEMBER, REFUSAL_TAKEOVER_UNCONFIRMED,
)

# lupdate collects translate("Context", "text"[, None, n]) under this short name too.
translate = QCoreApplication.translate


def refusal_text(kind: str | None) -> str | None:
    """The notice under the header (None: this PC syncs, nothing to say)."""
    if kind is None:
        return None
    texts = {
        REFUSAL_TAKEOVER_UNCONFIRMED: translate(
            "AppTexts",
            "This PC does not sync: another copy of it (a restored backup, a copied disk) "
            "ran as this station last. Production is saved on this PC. A supervisor logs "
            "in here and confirms the takeover (button: Confirm the takeover…)."),
        REFUSAL_COPY_RUNNING: translate(
            "AppTexts",
            "This PC does not sync: something else runs as this station with this PC's key "
            "(this PC's agent, or another PC). Production is saved on this PC. Stop the "
            "agent, or switch the other PC off."),
        REFUSAL_NOT_MEMBER: translate(
            "AppTexts",
            "This PC does not sync: it no longer acts for this station (its key was "
            "revoked, or another PC took the station over). Production is saved on this "
            "PC. An admin joins it to the site again."),
    }
    return texts.get(kind, translate("AppTexts", "This PC does not sync for this station now. "
                                                 "Production is saved on this PC."))
