"""ACLED tables load column-wise and agree with the row reader kept as an oracle (tests/
oracles.py): events, names, the index, the search, the cache and the messages."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest

from tests.model.test_columnar import assert_same_index
from tests.oracles import SearchIndex, index_of_events, read_acled
from viewer.model import opening
from viewer.model.errors import LoadError
from viewer.model.formats import common
from viewer.model.formats.columns import ColumnarLoaded, LazyEvents, tabled
from viewer.model.formats.csv_table import open_table
from viewer.model.listing import event_record
from viewer.model.opening import CACHE_ENV, open_dataset, search_index

HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
TYPES = {
    "Battles": ["Armed clash", "Government regains territory"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike"],
    "Strategic developments": ["Agreement", "Non-violent transfer of territory", ""],
    "": [""],
}
ACTORS = [
    "Military Forces of Azerbaijan (2003-)",
    "Military Forces of Armenia (2018-)",
    "Protesters (Azerbaijan)",
    "Rioters (Armenia)",
    "Civilians (Azerbaijan)",
    "Police Forces of Armenia (2018-)",
    "Unidentified Armed Group",
    'Ērgļi; "quoted" group',
]
PLACES = [("Kalbajar", "40.1", "46.0"), ("Aghdam", "39.99", "46.93"), ("Şuşa", "39.76", "46.75")]
PLACES += [("Yerevan", "40.18", "44.51"), ("Yerevan", "40.1811", "44.5136"), ("Goris", "", "")]
SOURCES = ["Trend", "APA", "Armenpress", "Twitter", "Reuters"]
MONTHS = ["January", "February", "March", "November", "December"]


def acled_rows(n: int, seed: int) -> list[list[str]]:
    """``n`` realistic ACLED rows: mostly ISO dates and time_precision 1, and every oddity the
    reader accepts (spelled dates, empty ids and duplicates, assoc actors, no location ...)."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        year = rnd.choice([2018, 2019, 2020, 2021, 2024])
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        r = rnd.random()
        if r < 0.9:
            date = f"{year}-{month:02d}-{day:02d}"
        elif r < 0.93:
            date = f"{day} {MONTHS[month % 5]} {year}"
        elif r < 0.95:
            date = f"{day:02d}-{MONTHS[month % 5][:3]}-{year}"
        elif r < 0.97:
            date = f"{MONTHS[month % 5]} {year}"
        elif r < 0.98:
            date = f"{year}-{month:02d}"
        else:
            date = f" {year}-{month:02d}-{day:02d} "
        tp = rnd.choices(["1", "2", "3", ""], [70, 15, 10, 5])[0]
        etype = rnd.choice(list(TYPES))
        sub = rnd.choice(TYPES[etype])
        a1 = rnd.choice([*ACTORS, ""])
        a2 = rnd.choice([*ACTORS, "", "", a1])
        assoc1 = "; ".join(rnd.sample(ACTORS, rnd.choice([0, 0, 0, 1, 2])))
        assoc2 = rnd.choice(["", "", f"{rnd.choice(ACTORS)};  ; {a1}"])
        loc, lat, lon = rnd.choice([*PLACES, ("", "", "")])
        eid = rnd.choices([f"AZE{seed}-{i}", "", "AZE7", f" ARM{i % 97} "], [90, 5, 0.01, 4.99])[0]
        fat = rnd.choice(["0", "0", "", "3", "12"])
        src = "; ".join(rnd.choices(SOURCES, k=rnd.randint(0, 3)))
        tags = rnd.choice(["", "", "crowd size=no report", "women targeted: girls; armed"])
        notes = rnd.choice(
            [
                f"On {date}, something happened, reportedly.",
                'He said "enough", then left.\nA second line.',
                "",
                "Ünïcödé nötes — ok",
            ]
        )
        cells = dict.fromkeys(HEADER, "")
        cells.update(
            event_id_cnty=eid, event_date=date, year=str(year), time_precision=tp,
            disorder_type=rnd.choice(["Political violence", "Demonstrations", ""]),
            event_type=etype, sub_event_type=sub, actor1=a1, assoc_actor_1=assoc1, actor2=a2,
            assoc_actor_2=assoc2, location=loc, latitude=lat, longitude=lon, source=src,
            notes=notes, fatalities=fat, tags=tags, country="Azerbaijan", iso="31",
            timestamp="1618528000",
        )  # fmt: skip
        rows.append([cells[h] for h in HEADER])
    return rows


def reference(path: Path) -> ColumnarLoaded:
    """The oracle's load of an ACLED table (read row by row)."""
    text = path.read_bytes().decode("utf-8-sig")
    return tabled(read_acled(open_table(text, str(path))))


def first_problem(exc: LoadError) -> tuple[str, str, int | None]:
    p = exc.problems[0]
    return p.message, p.path, p.line


def write_acled(path: Path, rows: list[list[str]], blank_every: int = 0) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i, row in enumerate(rows):
            w.writerow(row)
            if blank_every and i % blank_every == 0:
                fh.write("\r\n")
    return path


@pytest.fixture
def fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every file takes the fast path; the cache is the test's own."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    return tmp_path


@pytest.fixture
def table(fast: Path) -> Path:
    return write_acled(fast / "acled.csv", acled_rows(3000, seed=11), blank_every=500)


def test_acled_table_loads_columnar_with_the_reference_events(table: Path) -> None:
    opened = open_dataset(table, use_cache=False)
    loaded, ref = opened.loaded, reference(table)
    assert isinstance(loaded, ColumnarLoaded)
    assert isinstance(loaded.dataset.events, LazyEvents)
    assert loaded.format == ref.format == "acled"
    ds, rds = loaded.dataset, ref.dataset
    assert len(ds.events) == len(rds.events) == 3000
    assert (ds.title, ds.credit) == (rds.title, rds.credit)
    assert ds.actors == rds.actors
    assert ds.places == rds.places
    assert ds.sources == rds.sources
    for i, ev in enumerate(rds.events):
        assert ds.events[i] == ev, i
        assert event_record(ds, ds.events[i]) == event_record(rds, ev)
    assert [str(w) for w in loaded.warnings] == [str(w) for w in ref.warnings]
    # the oddities the generator makes are there
    whens = [ev.when for ev in rds.events]
    assert {w.precision for w in whens} == {"day", "month"}
    iso_day = re.compile(r"\d{4}-\d{2}-\d{2}")
    assert sum(w.text is not None and not iso_day.fullmatch(w.text) for w in whens) > 10
    assert any(ev.id.startswith("row-") for ev in rds.events)
    assert any(ev.id.endswith("-2") for ev in rds.events)


@pytest.mark.parametrize("mode", ["kind", "status", "actor", "place"])
def test_the_same_index(table: Path, mode: str) -> None:
    loaded, ref = open_dataset(table, use_cache=False).loaded, reference(table)
    index = opening.index_for(loaded, mode)
    expected = index_of_events(ref.dataset, mode)
    assert_same_index(index, expected)
    assert (index.start.min(), index.period_end.max()) == (
        expected.start.min(),
        expected.period_end.max(),
    )


def test_search_agrees(table: Path) -> None:
    loaded, ref = open_dataset(table, use_cache=False).loaded, reference(table)
    fast_search, ref_search = search_index(loaded), SearchIndex(ref.dataset)
    for query in ("armenia", "yerevan", "peaceful protest", "ērgļi", "crowd size"):
        assert (fast_search.matches(query) == ref_search.matches(query)).all(), query


def test_cache_round_trip(table: Path) -> None:
    first = open_dataset(table)
    second = open_dataset(table)
    assert not first.from_cache
    assert second.from_cache
    assert second.loaded.format == "acled"
    a, b = first.loaded.dataset, second.loaded.dataset
    assert a.actors == b.actors
    assert a.places == b.places
    assert a.sources == b.sources
    for i in range(0, len(a.events), 13):
        assert a.events[i] == b.events[i]
    assert_same_index(first.index, second.index)


def test_small_files_take_the_same_road(tmp_path: Path) -> None:
    """A small table is read column-wise like a big one: no event kept whole."""
    path = write_acled(tmp_path / "small.csv", acled_rows(20, seed=2))
    loaded = open_dataset(path, use_cache=False).loaded
    assert isinstance(loaded, ColumnarLoaded)
    assert loaded.format == "acled"
    assert len(loaded.columns.complex) == 0


BAD = {
    "date": {1: "2020-13-01"},
    "word": {1: "soon"},
    "empty date": {1: ""},
    "precision": {3: "7"},
    "latitude": {22: "north"},
    "range": {22: "91"},
    "longitude": {23: "200"},
    "fatalities": {28: "many"},
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_rows_give_the_reference_errors(fast: Path, case: str) -> None:
    rows = acled_rows(400, seed=5)
    for at in (150, 333):
        for k, value in BAD[case].items():
            rows[at][k] = value
        rows[at][21:24] = ["Kalbajar", rows[at][22] or "40.1", rows[at][23] or "46.0"]
        if case in ("latitude", "range"):
            rows[at][22] = BAD[case][22]
    path = write_acled(fast / "bad.csv", rows, blank_every=100)
    with pytest.raises(LoadError) as ref:
        reference(path)
    with pytest.raises(LoadError) as got:
        open_dataset(path, use_cache=False)
    assert first_problem(got.value) == first_problem(ref.value)
    assert "bad.csv" in str(got.value)
    assert "row 154, column" in str(got.value)  # the first bad row, blank lines counted
    assert ", column '" in str(got.value)


@pytest.mark.parametrize("first_bad", [True, False])
def test_ragged_rows_give_the_reference_errors(fast: Path, first_bad: bool) -> None:
    rows = acled_rows(300, seed=6)
    if first_bad:
        rows[100][1] = "never"
    rows[200] = rows[200][:5]
    path = write_acled(fast / "ragged.csv", rows)
    with pytest.raises(LoadError) as ref:
        reference(path)
    with pytest.raises(LoadError) as got:
        open_dataset(path, use_cache=False)
    assert first_problem(got.value) == first_problem(ref.value)
    assert ("event_date" in str(got.value)) == first_bad
