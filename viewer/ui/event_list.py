"""EventList: Find box, lane and status filters, and a sortable table of the events shown.

The table model holds only an array of event rows in display order; sorting and filtering are
numpy operations on columns, so a million rows stay responsive (no QSortFilterProxyModel, whose
comparisons would call back into Python per pair).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.model.formats.columns import Computed
from viewer.model.index import EventIndex

COLUMNS = ("Date", "Title", "Lane", "Status", "Quotes", "Draft")
DRAFT_COLUMN = 5  # shown only when the dataset has drafts
AnyIndex = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """Rows are event rows of the dataset in the current sort order, filtered by a mask."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = np.zeros(0, np.int64)
        self.dates: list[str] = []
        self.titles: list[str] = []
        self.lanes: list[str] = []
        self.statuses: list[str] = []
        self.quotes = np.zeros(0, np.int64)
        self.start = np.zeros(0)
        self.mask: np.ndarray | None = None
        # draft marks: the badge of each drafted event row, and a sort key per row (the
        # event's confidence, least sure first; 1.5 for drafted quotes only; 2 for none)
        self.draft_badges: dict[int, str] = {}
        self.draft_key: np.ndarray | None = None
        self.sort_column, self.sort_order = 0, Qt.SortOrder.AscendingOrder
        self._orders: dict[int, np.ndarray] = {}  # ascending order per sorted column

    def set_columns(self, dates, titles, lanes, statuses, quotes, start, time_order=None) -> None:  # type: ignore[no-untyped-def]
        """The columns by event row; ``time_order`` (the index's chrono order) saves a sort."""
        self.dates, self.titles, self.lanes, self.statuses = dates, titles, lanes, statuses
        self.quotes = np.asarray(quotes, np.int64)
        self.start = np.asarray(start, np.float64)
        self._orders = {} if time_order is None else {0: np.asarray(time_order, np.int64)}
        self.mask = None
        self.draft_badges, self.draft_key = {}, None
        self._reorder()

    def set_drafts(self, badges: dict[int, str], rows: np.ndarray, conf: np.ndarray) -> None:
        """The draft badge of each drafted event row; ``conf`` its confidence (NaN: only its
        quotes are drafts)."""
        if not badges and not self.draft_badges:
            return  # (no drafts before or now: the order stays)
        self.draft_badges = badges
        key = np.full(len(self.start), 2.0)
        key[rows] = np.where(np.isnan(conf), 1.5, conf)
        self.draft_key = key
        self._orders.pop(DRAFT_COLUMN, None)
        self._reorder()

    def set_mask(self, mask: np.ndarray | None) -> None:
        self.mask = mask
        self._reorder()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = 0):  # type: ignore[no-untyped-def]
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        ev = int(self.rows[index.row()])
        col = index.column()
        if col == 0:
            return self.dates[ev]
        if col == 1:
            return self.titles[ev]
        if col == 2:
            return self.lanes[ev]
        if col == 3:
            return self.statuses[ev]
        if col == DRAFT_COLUMN:
            return self.draft_badges.get(ev, "")
        return int(self.quotes[ev])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._reorder()

    def _reorder(self) -> None:
        self.layoutAboutToBeChanged.emit()
        order = self._orders.get(self.sort_column)
        if order is None:
            order = self._orders[self.sort_column] = self._ascending(self.sort_column)
        if self.sort_order == Qt.SortOrder.DescendingOrder:
            order = order[::-1]
        if self.mask is not None and not self.mask.all():
            order = order[self.mask[order]]
        self.rows = np.asarray(order, np.int64)  # (not changed in place: may be the cache's)
        self.layoutChanged.emit()

    def _ascending(self, column: int) -> np.ndarray:
        n = len(self.titles)
        if column == 0:
            return np.lexsort((np.arange(n), self.start))
        if column == 4:
            return np.lexsort((self.start, self.quotes))
        if column == DRAFT_COLUMN:
            key = self.draft_key if self.draft_key is not None else np.full(n, 2.0)
            return np.lexsort((self.start, key))
        values = {1: self.titles, 2: self.lanes, 3: self.statuses}[column]
        keys = np.array([s.casefold() for s in values], dtype=object)
        return np.lexsort((self.start, keys)) if n else np.zeros(0, np.int64)

    def row_of(self, event_row: int) -> int:
        hit = np.flatnonzero(self.rows == event_row)
        return int(hit[0]) if len(hit) else -1


def lane_names_of_events(index: EventIndex) -> Sequence[str]:
    """The lane names of each event, joined in lane order; computed when a row is shown."""
    if len(index.event) == index.n_events and index.n_events:  # one lane per event
        width = np.int16 if index.n_lanes < 2**15 else np.int32
        lane = np.empty(index.n_events, width)
        lane[index.event] = np.repeat(np.arange(index.n_lanes, dtype=width), np.diff(index.offsets))
        names = index.lanes  # a name when a row is shown (not an object per event: 1e7 rows)
        return Computed(index.n_events, lambda ev: names[lane[ev]])
    lane_of_entry = index.lane_of
    order = np.argsort(index.event, kind="stable")
    starts = np.searchsorted(index.event[order], np.arange(index.n_events + 1))
    lanes = index.lanes

    def names(ev: int) -> str:
        entries = order[starts[ev] : starts[ev + 1]]
        return ", ".join(lanes[k] for k in lane_of_entry[np.sort(entries)].tolist())

    return Computed(index.n_events, names)


class EventList(QWidget):
    """Find, filters and the table. Emits ``event_selected(row)`` when a row is chosen,
    ``query_changed(text)`` once typing in Find pauses, ``lane_chosen(name or None)`` and
    ``status_chosen(name or None)``; the window puts them into its view state."""

    event_selected = Signal(int)
    query_changed = Signal(str)
    lane_chosen = Signal(object)
    status_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find (Ctrl+F): titles, quotes, names, aliases…")
        self.find.setClearButtonEnabled(True)
        self.find.setAccessibleName("Find events")
        self.lane_filter = QComboBox()
        self.lane_filter.setAccessibleName("Filter by lane")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setAccessibleName("Events shown")
        bar = QHBoxLayout()
        bar.addWidget(self.find, 3)
        bar.addWidget(self.lane_filter, 1)
        bar.addWidget(self.status_filter, 1)
        bar.addWidget(self.count)

        self.model = EventTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Events")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows may be selected to copy them; the current row is the selected event
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 210)
        header.resizeSection(4, 60)
        header.resizeSection(DRAFT_COLUMN, 150)
        self.table.setColumnHidden(DRAFT_COLUMN, True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(lambda: self.query_changed.emit(self.find.text()))
        self.find.textChanged.connect(self._debounce.start)
        self.lane_filter.currentIndexChanged.connect(
            lambda k: self.lane_chosen.emit(self.lane_filter.itemText(k) if k > 0 else None)
        )
        self.status_filter.currentIndexChanged.connect(
            lambda k: self.status_chosen.emit(self.status_filter.itemText(k) if k > 0 else None)
        )
        self._selecting = False

    def show_filters(self, query: str, lane: str | None, status: str | None) -> None:
        """Show a query and filters chosen elsewhere (without emitting them back)."""
        for combo, chosen in ((self.lane_filter, lane), (self.status_filter, status)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findText(chosen)) if chosen is not None else 0)
            combo.blockSignals(False)
        if self.find.text() != query:
            self.find.blockSignals(True)
            self.find.setText(query)
            self.find.blockSignals(False)

    def flush_query(self) -> None:
        """Emit the Find text now if typing has not paused yet."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.query_changed.emit(self.find.text())

    def set_events(  # type: ignore[no-untyped-def]
        self, index: EventIndex, dates, statuses, quotes, lane=None, status=None, present=None
    ) -> None:
        """Show the events of ``index``; the filters offer its lanes and statuses, with
        ``lane`` and ``status`` chosen (None: all); ``present``: the statuses the events
        have, sorted, when the caller has them (else found from ``statuses``)."""
        self.model.set_columns(
            dates,
            index.titles,
            lane_names_of_events(index),
            statuses,
            quotes,
            index.event_start,
            index.chrono,
        )
        self._fill_combo(self.lane_filter, "All lanes", index.lanes, lane)
        if present is None:
            present = sorted(set(statuses))
        self._fill_combo(self.status_filter, "All statuses", present, status)

    @staticmethod
    def _fill_combo(
        combo: QComboBox, everything: str, values: list[str], chosen: str | None
    ) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything)
        combo.addItems(values)
        combo.setCurrentIndex(values.index(chosen) + 1 if chosen in values else 0)
        combo.blockSignals(False)

    def set_drafts(self, badges: dict[int, str], rows: np.ndarray, conf: np.ndarray) -> None:
        """Show the Draft column (when there are drafts) with each drafted event's badge."""
        self.model.set_drafts(badges, rows, conf)
        self.table.setColumnHidden(DRAFT_COLUMN, not badges)

    def set_mask(self, mask: np.ndarray | None, total: int) -> None:
        self.model.set_mask(mask)
        shown = total if mask is None else int(mask.sum())
        self.count.setText(f"{shown:,} of {total:,} events shown")

    def select_event(self, event_row: int) -> None:
        """Select a row without emitting event_selected (the caller already knows)."""
        self._selecting = True
        try:
            row = self.model.row_of(event_row) if event_row >= 0 else -1
            if row < 0:
                self.table.clearSelection()
                return
            idx = self.model.index(row, 0)
            current = self.table.currentIndex()
            if not (current.isValid() and current.row() == row):
                # the selection becomes this row (a click's Ctrl or Shift made it already)
                flags = QItemSelectionModel.SelectionFlag
                self.table.selectionModel().setCurrentIndex(idx, flags.ClearAndSelect | flags.Rows)
            self.table.scrollTo(idx)
        finally:
            self._selecting = False

    def selected_rows_text(self) -> str:
        """The selected rows as tab-separated text, one line per row in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        model = self.model
        lines = []
        for row in rows:
            cells = (
                str(model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole))
                for col in range(len(COLUMNS))
                if not self.table.isColumnHidden(col)
            )
            lines.append("\t".join(" ".join(c.split()) for c in cells))
        return "\n".join(lines) + ("\n" if lines else "")

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.event_selected.emit(int(self.model.rows[current.row()]))
