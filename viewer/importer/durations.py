"""Intervals from durations that the text anchors: counted from the event of their sentence
("deployed ... under a five-year mandate"), back from it ("after over a month of fighting, ...
signed"), or from an earlier event that an undated sentence refers to ("under the agreement")."""

from __future__ import annotations

import re

from . import clauses as cl
from .drafts import Context, Drafting, re_space, status_of, where
from .timex import Timex
from .when import Dating, duration_months_days, shift

_DURATION_BACK = re.compile(
    r"\b(?:after|following|ending|ended|concluding)\s+(?:\w+\s+){0,2}$", re.I
)
_NOUN_AFTER = re.compile(
    r"(?:[ \u00a0]+(?!(?:of|to|for|in|on|at|by|with|and|or|the|a|an|is|was|were|are)\b)"
    r"[a-z][\w-]*){1,2}"
)
_NOT_A_PERIOD = re.compile(
    r"[ \u00a0]+(?:after|before|later|earlier|ago|since|late|early|behind|ahead|old|from\s+now)\b",
    re.I,
)
_LASTED = re.compile(r"\b(?:lasted|lasting|long)\s+(?:\w+\s+)?$", re.I)
_DURATION_PHRASE = re.compile(
    r"\s(?:under|for|with|during|over|within)\s+(?:a|an|the)?\s*[\w-]*"
    r"(?:year|month|week|day)s?[\w-]*(?:\s+[a-z]+)?",
    re.I,
)
_OF_ACTIVITY = re.compile(r"\s+of\s+[^\W\d]", re.I)
_REFERENCE = re.compile(
    r"\b(?:under|according\s+to|following|after|in\s+line\s+with|as\s+part\s+of)\s+"
    r"(?:the|this|that|a)\s+(?:\w+\s+){0,2}?(\w+)",
    re.I,
)


def duration_events(
    ctx: Context,
    t: Timex,
    sent: tuple[int, int],
    events: list[Drafting],
    spans: list[tuple[int, int]],
) -> list[Drafting]:
    """An interval from a duration that the text anchors: counted from the event of its
    sentence ("deployed ... under a five-year mandate") or back from it ("after over a month
    of fighting, ... signed"); an undated sentence refers to an earlier event of its kind or
    names it ("under the agreement")."""
    text = ctx.text
    amount = duration_months_days(t.value)
    if amount is None or _NOT_A_PERIOD.match(text, t.end):
        return []  # "two years after ...", "five days late": a distance, not a period
    backwards = (
        bool(_DURATION_BACK.search(text, max(0, t.start - 40), t.start))
        or bool(_OF_ACTIVITY.match(text, t.end))
        or bool(_LASTED.search(text, max(0, t.start - 30), t.start))
    )
    clause = cl.clause_of(text, sent, (t.start, t.end), spans)
    main = text[sent[0] : clause[0]] + " " + text[clause[1] : sent[1]]
    own = [ev for ev in events if ev.sentence == sent]
    if backwards and own and not any(clause[0] <= a < clause[1] for ev in own for a, _ in ev.spans):
        # "The agreement, reached after two weeks of talks, keeps ... until March": the
        # period ends at the event its sentence's subject refers to, not at March
        subject = text[sent[0] : cl.clause_of(text, sent, (sent[0], sent[0]), spans)[1]]
        earlier = _earlier_of_kind(events, cl.kind_of(subject), sent[0])
        if earlier is not None:
            own = [earlier]
    made: list[Drafting] = []
    basis_of = ""
    if own:
        anchor = own[0]
        how = "in the same sentence" if anchor.sentence == sent else "the sentence refers to"
        basis_of = f"the date of '{anchor.title}' {how}"
    else:
        anchor = _earlier_of_kind(events, cl.kind_of(_REFERENCE.sub(" ", main)), sent[0])
        if anchor is not None:
            basis_of = f"the date of the earlier '{anchor.title}', which the sentence refers to"
        else:
            anchor = _undated(ctx, sent, main, events, spans, clause)
            if anchor is None:
                return []
            made.append(anchor)
            basis_of = f"the time of '{anchor.title}'"
    try:
        return [*made, _interval(ctx, t, sent, clause, spans, anchor, amount, backwards, basis_of)]
    except ValueError:  # "a 9000-year mandate": beyond the calendar
        ctx.warnings.append(f"'{t.text}' ({where(text, t.start)}): the period leaves the calendar")
        return made


def _interval(
    ctx: Context,
    t: Timex,
    sent: tuple[int, int],
    clause: tuple[int, int],
    spans: list[tuple[int, int]],
    anchor: Drafting,
    amount: tuple[int, int],
    backwards: bool,
    basis_of: str,
) -> Drafting:
    text = ctx.text
    a_start = str(anchor.when["start"])
    a_prec = str(anchor.when["precision"])
    approximate = cl.is_approximate(text, t.start, t.end)
    if backwards:
        start, sp = shift(a_start, a_prec, *amount, -1)
        end, ep = (
            a_start[:10] if a_prec in ("day", "minute") else a_start,
            ("day" if a_prec == "minute" else a_prec),
        )
        how = f"duration: '{t.text}' counted back from {basis_of}"
    else:
        start, sp = (
            (a_start[:7], "month")
            if amount[0] and a_prec != "year"
            else (a_start[:10], "day" if a_prec == "minute" else a_prec)
        )
        end, ep = shift(a_start, a_prec, *amount, +1)
        if amount[0] and a_prec != "year":
            end, ep = end[:7], "month"
        how = f"duration: '{t.text}' counted from {basis_of}"
    noun = _NOUN_AFTER.match(text, t.end)
    if noun is not None and not backwards:  # "a five-year mandate"
        title = cl.tidy(t.text + noun.group())
    else:
        title = cl.title_of(text, clause, [s for s in spans if s != (t.start, t.end)])
    when: dict[str, object] = {"start": start, "end": end, "precision": sp, "text": t.text}
    if ep != sp:
        when["end_precision"] = ep
    if approximate or (sp == "month" and a_prec == "day"):
        when["approximate"] = True
    when["basis"] = how
    dating = Dating(start, sp, end, ep)
    return Drafting(
        title=title or f"{t.text} period",
        when=when,
        kind=cl.kind_of(_REFERENCE.sub(" ", text[clause[0] : clause[1]])),
        status=status_of(ctx, dating, text[clause[0] : clause[1]]),
        actors=ctx.actors.within(*sent),
        sentence=sent,
        spans=[(t.start, t.end)],
        summary=re_space(text[sent[0] : sent[1]]),
        confidence=0.4,
        notes=["an interval from a duration: check its start and end"],
    )


def _earlier_of_kind(events: list[Drafting], kind: str, before: int) -> Drafting | None:
    if kind in ("event", "statement"):
        return None
    for ev in reversed(events):
        if ev.kind == kind and ev.sentence[0] < before and ev.when.get("end") is None:
            return ev
    return None


def _undated(
    ctx: Context,
    sent: tuple[int, int],
    main: str,
    events: list[Drafting],
    spans: list[tuple[int, int]],
    clause: tuple[int, int],
) -> Drafting | None:
    """The happening of an undated sentence that names an earlier event ("Under the agreement,
    troops were deployed"): placed between that event and the publication date."""
    ref = _REFERENCE.search(main)
    if ref is None or ctx.published is None:
        return None
    earlier = _earlier_of_kind(events, cl.kind_of(ref.group(1)), sent[0])
    if earlier is None:
        return None
    after = earlier.day
    pub = ctx.published.isoformat()
    if after[:7] == pub[:7]:
        when: dict[str, object] = {"start": after[:7], "precision": "month"}
    else:
        when = {"start": after, "end": pub, "precision": "day", "approximate": True}
    text = ctx.text
    when["text"] = ref.group().strip()
    when["basis"] = (
        f"no date given: after '{earlier.title}' ({after}) and before the publication date {pub}"
    )
    words = text[sent[0] : sent[1]]
    words = words.replace(ref.group(), " ", 1)
    kind = cl.kind_of(words)
    words = _DURATION_PHRASE.sub(" ", words)
    return Drafting(
        title=_drop_reference(cl.tidy(words)),
        when=when,
        kind=kind,
        status="occurred",
        actors=ctx.actors.within(*sent),
        sentence=sent,
        spans=[],
        summary=re_space(text[sent[0] : sent[1]]),
        confidence=0.3,
        notes=["the article gives no date for this: check it"],
    )


def _drop_reference(title: str) -> str:
    cut = re.sub(
        r"^(?:Under|According to|Following|After|In line with|As part of)\s+(?:the|this|that|a)"
        r"\s+\w+\s*,?\s*",
        "",
        title,
    )
    cut = re.sub(r"^(?:a total of)\s+", "", cut, flags=re.I)
    return (cut[:1].upper() + cut[1:]) if cut else title


_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended|through|to)\s+(?:on\s+)?")


def ended_at(ctx: Context, t: Timex, events: list[Drafting], spans: list[tuple[int, int]]) -> bool:
    """ "In the three months ended Nov. 1": the period and its last day are one event, an
    interval ending at that day. Whether the duration was taken so."""
    m = _ENDED.match(ctx.text, t.end)
    amount = duration_months_days(t.value)
    if m is None or amount is None:
        return False
    ev = next((e for e in events if e.spans and e.spans[0][0] == m.end()), None)
    if ev is None or ev.when.get("end") or ev.when["precision"] not in ("day", "month"):
        return False
    last, precision = str(ev.when["start"]), str(ev.when["precision"])
    if precision == "month" and amount[0] > 0:  # "the nine months to September": January on
        amount = (amount[0] - 1, amount[1])
    try:
        start, sp = shift(last, precision, *amount, -1)
    except ValueError:
        return False
    whole = (t.start, ev.spans[0][1])
    clause = cl.clause_of(ctx.text, ev.sentence, whole, spans)
    title = cl.title_of(ctx.text, clause, sorted([*spans, whole]))
    ev.when.update(start=start, precision=sp, end=last, text=ctx.text[whole[0] : whole[1]])
    if sp != precision:
        ev.when["end_precision"] = precision
    ev.title = title or ev.title
    return True
