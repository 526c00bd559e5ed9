"""What relative expressions are resolved against: the document date, the last date mentioned
(TempEval's news strategy) and the tense of the sentence around an expression."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import periods as cal

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n\s*\n"
)
_ABBREV_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec"
    r"|Inc|Corp|Co|No|Vs|vs|U\.S|p\.m|a\.m))\.$"
)
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|(?:is|are)\s+to\s+\w+|plans?\s+to|scheduled"
    r"|expects?\s+to|expected\s+to|upcoming|tomorrow|intends?\s+to|hopes?\s+to"
    r"|aims?\s+to)\b",
    re.I,
)
# A date ahead of the DCT in a past-tense sentence counts as this much farther away.
PAST_BIAS = 2.0
MONTH_BIAS = 3.0
FUTURE_BIAS = 4.0  # a past date in a future-tense sentence counts as this much farther
# a date more than a quarter ahead, no verb next to it, in a past-tense sentence
PAST_SENTENCE_BIAS = 2.0
PAST_SENTENCE_SLACK = 92
_IRREGULAR_PAST = (
    "struck|began|fought|took|came|went|held|met|left|won|lost|fell|rose|shot|broke|gave"
    "|made|saw|told|sent|led|fled|bought|sold|paid|built|spoke|wrote|chose|drove|flew|froze"
    "|knew|ran|rang|sang|sat|stood|stole|swore|threw|woke|wore|became|brought|caught|felt|found"
    "|got|heard|kept|lay|meant|said|slid|spent|stuck|taught|thought|understood|withdrew|overran"
)
_PAST = re.compile(
    rf"\b(?:was|were|had|did|said|ago|last|yesterday|earlier|\w{{3,}}ed|{_IRREGULAR_PAST})\b",
    re.I,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of text as [start, end) pairs; a rule-based split good enough for tense."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV_END.search(text[max(start, m.start() - 6) : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


_SAID_BEFORE = re.compile(
    rf"\b(?:said|says|told|announced|reported|confirmed|added|stated|was|were|\w{{3,}}ed"
    rf"|{_IRREGULAR_PAST})"
    r"\s+(?:(?:on|earlier|later|late|early|last)\s+)?"
    r"(?:(?:from|between)\s+\d{1,2}(?:st|nd|rd|th)?\s*(?:to|and|until|-|\u2013)\s*)?$",
    re.I,
)
_WILL_BEFORE = re.compile(
    r"(?:\b(?:will|won't|shall|'ll|going\s+to|(?:is|are)\s+to|would|could|might|plans?\s+to"
    r"|planning|planned|expects?\s+to|expected\s+to|scheduled\s+to"
    r"|(?<!been\s)(?<!was\s)(?<!were\s)"  # not "had been due to expire Friday"
    r"(?:agreed|promised|vowed|pledged|threatened|decided|set|due)\s+to\s+(?!(?:the|a|an)\b)"
    r"[a-z]+)\b"
    r"(?:[^.;:!?\"\u201d]|\.(?!\s+[A-Z])){0,60}"
    r"|\b(?:until|effective|as\s+(?:soon|early)\s+as|by|starting|beginning|no\s+later\s+than|deadline\s+of"
    r"|planned\s+for|scheduled\s+for|set\s+for|due)\s+(?:on\s+)?)$",
    re.I,
)
# a headline's future: "Talks to resume on Friday", "Leaders to meet in Paris on Friday"
_HEADLINE_TO = re.compile(r"\b[A-Za-z]+\s+to\s+[a-z]+\b(?:\s+[\w'’-]+){0,4}?\s+(?:on\s+)?$")


def _headline_future(text: str, start: int) -> bool:
    """Whether start lies in the article's first line (no full stop at its end: a headline)
    after "X to <verb>"."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[:line_start].strip():
        return False
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end].rstrip()
    if not line or line.endswith((".", "!", "?", '"', "\u201d")):
        return False
    return _HEADLINE_TO.search(text, line_start, start) is not None


_WILL_AFTER = re.compile(
    r"^(?:[^.;!?\n]|\.(?!\s+[A-Z])){0,30}\b(?:will|won't|shall|'ll|(?:is|are)\s+to)\b", re.I
)


_MODAL_NEAR = re.compile(
    r"\b(?:will|won't|shall|'ll|would|to)\s+(?:not\s+)?(?:be|have\s+been)\s+\w+"
    r"\s+(?:on\s+)?$",
    re.I,
)


# "since January", "since early March": a date looked back to, whatever the tense
_SINCE_BEFORE = re.compile(
    r"\b(?:since|ever\s+since)\s+(?:(?:early|mid|late|the\s+(?:start|end|beginning|middle)\s+of"
    r"|the)[\s-]+)?$",
    re.I,
)


def local_tense(
    text: str, start: int, sentence_tense: str, end: int | None = None, fallback: str = "past"
) -> str:
    """The tense for a weekday at start: a verb or preposition right before it ("said Friday",
    "will meet on Friday", "until Friday", "since Friday") or a future verb right after ("On
    Friday, he will")."""
    before = text[max(0, start - 80) : start]
    if _SINCE_BEFORE.search(before):
        return "past!"
    if _MODAL_NEAR.search(before):  # "will be paid Dec. 14", "would be held on Monday"
        return "future"
    if _SAID_BEFORE.search(before):
        return "past!"  # a past verb right before: "ended Jan. 31", "said Friday"
    if _WILL_BEFORE.search(before) or _headline_future(text, start):
        return "future"
    if end is not None and _WILL_AFTER.search(text[end : end + 50]):
        return "future"
    return sentence_tense if fallback == "sentence" else fallback


def tense_of(sentence: str) -> str:
    """'future' when the sentence speaks of what is to come, else 'past' (or 'present')."""
    if _FUTURE.search(sentence):
        return "future"
    if _PAST.search(sentence):
        return "past"
    return "present"


@dataclass
class Anchor:
    """The document date, the last date mentioned and the tense of the current sentence."""

    dct: date | None
    tense: str = "past"
    ref: str | None = None  # last resolved DATE value with a calendar granularity
    ref_day: date | None = None
    last_quarter: str | None = None

    def mention(self, value: str) -> None:
        """Remember a resolved date so that later relative expressions can refer to it."""
        g = cal.granularity(value[:10] if "T" in value else value)
        if g is None:
            return
        base = value[:10] if "T" in value else value
        self.ref = base
        if g == "day":
            self.ref_day = cal.to_date(base)
        elif g == "quarter":
            self.last_quarter = base

    def base_day(self) -> date | None:
        """The day 'that day', 'the next day' ... count from: the last day mentioned, or the DCT."""
        return self.ref_day or self.dct

    def weekday(self, wd: int, tense: str | None = None) -> date | None:
        """The weekday wd nearest the DCT in the direction of the tense."""
        if self.dct is None:
            return None
        tense = tense or self.tense
        delta = (wd - self.dct.weekday()) % 7
        if tense == "future":
            return self.dct + timedelta(days=delta)
        return self.dct - timedelta(days=(7 - delta) % 7)

    def year_for(self, month: int, day: int | None = None, tense: str | None = None) -> int | None:
        """The year of a month (and day) given without one: the occurrence nearest the DCT, but
        in a future-tense sentence the next one and in a clearly past one the last one."""
        if self.dct is None:
            return None
        tense = tense or self.tense
        best = None
        for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            d = date(y, month, min(day or 15, 28 if month == 2 else 30))
            dist = (d - self.dct).days
            bias = PAST_BIAS if day else MONTH_BIAS
            cost = abs(dist) * (bias if dist > 0 and tense != "future" else 1)
            slack = 3 if day else 31
            if tense == "past!" and dist > slack:
                continue  # "struck on May 3", "ended Jan. 31": not a date to come
            if tense == "past~" and dist > PAST_SENTENCE_SLACK:
                cost *= PAST_SENTENCE_BIAS  # a past-tense sentence: rather a date before
            if tense == "future" and dist < -slack:
                cost = (abs(dist) + 1) * FUTURE_BIAS
            if best is None or cost < best[0]:
                best = (cost, y)
        return best[1] if best else self.dct.year
