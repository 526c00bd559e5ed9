"""The viewer's own CSV (:mod:`.events_csv`) read column-wise: the cells as Arrow columns, dates
parsed as whole columns, kinds, actors, places and tags dictionary-encoded, ids made unique in
linear time; no Python object per row.

A row of the common shape (ISO dates of fixed forms agreeing with their precisions, an end not
before the start, no zone, no quotes, names as "A; B") is read by vectorised code narrower than
the reference; any other row is read by the reference code of :mod:`.events_csv` and the
models, one row at a time, and kept whole (``EventTable.complex``): the same events, records
and messages either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.dataset import Dataset, Event
from viewer.model.errors import MAX_PROBLEMS, Problem
from viewer.model.index import APPROXIMATE, INTERVAL, STATUS_FLAGS, UNCERTAIN, when_flags
from viewer.model.listing import event_span, precision_end
from viewer.model.table import NO_PRECISION, PRECISIONS, STATUSES, EventTable

from .arrow_cells import SPACE
from .column_ops import DATE_BLOCK, concat_dates, parse_table
from .columns import ColumnarLoaded, LazyEvents
from .common import Progress
from .csv_columns import Cell, CsvColumns
from .csv_table import CellError
from .events_csv import DATE_KEYS, FORMAT, KEYS, name_list, quote_list, row_event
from .table_refs import first_use_codes, named_records, offsets_of, split_names
from .whole_rows import numpy_of, whole_events

_ESCAPED = r"^'[=+\-@\t\r']"  # csv_cells.restore: one apostrophe taken away
_FLAGS = ("true", "1", "yes", "false", "0", "no", "")
_STRIPPED = (
    "id", "start", "end", "precision", "endprecision", "approximate", "uncertain", "tz",
    "status", "kind", "quotes",
)  # fmt: skip
_MAX_FORMS = 250  # distinct date_basis texts held as codes (more: those rows are kept whole)


def read_events_columns(cols: CsvColumns, report: Progress) -> ColumnarLoaded:
    n, file = cols.n, cols.file
    report(0.3, f"Checking {n:,} rows")
    v = {k: cols.get(k) for k in KEYS}
    for k in v:
        if k not in DATE_KEYS and pc.any(pc.starts_with(v[k], "'")).as_py():
            v[k] = pc.if_else(  # text cells written inert: restored
                pc.match_substring_regex(v[k], _ESCAPED), pc.utf8_slice_codeunits(v[k], 1), v[k]
            )
    s = {k: pc.utf8_trim(v[k], SPACE) for k in _STRIPPED}  # as str.strip
    found: list[Cell] = []
    hidden = 0  # bad cells beyond the first screenful of a check: counted, not made

    def bad(mask: Any, order: int, column: str, message: Any) -> None:
        nonlocal hidden
        rows = np.flatnonzero(np.asarray(mask))
        hidden += max(len(rows) - MAX_PROBLEMS, 0)
        for k in rows[:MAX_PROBLEMS].tolist():
            found.append(Cell(k, order, column, message(k) if callable(message) else message))

    for order, key in enumerate(("id", "start", "precision", "title")):
        empty = pc.equal(v[key] if key == "title" else s[key], "")
        bad(numpy_of(empty), order, key, f"the {key} is empty; expected a value")
    flags = {}
    for order, key in ((4, "approximate"), (5, "uncertain")):
        low = pc.utf8_lower(s[key])
        ok = numpy_of(pc.is_in(low, pa.array(_FLAGS)))
        bad(
            ~ok,
            order,
            key,
            lambda k, key=key: f"got {v[key][k].as_py()[:20]!r}; expected true or false",
        )
        flags[key] = numpy_of(pc.is_in(low, pa.array(["true", "1", "yes"])))
    lists: dict[str, dict[int, list[str]]] = {}
    for order, key in ((6, "actors"), (7, "places"), (8, "tags")):
        lists[key] = {}
        for k in np.flatnonzero(numpy_of(pc.starts_with(v[key], "["))).tolist():
            try:
                lists[key][k] = name_list(v[key][k].as_py(), key)
            except CellError as exc:
                found.append(Cell(k, order, key, exc.message))
    for k in np.flatnonzero(numpy_of(pc.not_equal(s["quotes"], ""))).tolist():
        try:
            quote_list(_Names(), v["quotes"][k].as_py())  # type: ignore[arg-type]
        except CellError as exc:
            found.append(Cell(k, 9, exc.column, exc.message))
    cols.raise_cells(found, hidden)  # (the rows before a ragged one first, then the ragged row)

    report(0.45, "Reading dates")
    start = s["start"]
    dates = _parse(start)
    prec_code = pc.index_in(s["precision"], pa.array(PRECISIONS)).fill_null(NO_PRECISION)
    precision = numpy_of(prec_code).astype(np.uint8)
    status_code = pc.index_in(s["status"], pa.array(("", *STATUSES)))
    status_ok = numpy_of(status_code.is_valid())
    status = np.maximum(numpy_of(status_code.fill_null(0)).astype(np.int64) - 1, 0).astype(np.uint8)
    quoted = numpy_of(pc.not_equal(s["quotes"], ""))
    basis = numpy_of(pc.not_equal(v["datebasis"], ""))
    forms = pc.dictionary_encode(v["datebasis"])
    form_names = forms.dictionary.to_pylist()
    form_codes = numpy_of(forms.indices).astype(np.int64)
    has_end = numpy_of(pc.not_equal(s["end"], ""))
    ends = _parse(s["end"])
    end_given = numpy_of(pc.not_equal(s["endprecision"], ""))
    end_code = numpy_of(
        pc.index_in(s["endprecision"], pa.array(PRECISIONS)).fill_null(NO_PRECISION)
    ).astype(np.uint8)
    end_ok = (  # an end of a fixed form, not before the start, agreeing with end_precision
        ends.ok & (ends.start >= dates.start) & (~end_given | (end_code == ends.precision))
    )
    simple = (
        dates.ok
        & (dates.precision == precision)
        & np.where(has_end, end_ok, ~end_given)
        & numpy_of(pc.equal(s["tz"], ""))
        & status_ok
        & ~quoted
    )
    if len(form_names) > _MAX_FORMS:
        simple &= ~basis
    for key in lists:
        if lists[key]:
            simple[list(lists[key])] = False

    report(0.6, "Resolving names")
    ids = _unique_ids(s["id"])
    actors_p = split_names(v["actors"], lists["actors"])
    places_p = split_names(v["places"], lists["places"])
    tags_p = split_names(v["tags"], lists["tags"])
    rest = np.flatnonzero(~simple).tolist()
    events = {k: _reference_event(cols, v, k) for k in rest}
    speakers = [
        (k, q["speaker"]) for k in rest for q in events[k].get("quotes", []) if "speaker" in q
    ]
    spk = (
        np.array([k for k, _ in speakers], np.int64),
        pa.array([x for _, x in speakers], pa.string()),
    )
    (actor_codes, _), actor_names = first_use_codes([actors_p, spk])
    (place_codes,), place_names = first_use_codes([places_p])
    (tag_codes,), tag_names = first_use_codes([tags_p])
    actors = named_records(actor_names, "actor", {"kind": "person"})
    places = named_records(place_names, "place", {})
    header = Dataset.model_validate(
        {"title": Path(file).name.split(".")[0] or "Events", "actors": actors, "places": places}
    )

    report(0.75, "Checking rows")
    whole, warnings = _whole_events(cols, events, ids, actors, header)

    kind_text = pc.if_else(pc.equal(s["kind"], ""), "event", s["kind"])
    kinds = pc.dictionary_encode(kind_text)
    f = np.where(flags["approximate"], APPROXIMATE, 0) | np.where(flags["uncertain"], UNCERTAIN, 0)
    f = f | np.array([STATUS_FLAGS.get(x, 0) for x in STATUSES], np.int64)[status]
    start_t = dates.start.copy()
    end_t = np.where(has_end, ends.start, start_t)
    period_end = np.where(has_end, ends.period_end, dates.period_end)
    end_precision = np.where(end_given, end_code, NO_PRECISION).astype(np.uint8)
    f = f | np.where(has_end, INTERVAL, 0)
    n_quotes = np.zeros(n, np.int32)
    for k, ev in whole.items():
        start_t[k], end_t[k] = event_span(ev)
        period_end[k] = precision_end(ev)
        f[k] = when_flags(ev) | STATUS_FLAGS.get(ev.status, 0)
        precision[k] = PRECISIONS.index(ev.when.precision)
        end_precision[k] = (
            PRECISIONS.index(ev.when.end_precision)
            if ev.when.end_precision is not None
            else NO_PRECISION
        )
        n_quotes[k] = len(ev.quotes)
    escaped = [x.replace("{", "{{").replace("}", "}}") for x in form_names]
    basis_code = np.where(basis & simple, form_codes, NO_PRECISION).astype(np.uint8)
    large = pa.large_string()
    table = EventTable.from_columns(
        ids=ids,
        titles=v["title"].cast(large),
        summaries=v["summary"].cast(large),
        start_text=start.cast(large),
        end_text=s["end"].cast(large),
        when_text=v["datetext"].cast(large),
        precision=precision,
        end_precision=end_precision,
        start=start_t,
        end=end_t,
        period_end=period_end,
        flags=f.astype(np.uint8),
        status=status,
        kind=numpy_of(kinds.indices),
        kinds=kinds.dictionary.to_pylist(),
        actor_off=offsets_of(actors_p[0], n),
        actor_idx=actor_codes,
        place_off=offsets_of(places_p[0], n),
        place_idx=place_codes,
        tag_off=offsets_of(tags_p[0], n),
        tag_idx=tag_codes,
        tags=tag_names,
        cite_off=np.zeros(n + 1, np.int64),
        cite_idx=np.zeros(0, np.int32),
        n_quotes=n_quotes,
        complex=whole,
        basis_code=basis_code,
        basis_forms=escaped if len(escaped) <= _MAX_FORMS else [],
    )
    lazy = LazyEvents(table, header)
    ds = header.model_copy(update={"events": lazy})
    lazy.header = ds
    report(0.9, "Done")
    return ColumnarLoaded(ds, warnings, file, FORMAT, table)


def _parse(texts: pa.Array) -> Any:
    """Dates of the fixed ISO forms, parsed from the column's bytes a block at a time."""
    texts = texts.cast(pa.large_string())
    n = len(texts)
    bufs = texts.buffers()
    off = np.frombuffer(bufs[1], np.int64)[texts.offset : texts.offset + n + 1]
    data = np.frombuffer(bufs[2], np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    chars = np.append(data, np.zeros(32, np.uint8))  # (no form reads past a text's end)
    first, lens = off[:-1], np.diff(off)
    blocks = [
        parse_table(first[a : a + DATE_BLOCK], lens[a : a + DATE_BLOCK], chars)
        for a in range(0, max(n, 1), DATE_BLOCK)
    ]
    return concat_dates(blocks)


def _unique_ids(given: pa.Array) -> pa.Array:
    """``builder.unique_id`` of each row's id in row order (ids already unique: as they are)."""
    n = len(given)
    if n == 0 or (len(pc.unique(given)) == n and pc.max(pc.utf8_length(given)).as_py() <= 190):
        return given.cast(pa.large_string())
    from .builder import unique_id

    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    return pa.array([unique_id(x, taken, suffixes) for x in given.to_pylist()], pa.large_string())


class _Names:
    """A stand-in for DatasetBuilder that gives names back for ids (the records and their ids
    are made for the whole table at once)."""

    def event_id(self, wanted: str) -> str:
        return wanted

    def actor(self, name: str, _kind: str = "person") -> str:
        return name

    def place(self, name: str) -> str:
        return name


def _reference_event(cols: CsvColumns, v: dict[str, pa.Array], k: int) -> dict[str, Any]:
    cells = {key: v[key][k].as_py() for key in v}
    try:
        return row_event(_Names(), cells)  # type: ignore[arg-type]
    except CellError as exc:  # (checked column-wise already)
        raise AssertionError(exc) from None


def _whole_events(
    cols: CsvColumns,
    events: dict[int, dict[str, Any]],
    ids: pa.Array,
    actors: list[dict[str, Any]],
    header: Dataset,
) -> tuple[dict[int, Event], list[Problem]]:
    """The rows not of the common shape as validated and checked events (the reference
    reader's messages, at their rows)."""
    if not events:
        return {}, []
    actor_id = {a["name"]: a["id"] for a in actors}
    place_id = {p.name: p.id for p in header.places}
    rest = sorted(events)
    for k in rest:
        ev = events[k]
        ev["id"] = ids[k].as_py()
        ev["actors"] = [actor_id[x] for x in ev["actors"]]
        ev["places"] = [place_id[x] for x in ev["places"]]
        for q in ev.get("quotes", []):
            if "speaker" in q:
                q["speaker"] = actor_id[q["speaker"]]
    rows: dict[int, int] = {}

    def where(i: int) -> str:
        if not rows:
            rows.update((k, r) for k, (r, _l, _c) in cols.locate(rest).items())
        return f"row {rows[rest[i]]}"

    return whole_events(events, header, where, cols.file)
