"""One sent command in full, on request from the Commands tab's history: what was sent, to
whom, by whom and when, what happened (the history's sentence), and the station's answer laid
out as names and values in the person's language with times on the site's clock. Long answers
(log lines, per-station verify results, diagnostics' lists) sit in a scrolling text box, so the
dialog never runs off the screen."""

from __future__ import annotations

import json
from datetime import tzinfo
from typing import Any

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)

from models.canonical import parse_utc
from utils.timezones import zone_label

from gui.admin.command_outcomes import moment_text, outcome_text, result_rows
from gui.admin.command_texts import pairs_text, type_label


class CommandDetailsDialog(QDialog):
    def __init__(self, row: dict[str, Any], zone: tzinfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("commandDetailsDialog")
        self.setWindowTitle(self.tr("Command details"))
        self.row = row
        sent = parse_utc(str(row["issued_at"]))
        zone_name = getattr(zone, "key", "UTC")
        form = QFormLayout()
        sentence, known = outcome_text(row, zone)
        states = {"pending": self.tr("pending"), "done": self.tr("done"),
                  "failed": self.tr("failed"), "rejected": self.tr("rejected"),
                  "expired": self.tr("expired"), "timed_out": self.tr("timed out"),
                  "duplicate": self.tr("duplicate")}
        lines: list[tuple[str, str]] = [
            (self.tr("Command"), type_label(row.get("type"))),
            (self.tr("Station"), str(row.get("target", ""))),
            (self.tr("Sent by"), str(row.get("issued_by", ""))),
            (self.tr("Sent at"), sent.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
             + f" ({zone_label(zone_name, sent)})"),
            (self.tr("Valid until"), moment_text(row.get("not_after"), zone, sent)),
            (self.tr("State"), states.get(str(row.get("state")), str(row.get("state")))),
            (self.tr("Outcome"), sentence or "—"),
        ]
        if row.get("params"):
            lines.append((self.tr("Parameters"), pairs_text(row["params"], 2000)))
        lines += result_rows(row.get("result"), zone, sent)
        if not known and row.get("reason"):
            # An outcome this version has no words for (e.g. an exception on the station).
            lines.append((self.tr("The station's own words (not translated)"),
                          str(row["reason"])))
        self.values: dict[str, str] = {}
        for label, value in lines:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(text.textInteractionFlags()
                                         | text.textInteractionFlags().TextSelectableByMouse)
            form.addRow(QLabel(label), text)
            self.values[label] = value
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        extra = self._long_answer(row.get("result"))
        self.long_text: QPlainTextEdit | None = None
        if extra:
            self.long_text = QPlainTextEdit(extra)
            self.long_text.setObjectName("commandLongAnswer")
            self.long_text.setReadOnly(True)
            self.long_text.setAccessibleName(self.tr("The station's answer"))
            self.long_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            layout.addWidget(self.long_text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fit_screen()

    def _long_answer(self, result: Any) -> str:
        if not isinstance(result, dict):
            return ""
        parts: list[str] = []
        if isinstance(result.get("lines"), list):
            parts.append("\n".join(str(line) for line in result["lines"]))
        if isinstance(result.get("stations"), list):
            for station in result["stations"]:
                if isinstance(station, dict):
                    state = self.tr("intact") if station.get("ok") else self.tr("NOT intact")
                    parts.append(self.tr("Station %1: %2, %n event(s) checked", "",
                                         int(station.get("events_checked") or 0))
                                 .replace("%1", str(station.get("station")))
                                 .replace("%2", state))
        for key in ("threads", "restarts", "counters", "errors"):
            if result.get(key):
                parts.append(f"{key}: {json.dumps(result[key], ensure_ascii=False)}")
        return "\n".join(parts)

    def _fit_screen(self) -> None:
        """At most most of the screen the dialog opens on; long content scrolls inside."""
        self.setMinimumWidth(520)
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        if screen is not None:
            area = screen.availableGeometry()
            self.setMaximumSize(int(area.width() * 0.9), int(area.height() * 0.9))
        self.resize(720, 520 if self.long_text is not None else self.sizeHint().height())
