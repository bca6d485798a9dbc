"""A column (vbox) or a row (hbox) of widgets written as what it shows, in order:
`vbox(window, header, (pages, 1))` instead of a layout and an addWidget call per widget. An item is a widget or a
layout, `(item, stretch)` for one that takes a share of the spare room, or STRETCH for empty
room that pushes what follows to the far end."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget


class _Stretch(Enum):
    STRETCH = "stretch"


STRETCH = _Stretch.STRETCH
Item = QWidget | QLayout | tuple[QWidget | QLayout, int] | _Stretch
Margins = tuple[int, int, int, int]
_Box = TypeVar("_Box", bound=QBoxLayout)


def vbox(parent: QWidget | None, *items: Item, margins: Margins | None = None,
           spacing: int | None = None) -> QVBoxLayout:
    """`parent`'s layout (None: a column to put in another layout), top to bottom; margins
    (left, top, right, bottom) and spacing in pixels when not the style's."""
    layout = QVBoxLayout(parent) if parent is not None else QVBoxLayout()
    return _filled(layout, items, margins, spacing)


def hbox(*items: Item, margins: Margins | None = None, spacing: int | None = None) -> QHBoxLayout:
    """A row to put in another layout, left to right."""
    return _filled(QHBoxLayout(), items, margins, spacing)


def _filled(layout: _Box, items: tuple[Item, ...], margins: Margins | None,
            spacing: int | None) -> _Box:
    if margins is not None:
        layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    for item in items:
        _add(layout, item)
    return layout


def _add(layout: QBoxLayout, item: Item) -> None:
    if item is STRETCH:
        layout.addStretch(1)
        return
    thing, stretch = item if isinstance(item, tuple) else (item, 0)
    if isinstance(thing, QLayout):
        layout.addLayout(thing, stretch)
    else:
        layout.addWidget(thing, stretch)
