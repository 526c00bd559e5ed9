"""The cells of a CSV table as Arrow string columns, for the column-wise readers of every CSV
kind (our own CSV, the TimelineJS sheet, ACLED): read by pyarrow.csv straight from the file's
bytes, checked as UTF-8 in place, no Python object per row.

A table pyarrow would read differently from Python's csv module (a row with more or fewer cells
than the header, a carriage return that does not end a line) has its cells read by the csv
module instead: the same columns, the same rows. The place of a bad cell - its row, the line
in the file (counting newlines inside quoted cells) and its column - is found only when a
problem is reported, by walking the text to that row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.csv as pacsv

from viewer.model.errors import MAX_PROBLEMS, LoadError, Problem, more_problems

from .arrow_cells import utf8_valid
from .common import decode_text
from .csv_table import Table, open_table

HEAD = 64 * 1024


def head_text(raw: bytes) -> str:
    """The first lines of a file (up to HEAD bytes, cut after a newline), without its BOM."""
    text = raw[:HEAD].decode("utf-8", "ignore")
    if len(raw) > HEAD and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    return text.removeprefix("\ufeff")


def check_text(raw: bytes, file: str) -> None:
    """Raise the message of :func:`.common.decode_text` if ``raw`` is not UTF-8 text (another
    encoding, binary data, a NUL byte); checked in place, without decoding."""
    if b"\x00" in raw or not utf8_valid(raw) or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        decode_text(raw, file)  # raises the one clear message


@dataclass
class Cell:
    """A bad cell found column-wise: data row ``k`` (0-based), the check's ``order`` within a
    row (the reference reader's order), the column key and the message."""

    k: int
    order: int
    column: str
    message: str


@dataclass
class CsvColumns:
    """The cells of a table: ``cells[j]`` are column j's strings (as written, untrimmed; the
    columns read); ``ragged`` is the problem of a row after the ``n`` rows read (a row of the
    wrong width)."""

    file: str
    raw: bytes
    table: Table  # the header: columns by key, the delimiter
    cells: dict[int, pa.Array]
    n: int
    ragged: LoadError | None = None
    _text: str | None = field(default=None, repr=False)

    def get(self, key: str) -> pa.Array:
        """The cells of a column by key; empty strings where the table has no such column."""
        j = self.table.col(key)
        if j is None:
            return pa.repeat("", self.n).cast(pa.string())
        return self.cells[j]

    def take(self, key: str) -> pa.Array:
        """:meth:`get`, letting go of the column (its memory freed once the caller's copy,
        say trimmed, replaces it)."""
        j = self.table.col(key)
        if j is None or j not in self.cells:
            return self.get(key)
        return self.cells.pop(j)

    def text(self) -> str:
        if self._text is None:
            self._text = decode_text(self.raw, self.file)
        return self._text

    def raise_cells(self, found: Iterable[Cell], hidden: int = 0) -> None:
        """Raise the problems of bad cells in row order (at most a screenful, then "and N
        more"; ``hidden``: bad cells found beyond those given), else the ragged row if any;
        return if there are none."""
        cells = sorted(found, key=lambda c: (c.k, c.order))
        if not cells:
            if self.ragged is not None:
                raise self.ragged
            return
        shown = cells[:MAX_PROBLEMS]
        where = self.locate(sorted({c.k for c in shown}))
        problems = []
        for c in shown:
            row, line, col = where[c.k]
            j = self.table.col(c.column)
            name = self.table.name(c.column) if j is not None else c.column
            path = f"row {row}, column '{name}'" if c.column else f"row {row}"
            at_line, at_col = col.get(j, (line, None)) if j is not None else (line, None)
            problems.append(Problem(c.message, path, at_line, at_col, self.file))
        if len(cells) + hidden > len(shown):
            problems.append(more_problems(len(cells) + hidden - len(shown), self.file))
        raise LoadError(problems)

    def locate(self, ks: list[int]) -> dict[int, tuple[int, int, dict[int, tuple[int, int]]]]:
        """Row number (the header is row 1), first line and each cell's (line, col) of data
        rows ``ks`` (sorted), found by walking the text's rows with the csv module."""
        table = Table(self.file, self.text(), self.table.delimiter, self.table.header)
        out: dict[int, tuple[int, int, dict[int, tuple[int, int]]]] = {}
        wanted = iter(ks)
        k_next = next(wanted, None)
        starts = _LineStarts(table.text)
        try:
            for k, (row, line, _cells) in enumerate(table.rows()):
                if k == k_next:
                    out[k] = (row, line, _cell_places(table.text, starts, line, table.delimiter))
                    k_next = next(wanted, None)
                    if k_next is None:
                        break
        except LoadError:
            pass
        return out


class _LineStarts:
    """Offsets of line starts of a text, found as far as asked (lines asked in rising order)."""

    def __init__(self, text: str) -> None:
        self.text, self.line, self.at = text, 1, 0

    def offset(self, line: int) -> int:
        while self.line < line:
            self.at = self.text.index("\n", self.at) + 1
            self.line += 1
        return self.at


def _cell_places(
    text: str, starts: _LineStarts, line: int, delimiter: str
) -> dict[int, tuple[int, int]]:
    """The (line, col) where each cell of the row starting on ``line`` begins."""
    at = starts.offset(line)
    out = {0: (line, 1)}
    j, quoted, ln, line_at = 0, False, line, at
    i = at
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\n":
            if not quoted:
                break
            ln, line_at = ln + 1, i + 1
        elif ch == delimiter and not quoted:
            j += 1
            out[j] = (ln, i + 1 - line_at + 1)
        i += 1
    return out


def read_columns(
    raw: bytes, file: str, table: Table | None = None, keys: Iterable[str] | None = None
) -> CsvColumns:
    """The cells of the columns ``keys`` (all if None) of a CSV table (``table``: its header,
    if already found); ``raw`` is UTF-8 text (checked by :func:`check_text`)."""
    if table is None:
        table = open_table(head_text(raw), file)
    width = len(table.header)
    if keys is None:
        used = list(range(width))
    else:
        used = sorted({j for k in keys if (j := table.col(k)) is not None})
    if _arrow_reads_as_csv_module(raw, table):
        try:
            cells = _arrow_cells(raw, table.delimiter, width, used)
        except (pa.ArrowInvalid, _Odd):
            cells = None
        if cells is not None:
            n = len(cells[used[0]]) if used else _count_rows(raw, table.delimiter, width)
            return CsvColumns(file, raw, table, cells, n)
    return _python_cells(raw, file, table, used)


def _arrow_reads_as_csv_module(raw: bytes, table: Table) -> bool:
    """Whether pyarrow reads the table's rows as the csv module does, as far as cheap checks
    tell (the rows of the wrong width pyarrow finds are checked as it reads): no carriage
    return but in CRLF line ends, quotes that pair up (pyarrow drops a last row left open by a
    quote), a header on one line (pyarrow skips a line, not a row)."""
    cr = raw.count(b"\r")
    if cr and cr != raw.count(b"\r\n"):
        return False
    if raw.count(b'"') % 2:
        return False
    return not any("\n" in h or "\r" in h for h in table.header)


class _Odd(Exception):  # noqa: N818 - a signal: a row pyarrow and the csv module read apart
    pass


def _count_rows(raw: bytes, delimiter: str, width: int) -> int:
    return len(_arrow_cells(raw, delimiter, width, [0])[0])


def _arrow_cells(raw: bytes, delimiter: str, width: int, used: list[int]) -> dict[int, pa.Array]:
    odd_rows = []

    def odd(row: object) -> str:  # (an exception raised here would not reach the caller)
        odd_rows.append(row)
        return "skip"

    names = [f"c{i}" for i in range(width)]
    data = pa.py_buffer(raw)
    if raw.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    t = pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(
            column_names=names,
            skip_rows=1,
            use_threads=False,  # on 2 cores as fast, in half the memory
            block_size=1 << 26,  # few chunks: one piece each at little cost
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, invalid_row_handler=odd
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={names[j]: pa.string() for j in used},
            include_columns=[names[j] for j in used],
            strings_can_be_null=False,
        ),
    )
    if odd_rows:
        raise _Odd
    out = {}
    for j in used:
        out[j] = t.column(names[j]).combine_chunks()
        t = t.drop_columns([names[j]])  # its chunks freed as it goes
    return out


def _python_cells(raw: bytes, file: str, head: Table, used: list[int]) -> CsvColumns:
    """The cells read by the csv module (the rows before a ragged one, and its problem)."""
    text = decode_text(raw, file)
    table = Table(file, text, head.delimiter, head.header)
    columns: list[list[str]] = [[] for _ in used]
    ragged = None
    n = 0
    try:
        for _row, _line, cells in table.rows():
            n += 1
            for col, j in zip(columns, used, strict=True):
                col.append(cells[j])
    except LoadError as exc:
        ragged = exc
    out = {j: pa.array(c, pa.string()) for j, c in zip(used, columns, strict=True)}
    return CsvColumns(file, raw, head, out, n, ragged, text)
