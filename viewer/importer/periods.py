"""Calendar arithmetic on TimeML values: formatting dates, weeks, quarters, and shifting a value by
some units while keeping its granularity ("1989-Q3" one year back is "1988-Q3")."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
MONTH_VALUE = re.compile(r"^(\d{4})-(\d\d)$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")
QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
HALF_VALUE = re.compile(r"^(\d{4})-H([12])$")
SEASON_VALUE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
YEAR_VALUE = re.compile(r"^(\d{4})$")


def day(d: date) -> str:
    return d.isoformat()


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter(d: date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift_date(d: date, n: int, unit: str) -> date:
    """d moved by n units (day, week, weekend, month, quarter, year, decade, century)."""
    if unit in ("day", "night"):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit == "century":
        return add_months(d, 1200 * n)
    return d


def at_granularity(d: date, unit: str) -> str:
    """The value of the unit that holds d: '1998', '1998-08', '1998-W32', '1998-Q3' ..."""
    if unit in ("day", "night", "hour", "minute", "second"):
        return day(d)
    if unit in ("week", "fortnight"):
        return week(d)
    if unit == "weekend":
        return week(d) + "-WE"
    if unit == "month":
        return month(d.year, d.month)
    if unit == "quarter":
        return quarter(d)
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def granularity(value: str) -> str | None:
    """The unit of a resolved value, or None for values that cannot be shifted."""
    if _DAY.match(value):
        return "day"
    for pattern, unit in (
        (MONTH_VALUE, "month"),
        (_WEEK, "week"),
        (QUARTER_VALUE, "quarter"),
        (HALF_VALUE, "half"),
        (SEASON_VALUE, "season"),
        (YEAR_VALUE, "year"),
    ):
        if pattern.match(value):
            return unit
    return None


def to_date(value: str) -> date | None:
    """A day inside the period a value names (its first day), or None."""
    m = _DAY.match(value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = MONTH_VALUE.match(value)
    if m and 1 <= int(m[2]) <= 12:
        return date(int(m[1]), int(m[2]), 1)
    m = _WEEK.match(value)
    if m:
        try:
            return date.fromisocalendar(int(m[1]), max(1, int(m[2])), 1)
        except ValueError:
            return None
    m = QUARTER_VALUE.match(value)
    if m:
        return date(int(m[1]), 3 * int(m[2]) - 2, 1)
    m = HALF_VALUE.match(value)
    if m:
        return date(int(m[1]), 6 * int(m[2]) - 5, 1)
    m = SEASON_VALUE.match(value) or YEAR_VALUE.match(value)
    if m:
        return date(int(m[1]), 1, 1)
    return None


def shift_value(value: str, n: int, unit: str) -> str | None:
    """value moved by n units at its own granularity ('1989-Q3', -1, 'year' -> '1988-Q3')."""
    g = granularity(value)
    d = to_date(value)
    if g is None or d is None:
        return None
    if g == "season":
        return f"{int(value[:4]) + (n if unit == 'year' else 0):04d}{value[4:]}"
    if g == "half":
        return f"{int(value[:4]) + (n if unit == 'year' else 0):04d}{value[4:]}"
    moved = shift_date(d, n, unit)
    return at_granularity(moved, g)


_ORDER = ["century", "decade", "year", "half", "season", "quarter", "month", "week", "day"]


def finer_or_equal(a: str, b: str) -> bool:
    """Whether granularity a is at least as fine as b."""
    ia = _ORDER.index(a) if a in _ORDER else len(_ORDER)
    ib = _ORDER.index(b) if b in _ORDER else len(_ORDER)
    return ia >= ib
