"""The events of an EventTable as the JSON objects the native writer writes, made column by
column (no pydantic model per event): the same objects, in the same key order, as
``Event.model_dump(mode="json", exclude_none=True)`` of the events the table stands for.

Saving 1e5 events this way takes a fraction of a second instead of the ten seconds of making
each Event first.
"""

from __future__ import annotations

from typing import Any

from viewer.model.dataset import Dataset
from viewer.model.index import APPROXIMATE, UNCERTAIN
from viewer.model.table import NO_PRECISION, PRECISIONS, STATUSES, EventTable


def _lists(off: Any, idx: Any, names: list[Any]) -> list[list[Any]]:
    flat = [names[k] for k in idx.tolist()]
    o = off.tolist()
    return [flat[o[i] : o[i + 1]] for i in range(len(o) - 1)]


def event_objects(table: EventTable, header: Dataset) -> list[dict[str, Any]]:
    """One JSON object per row, in row order; rows kept whole (``complex``) dumped by pydantic."""
    n = table.n
    ids, titles, summaries = table.ids.tolist(), table.titles.tolist(), table.summaries.tolist()
    starts, ends, texts = (
        table.start_text.tolist(),
        table.end_text.tolist(),
        table.when_text.tolist(),
    )
    precision, end_precision = table.precision.tolist(), table.end_precision.tolist()
    flags, status, basis = table.flags.tolist(), table.status.tolist(), table.basis_code.tolist()
    kinds = table.kinds
    kind = table.kind.tolist()
    actors = _lists(table.actor_off, table.actor_idx, [a.id for a in header.actors])
    places = _lists(table.place_off, table.place_idx, [p.id for p in header.places])
    tags = _lists(table.tag_off, table.tag_idx, table.tags)
    cites = _lists(table.cite_off, table.cite_idx, [s.id for s in header.sources])
    out: list[dict[str, Any]] = []
    for i in range(n):
        whole = table.complex.get(i)
        if whole is not None:
            out.append(whole.model_dump(mode="json", exclude_none=True))
            continue
        when: dict[str, Any] = {"start": starts[i]}
        if ends[i]:
            when["end"] = ends[i]
        when["precision"] = PRECISIONS[precision[i]]
        if end_precision[i] != NO_PRECISION:
            when["end_precision"] = PRECISIONS[end_precision[i]]
        when["approximate"] = bool(flags[i] & APPROXIMATE)
        when["uncertain"] = bool(flags[i] & UNCERTAIN)
        if texts[i]:
            when["text"] = texts[i]
        if basis[i] != NO_PRECISION:
            when["basis"] = table.basis_forms[basis[i]].format(date=texts[i])
        out.append(
            {
                "id": ids[i],
                "title": titles[i],
                "summary": summaries[i],
                "when": when,
                "status": STATUSES[status[i]],
                "kind": kinds[kind[i]],
                "actors": actors[i],
                "places": places[i],
                "tags": tags[i],
                "quotes": [],
                "citations": cites[i],
            }
        )
    return out
