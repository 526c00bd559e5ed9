"""Write a dataset as TimelineJS3 JSON, and say what TimelineJS cannot hold.

An event is a slide: ``unique_id`` its id, ``group`` its kind, headline and text HTML-escaped,
``display_date`` the date's wording, the precision kept by which date fields are present. The
first quote is the slide's media (``<blockquote>TEXT<cite>SPEAKER</cite></blockquote>``), further
quotes are cited blockquotes in the text; otherwise a cited source with a url is the media (its
title the caption, its publisher the credit). TimelineJS has no time zones: a zoned time is
written in UTC. Eras are written as eras.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from viewer.model.checks import parse_when
from viewer.model.dataset import Dataset, Event
from viewer.model.dates import PartialDate, parse_date

from .tl_dates import utc_fields


def timelinejs_text(ds: Dataset) -> tuple[str, list[str]]:
    """The TimelineJS JSON text of a dataset and the list of what it could not hold."""
    obj, lost = timelinejs_obj(ds)
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n", lost


def _date(d: PartialDate, precision: str, tz: str | None) -> tuple[dict[str, int], bool]:
    fields, zoned = utc_fields(d, tz)
    if precision == "minute":
        fields.pop("second", None)
    return fields, zoned


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _blockquote(text: str, speaker: str | None) -> str:
    return f"<blockquote>{escape(text)}<cite>{escape(speaker or '')}</cite></blockquote>"


def timelinejs_obj(ds: Dataset) -> tuple[dict[str, Any], list[str]]:
    names = {a.id: a.name for a in ds.actors}
    sources = {s.id: s for s in ds.sources}
    counts = dict.fromkeys(
        ("zones", "flags", "status", "refs", "basis", "reported", "anchors", "cites"), 0
    )
    slides = []
    for ev in ds.events:
        slides.append(_slide(ev, names, sources, counts))
    obj: dict[str, Any] = {
        "title": {"text": {"headline": escape(ds.title), "text": _html(ds.description)}},
        "events": slides,
    }
    if ds.eras:
        obj["eras"] = [
            {
                "start_date": utc_fields(parse_date(era.start))[0],
                "end_date": utc_fields(parse_date(era.end))[0],
                "text": {"headline": escape(era.title)},
            }
            for era in ds.eras
        ]
    return obj, _lost(ds, counts)


def _slide(ev: Event, names: dict[str, str], sources: dict[str, Any], counts: dict[str, int]):  # type: ignore[no-untyped-def]
    when = ev.when
    start, end = parse_when(when)
    start_date, zoned = _date(start, when.precision, when.tz)
    slide: dict[str, Any] = {"unique_id": ev.id, "start_date": start_date}
    if end is not None:
        slide["end_date"], end_zoned = _date(end, when.end_precision or when.precision, when.tz)
        zoned = zoned or end_zoned
    counts["zones"] += zoned
    counts["flags"] += when.approximate or when.uncertain
    counts["status"] += ev.status != "occurred"
    counts["basis"] += when.basis is not None
    speakers = {q.speaker for q in ev.quotes}
    counts["refs"] += bool(ev.places or ev.tags or set(ev.actors) - speakers)
    counts["reported"] += sum(q.form == "reported" for q in ev.quotes)
    counts["anchors"] += sum(q.selector is not None for q in ev.quotes)
    if when.text:
        slide["display_date"] = when.text
    body = _html(ev.summary)
    cited = [sources[c] for c in ev.citations if c in sources]
    media: dict[str, str] = {}
    quotes = list(ev.quotes)
    if quotes:
        first = quotes.pop(0)
        media["url"] = _blockquote(first.text, names.get(first.speaker or ""))
    elif cited and cited[0].url:
        media.update(url=cited[0].url, caption=escape(cited[0].title))
    if cited:
        credit = "; ".join(escape(s.publisher or s.title) for s in cited)
        media["credit"] = credit
        if cited[0].url:
            media["link"] = cited[0].url
    for q in quotes:
        body += _blockquote(q.text, names.get(q.speaker or ""))
    slide["text"] = {"headline": escape(ev.title), "text": body}
    if media.get("url"):
        slide["media"] = media
    else:
        counts["cites"] += bool(cited)
    slide["group"] = ev.kind
    return slide


def _lost(ds: Dataset, counts: dict[str, int]) -> list[str]:
    lost = []
    if counts["anchors"]:
        lost.append(f"{counts['anchors']} quote anchors (selectors)")
    texts = sum(s.text is not None for s in ds.sources)
    if texts:
        lost.append(f"source texts of {texts} sources")
    phrases = (
        ("zones", "time zones of {} events (their times are written in UTC)"),
        ("flags", "approximate/uncertain flags of {} events"),
        ("status", "status (planned, ongoing ...) of {} events"),
        ("basis", "date bases (how a date was resolved) of {} events"),
        ("refs", "actors, places and tags of {} events"),
        ("reported", "form 'reported' of {} quotes"),
        ("cites", "the sources of {} events (no quote or url to hang them on)"),
    )
    lost += [text.format(counts[key]) for key, text in phrases if counts[key]]
    meta = [k for k in ("language", "credit", "license", "zone") if getattr(ds, k)]
    if meta:
        lost.append("the dataset's " + ", ".join(meta))
    return lost
