"""Line and column of a JSON path in a JSON text, for error messages.

Only called when something is wrong, so it favours simplicity over speed: it tokenises the text
and walks it until it reaches the path (or the deepest existing part of it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+')

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}", re.ASCII)

PathPart = str | int


def _clip_key(key: str) -> str:
    """A key that is not a plain name, JSON-quoted (escapes show control characters) and clipped."""
    quoted = json.dumps(key)
    return quoted if len(quoted) <= 42 else quoted[:40] + '…"'


def format_path(path: Sequence[PathPart]) -> str:
    """``('events', 3, 'when')`` -> ``events[3].when``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(str(part)):
            out += f"[{_clip_key(str(part))}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def locate(text: str, path: Sequence[PathPart]) -> tuple[int, int] | None:
    """(line, col) of the value at ``path``, or of its deepest existing ancestor."""
    return locate_many(text, [path])[tuple(path)]


def locate_many(
    text: str, paths: Iterable[Sequence[PathPart]]
) -> dict[tuple[PathPart, ...], tuple[int, int] | None]:
    """:func:`locate` for many paths in one pass over the text (many problems, one file)."""
    targets = {tuple(p) for p in paths}
    # every prefix of a target -> the targets it is a prefix of
    prefixes: dict[tuple[PathPart, ...], list[tuple[PathPart, ...]]] = {}
    for t in targets:
        for n in range(len(t) + 1):
            prefixes.setdefault(t[:n], []).append(t)
    best: dict[tuple[PathPart, ...], tuple[int, int]] = {}  # target -> (depth, pos)
    left = len(targets)
    # one frame per open container: [kind, current key or index, expecting a key]
    stack: list[list] = []
    pending_key: str | None = None
    for m in _TOKEN.finditer(text):
        tok, pos = m.group(), m.start()
        if stack and stack[-1][0] == "{" and stack[-1][2] and tok.startswith('"'):
            pending_key = _key(tok)
            continue
        if tok == ":":
            if stack and pending_key is not None:
                stack[-1][1], stack[-1][2] = pending_key, False
            continue
        if tok == ",":
            if stack:
                if stack[-1][0] == "{":
                    stack[-1][2] = True
                elif isinstance(stack[-1][1], int):
                    stack[-1][1] += 1
            continue
        if tok in ("}", "]"):
            if stack:
                stack.pop()
            continue
        here = tuple(frame[1] for frame in stack)
        for t in prefixes.get(here, ()):
            if len(here) > best.get(t, (-1, 0))[0]:
                best[t] = (len(here), pos)
                if here == t:
                    left -= 1
        if not left:
            break
        if tok in ("{", "["):
            stack.append([tok, 0 if tok == "[" else None, tok == "{"])
    return {t: (line_col(text, best[t][1]) if t in best else None) for t in targets}


def find_token(text: str, token: str) -> tuple[int, int] | None:
    """(line, col) of the first JSON token equal to ``token`` outside strings, e.g. ``NaN``."""
    for m in _TOKEN.finditer(text):
        if m.group() == token:
            return line_col(text, m.start())
    return None


def _key(tok: str) -> str:
    try:
        key = json.loads(tok)
    except ValueError:
        return tok[1:-1]
    return key if isinstance(key, str) else tok[1:-1]
