"""The headline of a plain-text article: its first line, when a blank line follows and it ends
without a full stop. A headline sums up the body, so its dated event is dropped when the body
tells of the same dates (or of a finer date within them)."""

from __future__ import annotations

import re

from .drafts import Drafting


def headline_end(text: str) -> int:
    """The end of the article's headline: its first line when a blank line follows and it ends
    without a full stop ("Senate passes water bill; House vote expected next week"), else 0."""
    lead = len(text) - len(text.lstrip())
    m = re.match(r"([^\n]{1,300})\r?\n[ \t]*\r?\n", text[lead:])
    if m is None or m[1].rstrip().endswith((".", ":")):
        return 0
    return lead + len(m[1])


def without_headline_repeats(text: str, events: list[Drafting]) -> list[Drafting]:
    """A headline sums up the body: its dated event goes when the body has one of that date."""
    end = headline_end(text)
    if end == 0:
        return events
    body = [_span_of(ev) for ev in events if ev.sentence[0] >= end]
    return [ev for ev in events if ev.sentence[0] >= end or not _repeated(_span_of(ev), body)]


def _repeated(head: tuple[str, str], body: list[tuple[str, str]]) -> bool:
    """The same dates, or a finer date within the headline's ("sentencing set for May" and
    "set sentencing for May 12")."""
    return any(b == head or (not head[1] and not b[1] and b[0].startswith(head[0])) for b in body)


def _span_of(ev: Drafting) -> tuple[str, str]:
    return str(ev.when["start"])[:10], str(ev.when.get("end") or "")[:10]
