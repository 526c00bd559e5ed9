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
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from viewer.model.index import EventIndex
from viewer.model.labels import Label, place_labels
from viewer.model.layout import EXACT_LIMIT
from viewer.model.lod import LaneView, lane_views
from viewer.ui.marks import MARK, LaneStyles, paint_marks
from viewer.ui.shading import Band, draw_bands
from viewer.ui.sprites import LABEL_ATLAS_SIZE, TextSprites
from viewer.ui.style import BAND, LABEL, LANE_NAME, SELECTED, blended, label_font, lane_colour
from viewer.ui.text_width import TextWidths

LABEL_MAX_PX = 320.0
NAME_BOX = QColor(255, 255, 255, 215)
HALO = QColor(255, 255, 255, 200)
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
        self._bold_widths = TextWidths(self._bold_metrics)
        self._widths: dict[int, float] = {}
        self._shortened: dict[tuple[int, int, bool], tuple[str, float]] = {}
        self._elided: dict[int, str] = {}
        self._styles = LaneStyles()
        self._make_sprites()
        self._name_widths: dict[str, float] = {}
        self.drawn_labels: list[tuple[QRectF, int]] = []  # device rects of labels, event rows
        self.paint_count = 0
        self._bounds = QRectF(0, 0, 1, 1)
        self._extent = QRectF(-1e12, -1.0, 2e12, 3.0)
        self._clip_x = (-1e9, 1e9)
        self._views: list[LaneView] = []  # per lane, at the last paint

    # --- data ------------------------------------------------------------------------------
    def set_index(self, index: EventIndex | None) -> None:
        self.prepareGeometryChange()
        self.index = index
        self._widths.clear()
        self._elided.clear()
        self._shortened.clear()
        if index is not None and index.n_events:
            t0, t1 = index.time_bounds
            height = float(index.lane_top[-1])
            self._bounds = QRectF(t0, 0.0, max(t1 - t0, 1.0), max(height, 1.0))
        else:
            self._bounds = QRectF(0, 0, 1, 1)
        self._extent = QRectF(-1e12, -1.0, 2e12, 3.0)
        span = self._bounds.width()
        self._extent = self._bounds.adjusted(-50 * span, -1.0, 50 * span, 1.0)
        self.update()

    def set_selected(self, event_row: int) -> None:
        for row in (self.selected, event_row):  # bold and regular widths differ
            self._widths.pop(row, None)
            self._elided.pop(row, None)
        self.selected = event_row
        self.update()

    def set_label_font(self, point_size: float) -> None:
        self.font = label_font(point_size)
        self.bold_font = label_font(point_size, bold=True)
        self._metrics = QFontMetricsF(self.font)
        self._bold_metrics = QFontMetricsF(self.bold_font)
        self._text_widths = TextWidths(self._metrics)
        self._bold_widths = TextWidths(self._bold_metrics)
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
            if event_row != self.selected:
                self._widths[event_row] = width
        return text

    def _fitted(self, event_row: int, width: float) -> tuple[str, float]:
        """The label text elided to a width (layout may have shortened it to fit its row), and
        the text's width.

        Shortened labels are cut at a multiple of ELIDE_STEP pixels: while a view zooms, a
        label keeps its text (and its cached image) for several frames instead of changing at
        every pixel."""
        bold = event_row == self.selected
        full = self._label_width(event_row)
        step = -1 if width + 0.5 >= full else int((width + 0.5) // ELIDE_STEP)
        if self.print_mode and step >= 0:  # paper keeps all the text there is room for
            widths = self._bold_widths if bold else self._text_widths
            text = widths.elide(self._label_text(event_row), width + 0.5)
            return text, widths.width(text)
        key = (event_row, step, bold)
        found = self._shortened.get(key)
        if found is None:
            if len(self._shortened) > MAX_CACHED_LABELS:
                self._shortened.clear()
            text = self._label_text(event_row)
            widths = self._bold_widths if bold else self._text_widths
            if step >= 0:
                text = widths.elide(text, step * ELIDE_STEP)
            found = self._shortened[key] = (text, widths.width(text))
        return found

    def _label_width(self, event_row: int) -> float:
        w = self._widths.get(event_row)
        if w is None:
            text = self._label_text(event_row)  # measures the regular width as it goes
            w = self._widths.get(event_row)
            if w is None:  # the selected event's label is bold
                widths = self._bold_widths if event_row == self.selected else self._text_widths
                w = self._widths[event_row] = widths.width(text)
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
        tops = index.lane_top
        self.drawn_labels = []
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
            lane_h = index.lane_rows[lane] * row_h
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
        if exact:
            paint_marks(painter, index, exact, (sx, ox, sy, oy), self._clip_x, self._styles)
        self._paint_selected(painter, t0, t1, sx, ox, sy, oy)
        if self.show_labels:
            self._paint_labels(painter, t0, t1, width_px, x_left, sx, ox, sy, oy)
        if self.show_lane_names:
            self._paint_lane_names(painter, x_left, sy, oy)
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
        tops = idx.lane_top
        lanes = idx.lane_of
        for e in idx.entries_of(self.selected):
            x0 = idx.start[e] * sx + ox
            x1 = max(idx.end[e] * sx + ox, x0)
            yc = (tops[lanes[e]] + idx.row[e] + 0.5) * sy + oy
            half = max(MARK, 8.0) / 2 + 3
            painter.drawRect(QRectF(x0 - half, yc - half, x1 - x0 + 2 * half, 2 * half))

    def _paint_labels(self, painter, t0, t1, width_px, x_left, sx, ox, sy, oy) -> None:  # type: ignore[no-untyped-def]
        idx = self.index
        assert idx is not None
        tops = idx.lane_top
        lanes_of = None
        sel_spans: dict[tuple[int, int], list[tuple[float, float]]] = {}
        sel_labels: list[Label] = []
        sel_entries: set[int] = set()
        if self.selected >= 0:
            lanes_of = idx.lane_of
            for e in idx.entries_of(self.selected):
                lane, row = int(lanes_of[e]), int(idx.row[e])
                x_mark = (max(idx.start[e], t0) - t0) * sx
                w = self._label_width(self.selected)
                x = x_mark + MARK
                if x + w > width_px:  # no room on the right: stand left of the mark
                    x = max(x_mark - MARK - w, 0.0)
                sel_spans.setdefault((lane, row), []).append((x, x + w))
                sel_labels.append(Label(int(e), x, w, lane, row))
                sel_entries.add(int(e))
        text_h = self._metrics.height()
        # a row tall enough holds label tracks above and below its marks too
        n_tracks = max(1, min(3, int(sy // (text_h + 2))))
        offsets = [0.0, -(text_h + 1), text_h + 1][:n_tracks]
        labels: list[tuple[Label, float]] = []

        def name_span(lane: int, row: int, dy: float) -> list[tuple[float, float]] | None:
            # the lane's name stands at the top left of its first row: keep the upper track and
            # the marks' own track clear of it (the lower track is below it)
            if not self.show_lane_names or row != 0 or dy > 0:
                return None
            return [(0.0, self._name_width(idx.lanes[lane]))]

        if sy >= text_h * 0.8:
            for lane in range(idx.n_lanes):
                # a dense lane is drawn as shaded columns: extra label tracks would only clutter,
                # and its intervals are shaded coverage, not bars a label could belong to
                view = self._views[lane]
                sparse = view.points is not None and (
                    view.intervals is not None or view.n_intervals == 0
                )
                tracks = offsets if sparse else offsets[:1]
                # entries in view per row (rows without any are passed over)
                in_row = [view.n_points]
                if sparse and view.intervals is not None and len(view.intervals):
                    in_row += np.bincount(idx.row[view.intervals])[1:].tolist()
                for row, n_in_row in enumerate(in_row):
                    done: set[int] = set()
                    for track, dy in enumerate(tracks):
                        if len(done) >= n_in_row:  # every entry of the row has its label
                            break
                        placed = place_labels(
                            idx,
                            lane,
                            row,
                            t0,
                            t1,
                            width_px,
                            self._label_width,
                            reserved=[
                                *sel_spans.get((lane, row), []),
                                *(name_span(lane, row, dy) or []),
                            ],
                            mark_px=MARK if track == 0 else 2.0,
                            skip=done | sel_entries,
                            cover_marks=None if track == 0 else True,
                        )
                        done.update(lb.entry for lb in placed)
                        labels += [(lb, dy) for lb in placed]
        top_of = tops.tolist()
        event_of = idx.event
        screen = not self.print_mode  # on screen, cached images of halo and text; text in print
        drawn = self.drawn_labels
        for bold, group in ((False, labels), (True, [(lb, 0.0) for lb in sel_labels])):
            if not group:
                continue
            metrics = self._bold_metrics if bold else self._metrics
            h = metrics.height()
            to_baseline = (metrics.ascent() - metrics.descent()) / 2
            sprites = self._selected_sprites if bold else self._label_sprites
            origin = (0.0, metrics.ascent())
            painter.setFont(self.bold_font if bold else self.font)
            painter.setPen(QPen(SELECTED if bold else LABEL))
            for lb, dy in group:
                ev = int(event_of[lb.entry])
                yc = (top_of[lb.lane] + lb.row + 0.5) * sy + oy + dy
                x, y = x_left + lb.x, yc - h / 2
                text, text_w = self._fitted(ev, lb.width)
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

    def _paint_lane_names(self, painter, x_left, sy, oy) -> None:  # type: ignore[no-untyped-def]
        idx = self.index
        assert idx is not None
        painter.setFont(self.bold_font)
        painter.setPen(QPen(LANE_NAME))
        tops = idx.lane_top
        for lane, name in enumerate(idx.lanes):
            y = tops[lane] * sy + oy
            box = QRectF(
                x_left + 2, y + 1, self._name_width(name) - 6, self._bold_metrics.height() + 2
            )
            if box.height() > sy * idx.lane_rows[lane]:
                continue
            if not self.print_mode:  # text stays text on paper and in vector files
                origin = (4.0, 1.0 + self._bold_metrics.ascent())
                size = (box.width(), box.height())
                if self._name_sprites.draw(painter, box.topLeft(), name, size, origin):
                    continue
            painter.fillRect(box, NAME_BOX)
            painter.drawText(box.adjusted(4, 1, 0, 0), Qt.AlignmentFlag.AlignLeft, name)

    def _make_sprites(self) -> None:
        """Cached images of lane names and labels in the current fonts (screen only)."""
        self._name_sprites = TextSprites(self.bold_font, LANE_NAME, NAME_BOX)
        self._label_sprites = TextSprites(self.font, LABEL, HALO, LABEL_ATLAS_SIZE)
        self._selected_sprites = TextSprites(self.bold_font, SELECTED, HALO)

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
