"""Our own CSV read column-wise gives the row reader's events, records and messages (the row
reader is kept as an oracle in tests/oracles.py), on many generated tables: odd cells of every
column, formula cells written inert, JSON lists, quotes, blank lines, ragged rows, multi-line
cells; and a bad cell is named at its line and column."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.model.formats.row_oracle import SETTINGS
from tests.model.formats.row_oracle import same_as_rows as compare_rows
from tests.oracles import read_events_csv
from viewer.model.errors import MAX_PROBLEMS, LoadError
from viewer.model.formats.detect import load
from viewer.model.formats.events_csv import COLUMNS

CELLS: dict[str, st.SearchStrategy[str]] = {
    "id": st.sampled_from(["e1", "e2", " e3 ", "", "x" * 195, "dup", "dup", "Ürün"]),
    "start": st.sampled_from(
        [
            "2020-11-25",
            "2020-11",
            "2020",
            "-0044-03-15",
            "2020-02-30",
            "2020-11-25T10:00Z",
            "2020-11-25T10:00:05+03:00",
            "2020-11-25T10:00",
            "",
            " 2021-01-01 ",
            "soon",
            "0000",
            "2020-13-01",
            "12020-01-01",
        ]
    ),
    "end": st.sampled_from(["", "", "", "2020-12-01", "2019-01-01", "2020-12", "bad"]),
    "precision": st.sampled_from(["day", "month", "year", "minute", "second", "", "week"]),
    "end_precision": st.sampled_from(["", "", "", "day", "month", "hour"]),
    "approximate": st.sampled_from(["", "true", "TRUE", " yes", "0", "no", "maybe"]),
    "uncertain": st.sampled_from(["", "false", "1", "nope"]),
    "tz": st.sampled_from(["", "", "", "UTC", "Europe/Moscow", "Nowhere"]),
    "date_text": st.sampled_from(["", "", "yesterday", "=1+1", "'=x"]),
    "date_basis": st.sampled_from(["", "", "relative to src-1", "{date} braces }"]),
    "status": st.sampled_from(["", "", "planned", "cancelled ", "ongoing", "nope"]),
    "kind": st.sampled_from(["", "policy", " policy ", "-k", "Politik"]),
    "title": st.sampled_from(["A title", "", " ", "'=x", "=SUM(1)", "two\nlines", "é"]),
    "summary": st.sampled_from(["", "text", "a,b", 'say "hi"', "x\r\ny"]),
    "actors": st.sampled_from(
        ["", "Ana", "Ana; Bob", "Bob;;Ana; ", '["A;B", "Ana"]', "[bad", '[""]', "=Ana", "Ana;Ana"]
    ),
    "places": st.sampled_from(["", "Town", "Town; City", '["X;Y"]', "[1]", " Town "]),
    "tags": st.sampled_from(["", "a", "a; b", "@t", '["t;u"]', "[nope"]),
    "quotes": st.sampled_from(
        [
            "",
            "",
            "",
            '[{"text": "hi", "speaker": "Ana"}]',
            '[{"text": ""}]',
            "not json",
            '[{"id": "q1", "text": "x", "form": "direct", "speaker": "Carl"}]',
            '{"a": 1}',
            '[{"text": "y", "speaker": " Bob "}]',
        ]
    ),
}
GOOD = {  # a row of the common shape (most rows of a real table)
    "id": st.sampled_from(["g1", "g2", "g3", "g4"]),
    "start": st.sampled_from(["2020-11-25", "2021-01-01"]),
    "precision": st.just("day"),
    "title": st.sampled_from(["Opening", "Vote", "=formula"]),
    "actors": st.sampled_from(["", "Ana", "Ana; Bob", "Dan"]),
    "places": st.sampled_from(["", "Town"]),
    "tags": st.sampled_from(["", "a; b"]),
}

FINE = {  # odd cells that are not errors (rows kept whole, and others)
    "start": st.sampled_from(["-0044-03-15", "2020-11-25T10:00:05+03:00", " 2021-01-01 "]),
    "end": st.sampled_from(["", "2022-12-01"]),
    "end_precision": st.sampled_from(["", "day"]),
    "approximate": st.sampled_from(["", "true", "TRUE", " yes", "0", "no"]),
    "uncertain": st.sampled_from(["", "false", "1"]),
    "date_text": CELLS["date_text"],
    "date_basis": CELLS["date_basis"],
    "status": st.sampled_from(["", "planned", "cancelled ", "ongoing"]),
    "kind": CELLS["kind"],
    "summary": CELLS["summary"],
    "actors": st.sampled_from(["", "Ana", "Ana; Bob", "Bob;;Ana; ", '["A;B", "Ana"]', "=Ana"]),
    "places": st.sampled_from(["", "Town", "Town; City", '["X;Y"]', " Town "]),
    "tags": st.sampled_from(["", "a", "a; b", "@t", '["t;u"]']),
    "quotes": st.sampled_from(
        ["", '[{"text": "hi", "speaker": "Ana"}]', '[{"text": "y", "speaker": " Bob "}]']
    ),
}


@st.composite
def tables(draw: st.DrawFn, odd: float, cells: dict = CELLS) -> str:  # type: ignore[type-arg]
    """A CSV text in our format: rows of the common shape, some with odd cells; now and then
    blank lines, a column left out, a ragged row, a quote left open, a lone carriage return,
    CRLF line ends."""
    required = ("id", "start", "precision", "title")  # (the header that names the format)
    columns = [c for c in COLUMNS if draw(st.integers(0, 20)) or c in required]
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        row: dict[str, str] = {}
        for c in sorted(columns, key=lambda c: c == "precision"):
            if c == "precision" and cells is FINE and "T" in row["start"]:
                row[c] = "second"  # (a time's precision)
            elif odd and c in cells and draw(st.floats(0, 1)) < odd:
                row[c] = draw(cells[c])
            else:
                row[c] = draw(GOOD[c]) if c in GOOD else ""
        rows.append([row[c] for c in columns])
    out = io.StringIO()
    w = csv.writer(out, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    w.writerow(columns)
    lines = []
    for r in rows:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(r)
        lines.append(buf.getvalue())
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["\n", ",,\n", "a,b\n", "\n\n", '"open\n', "\r"])))
    return out.getvalue() + "".join(lines)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def same_as_rows(path: Path) -> None:
    compare_rows(path, read_events_csv, "events-csv")


@SETTINGS
@given(text=tables(odd=0.0))
def test_common_rows_as_the_row_reader(folder: Path, text: str) -> None:
    path = folder / "common.csv"
    path.write_bytes(text.encode("utf-8"))
    same_as_rows(path)


@SETTINGS
@given(text=tables(odd=0.3), bom=st.booleans())
def test_odd_rows_as_the_row_reader(folder: Path, text: str, bom: bool) -> None:
    path = folder / "odd.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    same_as_rows(path)


def _write(tmp: Path, rows: list[list[str]], name: str = "t.csv") -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([list(COLUMNS), *rows])
    path = tmp / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _row(**cells: str) -> list[str]:
    base = {"id": "e", "start": "2020-11-25", "precision": "day", "title": "T"} | cells
    return [base.get(c, "") for c in COLUMNS]


def test_a_bad_cell_is_named_at_its_line_and_column(tmp_path: Path) -> None:
    rows = [_row(id="a", summary="one\ntwo"), _row(id="b", approximate="maybe")]
    path = _write(tmp_path, rows)
    with pytest.raises(LoadError) as exc:
        load(path)
    (p,) = exc.value.problems
    assert (p.path, p.line) == ("row 3, column 'approximate'", 4)
    line = path.read_text(encoding="utf-8").splitlines()[p.line - 1]
    assert line[p.col - 1 :].startswith("maybe")
    assert str(p).startswith(f"{path}:4:{p.col}: row 3, column 'approximate': got 'maybe'")


def test_many_bad_cells_are_a_screenful_then_a_count(tmp_path: Path) -> None:
    rows = [_row(id=f"e{i}", uncertain="perhaps") for i in range(80)]
    rows += [_row(id=f"f{i}", uncertain="perhaps", approximate="maybe") for i in range(30)]
    with pytest.raises(LoadError) as exc:
        load(_write(tmp_path, rows))
    problems = exc.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].path == "row 2, column 'uncertain'"
    assert problems[-1].message == f"... and {80 + 60 - MAX_PROBLEMS} more problems"


def test_ids_repeated_many_times_take_linear_suffixes(tmp_path: Path) -> None:
    rows = [_row(id="same") for _ in range(3000)]
    ds = load(_write(tmp_path, rows)).dataset
    ids = [ev.id for ev in ds.events]
    assert ids[:3] == ["same", "same-2", "same-3"]
    assert ids[-1] == "same-3000"
    assert len(set(ids)) == 3000


def test_other_encodings_are_one_message(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    text = ",".join(COLUMNS) + "\ne,2020-11-25,,day,,,,,,,,,Caf\xe9,,,,,\n"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(LoadError) as exc:
        load(path)
    (p,) = exc.value.problems
    assert "invalid UTF-8" in p.message
    assert p.line == 2
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(LoadError) as exc:
        load(path)
    assert "UTF-16" in exc.value.problems[0].message


@SETTINGS
@given(text=tables(odd=0.3, cells=FINE))
def test_rows_of_every_shape_as_the_row_reader(folder: Path, text: str) -> None:
    path = folder / "fine.csv"
    path.write_bytes(text.encode("utf-8"))
    same_as_rows(path)
