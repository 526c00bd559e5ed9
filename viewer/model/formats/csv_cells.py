"""Inert CSV cells: text a spreadsheet shows as text, never runs as a formula (CSV injection).

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written
with a leading apostrophe (OWASP's advice): spreadsheets show it as text. So that our reader can
restore every cell exactly, a cell that already begins with an apostrophe followed by one of
those characters or by another apostrophe gets one more apostrophe; the reader removes one
apostrophe only from a cell that begins with an apostrophe followed by one of them. Other cells
(``'tis``, a lone ``'``) are written and read as they are, so a raw table reads back unchanged
unless a cell begins with such a pair. Dates are not text cells and are never changed.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*TRIGGERS, "'")


def inert(text: str) -> str:
    """The cell as written: a leading apostrophe before a formula trigger (or an escaped one)."""
    if text.startswith(TRIGGERS) or (text[:1] == "'" and text[1:2] in _ESCAPED):
        return "'" + text
    return text


def restore(cell: str) -> str:
    """The text of a cell written by :func:`inert` (one leading apostrophe removed when escaped)."""
    if cell[:1] == "'" and cell[1:2] in _ESCAPED:
        return cell[1:]
    return cell
