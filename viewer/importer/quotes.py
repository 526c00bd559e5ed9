"""Quotations in a news text: direct ones (straight and curly quotation marks, guillemets, a
quote split by "the president added") and reported speech ("X said that ...", "..., said X",
"according to X"), each with its speaker resolved to an actor by the nearest attribution."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .actors import Actors
from .clauses import sentences

_OPENERS = '"“„«'
_CLOSERS = '"”»'
VERBS = (
    r"said|says|say|stressed|stresses|noted|notes|added|adds|told|tells|stated|states|announced"
    r"|announces|warned|warns|insisted|insists|claimed|claims|argued|argues|explained|explains"
    r"|confirmed|confirms|declared|declares|wrote|writes|tweeted|emphasi[sz]ed|emphasi[sz]es"
    r"|underlined|underlines|replied|asked|asks|recalled|admitted|denied|pointed\s+out"
    r"|continued|concluded|urged|promised|called|vowed|pledged|testified"
)
_VERB = re.compile(rf"\b(?:{VERBS})\b", re.I)
_FORWARD = re.compile(
    rf"^(?P<lead>[^\"“”«»;]{{1,90}}?)\s+(?:(?:also|further|later|earlier|then|again)\s+)?"
    rf"(?P<verb>{VERBS})(?:\s+(?:\w+\s+){{0,3}}?(?:reporters|journalists|parliament|\w+))??"
    r"\s+(?:on\s+\w+\s+)?that\s+",
    re.I,
)
# "X said the deal was ..." (no "that"): only with "said", "says", "added", "told Y", and a
# clause after it, not a phrase ("said on Monday", "said in a statement")
_FORWARD_BARE = re.compile(
    r"^(?P<lead>[^\"“”«»;]{1,90}?)\s+(?:(?:also|later|earlier|then|again)\s+)?"
    r"(?:said|says|added|told\s+(?:\w+\s+){0,2}?(?:reporters|journalists|\w+))"
    r"(?:\s+(?:(?:on|late|early)\s+\w+|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday"
    r"|today)(?:\s+(?:morning|afternoon|evening|night))?)?\s+"
    r"(?!(?:that|in|on|at|to|during|after|before|by|with|from|for|of|as|so|and|but)\b"
    r"|it\b(?!\s+(?:had|has|was|is|would|will|could|should|must|might|did)\b))"
    r"(?=(?:the|a|an|he|she|they|we|it|his|her|their|its|this|these|those|there|[A-Z0-9])\w*\s"
    # "said inventories were 4% lower", "said prices would rise": a noun and its verb
    r"|[a-z]+\s+(?:were|was|is|are|had|has|have|would|will|could|should|must|might)\b)",
)
_INVERTED = re.compile(
    rf",\s+(?:(?P<verb>{VERBS})\s+(?P<after>[^,.;]{{2,80}})|(?P<before>[^,.;]{{2,80}}?)\s+"
    rf"(?:{VERBS})(?:\s+(?:on|late|early|in\s+a)\s+\w+(?:\s+\w+)?)?)\s*(?:,[^,]{{0,40}})?[.!?]?\s*$",
    re.I,
)
_ACCORDING = re.compile(r"(?:^|,\s*)[Aa]ccording\s+to\s+(?P<who>[^,.;]{2,80})\s*(?:,|[.!?]?$)")
_ROLE = re.compile(
    r"\b(?:the\s+)?(?P<role>president|prime\s+minister|minister|premier|chancellor|mayor"
    r"|governor|senator|spokesman|spokeswoman|spokesperson|general|leader|ambassador|king"
    r"|queen|chairman|director|secretary)\b",
    re.I,
)
_SENTENCE_IN_QUOTE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\u2018\"'])")


@dataclass
class Found:
    """A quotation: [start, end) of its words (no quotation marks), form, speaker id."""

    start: int
    end: int
    form: str
    speaker: str | None
    confidence: float
    note: str


def find_quotes(text: str, actors: Actors) -> list[Found]:
    """Direct quotations and reported speech of ``text``, in text order, never overlapping."""
    direct = _direct(text, actors)
    reported = _reported(text, actors, direct)
    return sorted(direct + reported, key=lambda q: q.start)


# --- direct ---------------------------------------------------------------------------------
def _marked(text: str) -> list[tuple[int, int]]:
    """Spans of quotation marks' contents (marks excluded), paragraph by paragraph: any opener
    pairs with the next closer, since news copy mixes straight and curly marks."""
    spans: list[tuple[int, int]] = []
    opened = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            # a quotation that runs on into the next paragraph has no closing mark here; the
            # next paragraph opens again (news style)
            if opened >= 0 and text[i:].lstrip()[:1] in _OPENERS and text[:i].strip():
                spans.append((opened + 1, i))
            opened = -1
        elif opened < 0 and ch in _OPENERS:
            opened = i
        elif opened >= 0 and ch in _CLOSERS:
            spans.append((opened + 1, i))
            opened = -1
    return spans


def _direct(text: str, actors: Actors) -> list[Found]:
    out: list[Found] = []
    last_speaker: tuple[str, int] | None = None  # speaker and where his quote ended
    for a, b in _marked(text):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if len(re.findall(r"[^\W\d_]+", text[a:b])) < 3:
            continue  # a scare quote or a name, not a quotation
        speaker, how = _attribution(text, a - 1, b + 1, actors)
        confidence = 0.8
        if speaker is None and last_speaker is not None and a - last_speaker[1] < 600:
            speaker, how = last_speaker[0], "the speaker of the quotation before"
            confidence = 0.6
        if speaker is None:
            confidence = 0.3
            how = "no speaker found"
        else:
            last_speaker = (speaker, b)
        note = f"check the speaker ({how})"
        for s, e in _pieces(text, a, b):
            out.append(Found(s, e, "direct", speaker, confidence, note))
    return out


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The sentences of a quotation (grouped again later by the event each speaks of)."""
    cuts = [a] + [m.start() + a for m in _SENTENCE_IN_QUOTE.finditer(text[a:b])] + [b]
    out = []
    for s, e in itertools.pairwise(cuts):
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append((s, e))
    return out


# the end of an attribution after a quote: a sentence's end (not "Dr." or an initial), a line
# break or the next quotation
_ATTRIBUTION_END = re.compile(
    r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bSen)(?<!\bGov)(?<!\bRep)(?<!\b[A-Z])"
    r"[.!?]|\n|[" + _OPENERS + "]"
)


def _attribution(text: str, qs: int, qe: int, actors: Actors) -> tuple[str | None, str]:
    """The speaker of the quotation between marks at qs and qe: the attribution after it up to
    the end of its sentence ("..." the president added.), else the one before it (X said: "...")."""
    after_end = min(len(text), qe + 120)
    m = _ATTRIBUTION_END.search(text[qe + 1 : after_end])
    window_end = qe + 1 + (m.start() if m else after_end - qe - 1)
    after = text[qe + 1 : window_end]
    if _VERB.search(after):
        who = _speaker_in(text, qe + 1, window_end, actors, qs)
        if who:
            return who, f"'{after.strip(' ,')}'"
    start = max(text.rfind("\n", 0, qs) + 1, qs - 150)
    before = text[start:qs]
    cut = max(before.rfind(". "), before.rfind('"'), before.rfind("”"), before.rfind("»"))
    if _VERB.search(before, cut + 1):  # X said: "..."; X said the deal was "..."
        who = _speaker_in(text, start + cut + 1, qs, actors, qs)
        if who:
            return who, f"'{before[cut + 1 :].strip()}'"
    return None, ""


def _speaker_in(text: str, start: int, end: int, actors: Actors, before: int) -> str | None:
    """A speaker named in text[start:end]: a person, else an organisation or state, else a
    role ("the president") or pronoun referring to the last person named before."""
    ids = actors.within(start, end)
    people = [i for i in ids if actors.actors[i].kind == "person"]
    if people:
        return people[0]
    words = text[start:end]
    role = _ROLE.search(words)
    if role or re.search(r"\b(?:he|she)\b", words, re.I):
        title = role["role"] if role else None
        found = actors.last_person(before, title.title() if title else None)
        if found:
            return found
    others = [i for i in ids if actors.actors[i].kind in ("organisation", "state", "group")]
    return others[0] if others else None


# --- reported -------------------------------------------------------------------------------
def _reported(text: str, actors: Actors, direct: list[Found]) -> list[Found]:
    out: list[Found] = []
    for s, e in sentences(text):
        if any(q.start < e and q.end > s for q in direct):
            continue
        if text[e - 1] not in ".!?\"”»'’":
            continue  # a headline or a caption: no reported speech of its own
        found = _reported_in(text, s, e, actors)
        if found is not None:
            out.append(found)
    return out


def _reported_in(text: str, s: int, e: int, actors: Actors) -> Found | None:
    sentence = text[s:e]
    m = _FORWARD.match(sentence)
    if m is not None:
        who = _speaker_in(text, s, s + m.end("lead"), actors, s + m.start("lead") + 1)
        if who:
            return _found(text, s + m.end(), e, who, f"'{m.group().strip()}'")
    m = _FORWARD_BARE.match(sentence)
    if m is not None:
        who = _speaker_in(text, s, s + m.end("lead"), actors, s + m.start("lead") + 1)
        if who:
            found = _found(text, s + m.end(), e, who, f"'{m.group().strip()}'")
            if found is not None:
                found.confidence = 0.5
                return found
    m = _INVERTED.search(sentence)
    if m is not None:
        a, b = (m.start("after"), m.end("after")) if m["verb"] else m.span("before")
        who = _speaker_in(text, s + a, s + b, actors, s + m.start())
        if who:
            return _found(text, s, s + m.start(), who, f"'{m.group().strip(' ,.')}'")
    m = _ACCORDING.search(sentence)
    if m is not None:
        ids = actors.within(s + m.start("who"), s + m.end("who"))
        who = next((i for i in ids if actors.actors[i].kind != "state"), None)
        if who:
            if m.start() == 0:
                return _found(text, s + m.end(), e, who, f"'{m.group().strip(' ,')}'")
            return _found(text, s, s + m.start(), who, f"'{m.group().strip(' ,')}'")
    return None


def _found(text: str, a: int, b: int, speaker: str, how: str) -> Found | None:
    while a < b and (text[a].isspace() or text[a] in ",;:"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:!?"):
        b -= 1
    if len(re.findall(r"[^\W\d_]+", text[a:b])) < 4:
        return None
    return Found(a, b, "reported", speaker, 0.6, f"reported speech: check the speaker ({how})")
