"""Read TimeML (.tml) files: the document creation time, the text and its gold TIMEX3 tags.

Offsets are code points into the text of the <TEXT> element with every tag removed and XML
entities decoded, which is the text a tagger sees.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .timex import Timex

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')
_DCT = re.compile(r"<DCT>.*?<TIMEX3([^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


class TimeMLError(ValueError):
    """A file that is not TimeML as expected; the message names the file and what is wrong."""


@dataclass
class TimeMLDoc:
    """One TimeML document: its name, creation time (TimeML value), text and gold expressions."""

    name: str
    dct: str | None
    text: str
    timexes: list[Timex] = field(default_factory=list)


def _attrs(raw: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(raw)}


def parse_timeml(source: str, name: str = "<string>") -> TimeMLDoc:
    """Parse the text of a TimeML document; raise TimeMLError when it has no <TEXT>."""
    m = _TEXT.search(source)
    if m is None:
        raise TimeMLError(f"{name}: no <TEXT> element; expected a TimeML document")
    dct_match = _DCT.search(source)
    dct = _attrs(dct_match.group(1)).get("value") if dct_match else None
    body = m.group(1)
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, tag_name, raw, empty = tag.groups()
        if tag_name != "TIMEX3" or empty:
            continue
        if not closing:
            open_timex.append((length, _attrs(raw)))
        elif open_timex:
            start, attrs = open_timex.pop()
            text_so_far = "".join(parts)
            timexes.append(
                Timex(
                    start=start,
                    end=length,
                    text=text_so_far[start:length],
                    type=attrs.get("type", ""),
                    value=attrs.get("value", ""),
                )
            )
    parts.append(html.unescape(body[pos:]))
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(name=name, dct=dct, text="".join(parts), timexes=timexes)


def read_timeml(path: Path) -> TimeMLDoc:
    """Read one .tml file; raise TimeMLError (naming the file) when it cannot be read."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TimeMLError(f"{path}: cannot read: {exc}") from None
    return parse_timeml(source, str(path))
