"""What the Catalog tab says about the site catalog, in the person's language: which catalog is
in force and since when, what happens after a publish (the share reached or not), why a publish
failed or was refused (nothing changed), the limits of a field that caps its value, and the
names of the bands and fleet metrics. Every literal is here for lupdate.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from utils.permissions import PermissionDenied

from gui.i18n import coded_text

# lupdate collects translate("Context", "text"[, None, n]) under this short name too.
translate = QCoreApplication.translate


def band_labels() -> dict[str, str]:
    return {"excellent": translate("Catalog", "Excellent below"),
            "good": translate("Catalog", "Good below"),
            "attention": translate("Catalog", "Attention below (critical above)"),
            "target": translate("Catalog", "Target line")}


def metric_label(name: str) -> str:
    return coded_text(name, {"cpu": translate("Catalog", "CPU"),
                             "memory": translate("Catalog", "Memory"),
                             "disk": translate("Catalog", "Disk")})


def in_force_text(version: int | None, published_by: str, published_at: str,
                  in_site: bool) -> str:
    """The catalog in force (`version` None: the built-in one) and whether it reaches a site."""
    if version is None:
        text = translate("Catalog", "In force: the built-in catalog (nothing published for this "
                                    "site yet).")
    else:
        text = (translate("Catalog", "In force: site catalog version %1, published by %2 at %3.")
                .replace("%1", str(version)).replace("%2", published_by)
                .replace("%3", published_at))
    if not in_site:
        text += " " + translate("Catalog", "This PC is not in a site: a published catalog "
                                           "applies here only, until the PC joins one.")
    return text


def published_note(share_pending: bool, on_a_share: bool) -> str:
    """When the stations take a catalog just published ("" on a PC in no site)."""
    if share_pending:
        return translate("Catalog", "The shared folder cannot be reached now: the catalog is "
                                    "kept on this PC and is put on the share as soon as it is "
                                    "back; stations take it then.")
    if on_a_share:
        return translate("Catalog", "Stations take it within a few seconds (at their next "
                                    "directory check).")
    return ""


def unchanged_text(version: int) -> str:
    """A publish refused because the edited catalog is the one in force."""
    if version:
        return (translate("Catalog", "Nothing changed: the catalog in force is already version "
                                     "%1, so nothing was published. Change a value first.")
                .replace("%1", str(version)))
    return translate("Catalog", "Nothing changed: the built-in catalog is in force with these "
                                "values, so nothing was published. Change a value first.")


def range_hint(low: int, high: int) -> str:
    """The limits of a spin box, shown beside it: a value typed above them is not taken, and
    the box would otherwise show its old value without a word."""
    return translate("Catalog", "%1 to %2").replace("%1", str(low)).replace("%2", str(high))


def publish_failed_text(exc: BaseException) -> str:
    """Why a publish failed, other than a problem with a field (shown next to the field)."""
    if isinstance(exc, PermissionDenied):
        return translate("Catalog", "Only an admin may publish the site catalog; nothing was "
                                    "changed.")
    return (translate("Catalog", "The catalog could not be published: %1. Nothing was changed; "
                                 "your edits are still here, try again.").replace("%1", str(exc)))

