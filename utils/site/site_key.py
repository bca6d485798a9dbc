"""Creating a site and joining it: the site file, the passphrase and the derived site key.

The site file holds the site id, the protocol version, the scrypt salt and parameters, and a
key check (HMAC of a fixed label with the derived key), so a wrong passphrase is refused at
once instead of producing a key whose signatures nobody accepts. The key itself never goes to
the share.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from models.canonical import format_utc
from models.bounded_json import JsonLimits
from utils.audit.keys import SigningKey, key_id_for
from utils.site.layout import PROTOCOL_VERSION, SiteLayout
from utils.site.share_fs import ShareRefused
from utils.site.signed import document_bytes, parse_document

PASSPHRASE_MIN_CHARS = 12
# scrypt cost: about 0.1 s and 32 MiB on a shop-floor PC, paid once when a PC joins.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
_KEY_CHECK_LABEL = b"shopfloor-site-key-check-v1"
SITE_FILE_LIMITS = JsonLimits(max_bytes=64 * 1024)


class SiteError(RuntimeError):
    """Creating or joining a site failed; nothing was changed. `code` is stable."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class SiteInfo:
    site_id: str
    name: str
    created_at: str
    salt: bytes
    scrypt_n: int
    scrypt_r: int
    scrypt_p: int
    key_check: str

    def to_json(self) -> dict[str, Any]:
        return {"v": PROTOCOL_VERSION, "kind": "shopfloor-site", "site_id": self.site_id,
                "name": self.name, "created_at": self.created_at, "salt": self.salt.hex(),
                "kdf": {"name": "scrypt", "n": self.scrypt_n, "r": self.scrypt_r,
                        "p": self.scrypt_p},
                "key_check": self.key_check}

    @classmethod
    def from_json(cls, raw: Any) -> "SiteInfo":
        try:
            if raw.get("kind") != "shopfloor-site":
                raise ValueError("not a site file")
            if raw.get("v") != PROTOCOL_VERSION:
                raise ValueError(f"protocol version {raw.get('v')} is not supported")
            kdf = raw["kdf"]
            return cls(str(raw["site_id"]), str(raw.get("name", "")), str(raw["created_at"]),
                       bytes.fromhex(raw["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]),
                       str(raw["key_check"]))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise SiteError("bad_site_file", f"the site file is not valid: {exc}") from exc


def check_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or len(passphrase.strip()) < PASSPHRASE_MIN_CHARS:
        raise SiteError("weak_passphrase",
                        f"the site passphrase needs at least {PASSPHRASE_MIN_CHARS} characters")


def derive_key(passphrase: str, info: SiteInfo) -> SigningKey:
    secret = hashlib.scrypt(passphrase.encode("utf-8"), salt=info.salt, n=info.scrypt_n,
                            r=info.scrypt_r, p=info.scrypt_p, maxmem=256 * 1024 * 1024, dklen=32)
    return SigningKey(key_id_for("site", secret), secret)


def _key_check(key: SigningKey) -> str:
    return hmac.new(key.secret, _KEY_CHECK_LABEL, hashlib.sha256).hexdigest()


def create_site(folder: Path, passphrase: str, *, name: str = "", now: datetime,
                scrypt_n: int = SCRYPT_N) -> tuple[SiteInfo, SigningKey]:
    """Write a new site file in `folder` (refused if one exists) and return the site key."""
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
    partial = SiteInfo(uuid.uuid4().hex, name, format_utc(now), secrets.token_bytes(16),
                       scrypt_n, SCRYPT_R, SCRYPT_P, "")
    key = derive_key(passphrase, partial)
    info = SiteInfo(**{**partial.__dict__, "key_check": _key_check(key)})
    try:
        fs.create_once(layout.site_file, document_bytes(info.to_json()))
    except FileExistsError as exc:
        raise SiteError("site_exists", f"{folder} already holds a site: join it instead") from exc
    except OSError as exc:
        raise SiteError("folder_unusable", f"cannot write to {folder}: {exc}") from exc
    for sub in (layout.users_dir, layout.stations_dir):
        fs.mkdirs(sub)
    return info, key


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
    if len(data) > SITE_FILE_LIMITS.max_bytes:
        raise SiteError("bad_site_file", "the site file is too large to be genuine")
    try:
        return SiteInfo.from_json(parse_document(data, SITE_FILE_LIMITS))
    except ValueError as exc:
        raise SiteError("bad_site_file", f"the site file is not valid JSON: {exc}") from exc


def join_site(folder: Path, passphrase: str) -> tuple[SiteInfo, SigningKey]:
    """Derive the site key from the passphrase; a wrong passphrase is refused."""
    info = read_site(folder)
    key = derive_key(passphrase, info)
    if not hmac.compare_digest(_key_check(key), info.key_check):
        raise SiteError("wrong_passphrase", "the site passphrase is wrong; nothing was changed")
    return info, key
