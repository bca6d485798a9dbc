"""gui/layouts.py: a column or row written as its items in order puts them in that order, with
the stretch each asks for, empty room where STRETCH stands, and the margins and spacing given;
its widgets belong to the window the column is laid on (their focus order follows)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from gui.layouts import STRETCH, hbox, vbox


def test_a_column_holds_its_items_in_order_with_their_stretch(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    title, table = QLabel("Title"), QLabel("Table")
    ok, cancel = QPushButton("OK"), QPushButton("Cancel")
    buttons = hbox(cancel, STRETCH, ok, spacing=7)
    layout = vbox(window, title, (table, 2), buttons, margins=(1, 2, 3, 4), spacing=5)

    assert window.layout() is layout
    assert [layout.itemAt(i).widget() for i in range(2)] == [title, table]
    assert layout.itemAt(2).layout() is buttons
    assert [layout.stretch(i) for i in range(3)] == [0, 2, 0]
    margins = layout.contentsMargins()
    assert (margins.left(), margins.top(), margins.right(), margins.bottom()) == (1, 2, 3, 4)
    assert layout.spacing() == 5
    assert buttons.spacing() == 7
    assert buttons.itemAt(0).widget() is cancel
    assert buttons.itemAt(1).spacerItem() is not None  # the empty room
    assert buttons.itemAt(2).widget() is ok
    assert all(w.parent() is window for w in (title, table, ok, cancel))


def test_a_row_without_margins_or_spacing_keeps_the_styles_own(qtbot):
    bare = QHBoxLayout()
    plain = hbox(QLabel("a"))
    assert plain.spacing() == bare.spacing()
    assert plain.contentsMargins() == bare.contentsMargins()
    given = hbox(QLabel("a"), margins=(9, 9, 9, 9), spacing=9)
    assert given.spacing() == 9 != bare.spacing()
    assert given.contentsMargins().left() == 9 != bare.contentsMargins().left()
