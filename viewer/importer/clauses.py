"""Sentences and clauses of a news text, and what the words of a clause say about its event:
a short title, the kind of happening, whether it is planned, approximate or uncertain."""

from __future__ import annotations

import bisect
import re
from statistics import median

from .anchoring import sentence_spans
from .when import ZONE_AFTER

# --- sentences --------------------------------------------------------------------------------


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentences as [start, end) spans without their surrounding blanks. A line break ends a
    sentence too (headlines, datelines, paragraphs one per line), unless the text is
    hard-wrapped (most lines of about the same width), where only blank lines do; so does a
    stop before a guillemet or a low quotation mark."""
    breaks = _BREAK if not _hard_wrapped(text) else _BREAK_WRAPPED
    out: list[tuple[int, int]] = []
    for s, e in sentence_spans(text):
        start = s
        for m in breaks.finditer(text, s, e):
            _keep(text, start, m.start(), out)
            start = m.end()
        _keep(text, start, e, out)
    return out


# a wire story's dateline is a sentence of its own: "MIAMI, Sept. 12, 2024 -- ", "WASHINGTON
# (AP) — "
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,40}(?:\s?\([^)\n]{1,30}\))?(?:,[^\n]{1,30}?)?\s(?:--|—|–)\s+"
)
_BREAK = re.compile(r"\n|(?<=[.!?])\s+(?=[«„\u2039])")
_BREAK_WRAPPED = re.compile(r"(?<=[.!?])\s+(?=[«„\u2039])")


def _keep(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    dateline = _DATELINE.match(text, a, b)
    if dateline is not None and (a == 0 or text[a - 1] == "\n"):
        out.append((a, dateline.end() - len(dateline.group()) + len(dateline.group().rstrip())))
        a = dateline.end()
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append((a, b))


def _hard_wrapped(text: str) -> bool:
    lines = [len(line) for line in text.splitlines() if line.strip()]
    if len(lines) < 6:
        return False
    width = median(lines)
    near = sum(1 for n in lines if width * 0.6 <= n <= width * 1.15)
    return 40 <= width <= 100 and near >= 0.7 * len(lines)


# --- clauses ----------------------------------------------------------------------------------
_DELIMITER = re.compile(
    r"(?<!\d),|,(?!\d)|[;:()\[\]\u2014]|\s[\u2013-]\s|\s(?=and\s+(?:the|a|an|his|her|its|their)\s)"
)
_SUBORDINATE = re.compile(r"\s(?=(?:after|before|when|while|since|because|until|as)\s)")
_THAT = re.compile(
    r"(?<=\s)(?:said|says|stressed|noted|added|stated|announced|warned|insisted|claimed"
    r"|argued|explained|confirmed|declared|emphasi[sz]ed|underlined)\s+that\b",
    re.I,
)
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|\w{3,}ed)\b"
)
_REPORT_FRAME = re.compile(
    r"^[^,;:\"“”«»]{0,80}?\b(?:(?:said|says|told\s+\w+)(?:\s+that)?"
    r"|(?:stressed|noted|added|stated|announced|warned|insisted|claimed|argued|explained"
    r"|confirmed|declared|emphasi[sz]ed|underlined|reported)(?:\s+that|(?=\s*$)))(?:\s+|$)",
    re.I,
)  # "X said (that) ...", "X warned that ...", but "X warned about the pipes" is no frame
_LEAD_WORDS = re.compile(
    r"^(?:(?:and|but|or|so|then|despite|after|before|while|as|when|although|though|because"
    r"|since|that|which|who|during|following|finally|also|unfortunately|meanwhile|however"
    r"|moreover|later|earlier|thus|until|by|on|in|at(?!\s+(?:least|most)\b)|from|for|of|to"
    r"|with|under|according|the|a|an)\s+)+",
    re.I,
)
_PREP_BEFORE = re.compile(
    r"(?:\b(?:on|at|in|during|since|by|until|till|from|between|before|after|as\s+of|for|over|of"
    r"|through|throughout|around|about|early|late)\s+)+$"
    r"|^\s*(?:ended|ending)\s+$",  # between two dates: "the quarter ended Sept. 30"
    re.I,
)
_RELATIVE = re.compile(r"\s(?:which|who|whom|whose|where)\s.*$", re.S)
_TRAILING = re.compile(
    r"(?:\s+(?:and|or|but|on|in|at|by|from|between|for|of|to|with|the|a|an|that|almost|nearly"
    r"|about|around))+\s*[,.;:]?\s*$",
    re.I,
)
_QUOTE_MARKS = re.compile(r"[\"“”„«»]")
MAX_TITLE = 80


def clause_of(
    text: str, sentence: tuple[int, int], span: tuple[int, int], masked: list[tuple[int, int]]
) -> tuple[int, int]:
    """The clause of ``sentence`` holding ``span`` (an expression): delimited by commas,
    semicolons, dashes, brackets and "and the", never inside an expression of ``masked``; a
    clause of fewer than three words beside the expression takes in the next (or previous)."""
    s, e = sentence
    lo = bisect.bisect_left(masked, (s - 200, 0))  # sorted spans; an expression is short
    masked = [(a, b) for a, b in masked[lo : bisect.bisect_right(masked, (e, e))] if b > s]
    cuts = [s]
    for m in _DELIMITER.finditer(text, s, e):
        if any(a <= m.start() < b for a, b in masked):
            continue
        if m.group().isspace() and not _VERB.search(text, cuts[-1], m.start()):
            continue  # "a ceasefire and a cessation of hostilities": one subject, no clause
        cuts.append(m.start())
        cuts.append(m.end())
    for m in _SUBORDINATE.finditer(text, s, e):  # "... on Feb. 26 after talks collapsed"
        if any(a <= m.start() < b for a, b in masked):
            continue
        nxt = _DELIMITER.search(text, m.end(), e)
        stop = nxt.start() if nxt else e
        dates_both_sides = any(m.end() <= a < stop for a, _ in masked) and any(
            s <= a < m.start() for a, _ in masked
        )  # "reopened on Monday after a fire in March": two happenings
        if dates_both_sides or _VERB.search(text, m.end(), stop):
            cuts += [m.start(), m.start()]
    for m in _THAT.finditer(text, s, e):  # "X welcomed it on Friday and said that ..."
        cuts += [m.start(), m.end()]
    cuts = sorted(cuts)
    cuts.append(e)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    pieces = [(a, b) for a, b in pieces if b > a]
    k = next((i for i, (a, b) in enumerate(pieces) if a <= span[0] < b), 0)
    start, end = pieces[k]
    if word_count(text, start, end, span) < 3:
        if k + 1 < len(pieces) and word_count(text, *pieces[k + 1], span) >= 2:
            end = pieces[k + 1][1]
        elif k > 0:
            start = pieces[k - 1][0]
    return start, end


def word_count(text: str, start: int, end: int, span: tuple[int, int]) -> int:
    words = text[start : max(start, span[0])] + " " + text[min(end, span[1]) : end]
    return len(re.findall(r"[^\W\d_]{2,}", words))


def title_of(text: str, clause: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """A short, capitalised title from a clause, without its date expressions, the reporting
    frame ("X said that"), leading conjunctions and articles, or a relative clause."""
    s, e = clause
    parts: list[str] = []
    pos = s
    for a, b in sorted(spans):
        if b <= s or a >= e:
            continue
        before = text[pos:a]
        parts.append(_PREP_BEFORE.sub("", before))
        pos = b
        if text.startswith(("'s", "’s"), pos):
            pos += 2
        zone = ZONE_AFTER.match(text, pos)  # "3 p.m. ET", "00:00 (Moscow time)"
        if zone is not None:
            pos = zone.end()
    parts.append(text[pos:e])
    return tidy(" ".join(p.strip() for p in parts))


_VERB_FIRST = re.compile(
    r"(?:has|have|had|was|were|is|are|will|would|could|can|may|might|must|should|opened|ended"
    r"|ends|began|begins|fell|rose|held|\w+ed)\b"
)
_NOT_A_SUBJECT = re.compile(
    r"(?:among|in|on|at|for|after|before|during|with|by|from|under|despite|since|as|when|while"
    r"|if|although|though|however|meanwhile|separately|also|but|and|yet|still|now|then|today"
    r"|yesterday|earlier|later|instead|indeed|finally|so|thus|here|there)\b",
    re.I,
)
_SUBJECT = re.compile(r"[^,;:\"“”«»()]{2,60}?(?=,)")
_RELATIVE_HEAD = re.compile(r"(?P<head>(?:[\w'’$%.-]+\s+){0,2}[\w'’$%.-]+),\s+(?:which|who)\s")


def with_subject(text: str, sent: tuple[int, int], title: str) -> str:
    """A title that starts with its verb ("Has been shelled", "Opened") gets the subject that
    opens its sentence, when that is a short name set off by a comma ("Kessary, a town of
    25,000, has been shelled"; "The Geneva talks, which opened on Monday, were suspended")."""
    if not title or not _VERB_FIRST.match(title[0].lower() + title[1:]):
        return title
    m = _SUBJECT.match(text, sent[0], sent[1])
    words = m.group() if m is not None and len(m.group().split()) <= 5 else ""
    if _NOT_A_SUBJECT.match(words.strip()):
        words = ""  # "Among them, ...", "Separately, ...": no subject
    rel = _RELATIVE_HEAD.search(text, sent[0], sent[1])
    if not words and rel is not None:  # "... for fiscal 2025, which ends on Jan. 31"
        words = rel["head"]
    if not words:
        return title
    subject = tidy(words)
    if not subject or _VERB_FIRST.match(subject.lower()):
        return title
    joined = f"{subject} {title[0].lower()}{title[1:]}"
    return tidy(joined)


def tidy(words: str) -> str:
    """A title from a clause's words: no quotation marks, reporting frame, leading conjunction
    or article, or relative clause; at most :data:`MAX_TITLE` characters; capitalised."""
    words = _QUOTE_MARKS.sub("", words.replace("\u00a0", " "))
    frame = _REPORT_FRAME.match(words)
    if frame is not None and not words[frame.end() :].strip(" .,;:"):
        who = re.sub(r"\s+\w+\s*$", "", frame.group().strip())  # "the council said"
        return tidy(f"Statement by {who}") if who and who != words else ""
    words = _REPORT_FRAME.sub("", words)
    words = _LEAD_WORDS.sub("", words.strip())
    words = _RELATIVE.sub("", words)
    words = re.sub(r"\s+(?:and\s+)?(?:said|says|added|stated|announced)\s*$", "", words)
    words = _TRAILING.sub("", words)
    words = re.sub(r"\s+", " ", words).strip(" ,.;:-–—'’")
    if not words:
        return ""
    if len(words) > MAX_TITLE:
        cut = words[:MAX_TITLE].rsplit(" ", 1)[0]
        words = cut.rstrip(" ,;:-") + "…"
    return words[0].upper() + words[1:]


# --- what the words say -----------------------------------------------------------------------
_KINDS = (
    ("ceasefire", r"cease-?fire|truce|armistice|cessation\s+of\s+(?:all\s+)?hostilities"),
    ("hand-over", r"hand(?:ed|s|ing)?\s+(?:\w+\s+){0,6}?over|hand-?over|transferr?(?:ed)?"
                  r"\s+(?:control|to)|returned\s+to\s+the\s+control"),
    ("legislation", r"\bbudget\b|\bbill\b|\blaw\b|legislat|\bpassed\b|\bdecree"),
    ("agreement", r"\bagree(?:d|s|ment)?\b|accord\b|treaty|\bdeal\b|declaration|memorandum|\bpact\b"
                  r"|surrender|\bsign(?:ed|s|ing)?\b|ratif"),
    ("deployment", r"deploy|peacekeep|stationed|troops\s+(?:arrived|entered)|mandate"),
    ("election", r"election|\bvot(?:e|ed|ing)\b|referendum|ballot|sworn\s+in|inaugurat"),
    ("legal", r"\bcourt\b|ruled|verdict|sentenced|\btrial\b|charged|indicted|arrested|lawsuit"),
    ("protest", r"protest|demonstrat|\brally\b|marched|\bstrike\b|walkout"),
    ("military action", r"fight|attack|shell|air\s*strike|offensive|military\s+action|battle"
                        r"|clash|\bwar\b|bomb|missile|killed|wounded|liberat|captur|troops"),
    ("diplomacy", r"talks|\bmet\b|meeting|\bvisit|telephone|phone\s+call|conversation|summit"
                  r"|negotiat|envoy|diplomat"),
    ("disaster", r"earthquake|flood|storm|hurricane|wildfire|\bfire\b|drought|eruption"),
    ("economy", r"price|market|shares|budget|\bbank\b|inflation|tariff|trade|profit|revenue"
                r"|\bsales\b|demand|earnings|income|\bjobs\b|layoff"),
    ("opening", r"\b(?:re)?open(?:ed|s|ing)?\b|launch|inaugurat|unveil"),
    ("statement", r"\bsaid\b|\bsays\b|statement|announc|declared|speech|press\s+conference"
                  r"|stressed|noted|warned"),
)  # fmt: skip
_KIND_RES = [(k, re.compile(p, re.I)) for k, p in _KINDS]
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is\s+to|are\s+to|is\s+due\s+to|are\s+due\s+to|plans?\s+to"
    r"|planned\s+for|scheduled|expected\s+to|set\s+to|going\s+to|intends?\s+to)\b",
    re.I,
)
_APPROX_BEFORE = re.compile(
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|over|more\s+than|less\s+than"
    r"|shortly\s+(?:before|after)|just\s+(?:before|after)|soon\s+after"
    r"|up\s+to|at\s+least|early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|circa|c\.)[\s-]*(?:(?:on|in|at)\s+)?$",
    re.I,
)
_APPROX_IN = re.compile(
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|over|more\s+than|early|mid"
    r"|shortly\s+(?:before|after)|just\s+(?:before|after)"
    r"|late|several|few)\b",
    re.I,
)
_UNCERTAIN = re.compile(
    r"\b(?:reportedly|allegedly|possibly|probably|may\s+have|might\s+have|could\s+have"
    r"|is\s+believed|are\s+believed|unconfirmed|it\s+is\s+unclear|is\s+thought|are\s+thought"
    r"|rumou?red)\b",
    re.I,
)


def kind_of(words: str) -> str:
    """The kind of happening a clause tells of, from its verbs and nouns; "event" if none."""
    for kind, rx in _KIND_RES:
        if rx.search(words):
            return kind
    return "event"


def is_future(words: str) -> bool:
    return _FUTURE.search(words) is not None


def is_approximate(text: str, start: int, end: int) -> bool:
    """Whether the words of an expression or just before it make it approximate."""
    return bool(_APPROX_BEFORE.search(text, max(0, start - 24), start)) or bool(
        _APPROX_IN.search(text, start, end)
    )


def is_uncertain(words: str) -> bool:
    return _UNCERTAIN.search(words) is not None
