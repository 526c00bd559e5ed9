"""The result type of the tagger: one TIMEX3 temporal expression with its span, type and value."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Timex:
    """A temporal expression: [start, end) in code points, TimeML type and TimeML value."""

    start: int
    end: int
    text: str
    type: str
    value: str

    def record(self, doc_id: str) -> dict[str, Any]:
        """The JSON object the `timex` command prints for this expression."""
        return {"id": doc_id, **asdict(self)}
