"""The features that keep figures in the site view (data/view_extensions.py), in one list.

Importing this module also declares their tables on `data.view_schema.metadata`, so the view's
database (data/view_db.py) creates them with its own. A feature adds its import and its entry;
its tables' change of shape bumps `data.view_schema.VIEW_FORMAT` (the view is then read again).
"""

from __future__ import annotations

from data.view_extensions import NoSignatures, PersonSignatures, ViewExtension
from data.view_oee import OeeExtension
from data.view_spc import SpcExtension
from data.view_handover import HandoverView


def registered(signatures: PersonSignatures | None = None) -> tuple[ViewExtension, ...]:
    """A new instance of every feature's extension, in a fixed order; `signatures` checks the
    acts a person must sign (None: none is taken)."""
    signatures = signatures or NoSignatures()
    return (OeeExtension(signatures), SpcExtension(signatures), HandoverView())
