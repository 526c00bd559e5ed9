"""The checks an edit passes before it changes a document: the same validation and the same
messages as `timeline-viewer validate`, run on the changed part only.

Each returns nothing when the part is good and raises :class:`EditError` (its problems keep the
JSON path the part has in the dataset, e.g. ``events[12].when.start``) when it is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from viewer.model.checks import check_dataset
from viewer.model.dataset import Actor, Dataset, Event, Place, Source
from viewer.model.errors import Problem
from viewer.model.formats.native import error_problems

M = TypeVar("M", bound=BaseModel)


class EditError(Exception):
    """An edit refused: nothing changed. ``problems`` are those `validate` would report."""

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems = list(problems)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return "\n".join(_line(p) for p in self.problems)

    def at(self, field: str) -> str:
        """The message of the problems at ``field`` (a path's end, e.g. ``when.start``)."""
        return "\n".join(p.message for p in self.problems if p.path.endswith(field))


def _line(p: Problem) -> str:
    return f"{p.path}: {p.message}" if p.path else p.message


def validated(model: type[M], data: dict[str, Any], path: tuple[str | int, ...]) -> M:
    """``model`` from plain data, or EditError with validate's messages at ``path``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False)
        for e in errors:
            e["loc"] = (*path, *e["loc"])
        raise EditError(error_problems(errors, exc.error_count(), "", "")) from None


def _rebased(problems: list[Problem], head: str, new_head: str) -> list[Problem]:
    out = []
    for p in problems:
        if p.severity == "error" and p.path.startswith(head):
            out.append(Problem(p.message, new_head + p.path[len(head) :]))
    return out


def check_event(header: Dataset, event: Event, row: int, ids_taken: bool) -> None:
    """An event as it would stand at ``row``: its dates, zones, references and quote anchors
    (only the sources it refers to are looked at); ``ids_taken`` if another event has its id."""
    problems: list[Problem] = []
    if ids_taken:
        problems.append(
            Problem(
                f"duplicate event id '{event.id}'; expected an id no other event has",
                f"events[{row}].id",
            )
        )
    used = {q.source for q in event.quotes} | set(event.citations)
    mini = header.model_copy(
        update={
            "events": [event],
            "eras": [],
            "sources": [s for s in header.sources if s.id in used],
            "zone": None,
        }
    )
    _, found = check_dataset(mini)
    problems += _rebased(found, "events[0]", f"events[{row}]")
    if problems:
        raise EditError(problems)


def check_part(header: Dataset, kind: str, item: Source | Actor | Place, row: int) -> None:
    """A source, actor or place as it would stand at ``row`` of its list."""
    problems: list[Problem] = []
    others = [x for k, x in enumerate(getattr(header, kind)) if k != row]
    if any(x.id == item.id for x in others):
        what = kind[:-1]
        problems.append(
            Problem(
                f"duplicate {what} id '{item.id}'; expected an id no other {what} has",
                f"{kind}[{row}].id",
            )
        )
    if isinstance(item, Source):
        mini = header.model_copy(
            update={"events": [], "eras": [], "actors": [], "places": [], "sources": [item]}
        )
        _, found = check_dataset(mini)
        problems += _rebased(found, "sources[0]", f"{kind}[{row}]")
    name_field = "title" if isinstance(item, Source) else "name"
    if not getattr(item, name_field).strip():  # validate allows it; an editor should not make it
        problems.append(Problem(f"empty; expected a {name_field}", f"{kind}[{row}].{name_field}"))
    if not item.id.strip():
        problems.append(Problem("an id of blanks only; expected a name", f"{kind}[{row}].id"))
    if problems:
        raise EditError(problems)
