"""Catalog (admin): the site catalog — machine table, defects, locations, measurement ranges,
quality bands and target, fleet thresholds, the site's default intervals and time zone — edited
here and published as the signed site catalog with a reason (utils.site_catalog checks the
permission, validates, audits and signs; this view only collects values and shows where a
problem is). The form's plain values are catalog_model.py, its sentences catalog_texts.py, the
machine table machine_table.py."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from config.catalog import FLEET_METRICS, NO_REJECTION, Catalog
from models.canonical import parse_utc
from models.validation import FieldError, ValidationFailed, validate_reason
from utils.auth import Session
from utils.site_catalog import (RESCAN_INTERVAL_RANGE, STATUS_INTERVAL_RANGE, CatalogUnchanged,
                                 SiteCatalogService, catalog_from_dict, catalog_to_dict)
from utils.timezones import zone_label

from gui.admin import catalog_texts
from gui.admin.catalog_model import (BAND_NAMES, as_shown, list_entries, machine_documents,
                                     nth_filled)
from gui.admin.catalog_downtime import DowntimeSection
from gui.admin.catalog_handover import HandoverCatalogBox
from gui.admin.catalog_labels import LabelTemplateEditor
from gui.admin.catalog_spc import SpcCatalogBox
from gui.admin.machine_table import MachineTable
from gui.admin.site_now import SiteNow
from gui.labels import wrapped_label
from gui.messages import field_error_text
from gui.numbers import decimal_spin_box
from gui.scrolled import scrolled
from gui.site_time import site_text
from gui.tasks import TaskRunner
from gui.theme import form_label
from gui.zone_field import ZoneField

LIST_LINES = 8  # the defects' and locations' lines the page shows without scrolling them


class CatalogTab(QWidget):
    published = Signal(object)  # the new Catalog

    def __init__(self, site: SiteNow, site_catalog: SiteCatalogService,
                 in_site: Callable[[], bool], session: Session,
                 runner: TaskRunner | None = None, parent: QWidget | None = None):
        """`site_catalog`: publishes and keeps the site's catalog; `in_site`: whether this PC
        is a member of a site now (a publish then reaches every PC)."""
        super().__init__(parent)
        self.site, self.site_catalog, self.in_site, self.session = (site, site_catalog,
                                                                   in_site, session)
        self.runner = runner or TaskRunner(self)
        self.setObjectName("catalogTab")
        self.invalid: list[QWidget] = []

        self.machines = MachineTable()

        self.defects = QPlainTextEdit()
        self.defects.setAccessibleName(self.tr("Defects"))
        self.defects.setObjectName("defects")
        self.locations = QPlainTextEdit()
        self.locations.setAccessibleName(self.tr("Locations"))
        self.locations.setObjectName("locations")

        self.ranges: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        self.bands: dict[str, QDoubleSpinBox] = {}
        self.thresholds: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        self.intervals: dict[str, QSpinBox] = {}
        self.max_rejections = QSpinBox()
        self.max_rejections.setRange(1, 3)
        self.zone = ZoneField("siteTimezone")

        self.status = wrapped_label("catalogStatus")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            self.tr("Why (at least 10 characters; kept in the audit trail)"))
        self.error = wrapped_label("catalogError", role="error")
        self.revert_button = QPushButton(self.tr("Undo my edits"))
        self.revert_button.clicked.connect(self.load)
        self.publish_button = QPushButton(self.tr("Publish to every station"))
        self.publish_button.setObjectName("primary")
        self.publish_button.clicked.connect(self.publish)

        self._build_layout()
        self.load()

    # layout --------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        machines_box = QGroupBox(self.tr("Machine table"))
        machines_layout = QVBoxLayout(machines_box)
        machines_layout.addWidget(self.machines, 1)
        machines_layout.addLayout(self.machines.buttons)

        lists_box = QGroupBox(self.tr("Defects and locations (one per line; \"%1\" is always there)")
                              .replace("%1", NO_REJECTION))
        lists = QGridLayout(lists_box)
        lists.addWidget(QLabel(self.tr("Defects")), 0, 0)
        lists.addWidget(QLabel(self.tr("Locations")), 0, 1)
        lists.addWidget(self.defects, 1, 0)
        lists.addWidget(self.locations, 1, 1)
        for editor in (self.defects, self.locations):  # eight lines in sight, not one and a half
            editor.setMinimumHeight(editor.fontMetrics().lineSpacing() * LIST_LINES + 12)

        ranges_box = QGroupBox(self.tr("Measurement ranges"))
        ranges = QGridLayout(ranges_box)
        ranges.addWidget(QLabel(self.tr("Minimum")), 0, 1)
        ranges.addWidget(QLabel(self.tr("Maximum")), 0, 2)
        for row, measurement in enumerate(self.site.catalog.measurements, start=1):
            low, high = decimal_spin_box(0, 100, 2, " %"), decimal_spin_box(0, 100, 2, " %")
            self.ranges[measurement.key] = (low, high)
            ranges.addWidget(form_label(measurement.label), row, 0)
            ranges.addWidget(low, row, 1)
            ranges.addWidget(high, row, 2)
        ranges.addWidget(form_label(self.tr("Rejections per box")), row + 1, 0)
        ranges.addWidget(self.max_rejections, row + 1, 1)
        # Its limits in sight: the box refuses a typed 4 and keeps its value without a word.
        self.rejections_range = wrapped_label("maxRejectionsRange", role="hint")
        self.rejections_range.setText(catalog_texts.range_hint(1, self.max_rejections.maximum()))
        self.max_rejections.setToolTip(self.rejections_range.text())
        ranges.addWidget(self.rejections_range, row + 1, 2)

        bands_box = QGroupBox(self.tr("Quality bands and target (mean CAM %)"))
        bands = QFormLayout(bands_box)
        band_labels = catalog_texts.band_labels()
        for name in BAND_NAMES:
            self.bands[name] = decimal_spin_box(0, 100, 2, " %")
            bands.addRow(form_label(band_labels[name]), self.bands[name])

        thresholds_box = QGroupBox(self.tr("Fleet thresholds (warning / critical)"))
        thresholds = QGridLayout(thresholds_box)
        thresholds.addWidget(QLabel(self.tr("Warning from")), 0, 1)
        thresholds.addWidget(QLabel(self.tr("Critical from")), 0, 2)
        for row, name in enumerate(FLEET_METRICS, start=1):
            pair = (QSpinBox(), QSpinBox())
            for box in pair:
                box.setRange(1, 100)
                box.setSuffix(" %")
            self.thresholds[name] = pair
            thresholds.addWidget(form_label(catalog_texts.metric_label(name)), row, 0)
            thresholds.addWidget(pair[0], row, 1)
            thresholds.addWidget(pair[1], row, 2)

        intervals_box = QGroupBox(self.tr("Site default intervals"))
        intervals = QFormLayout(intervals_box)
        # Each label above its box: the column is narrow, and "each PC's own" must show whole
        # (in pt-BR it was cut to "o de cada PC" beside its label).
        intervals.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        own = self.tr("each PC's own")
        for name, (low, high), label in (
                ("status_interval_ms", STATUS_INTERVAL_RANGE, self.tr("Status every")),
                ("rescan_interval_ms", RESCAN_INTERVAL_RANGE, self.tr("Command rescan every"))):
            box = QSpinBox()
            # The value just below the range stands for "not set": each PC keeps its own.
            box.setRange(low - 1, high)
            box.setSingleStep(10 if high <= 1000 else 100 if low >= 100 else 10)
            box.setSuffix(" ms")
            box.setSpecialValueText(own)
            box.ensurePolished()  # wide enough for "each PC's own" and its arrows
            box.setMinimumWidth(box.fontMetrics().horizontalAdvance(own) + 60)
            self.intervals[name] = box
            intervals.addRow(form_label(label), box)

        zone_box = QGroupBox(self.tr("Site time zone"))
        zone_layout = QVBoxLayout(zone_box)
        zone_layout.addWidget(self.zone)
        zone_hint = QLabel(self.tr("Shifts and every time on screen, on every PC of the site."))
        zone_hint.setProperty("role", "hint")
        zone_hint.setWordWrap(True)
        zone_layout.addWidget(zone_hint)

        # The lists the site types (machines, defects, locations) side by side on top, whole
        # in the first view of a 1366 x 698 window (under three columns the lists began at
        # the fold); the limits in three columns below, the page scrolling to them.
        top = QHBoxLayout()
        top.addWidget(machines_box, 3)
        top.addWidget(lists_box, 2)
        below = QHBoxLayout()
        for boxes in ((ranges_box, bands_box), (zone_box, thresholds_box), (intervals_box,)):
            column = QVBoxLayout()
            for box in boxes:
                column.addWidget(box)
            column.addStretch(1)
            below.addLayout(column, 1)
        columns = QVBoxLayout()
        columns.addLayout(top, 1)
        columns.addLayout(below)
        # gui/admin/catalog_<feature>.py: each loads, gives and places the errors of its own
        # part of the catalog document (the labels' editor with a preview).
        self.features = dict(downtime=DowntimeSection(), spc=SpcCatalogBox(),
                             labels=LabelTemplateEditor(), handover=HandoverCatalogBox())
        self.downtime, self.spc, self.labels, self.handover = self.features.values()
        self.sections = QTabWidget()
        self.sections.setObjectName("catalogSections")
        self.sections.addTab(scrolled(columns), self.tr("Machines, defects and limits"))
        titles = (self.tr("Stops and OEE"), self.tr("SPC"), self.tr("Labels"),
                  self.tr("Shift handover"))  # the pages in self.features' order
        for title, section in zip(titles, self.features.values()):
            self.sections.addTab(scrolled(section), title)

        actions = QHBoxLayout()
        actions.addWidget(form_label(self.tr("Reason")))
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.publish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.error)
        layout.addLayout(actions)

    # values --------------------------------------------------------------------------------
    def load(self, catalog: Catalog | None = None) -> None:
        """Show a catalog (the one in force by default), dropping unpublished edits."""
        catalog = catalog or self.site.catalog
        self.clear_errors()
        self.machines.set_machines(catalog.machines)
        self.defects.setPlainText("\n".join(d for d in catalog.defects if d != NO_REJECTION))
        self.locations.setPlainText("\n".join(x for x in catalog.locations if x != NO_REJECTION))
        for measurement in catalog.measurements:
            low, high = self.ranges[measurement.key]
            low.setValue(measurement.minimum)
            high.setValue(measurement.maximum)
        self.max_rejections.setValue(catalog.max_rejections)
        for name in BAND_NAMES:
            self.bands[name].setValue(getattr(catalog.bands, name))
        for name, (warning, critical) in self.thresholds.items():
            limits = catalog.thresholds[name]
            warning.setValue(round(limits.warning))
            critical.setValue(round(limits.critical))
        for name, box in self.intervals.items():
            value = getattr(catalog, name)
            box.setValue(box.minimum() if value is None else value)
        # A catalog that names no zone yet: the one in force (what a publish will keep).
        self.zone.set_zone(catalog.timezone or self.site.timezone)
        for key, section in self.features.items():
            section.load(getattr(catalog, key))
        self.reason.clear()
        self._show_status(catalog)

    def _show_status(self, catalog: Catalog) -> None:
        stored = self.site_catalog.stored()
        built_in = catalog.version == 0 or stored is None
        self.status.setText(catalog_texts.in_force_text(
            None if built_in else stored.catalog.version,
            "" if built_in else stored.published_by,
            "" if built_in else self._published_at(stored.published_at),
            self.in_site()))

    def _published_at(self, utc_text: str) -> str:
        """When a catalog was published, on the site's clock, with the zone named (the zone
        itself is one of the things a catalog changes)."""
        try:
            moment = parse_utc(utc_text)
        except ValueError:
            return utc_text
        return f"{site_text(self.site, moment)} ({zone_label(self.site.timezone, moment)})"

    def values(self) -> dict[str, Any]:
        """The edited catalog as the service's plain document."""
        machines = machine_documents(self.machines.texts())
        raw = catalog_to_dict(self.site.catalog)
        raw.update({
            "machines": machines,
            "defects": list_entries(self.defects.toPlainText()),
            "locations": list_entries(self.locations.toPlainText()),
            "measurements": [{"key": m.key, "label": m.label, "minimum": self.ranges[m.key][0].value(),
                              "maximum": self.ranges[m.key][1].value()}
                             for m in self.site.catalog.measurements],
            "bands": {name: box.value() for name, box in self.bands.items()},
            "thresholds": {name: {"warning": w.value(), "critical": c.value()}
                           for name, (w, c) in self.thresholds.items()},
            "intervals": {name: (None if box.value() == box.minimum() else box.value())
                          for name, box in self.intervals.items()},
            "max_rejections": self.max_rejections.value(),
            # The typed text, valid or not: the service says so next to the field.
            "timezone": self.zone.zone() or self.zone.currentText().strip(),
            **{key: section.values() for key, section in self.features.items()},
        })
        return raw

    # errors --------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        self.error.clear()
        for widget in self.invalid:
            self._mark(widget, False)
        self.invalid = []
        self.machines.clear_marks()

    def _mark(self, widget: QWidget, invalid: bool) -> None:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        if invalid:
            self.invalid.append(widget)

    def _place(self, error: FieldError) -> tuple[str, QWidget | None]:
        """Where an error belongs: a label for the message list and the widget to outline."""
        parts = error.field.split(".")
        head = parts[0]
        if head == "machines":
            if len(parts) == 3:
                row = self.machines.mark(int(parts[1]), parts[2], error)
                return (self.tr("Machine table, row %1").replace("%1", str(row + 1)),
                        self.machines)
            return self.tr("Machine table"), self.machines
        if head in ("defects", "locations"):
            editor = self.defects if head == "defects" else self.locations
            title = self.tr("Defects") if head == "defects" else self.tr("Locations")
            if len(parts) == 2:
                title = self.tr("%1, line %2").replace("%1", title).replace(
                    "%2", str(nth_filled([[line] for line in editor.toPlainText().splitlines()],
                                       int(parts[1]), int(parts[1])) + 1))
            return title, editor
        if head == "measurements" and len(parts) == 3:
            low, high = self.ranges[parts[1]]
            label = self.site.catalog.measurement(parts[1]).label
            return label, (low if parts[2] == "minimum" else high)
        if head == "bands" and len(parts) == 2:
            return self.tr("Quality bands"), self.bands[parts[1]]
        if head == "thresholds" and len(parts) == 3:
            warning, critical = self.thresholds[parts[1]]
            return (self.tr("Fleet thresholds"), warning if parts[2] == "warning" else critical)
        if head == "intervals" and len(parts) == 2:
            return self.tr("Site default intervals"), self.intervals[parts[1]]
        if head == "max_rejections":
            return self.tr("Rejections per box"), self.max_rejections
        if head == "timezone":
            return self.tr("Site time zone"), self.zone
        if head == "reason":
            return self.tr("Reason"), self.reason
        if head == "spc":
            return self.spc.title(), self.spc.place(parts)
        if head in self.features:
            return self.features[head].place(error)
        return error.field, None

    def show_errors(self, errors: list[FieldError]) -> None:
        lines = []
        for error in errors:
            where, widget = self._place(error)
            if widget is not None and widget not in self.invalid:
                self._mark(widget, True)
                pages = [i for i in range(self.sections.count())
                         if self.sections.widget(i).isAncestorOf(widget)]
                if pages and len(self.invalid) == 1:  # the first mistake's page is shown
                    self.sections.setCurrentIndex(pages[0])
            lines.append(f"{where}: {field_error_text(as_shown(error))}")
        self.error.setText(self.tr("Nothing was published. Correct these and publish again:")
                           + "\n" + "\n".join(lines))

    # publishing ----------------------------------------------------------------------------
    def publish(self) -> None:
        """Check everything here first (no waiting for a share for a typo), then publish in
        the background: signing and writing to a slow share must not freeze the window."""
        self.clear_errors()
        raw, reason = self.values(), self.reason.text()
        errors: list[FieldError] = []
        for check in (lambda: catalog_from_dict(raw), lambda: validate_reason(reason)):
            try:
                check()
            except ValidationFailed as exc:
                errors.extend(exc.errors)
        if errors:
            self.show_errors(errors)
            return
        self.publish_button.setEnabled(False)
        self.status.setText(self.tr("Publishing…"))
        self.runner.run(lambda _progress, _cancel: self.site_catalog.publish(
            self.session, raw, reason), on_done=self._published, on_error=self._failed)

    def _published(self, catalog: Catalog) -> None:
        self.publish_button.setEnabled(True)
        self.load(catalog)
        note = catalog_texts.published_note(self.site_catalog.share_pending,
                                            self.site_catalog.in_site)
        self.status.setText((self.status.text() + " " + note).strip())
        self.published.emit(catalog)

    def _failed(self, exc: BaseException) -> None:
        self.publish_button.setEnabled(True)
        self._show_status(self.site.catalog)
        if isinstance(exc, CatalogUnchanged):  # a refusal of its own, not a field's problem
            self.error.setText(catalog_texts.unchanged_text(exc.version))
        elif isinstance(exc, ValidationFailed):
            self.show_errors(exc.errors)
        else:
            self.error.setText(catalog_texts.publish_failed_text(exc))
