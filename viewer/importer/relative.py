"""Normalisers of relative and quantified expressions: "last week", "the third quarter",
"five years ago", "a year earlier", "two weeks", "years", "now", "daily"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import periods as cal
from .anchoring import Anchor
from .days import month_number, weekday_number
from .lexicon import GENERIC_REFS, HOLIDAYS, SETS, UNITS
from .normalise import Result, group_text, relative_step
from .quantities import duration, number, unit_name

_RATE = re.compile(
    r"(?:\d[\d.,]*(?:\s+(?:million|billion|thousand|percent))?|[a-z]{3,}s|times|twice|once)\s+$"
)
_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                "4th": 4, "final": 4, "last": 4}  # fmt: skip


def _unknown(unit: str) -> str:
    return {
        "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
        "quarter": "XXXX-QX", "decade": "XXX", "century": "XX",
    }.get(unit, "XXXX")  # fmt: skip


def _ref_or_dct(a: Anchor, unit: str) -> str | None:
    """The last mentioned date at the unit's granularity, else the DCT's."""
    if a.ref:
        g = cal.granularity(a.ref)
        if g and cal.finer_or_equal(g, unit):
            d = cal.to_date(a.ref)
            if d:
                return cal.at_granularity(d, unit)
    return cal.at_granularity(a.dct, unit) if a.dct else None


def rel_unit(m: re.Match[str], a: Anchor) -> Result:
    unit = group_text(m, "unit")
    if unit == "fiscal year":
        unit = "year"
    rel = group_text(m, "rel")
    base, step = relative_step(rel)
    if (unit == "century" and rel == "this") or (
        unit in ("decade", "century") and rel.endswith("past")
    ):
        return "DURATION", duration(1, unit)
    if rel.startswith("the rest of"):
        base, step = "dct", 0
    if unit == "day":
        d = a.base_day() if base == "ref" or rel in ("the previous", "the next") else a.dct
        if rel in ("the previous", "the next", "the following", "the prior"):
            step = -1 if rel in ("the previous", "the prior") else 1
            d = a.base_day()
        if d is None:
            return "DATE", "XXXX-XX-XX"
        return "DATE", (d + timedelta(days=step)).isoformat()
    if rel in ("the previous", "the prior", "the next", "the following") and a.ref:
        base = "ref"
    if a.dct is None:
        return "DATE", _unknown(unit)
    if base == "ref":
        start = _ref_or_dct(a, unit)
        if start is None:
            return "DATE", _unknown(unit)
        value = cal.shift_value(start, step, unit) if step else start
        return "DATE", value or start
    d = cal.shift_date(a.dct, step, unit)
    if unit == "weekend":
        if step == 0:  # "this weekend": past tense -> the one before the DCT
            d = a.dct + timedelta(days=(5 - a.dct.weekday()) % 7)
            if a.tense != "future" and d > a.dct:
                d -= timedelta(days=7)
        return "DATE", cal.week(d) + "-WE"
    return "DATE", cal.at_granularity(d, unit)


def unit_rel(m: re.Match[str], a: Anchor) -> Result:
    unit = group_text(m, "unit")
    rel = group_text(m, "rel")
    n = -1 if rel in ("ago", "earlier", "before") else 1
    if rel == "ago":
        return "DATE", cal.at_granularity(
            cal.shift_date(a.dct, n, unit), unit
        ) if a.dct else _unknown(unit)
    start = _ref_or_dct(a, unit)
    return "DATE", (cal.shift_value(start, n, unit) or start) if start else _unknown(unit)


def the_unit(m: re.Match[str], a: Anchor) -> Result:
    unit = group_text(m, "unit")
    mod = group_text(m, "mod2")
    det = m.group().split()[0].lower()
    # "the day before the vote" names a day; "late in the day", "the day belonged to" do not
    named_day = re.match(r"\s+(?:before|after|of|when)\b", m.string[m.end() : m.end() + 7])
    if unit == "day" and det == "the" and not mod and not named_day:
        return None
    if mod in ("whole", "entire", "full") and det != "the":
        return "DURATION", duration(1, unit)
    if det == "a" and _RATE.search(m.string[max(0, m.start() - 30) : m.start()]):
        return "SET", duration(1, unit)  # "$1.76 a year", "24 hours a day", "four flights a week"
    if det == "a":
        return "DURATION", duration(1, unit)
    if unit == "quarter":
        return _quarter_value(a, None, mod or "the")
    if mod in ("year-earlier", "year-ago"):
        start = _ref_or_dct(a, unit)
        return ("DATE", cal.shift_value(start, -1, "year") or start) if start else None
    if unit == "day":
        d = a.base_day()
        return "DATE", d.isoformat() if d else "XXXX-XX-XX"
    if unit in ("decade", "century") and not mod and det == "the":
        return "DURATION", duration(1, unit)
    ended = re.match(r"\s+(?:ended|ending)\b", m.string[m.end() : m.end() + 12])
    if unit == "year" and det == "the" and mod in ("", "fiscal", "calendar", "financial") and ended:
        return "DURATION", "P1Y"
    if mod in ("full", "whole", "entire") and det == "the" and unit == "year":
        return "DATE", f"{a.dct.year:04d}" if a.dct else "XXXX"
    if unit == "weekend":
        if a.dct is None:
            return "DATE", "XXXX-WXX-WE"
        d = a.dct + timedelta(days=(5 - a.dct.weekday()) % 7)
        if a.tense != "future" and d > a.dct:
            d -= timedelta(days=7)
        return "DATE", cal.week(d) + "-WE"
    if mod in ("previous", "prior", "earlier"):
        start = _ref_or_dct(a, unit)
        return ("DATE", cal.shift_value(start, -1, unit) or start) if start else None
    start = (
        _ref_or_dct(a, unit)
        if det in ("that", "the")
        else (cal.at_granularity(a.dct, unit) if a.dct else None)
    )
    return "DATE", start or _unknown(unit)


def ago(m: re.Match[str], a: Anchor) -> Result:
    unit = unit_name(m["unit"])
    n = number(m["num"])
    direction = group_text(m, "dir")
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "back") else 1
    if unit in ("hour", "minute", "second"):
        d = a.base_day()
        return "DATE", d.isoformat() if d else "XXXX-XX-XX"
    if n is None:
        if a.dct is None:
            return "DATE", _unknown(unit)
        if unit in ("year", "decade"):
            return "DATE", f"{a.dct.year // 10 - (1 if unit == 'decade' else 0):03d}X"
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    steps = round(n * sign) if n >= 1 else sign
    from_dct = direction in ("ago", "from now", "hence", "back")
    lq = a.last_quarter
    if lq and unit in ("year", "quarter"):  # financial news: "a year ago" is a quarter
        return "DATE", cal.shift_value(lq, steps, unit)
    # "ago" counts from the document date, "later"/"earlier" from the last date mentioned;
    # the value has the granularity of the unit ("five years ago" is a year).
    base = a.dct if from_dct or a.ref is None else cal.to_date(a.ref)
    if base is None:
        return "DATE", _unknown(unit)
    moved = cal.shift_date(base, steps, unit)
    if unit == "week" and not from_dct and cal.granularity(a.ref or "") == "day":
        return "DATE", moved.isoformat()  # "By Feb. 14 ...; a week later": a day on
    return "DATE", cal.at_granularity(moved, unit)


def duration_rule(m: re.Match[str], a: Anchor) -> Result:
    unit = unit_name(m["unit"])
    n = number(m["num"])
    if m["num"].lower() in ("a", "an") and (m["hy"].startswith("-") or unit == "second"):
        return None
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", m["num"]) and not m["unit"].lower().endswith("s"):
        return None  # "the 1988 quarter" is a date
    after = m.string[m.end() : m.end() + 8]
    if re.match(r"[\s-]+old\b", after) or (unit == "quarter" and re.match(r"\s+of\b", after)):
        return None  # an age ("52 years old"), a fraction ("three-quarters of")
    if m["unit2"]:
        n2 = number(m["num2"])
        first = duration(n, unit)
        second = duration(n2, m["unit2"])
        if "T" in first:
            return "DURATION", first + second[2:]
        return "DURATION", first + second[1:]
    return "DURATION", duration(n, unit)


def vague_plural(m: re.Match[str], a: Anchor) -> Result:
    unit = unit_name(m["unit"])
    mod = group_text(m, "mod")
    before = m.string[max(0, m.start() - 10) : m.start()]
    after = m.string[m.end() : m.end() + 7]
    title = not m["unit"].islower() and not re.search(r"(?:^|[.!?][\"'\u201d]?\s+)$", before)
    not_a_span = re.search(r"(?:matter\s+of|early|small|wee)\s+$", before)
    if title or not_a_span or after.startswith(" apart"):
        # "60 Minutes" (a title), "a matter of days", "the early hours", "minutes apart"
        return None
    if mod == "recent" and unit == "year":
        return "DATE", "PAST_REF"
    if mod.endswith("coming") or mod.endswith("next"):
        return "DATE", "FUTURE_REF"
    return "DURATION", duration(None, unit)


def soon_after(m: re.Match[str], a: Anchor) -> Result:
    """ "Hours later", "minutes earlier": the same day as the last day mentioned."""
    d = a.base_day()
    return "DATE", d.isoformat() if d else "XXXX-XX-XX"


def _quarter_value(a: Anchor, q: int | None, mod: str, year: int | None = None) -> Result:
    dct = a.dct
    if q is not None and year is not None:
        value = f"{year:04d}-Q{q}"
    elif dct is None:
        return "DATE", f"XXXX-Q{q}" if q else "XXXX-QX"
    elif q is not None:  # the latest such quarter, or this year's in a future-tense sentence
        past = q > (dct.month - 1) // 3 + 1 and a.tense != "future"
        value = f"{dct.year - 1 if past else dct.year:04d}-Q{q}"
    elif mod in ("current", "this"):
        value = cal.quarter(dct)
    else:  # "the quarter": the last one named, else the one last reported on
        ref_q = a.ref if a.ref and cal.granularity(a.ref) == "quarter" else None
        value = ref_q or cal.quarter(dct - timedelta(days=45))
    if mod in ("year-ago", "year-earlier"):
        value = cal.shift_value(value, -1, "year") or value
    return "DATE", value


def quarter(m: re.Match[str], a: Anchor) -> Result:
    mod = group_text(m, "mod3") or group_text(m, "mod")
    ordw = group_text(m, "ord")
    year = int(m["year"]) if m["year"] else None
    if m["rel"] and a.dct:
        year = a.dct.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    det = group_text(m, "det")
    if m["yr"]:
        year = int(m["yr"])
    if m["rely"] and a.dct:
        year = a.dct.year + {"this": 0, "last": -1, "next": 1}[m["rely"].lower()]
    if m["ago"] or m["ly"]:
        mod = "year-ago"
    kind = m["q"].lower()
    if kind == "period":
        if not (year or mod):
            return None
        ref_q = a.ref if a.ref and cal.granularity(a.ref) == "quarter" else None
        if ref_q is None and a.dct is None:
            return "DATE", f"{year:04d}" if year else "XXXX-QX"
        if ref_q is None:  # the quarter last reported on
            ref_q = cal.quarter(a.dct - timedelta(days=45))
        value = f"{year:04d}{ref_q[4:]}" if year else ref_q
        if mod in ("year-ago", "year-earlier"):
            value = cal.shift_value(value, -1, "year") or value
        return "DATE", value
    if kind == "half":
        ordw = ordw or mod
        if not ordw or ordw not in ("first", "second", "1st", "2nd", "last"):
            return None
        h = 1 if ordw in ("first", "1st") else 2
        y = year or (a.dct.year if a.dct else None)
        return "DATE", f"{y:04d}-H{h}" if y else f"XXXX-H{h}"
    if det == "last" and not ordw:
        mod = "last"
    q = _QUARTER_ORD.get(ordw) if ordw and not (ordw == "last" and det != "the") else None
    return _quarter_value(a, q, mod, year)


def nine_months(m: re.Match[str], a: Anchor) -> Result:
    n = number(m["num"])
    return "DURATION", duration(n, "month")


def year_end(m: re.Match[str], a: Anchor) -> Result:
    which = m["which"].lower()
    if a.dct is None:
        return "DATE", "XXXX"
    if which == "end":
        return "DATE", f"{a.dct.year:04d}"
    if a.last_quarter:  # "year-earlier results" in a quarterly report
        return "DATE", cal.shift_value(a.last_quarter, -1, "year")
    return "DATE", f"{a.dct.year - 1:04d}"


def _easter(y: int) -> date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month, day + 1)


def holiday(m: re.Match[str], a: Anchor) -> Result:
    name = group_text(m, "hol")
    rel = group_text(m, "rel")
    y = int(m["year"]) if m["year"] else None
    if y is None and a.dct is not None:
        y = a.dct.year + {"last": -1, "next": 1}[rel] if rel in ("last", "next") else None
        if y is None and name in HOLIDAYS:
            y = a.year_for(*HOLIDAYS[name])
        elif y is None:
            y = a.year_for(11 if name.startswith("thanks") else 4, 20)
    if name.startswith("thanksgiving"):
        if y is None:
            return "DATE", "XXXX-11"
        first = date(y, 11, 1)
        return "DATE", (first + timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat()
    if name.startswith("easter"):
        return "DATE", _easter(y).isoformat() if y else "XXXX-XX-XX"
    mo, dy = HOLIDAYS[name]
    return "DATE", f"{y:04d}-{mo:02d}-{dy:02d}" if y else f"XXXX-{mo:02d}-{dy:02d}"


def generic(m: re.Match[str], a: Anchor) -> Result:
    if m.group() == "Now" and m.string[m.end() : m.end() + 1] == ",":
        return None  # "Now, he says, ...": a discourse marker
    return "DATE", GENERIC_REFS[group_text(m, "word")]


def set_rule(m: re.Match[str], a: Anchor) -> Result:
    if m["word"]:
        return "SET", SETS[m["word"].lower()]
    if m["month"]:
        return "SET", f"XXXX-{month_number(m['month']):02d}"
    unit = m["unit"] or m["unit2"]
    if unit[0].isupper() and unit.lower().rstrip("s") not in UNITS:
        return "SET", f"XXXX-WXX-{weekday_number(unit) + 1}"
    return "SET", duration(1, unit.lower())
