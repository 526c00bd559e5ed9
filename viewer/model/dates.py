"""Partial, zoned dates of the dataset format and their placement on the time axis.

A date is an ISO 8601 / EDTF level-0 string as precise as it is known: ``2020``, ``2020-11``,
``2020-11-25`` or ``2020-11-10T00:00:00+03:00``. Years are astronomical (``0000`` is 1 BCE,
``-0043`` is 44 BCE) and may run from -9999 to 9999, beyond what :mod:`datetime` covers, so
instants are computed from a proleptic Gregorian day count rather than through ``datetime``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Precision = Literal["year", "month", "day", "minute", "second"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day", "minute", "second")

MIN_YEAR = -9999
MAX_YEAR = 9999
DAY = 86400.0

_DATE_RE = re.compile(
    r"""^(?P<year>[+-]?\d{4})
        (?:-(?P<month>\d{2})
          (?:-(?P<day>\d{2})
            (?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?
              (?P<offset>Z|[+-]\d{2}:\d{2})?
            )?
          )?
        )?""",
    re.VERBOSE | re.ASCII,  # ASCII: \d must not match other scripts' digits
)
_LONG_YEAR_RE = re.compile(r"[+-]?[0-9]{5,}(?:-.*)?", re.ASCII | re.DOTALL)


class DateError(ValueError):
    """A date string that is not a valid partial date; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to some precision, with the UTC offset of its time of day if it has one."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset_minutes: int | None = None

    @property
    def precision(self) -> Precision:
        if self.second is not None:
            return "second"
        if self.minute is not None:
            return "minute"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def isoformat(self) -> str:
        return format_date(self)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (astronomical years; H. Hinnant)."""
    y = year - (month <= 2)
    era = y // 400  # floor division: no C-style correction needed
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(days: Any) -> tuple[Any, Any, Any]:
    """Inverse of :func:`days_from_civil`: of an int, or element-wise of a numpy array."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 - 12 * (mp >= 10)
    return y + (m <= 2), m, d


def parse_date(text: str) -> PartialDate:
    """Parse a partial date; raise :class:`DateError` saying what is wrong and what was expected."""
    if not isinstance(text, str):
        raise DateError(f"expected a date string such as '2020-11-25', got {type(text).__name__}")
    m = _DATE_RE.fullmatch(text)  # fullmatch: '$' would let a trailing newline through
    if m is None:
        if _LONG_YEAR_RE.fullmatch(text):
            raise DateError(
                f"'{_short(text)}' is not a date: its year has more than four digits; "
                f"expected a year {MIN_YEAR}..{MAX_YEAR} written with four digits"
            )
        raise DateError(
            f"'{_short(text)}' is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM[:SS]±HH:MM"
        )
    year = int(m["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"year {year} is out of range; expected {MIN_YEAR}..{MAX_YEAR}")
    month = int(m["month"]) if m["month"] else None
    day = int(m["day"]) if m["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month} in '{text}' does not exist; expected 01..12")
    if day is not None and month is not None and not 1 <= day <= days_in_month(year, month):
        raise DateError(
            f"day {day} in '{text}' does not exist; expected 01..{days_in_month(year, month):02d}"
        )
    hour = minute = second = offset = None
    if m["hour"] is not None:
        hour, minute = int(m["hour"]), int(m["minute"])
        second = int(m["second"]) if m["second"] else None
        if hour > 23 or minute > 59 or (second is not None and second > 59):
            raise DateError(f"time in '{text}' does not exist; expected 00:00..23:59:59")
        if m["offset"]:
            offset = 0 if m["offset"] == "Z" else _parse_offset(m["offset"], text)
    return PartialDate(year, month, day, hour, minute, second, offset)


def _parse_offset(s: str, text: str) -> int:
    sign = -1 if s[0] == "-" else 1
    hh, mm = int(s[1:3]), int(s[4:6])
    if hh > 14 or mm > 59:
        raise DateError(f"UTC offset {s} in '{text}' does not exist; expected -12:00..+14:00")
    return sign * (hh * 60 + mm)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def format_date(d: PartialDate) -> str:
    """The ISO string of a partial date, as precise as it is known."""
    y = f"{d.year:04d}" if d.year >= 0 else f"-{-d.year:04d}"
    if d.month is None:
        return y
    s = f"{y}-{d.month:02d}"
    if d.day is None:
        return s
    s += f"-{d.day:02d}"
    if d.hour is None:
        return s
    s += f"T{d.hour:02d}:{d.minute:02d}:{(d.second or 0):02d}"
    if d.offset_minutes is not None:
        s += format_offset(d.offset_minutes)
    return s


def format_offset(minutes: int) -> str:
    if minutes == 0:
        return "Z"
    sign = "+" if minutes >= 0 else "-"
    hh, mm = divmod(abs(minutes), 60)
    return f"{sign}{hh:02d}:{mm:02d}"


def zone_offset_minutes(d: PartialDate, tz: str) -> int:
    """UTC offset of zone ``tz`` at the local time ``d``; raise DateError if the zone is unknown."""
    zone = get_zone(tz)
    if not 1 <= d.year <= 9999:
        raise DateError(f"a time zone can only be applied to years 1..9999, not {d.year}")
    local = datetime(d.year, d.month or 1, d.day or 1, d.hour or 0, d.minute or 0, d.second or 0)
    off = local.replace(tzinfo=zone).utcoffset() or timedelta(0)
    return int(off.total_seconds() // 60)


def get_zone(tz: str) -> ZoneInfo:
    if tz in _NOT_IANA:  # files beside the zones: the machine's own zone would be used
        raise DateError(
            f"'{tz}' is not an IANA time zone (it means this machine's zone); expected an IANA "
            "name such as 'Europe/Moscow'"
        )
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise DateError(
            f"unknown time zone '{_short(tz)}'; expected an IANA name such as 'Europe/Moscow'"
        ) from exc


_NOT_IANA = frozenset({"localtime", "posixrules"})


def check_zone(d: PartialDate, tz: str | None) -> None:
    """Check that a timed date's offset agrees with its IANA zone; raise DateError if not."""
    if tz is None:
        return
    expected = zone_offset_minutes(d, tz)
    if d.offset_minutes is not None and d.offset_minutes != expected:
        raise DateError(
            f"offset {format_offset(d.offset_minutes)} disagrees with zone {tz}, which is "
            f"{format_offset(expected)} at that time"
        )


def start_instant(d: PartialDate, tz: str | None = None) -> float:
    """Epoch seconds where a date is placed: the start of its period.

    A date without a time of day is placed by its calendar date (at 00:00 UTC of that day), a
    timed date by its instant, using its offset or else its zone (else UTC).
    """
    days = days_from_civil(d.year, d.month or 1, d.day or 1)
    t = days * DAY
    if d.hour is None:
        return t
    t += d.hour * 3600 + (d.minute or 0) * 60 + (d.second or 0)
    offset = d.offset_minutes
    if offset is None and tz is not None:
        offset = zone_offset_minutes(d, tz)
    return t - (offset or 0) * 60


def end_instant(d: PartialDate, tz: str | None = None) -> float:
    """Epoch seconds where the period a date stands for ends (exclusive)."""
    start = start_instant(d, tz)
    p = d.precision
    if p == "second":
        return start + 1
    if p == "minute":
        return start + 60
    if p == "day":
        return start + DAY
    if p == "month":
        assert d.month is not None
        return start + days_in_month(d.year, d.month) * DAY
    return days_from_civil(d.year + 1, 1, 1) * DAY


def year_label(year: int) -> str:
    """Display an astronomical year without a year zero: 2020, 1 BCE for 0, 44 BCE for -43."""
    return str(year) if year > 0 else f"{1 - year} BCE"


def describe(d: PartialDate) -> str:
    """A human form of a partial date: '25 November 2020', 'November 2020', '44 BCE'."""
    y = year_label(d.year)
    if d.month is None:
        return y
    month = MONTHS[d.month - 1]
    if d.day is None:
        return f"{month} {y}"
    s = f"{d.day} {month} {y}"
    if d.hour is not None:
        s += f", {d.hour:02d}:{d.minute:02d}"
        if d.second:
            s += f":{d.second:02d}"
        if d.offset_minutes is not None:
            s += f" UTC{format_offset(d.offset_minutes)}" if d.offset_minutes else " UTC"
    return s


def describe_instant(t: float, precision: Precision = "minute") -> str:
    """Epoch seconds as a UTC date at a precision: '9 November 2020, 21:00 UTC'."""
    days, secs = divmod(int(t), 86400)
    y, m, d = civil_from_days(days)
    hh, rem = divmod(secs, 3600)
    mm, ss = divmod(rem, 60)
    if precision in ("minute", "second"):
        pd = PartialDate(y, m, d, hh, mm, ss if precision == "second" else None)
        return describe(pd) + " UTC"
    return describe(
        PartialDate(y, m if precision != "year" else None, d if precision == "day" else None)
    )


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
