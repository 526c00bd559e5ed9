"""Measure the importer against hand-made expectations: for each article NAME.txt under
tests/importer/articles/ with a NAME.expected.json (written by hand before the importer was run),
the events found with the right date and the quotes found with the right speaker, as precision
and recall.

    .venv/bin/python -m tests.importer.measure        # one line per article and the totals

An expected event is {"start": S or [S, ...], "end": E?, "words": what happened}; it is found
when a drafted event, not yet matched, starts at S (a quarter or season from its first month;
a time compared to the minute in the article's own clock, or as the same instant) and, if E
is given, ends at E. An expected quote is
{"words": W, "speaker": P}; it is found when a drafted quote overlaps W in the text and its
speaker's name or alias contains P as whole words. The drafted events include a "Statement by
X" on the publication date for quotes that say no date of their own; precision is given with
and without them (a careful reader would not list them as events).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from viewer.importer.article import draft_from_file
from viewer.model.checks import check_dataset

ARTICLES = Path(__file__).parent / "articles"


@dataclass
class Score:
    """The counts of one article (or of all)."""

    name: str
    events_expected: int = 0
    events_drafted: int = 0
    events_found: int = 0
    quotes_expected: int = 0
    quotes_drafted: int = 0
    quotes_found: int = 0
    statements: int = 0  # drafted "Statement by X" events on the publication date

    def add(self, other: Score) -> None:
        for f in ("events_expected", "events_drafted", "events_found", "statements"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        for f in ("quotes_expected", "quotes_drafted", "quotes_found"):
            setattr(self, f, getattr(self, f) + getattr(other, f))

    def line(self) -> str:
        ep = self.events_found / self.events_drafted if self.events_drafted else 0.0
        er = self.events_found / self.events_expected if self.events_expected else 1.0
        qp = self.quotes_found / self.quotes_drafted if self.quotes_drafted else 0.0
        qr = self.quotes_found / self.quotes_expected if self.quotes_expected else 1.0
        other = self.events_drafted - self.statements
        ep2 = self.events_found / other if other else 0.0
        return (
            f"| {self.name} | {self.events_found}/{self.events_expected} | "
            f"{self.events_drafted} ({self.statements}) | {ep:.2f} ({ep2:.2f}) | {er:.2f} | "
            f"{self.quotes_found}/{self.quotes_expected} | {self.quotes_drafted} | "
            f"{qp:.2f} | {qr:.2f} |"
        )


_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _as_month(expected: str) -> str:
    """A quarter or season as the dataset writes it: from its first month ("2025-Q4" ->
    "2025-10", "2019-SU" -> "2019-06")."""
    m = re.fullmatch(r"(\d{4})-(?:Q([1-4])|(SP|SU|FA|WI))", expected)
    if m is None:
        return expected
    month = 3 * int(m[2]) - 2 if m[2] else _SEASON_MONTH[m[3]]
    return f"{m[1]}-{month:02d}"


def _same_start(drafted: str, expected: str) -> bool:
    expected = _as_month(expected)
    if "T" not in expected:
        return drafted == expected
    return drafted[:16] == expected[:16] or _utc(drafted) == expected[:16]


def _utc(drafted: str) -> str:
    try:
        d = datetime.fromisoformat(drafted)
    except ValueError:
        return ""
    if d.utcoffset() is None:
        return ""
    return (d - d.utcoffset()).isoformat()[:16]


def _fits(e: object, want: dict) -> bool:
    starts = want["start"] if isinstance(want["start"], list) else [want["start"]]
    when = e.when  # type: ignore[attr-defined]
    return any(_same_start(when.start, x) for x in starts) and (
        "end" not in want or when.end == want["end"]
    )


def _matching(fits: list[list[int]]) -> dict[int, int]:
    """Expected index -> drafted index, as many pairs as possible (augmenting paths)."""
    owner: dict[int, int] = {}  # drafted -> expected

    def place(i: int, seen: set[int]) -> bool:
        for k in fits[i]:
            if k in seen:
                continue
            seen.add(k)
            if k not in owner or place(owner[k], seen):
                owner[k] = i
                return True
        return False

    for i in range(len(fits)):
        place(i, set())
    return {i: k for k, i in owner.items()}


def score(name: str) -> tuple[Score, list[str]]:
    """The score of article NAME and the misses (for reading)."""
    exp = json.loads((ARTICLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    drafted = draft_from_file(ARTICLES / f"{name}.txt", published=exp["published"])
    ds = drafted.dataset
    problems = [p for p in check_dataset(ds)[1] if p.severity == "error"]
    assert not problems, f"{name}: the draft does not validate: {problems}"
    text = ds.sources[0].text
    s = Score(name, len(exp["events"]), len(ds.events), 0, len(exp["quotes"]))
    misses: list[str] = []
    wants = exp["events"]
    fits = [[k for k, e in enumerate(ds.events) if _fits(e, w)] for w in wants]
    match = _matching(fits)  # the largest one-to-one matching (one date may fit several)
    for i, want in enumerate(wants):
        if i not in match:
            misses.append(f"event {want['start']} {want.get('end', '')} {want['words']}")
    s.events_found = len(match)
    taken = set(match.values())
    free = [e for k, e in enumerate(ds.events) if k not in taken]
    misses += [f"extra event {e.when.start} {e.title}" for e in free]
    s.statements = sum(
        1
        for e in free
        if e.title.startswith("Statement by") and e.when.basis and "publication" in e.when.basis
    )
    actors = {a.id: a for a in ds.actors}
    quotes = [q for e in ds.events for q in e.quotes]
    s.quotes_drafted = len(quotes)
    for want in exp["quotes"]:
        at = text.find(want["words"])
        assert at >= 0, f"{name}: {want['words']!r} is not in the text"
        span = (at, at + len(want["words"]))
        who = re.compile(rf"\b{re.escape(want['speaker'])}\b", re.I)
        found = False
        for q in quotes:
            sel = q.selector
            if sel.start < span[1] and span[0] < sel.end:
                a = actors.get(q.speaker) if q.speaker else None
                names = [a.name, *a.aliases] if a else []
                if any(who.search(n) for n in names):
                    found = True
                    break
                wrong = f"quote {want['words']!r}: speaker {q.speaker}, not {want['speaker']}"
                misses.append(wrong)
        if found:
            s.quotes_found += 1
        elif not misses or not misses[-1].startswith(f"quote {want['words']!r}"):
            misses.append(f"quote {want['words']!r} ({want['speaker']}) not found")
    return s, misses


def names() -> list[str]:
    return sorted(p.name.removesuffix(".expected.json") for p in ARTICLES.glob("*.expected.json"))


def report() -> str:
    """The table of every article's figures (Markdown) and, after it, the misses."""
    total = Score("all")
    lines = [
        "| article | events found | drafted (statements) | precision (without statements) "
        "| recall | quotes found | drafted "
        "| precision | recall |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    out = []
    for name in names():
        s, misses = score(name)
        total.add(s)
        lines.append(s.line())
        out += [f"  {name}: {m}" for m in misses]
    lines.append(total.line())
    return "\n".join(lines + out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(report())
