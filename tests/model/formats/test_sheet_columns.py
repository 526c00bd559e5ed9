"""The TimelineJS sheet read column-wise gives the row reader's events, records, eras and
messages (the row reader is kept as an oracle in tests/oracles.py) on many generated sheets:
plain rows, markup, quotes, media, times, ends, title and era rows, bad dates, repeated
headlines, blank lines and ragged rows."""

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
from tests.oracles import read_sheet

COLUMNS = [
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Type", "Group",
]  # fmt: skip
GOOD = {
    "Year": st.sampled_from(["2020", "1963", "5", " 2021 "]),
    "Month": st.sampled_from(["", "1", "02", "12"]),
    "Day": st.sampled_from(["", "1", "28", "09"]),
    "Headline": st.sampled_from(["Vote", "Vote", "Opening day", "Ünïcode headline", "A-B  C"]),
    "Text": st.sampled_from(["", "Plain words.", "a & b"]),
    "Group": st.sampled_from(["", "Politics", "Sport"]),
    "Display Date": st.sampled_from(["", "spring"]),
}
ODD = {
    "Year": st.sampled_from(["", "0", "-44", "20O1", "10000", "1963.0", "+12", "٢٠٢٠"]),
    "Month": st.sampled_from(["13", "0", "x", "2.0"]),
    "Day": st.sampled_from(["31", "30", "32", "5"]),
    "Time": st.sampled_from(["13:30", "1:30 PM", "25:00", "nope", "10:00:05"]),
    "End Year": st.sampled_from(["2021", "2019", "x"]),
    "End Month": st.sampled_from(["3", "14"]),
    "End Day": st.sampled_from(["1", "40"]),
    "End Time": st.sampled_from(["08:00", "bad"]),
    "Display Date": st.sampled_from(["<b>then</b>", "a\nb", "x  y"]),
    "Headline": st.sampled_from(["", "<i>Markup</i>", "Tom &amp; Jerry", "two\nlines"]),
    "Text": st.sampled_from(
        [
            "<p>One</p><p>Two</p>",
            "<blockquote>Words<cite>Ana</cite></blockquote>rest",
            "line\nline",
            "  spaced  out  ",
        ]
    ),
    "Media": st.sampled_from(
        ["https://example.org/x.jpg", "<blockquote>Said<cite>Bob</cite></blockquote>", "//cdn/x"]
    ),
    "Media Credit": st.sampled_from(["AP", "<b>Reuters</b>"]),
    "Media Caption": st.sampled_from(["A caption", ""]),
    "Type": st.sampled_from(["title", "era", "Era", "TITLE", "event"]),
    "Group": st.sampled_from(["<b>Bold</b>", "a\tb"]),
}

FINE = {  # odd cells that are not errors (with a full date: times and ends are fine)
    "Time": st.sampled_from(["13:30", "1:30 PM", "10:00:05"]),
    "End Year": st.sampled_from(["2030"]),
    "Display Date": ODD["Display Date"],
    "Headline": ODD["Headline"],
    "Text": ODD["Text"],
    "Media": ODD["Media"],
    "Media Credit": ODD["Media Credit"],
    "Media Caption": ODD["Media Caption"],
    "Type": st.sampled_from(["title", "TITLE", "event"]),
    "Group": ODD["Group"],
}


@st.composite
def sheets(draw: st.DrawFn, odd: float, cells: dict = ODD) -> str:  # type: ignore[type-arg]
    columns = [c for c in COLUMNS if c in ("Year", "Headline") or draw(st.integers(0, 12))]
    if "Month" not in columns and "Day" in columns:
        columns.remove("Day")
    if cells is FINE:  # full dates, so that times are fine
        columns = [c for c in COLUMNS if c not in ("Month", "Day")]
        columns[1:1] = ["Month", "Day"]
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        row = []
        for c in columns:
            if odd and c in cells and draw(st.floats(0, 1)) < odd:
                row.append(draw(cells[c]))
            elif cells is FINE and c in ("Month", "Day"):
                row.append("3")
            elif c == "Day" and "Month" in columns and not row[columns.index("Month")]:
                row.append("")  # (a day without its month is an error)
            else:
                row.append(draw(GOOD[c]) if c in GOOD else "")
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(row)
        lines.append(buf.getvalue())
        if draw(st.integers(0, 12)) == 0:
            lines.append(draw(st.sampled_from(["\n", "2001\n", ",,\n"])))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(columns)
    return out.getvalue() + "".join(lines)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def same_as_rows(path: Path) -> None:
    compare_rows(path, read_sheet, "timelinejs-sheet")


@SETTINGS
@given(text=sheets(odd=0.0))
def test_plain_sheets_as_the_row_reader(folder: Path, text: str) -> None:
    path = folder / "plain.csv"
    path.write_bytes(text.encode("utf-8"))
    same_as_rows(path)


@SETTINGS
@given(text=sheets(odd=0.08))
def test_odd_sheets_as_the_row_reader(folder: Path, text: str) -> None:
    path = folder / "odd.csv"
    path.write_bytes(text.encode("utf-8"))
    same_as_rows(path)


@SETTINGS
@given(text=sheets(odd=0.3, cells=FINE))
def test_sheets_of_every_kind_of_row_as_the_row_reader(folder: Path, text: str) -> None:
    path = folder / "fine.csv"
    path.write_bytes(text.encode("utf-8"))
    same_as_rows(path)
