"""TempEval-3 scoring of predicted TIMEX3 against TimeML gold: strict and relaxed span P/R/F1,
value P/R/F1 (a relaxed match whose value equals the gold value) and type accuracy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .timex import Timex


@dataclass
class Counts:
    """Match counts over one or more documents; precision, recall and F1 derive from them."""

    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[tuple[str, Timex | None, Timex | None]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("gold", "pred", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def prf(self, matched: int) -> tuple[float, float, float]:
        p = matched / self.pred if self.pred else 0.0
        r = matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def summary(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"gold": self.gold, "predicted": self.pred}
        for name in ("strict", "relaxed", "value"):
            p, r, f = self.prf(getattr(self, name))
            out |= {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}
        out["type_accuracy"] = self.type / self.relaxed if self.relaxed else 0.0
        return out


def score(gold: Iterable[Timex], pred: Iterable[Timex], doc: str = "") -> Counts:
    """Counts of one document. Each gold expression matches at most one prediction (the first
    that overlaps it, an exact span preferred)."""
    gold = sorted(gold, key=lambda t: (t.start, t.end))
    pred = sorted(pred, key=lambda t: (t.start, t.end))
    c = Counts(gold=len(gold), pred=len(pred))
    used: set[int] = set()
    for g in gold:
        overlapping = [
            i for i, p in enumerate(pred) if i not in used and p.start < g.end and g.start < p.end
        ]
        if not overlapping:
            c.errors.append((doc, g, None))
            continue
        exact = [i for i in overlapping if (pred[i].start, pred[i].end) == (g.start, g.end)]
        i = (exact or overlapping)[0]
        used.add(i)
        p = pred[i]
        c.relaxed += 1
        c.strict += (p.start, p.end) == (g.start, g.end)
        c.value += p.value == g.value
        c.type += p.type == g.type
        if p.value != g.value or (p.start, p.end) != (g.start, g.end):
            c.errors.append((doc, g, p))
    for i, p in enumerate(pred):
        if i not in used:
            c.errors.append((doc, None, p))
    return c


def evaluate_dir(folder: Path) -> tuple[int, Counts]:
    """Tag every .tml file under folder against its own DCT; (number of files, total counts).
    Raises TimeMLError for a file that cannot be read or has no <TEXT>."""
    from .tagger import tag
    from .timeml import read_timeml

    total = Counts()
    files = sorted(folder.rglob("*.tml"))
    for path in files:
        doc = read_timeml(path)
        dct = parse_dct(doc.dct)
        total.add(score(doc.timexes, tag(doc.text, dct), path.name))
    return len(files), total


def parse_dct(value: str | None) -> date | None:
    """The day of a TimeML DCT value ('1998-08-07', '1998-03-01T14:11:00'), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
