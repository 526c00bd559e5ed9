"""What the importer's parts share: an event being drafted, the context of the drafting, and
the status an event's date and words give it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import clauses as cl
from .actors import Actors
from .when import Dating


@dataclass
class Drafting:
    """An event being drafted: the dataset's event fields plus where it came from."""

    title: str
    when: dict[str, object]
    kind: str
    status: str
    actors: list[str]
    sentence: tuple[int, int]
    spans: list[tuple[int, int]]  # its date expressions
    summary: str
    confidence: float
    notes: list[str] = field(default_factory=list)
    quotes: list[dict[str, object]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    @property
    def day(self) -> str:
        return str(self.when["start"])[:10]


@dataclass
class Context:
    text: str
    published: date | None
    tz: str | None
    actors: Actors
    warnings: list[str]
    year_from: dict[int, str] = field(default_factory=dict)  # expression start -> year words


def re_space(words: str) -> str:
    return re.sub(r"\s+", " ", words.replace("\u00a0", " ")).strip()


def where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}"


def status_of(ctx: Context, dating: Dating, words: str) -> str:
    if cl.is_future(words):
        return "planned"
    if ctx.published is None:
        return "occurred"
    if dating.first_day() > ctx.published:
        return "planned"
    if dating.end is not None and dating.end[:10] > ctx.published.isoformat():
        return "ongoing"
    return "occurred"
