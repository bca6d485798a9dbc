"""A long list's columns fitted a column per step are as wide as fitted all at once."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from gui.steps import finish
from gui.table_view import fitting_columns, long_list, read_table


def test_columns_fitted_a_step_each_are_as_wide_as_all_at_once(qtbot):
    texts = [["2026-12-03 21:15:00", "206", str(n), "ana" * (n % 4 + 1), "admin",
              "record.edit" if n % 3 else "user.create", "record", f"r-{n:05d}", ""]
             for n in range(150)]

    def table():
        model = QStandardItemModel()
        for row in texts:
            model.appendRow([QStandardItem(text) for text in row])
        view = long_list(read_table(model, "events"))
        view.resize(1200, 600)
        qtbot.addWidget(view)
        view.model_ = model  # kept alive with the view
        return view

    at_once, in_steps = table(), table()
    at_once.resizeColumnsToContents()
    steps = fitting_columns(in_steps)
    next(steps)  # one column per step
    assert in_steps.columnWidth(0) == at_once.columnWidth(0)
    assert not in_steps.property("columnsFitted")
    finish(steps)
    assert in_steps.property("columnsFitted")
    widths = [[view.columnWidth(c) for c in range(len(texts[0]))] for view in (at_once, in_steps)]
    assert widths[0] == widths[1]
    assert len(set(widths[0])) > 3  # fitted to their texts, not all one default width
    finish(fitting_columns(in_steps))  # once only: later rows keep the widths
    assert [in_steps.columnWidth(c) for c in range(len(texts[0]))] == widths[1]
