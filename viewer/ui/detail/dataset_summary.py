"""DatasetSummary: what the detail pane shows while no event is selected - the dataset's title,
description, counts, time span and sources, and how to select an event.

Plain-text labels only: dataset strings are never read as HTML.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from viewer.model.overview import Overview

HINT = (
    "Click an event on the timeline or in the list to read it, with its quotes in their "
    "source text.\n"
    "N / P  next / previous event   ·   Esc  back to this overview\n"
    "Ctrl+F  find   ·   Ctrl+C  copy the selected event with its citation   ·   "
    "F1  all shortcuts"
)


def _label(bold: bool = False, size_delta: float = 0.0, muted: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if bold or size_delta:
        font = QFont(label.font())
        font.setBold(bold)
        if size_delta:
            font.setPointSizeF(font.pointSizeF() + size_delta)
        label.setFont(font)
    if muted:
        palette = label.palette()
        grey = palette.color(QPalette.ColorRole.PlaceholderText)
        palette.setColor(QPalette.ColorRole.WindowText, grey)
        label.setPalette(palette)
    return label


class DatasetSummary(QScrollArea):
    """The open dataset in a few lines; :meth:`set_overview` fills it (None: nothing open)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = _label(bold=True, size_delta=4)
        self.title.setAccessibleName("Dataset title")
        self.description = _label()
        self.description.setAccessibleName("Dataset description")
        self.counts = _label(bold=True)
        self.counts.setAccessibleName("Dataset counts")
        self.span = _label()
        self.span.setAccessibleName("Dataset time span")
        self.sources_heading = _label(bold=True)
        self.sources = _label()
        self.sources.setAccessibleName("Dataset sources")
        self.credit = _label(muted=True)
        self.hint = _label()
        self.hint.setText(HINT)
        self.hint.setAccessibleName("How to select")
        self.hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.hint.setMargin(8)
        self.hint.setAutoFillBackground(True)
        self.hint.setBackgroundRole(QPalette.ColorRole.AlternateBase)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addSpacing(6)
        layout.addWidget(self.counts)
        layout.addWidget(self.span)
        layout.addSpacing(6)
        layout.addWidget(self.sources_heading)
        layout.addWidget(self.sources)
        layout.addWidget(self.credit)
        layout.addSpacing(12)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.setWidget(body)
        self.set_overview(None)

    def set_overview(self, overview: Overview | None) -> None:
        if overview is None:
            self.title.setText("No dataset open")
            for w in (self.description, self.counts, self.span, self.sources, self.credit):
                w.setText("")
            self.sources_heading.setText("")
            self.hint.setText(
                "Open a dataset with File > Open (Ctrl+O), or drop a file here; or draft one "
                "from a news article with File > Import Article (Ctrl+Shift+O)."
            )
        else:
            self.title.setText(overview.title)
            self.description.setText(overview.description)
            self.counts.setText(overview.counts)
            self.span.setText(overview.span)
            n = len(overview.sources)
            self.sources_heading.setText("Source" if n == 1 else f"Sources ({n})" if n else "")
            self.sources.setText("\n".join(f"• {line}" for line in overview.sources))
            self.credit.setText(overview.credit)
            self.hint.setText(HINT)
        for w in (self.description, self.span, self.sources_heading, self.sources, self.credit):
            w.setVisible(bool(w.text()))

    def text(self) -> str:
        """Everything shown, as plain text (what a person reads, top to bottom)."""
        labels = (
            self.title,
            self.description,
            self.counts,
            self.span,
            self.sources_heading,
            self.sources,
            self.credit,
            self.hint,
        )
        return "\n".join(w.text() for w in labels if w.text())
