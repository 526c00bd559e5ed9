"""Places of a news text, found by a few rules: a capitalised name before a place noun ("the
Aghdam region", "Lachin District") or after "in", "near", "at", "into" ("in Madrid"), when it
is no actor and no date; every mention with its span."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .actors import Actors, mentioned_within, slug

_NAME = (
    r"[^\W\d_a-z][\w'’]*(?:-[ \u00a0]?[^\W\d_][\w'’]*)*"
    r"(?:[ \u00a0][^\W\d_a-z][\w'’]*(?:-[^\W\d_][\w'’]*)*){0,3}"
)
_NOUNS = (
    "region", "district", "province", "city", "town", "village", "county", "oblast",
    "governorate", "state", "prefecture", "municipality", "valley", "river", "island",
    "border", "corridor", "square", "bridge", "airport", "port",
)  # fmt: skip
_KIND = {"region": "region", "district": "district", "province": "region", "oblast": "region"}
_BEFORE_NOUN = re.compile(rf"(?<![\w'’-])({_NAME})[ \u00a0]+((?i:{'|'.join(_NOUNS)}))\b")
_AFTER_PREP = re.compile(rf"\b(?:in|near|at|into|outside|around)[ \u00a0]+({_NAME})")
_NOT_PLACES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "The", "A", "An", "This", "That", "His", "Her", "Its", "Their", "Our",
    "Mr", "Mrs", "Ms", "Dr", "President", "Prime", "Minister", "Parliament", "Congress",
    "Senate", "Court", "Capitol", "English", "Christmas", "Easter", "Ramadan", "It", "He",
    "She", "They", "We", "In", "On", "At", "As", "But", "And", "When", "After", "Before",
}  # fmt: skip


@dataclass
class Places:
    """The places of a text (id -> (name, kind)) and their mentions, sorted by start."""

    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)

    def within(self, start: int, end: int) -> list[str]:
        """Ids of the places mentioned in text[start:end], in order, each once."""
        return mentioned_within(self.mentions, start, end)


def find_places(text: str, actors: Actors, dates: list[tuple[int, int]]) -> Places:
    """Places named in ``text``, not overlapping an actor's mention or a date expression."""
    taken = sorted([(s, e) for s, e, _ in actors.mentions] + dates)
    found = Places()
    by_name: dict[str, str] = {}

    def add(words: str, start: int, kind: str) -> None:
        end = start + len(words)
        if words in _NOT_PLACES:  # "The city will ...": no name
            return
        head = re.match(rf"(?:(?:{'|'.join(_NOT_PLACES)})[ \u00a0]+)+", words)
        if head is not None:
            start += head.end()
        if start >= end or _overlaps(taken, start, end):
            return
        name = re.sub(r"-[ \u00a0]", "-", text[start:end].replace("\u00a0", " "))
        key = name.lower()
        pid = by_name.get(key)
        if pid is None:
            pid = by_name[key] = slug(name)
            found.places[pid] = (name, kind)
        found.mentions.append((start, end, pid))

    for m in _BEFORE_NOUN.finditer(text):
        noun = m[2].lower()
        add(m[1], m.start(1), _KIND.get(noun, noun if noun in ("city", "town") else "place"))
    for m in _AFTER_PREP.finditer(text):
        if not any(s <= m.start(1) < e for s, e, _ in found.mentions):
            add(m[1], m.start(1), "place")
    found.mentions.sort()
    return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect.bisect_left(spans, (start, start))
    for i in (k - 1, k):
        if 0 <= i < len(spans) and spans[i][0] < end and spans[i][1] > start:
            return True
    return False
