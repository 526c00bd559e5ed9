"""From a TIMEX3 value to the dataset's ``when``: start, end and precision, a time of day with
its zone, and durations counted from or back to a date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from viewer.importer.periods import (
    HALF_VALUE,
    MONTH_VALUE,
    QUARTER_VALUE,
    SEASON_VALUE,
    YEAR_VALUE,
)

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T(MO|AF|EV|NI|DT)|T(\d\d):(\d\d))?$")
_WEEK = re.compile(r"(\d{4})-W(\d\d?)$")
_DECADE = re.compile(r"(\d{3})X$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

# zones named in news text beside a clock time: "(Moscow time)", "GMT", "14:00 EST"
ZONES = {
    "gmt": "UTC", "utc": "UTC", "z": "UTC", "bst": "Europe/London", "cet": "Europe/Paris",
    "cest": "Europe/Paris", "eet": "Europe/Athens", "est": "America/New_York",
    "edt": "America/New_York", "et": "America/New_York", "cst": "America/Chicago",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "msk": "Europe/Moscow",
    "ist": "Asia/Kolkata", "jst": "Asia/Tokyo",
    "moscow": "Europe/Moscow", "london": "Europe/London", "paris": "Europe/Paris",
    "berlin": "Europe/Berlin", "brussels": "Europe/Brussels", "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv", "istanbul": "Europe/Istanbul", "ankara": "Europe/Istanbul",
    "turkey": "Europe/Istanbul", "baku": "Asia/Baku", "yerevan": "Asia/Yerevan",
    "tbilisi": "Asia/Tbilisi", "tehran": "Asia/Tehran", "beijing": "Asia/Shanghai",
    "tokyo": "Asia/Tokyo", "delhi": "Asia/Kolkata", "new york": "America/New_York",
    "washington": "America/New_York", "eastern": "America/New_York",
    "pacific": "America/Los_Angeles", "central european": "Europe/Paris",
    "jerusalem": "Asia/Jerusalem", "cairo": "Africa/Cairo", "nairobi": "Africa/Nairobi",
    "sydney": "Australia/Sydney", "madrid": "Europe/Madrid", "rome": "Europe/Rome",
    "warsaw": "Europe/Warsaw", "minsk": "Europe/Minsk", "riyadh": "Asia/Riyadh",
    "dubai": "Asia/Dubai",
}  # fmt: skip
_ZONE_WORDS = "|".join(sorted((re.escape(k) for k in ZONES), key=len, reverse=True))
ZONE_AFTER = re.compile(
    rf"[ \u00a0]*\(?\b(?:{_ZONE_WORDS}|local)(?:\s+(?:standard\s+|summer\s+|daylight\s+)?"
    r"time)?\b\)?",
    re.I,
)  # a zone right after a clock time
_ZONE_NAMED = re.compile(
    rf"\(?\b({_ZONE_WORDS})(?:\s+(?:standard\s+|summer\s+|daylight\s+)?time)?\b\)?"
    r"|\(?\b(local)\s+time\b\)?",
    re.I,
)


@dataclass
class Dating:
    """A resolved date: ISO start/end (partial), precisions and the zone of a time of day."""

    start: str
    precision: str
    end: str | None = None
    end_precision: str | None = None
    tz: str | None = None

    def first_day(self) -> date:
        return _first_day(self.start)


def from_value(value: str) -> Dating | None:
    """The dating of a resolved DATE/TIME value, None for an unresolved (X) or generic one."""
    if m := _DAY.match(value):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        try:
            date(y, mo, d)
        except ValueError:
            return None
        if m[5] is not None:
            return Dating(f"{m[1]}-{m[2]}-{m[3]}T{m[5]}:{m[6]}", "minute")
        return Dating(f"{m[1]}-{m[2]}-{m[3]}", "day")  # a part of the day ("TMO"): its day
    if m := MONTH_VALUE.match(value):
        return Dating(value, "month") if 1 <= int(m[2]) <= 12 else None
    if YEAR_VALUE.match(value):
        return Dating(value, "year")
    if m := _WEEK.match(value):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return Dating(monday.isoformat(), "day", (monday + timedelta(days=6)).isoformat(), "day")
    if m := QUARTER_VALUE.match(value):
        first = 3 * int(m[2]) - 2
        return Dating(f"{m[1]}-{first:02d}", "month", f"{m[1]}-{first + 2:02d}", "month")
    if m := HALF_VALUE.match(value):
        first = 6 * int(m[2]) - 5
        return Dating(f"{m[1]}-{first:02d}", "month", f"{m[1]}-{first + 5:02d}", "month")
    if m := SEASON_VALUE.match(value):
        a, b = _SEASON_MONTHS[m[2]]
        y = int(m[1])
        end = f"{y + 1}-{b - 12:02d}" if b > 12 else f"{y}-{b:02d}"
        return Dating(f"{y}-{a:02d}", "month", end, "month")
    if m := _DECADE.match(value):
        return Dating(f"{m[1]}0", "year", f"{m[1]}9", "year")
    return None


def zone_near(text: str, start: int, end: int) -> tuple[str, str] | None:
    """(IANA zone, the words) of a zone named in or right after a clock time's expression."""
    window = text[start : min(len(text), end + 24)]
    m = _ZONE_NAMED.search(window)
    if m is None:
        return None
    if m[2]:
        return "local", m.group()
    return ZONES[m[1].lower()], m.group()


def with_offset(local: str, tz: str) -> str | None:
    """``2020-11-10T00:00`` in ``Europe/Moscow`` -> ``2020-11-10T00:00:00+03:00`` (None if the
    zone is unknown)."""
    try:
        zone = ZoneInfo(tz)
    except (ValueError, OSError, ZoneInfoNotFoundError):
        return None
    stamp = datetime.fromisoformat(local).replace(tzinfo=zone)
    offset = stamp.utcoffset()
    if offset is None or offset.seconds % 60:
        return None  # a local mean time of old (+00:09:21): no offset a dataset can hold
    return stamp.isoformat(timespec="seconds")


# --- durations ------------------------------------------------------------------------------
_DURATION = re.compile(r"P(\d+(?:\.\d+)?)([YMWD])$")


def duration_months_days(value: str) -> tuple[int, int] | None:
    """A duration value in whole months and days (``P5Y`` -> (60, 0)); None if vague (``PXM``)."""
    m = _DURATION.match(value)
    if m is None:
        return None
    n = float(m[1])
    if n != int(n):
        return None
    k = int(n)
    return {"Y": (12 * k, 0), "M": (k, 0), "W": (0, 7 * k), "D": (0, k)}[m[2]]


def shift(iso: str, precision: str, months: int, days: int, sign: int) -> tuple[str, str]:
    """``iso`` moved by months and days (sign +1 later, -1 earlier), kept at a precision no
    finer than what the duration allows: a duration in months gives a month. ValueError if
    the result leaves the years 1..9999."""
    day = _first_day(iso)
    if days > 4_000_000 or months > 120_000:
        raise ValueError("duration too long")
    if days:
        moved = day + timedelta(days=sign * days)
        return (
            (moved.isoformat(), "day")
            if precision in ("day", "minute")
            else (
                f"{moved.year:04d}-{moved.month:02d}",
                "month",
            )
        )
    total = day.year * 12 + day.month - 1 + sign * months
    y, mo = divmod(total, 12)
    if not 1 <= y <= 9999:
        raise ValueError(f"year {y} out of range")
    if precision == "year":
        return f"{y:04d}", "year"
    return f"{y:04d}-{mo + 1:02d}", "month"


def _first_day(iso: str) -> date:
    parts = iso[:10].split("-")
    y = int(parts[0])
    mo = int(parts[1]) if len(parts) > 1 else 1
    d = int(parts[2]) if len(parts) > 2 else 1
    return date(y, mo, min(d, calendar.monthrange(y, mo)[1]))
