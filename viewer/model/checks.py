"""Checks of a parsed dataset beyond field types: ids, references, dates, zones, quote anchors.

:func:`check_dataset` returns the dataset (with moved quotes re-anchored) and every problem found,
each with the JSON path it concerns. Errors make the dataset unusable; warnings do not.
"""

from __future__ import annotations

from collections.abc import Iterable

from .anchors import anchor
from .dataset import Dataset, Event, Quote, Selector, When, text_sha256
from .dates import DateError, PartialDate, check_zone, get_zone, parse_date, start_instant
from .errors import Problem
from .jsonpos import format_path

PathT = tuple[str | int, ...]


def check_dataset(ds: Dataset) -> tuple[Dataset, list[Problem]]:
    problems: list[Problem] = []

    def err(path: PathT, message: str, severity: str = "error") -> None:
        problems.append(Problem(message, path=format_path(path), severity=severity))  # type: ignore[arg-type]

    for kind in ("sources", "actors", "places", "events", "eras"):
        _check_unique(((i, item.id) for i, item in enumerate(getattr(ds, kind))), kind, err)
    quote_ids = (
        (("events", i, "quotes", j), q.id)
        for i, ev in enumerate(ds.events)
        for j, q in enumerate(ev.quotes)
    )
    _check_unique_paths(quote_ids, "quote", err)

    sources = {s.id: s for s in ds.sources}
    actors = {a.id for a in ds.actors}
    places = {p.id for p in ds.places}

    if ds.zone is not None:
        try:
            get_zone(ds.zone)
        except DateError as exc:
            err(("zone",), str(exc))
    for i, src in enumerate(ds.sources):
        if src.published is not None:
            try:
                parse_date(src.published)
            except DateError as exc:
                err(("sources", i, "published"), str(exc))
        if src.text is not None:
            digest = text_sha256(src.text)
            if src.sha256 is None:
                err(("sources", i, "sha256"), f"missing; expected the sha256 of the text: {digest}")
            elif src.sha256.lower() != digest:
                err(
                    ("sources", i, "sha256"),
                    f"does not match the text (the text changed?); expected {digest}",
                )

    for i, era in enumerate(ds.eras):
        _check_era(era.start, era.end, ("eras", i), err)

    moved: dict[tuple[int, int], Selector] = {}
    for i, ev in enumerate(ds.events):
        base: PathT = ("events", i)
        _check_when(ev.when, (*base, "when"), err)
        for field, known, what in (
            ("actors", actors, "actor"),
            ("places", places, "place"),
            ("citations", set(sources), "source"),
        ):
            for j, ref in enumerate(getattr(ev, field)):
                if ref not in known:
                    err(
                        (*base, field, j), f"unknown {what} '{ref}'; expected one of the {what} ids"
                    )
        for j, q in enumerate(ev.quotes):
            new = _check_quote(q, (*base, "quotes", j), sources, actors, err)
            if new is not None:
                moved[(i, j)] = new
    if moved:
        ds = _with_selectors(ds, moved)
    return ds, problems


def _check_unique(items: Iterable[tuple[int, str]], kind: str, err) -> None:  # type: ignore[no-untyped-def]
    _check_unique_paths((((kind, i), item_id) for i, item_id in items), kind[:-1], err)


def _check_unique_paths(items: Iterable[tuple[PathT, str]], what: str, err) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, PathT] = {}
    for path, item_id in items:
        if item_id in seen:
            err(
                (*path, "id"),
                f"duplicate {what} id '{item_id}' (first at {format_path(seen[item_id])})",
            )
        else:
            seen[item_id] = path


def parse_when(when: When) -> tuple[PartialDate, PartialDate | None]:
    """Parse and check a When; raise DateError (with the field name in front) if it is wrong."""
    start = _parse_field(when.start, "start")
    end = _parse_field(when.end, "end") if when.end is not None else None
    if start.precision != when.precision and not (
        when.precision == "minute" and start.precision == "second" and start.second == 0
    ):
        raise DateError(
            f"start: '{when.start}' has {start.precision} precision but precision says "
            f"'{when.precision}'; expected them to agree"
        )
    if end is not None and when.end_precision is not None:
        ep = end.precision
        if ep != when.end_precision and not (when.end_precision == "minute" and ep == "second"):
            raise DateError(
                f"end: '{when.end}' has {ep} precision but end_precision says "
                f"'{when.end_precision}'; expected them to agree"
            )
    if when.tz is not None:
        try:
            get_zone(when.tz)  # an unknown zone is the zone's problem, not start's
        except DateError as exc:
            raise DateError(f"tz: {exc}") from None
    for name, d in (("start", start), ("end", end)):
        if d is None:
            continue
        if d.has_time and d.offset_minutes is None:
            raise DateError(f"{name}: a time of day needs its UTC offset, e.g. '+03:00' or 'Z'")
        if d.has_time and when.tz is not None:
            try:
                check_zone(d, when.tz)
            except DateError as exc:
                raise DateError(f"{name}: {exc}") from None
    if end is not None and start_instant(end) < start_instant(start):
        raise DateError(f"end '{when.end}' is before start '{when.start}'; expected start <= end")
    return start, end


def _parse_field(value: str, name: str) -> PartialDate:
    try:
        return parse_date(value)
    except DateError as exc:
        raise DateError(f"{name}: {exc}") from None


def _check_when(when: When, path: PathT, err) -> None:  # type: ignore[no-untyped-def]
    try:
        parse_when(when)
    except DateError as exc:
        msg = str(exc)
        field = msg.split(":", 1)[0]
        if field in ("start", "end", "tz"):
            err((*path, field), msg.split(": ", 1)[1])
        else:
            err(path, msg)


def _check_era(start: str, end: str, path: PathT, err) -> None:  # type: ignore[no-untyped-def]
    dates: list[PartialDate] = []
    for name, value in (("start", start), ("end", end)):
        try:
            dates.append(parse_date(value))
        except DateError as exc:
            err((*path, name), str(exc))
    if len(dates) == 2 and start_instant(dates[1]) < start_instant(dates[0]):
        err(path, f"end '{end}' is before start '{start}'; expected start <= end")


def _check_quote(q: Quote, path: PathT, sources, actors, err) -> Selector | None:  # type: ignore[no-untyped-def]
    if q.speaker is not None and q.speaker not in actors:
        err((*path, "speaker"), f"unknown actor '{q.speaker}'; expected one of the actor ids")
    if q.source is None:
        if q.selector is not None:
            err((*path, "source"), "a quote with a selector needs the id of its source")
        return None
    src = sources.get(q.source)
    if src is None:
        err((*path, "source"), f"unknown source '{q.source}'; expected one of the source ids")
        return None
    sel = q.selector
    if sel is None:
        return None
    if src.text is None:
        err((*path, "selector"), f"source '{src.id}' has no text to anchor the quote in")
        return None
    if sel.exact != q.text:
        err((*path, "selector", "exact"), "differs from the quote's text; expected the same words")
    if sel.start > sel.end:
        err(
            (*path, "selector"),
            f"start {_num(sel.start)} is after end {_num(sel.end)}; expected start <= end",
        )
        return None
    found = anchor(src.text, sel.exact, sel.prefix, sel.suffix, sel.start, sel.end)
    if found.status == "ok":
        return None
    at = f"{_num(sel.start)}..{_num(sel.end)}"
    outside = sel.end > len(src.text)
    if found.status == "missing":
        has = (
            f"source '{src.id}' has only {len(src.text)} characters"
            if outside
            else f"at {at} it has {_clip(src.text[sel.start : min(sel.end, sel.start + 61)])!r}"
        )
        err(
            (*path, "selector"),
            f"the quote's words are not in source '{src.id}' ({has}); "
            f"expected {_clip(sel.exact)!r}",
        )
        return None
    why = f"{at} is outside the text ({len(src.text)} characters)" if outside else f"not {at}"
    err(
        (*path, "selector"),
        f"quote moved: its words are at {found.start}..{found.end}, {why}; re-anchored",
        "warning",
    )
    return sel.model_copy(update={"start": found.start, "end": found.end})


def _num(n: int) -> str:
    return str(n) if n < 10**15 else f"{n:.3g}"


def _clip(s: str, limit: int = 60) -> str:
    return s if len(s) <= limit else s[:limit] + "…"


def _with_selectors(ds: Dataset, moved: dict[tuple[int, int], Selector]) -> Dataset:
    events: list[Event] = []
    for i, ev in enumerate(ds.events):
        if not any(k[0] == i for k in moved):
            events.append(ev)
            continue
        quotes = [
            q.model_copy(update={"selector": moved[(i, j)]}) if (i, j) in moved else q
            for j, q in enumerate(ev.quotes)
        ]
        events.append(ev.model_copy(update={"quotes": quotes}))
    return ds.model_copy(update={"events": events})
