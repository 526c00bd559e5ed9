"""Event labels of the timeline item: their texts (cached, shortened to the room they get) and
their painting as the Qt-free layout (:mod:`viewer.model.label_layout`) places them: leaders
under the labels, the selected event's label in its colour, "+N more" where a lane has labels
left out. Mixed into :class:`viewer.ui.timeline.events_item.EventsItem`, whose state it uses."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen

from viewer.model.label_layout import MAX_LANE_ROWS, LabelLayout, Placed, Room, lay_out_labels
from viewer.model.layout import EXACT_LIMIT
from viewer.model.lod import LaneView, lane_views
from viewer.ui.style import LABEL, SELECTED
from viewer.ui.timeline.marks import MARK

LABEL_MAX_PX = 560.0  # longer titles are shortened whatever the room (a label is no abstract)
HALO = QColor(255, 255, 255, 200)
LEADER = QColor(120, 120, 120, 150)
MORE = QColor(90, 90, 90)
MAX_CACHED_LABELS = 100_000  # label texts and widths kept between paints
ELIDE_STEP = 12.0  # px: shortened labels are cut at multiples of this


class LabelsMixin:
    """The label half of EventsItem (texts, layout, painting, what is under a position); it
    uses the item's index, fonts, metrics, sprites, lane rows, views and caches."""

    # --- label text ---------------------------------------------------------------------------
    def _label_text(self, event_row: int) -> str:
        text = self._elided.get(event_row)
        if text is None:
            if len(self._elided) > MAX_CACHED_LABELS:
                self._elided.clear()
                self._widths.clear()
            title = self.index.titles[event_row] if self.index is not None else ""
            width = self._text_widths.width(title)
            text = title
            if width > self.label_max_px:  # measured first: most titles need no elision
                text = self._text_widths.elide(title, self.label_max_px)
                width = self._text_widths.width(text)
            self._elided[event_row] = text
            self._widths[event_row] = width
        return text

    def _fitted(self, event_row: int, width: float) -> tuple[str, float]:
        """The label text elided to a width (layout may have shortened it to fit its row), and
        the text's width.

        Shortened labels are cut at a multiple of ELIDE_STEP pixels: while a view zooms, a
        label keeps its text (and its cached image) for several frames instead of changing at
        every pixel."""
        full = self._label_width(event_row)
        step = -1 if width + 0.5 >= full else int((width + 0.5) // ELIDE_STEP)
        widths = self._text_widths
        if self.print_mode and step >= 0:  # paper keeps all the text there is room for
            text = widths.elide(self._label_text(event_row), width + 0.5)
            return text, widths.width(text)
        key = (event_row, step)
        found = self._shortened.get(key)
        if found is None:
            if len(self._shortened) > MAX_CACHED_LABELS:
                self._shortened.clear()
            text = self._label_text(event_row)
            if step >= 0:
                text = widths.elide(text, step * ELIDE_STEP)
            found = self._shortened[key] = (text, widths.width(text))
        return found

    def _label_width(self, event_row: int) -> float:
        w = self._widths.get(event_row)
        if w is None:
            self._label_text(event_row)  # measures the width as it goes
            w = self._widths[event_row]
        return w

    def label_room(self, width_px: float) -> Room:
        """The room labels have in a view ``width_px`` wide (lane names and "+N more" kept
        clear)."""
        names = self.index.lanes if self.index is not None and self.show_lane_names else []
        more = self._metrics.horizontalAdvance("+9999 more") + 10
        return Room(width_px, MARK, 8.0, 60.0, [self._name_width(n) for n in names], more)

    def lay_out(self, views: list[LaneView], t0: float, t1: float, width_px: float, rows=None):  # type: ignore[no-untyped-def]
        """The labels of a view (``rows``: rows per lane, default as shown)."""
        assert self.index is not None
        rows = self.lane_rows if rows is None else rows
        room = self.label_room(width_px)
        return lay_out_labels(self.index, views, t0, t1, rows, room, self._label_width)

    def rows_wanted(self, t0: float, t1: float, width_px: float) -> list[int]:
        """Rows per lane that the labels of the view [t0, t1] would use, given room to grow."""
        index = self.index
        if index is None or t1 <= t0 or width_px <= 0:
            return list(self.lane_rows)
        ncols = max(1, int(width_px))
        limit = max(1, min(EXACT_LIMIT, int(width_px / MARK)))
        views = lane_views(index, t0, t1, ncols, limit)
        most = [max(MAX_LANE_ROWS, int(n)) for n in index.lane_rows]
        return self.lay_out(views, t0, t1, width_px, most).rows_used

    def _paint_labels(self, painter, t0, t1, width_px, x_left, sx, ox, sy, oy) -> None:  # type: ignore[no-untyped-def]
        idx = self.index
        assert idx is not None
        self.drawn_text = {}
        if sy < self._metrics.height() * 0.8:  # rows too low for a line of text
            self.layout = LabelLayout()
        else:
            self.layout = self.lay_out(self._views, t0, t1, width_px)
        layout = self.layout
        tops = self.lane_top.tolist()
        event_of = idx.event
        mark_half = min(MARK, max(sy * 0.6, 3.0)) / 2
        bar_half = max(sy * 0.55, 3.0) / 2
        leaders = []  # under the labels: from the mark, along the rows, to the label's edge
        for lb in layout.labels:
            if lb.lead_x is None:
                continue
            x = x_left + lb.lead_x
            y_mark = (tops[lb.lane] + lb.mark_row + 0.5) * sy + oy
            y_label = (tops[lb.lane] + lb.row + 0.5) * sy + oy
            half = bar_half if lb.mark_row > 0 else mark_half
            y0 = y_mark + (half if y_label > y_mark else -half)
            edge = x_left + (lb.x if lb.x >= lb.lead_x else lb.x + lb.width)
            # (never a line of no length: see marks.paint_marks)
            leaders += [
                ln
                for ln in (QLineF(x, y0, x, y_label), QLineF(x, y_label, edge, y_label))
                if ln.length() > 0
            ]
        if leaders:
            pen = QPen(LEADER)
            pen.setWidthF(1.0)
            painter.setPen(pen)
            painter.drawLines(leaders)
        selected: list[Placed] = []
        regular: list[Placed] = []
        for lb in layout.labels:
            if int(event_of[lb.entry]) == self.selected:
                selected.append(lb)
            else:
                regular.append(lb)
        self._draw_labels(painter, regular, x_left, sy, oy, self._label_sprites, LABEL)
        self._draw_labels(painter, selected, x_left, sy, oy, self._selected_sprites, SELECTED)
        if self.selected >= 0 and not selected:
            self._paint_selected_label(painter, t0, width_px, x_left, sx, sy, oy)
        self._paint_more(painter, x_left, width_px, sy, oy)

    def _draw_labels(self, painter, labels, x_left, sy, oy, sprites, colour) -> None:  # type: ignore[no-untyped-def]
        """Labels as laid out: cached images of halo and text on screen, text in print."""
        if not labels:
            return
        idx = self.index
        assert idx is not None
        metrics = self._metrics
        h = metrics.height()
        to_baseline = (metrics.ascent() - metrics.descent()) / 2
        origin = (0.0, metrics.ascent())
        painter.setFont(self.font)
        painter.setPen(QPen(colour))
        tops = self.lane_top.tolist()
        event_of = idx.event
        screen = not self.print_mode
        drawn = self.drawn_labels
        for lb in labels:
            ev = int(event_of[lb.entry])
            yc = (tops[lb.lane] + lb.row + 0.5) * sy + oy
            x, y = x_left + lb.x, yc - h / 2
            text, text_w = self._fitted(ev, lb.width)
            self.drawn_text[ev] = text
            if screen:
                rect = QRectF(x, y, text_w + 3, h)
                if sprites.draw(painter, rect.topLeft(), text, (text_w + 3, h), origin):
                    drawn.append((rect, ev))
                    continue
            else:
                rect = QRectF(x, y, lb.width + 1, h)
            painter.fillRect(rect, HALO)
            painter.drawText(QPointF(x, yc + to_baseline), text)
            drawn.append((rect, ev))

    def _paint_selected_label(self, painter, t0, width_px, x_left, sx, sy, oy) -> None:  # type: ignore[no-untyped-def]
        """The selected event's label where the layout had no room for it: beside its mark,
        over what is there (it takes no other label's place)."""
        idx = self.index
        assert idx is not None
        placed = []
        w = min(self._label_width(self.selected), width_px)
        for e in idx.entries_of(self.selected).tolist():
            x_mark = (max(float(idx.start[e]), t0) - t0) * sx
            if not 0 <= x_mark <= width_px:
                continue
            x = x_mark + MARK
            if x + w > width_px:  # no room on the right: left of the mark
                x = max(x_mark - MARK - w, 0.0)
            lane, row = int(idx.lane_of[e]), int(idx.row[e])
            placed.append(Placed(int(e), lane, row, x, w, True, row, None))
        self._draw_labels(painter, placed, x_left, sy, oy, self._selected_sprites, SELECTED)

    def _paint_more(self, painter, x_left, width_px, sy, oy) -> None:  # type: ignore[no-untyped-def]
        """ "+N more" at the right of the last row of a lane whose labels did not all fit."""
        if not self.layout.hidden:
            return
        painter.setFont(self.font)
        painter.setPen(QPen(MORE))
        h = self._metrics.height()
        tops = self.lane_top.tolist()
        for lane, hidden in self.layout.hidden.items():
            text = f"+{len(hidden)} more"
            w = self._metrics.horizontalAdvance(text) + 4
            yc = (tops[lane] + self.lane_rows[lane] - 0.5) * sy + oy
            rect = QRectF(x_left + width_px - w - 2, yc - h / 2, w, h)
            painter.fillRect(rect, HALO)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            self.more_boxes.append((rect, lane))

    def more_at(self, pos: QPointF) -> list[int]:
        """The event rows without a label in the lane whose "+N more" is at a device position."""
        for rect, lane in self.more_boxes:
            if rect.contains(pos) and self.index is not None:
                return [int(self.index.event[e]) for e in self.layout.hidden.get(lane, [])]
        return []

    def label_at(self, pos: QPointF) -> int:
        """The event row whose label is drawn at a device position, or -1."""
        for rect, ev in reversed(self.drawn_labels):
            if rect.contains(pos):
                return ev
        return -1
