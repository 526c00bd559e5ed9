"""CSV tables as readers see them: delimiter detection, a header found by text, located rows.

Columns are found by their header text, case-, space- and underscore-insensitively ("End Year",
"end_year" and "ENDYEAR" are one column). Rows are numbered as in a spreadsheet (the header is
row 1); a problem names the row, the column and the line the row starts on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from viewer.model.errors import LoadError, Problem

DELIMITERS = (",", ";", "\t")
_SAMPLE = 64 * 1024
_KEY = re.compile(r"[\s_\-]+")


def column_key(header: str) -> str:
    """'End Year' -> 'endyear'; 'event_date' -> 'eventdate'."""
    return _KEY.sub("", header.strip().lower())


class CellError(ValueError):
    """A bad cell: the column (a key or header text) and what was expected."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass
class Table:
    """A CSV text with its delimiter and header; :meth:`rows` yields the data rows."""

    file: str
    text: str
    delimiter: str
    header: list[str]
    header_lines: int = 1
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, name in enumerate(self.header):
            self.index.setdefault(column_key(name), i)

    def has(self, *keys: str) -> bool:
        return all(k in self.index for k in keys)

    def col(self, key: str) -> int | None:
        return self.index.get(key)

    def name(self, key: str) -> str:
        """The header text of a column key (for messages)."""
        i = self.index.get(key)
        return self.header[i] if i is not None else key

    def problem(self, row: int, line: int, column: str, message: str) -> Problem:
        name = self.name(column) if column in self.index else column
        where = f"row {row}, column '{name}'" if column else f"row {row}"
        return Problem(message, path=where, line=line, file=self.file)

    def rows(self) -> Iterator[tuple[int, int, list[str]]]:
        """(row number, first line, cells) of each non-blank row; ragged rows are errors.

        A row with fewer cells than the header, or more cells that are not empty, is an error;
        blank lines are skipped.
        """
        width = len(self.header)
        reader = csv.reader(lines(self.text), delimiter=self.delimiter)
        row = 0
        consumed = 0  # lines read so far: a row starts on the next one
        try:
            for cells in reader:
                row += 1
                start, consumed = consumed + 1, reader.line_num
                if row == 1:
                    continue
                if len(cells) != width:
                    if not any(cells):
                        continue
                    if len(cells) < width or any(cells[width:]):
                        raise LoadError(
                            [
                                Problem(
                                    f"the row has {len(cells)} cell"
                                    f"{'' if len(cells) == 1 else 's'}; expected {width} as in "
                                    "the header (a missing or extra delimiter or quote?)",
                                    path=f"row {row}",
                                    line=start,
                                    file=self.file,
                                )
                            ]
                        )
                    cells = cells[:width]
                yield row, start, cells
        except csv.Error as exc:
            raise LoadError(
                [
                    Problem(
                        f"unreadable CSV: {exc}",
                        path=f"row {row + 1}",
                        line=consumed + 1,
                        file=self.file,
                    )
                ]
            ) from None


def lines(text: str) -> Iterator[str]:
    """The lines of a text, each with its newline, as ``io.StringIO(text)`` yields them, one at a
    time: StringIO first copies the whole text at four bytes a character (1 GB and 1.5 s for a
    260 MB table, each time it is read)."""
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start) + 1 or n
        yield text[start:end]
        start = end


def open_table(text: str, file: str) -> Table:
    """Find the delimiter and header of a CSV text; raise LoadError if it has no header row."""
    delimiter = sniff_delimiter(text)
    try:
        header = next(csv.reader(lines(text), delimiter=delimiter), [])
    except csv.Error as exc:
        raise LoadError([Problem(f"unreadable CSV header: {exc}", line=1, file=file)]) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        raise LoadError(
            [
                Problem(
                    "the first line is empty; expected a header row of column names",
                    line=1,
                    file=file,
                )
            ]
        )
    return Table(file, text, delimiter, header)


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the header into the most columns and the
    following rows into as many; csv.Sniffer's guess wins a tie. One column -> comma."""
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    scores: dict[str, tuple[float, int]] = {}
    for d in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=d) if r][:50]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        same = sum(1 for r in rows if len(r) == width) / len(rows)
        scores[d] = (same, width)
    if not scores:
        return ","
    best = max(scores.values())
    top = [d for d, s in scores.items() if s == best]
    try:
        guess = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        guess = None
    return guess if guess in top else top[0]
