"""The checks of a Parquet dataset that go beyond its columns' shapes: the events the columns
do not hold (or hold wrongly) through the models and :mod:`viewer.model.checks`, as for a
native file, and unique event ids."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import ValidationError

from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset, Event
from viewer.model.errors import LoadError, Problem, cap_problems

from .native import error_problems
from .parquet_columns import strings


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the layout as the JSON object of an event (absent optional fields left out,
    so that the model's defaults and messages apply)."""
    when = {
        k: row[c]
        for k, c in (
            ("start", "start"),
            ("end", "end"),
            ("precision", "precision"),
            ("end_precision", "end_precision"),
            ("approximate", "approximate"),
            ("uncertain", "uncertain"),
            ("tz", "tz"),
            ("text", "date_text"),
            ("basis", "basis"),
        )
        if row[c] is not None or k in ("start", "precision")
    }
    out: dict[str, Any] = {"id": row["id"], "title": row["title"], "when": when}
    for key in ("summary", "status", "kind", "actors", "places", "tags", "citations"):
        if row[key] is not None:
            out[key] = row[key]
    if row["quotes"] is not None:
        out["quotes"] = [
            {k: v for k, v in q.items() if v is not None} if isinstance(q, dict) else q
            for q in row["quotes"]
        ]
    if row.get("draft") is not None:
        out["draft"] = row["draft"]
    return out


def check_whole(
    header: Dataset, cols: dict[str, pa.Array], rows: list[int], file: str
) -> tuple[dict[int, Event], list[Any], list[Problem]]:
    """The events of ``rows`` through the models and the checks of a native file, and the
    sources (checked with them); LoadError with every problem (paths of the whole file)."""
    errors: list[dict[str, Any]] = []
    events: dict[int, Event] = {}
    picked = []
    if rows:
        at = pa.array(rows, pa.int64())
        picked = pa.table({name: column.take(at) for name, column in cols.items()}).to_pylist()
    for i, row in zip(rows, picked, strict=True):
        try:
            events[i] = Event.model_validate(event_dict(row))
        except ValidationError as exc:
            for err in exc.errors(include_url=False, include_context=False):
                err["loc"] = ("events", i, *err["loc"])
                errors.append(err)
    if errors:
        raise LoadError(error_problems(errors, len(errors), "", file))
    mini = header.model_copy(update={"events": [events[i] for i in rows]})
    checked, problems = check_dataset(mini)
    out = []
    for p in problems:
        if p.path.startswith("events[") and "duplicate event id" in p.message:
            continue  # checked over every event
        path = p.path
        if path.startswith("events["):
            k, tail = path[7:].split("]", 1)
            path = f"events[{rows[int(k)]}]{tail}"
        out.append(Problem(p.message, path, None, None, file, p.severity))
    if errs := [p for p in out if p.severity == "error"]:
        raise LoadError(cap_problems(errs))
    for k, i in enumerate(rows):
        events[i] = checked.events[k]
    return events, checked.sources, [p for p in out if p.severity != "error"]


def check_ids(ids: pa.ChunkedArray, file: str) -> None:
    """Event ids are unique (the first repeats named). Ids in increasing order (as most
    writers give them) are unique without a table of them."""
    column = strings(ids)
    if len(column) < 2 or pc.all(pc.less(column[:-1], column[1:])).as_py():
        return
    counts = pc.value_counts(column)
    repeated = pc.filter(counts, pc.greater(counts.field("counts"), 1))
    if not len(repeated):
        return
    problems = []
    for value in repeated.field("values").to_pylist()[:50]:
        rows = np.flatnonzero(pc.equal(column, value).to_numpy(zero_copy_only=False))
        for r in rows[1:].tolist():
            problems.append(
                Problem(
                    f"duplicate event id '{value}' (first at events[{int(rows[0])}])",
                    path=f"events[{r}].id",
                    file=file,
                )
            )
    problems.sort(key=lambda p: int(p.path[7 : p.path.index("]")]))
    raise LoadError(cap_problems(problems))
