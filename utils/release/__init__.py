"""Lot release: signed decisions about a lot, review by exception, the lot record as a PDF."""
