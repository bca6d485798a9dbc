"""An audit event and the exact body that the chain hashes.

The body is canonical JSON of every field except the hash itself. Only scalar fields follow the
nested `before`/`after` objects in sorted-key order, which lets the verifier check the indexed
columns against the body cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.canonical import canonical_json

EVENT_FORMAT = 1


@dataclass(frozen=True)
class AuditEvent:
    station: str
    seq: int
    ts: str  # ISO-8601 UTC with milliseconds (models.canonical.format_utc)
    user: str | None
    role: str | None
    action: str
    entity: str | None = None
    entity_id: str | None = None
    host: str | None = None
    before: Any = None
    after: Any = None
    reason: str | None = None
    command_id: str | None = None

    def body(self) -> str:
        return canonical_json(
            {
                "v": EVENT_FORMAT,
                "station": self.station,
                "seq": self.seq,
                "ts": self.ts,
                "user": self.user,
                "role": self.role,
                "action": self.action,
                "entity": self.entity,
                "entity_id": self.entity_id,
                "host": self.host,
                "before": self.before,
                "after": self.after,
                "reason": self.reason,
                "command_id": self.command_id,
            }
        )

    @classmethod
    def from_body(cls, body: dict[str, Any]) -> "AuditEvent":
        return cls(**{k: body.get(k) for k in (
            "station", "seq", "ts", "user", "role", "action", "entity", "entity_id", "host",
            "before", "after", "reason", "command_id")})
