"""Finding events: text search over titles, summaries, quotes, actor and place names and aliases.

Matching ignores case and accents ("erdogan" finds "Erdoğan"), and the names searched include
every alias of an event's actors and places, so "Kelbajar" finds the events recorded under
Kalbajar.
"""

from __future__ import annotations

import unicodedata

import numpy as np

from viewer.model.dataset import Dataset


def fold(text: str) -> str:
    """Lower-case, accent-free form of a text for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class SearchIndex:
    """Folded search text per event, built once per dataset."""

    def __init__(self, ds: Dataset) -> None:
        names: dict[str, str] = {}
        for item in (*ds.actors, *ds.places):
            names[item.id] = " ".join([item.name, *item.aliases])
        self.texts = [
            fold(
                "\n".join(
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
            )
            for ev in ds.events
        ]

    def matches(self, query: str) -> np.ndarray:
        """Boolean mask of the events containing every word of the query."""
        words = fold(query).split()
        if not words:
            return np.ones(len(self.texts), bool)
        return np.fromiter(
            (all(w in t for w in words) for t in self.texts), bool, count=len(self.texts)
        )
