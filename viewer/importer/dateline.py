"""The date line of a plain-text article: a full date standing (nearly) alone on one of its
first lines ("25 November 2020    Read: 531", "Published: March 3, 2021"), taken as its
publication date when nothing else gives one."""

from __future__ import annotations

import re

from .clauses import sentences
from .tagger import tag

HEAD = 600  # code points at the start of the text where a date line is looked for
_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d$")


def dateline(text: str) -> str | None:
    """The publication date (YYYY-MM-DD) from the article's date line, or None."""
    head = text[:HEAD]
    spans = sentences(head)
    for t in tag(head, None):
        if t.type != "DATE" or not _FULL_DATE.match(t.value):
            continue
        s, e = next(((s, e) for s, e in spans if s <= t.start < e), (t.start, t.end))
        rest = head[s : t.start] + " " + head[t.end : e]
        if len(re.findall(r"[^\W\d_]{2,}", rest)) <= 3:
            return t.value
    return None
