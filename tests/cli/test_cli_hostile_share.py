"""Issue 13, point 4, across processes: JSON nested far past any recursion limit in every
place a PC reads from the share (a site directory entry, an inbox command, a status, birth,
death and checkpoint file of a member station, an ack, a journal line, and this PC's own
witness file). The agent
starts and executes the next good command; `status` and `verify-audit --site` exit normally
and name the bad files; nothing prints a traceback."""

from __future__ import annotations

import json
import signal

from tests.cli.test_cli_site import PASSPHRASE, PASSWORD, start_agent
from tests.utils.site.sitekit import wait_until

DEEP_ARRAY = b"[" * 2_000 + b"]" * 2_000  # fits every size limit: refused for its depth
DEEP_OBJECT = b'{"a":' * 100_000 + b"1" + b"}" * 100_000  # refused by size or depth
HEADER = b'{"anchor":"x","kind":"header","segment":1,"station":"207","v":1}\n'


def plant_everywhere(share, office, run) -> str:
    """Deep JSON in every place a PC reads; returns the id of the deep inbox command."""
    # Station 207 is a member (a PC joined as it): its files are read, within bounds.
    joined = run(office.parent / "pc207", "site", "join", "--folder", str(share), "--station",
                 "207", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert joined.returncode == 0, joined.stderr
    entries = sorted((share / "directory" / "log").iterdir())
    (entries[-1].with_name(f"{len(entries) + 1:08d}.json")).write_bytes(DEEP_OBJECT)
    inbox = share / "stations" / "206" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    deep_id = "de" * 16
    (inbox / f"{deep_id}.json").write_bytes(DEEP_ARRAY)
    other = share / "stations" / "207"
    (other / "journal").mkdir(parents=True)
    (other / "acks").mkdir()
    for name in ("status.json", "birth.json", "death.json"):
        (other / name).write_bytes(DEEP_ARRAY)
    (other / "checkpoint.json").write_bytes(DEEP_OBJECT)
    (other / "acks" / ("ac" * 16 + ".json")).write_bytes(DEEP_ARRAY)
    (other / "journal" / "00000001.jsonl").write_bytes(HEADER + DEEP_ARRAY + b"\n")
    witness = office / "data" / "audit-checkpoint.json"
    assert witness.exists()  # this PC's own witness file, beside its database
    witness.write_bytes(DEEP_ARRAY)
    return deep_id


def test_agent_status_and_verify_carry_on_with_deep_json_everywhere(two_pcs, shopfloor):
    share, office, station = two_pcs
    run = shopfloor
    deep_id = plant_everywhere(share, office, run)
    log_file = station / "logs" / "shopfloor.log"
    log_start = log_file.stat().st_size  # (the fixture's wrong-passphrase join is logged before)
    agent = start_agent(station)
    try:
        ack_file = share / "stations" / "206" / "acks" / f"{deep_id}.json"
        wait_until(lambda: ack_file.exists(), timeout=30)
        deep_ack = json.loads(ack_file.read_bytes())
        assert deep_ack["status"] == "rejected" and "deeper than 64" in deep_ack["reason"]
        sent = run(office, "send", "206", "ping", "--as", "ana", "--wait", "30",
                   SHOPFLOOR_PASSWORD=PASSWORD)
        assert sent.returncode == 0, sent.stdout + sent.stderr
        acks = [json.loads(line) for line in sent.stdout.splitlines() if '"state"' in line]
        assert [ack["state"] for ack in acks] == ["done"]
        status = run(office, "status", "--json")
        assert status.returncode == 0, status.stderr
        rows = {row["station"]: row for row in json.loads(status.stdout)["stations"]}
        assert rows["206"]["state"] == "online" and rows["206"]["problem"] is None
        assert "stations/207/status.json" in rows["207"]["problem"]
        assert "deeper than 64" in rows["207"]["problem"]
        text = run(office, "status")
        assert text.returncode == 0
        assert "refused on the share: stations/207/status.json" in text.stdout
    finally:
        agent.send_signal(signal.SIGTERM)
        out, err = agent.communicate(timeout=60)
    assert agent.returncode == 0, err
    assert "Traceback" not in err and "RecursionError" not in err
    verified = run(office, "verify-audit", "--site", "--json")
    assert verified.returncode in (0, 1), verified.stderr  # a verdict, not a crash
    assert "Traceback" not in verified.stderr
    results = {r["station"]: r for r in json.loads(verified.stdout)["stations"]}
    assert results["206"]["ok"] and results["office1"]["ok"]
    assert not results["207"]["ok"]
    assert "stations/207/journal/00000001.jsonl" in results["207"]["detail"]
    assert "deeper than 64" in results["207"]["detail"]
    assert "stations/207/checkpoint.json" in results["207"]["detail"]
    assert verified.returncode == 1
    for done in (sent, status):
        assert "Traceback" not in done.stderr
    # The agent's log: each refusal once (not once per rescan), no traceback.
    with open(log_file, "rb") as handle:
        handle.seek(log_start)
        log_text = handle.read().decode("utf-8", "replace")
    assert "Traceback" not in log_text and "RecursionError" not in log_text
    # The deep directory entry: refused and moved to the quarantine once (a refused entry
    # does not come back); the deep command: rejected and quarantined once.
    assert log_text.count("Site directory entry") == 1
    assert log_text.count("Quarantined ") == 2  # (the log masks long hex ids)
