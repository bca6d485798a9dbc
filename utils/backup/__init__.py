"""Backups that are proven: scheduled copies of this PC's database, their verification, a
restore that keeps the current database aside, and self-verifying archives of a period."""
