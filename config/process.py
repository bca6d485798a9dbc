"""Process-wide settings, made in one place when the program starts (main.py).

- The home folder: `--home DIR` becomes `SHOPFLOOR_HOME` for the whole process, because every
  location is computed from it (config.paths), and what this process starts or writes for later
  (an agent restarted in place, the autostart entry the GUI writes) must land in the same home.
- The Qt binding pyqtgraph uses: PySide6, never another one that happens to be installed. Set
  before any view imports pyqtgraph; the test session sets it the same way (tests/conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from config.paths import HOME_ENV

PYQTGRAPH_BINDING_ENV = "PYQTGRAPH_QT_LIB"
PYQTGRAPH_BINDING = "PySide6"


def use_home(home: str | os.PathLike[str]) -> Path:
    """Make `home` this process's home folder (and its children's); returns it resolved."""
    folder = Path(home).expanduser().resolve()
    os.environ[HOME_ENV] = str(folder)
    return folder


def set_up_process(home: str | os.PathLike[str] | None) -> None:
    """Everything process-wide, once at start: the home folder if given, pyqtgraph's binding."""
    if home:
        use_home(home)
    os.environ.setdefault(PYQTGRAPH_BINDING_ENV, PYQTGRAPH_BINDING)
