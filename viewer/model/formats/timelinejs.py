"""Read TimelineJS3 JSON (title slide, events, eras, groups) as a dataset.

Mapping: a slide is an event; ``unique_id`` is its id (else one made from its date and headline);
``group`` is its ``kind`` (the viewer's kind lanes show the groups); headline and text are HTML,
read as plain text (:mod:`html_text`); ``display_date`` is the date's own wording. A
``<blockquote>`` in ``media.url`` is a quote (its ``<cite>`` the speaker), unanchored since there
is no source text; a cited blockquote in the text is a quote too. Other media become a source
(caption, credit, url) the event cites. Eras become ``Dataset.eras``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from viewer.model.dates import PartialDate, format_date
from viewer.model.errors import LoadError, Problem

from .builder import DatasetBuilder, slug
from .common import Loaded
from .html_text import html_to_line, html_to_text, split_quotes
from .tl_dates import FieldError, date_from_fields, when_record

FORMAT = "timelinejs"


def looks_like_timelinejs(obj: Any) -> bool:
    """An object with an ``events`` list of slides that have a ``start_date`` (and no format)."""
    if not isinstance(obj, dict) or "format" in obj:
        return False
    events = obj.get("events")
    return isinstance(events, list) and any(
        isinstance(e, dict) and "start_date" in e for e in events
    )


class SlideError(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def read_timelinejs(obj: Any, file: str) -> Loaded:
    """A parsed TimelineJS JSON object as a dataset; raise LoadError naming the JSON path."""
    b = DatasetBuilder(file, FORMAT, lambda i: f"events[{i}]")
    try:
        meta = _meta(obj, file)
        events = obj["events"]
        for i, slide in enumerate(events):
            _slide(b, slide, f"events[{i}]")
        for i, era in enumerate(_list(obj, "eras")):
            _era(b, era, f"eras[{i}]", i)
    except SlideError as exc:
        raise LoadError([Problem(exc.message, path=exc.path, file=file)]) from None
    if obj.get("scale") not in (None, "human"):
        b.warn(f"scale {obj.get('scale')!r} is not kept; dates are read as human years", "scale")
    return b.finish(meta)


def _meta(obj: dict[str, Any], file: str) -> dict[str, Any]:
    title = Path(file).name.split(".")[0] or "TimelineJS timeline"
    description = ""
    slide = obj.get("title")
    if slide is not None:
        text = _dict(slide, "title").get("text")
        if text is not None:
            text = _dict(text, "title.text")
            title = html_to_line(_str(text.get("headline"), "title.text.headline")) or title
            description = html_to_text(_str(text.get("text"), "title.text.text"))
    return {"title": title, "description": description}


def _dict(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SlideError(path, f"got {_kind(value)}; expected an object")
    return value


def _str(value: Any, path: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SlideError(path, f"got {_kind(value)}; expected a string")
    return str(value)


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SlideError(key, f"got {_kind(value)}; expected a list")
    return value


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _date(slide: dict[str, Any], key: str, path: str) -> PartialDate:
    fields = _dict(slide[key], f"{path}.{key}")
    try:
        return date_from_fields(fields)
    except FieldError as exc:
        raise SlideError(f"{path}.{key}.{exc.field}", exc.message) from None


def _slide(b: DatasetBuilder, slide: Any, path: str) -> None:
    slide = _dict(slide, path)
    if "start_date" not in slide:
        raise SlideError(f"{path}.start_date", "required field is missing; expected {year: ...}")
    start = _date(slide, "start_date", path)
    end = _date(slide, "end_date", path) if slide.get("end_date") is not None else None
    text = _dict(slide.get("text") or {}, f"{path}.text")
    media = _dict(slide.get("media") or {}, f"{path}.media")
    display = slide.get("display_date") or _dict(slide["start_date"], path).get("display_date")
    add_event(
        b,
        start=start,
        end=end,
        display=html_to_line(_str(display, f"{path}.display_date")),
        headline=_str(text.get("headline"), f"{path}.text.headline"),
        text=_str(text.get("text"), f"{path}.text.text"),
        media={k: _str(v, f"{path}.media.{k}") for k, v in media.items()},
        group=_str(slide.get("group"), f"{path}.group"),
        unique_id=_str(slide.get("unique_id"), f"{path}.unique_id"),
        path=path,
    )


def add_event(
    b: DatasetBuilder,
    *,
    start: PartialDate,
    end: PartialDate | None,
    display: str,
    headline: str,
    text: str,
    media: dict[str, str],
    group: str,
    unique_id: str,
    path: str,
) -> None:
    """Add one TimelineJS slide (also a row of the Sheets template) as an event."""
    summary, quotes = split_quotes(text)
    title = html_to_line(headline) or _first_words(summary) or "Untitled event"
    if unique_id.strip():
        if unique_id.strip() in b.event_ids:
            raise SlideError(
                f"{path}.unique_id", f"duplicate unique_id '{unique_id}'; expected each once"
            )
        event_id = b.event_id(unique_id.strip())
    else:
        event_id = b.event_id(slug(f"{format_date(start)} {title}", "event"))
    event: dict[str, Any] = {
        "id": event_id,
        "title": title,
        "summary": summary,
        "when": when_record(start, end, display or None),
        "kind": html_to_line(group) or "event",
    }
    url = media.get("url", "").strip()
    if url.lstrip().lower().startswith("<blockquote"):
        _, media_quotes = split_quotes(url, uncited=True)
        quotes = media_quotes + quotes
    elif url or media.get("caption") or media.get("credit"):
        event["citations"] = [_media_source(b, media, url)]
    if quotes:
        event["quotes"] = [
            {
                "id": f"{event_id}-q{n}",
                "text": q.text,
                "form": "direct",
                **({"speaker": b.actor(q.cite)} if q.cite else {}),
            }
            for n, q in enumerate(quotes, 1)
        ]
        speakers = list(dict.fromkeys(q["speaker"] for q in event["quotes"] if "speaker" in q))
        if speakers:
            event["actors"] = speakers
    b.events.append(event)


def _media_source(b: DatasetBuilder, media: dict[str, str], url: str) -> str:
    caption = html_to_line(media.get("caption", ""))
    credit = html_to_line(media.get("credit", ""))
    link = url if url.startswith(("http://", "https://")) else None
    if url.startswith("//"):
        link = "https:" + url
    title = caption or credit or url or "media"
    return b.source(title[:500], link, type="MediaObject", publisher=credit or None)


def _first_words(text: str, limit: int = 80) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


def _era(b: DatasetBuilder, era: Any, path: str, i: int) -> None:
    era = _dict(era, path)
    for key in ("start_date", "end_date"):
        if key not in era:
            raise SlideError(f"{path}.{key}", "required field is missing; expected {year: ...}")
    start = _date(era, "start_date", path)
    end = _date(era, "end_date", path)
    text = _dict(era.get("text") or {}, f"{path}.text")
    title = html_to_line(_str(text.get("headline"), f"{path}.text.headline"))
    b.eras.append(
        {
            "id": f"era-{i + 1}",
            "title": title or f"Era {i + 1}",
            "start": format_date(start),
            "end": format_date(end),
        }
    )
