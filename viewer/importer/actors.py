"""A small rule-based recogniser of the actors of a news text: named people (after a title, or
the speaker of a reporting verb), states (names and demonyms) and organisations (capitalised
names with an organisation word, acronyms); every mention with its span."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .countries import HONORIFICS, ORG_WORDS, STATE_NAMES, TITLES

_PARTICLE = r"(?:de|van|von|der|al|el|bin|ibn|da|del|la|le|du|dos)"
_NAME = re.compile(
    rf"(?<![\w'’-])[^\W\d_a-z](?:[\w'’-]*\w)?\.?(?:[A-Z]\.)*(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?"
    rf"[^\W\d_a-z](?:[\w'’-]*\w)?\.?)*"
)
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{4}\.)(?=[ \u00a0])")
_TITLE_WORDS = sorted(TITLES, key=len, reverse=True)
_INNER_TITLE = re.compile(
    r" (" + "|".join(re.escape(t) for t in _TITLE_WORDS if t not in HONORIFICS) + r") (?=[^\W\d_])"
)
_REPORTING = re.compile(
    r"(?:,[^,.;\"“”]{1,60},"  # "Erdogan, speaking in Ankara, said"
    r"|,(?=[ \u00a0]+(?:also[ \u00a0]+)?[a-z]+ed\b)"  # "witness, ... Alan Becker, testified"
    r"|[ \u00a0]of[ \u00a0](?:the[ \u00a0])?[A-Z][\w&'’-]*(?:[ \u00a0][A-Z][\w&'’-]*){0,3})?"
    r"[ \u00a0]+(?:also[ \u00a0]+|later[ \u00a0]+|earlier[ \u00a0]+|further[ \u00a0]+)?"
    r"(?:said|says|stressed|noted|added|told|stated|announced|warned|insisted|claimed|argued"
    r"|explained|confirmed|declared|wrote|tweeted|emphasi[sz]ed|underlined|replied|asked"
    r"|testified|recalled|called|urged|promised)\b"
)
_ROLE_BEFORE = re.compile(r"\b(?:said|says|added|according to)[ \u00a0]+$", re.I)
_ACRONYM = re.compile(r"[A-Z]{2,6}s?$")
_COMMON_START = {
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I",
    "In", "On", "At", "Under", "According", "Following", "After", "Before", "Finally", "But",
    "And", "However", "Meanwhile", "Read", "More", "When", "While", "If", "As", "Despite",
    "During", "Since", "Until", "For", "From", "With", "By", "Some", "All", "Many", "Our",
    "His", "Her", "Their", "Its", "There", "Here", "Also", "Yet", "So", "Then", "Now", "Why",
    "What", "Who", "How", "Where", "Last", "Next", "Earlier", "Later", "Today", "Yesterday",
    "Tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "Both", "Each", "Every", "No",
    "Not", "One", "Two", "Three", "Several", "Other", "Another", "Such", "Most", "Officials",
    "Police", "Residents", "Witnesses",
}  # fmt: skip


@dataclass
class Found:
    """One actor: its name, other names, kind and (for people) the titles it was given."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def mentioned_within(mentions: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """Ids of the ``mentions`` (start, end, id; sorted by start) wholly inside start:end, in
    order, each once."""
    k = bisect.bisect_left(mentions, (start, -1, ""))
    out: list[str] = []
    while k < len(mentions) and mentions[k][0] < end:
        if mentions[k][1] <= end and mentions[k][2] not in out:
            out.append(mentions[k][2])
        k += 1
    return out


@dataclass
class Actors:
    """The actors of a text and where each is mentioned (spans sorted by start)."""

    actors: dict[str, Found] = field(default_factory=dict)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)

    def within(self, start: int, end: int) -> list[str]:
        """Ids of the actors mentioned in text[start:end], in order, each once."""
        return mentioned_within(self.mentions, start, end)

    def at(self, start: int, end: int) -> str | None:
        """The actor whose mention covers most of text[start:end]."""
        best = None
        for s, e, aid in self.mentions:
            if s < end and e > start and (best is None or e - s > best[0]):
                best = (e - s, aid)
        return best[1] if best else None

    def last_person(self, before: int, title: str | None = None) -> str | None:
        """The person mentioned last before ``before`` (with ``title``, if given and found)."""
        k = bisect.bisect_left(self.mentions, (before, -1, ""))
        fallback = None
        for _s, _e, aid in reversed(self.mentions[:k]):
            found = self.actors[aid]
            if found.kind != "person":
                continue
            if title is None or any(title.lower() in t.lower() for t in found.titles):
                return aid
            fallback = fallback or aid
        return fallback


def slug(text: str) -> str:
    s = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
    return s[:60] or "actor"


def find_actors(text: str) -> Actors:
    """People, states and organisations named in ``text``, with every mention."""
    result = Actors()
    people_last: dict[str, str] = {}  # a person's last name -> id
    pending: list[tuple[int, int, str]] = []  # single capitalised words, decided at the end
    bodies = _bodies(text, result)
    bylines = [(b.start(), b.end()) for b in _BYLINE.finditer(text)]
    for m in _NAME.finditer(text):
        start, group = m.start(), m.group()
        if any(a <= start < b for a, b in bylines):
            continue  # "By Jordan Ellis, Health Reporter": the author, no actor
        for a, b in bodies:  # "Bank of England Governor Andrew Bailey": after the body
            if a < m.end() and b > start:
                if b >= m.end():
                    group = ""
                    break
                group = group[max(0, b - start) :]
                start = max(start, b)
        for part in _SENTENCE_END.split(group):  # "October. Ukrainian President ..."
            lead = len(part) - len(part.lstrip())
            if part.strip():
                _classify(text, start + lead, part.strip(), result, people_last, pending)
            start += len(part)
    for s, e, word in pending:
        aid = people_last.get(word)
        if (
            aid is None
            and _COMPANY_BEFORE.search(text, max(0, s - 30), s)
            and _REPORTING.match(text, e)
        ):  # "Shipping line Maersk said", "carmaker Toyota said"
            aid = _add(result, word, "organisation")
        if aid is not None:
            result.mentions.append((s, e, aid))
    for m in _GROUP_SPEAKER.finditer(text):  # "Prosecutors said", "police told reporters"
        if any(s <= m.start("g") < e for s, e, _ in result.mentions):
            continue
        aid = _add(result, m["g"].capitalize(), "group")
        result.mentions.append((m.start("g"), m.end("g"), aid))
    result.mentions.sort()
    return result


_COMPANY_BEFORE = re.compile(
    r"\b(?:line|\w*maker|firm|company|group|carrier|airline|bank|lender|retailer|insurer|giant"
    r"|operator|broadcaster|producer|supplier|developer|chain|start-?up|miner|utility)[ \u00a0]+$"
)
_GROUP_SPEAKER = re.compile(
    r"(?<![\w-])(?P<g>[Pp]rosecutors|[Pp]olice|[Oo]fficials|[Ww]itnesses|[Rr]esidents|[Aa]nalysts"
    r"|[Ii]nvestigators|[Ee]conomists|[Rr]escuers|[Oo]rgani[sz]ers|[Dd]octors)"
    r"[ \u00a0]+(?:also[ \u00a0]+|have[ \u00a0]+)?(?:said|say|says|told|warned|argued|alleged"
    r"|claimed|reported|estimated)\b"
)


# an organisation word alone names an organisation only for these ("the Senate"; not "School
# attendance has dropped")
_INSTITUTIONS = {"Senate", "Congress", "Parliament", "Cabinet", "Government", "Army", "Navy"}
_BYLINE = re.compile(r"^[ \t]*By[ \u00a0][^\n.!?]{2,80}$", re.M)
_CAP = r"[^\W\d_a-z][\w&'’-]*"
_BODY = re.compile(
    rf"(?<![\w'’-])(?:[Tt]he[ \u00a0]+)?({_CAP}(?:[ \u00a0]+{_CAP})*"
    rf"(?:[ \u00a0]+(?:of|and|for|on)[ \u00a0]+(?:the[ \u00a0]+)?{_CAP}(?:[ \u00a0]+{_CAP})*)+)"
)
_TITLE_TOKENS = {t for t in TITLES if " " not in t} - ORG_WORDS


def _bodies(text: str, result: Actors) -> list[tuple[int, int]]:
    """Organisations whose names join capitalised words with "of", "and", "for" ("Ministry of
    Defence", "Securities and Exchange Commission"), starting or ending with an organisation
    word; a title after it ("Bank of England Governor ...") is not part of it."""
    spans = []
    for m in _BODY.finditer(text):
        words = m.group(1).split()
        cut = next((k for k, w in enumerate(words) if w in _TITLE_TOKENS), len(words))
        words = words[:cut]
        while words and words[-1] in ("of", "and", "for", "on", "the"):
            words.pop()
        if len(words) < 3 or not ({words[0], words[-1]} & ORG_WORDS):
            continue
        if not any(w in ("of", "and", "for", "on") for w in words):
            continue
        start = m.start(1)
        name = text[start : start + len(" ".join(words))]
        if name.replace("\u00a0", " ") != " ".join(words):
            continue
        aid = _add(result, name, "organisation")
        result.mentions.append((start, start + len(name), aid))
        spans.append((start, start + len(name)))
    return spans


def _add(result: Actors, name: str, kind: str, alias: str | None = None) -> str:
    aid = slug(name)
    found = result.actors.get(aid)
    if found is None:
        found = result.actors[aid] = Found(aid, name, kind)
    if alias and alias != name and alias not in found.aliases:
        found.aliases.append(alias)
    return aid


def _classify(
    text: str,
    start: int,
    words: str,
    result: Actors,
    people_last: dict[str, str],
    pending: list[tuple[int, int, str]],
) -> None:
    words = words.rstrip(".") if not words.endswith((" U.S.", "U.K.")) else words
    tokens = words.replace("\u00a0", " ").split(" ")
    pos = start
    while len(tokens) > 1 and tokens[0] in _COMMON_START:  # "The Azerbaijani flag"
        pos += len(tokens[0]) + 1
        start = pos
        tokens = tokens[1:]
    i = 0
    demonym = None
    # a demonym or a state's name first: "Turkish President ...", "Azerbaijani flag"
    for n in (3, 2, 1):
        head = " ".join(tokens[:n])
        if len(tokens) >= n and head in STATE_NAMES:
            state = STATE_NAMES[head]
            aid = _add(result, state, "state")
            result.mentions.append((pos, pos + len(head), aid))
            demonym = head
            pos += len(head) + 1
            i = n
            break
    rest = tokens[i:]
    if not rest:
        return
    joined = " ".join(rest)
    title = next((t for t in _TITLE_WORDS if joined == t or joined.startswith(t + " ")), None)
    inner = _INNER_TITLE.search(joined) if title is None else None
    if inner is not None:  # "Commission President Helena Berg": the body, then the person
        body = joined[: inner.start()].strip()
        if not body:
            return
        aid = _add(result, body, "organisation")
        result.mentions.append((pos, pos + len(body), aid))
        pos += inner.start() + 1
        joined = joined[inner.start() + 1 :]
        title = inner.group(1)
        demonym = demonym or body
    if title is not None:
        name = joined[len(title) :].strip()
        name_start = pos + len(title) + 1
        role = f"{demonym} {title}" if demonym else title
        if name and not any(w in ORG_WORDS for w in name.split()):
            _person(result, people_last, name, name_start, title, role)
        elif demonym and title not in HONORIFICS:
            # "Turkish President" without a name: the last person with that title
            aid = result.last_person(start, title) if result.mentions else None
            if aid is not None:
                result.mentions.append((start, pos + len(title), aid))
                if role not in result.actors[aid].aliases:
                    result.actors[aid].aliases.append(role)
        return
    at_line_start = start == 0 or text[start - 1] == "\n"  # "MIAMI, Sept. 12 --": a dateline
    if (
        (len(rest) > 1 or rest[0] in _INSTITUTIONS)
        and any(t.strip(".,") in ORG_WORDS or t in ORG_WORDS for t in rest)
    ) or (
        len(rest) == 1
        and _ACRONYM.match(rest[0])
        and rest[0] not in STATE_NAMES
        and not at_line_start
    ):
        name = joined if demonym is None else f"{demonym} {joined}"
        _org_start = start if demonym is not None else pos
        aid = _add(result, name, "organisation")
        result.mentions.append((_org_start, _org_start + len(name), aid))
        return
    if len(rest) == 1:
        if rest[0] not in _COMMON_START:
            pending.append((pos, pos + len(rest[0]), rest[0]))
        return
    if rest[0] in _COMMON_START:
        return
    end = pos + len(joined)
    if (
        _REPORTING.match(text, end)
        or _ROLE_BEFORE.search(text, max(0, pos - 20), pos)
        or _appositive(text, pos, end, len(rest))
    ):
        _person(result, people_last, joined, pos, None, None)


_ROLE_NOUN_BEFORE = re.compile(r"\b[a-z]{3,}(?:['’]s)?,[ \u00a0]$")


def _appositive(text: str, start: int, end: int, words: int) -> bool:
    """A name set off by commas after a role noun: "His lawyer, Marisa Quinn, said";
    "Marapur's chief minister, Devika Menon, called"."""
    return (
        2 <= words <= 4
        and text[end : end + 1] == ","
        and _ROLE_NOUN_BEFORE.search(text, max(0, start - 30), start) is not None
    )


def _person(
    result: Actors,
    people_last: dict[str, str],
    name: str,
    start: int,
    title: str | None,
    role: str | None,
) -> None:
    parts = name.split(" ")
    if len(parts) == 1 and parts[0] in people_last:
        aid = people_last[parts[0]]
    elif len(parts) == 1:
        aid = _add(result, name, "person")
    else:
        aid = people_last.get(parts[-1]) or _add(result, name, "person")
    found = result.actors[aid]
    if len(parts) > len(found.name.split(" ")):  # the fuller name wins
        found.aliases.append(found.name)
        found.name = name
    if title and title not in HONORIFICS and title not in found.titles:
        found.titles.append(title)
    if role and role != title and role not in found.aliases:
        found.aliases.append(role)
    people_last.setdefault(parts[-1], aid)
    result.mentions.append((start, start + len(name), aid))
