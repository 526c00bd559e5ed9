"""The columns of events parsed by orjson (dicts and lists): the fast path's reading of files
that msgspec refuses as a whole, where any event may be of any JSON type."""

from __future__ import annotations

from typing import Any

import numpy as np

from .columns import NO_PRECISION
from .simple_events import PREC_CODE, STATUS_CODE, Chunk, CodeTable

SIMPLE_KEYS = frozenset(
    ("id", "title", "summary", "when", "status", "kind", "actors", "places", "tags", "citations")
)
WHEN_KEYS = frozenset(("start", "end", "precision", "end_precision", "approximate", "uncertain"))
_EMPTY: dict[str, Any] = {}
_MISSING = object()  # the type of no JSON value
_REQUIRED = frozenset(("id", "title", "when"))
_END_PREC_CODE = CodeTable({**PREC_CODE, _MISSING: NO_PRECISION})


def _type_mask(col: list[Any], types: set[type]) -> np.ndarray | None:
    """None if every item is of one of ``types``, else where they are."""
    if set(map(type, col)) <= types:
        return None
    return np.fromiter((type(x) in types for x in col), bool, len(col))


def objects_chunk(events: list[Any]) -> Chunk:
    """The events as one chunk: where an event is of the simple shape (known fields only, each
    of a JSON type the models accept as it is, a strict subset of what Event accepts) and its
    fields, with harmless placeholders where it is not.

    Bulk checks over whole columns (``set(map(type, col))``) keep this near C speed.
    """
    n = len(events)
    simple = np.ones(n, bool)
    m = _type_mask(events, {dict})
    if m is not None:
        simple &= m
        events = [e if ok else _EMPTY for e, ok in zip(events, m.tolist(), strict=True)]

    def shape_mask(objs: list[dict[str, Any]], allowed: frozenset[str], required: frozenset[str]):  # type: ignore[no-untyped-def]
        shapes = list(map(tuple, objs))
        ok = {s: allowed.issuperset(s) and required.issubset(s) for s in set(shapes)}
        if not all(ok.values()):
            simple[:] &= np.fromiter(map(ok.__getitem__, shapes), bool, n)

    def column(objs: list[dict[str, Any]], key: str, default: Any, types: set[type]) -> list[Any]:
        col = [o.get(key, default) for o in objs]
        bad = _type_mask(col, types)
        if bad is not None:
            simple[:] &= bad
            col = [x if ok else default for x, ok in zip(col, bad.tolist(), strict=True)]
        return col

    shape_mask(events, SIMPLE_KEYS, _REQUIRED)
    whens = column(events, "when", _EMPTY, {dict})
    shape_mask(whens, WHEN_KEYS, frozenset(("start", "precision")))
    lists = {}
    for key in ("actors", "places", "tags", "citations"):
        col = column(events, key, [], {list})
        flat = [x for lst in col for x in lst]
        if _type_mask(flat, {str}) is not None:
            ok = np.fromiter((all(type(x) is str for x in lst) for lst in col), bool, n)
            simple &= ok
            col = [lst if good else [] for lst, good in zip(col, ok.tolist(), strict=True)]
        lists[key] = col
    ids = column(events, "id", "", {str})
    lens = np.fromiter(map(len, ids), np.int64, n)
    simple &= (lens >= 1) & (lens <= 200)
    titles = column(events, "title", "", {str})
    simple &= np.fromiter(map(bool, titles), bool, n)
    # a null end or end_precision is what the models take for an absent one, but it is left
    # to them: only strings are read here (_MISSING marks an absent value)
    end = column(whens, "end", _MISSING, {str, object})
    simple &= np.fromiter((e != "" for e in end), bool, n)
    end_precision = column(whens, "end_precision", _MISSING, {str, object})

    def codes(values: list[Any], table: dict[Any, int]) -> np.ndarray:
        return np.fromiter(map(table.__getitem__, values), np.uint8, n)

    return Chunk(
        ids=ids,
        titles=titles,
        summaries=column(events, "summary", "", {str}),
        status=codes(column(events, "status", "occurred", {str}), STATUS_CODE),
        kind=column(events, "kind", "event", {str}),
        start=column(whens, "start", "", {str}),
        precision=codes(column(whens, "precision", "", {str}), PREC_CODE),
        end=[e if type(e) is str else "" for e in end],
        end_precision=codes(end_precision, _END_PREC_CODE),
        approximate=np.array(column(whens, "approximate", False, {bool}), bool),
        uncertain=np.array(column(whens, "uncertain", False, {bool}), bool),
        **lists,
        simple=simple,
    )
