"""Events in time order and their stable JSON-lines record (the `list` command's contract)."""

from __future__ import annotations

from typing import Any

from .checks import parse_when
from .dataset import Dataset, Event
from .dates import PartialDate, describe, describe_instant, end_instant, parse_date, start_instant

# "tag": lanes by each event's first tag (GDELT's QuadClass, ACLED's disorder type)
LANE_MODES = ("kind", "actor", "place", "status", "tag")


def event_span(ev: Event) -> tuple[float, float]:
    """(start, end) epoch seconds where an event is placed; end == start for a point event."""
    start, end = parse_when(ev.when)
    t0 = start_instant(start, ev.when.tz)
    t1 = start_instant(end, ev.when.tz) if end is not None else t0
    return t0, t1


def precision_end(ev: Event) -> float:
    """Epoch seconds where the period of the event's last date ends (month precision: its end)."""
    start, end = parse_when(ev.when)
    last = end if end is not None else start
    return end_instant(last, ev.when.tz)


def era_spans(ds: Dataset) -> list[tuple[float, float, str]]:
    """(start, end, title) of the dataset's eras in epoch seconds, the end's period included."""
    out = []
    for era in ds.eras:
        start = start_instant(parse_date(era.start))
        out.append((start, end_instant(parse_date(era.end)), era.title))
    return out


def sorted_events(ds: Dataset) -> list[Event]:
    """The events in time order: by start, then end, then their order in the file."""
    keyed = [(*event_span(ev), i, ev) for i, ev in enumerate(ds.events)]
    keyed.sort(key=lambda k: (k[0], k[1], k[2]))
    return [k[3] for k in keyed]


def date_text(ev: Event) -> str:
    """The normalised date for people: '25 November 2020', '~October 2020 – 10 November 2020'."""
    start, end = parse_when(ev.when)
    mark = "~" if ev.when.approximate else ""
    qmark = "?" if ev.when.uncertain else ""
    out = f"{mark}{describe(start)}{qmark}"
    if end is not None:
        out += f" – {describe(end)}"
    if start.has_time and start.offset_minutes:
        zone = f" ({ev.when.tz})" if ev.when.tz else ""
        out += f"{zone} = {describe_instant(start_instant(start))}"
    return out


def partial_dates(ev: Event) -> tuple[PartialDate, PartialDate | None]:
    return parse_when(ev.when)


def event_record(ds: Dataset, ev: Event) -> dict[str, Any]:
    """The JSON-lines record of an event: a stable contract, see README."""
    start, end = parse_when(ev.when)
    return {
        "id": ev.id,
        "title": ev.title,
        "summary": ev.summary,
        "start": start.isoformat(),
        "end": end.isoformat() if end is not None else None,
        "precision": ev.when.precision,
        "approximate": ev.when.approximate,
        "uncertain": ev.when.uncertain,
        "date_text": ev.when.text,
        "tz": ev.when.tz,
        "status": ev.status,
        "kind": ev.kind,
        "lane": ev.kind,
        "actors": [ds.actor(a).name for a in ev.actors],
        "places": [ds.place(p).name for p in ev.places],
        "tags": list(ev.tags),
        "quotes": [
            {
                "id": q.id,
                "speaker": ds.actor(q.speaker).name if q.speaker else None,
                "text": q.text,
                "form": q.form,
                "source": q.source,
                "start": q.selector.start if q.selector else None,
                "end": q.selector.end if q.selector else None,
            }
            for q in ev.quotes
        ],
    }
