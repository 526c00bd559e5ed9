"""EventsItem: the one graphics item that paints every event, lane band, lane name and label.

It maps the view to pixels and asks the model what to draw (:mod:`viewer.model.lod`: exact marks
where a lane is sparse, per-pixel-column counts where it is dense; :mod:`viewer.model.label_layout`:
which label goes where, in which row of its lane, whole or shortened, with or without a leader).
Drawing is in device pixels (the painter's transform is applied by hand in float64): marks with a
handful of batched ``drawRects``/``drawLines`` calls per lane (:mod:`.marks`), shaded columns as
one image (:mod:`.shading`), labels as cached images. Lanes may have more rows than their marks
need (``set_lane_rows``: the timeline and print grow them for their labels).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from viewer.model.index import EventIndex
from viewer.model.label_layout import LabelLayout
from viewer.model.layout import EXACT_LIMIT
from viewer.model.lod import LaneView, lane_views
from viewer.ui.style import BAND, LABEL, LANE_NAME, SELECTED, blended, label_font, lane_colour
from viewer.ui.timeline.event_labels import HALO, LABEL_MAX_PX, LabelsMixin
from viewer.ui.timeline.marks import MARK, LaneStyles, paint_drafts, paint_marks
from viewer.ui.timeline.shading import Band, draw_bands
from viewer.ui.timeline.sprites import LABEL_ATLAS_SIZE, TextSprites
from viewer.ui.timeline.text_width import TextWidths

NAME_BOX = QColor(255, 255, 255, 215)


class EventsItem(LabelsMixin, pg.GraphicsObject):
    """Paints an EventIndex; x is epoch seconds, y is lane rows (lane 0 at the top)."""

    def __init__(self, labels: bool = True, lane_names: bool = True) -> None:
        super().__init__()
        self.index: EventIndex | None = None
        self.selected: int = -1  # event row
        self.drafts = np.zeros(0, np.int64)  # event rows of drafts to review, ascending
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

    def set_drafts(self, rows: np.ndarray) -> None:
        """The event rows drawn as drafts (lighter, a dashed outline)."""
        self.drafts = np.asarray(rows, np.int64)
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
            paint_drafts(painter, index, exact, self.drafts, transform, self._clip_x, tops)
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
