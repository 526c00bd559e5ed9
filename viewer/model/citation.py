"""An event or a quote with its citation, as plain text and as HTML, for the clipboard.

The citation names the speaker, the date, and the source's title, publisher, publication date
and URL (what the dataset has of them). Every dataset string in the HTML is escaped; a URL is
a link only when it is http(s).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from viewer.model.dataset import Dataset, Event, Quote, Source
from viewer.model.listing import date_text
from viewer.model.overview import published_text


@dataclass(frozen=True)
class Copied:
    text: str
    html: str


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _source_of(ds: Dataset, source_id: str | None) -> Source | None:
    if not source_id:
        return None
    try:
        return ds.source(source_id)
    except KeyError:
        return None


def _speaker(ds: Dataset, quote: Quote) -> str:
    if not quote.speaker:
        return "unknown speaker"
    try:
        return ds.actor(quote.speaker).name
    except KeyError:
        return quote.speaker


def source_citation(source: Source) -> Copied:
    """'Source: Title, Publisher, 25 November 2020, https://…' in both forms."""
    parts = [p for p in (source.publisher or "", published_text(source)) if p]
    text = "Source: " + ", ".join([source.title, *parts, *([source.url] if source.url else [])])
    title = f"<i>{_e(source.title)}</i>"
    if source.url and source.url.lower().startswith(("http://", "https://")):
        title = f'<a href="{_e(source.url)}">{title}</a>'
    rest = "".join(f", {_e(p)}" for p in parts)
    if source.url and "href" not in title:
        rest += f", {_e(source.url)}"
    return Copied(text, f"<p>Source: {title}{rest}</p>")


def _quote_lines(ds: Dataset, event: Event, quote: Quote) -> Copied:
    words = f"“{quote.text}”" if quote.form == "direct" else quote.text
    kind = "" if quote.form == "direct" else " (reported speech)"
    said = f"— {_speaker(ds, quote)}, {date_text(event)}{kind}"
    return Copied(
        f"{words}\n{said}", f"<blockquote><p>{_e(words)}</p><p>{_e(said)}</p></blockquote>"
    )


def _sources(ds: Dataset, event: Event, quotes: list[Quote]) -> list[Source]:
    ids = [q.source for q in quotes if q.source] + list(event.citations)
    seen: list[Source] = []
    for sid in ids:
        src = _source_of(ds, sid)
        if src is not None and all(s.id != src.id for s in seen):
            seen.append(src)
    return seen


def _join(parts: list[Copied]) -> Copied:
    return Copied("\n\n".join(p.text for p in parts), "\n".join(p.html for p in parts))


def quote_copy(ds: Dataset, event: Event, quote: Quote) -> Copied:
    """One quote: its words, who said them and when (the event's date), and its source."""
    parts = [_quote_lines(ds, event, quote)]
    parts += [source_citation(s) for s in _sources(ds, event, [quote])[:1]]
    return _join(parts)


def event_copy(ds: Dataset, event: Event) -> Copied:
    """An event: title, date and status, summary, its quotes with speakers, its sources."""
    head = f"{event.title}\n{date_text(event)} · {event.status}"
    parts = [
        Copied(
            head,
            f"<p><b>{_e(event.title)}</b><br>{_e(date_text(event))} · {_e(event.status)}</p>",
        )
    ]
    if event.summary:
        parts.append(Copied(event.summary, f"<p>{_e(event.summary)}</p>"))
    parts += [_quote_lines(ds, event, q) for q in event.quotes]
    parts += [source_citation(s) for s in _sources(ds, event, event.quotes)]
    return _join(parts)
