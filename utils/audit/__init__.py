"""The tamper-evident audit trail: hash chain per station, signed checkpoints, verifier."""
