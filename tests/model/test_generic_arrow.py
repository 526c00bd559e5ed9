"""Generic tables (--date-col ...) read column-wise give the row reader's events (the row
reader is kept as an oracle in tests/oracles.py), also with other date forms and blank lines,
whose rows are read by the reference code one at a time; and the same messages."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from tests.oracles import read_generic
from viewer.model.errors import LoadError
from viewer.model.formats.columns import tabled
from viewer.model.formats.csv_table import open_table
from viewer.model.formats.detect import load
from viewer.model.formats.generic_csv import ColumnOptions

OPTIONS = [
    ColumnOptions("Day", "What", "Group", "Notes"),
    ColumnOptions("day", None, None, None),
    ColumnOptions("DAY", "what", "group", None),
]


def _table(path: Path, n: int, seed: int, odd: str = "") -> Path:
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=rnd.choice([",", ";", "\t"]))
        w.writerow(["Day", "What", "Group", "Notes", "Other"])
        for i in range(n):
            y, m, d = rnd.randint(1800, 2030), rnd.randint(1, 12), rnd.randint(1, 28)
            day = rnd.choice([f"{y}", f"{y}-{m:02d}", f"{y}-{m:02d}-{d:02d}", f" {y}-{m:02d} "])
            if odd == "spelled" and i == n // 2:
                day = f"{d} March {y}"
            if odd == "interval" and i % 7 == 0:
                day = f"{y}-{m:02d}/{y + 1}"
            if odd == "time" and i % 5 == 0:
                day = f"{y}-{m:02d}-{d:02d}T10:{d:02d}"
            what = rnd.choice(["", "Hand-over", "Ceasefire, again", 'He said "no"', "Ünï\ncode"])
            w.writerow([day, what, rnd.choice(["", "Army", "Talks "]), rnd.choice(["", "x; y"]), i])
            if odd == "blank" and i == n // 2:
                fh.write("\r\n")
    return path


def _reference(path: Path, options: ColumnOptions):  # type: ignore[no-untyped-def]
    text = path.read_bytes().decode("utf-8-sig")
    return tabled(read_generic(open_table(text, str(path)), options))


@pytest.mark.parametrize("seed", range(9))
def test_generic_arrow_road_gives_the_reference_events(tmp_path: Path, seed: int) -> None:
    path = _table(tmp_path / "t.csv", 30 + 20 * seed, seed)
    options = OPTIONS[seed % 3]
    ref = _reference(path, options)
    got = load(path, options)
    assert got.columns.complex == {}  # read column-wise, not by the reference reader
    assert got.dataset.title == ref.dataset.title
    assert list(got.dataset.events) == list(ref.dataset.events)
    assert got.columns.start.tolist() == ref.columns.start.tolist()
    assert got.columns.period_end.tolist() == ref.columns.period_end.tolist()


@pytest.mark.parametrize("odd", ["spelled", "blank", "interval", "time"])
def test_other_date_forms_and_blank_lines_as_the_row_reader(tmp_path: Path, odd: str) -> None:
    path = _table(tmp_path / "t.csv", 50, 4, odd)
    ref = _reference(path, OPTIONS[0])
    got = load(path, OPTIONS[0])
    assert list(got.dataset.events) == list(ref.dataset.events)
    assert [str(w) for w in got.warnings] == [str(w) for w in ref.warnings]
    for name in ("start", "end", "period_end", "flags", "precision"):
        assert (getattr(got.columns, name) == getattr(ref.columns, name)).all(), name
    assert list(got.columns.titles) == list(ref.columns.titles)


def test_bad_date_message_is_the_reference_one(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("day,what\n2020-11-25,a\n2020-13-01,b\n", encoding="utf-8")
    with pytest.raises(LoadError) as ref:
        _reference(path, ColumnOptions("day"))
    with pytest.raises(LoadError) as got:
        load(path, ColumnOptions("day"))
    (p,), (r,) = got.value.problems, ref.value.problems
    assert (p.message, p.path, p.line) == (r.message, r.path, r.line)
    assert str(p).startswith(f"{path}:3:1: row 3, column 'day'")
