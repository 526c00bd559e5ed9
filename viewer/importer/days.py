"""Small parsers shared by the normalisers: month and weekday names, clock times, and the day a
phrase like "Wednesday", "yesterday" or "Nov. 6, 1989" names."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .anchoring import Anchor
from .lexicon import MONTHS, NUMBERS, WEEKDAYS

_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?(?P<hours>\s+hours)?", re.I
)
_MILITARY = re.compile(r"(?P<h>\d\d)(?P<m>\d\d)\s+hours", re.I)
_MD = re.compile(r"(?P<mon>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?")
_DM = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:[-\u2013]\d{1,2})?\s+(?:of\s+)?(?P<mon>[A-Za-z]+)\.?(?:,?\s+(?P<y>\d{4}))?"
)


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    w = word.lower()
    return WEEKDAYS.get(w, WEEKDAYS.get(w[:-1], 0))


def year_value(text: str) -> int:
    """A year in digits or in words ("nineteen ninety-seven", "two thousand and one")."""
    if text.isdigit():
        return int(text)
    words = re.sub(r"[\s-]+", " ", text.lower()).replace(" and ", " ").split()
    base = 1900 if words[0] == "nineteen" else 2000
    rest = words[1:] if base == 1900 else words[2:]
    if base == 1900 and len(rest) == 1 and rest[0] in NUMBERS and NUMBERS[rest[0]] < 10:
        return 1900 + NUMBERS[rest[0]]  # "nineteen five"
    return base + sum(NUMBERS.get(w, 0) for w in rest)


def clock_value(text: str) -> str | None:
    """'5 p.m. EST' -> '17:00'; 'noon' -> '12:00'; '00:00 hours' -> '00:00'; None if no clock."""
    t = text.lower()
    if t.startswith("noon") or t.startswith("midday"):
        return "12:00"
    if t.startswith("midnight"):
        return "24:00"
    mm = _MILITARY.match(text)
    if mm:
        h, mi = int(mm["h"]), int(mm["m"])
    else:
        mc = _CLOCK.match(text)
        if mc is None:
            return None
        h, mi = int(mc["h"]), int(mc["m"] or 0)
        ap = (mc["ap"] or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
    if h > 24 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


def day_phrase(text: str, a: Anchor, tense: str | None = None) -> str:
    """The TimeML day value of 'Friday', 'today', 'Nov. 6', '1 December 2020' (X if unknown)."""
    t = text.strip()
    low = t.lower()
    if low in ("today", "tonight"):
        return a.dct.isoformat() if a.dct else "XXXX-XX-XX"
    if low in ("yesterday", "tomorrow"):
        if a.dct is None:
            return "XXXX-XX-XX"
        return (a.dct + timedelta(days=-1 if low == "yesterday" else 1)).isoformat()
    rel = re.match(r"(next|last|this)\s+", low)
    if rel:  # "next Monday": the tense is in the word
        low = low[rel.end() :]
        t = t[rel.end() :]
        tense = {"next": "future", "last": "past"}.get(rel[1], tense)
    first = low.split(",")[0].strip()
    if first.rstrip("s") in WEEKDAYS and "," not in low:
        d = a.weekday(WEEKDAYS[first.rstrip("s")], tense)
        return d.isoformat() if d else f"XXXX-WXX-{WEEKDAYS[first.rstrip('s')] + 1}"
    if "," in low and first in WEEKDAYS:
        t = t.split(",", 1)[1].strip()
    m = _MD.match(t) or _DM.match(t)
    if m is None or m["mon"].lower() not in MONTHS:
        return "XXXX-XX-XX"
    mon, d = MONTHS[m["mon"].lower()], int(m["d"])
    y = int(m["y"]) if m["y"] else a.year_for(mon, d)
    if y is None:
        return f"XXXX-{mon:02d}-{d:02d}"
    try:
        return date(y, mon, d).isoformat()
    except ValueError:
        return f"XXXX-{mon:02d}-{d:02d}"
