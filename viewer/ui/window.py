"""MainWindow: the one composition root. It builds the views, wires their signals, and owns
the open dataset; nothing else finds its siblings (its menus are built by :mod:`.menus`, as
part of it).

Data flows one way: file -> formats -> Dataset -> EventIndex -> TimelineView; a click becomes an
event row -> DetailPane and EventList.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from viewer.model.bundled import bundled_dataset
from viewer.model.dataset import Dataset
from viewer.model.dates import DateError, format_offset, get_zone
from viewer.model.errors import LoadError
from viewer.model.formats.columns import ColumnarLoaded
from viewer.model.formats.common import FAST_MIN_BYTES, Loaded
from viewer.model.index import EventIndex
from viewer.model.listing import LANE_MODES, date_text, era_spans
from viewer.model.opening import (
    Opened,
    index_for,
    open_dataset,
    row_of_id,
    search_index,
    statuses_present,
    table_columns,
)
from viewer.model.overview import Overview, dataset_overview
from viewer.model.search import EventSearch
from viewer.model.view_state import ViewState
from viewer.ui.detail.pane import DetailPane
from viewer.ui.editing.actions import EditingActions
from viewer.ui.editing.import_article import ImportActions
from viewer.ui.editing.review import ReviewActions
from viewer.ui.event_list import EventList
from viewer.ui.help import ABOUT, SHORTCUTS
from viewer.ui.loader import BackgroundLoader
from viewer.ui.menus import build_menus, refresh_recent
from viewer.ui.settings import add_recent, open_settings
from viewer.ui.timeline.view import TimelineView
from viewer.ui.watcher import FileWatcher, ReloadBar

APP_NAME = "Timeline Viewer"
FILE_FILTER = "Event datasets (*.json *.csv);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.settings = open_settings()
        self.loaded: Loaded | None = None
        self.dataset: Dataset | None = None
        self.path: str | None = None
        self.full_index: EventIndex | None = None
        self.index: EventIndex | None = None
        self.search: EventSearch | None = None
        self.loader: BackgroundLoader | None = None
        self._statuses: np.ndarray | None = None
        self._quotes: np.ndarray | None = None
        self.filter_mask: np.ndarray | None = None
        mode = str(self.settings.value("lane_mode", "kind"))
        # what is shown: the widgets set it and listen to it (see _bind_state)
        self.state = ViewState(lane_mode=mode if mode in LANE_MODES else "kind")
        self.error_box: QMessageBox | None = None
        self.last_error: LoadError | None = None  # of the last open that failed

        self.timeline = TimelineView()
        self.timeline.tooltip_for = self._tooltip
        self.detail = DetailPane()
        self.events = EventList()
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.timeline)
        self.left.addWidget(self.events)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.reload_bar = ReloadBar()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.reload_bar)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self._on_file_changed)
        self.reload_bar.reload_requested.connect(self.reload)
        self.reload_bar.always.setChecked(self.settings.value("auto_reload", False, type=bool))
        self.reload_bar.always.toggled.connect(lambda on: self.settings.setValue("auto_reload", on))
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status_label, 1)
        self.setAcceptDrops(True)
        self.setWindowTitle(APP_NAME)
        self.resize(1500, 900)
        self.splitter.setSizes([950, 550])
        self.left.setSizes([560, 300])

        self._bind_state()
        build_menus(self)
        # editing (issue 20): undo stack, saving, dialogs; see viewer/ui/editing/
        self.editing = EditingActions(self)
        # reviewing a drafted chronology (issue 21): marks, Review menu, drafts left
        self.review = ReviewActions(self, self.editing.session)
        self.importing = ImportActions(self, self.editing.session)
        self.file_menu.insertAction(self.recent_menu.menuAction(), self.importing.act_import)
        self._restore_layout()

    def _bind_state(self) -> None:
        """Widgets set the view state; the views follow it."""
        state = self.state
        self.timeline.event_clicked.connect(self.select_event)
        self.events.event_selected.connect(self.select_event)
        self.events.query_changed.connect(lambda text: setattr(state, "query", text))
        self.events.lane_chosen.connect(lambda lane: setattr(state, "lane", lane))
        self.events.status_chosen.connect(lambda status: setattr(state, "status", status))
        self.events.find.returnPressed.connect(self.find_next)
        self.timeline.range_changed.connect(
            lambda t0, t1: setattr(state, "visible_range", (t0, t1))
        )
        for name in ("query", "lane", "status"):
            state.connect(name, lambda _value: self._show_filtered())
        state.connect("selection", self._show_selection)
        state.connect("lane_mode", self._show_lane_mode)

    @property
    def selected(self) -> int:
        """The selected event's row, or -1."""
        return self.state.selection

    @property
    def lane_mode(self) -> str:
        return self.state.lane_mode

    # --- menus -------------------------------------------------------------------------
    # --- opening -----------------------------------------------------------------------
    def open_initial(self, file: str | None) -> None:
        """The file named at start, else the bundled dataset; a file that fails to open shows
        its error in an empty window (it is never replaced by another). Unsaved edits kept
        when the viewer last stopped are offered first."""
        if self.editing.session.offer_recovery():
            return
        self.open_file(file or str(bundled_dataset()))

    def open_dialog(self) -> None:
        start = str(Path(self.path).parent) if self.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open dataset", start, FILE_FILTER)
        if path:
            self.open_file(path)

    def reload(self) -> None:
        if self.path:
            self.open_file(self.path, keep_view=True)

    def open_file(self, path: str, keep_view: bool = False) -> bool:
        """Open a dataset; on failure show the error and keep what was open.

        Big files load in the background (progress, Cancel); then True means "started".
        Both go through :func:`open_dataset`, the road of every command too.
        """
        if not self.editing.session.may_discard():  # unsaved edits: Save / Discard / Cancel
            return False
        self.last_error = None
        if self.loader is not None:
            self.loader.cancel()
        try:
            big = Path(path).is_file() and Path(path).stat().st_size >= FAST_MIN_BYTES
        except OSError:
            big = False
        if big:
            self.loader = BackgroundLoader(self, path, self.state.lane_mode)
            self.loader.loaded.connect(lambda opened: self._on_opened(opened, path, keep_view))
            self.loader.failed.connect(lambda exc: self._on_failed(path, exc))
            self.loader.cancelled.connect(lambda: setattr(self, "loader", None))
            self.loader.start()
            return True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            opened = open_dataset(path, self.state.lane_mode)
        except LoadError as exc:
            QApplication.restoreOverrideCursor()
            self.last_error = exc
            self.show_error(f"Cannot open {Path(path).name}", exc)
            return False
        QApplication.restoreOverrideCursor()
        self.set_loaded(opened.loaded, keep_view=keep_view, index=opened.index)
        add_recent(self.settings, str(Path(path).resolve()))
        refresh_recent(self)
        return True

    def _on_opened(self, opened: Opened, path: str, keep_view: bool) -> None:
        self.loader = None
        self.set_loaded(opened.loaded, keep_view=keep_view, index=opened.index)
        add_recent(self.settings, str(Path(path).resolve()))
        refresh_recent(self)

    def _on_failed(self, path: str, exc: LoadError) -> None:
        self.loader = None
        self.last_error = exc
        self.show_error(f"Cannot open {Path(path).name}", exc)

    def show_error(self, title: str, exc: LoadError) -> None:
        lines = [str(p) for p in exc.problems]
        shown = lines[:20] + ([f"… and {len(lines) - 20} more"] if len(lines) > 20 else [])
        box = QMessageBox(QMessageBox.Icon.Critical, title, "", QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(shown[0] if shown else title)
        if len(shown) > 1:
            box.setInformativeText("\n".join(shown[1:]))
        if self.dataset is not None:
            box.setDetailedText(f"Still open: {self.path}")
        box.setAccessibleName("Error")
        self.error_box = box
        box.open()

    def set_loaded(
        self, loaded: Loaded, keep_view: bool = False, index: EventIndex | None = None
    ) -> None:
        previous = (
            self.dataset.events[self.selected].id if self.dataset and self.selected >= 0 else None
        )
        view = self.state.visible_range if keep_view and self.index is not None else None
        self.loaded = loaded
        self.dataset = loaded.dataset
        self.path = loaded.path
        self.watcher.watch(loaded.path)
        self.reload_bar.hide()
        self.search = search_index(loaded)
        self.detail.set_dataset(loaded.dataset)
        self.state.selection = -1
        self.timeline.index = None
        self.timeline.items.eras = era_spans(loaded.dataset)
        self._rebuild_index(index)
        self.detail.overview.set_overview(self._overview())
        self._set_axis_zone(loaded.dataset)
        if view is not None:
            self.timeline.set_range(*view)
        self.setWindowTitle(f"{loaded.dataset.title} — {Path(loaded.path).name} — {APP_NAME}")
        warn = f" · {len(loaded.warnings)} warnings (quotes re-anchored)" if loaded.warnings else ""
        self.status_label.setText(f"{loaded.path} · {len(loaded.dataset.events):,} events{warn}")
        row = row_of_id(loaded.dataset, previous)
        if row >= 0:
            self.select_event(row)
        if isinstance(loaded, ColumnarLoaded):
            self.editing.session.attach(loaded)  # the dataset shown is the one edited

    def _on_file_changed(self, path: str) -> None:
        if path != self.path or self.editing.session.is_own_write(path):
            return
        if self.reload_bar.always.isChecked():
            self.reload()
        else:
            self.reload_bar.offer(path)

    def _set_axis_zone(self, ds: Dataset) -> None:
        """The axis shows UTC unless the dataset names its zone (at its offset mid-span)."""
        name, offset = "UTC", 0.0
        if ds.zone and self.full_index is not None and self.full_index.n_events:
            try:
                zone = get_zone(ds.zone)
                mid = self.full_index.time_bounds if self.full_index else (0.0, 0.0)
                when = datetime.fromtimestamp(sum(mid) / 2, tz=UTC)
                delta = when.astimezone(zone).utcoffset()
                offset = delta.total_seconds() if delta else 0.0
                name = f"{ds.zone} (UTC{format_offset(int(offset // 60))})"
            except (DateError, ValueError, OverflowError, OSError):
                name, offset = "UTC", 0.0
        self.timeline.set_zone(name, offset)

    def _rebuild_index(self, index: EventIndex | None = None) -> None:
        ds = self.dataset
        if ds is None or self.loaded is None:
            return
        # no Python object per event here: a million rows take a few vectorised passes
        state = self.state
        self.full_index = index if index is not None else index_for(self.loaded, state.lane_mode)
        dates, self._statuses, self._quotes = table_columns(self.loaded)
        if state.lane not in self.full_index.lanes:
            state.lane = None  # (a lane of another mode or dataset)
        present = statuses_present(self.loaded)
        if state.status not in present:
            state.status = None
        self.events.set_events(
            self.full_index, dates, self._statuses, self._quotes, state.lane, state.status, present
        )
        if isinstance(self.loaded, ColumnarLoaded):
            self.review.show_drafts(self.loaded)
        self._show_filtered()

    def _overview(self) -> Overview | None:
        """The summary the detail pane shows with nothing selected (from the columns)."""
        ds, ix = self.dataset, self.full_index
        if ds is None or ix is None:
            return None
        first = last = None
        if ix.n_events:
            first = ds.events[int(ix.chrono[0])]
            last = ds.events[int(ix.event[np.argmax(ix.period_end)])]  # ends last, precision too
        quotes = int(np.sum(self._quotes)) if self._quotes is not None else 0
        return dataset_overview(ds, ix.n_events, quotes, first, last)

    def set_lane_mode(self, mode: str) -> None:
        self.state.lane_mode = mode

    def _show_lane_mode(self, mode: str) -> None:
        self.lane_actions[mode].setChecked(True)
        self.settings.setValue("lane_mode", mode)
        view = self.state.visible_range if self.index is not None else None
        self._rebuild_index()
        if view is not None:
            self.timeline.set_range(*view)

    # --- filtering and selection ---------------------------------------------------------------
    def apply_filter(self) -> None:
        """Show what the query and filters let through now (a Find still being typed too)."""
        self.events.flush_query()
        self._show_filtered()

    def _show_filtered(self) -> None:
        if self.full_index is None or self.dataset is None or self.search is None:
            return
        assert self._statuses is not None
        state = self.state
        self.events.show_filters(state.query, state.lane, state.status)
        self.filter_mask = state.mask(self.full_index, self.search, self._statuses)
        self.index = self.full_index.subset(self.filter_mask)
        self.timeline.set_index(self.index, self.full_index)
        self.events.set_mask(self.filter_mask, self.full_index.n_events)
        if (
            self.selected >= 0
            and self.filter_mask is not None
            and not self.filter_mask[self.selected]
        ):
            self.select_event(-1)
        else:
            self.events.select_event(self.selected)

    def focus_find(self) -> None:
        self.events.find.setFocus()
        self.events.find.selectAll()

    def find_next(self) -> None:
        """Select the next event shown by the current Find (wraps around)."""
        self.apply_filter()
        if self.index is not None and (row := self.state.next_match(self.index)) is not None:
            self.select_event(row)

    def select_event(self, event_row: int) -> None:
        if self.dataset is None:
            return
        if not -1 <= event_row < len(self.dataset.events):
            event_row = -1
        if event_row == self.state.selection and event_row >= 0:
            self.timeline.ensure_visible(event_row)
            return
        self.state.selection = event_row

    def _show_selection(self, event_row: int) -> None:
        if self.dataset is None:
            return
        self.timeline.set_selected(event_row)
        self.events.select_event(event_row)
        self.detail.show_event(self.dataset.events[event_row] if event_row >= 0 else None)
        if event_row >= 0:
            self.timeline.ensure_visible(event_row)

    def step_event(self, direction: int) -> None:
        """Select the next (1) or previous (-1) event in time order among those shown."""
        if self.index is not None and (row := self.state.step(self.index, direction)) is not None:
            self.select_event(row)

    def _tooltip(self, event_row: int) -> str:
        if self.dataset is None:
            return ""
        ev = self.dataset.events[event_row]
        return f"{ev.title}\n{date_text(ev)}"

    # --- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            path = urls[0].toLocalFile()
            QTimer.singleShot(0, lambda: self.open_file(path))

    # --- layout persistence --------------------------------------------------------------------
    def _restore_layout(self) -> None:
        for key, apply in (
            ("geometry", self.restoreGeometry),
            ("splitter", self.splitter.restoreState),
            ("left_splitter", self.left.restoreState),
            ("detail_splitter", self.detail.splitter.restoreState),
        ):
            value = self.settings.value(key)
            if isinstance(value, QByteArray | bytes):
                apply(QByteArray(value))

    def save_layout(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("left_splitter", self.left.saveState())
        self.settings.setValue("detail_splitter", self.detail.splitter.saveState())
        self.settings.setValue("lane_mode", self.state.lane_mode)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editing.session.may_discard():
            event.ignore()
            return
        self.save_layout()
        if self.loader is not None:  # a load that no one will see: stop it (and its helper)
            self.loader.cancel()
        self.importing.stop()
        super().closeEvent(event)

    # --- help ----------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", SHORTCUTS)

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", ABOUT)
