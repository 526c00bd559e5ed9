"""Finding events: text search over titles, summaries, quotes, actor and place names and aliases.

Matching ignores case and accents ("erdogan" finds "Erdoğan"), and the names searched include
every alias of an event's actors and places, so "Kelbajar" finds the events recorded under
Kalbajar. The folded text of each event is built from the event table on the first query (no
Python object per event but its text).
"""

from __future__ import annotations

import unicodedata

import numpy as np

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
    """The folded search text of every event, built on the first query from the table (its
    complex events, which hold quotes, from their models)."""

    def __init__(self, ds: Dataset, table: EventTable) -> None:
        self.ds, self.table = ds, table
        self._texts: list[str] | None = None

    @property
    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = self._build()
        return self._texts

    def _build(self) -> list[str]:
        t, ds = self.table, self.ds
        actor_names = [" ".join([a.name, *a.aliases]) for a in ds.actors]
        place_names = [" ".join([p.name, *p.aliases]) for p in ds.places]

        def refs(off: np.ndarray, idx: np.ndarray, names: list[str]) -> list[str]:
            flat = [names[k] for k in idx.tolist()]
            o = off.tolist()
            return [" ".join(flat[o[i] : o[i + 1]]) for i in range(len(o) - 1)]

        tags = refs(t.tag_off, t.tag_idx, t.tags)
        kinds = [t.kinds[k] for k in t.kind.tolist()]
        texts = [
            "\n".join(parts)
            for parts in zip(
                t.titles.tolist(),
                t.summaries.tolist(),
                kinds,
                tags,
                refs(t.actor_off, t.actor_idx, actor_names),
                refs(t.place_off, t.place_idx, place_names),
                strict=True,
            )
        ]
        texts = [s.lower() if s.isascii() else fold(s) for s in texts]
        names = names_of(ds)
        for i, ev in t.complex.items():
            texts[i] = fold(event_text(ev, names))
        return texts

    def matches(self, query: str) -> np.ndarray:
        """Boolean mask of the events containing every word of the query."""
        words = fold(query).split()
        n = self.table.n
        if not words:
            return np.ones(n, bool)
        texts = self.texts
        return np.fromiter((all(w in s for w in words) for s in texts), bool, count=n)
