"""Build a checked Dataset from the records of a foreign format (TimelineJS, CSV tables).

Readers add plain dicts of the native format; actors, places and sources are deduplicated by
name in O(1) per record, ids are derived from names and made unique. :meth:`DatasetBuilder.finish`
validates everything at once (pydantic's core does the per-event work) and runs the dataset
checks; a problem found then is reported at the record's place in the foreign file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset
from viewer.model.errors import LoadError, Problem
from viewer.model.jsonpos import format_path

from .common import Loaded

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str = "item") -> str:
    """A readable id from a name: 'Recep Tayyip Erdoğan' -> 'recep-tayyip-erdogan'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = _NOT_ID.sub("-", ascii_text.lower()).strip("-")[:60].strip("-")
    return s or fallback


class DatasetBuilder:
    """Collects the parts of a dataset; ``where(i)`` names the place of event ``i`` in the file."""

    def __init__(self, file: str, fmt: str, where: Callable[[int], str]) -> None:
        self.file = file
        self.format = fmt
        self.where = where
        self.events: list[dict[str, Any]] = []
        self.eras: list[dict[str, Any]] = []
        self.warnings: list[Problem] = []
        self.event_ids: set[str] = set()
        self._suffixes: dict[str, int] = {}  # the last suffix given to each wanted event id
        self._actors: dict[str, str] = {}
        self._actor_records: list[dict[str, Any]] = []
        self._actor_ids: set[str] = set()
        self._places: dict[tuple[str, float | None, float | None], str] = {}
        self._place_records: list[dict[str, Any]] = []
        self._place_ids: set[str] = set()
        self._sources: dict[tuple[str, str | None], str] = {}
        self._source_records: list[dict[str, Any]] = []
        self._source_ids: set[str] = set()
        # where each wanted actor, place and source id's search for a free suffix stopped: one
        # name with many coordinates (villages of one name) costs linear, not quadratic, time
        self._part_suffixes: dict[str, dict[str, int]] = {"actor": {}, "place": {}, "source": {}}

    def event_id(self, wanted: str) -> str:
        """``wanted`` if still free, else ``wanted-2``, ``wanted-3`` ... (stable for a file)."""
        return unique_id(wanted, self.event_ids, self._suffixes)

    def actor(self, name: str, kind: str = "person") -> str:
        """The id of the actor called ``name`` (created on first use)."""
        found = self._actors.get(name)
        if found is None:
            found = self._actors[name] = unique_id(
                slug(name, "actor"), self._actor_ids, self._part_suffixes["actor"]
            )
            self._actor_records.append({"id": found, "name": name, "kind": kind})
        return found

    def place(self, name: str, lat: float | None = None, lon: float | None = None) -> str:
        key = (name, lat, lon)
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = unique_id(
                slug(name, "place"), self._place_ids, self._part_suffixes["place"]
            )
            record: dict[str, Any] = {"id": found, "name": name}
            if lat is not None and lon is not None:
                record.update(lat=lat, lon=lon)
            self._place_records.append(record)
        return found

    def source(self, title: str, url: str | None = None, **fields: Any) -> str:
        key = (title, url)
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = unique_id(
                "src-" + slug(title, "source"), self._source_ids, self._part_suffixes["source"]
            )
            record = {"id": found, "title": title, **{k: v for k, v in fields.items() if v}}
            if url:
                record["url"] = url
            self._source_records.append(record)
        return found

    def warn(self, message: str, path: str = "") -> None:
        self.warnings.append(Problem(message, path=path, file=self.file, severity="warning"))

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """The sources, actors, places and eras made so far (the dataset's parts)."""
        out = {
            "sources": self._source_records,
            "actors": self._actor_records,
            "places": self._place_records,
        }
        if self.eras:
            out["eras"] = self.eras
        return out

    def finish(self, meta: dict[str, Any]) -> Loaded:
        data = {**meta, **self.records(), "events": self.events}
        try:
            ds = Dataset.model_validate(data)
        except ValidationError as exc:
            raise LoadError(self._problems(exc)) from None
        ds, problems = check_dataset(ds)
        problems = [self._relocate(p) for p in problems]
        if any(p.severity == "error" for p in problems):
            raise LoadError(problems)
        return Loaded(ds, self.warnings + problems, self.file, self.format)

    def _problems(self, exc: ValidationError) -> list[Problem]:
        out = []
        for e in exc.errors(include_url=False)[:50]:
            loc = tuple(e["loc"])
            msg = e["msg"][0].lower() + e["msg"][1:]
            if "input" in e and not isinstance(e["input"], dict | list):
                msg = f"got {str(e['input'])[:60]!r}: {msg}"
            out.append(self._relocate(Problem(msg, path=format_path(loc), file=self.file)))
        return out

    def _relocate(self, p: Problem) -> Problem:
        """A problem at ``events[i]...`` is reported at that event's place in the foreign file."""
        m = re.match(r"events\[(\d+)\]\.?(.*)", p.path)
        if m is None:
            return Problem(p.message, p.path, None, None, self.file, p.severity)
        place = self.where(int(m[1]))
        field = f" ({m[2]})" if m[2] else ""
        return Problem(p.message, place + field, None, None, self.file, p.severity)


def unique_id(wanted: str, taken: set[str], suffixes: dict[str, int] | None = None) -> str:
    """``wanted``, else ``wanted-2``, ``wanted-3`` ...; ``suffixes`` remembers where each wanted
    id's search stopped, so an id repeated k times costs k steps, not k squared."""
    wanted = wanted[:190] or "item"
    n = suffixes.get(wanted, 1) if suffixes is not None else 1
    candidate = wanted if n == 1 else f"{wanted}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    if suffixes is not None:
        suffixes[wanted] = n
    taken.add(candidate)
    return candidate
