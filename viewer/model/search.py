"""Finding events: text search over titles, summaries, quotes, actor and place names and aliases.

Matching ignores case and accents ("erdogan" finds "Erdoğan"), and the names searched include
every alias of an event's actors and places, so "Kelbajar" finds the events recorded under
Kalbajar. The event table's columns are searched by Arrow's compute kernels (no Python object
per event).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.dataset import Dataset, Event
from viewer.model.table import EventTable


def fold(text: str) -> str:
    """Lower-case, accent-free form of a text for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def names_of(ds: Dataset) -> dict[str, str]:
    """Each actor's and place's name and aliases, by id."""
    return {item.id: " ".join([item.name, *item.aliases]) for item in (*ds.actors, *ds.places)}


def event_text(ev: Event, names: dict[str, str]) -> str:
    """What Find searches in an event: its texts, quotes and the names of whom and where."""
    return "\n".join(
        [
            ev.title,
            ev.summary,
            ev.kind,
            " ".join(ev.tags),
            *(q.text for q in ev.quotes),
            *(names.get(a, "") for a in (*ev.actors, *ev.places)),
            *(names.get(q.speaker, "") for q in ev.quotes if q.speaker),
        ]
    )


class EventSearch:
    """Find over the event table, column-wise: no Python object per event.

    Titles and summaries are matched by ``pyarrow.compute.match_substring`` ignoring case
    (which, for text in ASCII, is what folding gives); the names of kinds, tags, actors and
    places (with their aliases) are folded once and matched in Python, and an event hits
    when one of its names does. Only the few events whose title or summary is not ASCII, and
    the events kept whole (with quotes and speakers), are matched on their folded text."""

    def __init__(self, ds: Dataset, table: EventTable) -> None:
        self.ds, self.table = ds, table
        self._prepared: _Prepared | None = None

    def _prepare(self) -> _Prepared:
        t, ds = self.table, self.ds
        title, summary = t.column("title"), t.column("summary")
        ascii_rows = pc.and_(pc.string_is_ascii(title), pc.string_is_ascii(summary))
        odd = ~np.asarray(ascii_rows.fill_null(True).to_numpy(zero_copy_only=False), bool)
        complex_rows = np.array(sorted(t.complex), np.int64)
        odd[complex_rows] = False
        odd_rows = np.flatnonzero(odd)
        at = pa.array(odd_rows)
        odd_texts = [
            fold(f"{a}\n{b}")
            for a, b in zip(title.take(at).to_pylist(), summary.take(at).to_pylist(), strict=True)
        ]
        names = names_of(ds)
        return _Prepared(
            odd_rows=odd_rows,
            odd_texts=odd_texts,
            complex_rows=complex_rows,
            complex_texts=[fold(event_text(t.complex[i], names)) for i in complex_rows.tolist()],
            kinds=[fold(k) for k in t.kinds],
            tags=[fold(x) for x in t.tags],
            actors=[fold(" ".join([a.name, *a.aliases])) for a in ds.actors],
            places=[fold(" ".join([p.name, *p.aliases])) for p in ds.places],
        )

    def matches(self, query: str) -> np.ndarray:
        """Boolean mask of the events containing every word of the query."""
        words = fold(query).split()
        n = self.table.n
        if not words:
            return np.ones(n, bool)
        if self._prepared is None:
            self._prepared = self._prepare()
        mask = np.ones(n, bool)
        for word in words:
            mask &= self._word(word, self._prepared)
        return mask

    def _word(self, word: str, p: _Prepared) -> np.ndarray:
        t = self.table
        if word.isascii():
            hit = _contains(t.column("title"), word) | _contains(t.column("summary"), word)
        else:  # a folded word beyond ASCII is in no text that is all ASCII
            hit = np.zeros(t.n, bool)
        hit[p.odd_rows] = [word in text for text in p.odd_texts]
        kinds = _named(word, p.kinds)
        if kinds is not None:
            hit |= kinds[t.kind]
        for names, off, idx in (
            (p.tags, t.tag_off, t.tag_idx),
            (p.actors, t.actor_off, t.actor_idx),
            (p.places, t.place_off, t.place_idx),
        ):
            named = _named(word, names)
            if named is not None:
                hit |= _any_of_lists(named, off, idx)
        hit[p.complex_rows] = [word in text for text in p.complex_texts]
        return hit


@dataclass
class _Prepared:
    """What EventSearch folds once: the odd rows' and the whole events' texts, the names."""

    odd_rows: np.ndarray
    odd_texts: list[str]
    complex_rows: np.ndarray
    complex_texts: list[str]
    kinds: list[str]
    tags: list[str]
    actors: list[str]
    places: list[str]


def _contains(column: pa.Array, word: str) -> np.ndarray:
    found = pc.match_substring(column, word, ignore_case=True).fill_null(False)
    return np.asarray(found.to_numpy(zero_copy_only=False), bool)


def _named(word: str, names: list[str]) -> np.ndarray | None:
    """Which folded names contain the word; None when none does."""
    hits = np.fromiter((word in name for name in names), bool, count=len(names))
    return hits if hits.any() else None


def _any_of_lists(named: np.ndarray, off: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Per list (offsets ``off`` into codes ``idx``): whether one of its names is ``named``."""
    counts = np.zeros(len(idx) + 1, np.int64)
    np.cumsum(named[idx], out=counts[1:])
    return counts[off[1:]] > counts[off[:-1]]
