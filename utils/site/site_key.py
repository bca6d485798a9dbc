"""Creating a site and joining it: the site file and the site's root key.

The site file (`shopfloor-site.json`, protocol 2) holds the site id, its name, the root's
public key and the root's private key *sealed* under the site passphrase (scrypt and
ChaCha20-Poly1305, utils/trust/crypto.py). Opening the seal is how a passphrase is checked:
a wrong passphrase, or a site file a share writer made with a passphrase of their own, does not
open, so a PC never pins a root it was not given by someone who knows the passphrase.

The root's private half exists in memory only while a PC joins (to certify that PC) or while
a site is created or upgraded; it is never stored on any PC. Every PC keeps the root's public
key it pinned at join and checks every certificate against that copy, never against the share.

A protocol-1 site file (one shared HMAC key derived from the passphrase) is read only to offer
the upgrade (`shopfloor site upgrade`); nobody joins such a site any more.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from models.canonical import format_utc
from models.bounded_json import JsonLimits
from models.refusal import CodedRefusal
from utils.site.layout import SiteLayout
from utils.site.protocol import PROTOCOL_VERSION
from utils.site.share_fs import ShareRefused
from utils.site.signed import document_bytes, parse_document
from utils.trust.crypto import (
    ROOT_SCRYPT_N, PublicKey, SigningKeyPair, WrongSecret, seal, unseal,
)

PASSPHRASE_MIN_CHARS = 12
SITE_FILE_LIMITS = JsonLimits(max_bytes=64 * 1024)
LEGACY_PROTOCOL = 1
_V1_KEY_CHECK_LABEL = b"shopfloor-site-key-check-v1"


class SiteError(CodedRefusal):
    """Creating or joining a site failed; nothing was changed. `code` is stable."""


def root_purpose(site_id: str) -> str:
    return f"shopfloor-root:{site_id}"


@dataclass(frozen=True)
class SiteInfo:
    site_id: str
    name: str
    created_at: str
    root: PublicKey | None  # None on a protocol-1 site (not upgraded yet)
    root_sealed: dict[str, Any] | None
    legacy: dict[str, Any] | None = None  # a protocol-1 file's scrypt salt and key check

    @property
    def is_legacy(self) -> bool:
        return self.root is None

    def to_json(self) -> dict[str, Any]:
        assert self.root is not None and self.root_sealed is not None
        document: dict[str, Any] = {
            "v": PROTOCOL_VERSION, "kind": "shopfloor-site", "site_id": self.site_id,
            "name": self.name, "created_at": self.created_at,
            "root_public_key": self.root.hex, "root_sealed": self.root_sealed}
        if self.legacy is not None:
            document["upgraded_from"] = self.legacy
        return document

    @classmethod
    def from_json(cls, raw: Any) -> "SiteInfo":
        try:
            if raw.get("kind") != "shopfloor-site":
                raise ValueError("not a site file")
            version = raw.get("v")
            if version == LEGACY_PROTOCOL:
                kdf = raw["kdf"]
                legacy = {"salt": str(raw["salt"]), "n": int(kdf["n"]), "r": int(kdf["r"]),
                          "p": int(kdf["p"]), "key_check": str(raw["key_check"])}
                return cls(str(raw["site_id"]), str(raw.get("name", "")),
                           str(raw["created_at"]), None, None, legacy)
            if version != PROTOCOL_VERSION:
                raise ValueError(f"protocol version {version!r} is not supported")
            upgraded = raw.get("upgraded_from")
            return cls(str(raw["site_id"]), str(raw.get("name", "")), str(raw["created_at"]),
                       PublicKey.from_hex(raw["root_public_key"]), dict(raw["root_sealed"]),
                       dict(upgraded) if isinstance(upgraded, dict) else None)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise SiteError("bad_site_file", f"the site file is not valid: {exc}") from exc


def check_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or len(passphrase.strip()) < PASSPHRASE_MIN_CHARS:
        raise SiteError("weak_passphrase",
                        f"the site passphrase needs at least {PASSPHRASE_MIN_CHARS} characters")


def new_site_info(site_id: str, name: str, created_at: str, passphrase: str, *,
                  scrypt_n: int = ROOT_SCRYPT_N,
                  legacy: dict[str, Any] | None = None) -> tuple[SiteInfo, SigningKeyPair]:
    """A new root key pair, sealed under the passphrase, and the site file that carries it."""
    root = SigningKeyPair.generate()
    sealed = seal(root, passphrase, purpose=root_purpose(site_id), scrypt_n=scrypt_n)
    return SiteInfo(site_id, name, created_at, root.public, sealed, legacy), root


def create_site(folder: Path, passphrase: str, *, name: str = "", now: datetime,
                scrypt_n: int = ROOT_SCRYPT_N) -> tuple[SiteInfo, SigningKeyPair]:
    """Write a new site file in `folder` (refused if one exists); returns the root key pair,
    which the caller uses at once (genesis, first admin, this PC) and then forgets."""
    check_passphrase(passphrase)
    layout = SiteLayout(Path(folder))
    try:
        layout.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SiteError("folder_unusable", f"cannot use the folder {folder}: {exc}") from exc
    fs = layout.fs  # below the chosen folder nothing is followed
    try:
        taken = fs.exists(layout.site_file)
    except OSError as exc:
        raise SiteError("folder_unusable", f"cannot use the folder {folder}: {exc}") from exc
    if taken:
        raise SiteError("site_exists", f"{folder} already holds a site: join it instead")
    info, root = new_site_info(uuid.uuid4().hex, name, format_utc(now), passphrase,
                               scrypt_n=scrypt_n)
    try:
        fs.create_once(layout.site_file, document_bytes(info.to_json()))
    except FileExistsError as exc:
        raise SiteError("site_exists", f"{folder} already holds a site: join it instead") from exc
    except OSError as exc:
        raise SiteError("folder_unusable", f"cannot write to {folder}: {exc}") from exc
    for sub in (layout.directory_dir, layout.stations_dir):
        fs.mkdirs(sub)
    return info, root


def read_site(folder: Path) -> SiteInfo:
    layout = SiteLayout(Path(folder))
    try:
        data, _info = layout.fs.read_bytes(layout.site_file,
                                           max_bytes=SITE_FILE_LIMITS.max_bytes)
    except FileNotFoundError as exc:
        raise SiteError("no_site", f"no site found in {folder}: check the folder, or create "
                        "the site first") from exc
    except ShareRefused as exc:
        raise SiteError("bad_site_file", f"the site file is refused: {exc.reason}; it is "
                        "not followed. Ask whoever looks after the shared folder to put the "
                        "site file back") from exc
    except OSError as exc:
        raise SiteError("folder_unusable", f"cannot read {layout.site_file}: {exc}") from exc
    return parse_site_file(data)


def parse_site_file(data: bytes) -> SiteInfo:
    """The site file's bytes as read (at most one byte beyond the limit); SiteError
    ("bad_site_file") when they are no site file."""
    if len(data) > SITE_FILE_LIMITS.max_bytes:
        raise SiteError("bad_site_file", "the site file is too large to be genuine")
    try:
        return SiteInfo.from_json(parse_document(data, SITE_FILE_LIMITS))
    except ValueError as exc:
        raise SiteError("bad_site_file", f"the site file is not valid JSON: {exc}") from exc


def open_root(info: SiteInfo, passphrase: str) -> SigningKeyPair:
    """The root key pair, opened with the passphrase; SiteError when it does not open."""
    if info.is_legacy:
        raise SiteError("legacy_site", "this site still uses the old shared site key: an admin "
                        "upgrades it first (shopfloor site upgrade, or Settings in the admin "
                        "panel); nothing was changed")
    try:
        root = unseal(info.root_sealed, passphrase, purpose=root_purpose(info.site_id))
    except WrongSecret as exc:
        raise SiteError("wrong_passphrase", "the site passphrase is wrong; nothing was "
                        "changed") from exc
    if root.public != info.root:
        raise SiteError("bad_site_file", "the site file's root key does not match its seal")
    return root


def join_site(folder: Path, passphrase: str) -> tuple[SiteInfo, SigningKeyPair]:
    """Open the site's root with the passphrase (to certify this PC); a wrong one is refused."""
    info = read_site(folder)
    return info, open_root(info, passphrase)


# -- protocol 1, only to upgrade -----------------------------------------------------------------

def legacy_key_secret(info: SiteInfo, passphrase: str) -> bytes:
    """The old shared site key (HMAC secret) of a protocol-1 site; SiteError if wrong."""
    assert info.legacy is not None
    legacy = info.legacy
    secret = hashlib.scrypt(passphrase.encode("utf-8"), salt=bytes.fromhex(legacy["salt"]),
                            n=legacy["n"], r=legacy["r"], p=legacy["p"],
                            maxmem=256 * 1024 * 1024, dklen=32)
    check = hmac.new(secret, _V1_KEY_CHECK_LABEL, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(check, legacy["key_check"]):
        raise SiteError("wrong_passphrase", "the site passphrase is wrong; nothing was changed")
    return secret


def write_upgraded_site_file(folder: Path, info: SiteInfo) -> None:
    """Replace a protocol-1 site file by the upgraded one (same site id, a root now)."""
    layout = SiteLayout(Path(folder))
    layout.fs.write_atomic(layout.site_file, document_bytes(info.to_json()))
