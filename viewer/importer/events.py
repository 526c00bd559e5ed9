"""Dated statements: one draft event per clause or sentence that a date governs, with its
``when`` (precision, zone, approximate, basis), title, kind, status and actors; the intervals
of durations come from :mod:`durations`."""

from __future__ import annotations

import re
from datetime import date

from . import clauses as cl
from .drafts import Context, Drafting, re_space, status_of, where
from .durations import duration_events, ended_at
from .headlines import without_headline_repeats
from .timex import Timex
from .when import Dating, from_value, with_offset, zone_near

_ABSOLUTE_YEAR = re.compile(r"\b\d{4}s?\b|'\d\d\b")
# "its first loss since 2020", "higher than in 2019": a year compared with, not the one told of
_COMPARED_YEAR = re.compile(r"\b(?:since|before|after|than(?:\s+in)?|until)\s+$", re.I)
_MONTH_NAME = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?![a-z])", re.I
)
_RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|-|–|—)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.I)
_BASELINE = re.compile(r"\b(?:ago|earlier|previous|prior|last|year-ago)\b", re.I)
_COMPARED_WITH = re.compile(
    r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against)\s+(?:[\w$%.,-]+\s+){0,4}$"
    r"|\$?[\d.,]+\s*(?:%|percent|billion|million)?\s+$",
    re.I,
)
_TO_FIGURE = re.compile(r"\bto\s+\$?[\d.,]+\s*(?:%|percent|billion|million)?\s+$", re.I)
_PRONOUN_STATEMENT = re.compile(
    r"Statement by ((?:he|she|they)|(?:the|The) (?:president|minister|mayor|governor|senator"
    r"|spokesman|spokeswoman|spokesperson|premier|chancellor|leader))"
)
_GENERIC_DAY = re.compile(r"(?:this|that|the)\s+day$", re.I)  # "we waited for this day"
_DAY_BEFORE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:and|to|until|-|–)\s*$")


def draft_events(ctx: Context, timexes: list[Timex]) -> list[Drafting]:
    """The draft events of a text, in text order."""
    text = ctx.text
    spans = [(t.start, t.end) for t in timexes]
    out: list[Drafting] = []
    durations: list[tuple[Timex, tuple[int, int]]] = []
    by_sentence: dict[tuple[int, int], list[Timex]] = {}
    sents = cl.sentences(text)
    k = 0
    for t in timexes:
        while k + 1 < len(sents) and sents[k][1] <= t.start:
            k += 1
        by_sentence.setdefault(sents[k], []).append(t)
    for sent, found in by_sentence.items():
        dated = [
            t
            for t in found
            if t.type in ("DATE", "TIME")
            and not t.value.endswith("_REF")
            and not _GENERIC_DAY.match(t.text)
            and not _compared(text, t)
        ]
        if dated and _is_dateline(text, sent, dated, ctx.published):
            continue
        dated = _with_year(ctx, dated)
        for group in _groups(text, dated):
            ev = _event(ctx, sent, group, spans)
            if ev is not None:
                out.append(ev)
        durations += [(t, sent) for t in found if t.type == "DURATION"]
    for t, sent in durations:
        if not ended_at(ctx, t, out, spans):
            out += duration_events(ctx, t, sent, out, spans)
    out.sort(key=lambda ev: (ev.sentence[0], ev.spans[0][0] if ev.spans else 0))
    return without_headline_repeats(text, out)


_SUPERLATIVE_SINCE = re.compile(
    r"\b(?:first|only|worst|best|most|least|\w{3,}iest|(?:high|low|bigg|larg|long|strong|weak"
    r"|great|fast|slow|small|sharp|steep|warm|cold|hott|wett|dri|short|tall|wid|clos|strict"
    r"|new|old|young|rich|poor)est)\s+(?:[\w'’-]+\s+){0,5}?since\s+$",
    re.I,
)
_THAN = re.compile(r"\b(?:than|as)\s+(?:(?:at|in|on|by|during)\s+)?$", re.I)


def _compared(text: str, t: Timex) -> bool:
    """A period compared with, not told of: "up 12% from a year earlier", "than a year ago",
    "4% lower than at the end of June"."""
    if _THAN.search(text, max(0, t.start - 16), t.start):
        return True
    if _SUPERLATIVE_SINCE.search(text, max(0, t.start - 80), t.start):
        return True  # "the heaviest since the start of the year", "its first loss since 2020"
    if t.type != "DATE" or not _BASELINE.search(t.text):
        return False
    if _TO_FIGURE.search(text, max(0, t.start - 40), t.start):
        return False  # "fell from 93% in 2019 to 84% last year": the figure of that year
    return bool(_COMPARED_WITH.search(text, max(0, t.start - 40), t.start))


def _is_dateline(
    text: str, sent: tuple[int, int], found: list[Timex], published: date | None
) -> bool:
    """A sentence that is little more than its date ("25 November 2020  Read: 531"), or a
    byline near the top with the publication date ("By Staff Writer | March 4, 2021")."""
    rest = text[sent[0] : sent[1]]
    for t in found:  # the words besides the dates ("The 2019 law was repealed on Monday")
        a, b = t.start - sent[0], t.end - sent[0]
        rest = rest[:a] + " " * (b - a) + rest[b:]
    if len(re.findall(r"[^\W\d_]{2,}", rest)) < 3:
        return True
    return (
        sent[0] < 600
        and published is not None
        and found[0].value == published.isoformat()
        and text[sent[1] - 1] not in '.!?"”»'
    )


def _with_year(ctx: Context, dated: list[Timex]) -> list[Timex]:
    """A day without its year and one year in the same sentence tell of one happening ("next
    year, with a festival from 6 to 9 November"): the day takes that year, the year makes no
    event of its own."""
    attributes = [t for t in dated if _is_attribute(ctx.text, t)]
    if attributes and len(attributes) < len(dated):  # "vote on the 2026 budget on 18 December"
        dated = [t for t in dated if t not in attributes]
    years = [
        t
        for t in dated
        if re.fullmatch(r"\d{4}", t.value)
        and not _COMPARED_YEAR.search(ctx.text, max(0, t.start - 12), t.start)
        and not re.match(r"(?:fiscal|financial|FY)\b", t.text, re.I)
    ]
    bare = [
        t
        for t in dated
        if re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", t.value)
        and not _ABSOLUTE_YEAR.search(t.text)
        and _MONTH_NAME.search(t.text)  # "6 November", not "Monday" (a day near the DCT)
    ]
    if len(years) != 1 or not bare:
        return dated
    year = years[0]
    out = []
    for t in dated:
        if t is year:
            continue
        if t in bare and from_value(year.value + t.value[4:]) is not None:
            t = Timex(t.start, t.end, t.text, t.type, year.value + t.value[4:])
            ctx.year_from[t.start] = year.text
        out.append(t)
    return out


# "for the fiscal year", "of 2024" (not "January of last year": the year of a month)
_FOR_OF = re.compile(
    r"\b(?:for|(?<!ary\s)(?<!rch\s)(?<!ril\s)(?<!May\s)(?<!une\s)(?<!uly\s)(?<!ust\s)"
    r"(?<!ber\s)of)\s+$"
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|this|that|these|those)\s+$|['\u2019]s\s+$", re.I
)


def _is_attribute(text: str, t: Timex) -> bool:
    """A year that names a thing ("the 2026 budget", "its 2019 report"), not a time: a
    determiner before it and a word after it."""
    if re.fullmatch(r"\d{4}(?:-[QH]\d)?", t.value) and _FOR_OF.search(
        text, max(0, t.start - 9), t.start
    ):
        return True  # "cut its outlook for the fiscal year on Wednesday"
    noun_after = re.match(r"\s+[a-z]", text[t.end : t.end + 3]) is not None
    if re.search(r"\w-(?:quarter|half|year)$", t.text, re.I):  # "third-quarter profit"
        return noun_after
    return (
        re.fullmatch(r"\d{4}", t.text) is not None
        and _DETERMINER_BEFORE.search(text, max(0, t.start - 12), t.start) is not None
        and re.match(r"\s+[^\W\d_]", text[t.end : t.end + 3]) is not None  # "Kopp's 1987 Chevrolet"
    )


def _groups(text: str, dated: list[Timex]) -> list[list[Timex]]:
    """Expressions of one sentence that make one event: the same day (a time and its date),
    or the two ends of a range ("from 3 to 5 March")."""
    groups: list[list[Timex]] = []
    for t in dated:
        if groups:
            last = groups[-1][-1]
            between = text[last.end : t.start]
            same_day = t.value[:10] == last.value[:10] and not t.value.startswith("X")
            is_range = _RANGE_JOIN.match(between) and (
                _RANGE_OPEN.search(text, max(0, last.start - 12), last.start)
                or "-" in between
                or "–" in between
            )
            if same_day or is_range:
                groups[-1].append(t)
                continue
            if _DAY_OF_TIMES.match(between) and _is_day(t) and _all_clock(groups[-1]):
                # "at 04:30 local time (01:30 GMT) on Tuesday": the times are of that day
                groups[-1] = [_on_day(x, t.value) for x in groups[-1]] + [t]
                continue
        groups.append([t])
    return groups


_DAY_OF_TIMES = re.compile(r"\)?\s*,?\s*on\s+$")


def _zone_named(text: str, t: Timex) -> bool:
    """Whether a real zone is named beside the time ("01:30 GMT", not "local time")."""
    named = zone_near(text, t.start, t.end) if t.type == "TIME" else None
    return named is not None and named[0] != "local"


def _is_day(t: Timex) -> bool:
    return t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value) is not None


def _all_clock(group: list[Timex]) -> bool:
    return all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", x.value) for x in group)


def _on_day(t: Timex, day: str) -> Timex:
    return Timex(t.start, t.end, t.text, t.type, day + t.value[10:])


def _event(
    ctx: Context, sent: tuple[int, int], group: list[Timex], spans: list[tuple[int, int]]
) -> Drafting | None:
    text = ctx.text
    lead = max(group, key=lambda t: (t.type == "TIME", t.end - t.start))
    # the date from a time with a zone named ("04:30 local time (01:30 GMT)"), else the lead
    first = max(group, key=lambda t: (t.type == "TIME", _zone_named(text, t), t.end - t.start))
    clause = cl.clause_of(text, sent, (lead.start, lead.end), spans)
    words = text[clause[0] : clause[1]]
    sentence_words = text[sent[0] : sent[1]]
    before = _DAY_BEFORE.search(text, max(0, lead.start - 12), lead.start)
    if before is not None and lead.text[:1].isdigit():  # "14 and 15 December"
        spans = sorted([*spans, (before.start(), first.end)])
    title = cl.title_of(text, clause, spans) or cl.title_of(text, sent, spans)
    title = cl.with_subject(text, sent, title)
    if not title:
        return None
    who = _PRONOUN_STATEMENT.fullmatch(title)
    if who is not None:  # "Statement by she": the person last named (with that title)
        role = who.group(1).split()[-1].title() if who.group(1)[0] in "tT" else None
        person = ctx.actors.last_person(first.start, role)
        if person is not None:
            title = f"Statement by {ctx.actors.actors[person].name}"
    notes: list[str] = []
    confidence = 0.8
    wording = "; ".join(text[t.start : t.end] for t in group)
    when: dict[str, object] = {"text": wording}
    dating = from_value(first.value)
    last = group[-1]
    if len(group) > 1 and last.value[:10] != group[0].value[:10]:  # a range
        dating = from_value(group[0].value)
        end = from_value(last.value)
        if dating is not None and end is not None and not _ABSOLUTE_YEAR.search(group[0].text):
            year = _ABSOLUTE_YEAR.search(last.text)  # "1 July to 3 August 2021": one year
            if year and len(year.group()) == 4 and dating.precision in ("day", "month"):
                dating.start = year.group() + dating.start[4:]
                if from_value(dating.start) is None:
                    dating = None
        if dating is not None and end is not None and end.first_day() >= dating.first_day():
            dating.end, dating.end_precision = (
                end.end or end.start,
                end.end_precision or end.precision,
            )
        when["text"] = text[group[0].start : last.end]
    if dating is None and ctx.published is not None:
        return None  # a generic or vague expression ("the next decade"): no date to place
    if dating is None:
        dating, note = _placeholder(ctx, first)
        if dating is None:
            ctx.warnings.append(f"'{first.text}' ({where(text, first.start)}): {note}")
            return None
        notes.append(note)
        confidence = 0.2
        when["uncertain"] = True
    else:
        basis = _basis(ctx, first)
        if basis:
            when["basis"] = basis
            confidence = 0.6
    if dating.precision == "minute":
        _zoned(ctx, dating, first, when, notes)
    when["start"] = dating.start
    when["precision"] = dating.precision
    if dating.end is not None and dating.end != dating.start:
        when["end"] = dating.end
        if dating.end_precision != dating.precision:
            when["end_precision"] = dating.end_precision
    if before and dating.precision == "day" and "end" not in when and first.text[:1].isdigit():
        day = int(before[1])  # "on 14 and 15 December", "14-15 December"
        if 1 <= day < int(dating.start[8:10]):
            dating.end, dating.end_precision = dating.start, "day"
            dating.start = f"{dating.start[:8]}{day:02d}"
            when["start"], when["end"] = dating.start, dating.end
            when["text"] = text[before.start() : first.end]
    if cl.is_approximate(text, lead.start, lead.end):
        when["approximate"] = True
        confidence -= 0.1
    if cl.is_uncertain(sentence_words):
        when["uncertain"] = True
    status = status_of(ctx, dating, words)
    if len(title) > cl.MAX_TITLE:
        notes.append("shorten the title")
    notes.append("check the title and the date")
    return Drafting(
        title=title,
        when=when,
        kind=cl.kind_of(words),
        status=status,
        actors=ctx.actors.within(*sent),
        sentence=sent,
        spans=[(t.start, t.end) for t in group],
        summary=re_space(sentence_words),
        confidence=round(max(0.1, confidence), 2),
        notes=notes,
    )


def _basis(ctx: Context, t: Timex) -> str | None:
    """How a date was resolved, when the words alone do not give it."""
    words = t.text.replace("\u00a0", " ")
    if t.start in ctx.year_from:
        return f"the year from '{ctx.year_from[t.start]}' in the same sentence"
    if _ABSOLUTE_YEAR.search(words):
        return None
    pub = ctx.published.isoformat() if ctx.published else "?"
    if _MONTH_NAME.search(words) and not re.search(r"\b(?:last|next|this|ago)\b", words, re.I):
        return f"the year from the publication date {pub} and the dates around it"
    return f"'{words}' relative to the publication date {pub}"


def _placeholder(ctx: Context, t: Timex) -> tuple[Dating | None, str]:
    """A relative date that could not be resolved (no publication date)."""
    note = (
        f"'{t.text}' is not resolved: the article's publication date is unknown "
        "(--published DATE fixes it)"
    )
    m = re.match(r"XXXX-(\d\d)(?:-(\d\d))?", t.value)
    year = _latest_year(ctx)
    if year is None:
        return None, note + "; left out of the draft"
    if m and m[2]:
        try:
            date(year, int(m[1]), int(m[2]))
        except ValueError:
            return None, f"no such day in {year}; left out of the draft"
        return Dating(f"{year}-{m[1]}-{m[2]}", "day"), note + f"; the year {year} is a guess"
    if m and 1 <= int(m[1]) <= 12:
        return Dating(f"{year}-{m[1]}", "month"), note + f"; the year {year} is a guess"
    return Dating(str(year), "year"), note + f"; placed in {year}, the latest year named"


def _latest_year(ctx: Context) -> int | None:
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", ctx.text)]
    return max(years) if years else None


def _zoned(
    ctx: Context, dating: Dating, t: Timex, when: dict[str, object], notes: list[str]
) -> None:
    """A clock time gets the offset of the zone named beside it (else --tz); without one it
    falls back to its day (the time stays in when.text)."""
    named = zone_near(ctx.text, t.start, t.end)
    tz = named[0] if named else None
    if tz == "local" or tz is None:
        tz = ctx.tz
    stamped = with_offset(dating.start, tz) if tz else None
    if stamped is None:
        dating.start, dating.precision = dating.start[:10], "day"
        notes.append("the time of day has no zone (--tz ZONE gives one); kept as a day")
        return
    dating.start = stamped
    when["tz"] = tz
