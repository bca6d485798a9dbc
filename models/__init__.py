"""Domain dataclasses, validation and canonical JSON. No I/O, no Qt."""
