"""Manufacturing-execution features of issue 15 (downtime and OEE, SPC, shift handover, labels)."""
