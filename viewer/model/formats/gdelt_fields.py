"""What a GDELT event export is: its fields (GDELT 2.0: 61, GDELT 1.0: 58, 57 in the back-files
without SOURCEURL), how one is recognised from its first lines, and the CAMEO event codes
(resources/cameo_codes.tsv) with the phrases titles are made of.

Field lists from the GDELT event codebooks (GDELT-Event_Codebook-V2.0 and GDELT-Data_Format_
Codebook 1.0): tab-separated, no header, no quoting, one event per line.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

FORMAT = "gdelt"

_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_EVENT = [
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
]


def _geo(prefix: str, adm2: bool) -> list[str]:
    parts = ["Type", "FullName", "CountryCode", "ADM1Code", *(["ADM2Code"] if adm2 else [])]
    return [f"{prefix}Geo_{p}" for p in [*parts, "Lat", "Long", "FeatureID"]]


def _fields(adm2: bool) -> list[str]:
    head = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    actors = [f"Actor{k}{p}" for k in (1, 2) for p in _ACTOR]
    geo = [*_geo("Actor1", adm2), *_geo("Actor2", adm2), *_geo("Action", adm2)]
    return [*head, *actors, *_EVENT, *geo, "DATEADDED", "SOURCEURL"]


FIELDS = {61: _fields(adm2=True), 58: _fields(adm2=False)}
FIELDS[57] = FIELDS[58][:57]  # GDELT 1.0 back-files (1979 - March 2013): no SOURCEURL
VERSION = {61: "GDELT 2.0", 58: "GDELT 1.0", 57: "GDELT 1.0 (back-file)"}
assert len(FIELDS[61]) == 61
assert len(FIELDS[58]) == 58

QUAD_CLASSES = {
    "1": "Verbal cooperation",
    "2": "Material cooperation",
    "3": "Verbal conflict",
    "4": "Material conflict",
}

_LINE = re.compile(rb"[0-9]+\t[^\t\n]{0,20}\t")  # GLOBALEVENTID, SQLDATE (checked later)


def gdelt_width(head: bytes) -> int | None:
    """The field count (61, 58 or 57) if ``head`` (the first bytes of a file) is a GDELT event
    export: its first line starts with a GLOBALEVENTID (digits) and a short SQLDATE and has one of
    those numbers of tab-separated fields, as do most of its next lines (a bad row among them
    is then reported at its line)."""
    lines = [ln for ln in head.split(b"\n")[:11] if ln.strip()]
    if len(head) >= 64 * 1024 and len(lines) > 1:
        lines = lines[:-1]  # the last one may be cut
    if not lines:
        return None
    first = lines[0].lstrip(b"\xef\xbb\xbf")
    width = first.rstrip(b"\r").count(b"\t") + 1
    if width not in FIELDS or not _LINE.match(first):
        return None
    same = sum(1 for ln in lines if ln.rstrip(b"\r").count(b"\t") + 1 == width)
    return width if same * 2 > len(lines) else None


def _resource() -> str:
    name = "cameo_codes.tsv"
    try:
        return resources.files("viewer.resources").joinpath(name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # a source tree that is not installed
        return (Path(__file__).resolve().parents[3] / "resources" / name).read_text("utf-8")


@cache
def cameo_codes() -> dict[str, tuple[str, str]]:
    """CAMEO code -> (the codebook's name, the short name): '1123' -> ('Accuse of
    aggression', 'Accuse of aggression'), '19' -> ('Fight', 'Fight')."""
    out: dict[str, tuple[str, str]] = {}
    for line in _resource().splitlines():
        if line.startswith(("#", "code\t")) or not line.strip():
            continue
        code, name, short = line.split("\t")
        out[code] = (name, short)
    return out


_ADVERB = re.compile(r"^(Physically|Sexually) (\w+)(.*)$")


def third_person(short: str) -> str:
    """'Accuse of aggression' -> 'accuses of aggression'; 'Physically assault' -> 'physically
    assaults'; 'Veto' -> 'vetoes'."""
    m = _ADVERB.match(short)
    if m:
        return f"{m[1].lower()} {_verb(m[2])}{m[3]}"
    verb, _, rest = short.partition(" ")
    return f"{_verb(verb)} {rest}".rstrip()


def _verb(word: str) -> str:
    w = word.lower().rstrip(",")
    if w != word.lower():
        return _verb(w) + ","
    if w.endswith(("s", "sh", "ch", "x", "z", "o")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def title_parts(short: str) -> tuple[str, str, str]:
    """What goes between and after the actors in a title: ('ARMENIA' + ' accuses ' + 'RUSSIA'
    + ''), or for a longer phrase ('ARMENIA' + ' appeals for economic aid (' + 'RUSSIA' + ')');
    and the phrase with only the first actor (' appeals for economic aid')."""
    phrase = third_person(short)
    if " " not in phrase:
        return f" {phrase} ", "", f" {phrase}"
    return f" {phrase} (", ")", f" {phrase}"
