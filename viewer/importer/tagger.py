"""The TIMEX3 tagger: find temporal expressions in a text and normalise them against a date.

    tag("He left yesterday.", date(2020, 11, 25))
    -> [Timex(8, 17, "yesterday", "DATE", "2020-11-24")]

Candidates come from patterns.py; overlapping ones give way to the longest; values are resolved in
text order so that "that day" or "a year earlier" can refer to the last date mentioned.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date

from . import normalise as n
from . import relative as r
from .anchoring import Anchor, sentence_spans, tense_of
from .patterns import find_candidates
from .timex import Timex

HANDLERS: dict[str, Callable[[re.Match[str], Anchor], n.Result]] = {
    "iso": n.iso, "numeric": n.numeric, "time": n.time, "time_after": n.time,
    "day_part": n.day_part, "part_day": n.day_part, "this_part": n.this_part, "mdy": n.mdy,
    "dmy": n.dmy, "month": n.month, "rel_month": n.rel_month, "weekday": n.weekday,
    "year": n.year, "fy": n.fy, "decade": n.decade, "century": n.century, "season": n.season,
    "relday": n.relday, "spoken_year": n.spoken_year, "week_of": n.week_of, "rel_unit": r.rel_unit,
    "unit_rel": r.unit_rel, "the_unit": r.the_unit,
    "ago": r.ago, "duration": r.duration_rule, "vague_plural": r.vague_plural,
    "quarter": r.quarter, "nine_months": r.nine_months, "year_end": r.year_end,
    "holiday": r.holiday, "generic": r.generic, "set": r.set_rule, "soon_after": r.soon_after,
}  # fmt: skip

# Rules whose values can be referred to later ("that day", "a year earlier"); relative
# expressions are not, so that "a year earlier" twice does not count back two years.
ANCHORS = {
    "iso", "numeric", "time", "time_after", "day_part", "part_day", "mdy", "dmy", "month",
    "weekday", "year", "spoken_year", "quarter", "season", "relday", "holiday", "rel_month",
}  # fmt: skip

# "the year-ago quarter" names a period compared with, not the one being told about.
_COMPARED = re.compile(r"year[\s-](?:ago|earlier)|(?:last|previous)\s+year", re.I)


def _select(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Non-overlapping candidates, longest first (ties: the earlier rule), in text order."""
    cands = sorted(find_candidates(text), key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, _i, name, m in cands:
        k = bisect.bisect_left(taken, (start, end))
        if k > 0 and taken[k - 1][1] > start:
            continue
        if k < len(taken) and taken[k][0] < end:
            continue
        taken.insert(k, (start, end))
        chosen.append((start, end, name, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


def tag(text: str, published: date | None = None) -> list[Timex]:
    """Every temporal expression of text with its TIMEX3 type and value (see module docstring)."""
    anchor = Anchor(dct=published)
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]
    tenses: dict[int, str] = {}
    out: list[Timex] = []
    for start, end, name, m in _select(text):
        k = max(0, bisect.bisect_right(starts, start) - 1)
        if k not in tenses:
            s, e = sentences[k]
            tenses[k] = tense_of(text[s:e])
        anchor.tense = tenses[k]
        result = HANDLERS[name](m, anchor)
        if result is None:
            continue
        typ, value = result
        if name == "duration" and "-" in m["hy"]:  # "a five-year mandate": the adjective alone
            start = m.start("num")
        if (
            name in ANCHORS
            and typ in ("DATE", "TIME")
            and not value.startswith("X")
            and not _COMPARED.search(m.group())
        ):
            anchor.mention(value)
        out.append(Timex(start, end, text[start:end], typ, value))
    return out


def needs_date(timexes: list[Timex]) -> bool:
    """Whether some expression was left unresolved for want of a document date."""
    return any(t.type in ("DATE", "TIME") and t.value.startswith("X") for t in timexes)
