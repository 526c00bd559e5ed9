"""Line and column of a JSON path in a JSON text, for error messages.

Only called when something is wrong, so it favours simplicity over speed: it tokenises the text
and walks it until it reaches the path (or the deepest existing part of it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')

PathPart = str | int


def format_path(path: Sequence[PathPart]) -> str:
    """``('events', 3, 'when')`` -> ``events[3].when``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def locate(text: str, path: Sequence[PathPart]) -> tuple[int, int] | None:
    """(line, col) of the value at ``path``, or of its deepest existing ancestor."""
    target = tuple(path)
    best_depth, best_pos = -1, 0
    # one frame per open container: [kind, current key or index, expecting a key]
    stack: list[list] = []
    pending_key: str | None = None
    for m in _TOKEN.finditer(text):
        tok, pos = m.group(), m.start()
        if stack and stack[-1][0] == "{" and stack[-1][2] and tok.startswith('"'):
            pending_key = tok[1:-1]
            continue
        if tok == ":":
            if stack and pending_key is not None:
                stack[-1][1], stack[-1][2] = pending_key, False
            continue
        if tok == ",":
            if stack:
                if stack[-1][0] == "{":
                    stack[-1][2] = True
                else:
                    stack[-1][1] += 1
            continue
        if tok in ("}", "]"):
            if stack:
                stack.pop()
            continue
        here = tuple(frame[1] for frame in stack)
        if len(here) > best_depth and here == target[: len(here)]:
            best_depth, best_pos = len(here), pos
            if here == target:
                break
        if tok in ("{", "["):
            stack.append([tok, 0 if tok == "[" else None, tok == "{"])
    return line_col(text, best_pos) if best_depth >= 0 else None
