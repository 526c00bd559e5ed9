"""Turn a matched candidate into its TIMEX3 type and value, resolved against an Anchor.

One function per rule of patterns.py; each returns (type, value) or None to drop the match.
Without a document date, values keep X where the date cannot be known (TimeML practice).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import periods as cal
from .anchoring import Anchor, local_tense
from .days import clock_value, day_phrase, month_number, weekday_number, year_value
from .lexicon import ORDINALS, PARTS_OF_DAY, SEASONS
from .quantities import number

Result = tuple[str, str] | None
_WS = re.compile(r"\s+")
_SEASON_PREP = re.compile(r"\b(?:in|during|by|since|until|through|over|before|after)\s+$", re.I)


def group_text(m: re.Match[str], name: str) -> str:
    """A named group in lower case with single spaces, or "" when it did not match."""
    g = m.group(name)
    return _WS.sub(" ", g.lower()) if g else ""


def relative_step(rel: str) -> tuple[str, int]:
    """('dct' or 'ref', step) of a relative word: last -> ('dct', -1), following -> ('ref', 1)."""
    rel = rel.replace("the ", "").replace("at ", "").strip()
    last = rel.split()[-1] if rel else ""
    if last in ("last", "past", "previous", "prior", "latest", "recent"):
        return "dct", -1
    if last in ("next", "coming"):
        return "dct", 1
    if last in ("following",):
        return "ref", 1
    if last in ("same", "that"):
        return "ref", 0
    return "dct", 0  # this, current, the


_PREV_WORD = re.compile(r"([A-Z][\w.'-]*)\s+$")
_CAPITAL_FUNCTION_WORDS = {
    "In", "On", "By", "Since", "Until", "From", "Last", "Next", "This", "Early", "Late", "Mid",
    "Through", "Before", "After", "During", "Of", "Till", "And", "Or", "But", "The",
    "Between", "Throughout", "Around", "About", "For", "To", "Each", "Every", "Only", "Even",
}  # fmt: skip
_COUNTED = re.compile(
    r"\s+(?:more\s+|other\s+|new\s+|additional\s+)?(?:people|persons|troops|soldiers|civilians"
    r"|casualties|deaths|cases|votes|voters|workers|employees|jobs|members|students|children|men"
    r"|women|refugees|migrants|homes|houses|units|shares|barrels|tons|tonnes|km|kilometers|miles"
    r"|metres|meters|feet|dollars|euros|pounds|points|cars|vehicles|flights|passengers|prisoners"
    r"|patients|beds|rounds|missiles|rockets|drones|tanks|fighters|residents|families|pupils)\b"
)
_NUMBERED_THINGS = {
    "section", "article", "resolution", "flight", "route", "room", "no.", "number", "model",
    "version", "windows", "office", "boeing", "airbus", "chapter", "page", "paragraph", "rule",
    "highway", "interstate", "apollo", "suite", "unit", "lot", "box", "exit", "bus", "line",
}  # fmt: skip


def _date_tense(m: re.Match[str], a: Anchor) -> str:
    """The tense that decides the year of a month or day given without one: the verb next to
    it ("will hand over on 1 December", "in January, a bomb killed"), else past (news)."""
    tense = local_tense(m.string, m.start(), a.tense, m.end(), fallback="none")
    if tense != "none":
        return tense
    # no verb next to it: a sentence told in the past looks back ("Talks with the government
    # on a fund ran in Brasilia from 3 to 5 March", said in December)
    return "past~" if a.tense == "past" else "past"


def iso(m: re.Match[str], a: Anchor) -> Result:
    text = m.group()
    if "T" in text:
        return "TIME", text[:16]
    return ("DATE", text) if cal.to_date(text) else None


def numeric(m: re.Match[str], a: Anchor) -> Result:
    if m["d2"]:  # 25.11.2020: day first
        mo, dy, y = int(m["m2"]), int(m["d2"]), int(m["y2"])
    else:  # 11/25/2020: month first, unless the first cannot be a month (25/11/2020)
        mo, dy, y = int(m["a"]), int(m["b"]), int(m["y"])
        if mo > 12 >= dy:
            mo, dy = dy, mo
    if y < 100:
        y += 1900 if y > 30 else 2000
    try:
        return "DATE", date(y, mo, dy).isoformat()
    except ValueError:
        return None


def time(m: re.Match[str], a: Anchor) -> Result:
    clock = clock_value(m["clock"])
    if clock is None:
        return None
    tense = local_tense(m.string, m.start(), a.tense, m.end())
    day = day_phrase(m["day"], a, tense) if m["day"] else _day_value(a.base_day())
    return "TIME", f"{day}T{clock}"


def _day_value(d: date | None) -> str:
    return d.isoformat() if d else "XXXX-XX-XX"


def day_part(m: re.Match[str], a: Anchor) -> Result:
    pod = PARTS_OF_DAY.get(m["pod"].lower(), "DT")
    tense = local_tense(m.string, m.start(), a.tense, m.end())
    return "DATE", f"{day_phrase(m['day'], a, tense)}T{pod}"  # TimeBank: mostly DATE


def this_part(m: re.Match[str], a: Anchor) -> Result:
    text = _WS.sub(" ", m.group().lower())
    if text == "tonight":
        return "TIME", f"{_day_value(a.dct)}TNI"
    if text == "overnight":
        return "TIME", f"{_day_value(a.base_day())}TNI"
    pod = PARTS_OF_DAY[(m["pod"] or m["pod2"]).lower()]
    rel = group_text(m, "rel")
    if rel.endswith("this") or m["pod2"]:
        day = a.dct
    elif rel == "last" or rel == "yesterday":
        day = a.dct - timedelta(days=1) if a.dct else None
    elif rel == "tomorrow":
        day = a.dct + timedelta(days=1) if a.dct else None
    elif rel in ("the next", "the following", "the previous"):
        base = a.base_day()
        day = base + timedelta(days=-1 if rel == "the previous" else 1) if base else None
    else:  # "the morning": of the day being told about
        day = a.base_day()
    return "TIME", f"{_day_value(day)}T{pod}"


def mdy(m: re.Match[str], a: Anchor) -> Result:
    month = month_number(m["month"])
    day = int(re.sub(r"\D", "", m["day"]))
    year = int(m["year"]) if m["year"] else a.year_for(month, day, _date_tense(m, a))
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


dmy = mdy


def month(m: re.Match[str], a: Anchor) -> Result:
    mo = month_number(m["month"])
    prev = _PREV_WORD.search(m.string[max(0, m.start() - 40) : m.start()])
    if m["month"] == "May" and not m["edge"] and prev and prev[1] not in _CAPITAL_FUNCTION_WORDS:
        return None  # "Theresa May", "Prime Minister May"
    if m["year"]:
        year: int | None = year_value(m["year"])
    elif m["rely"] and a.dct:
        year = a.dct.year + {"this": 0, "last": -1, "next": 1}[m["rely"].lower()]
    else:
        year = a.year_for(mo, None, _date_tense(m, a))
    return "DATE", cal.month(year, mo) if year else f"XXXX-{mo:02d}"


def rel_month(m: re.Match[str], a: Anchor) -> Result:
    mo = month_number(m["month"])
    if a.dct is None:
        return "DATE", f"XXXX-{mo:02d}"
    _, step = relative_step(group_text(m, "rel"))
    y = a.dct.year
    if step < 0:  # "last February" said in March is last year's: this one is "last month"
        y = y if mo < a.dct.month - 1 else y - 1
    elif step > 0:
        y = y if mo > a.dct.month else y + 1
    return "DATE", cal.month(y, mo)


def weekday(m: re.Match[str], a: Anchor) -> Result:
    word = m["wd"]
    wd = weekday_number(word)
    if word.lower().endswith("s") and not m["rel"]:
        return "SET", f"XXXX-WXX-{wd + 1}"
    rel = group_text(m, "rel") or group_text(m, "rel2")
    if a.dct is None:
        return "DATE", f"XXXX-WXX-{wd + 1}"
    _, step = relative_step(rel) if rel else ("dct", 0)
    # "the previous Friday", "the following Monday": from the day being told about
    base = a.base_day() or a.dct if rel in ("the previous", "the following", "the next") else a.dct
    if step < 0:
        d = base - timedelta(days=(base.weekday() - wd - 1) % 7 + 1)
    elif step > 0:
        d = base + timedelta(days=(wd - base.weekday() - 1) % 7 + 1)
    else:
        tense = local_tense(m.string, m.start(), a.tense, m.end())
        d = a.weekday(wd, tense) or a.dct
    return "DATE", d.isoformat()


def year(m: re.Match[str], a: Anchor) -> Result:
    prev = _PREV_WORD.search(m.string[max(0, m.start() - 40) : m.start()])
    if not m.group()[0].isalpha() and prev and prev[1].lower() in _NUMBERED_THINGS:
        return None  # "Section 2020", "Windows 2000", "Flight 1549"
    if _COUNTED.match(m.string, m.end()):
        return None  # "2031 people", "1500 troops"
    return "DATE", m["year"]


def fy(m: re.Match[str], a: Anchor) -> Result:
    yy = int(m["yy"])
    return "DATE", str(yy + (1900 if yy > 30 else 2000))


def decade(m: re.Match[str], a: Anchor) -> Result:
    if (m["dec2"] or m["decw"]) and not m["the"]:
        return None  # "in their 30s", "in his sixties": ages
    if m["decw"]:
        return "DATE", f"19{number(m['decw'][:-3] + 'y') or 0:.0f}"[:3] + "X"
    dec = (m["dec"] or m["dec2"]).strip("'")
    if len(dec) == 2:
        dec = "19" + dec
    return "DATE", dec[:3] + "X"


def century(m: re.Match[str], a: Anchor) -> Result:
    word = m["cent"].lower()
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    return ("DATE", f"{n - 1:02d}") if n > 0 else None


def season(m: re.Match[str], a: Anchor) -> Result:
    code = SEASONS[(m["season"] or m["season2"]).lower()]
    before = m.string[max(0, m.start() - 12) : m.start()]
    bare = re.match(r"the\s", m.group(), re.I) and not m["year"]
    if bare and code in ("FA", "SP") and not _SEASON_PREP.search(before):
        return None  # "the fall of prices", "the spring in his step"
    if m["year"]:
        return "DATE", f"{year_value(m['year']):04d}-{code}"
    if re.search(r"\b(?:every|each)\s+$", before, re.I):
        return "SET", f"XXXX-{code}"  # "it comes back every winter"
    if a.dct is None:
        return "DATE", f"XXXX-{code}"
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    here = a.dct.month if a.dct.month != 1 and a.dct.month != 2 else 0
    rel = group_text(m, "rel")
    _, step = relative_step(rel) if rel else ("dct", 0)
    y = a.dct.year
    if step < 0:
        y -= 1  # "last spring": last year's (TimeBank's reading)
    elif step > 0:
        y = y if start > here else y + 1
    elif not rel:
        y = a.year_for(start) or y
    return "DATE", f"{y:04d}-{code}"


def relday(m: re.Match[str], a: Anchor) -> Result:
    word = m["word"].lower()
    if a.dct is None:
        return "DATE", "XXXX-XX-XX"
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[word]
    if m["daa"]:
        shift += -1 if m["daa"].lower() == "before" else 1
    return "DATE", (a.dct + timedelta(days=shift)).isoformat()


def spoken_year(m: re.Match[str], a: Anchor) -> Result:
    return "DATE", f"{year_value(m['spoken'] or m['spoken2']):04d}"


def week_of(m: re.Match[str], a: Anchor) -> Result:
    result = mdy(m, a)
    if result is None or result[1].startswith("X"):
        return result
    return "DATE", cal.week(date.fromisoformat(result[1]))
