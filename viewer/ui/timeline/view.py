"""TimelineView: the zoomable timeline (PlotWidget + one EventsItem + TimeAxis) and its overview.

Mouse: wheel zooms about the cursor, drag pans, Shift+drag zooms to the dragged range,
double-click on the time axis or on the overview fits all, click selects, hover shows a
tooltip; a double-click in the lanes is reported (``view_box.clicked``: the editor makes an
event there, or opens the event under it). Keyboard: + / - zoom, Left / Right pan, Home / End
jump to the ends. Vertical panning and zoom are off: the lanes always fill the height.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsItem, QToolTip, QVBoxLayout, QWidget

from viewer.model.index import EventIndex
from viewer.model.label_layout import grow_rows
from viewer.model.layout import pick
from viewer.ui.style import BACKGROUND, FOREGROUND
from viewer.ui.timeline.events_item import EventsItem
from viewer.ui.timeline.legend import LegendWidget
from viewer.ui.timeline.time_axis import TimeAxis

MIN_SPAN = 60.0  # one minute
PICK_PX = 7.0
OVERVIEW_FOLLOW_MS = 33  # while the view moves, the overview's box follows it at about 30 Hz
MORE_LISTED = 25  # titles listed in the tooltip of "+N more"
ROWS_SETTLE_MS = 300  # the lanes' rows follow the labels once the view has stood still this long


class TimelineViewBox(pg.ViewBox):
    """A ViewBox that zooms to a Shift+dragged range and reports clicks instead of menus."""

    clicked = Signal(object, bool)  # scene position, double click

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=True, y=False)

    def mouseDragEvent(self, ev, axis=None) -> None:  # type: ignore[no-untyped-def]
        shift = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if shift and ev.button() == Qt.MouseButton.LeftButton:
            self.state["mouseMode"] = pg.ViewBox.RectMode
            try:
                super().mouseDragEvent(ev, axis)
            finally:
                self.state["mouseMode"] = pg.ViewBox.PanMode
            return
        super().mouseDragEvent(ev, axis)

    def showAxRect(self, ax, **kwargs) -> None:  # type: ignore[no-untyped-def]
        # a rubber band zooms the time axis only; the lanes keep filling the height
        self.setXRange(ax.left(), ax.right(), padding=0)
        self.axHistoryPointer += 1
        self.axHistory = [*self.axHistory[: self.axHistoryPointer], ax]

    def mouseClickEvent(self, ev) -> None:  # type: ignore[no-untyped-def]
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.clicked.emit(ev.scenePos(), ev.double())
        else:
            super().mouseClickEvent(ev)


def _this_year() -> tuple[float, float]:
    """The current year (UTC): what an empty dataset shows, where a double-click or Ins makes
    its first event (not 1 January 1970)."""
    now = datetime.now(UTC)
    return (
        datetime(now.year, 1, 1, tzinfo=UTC).timestamp(),
        datetime(now.year + 1, 1, 1, tzinfo=UTC).timestamp(),
    )


class TimelineView(QWidget):
    """The timeline and its overview strip; emits ``event_clicked(event_row)`` (-1: none)."""

    event_clicked = Signal(int)
    range_changed = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index: EventIndex | None = None
        self.axis = TimeAxis()
        self.axis.blank = True  # until set_index, as the overview's box
        self.view_box = TimelineViewBox()
        self.plot = pg.PlotWidget(viewBox=self.view_box, axisItems={"bottom": self.axis})
        self.plot.setBackground(BACKGROUND)
        self.plot.hideAxis("left")
        for name in ("left", "top", "right"):
            # hidden axes still follow the view and rebuild their HTML labels on every change
            self.plot.getAxis(name).unlinkFromView()
        self.plot.hideButtons()
        self.plot.getPlotItem().setContentsMargins(0, 4, 8, 0)
        for name in ("bottom",):
            ax = self.plot.getAxis(name)
            ax.setPen(pg.mkPen(FOREGROUND))
            ax.setTextPen(pg.mkPen(FOREGROUND))
        self.view_box.invertY(True)
        self.items = EventsItem()
        self.items.background = BACKGROUND
        self.plot.addItem(self.items)
        self.plot.setAccessibleName("Timeline")
        self.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.overview_item = EventsItem(labels=False, lane_names=False)
        self.overview_item.background = BACKGROUND
        # the overview's view never moves (only its region box does): paint it once, then blit
        self.overview_item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.overview = pg.PlotWidget(viewBox=pg.ViewBox(enableMenu=False))
        self.overview.setBackground(BACKGROUND)
        self.overview.hideAxis("left")
        self.overview.hideAxis("bottom")
        self.overview.hideButtons()
        self.overview.setMouseEnabled(x=False, y=False)
        self.overview.getViewBox().invertY(True)
        self.overview.addItem(self.overview_item)
        self.overview.setFixedHeight(56)
        self.overview.setAccessibleName("Overview of the whole timeline")
        self.region = pg.LinearRegionItem(brush=pg.mkBrush(70, 110, 200, 50))
        self.region.setZValue(10)
        self.region.setVisible(False)
        self.overview.addItem(self.region)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.legend = LegendWidget()
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.overview)

        self._syncing = False
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(OVERVIEW_FOLLOW_MS)
        self._follow.timeout.connect(self._on_follow_timeout)
        self._follow_due = False
        # lanes grow to the label rows of the view once it stands still (not while it moves:
        # lanes changing height under the cursor would be hard to follow)
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(ROWS_SETTLE_MS)
        self._rows_timer.timeout.connect(self.fit_rows)
        self.view_box.sigResized.connect(self.fit_rows)
        self.view_box.sigXRangeChanged.connect(self._on_range_changed)
        self.region.sigRegionChanged.connect(self._on_region_changed)
        self.view_box.clicked.connect(self._on_clicked)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.installEventFilter(self)
        self.plot.viewport().installEventFilter(self)
        self.overview.viewport().installEventFilter(self)

    # --- data ---------------------------------------------------------------------------------
    def set_index(self, index: EventIndex, full: EventIndex | None = None) -> None:
        """Show ``index``; ``full`` (the unfiltered index) sets the span and the lanes' height."""
        first = self.index is None
        self.index = index
        if first:  # dates and the overview's box from the first dataset on
            self.axis.blank = False
            self.axis.update()
            self.region.setVisible(True)
        full = full or index
        self.items.set_index(index)
        self.overview_item.set_index(index)
        if first or self.legend.lanes != full.lanes:
            self.legend.set_lanes(full.lanes)
        t0, t1 = full.time_bounds if full.n_events else _this_year()
        span = max(t1 - t0, 3600.0)
        margin = span * 0.05
        self._full = (t0 - margin, t1 + margin)
        self.view_box.setLimits(
            xMin=self._full[0] - span,
            xMax=self._full[1] + span,
            minXRange=MIN_SPAN,
            maxXRange=(self._full[1] - self._full[0]) * 1.5,
        )
        self._set_height()
        height = max(float(full.lane_top[-1]), 1.0)
        ov = self.overview.getViewBox()
        ov.setXRange(*self._full, padding=0)
        ov.setYRange(0, height, padding=0)
        self.region.setBounds(self._full)
        if first:
            self.fit_initial()
        self.fit_rows()

    def _set_height(self) -> None:
        """Show every lane's rows, top to bottom."""
        height = max(float(self.items.lane_top[-1]), 1.0)
        self.view_box.setLimits(yMin=0, yMax=height)
        self.view_box.setYRange(0, height, padding=0)

    def fit_rows(self) -> None:
        """Give each lane the label rows its labels need in the current view, as far as the
        height allows (each row at least a line of text tall)."""
        self._rows_timer.stop()
        index = self.index
        width, height = self.view_box.width(), self.view_box.height()
        if index is None or width <= 0 or height <= 0:
            return
        t0, t1 = self.visible_range()
        wanted = self.items.rows_wanted(t0, t1, width)
        row_px = self.items.font_height() + 6
        rows = grow_rows(index.lane_rows, wanted, height, row_px)
        if rows != self.items.lane_rows:
            self.items.set_lane_rows(rows)
            self._set_height()

    def set_zone(self, name: str, offset_seconds: float) -> None:
        """Label the axis in a zone: its name and a fixed UTC offset (seconds east)."""
        self.axis.set_zone(name, offset_seconds)

    def set_drafts(self, rows: np.ndarray) -> None:
        """Drafted events (event rows) are drawn lighter with a dashed outline."""
        self.items.set_drafts(rows)
        self.legend.set_drafts(len(rows) > 0)

    def set_selected(self, event_row: int) -> None:
        self.items.set_selected(event_row)
        self.overview_item.set_selected(event_row)

    # --- navigation ---------------------------------------------------------------------------
    def visible_range(self) -> tuple[float, float]:
        (t0, t1), _ = self.view_box.viewRange()
        return t0, t1

    def set_range(self, t0: float, t1: float) -> None:
        self.view_box.setXRange(t0, t1, padding=0)

    def fit_initial(self) -> None:
        """Fit all, or the span of the events' starts when a few long intervals dwarf it."""
        if self.index is None:
            return
        if self.index.n_events == 0:  # (an empty dataset: its span is this year)
            self.fit_all()
            return
        s0 = float(self.index.event_start.min())
        s1 = float(self.index.event_start.max())
        full = self._full[1] - self._full[0]
        if 0 < s1 - s0 < 0.3 * full:
            pad = max((s1 - s0) * 0.08, 3600.0)
            self.set_range(s0 - pad, s1 + 3 * pad)
        else:
            self.fit_all()

    def fit_all(self) -> None:
        if self.index is not None:
            self.set_range(*self._full)

    def zoom(self, factor: float, center: float | None = None) -> None:
        """Zoom by ``factor`` (< 1 zooms in) keeping ``center`` (default: the middle) fixed."""
        t0, t1 = self.visible_range()
        c = (t0 + t1) / 2 if center is None else center
        self.set_range(c - (c - t0) * factor, c + (t1 - c) * factor)

    def pan(self, fraction: float) -> None:
        t0, t1 = self.visible_range()
        d = (t1 - t0) * fraction
        self.set_range(t0 + d, t1 + d)

    def ensure_visible(self, event_row: int) -> None:
        """Pan (never zoom out past need) so that an event's start is in view."""
        if self.index is None or event_row < 0:
            return
        t = float(self.index.event_start[event_row])
        t_end = float(self.index.event_end[event_row])
        t0, t1 = self.visible_range()
        if t0 <= t <= t1 or (t < t0 and t_end >= t0):
            return
        span = t1 - t0
        self.set_range(t - span * 0.3, t + span * 0.7)

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
        if watched is self.plot and event.type() == QEvent.Type.KeyPress:
            return self._handle_key(event)
        if (
            event.type() == QEvent.Type.MouseButtonDblClick
            and event.button() == Qt.MouseButton.LeftButton
            and (
                watched is self.overview.viewport()
                or (watched is self.plot.viewport() and self.on_axis(event.position().toPoint()))
            )
        ):
            self.fit_all()
            return True
        return super().eventFilter(watched, event)

    def on_axis(self, pos: QPoint) -> bool:
        """Whether a point of the plot's viewport is on the time axis (below the lanes)."""
        scene = self.plot.mapToScene(pos)
        return self.axis.sceneBoundingRect().contains(scene) or scene.y() > (
            self.view_box.sceneBoundingRect().bottom()
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        """Zoom and pan keys; True if the key was used."""
        if event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(0.5)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(2.0)
        elif key == Qt.Key.Key_Left:
            self.pan(-0.2)
        elif key == Qt.Key.Key_Right:
            self.pan(0.2)
        elif key == Qt.Key.Key_Home and self.index is not None:
            t0, t1 = self.visible_range()
            self.set_range(self._full[0], self._full[0] + (t1 - t0))
        elif key == Qt.Key.Key_End and self.index is not None:
            t0, t1 = self.visible_range()
            self.set_range(self._full[1] - (t1 - t0), self._full[1])
        else:
            return False
        event.accept()
        return True

    # --- mapping and picking --------------------------------------------------------------------
    def scene_pos_of(self, event_row: int) -> QPointF:
        """Scene position of an event's mark (its first lane entry)."""
        assert self.index is not None
        entries = self.index.entries_of(event_row)
        e = int(entries[0])
        y = self.items.lane_top[self.index.lane_of[e]] + self.index.row[e] + 0.5
        t = self.index.start[e]
        if self.index.row[e] > 0:  # an interval: aim inside its bar
            t0, t1 = self.visible_range()
            t = (max(self.index.start[e], t0) + min(self.index.end[e], t1)) / 2
        return self.view_box.mapViewToScene(QPointF(float(t), float(y)))

    def event_at(self, scene_pos: QPointF) -> int:
        """The event row under a scene position (a mark, a bar or a label), or -1."""
        if self.index is None:
            return -1
        label = self.items.label_at(scene_pos)
        if label >= 0:
            return label
        p = self.view_box.mapSceneToView(scene_pos)
        t, y = p.x(), p.y()
        tops = self.items.lane_top
        lane = int(np.searchsorted(tops, y, "right")) - 1
        if not 0 <= lane < self.index.n_lanes:
            return -1
        row = int(y - tops[lane])
        t0, t1 = self.visible_range()
        px = self.view_box.width() or 1.0
        tol = PICK_PX * (t1 - t0) / px
        entry = pick(self.index, lane, row, t, tol, (t0, t1))
        if entry < 0 and row > 0:
            entry = pick(self.index, lane, 0, t, tol, (t0, t1))
        return int(self.index.event[entry]) if entry >= 0 else -1

    # --- slots --------------------------------------------------------------------------------
    def _on_clicked(self, scene_pos: QPointF, double: bool) -> None:
        self.plot.setFocus()
        if not double:
            self.event_clicked.emit(self.event_at(scene_pos))

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        hidden = self.items.more_at(scene_pos)
        if hidden and self.index is not None:  # "+N more": the titles without a label
            titles = [self.index.titles[r] for r in hidden[:MORE_LISTED]]
            if len(hidden) > MORE_LISTED:
                titles.append(f"… and {len(hidden) - MORE_LISTED} more")
            escaped = html.escape("\n".join(titles)).replace("\n", "<br>")
            self.plot.setToolTip(f"<p style='white-space:pre'>{escaped}</p>")
            return
        row = self.event_at(scene_pos)
        if row < 0 or self.index is None:
            QToolTip.hideText()
            self.plot.setToolTip("")
            return
        # tooltips render rich text when it looks like HTML: escape dataset strings
        escaped = html.escape(self.tooltip_text(row)).replace("\n", "<br>")
        self.plot.setToolTip(f"<p style='white-space:pre-wrap'>{escaped}</p>")

    tooltip_for = None  # set by the window: event row -> plain text

    def tooltip_text(self, row: int) -> str:
        if self.tooltip_for is not None:
            return self.tooltip_for(row)
        return self.index.titles[row] if self.index is not None else ""

    def _on_range_changed(self, *_args) -> None:  # type: ignore[no-untyped-def]
        # pyqtgraph defers the new view matrix to the start of the next paint, where setting it
        # dirties the view again and costs a second full paint: set it now, before the paint.
        self.view_box.updateMatrix()
        t0, t1 = self.visible_range()
        if not self._syncing:
            # the overview's box follows at once, then at most every OVERVIEW_FOLLOW_MS while
            # the view keeps moving (moving it repaints the overview: a lane's worth of work)
            if not self._follow.isActive():
                self._sync_region()
                self._follow.start()
            else:
                self._follow_due = True
        self._rows_timer.start()
        self.range_changed.emit(t0, t1)

    def _sync_region(self) -> None:
        self._follow_due = False
        t0, t1 = self.visible_range()
        if self._region_moves(t0, t1):
            self._syncing = True
            self.region.setRegion((t0, t1))
            self._syncing = False

    def _on_follow_timeout(self) -> None:
        if self._follow_due:  # the view moved since the box last followed it
            self._sync_region()
            self._follow.start()

    def _region_moves(self, t0: float, t1: float) -> bool:
        """Whether the overview's box would move by a quarter pixel or more (else the overview
        is left alone: repainting it for nothing costs as much as a lane of events)."""
        a, b = self.region.getRegion()
        full = self._full[1] - self._full[0] if self.index is not None else 0.0
        width = self.overview.width()
        if full <= 0 or width <= 0:
            return True
        quarter_px = 0.25 * full / width
        return abs(a - t0) >= quarter_px or abs(b - t1) >= quarter_px

    def _on_region_changed(self) -> None:
        if self._syncing:
            return
        a, b = self.region.getRegion()
        t0, t1 = self.visible_range()
        if b - a < MIN_SPAN or (abs(a - t0) + abs(b - t1)) <= (t1 - t0) * 1e-9:
            return  # the region only echoes the view: setting it again would repaint twice
        self._syncing = True
        self.set_range(a, b)
        self._syncing = False
