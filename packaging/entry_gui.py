"""Frozen entry of `shopfloor-gui`: the station window, built without a console."""

from main import run_gui

run_gui()
