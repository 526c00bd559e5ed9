"""The viewer's own CSV: one row per event, written by ``convert --to csv`` and read back.

Columns: id, start, end, precision, end_precision, approximate, uncertain, tz, date_text,
date_basis, status, kind, title, summary, actors, places, tags, quotes. Actors and places are
names; lists are joined with "; " (a JSON array when a name holds ";"); ``quotes`` is a JSON
array of {id, speaker (a name), text, form}. Native -> CSV -> native keeps every event, date,
precision and quote text; what a table cannot hold (sources, anchors ...) is reported as lost.
Text cells are written inert (see :mod:`csv_cells`) unless raw cells are asked for; the reader
restores them. The dates (start, end) are never changed.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from viewer.model.dataset import Dataset

from .builder import DatasetBuilder
from .csv_cells import inert
from .csv_table import CellError, Table

FORMAT = "events-csv"
COLUMNS = (
    "id",
    "start",
    "end",
    "precision",
    "end_precision",
    "approximate",
    "uncertain",
    "tz",
    "date_text",
    "date_basis",
    "status",
    "kind",
    "title",
    "summary",
    "actors",
    "places",
    "tags",
    "quotes",
)
KEYS = tuple(c.replace("_", "") for c in COLUMNS)
DATE_KEYS = ("start", "end")  # not text cells: a date before year 0 begins with '-'
_TEXT_CELLS = tuple(i for i, c in enumerate(COLUMNS) if c not in DATE_KEYS)
_TRUE = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False, "": False}


def looks_like_events_csv(table: Table) -> bool:
    return table.has("id", "start", "precision", "title")


# --- writing ---------------------------------------------------------------------------------


def _join(items: list[str]) -> str:
    if any(";" in s for s in items):
        return json.dumps(items, ensure_ascii=False)
    return "; ".join(items)


def events_csv_text(ds: Dataset, raw_cells: bool = False) -> tuple[str, list[str]]:
    """The CSV text of a dataset and the list of what it could not hold; text cells are inert
    (a leading apostrophe before =, +, -, @, tab, CR) unless ``raw_cells``."""
    out = io.StringIO()
    # CRLF rows (RFC 4180): the csv module quotes a cell only for the characters of its line
    # terminator, so with "\n" alone a carriage return in a title would end the row
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    actor_names = {a.id: a.name for a in ds.actors}
    place_names = {p.id: p.name for p in ds.places}
    for ev in ds.events:
        when = ev.when
        quotes = [
            {
                "id": q.id,
                "speaker": actor_names.get(q.speaker) if q.speaker else None,
                "text": q.text,
                "form": q.form,
            }
            for q in ev.quotes
        ]
        row = [
            ev.id,
            when.start,
            when.end or "",
            when.precision,
            when.end_precision or "",
            "true" if when.approximate else "",
            "true" if when.uncertain else "",
            when.tz or "",
            when.text or "",
            when.basis or "",
            ev.status,
            ev.kind,
            ev.title,
            ev.summary,
            _join([actor_names.get(a, a) for a in ev.actors]),
            _join([place_names.get(p, p) for p in ev.places]),
            _join(ev.tags),
            json.dumps(quotes, ensure_ascii=False) if quotes else "",
        ]
        if not raw_cells:
            for i in _TEXT_CELLS:
                row[i] = inert(row[i])
        w.writerow(row)
    return out.getvalue(), lost_in_table(ds)


def lost_in_table(ds: Dataset) -> list[str]:
    lost = []
    cited = sum(1 for e in ds.events if e.citations)
    if ds.sources:
        lost.append(f"{len(ds.sources)} sources (titles, urls, texts) cited by {cited} events")
    anchors = sum(1 for e in ds.events for q in e.quotes if q.selector is not None)
    if anchors:
        lost.append(f"{anchors} quote anchors (selectors)")
    actors = sum(1 for a in ds.actors if a.aliases or a.kind != "person")
    if actors:
        lost.append(f"kinds and aliases of {actors} actors")
    places = sum(1 for p in ds.places if p.aliases or p.lat is not None or p.kind != "place")
    if places:
        lost.append(f"kinds, aliases and coordinates of {places} places")
    if ds.eras:
        lost.append(f"{len(ds.eras)} eras")
    meta = [k for k in ("description", "language", "credit", "license", "zone") if getattr(ds, k)]
    lost.append("the dataset's title" + (" and " + ", ".join(meta) if meta else ""))
    return lost


# --- reading ---------------------------------------------------------------------------------


def name_list(value: str, column: str) -> list[str]:
    if not value:
        return []
    if value.startswith("["):
        try:
            items = json.loads(value)
        except json.JSONDecodeError as exc:
            raise CellError(column, f'invalid JSON list: {exc.msg}; expected ["a", "b"]') from None
        if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
            raise CellError(column, "expected a JSON list of strings")
        return items
    return [s.strip() for s in value.split(";") if s.strip()]


def row_event(b: DatasetBuilder, v: dict[str, str]) -> dict[str, Any]:
    for key in ("id", "start", "precision", "title"):
        if not (v[key] if key == "title" else v[key].strip()):  # a title is text as native keeps it
            raise CellError(key, f"the {key} is empty; expected a value")
    when: dict[str, Any] = {"start": v["start"].strip(), "precision": v["precision"].strip()}
    for key, name in (("end", "end"), ("endprecision", "end_precision"), ("tz", "tz")):
        if v[key].strip():
            when[name] = v[key].strip()
    for key in ("approximate", "uncertain"):
        flag = _TRUE.get(v[key].strip().lower())
        if flag is None:
            raise CellError(key, f"got {v[key][:20]!r}; expected true or false")
        when[key] = flag
    if v["datetext"]:
        when["text"] = v["datetext"]
    if v["datebasis"]:
        when["basis"] = v["datebasis"]
    event: dict[str, Any] = {
        "id": b.event_id(v["id"].strip()),
        "title": v["title"],
        "summary": v["summary"],
        "when": when,
        "status": v["status"].strip() or "occurred",
        "kind": v["kind"].strip() or "event",
        "actors": [b.actor(n) for n in name_list(v["actors"], "actors")],
        "places": [b.place(n) for n in name_list(v["places"], "places")],
        "tags": name_list(v["tags"], "tags"),
    }
    if v["quotes"].strip():
        event["quotes"] = quote_list(b, v["quotes"])
    return event


def quote_list(b: DatasetBuilder, value: str) -> list[dict[str, Any]]:
    try:
        items = json.loads(value)
    except json.JSONDecodeError as exc:
        raise CellError(
            "quotes", f"invalid JSON: {exc.msg}; expected a JSON list of quotes"
        ) from None
    if not isinstance(items, list):
        raise CellError("quotes", "expected a JSON list of {id, speaker, text, form}")
    out = []
    for n, q in enumerate(items, 1):
        if not isinstance(q, dict) or not isinstance(q.get("text"), str) or not q["text"]:
            raise CellError("quotes", f'quote {n} has no text; expected {{"text": ...}}')
        quote: dict[str, Any] = {"id": str(q.get("id") or f"q{n}"), "text": q["text"]}
        if q.get("form") in ("direct", "reported"):
            quote["form"] = q["form"]
        speaker = q.get("speaker")
        if isinstance(speaker, str) and speaker.strip():
            quote["speaker"] = b.actor(speaker.strip())
        out.append(quote)
    return out
