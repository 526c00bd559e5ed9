"""The state of a view, free of Qt: lanes mode, Find query, lane and status filters, the selected
event and the visible time range. The window's widgets bind to it (as glue's state objects and
napari's ViewerModel): a widget sets a field, and every view listens to the fields it shows.

What is shown follows from the state and the dataset's index alone: :meth:`ViewState.mask`
gives the events the filters let through, :meth:`ViewState.step` the next event in time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from viewer.model.index import EventIndex
from viewer.model.listing import LANE_MODES

Listener = Callable[[Any], None]
FIELDS = ("lane_mode", "query", "lane", "status", "selection", "visible_range")


class Matcher(Protocol):
    """What the search gives: which events a query matches."""

    def matches(self, query: str) -> np.ndarray: ...


@dataclass
class ViewState:
    """Plain attributes; setting one to a new value calls its listeners with the value."""

    lane_mode: str = "kind"
    query: str = ""
    lane: str | None = None  # the one lane shown (a name of the index's lanes), or all
    status: str | None = None  # the one status shown, or all
    selection: int = -1  # the selected event's row, or -1
    visible_range: tuple[float, float] | None = None  # seconds, as the axis shows them
    _listeners: dict[str, list[Listener]] = field(
        default_factory=lambda: {name: [] for name in FIELDS}, repr=False, compare=False
    )

    def __setattr__(self, name: str, value: Any) -> None:
        if name in FIELDS:
            if name == "lane_mode" and value not in LANE_MODES:
                raise ValueError(f"lane mode {value!r}; expected one of {', '.join(LANE_MODES)}")
            if getattr(self, name, _UNSET) == value:
                return
            object.__setattr__(self, name, value)
            listeners = self.__dict__.get("_listeners")
            for listener in list(listeners[name]) if listeners else ():
                listener(value)
            return
        object.__setattr__(self, name, value)

    def connect(self, name: str, listener: Listener) -> None:
        """Call ``listener(value)`` whenever the field ``name`` changes."""
        if name not in FIELDS:
            raise KeyError(f"no field {name!r}; expected one of {', '.join(FIELDS)}")
        self._listeners[name].append(listener)

    def disconnect(self, name: str, listener: Listener) -> None:
        self._listeners[name].remove(listener)

    @property
    def filtered(self) -> bool:
        return bool(self.query.strip()) or self.lane is not None or self.status is not None

    def mask(self, index: EventIndex, search: Matcher, statuses: np.ndarray) -> np.ndarray | None:
        """The events the query and the filters let through (None: every event)."""
        if not self.filtered:
            return None
        mask = np.asarray(search.matches(self.query), bool).copy()
        if self.lane is not None:
            in_lane = np.zeros(index.n_events, bool)
            if self.lane in index.lanes:
                in_lane[index.event[index.lane_slice(index.lanes.index(self.lane))]] = True
            mask &= in_lane
        if self.status is not None:
            mask &= np.asarray(statuses == self.status, bool)
        return None if mask.all() else mask

    def step(self, shown: EventIndex, direction: int) -> int | None:
        """The event after (1) or before (-1) the selection in time among those ``shown``:
        the first or last where nothing shown is selected; None past either end or where
        nothing is shown."""
        order = shown.chrono
        if len(order) == 0:
            return None
        if self.selection < 0:
            return int(order[0] if direction > 0 else order[-1])
        pos = np.flatnonzero(order == self.selection)
        if len(pos) == 0:
            return int(order[0])
        k = int(pos[0]) + direction
        return int(order[k]) if 0 <= k < len(order) else None

    def next_match(self, shown: EventIndex) -> int | None:
        """The next event shown by the Find, wrapping around after the last."""
        order = shown.chrono
        if len(order) == 0:
            return None
        if self.selection < 0 or self.selection == int(order[-1]):
            return int(order[0])
        return self.step(shown, 1)


_UNSET = object()
