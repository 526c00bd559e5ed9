"""TimelineJS dates (fields year, month, day, hour, minute, second) <-> partial dates.

TimelineJS numbers years historically (its examples: -44 is 44 BCE, there is no year 0); the
dataset format uses astronomical years (-0043 is 44 BCE). Fields may be numbers or strings. The
precision is that of the finest field given; hour or minute gives "minute", second "second".
TimelineJS dates have no zone: a time of day is read as UTC and ``When.basis`` says so.
"""

from __future__ import annotations

import re
from typing import Any

from viewer.model.dates import (
    MAX_YEAR,
    MIN_YEAR,
    PartialDate,
    civil_from_days,
    days_in_month,
    format_date,
    start_instant,
)

FIELDS = ("year", "month", "day", "hour", "minute", "second")
UTC_BASIS = "TimelineJS times carry no time zone; read as UTC"
_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?\s*$")


class FieldError(ValueError):
    """A bad date field: ``field`` names it, the message says what was expected."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def whole_number(value: Any, field: str) -> int | None:
    """A field as an int (numbers or numeric strings); None when empty or absent."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldError(field, f"got {value!r}; expected a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise FieldError(field, f"got {value!r}; expected a whole number")
    if isinstance(value, str):
        s = value.strip().replace("\u2212", "-")
        if re.fullmatch(r"[+-]?\d+(?:\.0*)?", s):
            return int(s.split(".")[0])
        raise FieldError(field, f"{value[:40]!r} is not a number; expected a whole number")
    raise FieldError(field, f"got a {type(value).__name__}; expected a whole number")


def historical_to_astronomical(year: int) -> int:
    """TimelineJS -44 (44 BCE) -> -43; positive years are unchanged."""
    return year + 1 if year < 0 else year


def astronomical_to_historical(year: int) -> int:
    return year - 1 if year <= 0 else year


def date_from_fields(fields: dict[str, Any]) -> PartialDate:
    """A TimelineJS date object as a partial date (UTC if it has a time); raise FieldError."""
    values = {name: whole_number(fields.get(name), name) for name in FIELDS}
    year = values["year"]
    if year is None:
        raise FieldError("year", "required field is missing; expected a year such as 1963 or -44")
    if year == 0:
        raise FieldError("year", "year 0 does not exist in TimelineJS; expected 1 or -1 (1 BCE)")
    astro = historical_to_astronomical(year)
    if not MIN_YEAR <= astro <= MAX_YEAR:
        raise FieldError("year", f"year {year} is out of range; expected -10000..9999")
    for name, (lo, hi) in _LIMITS.items():
        v = values[name]
        if v is not None and not lo <= v <= hi:
            raise FieldError(name, f"{name} {v} does not exist; expected {lo}..{hi}")
    month, day = values["month"], values["day"]
    if day is not None:
        if month is None:
            raise FieldError("day", "a day needs its month; expected a month too")
        if not 1 <= day <= days_in_month(astro, month):
            limit = days_in_month(astro, month)
            raise FieldError("day", f"day {day} does not exist in that month; expected 1..{limit}")
    hour, minute, second = values["hour"], values["minute"], values["second"]
    if hour is None and (minute is not None or second is not None):
        raise FieldError("hour", "minute or second given without an hour; expected an hour too")
    if hour is not None and day is None:
        raise FieldError("hour", "a time of day needs its day; expected month and day too")
    if hour is None:
        return PartialDate(astro, month, day)
    return PartialDate(astro, month, day, hour, minute or 0, second, 0)


def parse_time(text: str, field: str = "time") -> tuple[int, int, int | None]:
    """A Sheets 'Time' cell ('13:30', '1:30 PM', '13:30:05') as (hour, minute, second)."""
    m = _TIME.match(text)
    if m is None:
        raise FieldError(field, f"{text[:40]!r} is not a time; expected HH:MM or HH:MM:SS")
    hour, minute = int(m[1]), int(m[2])
    second = int(m[3]) if m[3] else None
    if m[4]:
        if not 1 <= hour <= 12:
            raise FieldError(field, f"hour {hour} with AM/PM does not exist; expected 1..12")
        hour = hour % 12 + (12 if m[4].lower() == "pm" else 0)
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        raise FieldError(field, f"{text[:40]!r} is not a time of day; expected 00:00..23:59:59")
    return hour, minute, second


def when_record(
    start: PartialDate, end: PartialDate | None, display: str | None = None
) -> dict[str, Any]:
    """The native ``when`` of a TimelineJS start and end date."""
    when: dict[str, Any] = {"start": format_date(start), "precision": start.precision}
    if end is not None:
        when["end"] = format_date(end)
        when["end_precision"] = end.precision
    if display:
        when["text"] = display
    if start.has_time or (end is not None and end.has_time):
        when["basis"] = UTC_BASIS
    return when


def utc_fields(d: PartialDate, tz: str | None = None) -> tuple[dict[str, int], bool]:
    """TimelineJS fields of a date (historical year); a zoned time is converted to UTC.

    Returns the fields and whether a zone was dropped (the time is now UTC, not local).
    """
    zoned = False
    if d.has_time and (d.offset_minutes or tz):
        t = start_instant(d, tz)
        days, secs = divmod(int(t), 86400)
        y, m, day = civil_from_days(days)
        hh, rem = divmod(secs, 3600)
        mm, ss = divmod(rem, 60)
        d = PartialDate(y, m, day, hh, mm, ss if d.second is not None else None, 0)
        zoned = True
    out = {"year": astronomical_to_historical(d.year)}
    for name in FIELDS[1:]:
        v = getattr(d, name)
        if v is not None:
            out[name] = v
    return out, zoned
