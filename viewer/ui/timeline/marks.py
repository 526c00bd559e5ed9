"""Exact marks of every sparse lane at once: points, bars and precision whiskers.

The geometry of all marks in view is computed in one pass of numpy over the entries of all lanes;
Qt then gets one ``drawRects``/``drawLines`` call per lane and style, with a pointer into the
float64 array (QRectF and QLineF are four doubles each), so no Python object is made per mark.
"""

from __future__ import annotations

import numpy as np
from pyqtgraph.Qt import compat
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from viewer.model.index import APPROXIMATE, CANCELLED, INTERVAL, PLANNED, UNCERTAIN, EventIndex
from viewer.ui.style import lane_colour

MARK = 9.0  # px, side of a point mark
WHISKER_ALPHA = 90


def draw_slices(painter: QPainter, kind: type, array: np.ndarray, lo: int, hi: int) -> None:
    """Draw rows lo..hi of a C-contiguous (n, 4) float64 array as QRectF or QLineF."""
    if hi <= lo:
        return
    ptr = compat.wrapinstance(array.ctypes.data + lo * 32, kind)
    if kind is QRectF:
        painter.drawRects(ptr, hi - lo)
    else:
        painter.drawLines(ptr, hi - lo)


class LaneStyles:
    """Pens and brushes of each lane's marks, made once per lane."""

    def __init__(self) -> None:
        self._styles: dict[int, tuple[QPen, QBrush, QPen, QBrush, QPen]] = {}

    def get(self, lane: int) -> tuple[QPen, QBrush, QPen, QBrush, QPen]:
        found = self._styles.get(lane)
        if found is None:
            colour = lane_colour(lane)
            hollow_pen = QPen(colour.darker(110))
            hollow_pen.setWidthF(1.0)
            faded = QColor(colour)
            faded.setAlpha(WHISKER_ALPHA)
            found = self._styles[lane] = (
                QPen(colour.darker(130)),
                QBrush(colour),
                hollow_pen,
                QBrush(QColor(255, 255, 255)),
                QPen(faded),
            )
        return found


def _groups(keys: np.ndarray) -> list[tuple[int, int, int]]:
    """(key, lo, hi) runs of a sorted key array."""
    if len(keys) == 0:
        return []
    cuts = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    bounds = [0, *cuts.tolist(), len(keys)]
    firsts = keys[bounds[:-1]].tolist()
    return [(k, bounds[i], bounds[i + 1]) for i, k in enumerate(firsts)]


def paint_marks(
    painter: QPainter,
    index: EventIndex,
    batches: list[tuple[int, np.ndarray]],
    transform: tuple[float, float, float, float],
    clip_x: tuple[float, float],
    styles: LaneStyles,
    lane_top: np.ndarray | None = None,
) -> None:
    """Paint the entries of ``batches`` ((lane, entries) pairs) as exact marks, in device
    pixels: ``transform`` is (sx, ox, sy, oy); x is clipped to ``clip_x`` (SVG readers ignore
    clip paths, and coordinates grow huge at deep zoom). ``lane_top``: the y of each lane's top
    in rows (default: the index's, lanes as tall as their marks' rows)."""
    sx, ox, sy, oy = transform
    entries = batches[0][1] if len(batches) == 1 else np.concatenate([e for _, e in batches])
    lanes = np.repeat(
        np.array([lane for lane, _ in batches], np.int64), [len(e) for _, e in batches]
    )
    lo_x, hi_x = clip_x
    x0 = np.clip(index.start[entries] * sx + ox, lo_x, hi_x)
    x1 = np.clip(index.end[entries] * sx + ox, lo_x, hi_x)
    xp = np.clip(index.period_end[entries] * sx + ox, lo_x, hi_x)
    tops = index.lane_top if lane_top is None else lane_top
    yc = (tops[lanes] + index.row[entries] + 0.5) * sy + oy
    fl = index.flags[entries]
    is_int = (fl & INTERVAL) != 0
    hollow = (fl & (PLANNED | CANCELLED)) != 0
    fuzzy = (fl & (APPROXIMATE | UNCERTAIN)) != 0
    mark = min(MARK, max(sy * 0.6, 3.0))
    bar_h = max(sy * 0.55, 3.0)

    # precision whiskers: from the date to the end of its period (a month, a year ...), and
    # before an approximate interval's start; under the marks
    x_end = np.maximum(x1, x0)
    wide = (xp - x_end) >= 3
    whisk = wide | fuzzy
    before = fuzzy & is_int
    n_w, n_b = int(whisk.sum()), int(before.sum())
    if n_w + n_b:
        lines = np.empty((n_w + n_b, 4))
        lines[:n_w, 0] = x_end[whisk]
        lines[:n_w, 2] = np.where(wide, xp, x1 + mark)[whisk]
        lines[:n_w, 1] = lines[:n_w, 3] = yc[whisk]
        lines[n_w:, 0] = x0[before] - mark
        lines[n_w:, 2] = x0[before]
        lines[n_w:, 1] = lines[n_w:, 3] = yc[before]
        np.clip(lines[:, 0::2], lo_x + MARK, hi_x - MARK, out=lines[:, 0::2])
        line_lanes = np.concatenate([lanes[whisk], lanes[before]])
        # a whisker clipped away at the view's edge is a line of no length: Qt's PDF engine
        # strokes it as an empty path closed before it begins ("h" with no current point),
        # which poppler reports as a syntax error and strict readers reject
        keep = lines[:, 2] > lines[:, 0]
        lines, line_lanes = lines[keep], line_lanes[keep]
        order = np.argsort(line_lanes, kind="stable")
        lines = np.ascontiguousarray(lines[order])
        for lane, a, b in _groups(line_lanes[order]):
            painter.setPen(styles.get(lane)[4])
            draw_slices(painter, QLineF, lines, a, b)

    # bars and points: one call per lane and style; per lane solid bars, solid points, hollow
    # (planned) bars, hollow points
    rects = np.empty((len(entries), 4))
    bx0 = np.clip(x0, lo_x + MARK, hi_x - MARK)  # bars end at the view
    bx1 = np.clip(x1, lo_x + MARK, hi_x - MARK)
    rects[:, 0] = np.where(is_int, bx0, x0 - mark / 2)
    rects[:, 2] = np.where(is_int, np.maximum(bx1 - bx0, 2.0), mark)
    rects[:, 3] = np.where(is_int, bar_h, mark)
    rects[:, 1] = yc - rects[:, 3] / 2
    keys = lanes * 4 + hollow * 2 + ~is_int
    order = np.argsort(keys, kind="stable")
    rects = np.ascontiguousarray(rects[order])
    for key, a, b in _groups(keys[order]):
        solid_pen, solid_brush, hollow_pen, hollow_brush, _ = styles.get(key // 4)
        if key & 2:
            painter.setPen(hollow_pen)
            painter.setBrush(hollow_brush)
        else:
            painter.setPen(solid_pen)
            painter.setBrush(solid_brush)
        draw_slices(painter, QRectF, rects, a, b)


DRAFT_VEIL = QColor(255, 255, 255, 130)  # over a drafted mark: its colour lighter
DRAFT_OUTLINE = QColor("#6a3d9a")


def draft_pen() -> QPen:
    pen = QPen(DRAFT_OUTLINE)
    pen.setWidthF(1.4)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def paint_drafts(
    painter: QPainter,
    index: EventIndex,
    batches: list[tuple[int, np.ndarray]],
    drafts: np.ndarray,
    transform: tuple[float, float, float, float],
    clip_x: tuple[float, float],
    lane_top: np.ndarray,
) -> None:
    """Over the exact marks of drafted events (``drafts``: event rows, ascending): a veil
    that makes the mark lighter and a dashed outline."""
    if not len(drafts) or not batches:
        return
    entries = np.concatenate([e for _, e in batches])
    lanes = np.repeat(
        np.array([lane for lane, _ in batches], np.int64), [len(e) for _, e in batches]
    )
    hit = np.isin(index.event[entries], drafts)
    if not hit.any():
        return
    entries, lanes = entries[hit], lanes[hit]
    sx, ox, sy, oy = transform
    lo_x, hi_x = clip_x
    x0 = np.clip(index.start[entries] * sx + ox, lo_x, hi_x)
    x1 = np.clip(index.end[entries] * sx + ox, lo_x, hi_x)
    yc = (lane_top[lanes] + index.row[entries] + 0.5) * sy + oy
    is_int = (index.flags[entries] & INTERVAL) != 0
    mark = min(MARK, max(sy * 0.6, 3.0))
    half = np.where(is_int, max(sy * 0.55, 3.0), mark) / 2 + 2
    rects = np.empty((len(entries), 4))
    rects[:, 0] = np.where(is_int, x0, x0 - mark / 2) - 2
    rects[:, 2] = np.where(is_int, np.maximum(x1 - x0, 2.0), mark) + 4
    rects[:, 1] = yc - half
    rects[:, 3] = 2 * half
    rects = np.ascontiguousarray(rects)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(DRAFT_VEIL))
    draw_slices(painter, QRectF, rects, 0, len(rects))
    painter.setPen(draft_pen())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    draw_slices(painter, QRectF, rects, 0, len(rects))
