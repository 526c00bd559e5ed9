"""What to print: the options a person chooses before Print, Print Preview or Export PDF, the
small dialog that asks for them, and where the last choices are remembered (QSettings)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

PAPERS = ("A4", "Letter", "A3")
SCOPES = ("view", "whole")
MAX_PAGES = 40


@dataclass(frozen=True)
class PrintOptions:
    """``scope``: the current ``view`` (one page) or the ``whole`` timeline in ``pages`` time
    slices (0: as many as the labels need); ``filtered``: only the events the filter shows."""

    paper: str = "A4"
    landscape: bool = True
    scope: str = "whole"
    pages: int = 0
    chronology: bool = True
    filtered: bool = True

    def checked(self) -> PrintOptions:
        """The same options with out-of-range values replaced by defaults."""
        return replace(
            self,
            paper=self.paper if self.paper in PAPERS else "A4",
            scope=self.scope if self.scope in SCOPES else "whole",
            pages=min(max(int(self.pages), 0), MAX_PAGES),
        )


def _bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return default


def load_options(settings: QSettings) -> PrintOptions:
    d = PrintOptions()
    try:
        pages = int(settings.value("print/pages", d.pages))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        pages = d.pages
    return PrintOptions(
        paper=str(settings.value("print/paper", d.paper)),
        landscape=_bool(settings.value("print/landscape", d.landscape), d.landscape),
        scope=str(settings.value("print/scope", d.scope)),
        pages=pages,
        chronology=_bool(settings.value("print/chronology", d.chronology), d.chronology),
        filtered=_bool(settings.value("print/filtered", d.filtered), d.filtered),
    ).checked()


def save_options(settings: QSettings, options: PrintOptions) -> None:
    settings.setValue("print/paper", options.paper)
    settings.setValue("print/landscape", options.landscape)
    settings.setValue("print/scope", options.scope)
    settings.setValue("print/pages", options.pages)
    settings.setValue("print/chronology", options.chronology)
    settings.setValue("print/filtered", options.filtered)
    settings.sync()


class PrintOptionsDialog(QDialog):
    """Paper, orientation, what to print, the chronology, and which events."""

    def __init__(
        self, options: PrintOptions, filter_active: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print options")
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.addItems(PAPERS)
        self.paper.setCurrentText(options.paper)
        form.addRow("&Paper:", self.paper)

        self.landscape = QRadioButton("&Landscape")
        self.portrait = QRadioButton("P&ortrait")
        (self.landscape if options.landscape else self.portrait).setChecked(True)
        orient = QHBoxLayout()
        orient.addWidget(self.landscape)
        orient.addWidget(self.portrait)
        self._orient_group = QButtonGroup(self)
        self._orient_group.addButton(self.landscape)
        self._orient_group.addButton(self.portrait)
        form.addRow("Orientation:", orient)

        self.scope_view = QRadioButton("The current &view (one page)")
        self.scope_whole = QRadioButton("The &whole timeline, in time slices of one page each")
        (self.scope_view if options.scope == "view" else self.scope_whole).setChecked(True)
        self._scope_group = QButtonGroup(self)
        self._scope_group.addButton(self.scope_view)
        self._scope_group.addButton(self.scope_whole)
        self.pages = QSpinBox()
        self.pages.setRange(0, MAX_PAGES)
        self.pages.setSpecialValueText("Automatic (one page when every label fits)")
        self.pages.setSuffix(" pages wide")
        self.pages.setValue(options.pages)
        scope = QVBoxLayout()
        scope.addWidget(self.scope_view)
        scope.addWidget(self.scope_whole)
        scope.addWidget(self.pages)
        form.addRow("Print:", scope)
        self.scope_whole.toggled.connect(self.pages.setEnabled)
        self.pages.setEnabled(self.scope_whole.isChecked())

        self.chronology = QCheckBox("Add a &chronology of the events with their quotes")
        self.chronology.setChecked(options.chronology)
        form.addRow("", self.chronology)

        self.filtered = QRadioButton("Only the events the current &filter shows")
        self.all_events = QRadioButton("&All events")
        (self.filtered if options.filtered else self.all_events).setChecked(True)
        self._events_group = QButtonGroup(self)
        self._events_group.addButton(self.filtered)
        self._events_group.addButton(self.all_events)
        events = QVBoxLayout()
        events.addWidget(self.all_events)
        events.addWidget(self.filtered)
        self._filter_active = filter_active
        self._filtered_choice = options.filtered  # kept for next time when no filter is set
        self.filtered.setEnabled(filter_active)
        if not filter_active:
            self.filtered.setText("Only the events the current filter shows (no filter is set)")
            self.all_events.setChecked(True)
        form.addRow("Events:", events)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> PrintOptions:
        return PrintOptions(
            paper=self.paper.currentText(),
            landscape=self.landscape.isChecked(),
            scope="view" if self.scope_view.isChecked() else "whole",
            pages=self.pages.value(),
            chronology=self.chronology.isChecked(),
            filtered=self.filtered.isChecked() if self._filter_active else self._filtered_choice,
        ).checked()


def ask_options(
    parent: QWidget | None, settings: QSettings, filter_active: bool
) -> PrintOptions | None:
    """Show the options dialog with the last choices; remember and return the new ones (None:
    cancelled). Tests replace this function."""
    dialog = PrintOptionsDialog(load_options(settings), filter_active, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    options = dialog.options()
    save_options(settings, options)
    return options
