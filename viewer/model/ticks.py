"""Calendar ticks for the time axis, from minutes to millennia, BCE included (no year zero).

Pure arithmetic on epoch seconds with the proleptic Gregorian day count of :mod:`dates`, so it
covers years -9999..9999 (pyqtgraph's DateAxisItem stops at year 1) and never consults the
machine's local zone: times are shown in UTC shifted by a fixed ``offset`` in seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from viewer.model.dates import DAY, MONTHS, civil_from_days, days_from_civil, year_label

MINUTE = 60.0
HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class Step:
    unit: str  # "minute", "hour", "day", "month", "year"
    count: int

    @property
    def approx_seconds(self) -> float:
        base = {"minute": MINUTE, "hour": HOUR, "day": DAY, "month": 30.44 * DAY}
        return base.get(self.unit, 365.2425 * DAY) * self.count


STEPS = [
    *(Step("minute", n) for n in (1, 5, 10, 15, 30)),
    *(Step("hour", n) for n in (1, 3, 6, 12)),
    *(Step("day", n) for n in (1, 2, 7, 14)),
    *(Step("month", n) for n in (1, 3, 6)),
    *(Step("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)),
]


def choose_step(span_seconds: float, width_px: float, min_px: float) -> Step:
    """The finest step whose ticks stand at least ``min_px`` apart."""
    if width_px <= 0 or span_seconds <= 0:
        return STEPS[-1]
    px_per_second = width_px / span_seconds
    for step in STEPS:
        if step.approx_seconds * px_per_second >= min_px:
            return step
    return STEPS[-1]


def tick_times(
    t0: float, t1: float, step: Step, offset: float = 0.0, limit: int = 2000
) -> list[float]:
    """Epoch seconds of the ticks of ``step`` in [t0, t1], aligned in the shifted calendar."""
    if not (math.isfinite(t0) and math.isfinite(t1)) or t1 <= t0:
        return []
    a, b = t0 + offset, t1 + offset
    out: list[float] = []
    if step.unit in ("minute", "hour", "day"):
        size = {"minute": MINUTE, "hour": HOUR, "day": DAY}[step.unit] * step.count
        if step.unit == "day" and step.count == 7:
            # weeks start on Monday: 1970-01-05 was a Monday
            first = math.ceil((a - 4 * DAY) / size) * size + 4 * DAY
        else:
            first = math.ceil(a / size) * size
        n = min(int((b - first) // size) + 1, limit)
        return [first + i * size - offset for i in range(max(n, 0))]
    y, m, _ = civil_from_days(math.floor(a / DAY))
    if step.unit == "month":
        m = ((m - 1) // step.count) * step.count + 1
        while len(out) < limit:
            t = days_from_civil(y, m, 1) * DAY
            if t > b:
                break
            if t >= a:
                out.append(t - offset)
            m += step.count
            if m > 12:
                y, m = y + 1, m - 12
        return out
    y = (y // step.count) * step.count
    while len(out) < limit:
        t = days_from_civil(y, 1, 1) * DAY
        if t > b:
            break
        if t >= a:
            out.append(t - offset)
        y += step.count
    return out


def tick_label(t: float, step: Step, offset: float = 0.0) -> str:
    """The label of a tick: '2020', '44 BCE', 'Nov 2020', '25 Nov', '25 Nov 06:00', '06:30'."""
    local = t + offset
    days = math.floor(local / DAY)
    y, m, d = civil_from_days(days)
    secs = round(local - days * DAY)
    hh, mm = divmod(secs // 60, 60)
    mon = MONTHS[m - 1][:3]
    if step.unit == "year":
        return year_label(y)
    if step.unit == "month":
        return f"{mon} {year_label(y)}" if m == 1 or step.count > 1 else mon
    if step.unit == "day":
        return f"{d} {mon} {year_label(y)}" if (d == 1 and m == 1) else f"{d} {mon}"
    if hh == 0 and mm == 0:
        return f"{d} {mon}"
    return f"{hh:02d}:{mm:02d}"


def context_label(t: float, step: Step, offset: float = 0.0) -> str:
    """What the tick labels leave out, shown once beside the axis: the year, or the day."""
    local = t + offset
    y, m, d = civil_from_days(math.floor(local / DAY))
    if step.unit in ("minute", "hour"):
        return f"{d} {MONTHS[m - 1]} {year_label(y)}"
    if step.unit in ("day", "month"):
        return year_label(y)
    return ""
