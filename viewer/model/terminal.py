"""Text for a terminal: control characters and bidirectional overrides made visible.

A dataset's titles and a file's name reach the terminal in tables and messages; an ESC, a
carriage return or a right-to-left override in them would clear the screen, overwrite a line or
reverse what the reader sees. :func:`visible` shows them as Python-style escapes (``\\x1b``,
``\\u202e``); :func:`json_line` keeps JSON exact (the same value when parsed) while escaping the
same characters that JSON itself leaves raw (DEL, C1, the overrides).
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1; the embeddings/overrides U+202A-U+202E and the isolates
# U+2066-U+2069
_MESSAGE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# a table cell is one line: tab and newline are escaped too
_CELL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# what json.dumps(ensure_ascii=False) leaves raw and a terminal would act on
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(text: str) -> str:
    """A message for a terminal: tab and newline kept, other controls and overrides escaped."""
    return _MESSAGE.sub(_escape, text)


def cell(text: str) -> str:
    """A table cell for a terminal: every control character (tab, newline too) escaped."""
    return _CELL.sub(_escape, text)


def json_line(text: str) -> str:
    """JSON text (from json.dumps) with DEL, C1 and the overrides written as \\u escapes: they can
    only stand inside strings, so the parsed value is the same."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
