"""The draft dataset: events with ids, quotes anchored with W3C selectors and attached to the
event they speak of (else to a statement event of their speaker on the publication date),
actors, one source, and the draft mark on every event and quote."""

from __future__ import annotations

import re
from datetime import date

from viewer.model.anchors import make_selector
from viewer.model.checks import parse_when
from viewer.model.dataset import Dataset, When, text_sha256
from viewer.model.dates import DateError

from .actors import Actors
from .drafts import Drafting, re_space
from .places import Places
from .quotes import Found

SOURCE_ID = "src-1"


def assemble(
    text: str,
    title: str,
    events: list[Drafting],
    quotes: list[Found],
    actors: Actors,
    places: Places,
    *,
    published: str | None,
    published_day: date | None,
    url: str | None,
    publisher: str | None,
    warnings: list[str],
) -> Dataset:
    statements: dict[str | None, Drafting] = {}
    _attach(text, events, quotes, actors, statements, published_day, warnings)
    all_events = sorted(
        [*events, *statements.values()], key=lambda ev: (str(ev.when["start"]), ev.sentence[0])
    )
    all_events = [ev for ev in all_events if _valid_when(ev, warnings)]
    for ev in all_events:
        ev_places = places.within(*ev.sentence)
        for q in ev.quotes:
            sel = q["selector"]
            ev_places += [p for p in places.within(sel["start"], sel["end"]) if p not in ev_places]  # type: ignore[index]
        ev.places = ev_places
    used = {a for ev in all_events for a in ev.actors}
    used |= {str(q["speaker"]) for ev in all_events for q in ev.quotes if q.get("speaker")}
    taken: set[str] = set()
    records = []
    for ev in all_events:
        eid = _unique(_slug(ev.title), taken)
        if ev.quotes and any(q.get("speaker") for q in ev.quotes):
            for q in ev.quotes:
                if q.get("speaker") and q["speaker"] not in ev.actors:
                    ev.actors.append(str(q["speaker"]))
        records.append(
            {
                "id": eid,
                "title": ev.title,
                "summary": ev.summary,
                "when": ev.when,
                "status": ev.status,
                "kind": ev.kind,
                "actors": ev.actors,
                "places": ev.places,
                "quotes": ev.quotes,
                "citations": [SOURCE_ID],
                "draft": {"confidence": ev.confidence, "note": "; ".join(ev.notes)},
            }
        )
    source: dict[str, object] = {
        "id": SOURCE_ID,
        "title": title,
        "url": url,
        "publisher": publisher,
        "published": published,
        "language": "en",
        "text": text,
        "sha256": text_sha256(text),
    }
    people = [
        {"id": a.id, "name": a.name, "aliases": a.aliases, "kind": a.kind}
        for a in actors.actors.values()
        if a.id in used
    ]
    return Dataset.model_validate(
        {
            "title": f"Draft: {title}",
            "description": "Drafted from one article by timeline-viewer import; every event and "
            "quote is a draft to review.",
            "language": "en",
            "credit": f"Drafted from '{title}'",
            "sources": [{k: v for k, v in source.items() if v is not None}],
            "actors": people,
            "places": [
                {"id": pid, "name": name, "kind": kind}
                for pid, (name, kind) in places.places.items()
                if any(pid in ev.places for ev in all_events)
            ],
            "events": records,
        }
    )


def _attach(
    text: str,
    events: list[Drafting],
    quotes: list[Found],
    actors: Actors,
    statements: dict[str | None, Drafting],
    published_day: date | None,
    warnings: list[str],
) -> None:
    """Each quote goes to the event whose date expression it holds, else (consecutive pieces of
    one quotation together) to its speaker's statement event."""
    n = 0
    previous: tuple[Drafting, Found, dict[str, object]] | None = None
    for q in quotes:
        target = next(
            (ev for ev in events if any(q.start <= a and b <= q.end for a, b in ev.spans)), None
        ) or next(  # '"...," she said on Tuesday.': the date of its sentence
            (
                ev
                for ev in events
                if ev.spans
                and ev.sentence[0] <= q.start < ev.sentence[1]
                and ev.kind == "statement"
                and not any(q.start <= a < q.end for a, _ in ev.spans)
            ),
            None,
        )
        if target is None:
            target = _statement(text, q, actors, statements, events, published_day)
            if target is None:
                warnings.append(
                    f"quote at line {text.count(chr(10), 0, q.start) + 1} left out: no "
                    "date in the article to place its statement (--published DATE fixes it)"
                )
                continue
        if (
            previous is not None
            and previous[0] is target
            and previous[1].form == q.form == "direct"
            and previous[1].speaker == q.speaker
            and not text[previous[1].end : q.start].strip()
        ):
            record = previous[2]  # the next sentence of the same quotation
            start = int(record["selector"]["start"])  # type: ignore[index]
            record.update(_quote_words(text, start, q.end))
            previous = (target, q, record)
            continue
        n += 1
        record = {
            "id": f"q{n}",
            "speaker": q.speaker,
            "form": q.form,
            "source": SOURCE_ID,
            **_quote_words(text, q.start, q.end),
            "draft": {"confidence": q.confidence, "note": q.note},
        }
        if q.speaker is None:
            del record["speaker"]
        target.quotes.append(record)
        previous = (target, q, record)


def _valid_when(ev: Drafting, warnings: list[str]) -> bool:
    """Whether the dataset can hold the event's dates (the checks the loader makes); else it
    is left out with a warning rather than written into a draft that does not load."""
    try:
        parse_when(When.model_validate(ev.when))
    except (DateError, ValueError) as exc:
        warnings.append(f"'{ev.when.get('text')}' ({ev.title}): {exc}; left out of the draft")
        return False
    return True


def _quote_words(text: str, start: int, end: int) -> dict[str, object]:
    selector = make_selector(text, start, end)
    return {"text": selector["exact"], "selector": selector}


def _statement(
    text: str,
    q: Found,
    actors: Actors,
    statements: dict[str | None, Drafting],
    events: list[Drafting],
    published_day: date | None,
) -> Drafting | None:
    if q.speaker in statements:
        return statements[q.speaker]
    name = actors.actors[q.speaker].name if q.speaker else "an unnamed speaker"
    notes = ["a statement on the publication date: check when it was made"]
    if published_day is not None:
        day = published_day.isoformat()
        when: dict[str, object] = {
            "start": day,
            "precision": "day",
            "approximate": True,
            "text": f"{day} (the article's date)",
            "basis": "the article's publication date; it does not say when the words were said",
        }
    else:
        years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)]
        if not years:
            return None
        when = {
            "start": str(max(years)),
            "precision": "year",
            "uncertain": True,
            "text": "(no date)",
            "basis": "no publication date: placed in the latest year the article names",
        }
        notes = [
            "the article's publication date is unknown (--published DATE fixes it); "
            "check when this was said"
        ]
    ev = Drafting(
        title=f"Statement by {name}",
        when=when,
        kind="statement",
        status="occurred",
        actors=[q.speaker] if q.speaker else [],
        sentence=(q.start, q.start),
        spans=[],
        summary=f"What {name} said, as the article reports it.",
        confidence=0.5 if published_day is not None else 0.2,
        notes=notes,
    )
    statements[q.speaker] = ev
    return ev


def _slug(title: str) -> str:
    words = re.findall(r"[^\W_]+", re_space(title).lower())
    return "-".join(words[:6])[:60] or "event"


def _unique(wanted: str, taken: set[str]) -> str:
    out = wanted
    n = 2
    while out in taken:
        out = f"{wanted}-{n}"
        n += 1
    taken.add(out)
    return out
