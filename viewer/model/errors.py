"""Problems found in a dataset file and the one error type every reader raises."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a warning) at a place in a file.

    ``path`` is a JSON path such as ``events[3].when.start`` (or ``row 12, column 'date'`` for
    tables); ``line``/``col`` are 1-based where the parser knows them.
    """

    message: str
    path: str = ""
    line: int | None = None
    col: int | None = None
    file: str = ""
    severity: Literal["error", "warning"] = "error"

    def located(self, file: str | Path) -> Problem:
        return replace(self, file=str(file))

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        head = ":".join(parts)
        where = f" {_one_line(self.path)}:" if self.path else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{head}:{where} {tag}{_one_line(self.message)}"


def _one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped: one problem is one line,
    and a value in a hostile file cannot forge another problem's line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


MAX_PROBLEMS = 50  # problems reported per file; the rest are counted in one last line


def cap_problems(problems: Sequence[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """At most ``limit`` problems (errors first), then one line saying how many more there are."""
    if len(problems) <= limit:
        return list(problems)
    ordered = sorted(problems, key=lambda p: p.severity != "error")  # stable: file order kept
    rest = ordered[limit:]
    only_warnings = all(p.severity == "warning" for p in rest)
    file = next((p.file for p in problems if p.file), "")
    return [
        *ordered[:limit],
        more_problems(len(rest), file, "warning" if only_warnings else "error"),
    ]


def more_problems(
    n: int, file: str = "", severity: Literal["error", "warning"] = "error"
) -> Problem:
    """The last line of a capped list: ``... and 12 more problems``."""
    return Problem(f"... and {n} more problem{'s' if n != 1 else ''}", file=file, severity=severity)


class LoadError(Exception):
    """A file could not be read as a dataset; ``problems`` say where and why, one per line.

    However many problems a reader found, at most :data:`MAX_PROBLEMS` (and a line counting the
    rest) are kept: a broken file of a million events must not make a million-line message.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        if len(problems) > MAX_PROBLEMS + 1:  # + 1: a list already capped ends with its count
            problems = cap_problems(problems)
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str | Path, message: str, **where: object) -> LoadError:
        return cls([Problem(message, file=str(file), **where)])  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
