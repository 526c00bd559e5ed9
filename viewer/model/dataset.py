"""The event dataset format: pydantic models (frozen) and the checks that go beyond field types.

A dataset is a JSON object with ``"format": "timeline-dataset"`` and ``"version": 1``. Unknown
fields are errors (a typo must not silently drop data); a newer version is refused by the reader.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

FORMAT_NAME = "timeline-dataset"
FORMAT_VERSION = 1

Id = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=10_000_000)]
Status = Literal["occurred", "ongoing", "planned", "postponed", "cancelled"]
PrecisionName = Literal["year", "month", "day", "minute", "second"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Source(_Model):
    """A document events are drawn from; ``text`` is stored verbatim when the dataset has it."""

    id: Id
    type: str = Field("NewsArticle", description="schema.org type of the source")
    title: str
    publisher: str | None = None
    url: str | None = Field(None, description="where the source was published (http/https)")
    published: str | None = Field(None, description="publication date, a partial ISO date")
    language: str | None = Field(None, description="BCP 47 language tag")
    text: Text | None = Field(None, description="the full text, verbatim (quote offsets index it)")
    sha256: str | None = Field(None, description="sha256 of the UTF-8 text, lower-case hex")


class Actor(_Model):
    id: Id
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str = Field("person", description="person, state, organisation, group ...")


class Place(_Model):
    id: Id
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str = Field("place", description="country, region, district, city ...")
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class Selector(_Model):
    """W3C TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector (start, end).

    ``start``/``end`` are Unicode code points into the source text, end excluded.
    """

    exact: str = Field(min_length=1)
    prefix: str = ""
    suffix: str = ""
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Draft(_Model):
    """Marks a part the article importer drafted and nobody has reviewed yet; accepting the part
    removes the mark. ``confidence`` is how sure the importer is (0..1), ``note`` what to check."""

    confidence: float = Field(ge=0, le=1, description="how sure the importer is (0..1)")
    note: str = Field("", description="what the reviewer should check")


class Quote(_Model):
    """Words of a speaker: ``direct`` (in quotation marks in the source) or ``reported``.

    A quote with a ``source`` and ``selector`` is anchored: ``text`` equals the source's words at
    the selector. A quote without them (an import from a format that has no source texts) is shown
    as unanchored.
    """

    id: Id
    speaker: Id | None = Field(None, description="an actor id")
    text: str = Field(min_length=1)
    form: Literal["direct", "reported"] = "direct"
    source: Id | None = None
    selector: Selector | None = None
    draft: Draft | None = Field(None, description="set on a drafted quote until it is accepted")


class When(_Model):
    """When an event happened, as precisely as it is known.

    ``start``/``end`` are partial ISO dates (astronomical years); ``precision`` is that of
    ``start`` and ``end_precision`` that of ``end`` (defaults to ``precision``). A time of day
    carries its UTC offset and, where known, the IANA ``tz`` it is local to.
    """

    start: str
    end: str | None = None
    precision: PrecisionName
    end_precision: PrecisionName | None = None
    approximate: bool = False
    uncertain: bool = False
    tz: str | None = Field(None, description="IANA zone of the time of day, e.g. Europe/Moscow")
    text: str | None = Field(None, description="the source's own wording of the date")
    basis: str | None = Field(None, description="how the date was resolved (relative dates ...)")


class Event(_Model):
    id: Id
    title: str = Field(min_length=1)
    summary: str = ""
    when: When
    status: Status = "occurred"
    kind: str = "event"
    actors: list[Id] = Field(default_factory=list)
    places: list[Id] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    citations: list[Id] = Field(default_factory=list, description="ids of sources")
    draft: Draft | None = Field(None, description="set on a drafted event until it is accepted")


class Era(_Model):
    """A named period of time (TimelineJS eras), shaded behind the events; partial ISO dates."""

    id: Id
    title: str
    start: str
    end: str


class Dataset(_Model):
    format: Literal["timeline-dataset"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    title: str
    description: str = ""
    language: str | None = None
    credit: str | None = None
    license: str | None = None
    zone: str | None = Field(None, description="IANA zone the time axis is shown in (default UTC)")
    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    eras: list[Era] = Field(default_factory=list, description="named periods to shade (optional)")

    _ids: dict[str, dict[str, object]] = PrivateAttr(default_factory=dict)

    def source(self, source_id: str) -> Source:
        return self._by_id("sources", source_id)

    def actor(self, actor_id: str) -> Actor:
        return self._by_id("actors", actor_id)

    def place(self, place_id: str) -> Place:
        return self._by_id("places", place_id)

    def event(self, event_id: str) -> Event:
        return self._by_id("events", event_id)

    def _by_id(self, kind: str, item_id: str):  # type: ignore[no-untyped-def]
        table = self._ids.get(kind)
        if table is None:
            table = self._ids[kind] = {item.id: item for item in getattr(self, kind)}
        return table[item_id]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def json_schema() -> dict[str, object]:
    from viewer.model.formats.parquet_layout import DESCRIPTION  # (pyarrow only: no circle)

    schema = Dataset.model_json_schema()
    schema["description"] = DESCRIPTION
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://timeline-viewer.invalid/schema/timeline-dataset-1.json"
    return schema
