"""Rows of a column-wise table read whole: the few rows whose cells the vectorised checks do
not take are read by a format's reference code into event objects, validated and checked here
by the models, with the messages the row readers gave (at the row in the file); and the small
column helpers the table readers share."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import ValidationError

from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset, Event
from viewer.model.errors import LoadError, Problem, cap_problems
from viewer.model.jsonpos import format_path

Where = Callable[[int], str]  # the place in the file of the i-th row read whole ("row 12")


def numpy_of(a: Any) -> np.ndarray:
    """An Arrow array (or chunked array) as numpy."""
    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks()
    return np.asarray(a.to_numpy(zero_copy_only=False))


def patched(column: pa.Array, values: dict[int, str]) -> pa.Array:
    """A string column with the values of some rows replaced."""
    if not values:
        return column
    mask = np.zeros(len(column), bool)
    mask[list(values)] = True
    given = pa.array([values[k] for k in sorted(values)], column.type)
    return pc.replace_with_mask(column, pa.array(mask), given)


def whole_events(
    rows: dict[int, dict[str, Any]],
    header: Dataset,
    where: Where,
    file: str,
    event: Callable[[int], int] | None = None,
) -> tuple[dict[int, Event], list[Problem]]:
    """The event objects of some rows (by row) validated and checked with the dataset's
    header, and the warnings; LoadError with the problems at their rows. ``where(i)``: the
    place of the i-th of them in row order; ``event(i)``: its index among the events."""
    if not rows:
        return {}, []
    rest = sorted(rows)
    data = {**header.model_dump(exclude={"events"}), "events": [rows[k] for k in rest]}
    try:
        mini = Dataset.model_validate(data)
    except ValidationError as exc:
        raise LoadError(validation_problems(exc, where, file)) from None
    mini, problems = check_dataset(mini)
    index = event or rest.__getitem__
    problems = [relocated(p, where, file, index) for p in problems]
    if any(p.severity == "error" for p in problems):
        raise LoadError(cap_problems(problems))
    return dict(zip(rest, mini.events, strict=True)), problems


def validation_problems(exc: ValidationError, where: Where, file: str) -> list[Problem]:
    """As DatasetBuilder reports a validation error of a foreign format."""
    out = []
    for e in exc.errors(include_url=False)[:50]:
        msg = e["msg"][0].lower() + e["msg"][1:]
        if "input" in e and not isinstance(e["input"], dict | list):
            msg = f"got {str(e['input'])[:60]!r}: {msg}"
        problem = Problem(msg, path=format_path(tuple(e["loc"])), file=file)
        out.append(relocated(problem, where, file))
    return out


def relocated(p: Problem, where: Where, file: str, event: Callable[[int], int] = int) -> Problem:
    """A problem of the dataset of the rows read whole, at its row in the file (as
    DatasetBuilder places it); ``event(i)``: the event index of the i-th row read whole, for
    a message that points at another event ("first at events[3]")."""
    message = _FIRST_AT.sub(lambda m: f"(first at events[{event(int(m[1]))}]", p.message)
    m = re.match(r"events\[(\d+)\]\.?(.*)", p.path)
    if m is None:
        return Problem(message, p.path, None, None, file, p.severity)
    field = f" ({m[2]})" if m[2] else ""
    return Problem(message, where(int(m[1])) + field, None, None, file, p.severity)


_FIRST_AT = re.compile(r"\(first at events\[(\d+)\]")
