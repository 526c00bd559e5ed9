"""Brute-force references the model is checked against: the search and the index computed
event by event from validated Event objects (the model computes them from the event table)."""

from __future__ import annotations

import numpy as np

from viewer.model.dataset import Dataset
from viewer.model.index import EventIndex
from viewer.model.search import event_text, fold, names_of


class SearchIndex:
    """Folded search text per event, from the Event objects."""

    def __init__(self, ds: Dataset) -> None:
        names = names_of(ds)
        self.texts = [fold(event_text(ev, names)) for ev in ds.events]

    def matches(self, query: str) -> np.ndarray:
        words = fold(query).split()
        if not words:
            return np.ones(len(self.texts), bool)
        return np.fromiter(
            (all(w in t for w in words) for t in self.texts), bool, count=len(self.texts)
        )


def index_of_events(ds: Dataset, mode: str = "kind") -> EventIndex:
    """The index of a lane mode built event by event."""
    return EventIndex.from_dataset(ds, mode)
