"""Quote anchoring in source texts (W3C TextQuoteSelector + TextPositionSelector).

Offsets are Unicode code points into the verbatim source text, end excluded. A quote whose
position no longer holds its exact words is re-anchored by its exact words, with prefix, suffix
and closeness to the old position choosing among repeats (as the Hypothesis client does).
Qt indexes strings in UTF-16 code units: convert with :func:`utf16_offset` at the widget only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CONTEXT = 32  # code points of prefix and suffix stored with a selector


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote stands in its source: ``status`` is ok, moved (re-anchored) or missing."""

    status: Literal["ok", "moved", "missing"]
    start: int
    end: int


def make_selector(text: str, start: int, end: int, context: int = CONTEXT) -> dict[str, object]:
    """The selector of ``text[start:end]``: exact, prefix, suffix and position."""
    return {
        "exact": text[start:end],
        "prefix": text[max(0, start - context) : start],
        "suffix": text[end : end + context],
        "start": start,
        "end": end,
    }


def anchor(text: str, exact: str, prefix: str, suffix: str, start: int, end: int) -> Anchor:
    """Find ``exact`` in ``text``: at its stored position if it still holds, else re-anchored."""
    if 0 <= start <= end <= len(text) and text[start:end] == exact:
        return Anchor("ok", start, end)
    if not exact:
        return Anchor("missing", start, end)
    prefix, suffix = prefix[-MAX_CONTEXT:], suffix[:MAX_CONTEXT]
    best: tuple[float, int] | None = None
    for i in _candidates(text, exact, prefix, suffix, start):
        score = _context_score(text, i, i + len(exact), prefix, suffix)
        score -= abs(i - start) / max(len(text), 1)  # position breaks ties, weakly
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return Anchor("missing", start, end)
    return Anchor("moved", best[1], best[1] + len(exact))


MAX_CANDIDATES = 1000  # occurrences of the exact words weighed; the rest are not looked at
MAX_CONTEXT = 256  # code points of prefix and suffix compared


def _candidates(text: str, exact: str, prefix: str, suffix: str, start: int) -> list[int]:
    """Where ``exact`` occurs in ``text``: every occurrence, or (if it occurs more often than
    :data:`MAX_CANDIDATES`, as a short word in a long text) those with all their context, else
    the occurrences nearest the old position. Bounded, so a hostile file cannot hang the load."""
    found: list[int] = []
    i = text.find(exact)
    while i != -1 and len(found) < MAX_CANDIDATES:
        found.append(i)
        i = text.find(exact, i + 1)
    if i == -1:
        return found
    whole = prefix + exact + suffix
    j = text.find(whole)
    if j != -1:
        return [j + len(prefix)]
    pos = min(max(start, 0), len(text))
    near: list[int] = []
    i = text.find(exact, pos)
    while i != -1 and len(near) < MAX_CANDIDATES // 2:
        near.append(i)
        i = text.find(exact, i + 1)
    i = text.rfind(exact, 0, pos + len(exact) - 1)
    while i != -1 and len(near) < MAX_CANDIDATES:
        near.append(i)
        i = text.rfind(exact, 0, i + len(exact) - 1)
    return near


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 code-unit offset (Qt's string index) of code point ``index`` in ``text``."""
    head = text[:index]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)
