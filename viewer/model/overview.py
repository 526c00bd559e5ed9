"""What the detail pane says about a dataset while no event is selected: its title and
description, its sources, how many events and quotes it holds, the time it spans.

Qt-free and plain text: the counts come from the window's columns (no Python object per event
for a big file), the first and last events are the only ones looked at.
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.model.dataset import Dataset, Event, Source
from viewer.model.dates import DateError, describe, parse_date
from viewer.model.listing import partial_dates

MAX_SOURCES = 20  # listed by name; more are counted


@dataclass(frozen=True)
class Overview:
    title: str
    description: str
    counts: str  # "10 events · 14 quotes · 1 source"
    span: str  # "From 27 September 2020 to 1 December 2020"; "" without events
    sources: list[str]  # one line per source
    credit: str  # credit and licence, "" when the dataset gives neither


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def published_text(source: Source) -> str:
    """The publication date for people ('25 November 2020'), as written if it does not parse."""
    if not source.published:
        return ""
    try:
        return describe(parse_date(source.published))
    except (DateError, ValueError):
        return source.published


def source_line(source: Source) -> str:
    """'Title — Publisher, 25 November 2020 — https://…' with the parts the source has."""
    where = ", ".join(p for p in (source.publisher or "", published_text(source)) if p)
    return " — ".join(p for p in (source.title, where, source.url or "") if p)


def span_text(first: Event | None, last: Event | None) -> str:
    """From the start of the first event to the end of the one that ends last."""
    if first is None or last is None:
        return ""
    start = describe(partial_dates(first)[0])
    last_start, last_end = partial_dates(last)
    end = describe(last_end or last_start)
    return start if start == end else f"From {start} to {end}"


def dataset_overview(
    ds: Dataset, n_events: int, n_quotes: int, first: Event | None, last: Event | None
) -> Overview:
    counts = " · ".join(
        (
            _plural(n_events, "event"),
            _plural(n_quotes, "quote"),
            _plural(len(ds.sources), "source"),
        )
    )
    credit = "\n".join(p for p in (ds.credit or "", ds.license or "") if p)
    sources = [source_line(s) for s in ds.sources[:MAX_SOURCES]]
    if len(ds.sources) > MAX_SOURCES:
        sources.append(f"… and {len(ds.sources) - MAX_SOURCES:,} more")
    return Overview(
        title=ds.title,
        description=ds.description,
        counts=counts,
        span=span_text(first, last),
        sources=sources,
        credit=credit,
    )
