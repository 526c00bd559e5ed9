"""Bad cells of a columnar table, found column by column and located at the end: the line in
the file (its lines counted only then), the column, the field; at most a screenful."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.errors import MAX_PROBLEMS, LoadError, Problem, more_problems


class CellProblems:
    """Bad cells found column by column, located in the file at the end (only then are the
    file's lines counted)."""

    def __init__(self, file: str, data: pa.Buffer, fields: list[str], where: str) -> None:
        self.file, self.data, self.fields, self.where = file, data, fields, where
        self.cells: list[tuple[int, str, str]] = []  # (row, field, message)
        self.total = 0

    def add(self, rows: np.ndarray, field: str, message: Callable[[int], str]) -> None:
        for r in rows[:MAX_PROBLEMS].tolist():  # the first of each field: enough to sort
            self.cells.append((r, field, message(r)))
        self.total += len(rows)

    def raise_any(self) -> None:
        if not self.cells:
            return
        self.cells.sort(key=lambda c: (c[0], self.fields.index(c[1])))
        lines = nonempty_lines(self.data)
        out = []
        for row, field, message in self.cells[:MAX_PROBLEMS]:
            line = int(lines[row]) if row < len(lines) else None
            col = self._col(line, field) if line is not None else None
            j = self.fields.index(field) + 1
            out.append(Problem(message, f"{self.where}field {j} ({field})", line, col, self.file))
        if self.total > len(out):
            out.append(more_problems(self.total - len(out), self.file))
        raise LoadError(out)

    def _col(self, line: int, field: str) -> int:
        text = line_text(self.data, line)
        cells = text.split("\t")
        j = self.fields.index(field)
        return sum(len(c) + 1 for c in cells[:j]) + 1


def nonempty_lines(data: pa.Buffer) -> np.ndarray:
    """The 1-based numbers of the lines that are not empty (pyarrow's rows, in order)."""
    raw = np.frombuffer(data, np.uint8)
    ends = []
    block = 1 << 26
    for a in range(0, len(raw), block):
        ends.append(np.flatnonzero(raw[a : a + block] == 10) + a)
    nl = np.concatenate(ends) if ends else np.zeros(0, np.int64)
    starts = np.concatenate([[0], nl + 1])
    stops = np.concatenate([nl, [len(raw)]])
    length = stops - starts
    cr = np.zeros(len(starts), bool)
    has = length > 0
    cr[has] = raw[np.maximum(stops[has] - 1, 0)] == 13
    empty = (length == 0) | ((length == 1) & cr)
    return np.flatnonzero(~empty) + 1


def line_text(data: pa.Buffer, line: int) -> str:
    raw = memoryview(data)
    start = 0
    for _ in range(line - 1):
        start = bytes(raw[start : start + (1 << 20)]).find(b"\n") + start + 1
    end = bytes(raw[start : start + (1 << 20)]).find(b"\n")
    chunk = bytes(raw[start : start + end if end >= 0 else None])
    return chunk.rstrip(b"\r").decode("utf-8", "replace")


def invalid_text(data: pa.Buffer, file: str, where: str, exc: Exception) -> Problem:
    """The problem of text pyarrow refused: invalid UTF-8 (found here, with its line)."""
    raw = bytes(data)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return Problem(
            f"invalid UTF-8 at byte {err.start} (0x{raw[err.start]:02x}); expected UTF-8 text "
            "(save the file as UTF-8)",
            where.rstrip(": "),
            line,
            col,
            file,
        )
    return Problem(f"unreadable: {exc}", where.rstrip(": "), file=file)


def all_numbers(cells: pa.Array) -> bool:
    try:
        pc.cast(cells, pa.float64())
    except pa.ArrowInvalid:
        return False
    return True


def bad_cells(
    cells: pa.Array, field: str, expected: str, problems: CellProblems, kind: type
) -> None:
    enc = pc.dictionary_encode(cells)
    bad = np.array([not parses(kind, v) for v in enc.dictionary.to_pylist()])
    rows = np.flatnonzero(bad[enc.indices.to_numpy(zero_copy_only=False)])
    problems.add(rows, field, lambda r: f"got {cells[r].as_py()[:20]!r}; expected {expected}")


def parses(kind: type, v: str) -> bool:
    try:
        kind(v)
    except ValueError:
        return False
    return True
