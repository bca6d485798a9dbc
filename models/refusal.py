"""The base of the services' refusals that carry a stable code.

A refusal's `code` is what the GUI and the CLI translate into the person's language (and what
tests check); its message is the English sentence for logs and the command line. Nothing was
changed when one is raised. utils/refusals.py says which refusals are expected (logged as one
line) and which are bugs.
"""

from __future__ import annotations


class CodedRefusal(RuntimeError):
    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)
