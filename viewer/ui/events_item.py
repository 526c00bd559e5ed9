"""EventsItem: the one graphics item that paints every event, lane band, lane name and label.

It maps the view to pixels and asks the model what to draw (:mod:`viewer.model.lod`: exact marks
where a lane is sparse, per-pixel-column counts where it is dense; :mod:`viewer.model.labels`:
labels that never overlap). Drawing is in device pixels (the painter's transform is applied by
hand in float64): marks with a handful of batched ``drawRects``/``drawLines`` calls per lane
(:mod:`.marks`), shaded columns as one image (:mod:`.shading`), labels as cached images.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from viewer.model.index import EventIndex
from viewer.model.label_layout import MAX_LANE_ROWS, LabelLayout, Placed, Room, lay_out_labels
from viewer.model.layout import EXACT_LIMIT
from viewer.model.lod import LaneView, lane_views
from viewer.ui.marks import MARK, LaneStyles, paint_marks
from viewer.ui.shading import Band, draw_bands
from viewer.ui.sprites import LABEL_ATLAS_SIZE, TextSprites
from viewer.ui.style import BAND, LABEL, LANE_NAME, SELECTED, blended, label_font, lane_colour
from viewer.ui.text_width import TextWidths

LABEL_MAX_PX = 560.0  # longer titles are shortened whatever the room (a label is no abstract)
NAME_BOX = QColor(255, 255, 255, 215)
HALO = QColor(255, 255, 255, 200)
LEADER = QColor(120, 120, 120, 150)
MORE = QColor(90, 90, 90)
MAX_CACHED_LABELS = 100_000  # label texts and widths kept between paints
ELIDE_STEP = 12.0  # px: shortened labels are cut at multiples of this


class EventsItem(pg.GraphicsObject):
    """Paints an EventIndex; x is epoch seconds, y is lane rows (lane 0 at the top)."""

    def __init__(self, labels: bool = True, lane_names: bool = True) -> None:
        super().__init__()
        self.index: EventIndex | None = None
        self.selected: int = -1  # event row
        self.show_labels = labels
        self.show_lane_names = lane_names
        self.eras: list[tuple[float, float, str]] = []
        self.print_mode = False
        # the opaque colour the view paints under this item (None: unknown); over it alone, a
        # lane's tint is filled as the colour it blends to, which costs a quarter of a blend
        self.background: QColor | None = None
        self.label_max_px = LABEL_MAX_PX  # print allows longer labels than the screen
        self.font = label_font(9)
        self.bold_font = label_font(9, bold=True)
        self._metrics = QFontMetricsF(self.font)
        self._bold_metrics = QFontMetricsF(self.bold_font)
        self._text_widths = TextWidths(self._metrics)
        self._widths: dict[int, float] = {}
        self._shortened: dict[tuple[int, int], tuple[str, float]] = {}
        self._elided: dict[int, str] = {}
        self._styles = LaneStyles()
        self._make_sprites()
        self._name_widths: dict[str, float] = {}
        self.drawn_labels: list[tuple[QRectF, int]] = []  # device rects of labels, event rows
        self.drawn_text: dict[int, str] = {}  # event row -> its label's text, as last drawn
        self.paint_count = 0
        self._bounds = QRectF(0, 0, 1, 1)
        self._extent = QRectF(-1e12, -1.0, 2e12, 3.0)
        self._clip_x = (-1e9, 1e9)
        self._views: list[LaneView] = []  # per lane, at the last paint
        # rows per lane as shown (its marks' rows, grown for labels: set_lane_rows) and the y
        # of each lane's top in rows, with the total height last
        self.lane_rows: list[int] = []
        self.lane_top = np.zeros(1)
        self.layout = LabelLayout()  # the labels of the last paint
        self.more_boxes: list[tuple[QRectF, int]] = []  # device rects of "+N more", lanes

    # --- data ------------------------------------------------------------------------------
    def set_index(self, index: EventIndex | None) -> None:
        self.prepareGeometryChange()
        self.index = index
        self._widths.clear()
        self._elided.clear()
        self._shortened.clear()
        self.set_lane_rows(None)

    def set_lane_rows(self, rows: list[int] | None) -> None:
        """Rows per lane as shown (None: as many as its marks need)."""
        index = self.index
        marks = [int(n) for n in index.lane_rows] if index is not None else []
        if rows is None or len(rows) != len(marks):
            rows = marks
        self.lane_rows = [max(int(r), m) for r, m in zip(rows, marks, strict=True)]
        self.lane_top = np.concatenate([[0.0], np.cumsum(self.lane_rows, dtype=np.float64)])
        self.prepareGeometryChange()
        if index is not None and index.n_events:
            t0, t1 = index.time_bounds
            height = float(self.lane_top[-1])
            self._bounds = QRectF(t0, 0.0, max(t1 - t0, 1.0), max(height, 1.0))
        else:
            self._bounds = QRectF(0, 0, 1, 1)
        span = self._bounds.width()
        self._extent = self._bounds.adjusted(-50 * span, -1.0, 50 * span, 1.0)
        self.update()

    def set_selected(self, event_row: int) -> None:
        # the selected label is drawn in the same font, only in another colour: it is exactly
        # as wide as before, so selecting never moves another label
        self.selected = event_row
        self.update()

    def font_height(self) -> float:
        """The height of a line of label text, in pixels."""
        return float(self._metrics.height())

    def set_label_font(self, point_size: float) -> None:
        self.font = label_font(point_size)
        self.bold_font = label_font(point_size, bold=True)
        self._metrics = QFontMetricsF(self.font)
        self._bold_metrics = QFontMetricsF(self.bold_font)
        self._text_widths = TextWidths(self._metrics)
        self._widths.clear()
        self._elided.clear()
        self._shortened.clear()
        self._name_widths.clear()
        self._make_sprites()
        self.update()

    # --- geometry (float64 data bounds; never from a QPicture) -------------------------------
    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):  # type: ignore[no-untyped-def]
        r = self._bounds
        return (r.left(), r.right()) if ax == 0 else (r.top(), r.bottom())

    def boundingRect(self) -> QRectF:
        # Labels, lane bands and names reach beyond the data: claim the data's span many times
        # over, fixed per dataset, so that the rect never changes with the view (a rect that
        # follows the view would need prepareGeometryChange, and so a second paint, per frame).
        return QRectF(self._extent)

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

    # --- painting -----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option, widget=None) -> None:  # type: ignore[no-untyped-def]
        self.paint_count += 1
        vb = self.getViewBox()
        if self.index is None or vb is None:
            return
        (t0, t1), _ = vb.viewRange()
        tr = painter.transform()
        sx, ox, sy, oy = tr.m11(), tr.m31(), tr.m22(), tr.m32()
        if sx <= 0 or t1 <= t0:
            return
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        x_left, x_right = t0 * sx + ox, t1 * sx + ox
        self._clip_x = (x_left - MARK, x_right + MARK)
        width_px = x_right - x_left
        ncols = max(1, int(width_px))
        index = self.index
        tops = self.lane_top
        self.drawn_labels = []
        self.more_boxes = []
        plain = self.background is not None and not self.print_mode
        for era in self.eras:
            if self._paint_era(painter, era, sx, ox, tops[-1] * sy + oy, oy, x_left, x_right):
                plain = False
        # exact marks while they could stand side by side (MARK px apart on average); beyond,
        # squares would only pile up into a band that the shaded columns draw for less
        limit = max(1, min(EXACT_LIMIT, int(width_px / MARK)))
        self._views = lane_views(index, t0, t1, ncols, limit)
        exact: list[tuple[int, np.ndarray]] = []  # (lane, entries) drawn as marks
        bands: list[Band] = []  # shaded columns of dense lanes
        for lane in range(index.n_lanes):
            y_top = tops[lane] * sy + oy
            row_h = sy
            lane_h = self.lane_rows[lane] * row_h
            band = BAND[lane % 2]
            if band.alpha():  # every other lane is tinted; the others show the background
                if plain:
                    band = blended(band, self.background)
                painter.fillRect(QRectF(x_left, y_top, width_px, lane_h), band)
            colour = lane_colour(lane)
            view = self._views[lane]
            exact += [(lane, a) for a in (view.points, view.intervals) if a is not None and len(a)]
            if view.point_counts is not None:
                # one line per pixel column, shaded by how many events it stands for
                bands.append(Band(view.point_counts, y_top + row_h * 0.15, row_h * 0.7, colour))
            if view.coverage is not None and view.coverage.any():
                n_rows = int(index.lane_rows[lane]) - 1
                y, h = y_top + row_h * 1.1, row_h * (n_rows - 0.2)
                bands.append(Band(view.coverage, y, h, colour))
        draw_bands(painter, bands, x_left, vector=self.print_mode)
        if self.show_lane_names:  # under the marks: a name never hides an event
            self._paint_name_boxes(painter, x_left, sy, oy)
        if exact:
            transform = (sx, ox, sy, oy)
            paint_marks(painter, index, exact, transform, self._clip_x, self._styles, tops)
        if self.show_lane_names:  # the names' text over the marks: both stay readable
            self._paint_lane_names(painter, x_left, sy, oy)
        self._paint_selected(painter, t0, t1, sx, ox, sy, oy)
        if self.show_labels:
            self._paint_labels(painter, t0, t1, width_px, x_left, sx, ox, sy, oy)
        for sprites in (self._name_sprites, self._label_sprites, self._selected_sprites):
            sprites.finish()
        painter.restore()

    def _paint_era(self, painter, era, sx, ox, y_bottom, y_top, x_left, x_right) -> bool:  # type: ignore[no-untyped-def]
        """Paint an era's shade and name where it is in view; False if it is not."""
        a, b, name = era
        # clipped to the view: text outside it would still be written (invisibly) to a PDF page
        xa, xb = max(a * sx + ox, x_left), min(max(b * sx + ox, a * sx + ox + 1.0), x_right)
        if xb <= xa:
            return False
        rect = QRectF(xa, y_top, xb - xa, y_bottom - y_top)
        painter.fillRect(rect, QColor(120, 120, 160, 28))
        painter.setPen(QPen(QColor(90, 90, 130)))
        painter.setFont(self.font)
        painter.drawText(rect.adjusted(4, 2, -4, -2), Qt.AlignmentFlag.AlignBottom, name)
        return True

    def _paint_selected(self, painter, t0, t1, sx, ox, sy, oy) -> None:  # type: ignore[no-untyped-def]
        idx = self.index
        if idx is None or self.selected < 0:
            return
        pen = QPen(SELECTED)
        pen.setWidthF(2.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        tops = self.lane_top
        lanes = idx.lane_of
        for e in idx.entries_of(self.selected):
            x0 = idx.start[e] * sx + ox
            x1 = max(idx.end[e] * sx + ox, x0)
            yc = (tops[lanes[e]] + idx.row[e] + 0.5) * sy + oy
            half = max(MARK, 8.0) / 2 + 3
            painter.drawRect(QRectF(x0 - half, yc - half, x1 - x0 + 2 * half, 2 * half))

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

    def _name_boxes(self, x_left: float, sy: float, oy: float) -> list[tuple[QRectF, str]]:
        """The boxes of the lane names that fit their lanes, at the top left of each."""
        idx = self.index
        assert idx is not None
        tops = self.lane_top
        out = []
        for lane, name in enumerate(idx.lanes):
            y = tops[lane] * sy + oy
            box = QRectF(
                x_left + 2, y + 1, self._name_width(name) - 6, self._bold_metrics.height() + 2
            )
            if box.height() <= sy * self.lane_rows[lane]:
                out.append((box, name))
        return out

    def _paint_name_boxes(self, painter, x_left, sy, oy) -> None:  # type: ignore[no-untyped-def]
        """The lane names' boxes, under the marks (a name never hides an event)."""
        for box, _ in self._name_boxes(x_left, sy, oy):
            painter.fillRect(box, NAME_BOX)

    def _paint_lane_names(self, painter, x_left, sy, oy) -> None:  # type: ignore[no-untyped-def]
        """The lane names' text, over the marks."""
        painter.setFont(self.bold_font)
        painter.setPen(QPen(LANE_NAME))
        for box, name in self._name_boxes(x_left, sy, oy):
            if not self.print_mode:  # text stays text on paper and in vector files
                origin = (4.0, 1.0 + self._bold_metrics.ascent())
                size = (box.width(), box.height())
                if self._name_sprites.draw(painter, box.topLeft(), name, size, origin):
                    continue
            painter.drawText(box.adjusted(4, 1, 0, 0), Qt.AlignmentFlag.AlignLeft, name)

    def _make_sprites(self) -> None:
        """Cached images of lane names and labels in the current fonts (screen only)."""
        self._name_sprites = TextSprites(self.bold_font, LANE_NAME, QColor(0, 0, 0, 0))
        self._label_sprites = TextSprites(self.font, LABEL, HALO, LABEL_ATLAS_SIZE)
        self._selected_sprites = TextSprites(self.font, SELECTED, HALO)

    def _name_width(self, name: str) -> float:
        """Width of a lane name's box plus the gap kept clear after it (cached)."""
        w = self._name_widths.get(name)
        if w is None:
            w = self._name_widths[name] = self._bold_metrics.boundingRect(name).width() + 14
        return w

    def label_at(self, pos: QPointF) -> int:
        """The event row whose label is drawn at a device position, or -1."""
        for rect, ev in reversed(self.drawn_labels):
            if rect.contains(pos):
                return ev
        return -1
