"""`SiteTrust.check_person`: a person's signature on a command, checked once.

A station checks every command's signature on the round trip's path; an Ed25519 check costs
0.1-0.3 ms on the plant's PCs, so a good signature is verified once, not once to decide
whether to read the directory again and once more to answer."""

from __future__ import annotations

from config.constants import CommandType
from utils.trust.crypto import PublicKey, SigningKeyPair

from tests.utils.site.sitekit import issue


def _counting(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = PublicKey.verify

    def counted(self, payload, signature):
        calls.append(self.key_id)
        return original(self, payload, signature)

    monkeypatch.setattr(PublicKey, "verify", counted)
    return calls


def test_a_good_signature_is_verified_once(site, tmp_path, monkeypatch):
    ctx = site.station(tmp_path, "206")
    try:
        document = issue(site, CommandType.PING)
        calls = _counting(monkeypatch)
        assert ctx.trust.check_person("ana", document) is None
        assert len(calls) == 1
    finally:
        ctx.close()


def test_a_forged_signature_is_refused_and_checked_at_most_twice(site, tmp_path, monkeypatch):
    ctx = site.station(tmp_path, "206")
    try:
        document = issue(site, CommandType.PING, key=SigningKeyPair.generate())
        calls = _counting(monkeypatch)
        problem = ctx.trust.check_person("ana", document)
        assert problem is not None and "bad signature" in problem
        assert len(calls) <= 1  # another key id: the same key is never checked twice
        altered = issue(site, CommandType.PING)
        altered["params"] = {"changed": True}
        assert "bad signature" in (ctx.trust.check_person("ana", altered) or "")
    finally:
        ctx.close()
