"""Read a GDELT event export (1.0 or 2.0, plain or zipped) column by column with pyarrow.csv.

One event per row. Mapping: GLOBALEVENTID -> id; SQLDATE -> the day; EventCode -> the title's
phrase (from the CAMEO table: "ARMENIA accuses RUSSIA", "Fight in Village 12") and the summary
("CAMEO 112: Accuse, not specified below"); the CAMEO root (EventCode's first two digits) ->
kind, the lane; Actor1Name, Actor2Name -> actors; ActionGeo_FullName with ActionGeo_Lat/Long ->
the place; SOURCEURL -> the source the event cites (a URL, no text). QuadClass, GoldsteinScale,
NumMentions, NumSources, NumArticles and AvgTone (rounded to 0.01) -> tags such as
``Goldstein: -10`` and ``quad class: 4 Material conflict``: shown in the detail pane, kept by
``convert``, found by the search, and available as lanes by tag.

No Python object per row: names, places, sources, codes and tags are dictionary-encoded
columns whose few distinct values are turned into records; titles are joined column-wise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from viewer.model.dataset import Dataset
from viewer.model.dates import DAY
from viewer.model.errors import LoadError, Problem
from viewer.model.table import NO_PRECISION, PRECISIONS, EventTable

from .builder import unique_id
from .column_ops import days_from_civil_np
from .columns import ColumnarLoaded, LazyEvents
from .gdelt_fields import FIELDS, FORMAT, QUAD_CLASSES, VERSION, cameo_codes, title_parts
from .table_problems import CellProblems, all_numbers, bad_cells, invalid_text, nonempty_lines
from .table_refs import actor_refs, place_refs, source_refs

Progress = Callable[[float, str], None]
_USED = [
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Name",
    "Actor2Name",
    "EventCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "ActionGeo_FullName",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
]
_TAGS = (  # field, tag prefix, what the cell must be
    ("QuadClass", "quad class: ", "QuadClass 1, 2, 3 or 4"),
    ("GoldsteinScale", "Goldstein: ", "a number from -10 to 10 (GoldsteinScale)"),
    ("NumMentions", "mentions: ", "a whole number (NumMentions)"),
    ("NumSources", "sources: ", "a whole number (NumSources)"),
    ("NumArticles", "articles: ", "a whole number (NumArticles)"),
    ("AvgTone", "tone: ", "a number (AvgTone)"),
)
_DAY = PRECISIONS.index("day")


def read_gdelt(
    data: pa.Buffer,
    file: str,
    width: int,
    progress: Progress | None = None,
    member: str = "",
) -> ColumnarLoaded:
    """Read the bytes of a GDELT export of ``width`` fields (``member``: its name in a zip)."""
    report = progress or (lambda _f, _m: None)
    if bytes(data[:3]) == b"\xef\xbb\xbf":
        data = data[3:]
    fields = FIELDS[width]
    used = [f for f in _USED if f in fields]
    where = f"{member}: " if member else ""
    report(0.1, "Reading the GDELT export")
    t = _read(data, file, fields, used, where)
    n = t.num_rows
    if n == 0:
        raise LoadError.single(file, f"{where}the export holds no events; expected event rows")
    problems = CellProblems(file, data, fields, where)
    col = {}
    for f in used:  # each column in one piece; its chunks freed as it goes
        col[f] = t.column(f).combine_chunks()
        t = t.drop_columns([f])
    del t

    report(0.35, f"Checking {n:,} events")
    start = _days(col["SQLDATE"], problems)
    codes = _codes(col["EventCode"], problems)
    tag_off, tag_idx, tag_names = _tags(col, problems)
    lat, lon = (
        _coordinate(col, "ActionGeo_Lat", 90, problems),
        _coordinate(col, "ActionGeo_Long", 180, problems),
    )
    problems.raise_any()

    report(0.55, "Building columns")
    cameo = cameo_codes()
    code_dict = codes.dictionary.to_pylist()
    kinds = list(dict.fromkeys(cameo[c[:2]][1] for c in code_dict))
    kind = np.array([kinds.index(cameo[c[:2]][1]) for c in code_dict], np.int32)[
        codes.indices.to_numpy(zero_copy_only=False)
    ]
    actors = actor_refs(col["Actor1Name"], col["Actor2Name"])
    actor_off, actor_idx, actor_records, a1, a2, actor_names = actors
    place_off, place_idx, place_records = place_refs(col["ActionGeo_FullName"], lat, lon)
    if "SOURCEURL" in col:
        cite_off, cite_idx, source_records = source_refs(col["SOURCEURL"])
    else:
        cite_off, cite_idx, source_records = np.zeros(n + 1, np.int64), np.zeros(0, np.int32), []
    report(0.7, "Making titles")
    titles = _titles(codes, actor_names, a1, a2, col["ActionGeo_FullName"])
    summaries = pc.take(
        pa.array([f"CAMEO {c}: {cameo[c][0]}" for c in code_dict], pa.large_string()),
        codes.indices,
    )
    start_text = _iso_days(col["SQLDATE"])
    ids = _ids(col["GLOBALEVENTID"])
    del col
    table = EventTable.from_columns(
        ids=ids,
        titles=titles,
        summaries=summaries,
        start_text=start_text,
        end_text=_empty(n),
        when_text=_empty(n),
        precision=np.full(n, _DAY, np.uint8),
        end_precision=np.full(n, NO_PRECISION, np.uint8),
        start=start,
        end=start,
        period_end=start + DAY,
        flags=np.zeros(n, np.uint8),
        status=np.zeros(n, np.uint8),
        kind=kind,
        kinds=kinds,
        actor_off=actor_off,
        actor_idx=actor_idx,
        place_off=place_off,
        place_idx=place_idx,
        cite_off=cite_off,
        cite_idx=cite_idx,
        tag_off=tag_off,
        tag_idx=tag_idx,
        tags=tag_names,
        n_quotes=np.zeros(n, np.int32),
    )
    report(0.85, "Checking names")
    stem = file.replace("\\", "/").rsplit("/", 1)[-1]
    header = Dataset.model_validate(
        {
            "title": (member or stem) or "GDELT events",
            "credit": f"{VERSION[width]} event export",
            "sources": source_records,
            "actors": actor_records,
            "places": place_records,
        }
    )
    lazy = LazyEvents(table, header)
    ds = header.model_copy(update={"events": lazy})
    lazy.header = ds
    return ColumnarLoaded(ds, [], file, FORMAT, table)


def _empty(n: int) -> pa.Array:
    return pa.repeat("", n).cast(pa.large_string()) if n else pa.array([], pa.large_string())


def _read(data: pa.Buffer, file: str, fields: list[str], used: list[str], where: str) -> pa.Table:
    """The used fields as string columns; rows with another number of fields are errors."""
    bad: list[tuple[int | None, int, str]] = []

    def invalid(row: Any) -> str:
        bad.append((row.number, row.actual_columns, row.text))
        return "skip"

    def read(threads: bool, handler: Any = None) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(
                column_names=fields, use_threads=threads, block_size=1 << 26
            ),
            parse_options=pacsv.ParseOptions(
                delimiter="\t", quote_char=False, invalid_row_handler=handler
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(used, pa.string()), include_columns=used
            ),
        )

    try:
        try:  # one thread: on this 2-core class of machine as fast, and half the memory
            t = read(False)
        except pa.ArrowInvalid as exc:
            if "columns" not in str(exc):
                raise
            # a row with another number of fields: again, numbering the rows pyarrow refuses
            t = read(False, invalid)
    except pa.ArrowInvalid as exc:
        raise LoadError([invalid_text(data, file, where, exc)]) from None
    if bad:
        lines = nonempty_lines(data)
        out = [
            Problem(
                f"the row has {k} fields; expected {len(fields)} as in every "
                f"{VERSION[len(fields)]} export (tab-separated)",
                f"{where}row {number}" if number else where.rstrip(": "),
                int(lines[number - 1]) if number and number <= len(lines) else None,
                None,
                file,
            )
            for number, k, _text in bad
        ]
        raise LoadError(out)
    return t


def _days(sqldate: pa.Array, problems: CellProblems) -> np.ndarray:
    """Epoch seconds of each SQLDATE (YYYYMMDD)."""
    ok = pc.match_substring_regex(sqldate, r"^[0-9]{8}$").to_numpy(zero_copy_only=False)
    value = pc.cast(pc.if_else(ok, sqldate, "19700101"), pa.int64()).to_numpy()
    y, m, d = value // 10000, value // 100 % 100, value % 100
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    dim = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(m, 0, 12)]
    ok &= (m >= 1) & (m <= 12) & (d >= 1) & (d <= dim + ((m == 2) & leap)) & (y >= 1)
    bad = np.flatnonzero(~ok)
    if len(bad):
        problems.add(
            bad,
            "SQLDATE",
            lambda r: f"got {sqldate[r].as_py()[:20]!r}; expected a day as YYYYMMDD (SQLDATE)",
        )
    days = days_from_civil_np(y, np.clip(m, 1, 12), np.clip(d, 1, 31))
    return days * DAY


def _iso_days(sqldate: pa.Array) -> pa.Array:
    """'20201125' -> '2020-11-25' (column-wise)."""
    parts = [pc.utf8_slice_codeunits(sqldate, a, b) for a, b in ((0, 4), (4, 6), (6, 8))]
    return pc.binary_join_element_wise(*parts, "-").cast(pa.large_string())


def _codes(event_code: pa.Array, problems: CellProblems) -> pa.DictionaryArray:
    """EventCode as a dictionary array; codes not in the CAMEO table are problems."""
    codes = pc.dictionary_encode(event_code)
    cameo = cameo_codes()
    known = np.array([c in cameo and c[:2] in cameo for c in codes.dictionary.to_pylist()])
    if not known.all():
        rows = np.flatnonzero(~known[codes.indices.to_numpy(zero_copy_only=False)])
        problems.add(
            rows,
            "EventCode",
            lambda r: (
                f"got {event_code[r].as_py()[:20]!r}; expected a CAMEO event code "
                "(such as 0871 or 190; see resources/cameo_codes.tsv)"
            ),
        )
        good = pc.take(pa.array(known), codes.indices)
        codes = pc.dictionary_encode(pc.if_else(good, event_code, "010"))  # (refused below)
    return codes


def _tags(col: dict[str, pa.Array], problems: CellProblems) -> tuple[Any, Any, list[str]]:
    """The six tags of each event (offsets, codes, names): a dictionary per field, its few
    distinct values checked and named once."""
    parts = []
    names: list[str] = []
    for field, prefix, expected in _TAGS:
        cells = col[field]
        if field == "AvgTone":
            tone = pc.cast(cells, pa.float64(), safe=False) if all_numbers(cells) else None
            if tone is None:
                bad_cells(cells, field, expected, problems, float)
                continue
            cells = pc.cast(pc.round(tone, 2), pa.string())
        enc = pc.dictionary_encode(cells)
        values = enc.dictionary.to_pylist()
        good = [_tag(field, v) for v in values]
        if any(g is None for g in good):
            bad_codes = np.array([g is None for g in good])
            rows = np.flatnonzero(bad_codes[enc.indices.to_numpy(zero_copy_only=False)])
            problems.add(
                rows,
                field,
                lambda r, c=cells, e=expected: f"got {c[r].as_py()[:20]!r}; expected {e}",
            )
            continue
        parts.append(enc.indices.to_numpy(zero_copy_only=False).astype(np.int32) + len(names))
        names += [prefix + g for g in good]  # type: ignore[operator]
    if not parts:
        n = len(col["SQLDATE"])
        return np.zeros(n + 1, np.int64), np.zeros(0, np.int32), []
    idx = np.stack(parts, axis=1).ravel()
    n = len(parts[0])
    return np.arange(n + 1, dtype=np.int64) * len(parts), idx, names


def _tag(field: str, v: str) -> str | None:
    """The tag text of a cell, or None if the cell is not what the field holds."""
    if field == "QuadClass":
        return f"{v} {QUAD_CLASSES[v]}" if v in QUAD_CLASSES else None
    if field in ("NumMentions", "NumSources", "NumArticles"):
        return v if v.isdigit() else None
    try:
        x = float(v)
    except ValueError:
        return None
    if field == "GoldsteinScale":
        return f"{x:g}" if -10 <= x <= 10 else None
    return f"{x:g}"


def _coordinate(
    col: dict[str, pa.Array], field: str, limit: float, problems: CellProblems
) -> np.ndarray:
    """A latitude or longitude column as float64 (NaN where empty)."""
    cells = col[field]
    empty = pc.equal(cells, "")
    filled = pc.if_else(empty, "nan", cells)
    try:
        x = pc.cast(filled, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        bad_cells(filled, field, "a number (degrees)", problems, float)
        return np.full(len(cells), np.nan)
    out = np.abs(x) > limit
    if out.any():
        problems.add(
            np.flatnonzero(out),
            field,
            lambda r: f"{x[r]} is out of range; expected -{limit:g}..{limit:g}",
        )
    return x


def _titles(
    codes: pa.DictionaryArray,
    actor_names: pa.Array,
    a1: np.ndarray,
    a2: np.ndarray,
    place: pa.Array,
) -> Any:
    """'ARMENIA accuses RUSSIA', 'ARMENIA appeals for aid (RUSSIA)', 'ARMENIA fights',
    'Fight (RUSSIA)', 'Fight in Village 12', 'Fight'."""
    cameo = cameo_codes()
    shorts = [cameo[c][1] for c in codes.dictionary.to_pylist()]
    parts = [title_parts(s) for s in shorts]
    idx = codes.indices

    def per_row(values: list[str]) -> pa.Array:
        return pc.take(pa.array(values, pa.string()), idx)

    mid, end, alone = (per_row([p[k] for p in parts]) for k in range(3))
    short = per_row(shorts)
    n1, n2 = (pc.take(actor_names, pa.array(np.maximum(c, 0))) for c in (a1, a2))
    title = pc.binary_join_element_wise(n1, mid, n2, end, "")  # both actors: most rows
    del mid, end
    has1, has2 = a1 >= 0, a2 >= 0
    for mask, make in (
        (has1 & ~has2, lambda m: pc.binary_join_element_wise(n1.filter(m), alone.filter(m), "")),
        (
            ~has1 & has2,
            lambda m: pc.binary_join_element_wise(short.filter(m), " (", n2.filter(m), ")", ""),
        ),
        (~has1 & ~has2, lambda m: _where(short.filter(m), place.filter(m))),
    ):
        if mask.any():
            m = pa.array(mask)
            title = pc.replace_with_mask(title, m, make(m))
    out = title
    return out.cast(pa.large_string())


def _ids(given: pa.Array) -> Any:
    """GLOBALEVENTID, made unique in linear time where it repeats or is empty."""
    n = len(given)
    try:
        number = pc.cast(given, pa.int64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:  # not all numbers (or some empty)
        number = None
    if number is not None and (
        bool(np.all(np.diff(number) > 0)) or len(np.unique(number)) == n
    ):  # (exports are in GLOBALEVENTID order: one pass)
        return given.cast(pa.large_string())
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    return [
        unique_id(g or f"row-{i + 1}", taken, suffixes) for i, g in enumerate(given.to_pylist())
    ]


def _where(short: pa.Array, place: pa.Array) -> pa.Array:
    """'Fight in Village 12', or 'Fight' where there is no place."""
    joined = pc.binary_join_element_wise(short, " in ", place, "")
    return pc.if_else(pc.equal(place, ""), short, joined)
