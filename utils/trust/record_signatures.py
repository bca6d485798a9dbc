"""A person's signature on a change to a production record (Part 11 §11.70: bound to the
content it signs).

The signature covers the record version as saved, the meaning ("correction", "void"), who,
when and why; it is made with the person's own key after they typed their password, and kept
in the audit event's signature manifest. Any PC can check it against the site directory, so a
change to another station's record that no person signed never enters the site view, whichever
PC's journal carries it.
"""

from __future__ import annotations

from typing import Any

from utils.trust.crypto import SIG, SigningKeyPair
from utils.trust.directory_state import DirectoryState

SIGNED_FIELDS = ("meaning", "signed_by", "full_name", "signed_at")


def _payload(record: dict[str, Any], manifest: dict[str, Any], reason: Any) -> dict[str, Any]:
    return {"kind": "record_signature", "record": {k: v for k, v in record.items()
                                                   if k != "signature"},
            "reason": reason, **{name: manifest.get(name) for name in SIGNED_FIELDS},
            "key_id": manifest.get("key_id")}


def sign_manifest(signer: SigningKeyPair, record: dict[str, Any], manifest: dict[str, Any],
                  reason: Any) -> dict[str, Any]:
    """The manifest with the person's key id and signature over the change."""
    signed = {**manifest, "key_id": signer.key_id}
    return {**signed, SIG: signer.sign(_payload(record, signed, reason))}


def manifest_problem(state: DirectoryState, record: dict[str, Any], reason: Any) -> str | None:
    """None when the record version carries a signature of the person it names, made with a
    key the directory certified for that person; else why not."""
    manifest = record.get("signature")
    if not isinstance(manifest, dict) or not isinstance(manifest.get(SIG), str):
        return "not signed by a person"
    known = state.person_keys.get(manifest.get("key_id"))
    if known is None or known[0] != manifest.get("signed_by"):
        return "signed with a key the site never certified for that person"
    if not known[1].verify(_payload(record, manifest, reason), manifest[SIG]):
        return "the signature does not match the change"
    return None
