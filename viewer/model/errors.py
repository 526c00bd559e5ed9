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
        where = f" {self.path}:" if self.path else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{head}:{where} {tag}{self.message}"


class LoadError(Exception):
    """A file could not be read as a dataset; ``problems`` say where and why, one per line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str | Path, message: str, **where: object) -> LoadError:
        return cls([Problem(message, file=str(file), **where)])  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
