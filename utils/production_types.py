"""The values callers exchange with the production service: its refusals and a signature.

Apart from the services (utils/production.py, utils/record_corrections.py) so that both, and
the dialogs that build a `Signature`, depend on the values and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Callable

from models.refusal import CodedRefusal

# Another station's record as this PC's site view holds it (None: not known there).
SiteRecords = Callable[[str], "dict[str, Any] | None"]


class ProductionError(CodedRefusal):
    """A request that cannot be carried out as asked; nothing was saved."""


class SignatureRejected(ProductionError):
    """The signature was missing, meant something else, or its password was wrong."""


class Meaning(StrEnum):
    """What a signature stands for (stored in the audit event as is)."""

    CORRECTION = "correction"
    VOID = "void"


@dataclass(frozen=True)
class Signature:
    """The password the person re-entered to sign, and what the signature means."""

    password: str = field(repr=False)  # never logged, never stored
    meaning: Meaning
