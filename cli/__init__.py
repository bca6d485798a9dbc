"""The command line (`shopfloor VERB ...`), a presentation layer beside gui/: one module per
verb (`cmd_*.py`, registered in cli/verbs.py), the parser that assembles them, and the
dispatcher that runs one (cli/app.py). Qt-free: a verb that opens a window (gui, demo) is
handed the GUI's entry function by main.py, so `cli` and `gui` never import each other.
"""
