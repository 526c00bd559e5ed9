"""CSV tables: ACLED, generic tables with named columns, delimiters, and malformed files."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from viewer.model.errors import LoadError
from viewer.model.formats.common import blank
from viewer.model.formats.csv_read import read_csv
from viewer.model.formats.csv_table import lines, sniff_delimiter
from viewer.model.formats.detect import load

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def acled_row(eid: str, date: str, tp: str = "1", lat: str = "40.1", **kw: str) -> str:
    cells = {
        "event_id_cnty": eid, "event_date": date, "year": date[:4], "time_precision": tp,
        "disorder_type": "Strategic developments", "event_type": "Strategic developments",
        "sub_event_type": "Non-violent transfer of territory",
        "actor1": "Military Forces of Azerbaijan (2003-)", "assoc_actor_1": "",
        "actor2": "Military Forces of Armenia (2018-)", "assoc_actor_2": "",
        "location": "Kalbajar", "latitude": lat, "longitude": "46.0", "source": "Trend; APA",
        "notes": "On 25 November 2020, the district was handed over.", "fatalities": "0",
        "tags": "", "country": "Azerbaijan",
    }  # fmt: skip
    cells.update(kw)
    return ",".join(f'"{cells.get(c, "")}"' for c in ACLED_HEADER.split(","))


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_acled_table(tmp_path: Path) -> None:
    rows = [
        acled_row("AZE1", "2020-11-25"),
        acled_row("AZE2", "2020-11-20", tp="2", location="Aghdam"),
        acled_row("ARM3", "15 November 2020", tp="3", fatalities="4", actor1="Protesters"),
    ]
    loaded = load(write(tmp_path, "\n".join([ACLED_HEADER, *rows]) + "\n"))
    ds = loaded.dataset
    assert loaded.format == "acled"
    a, b, c = ds.events
    assert a.id == "AZE1"
    assert a.kind == "Strategic developments"
    assert a.title == (
        "Non-violent transfer of territory in Kalbajar (Military Forces of Azerbaijan (2003-))"
    )
    assert a.summary.startswith("On 25 November 2020")
    assert (a.when.start, a.when.precision, a.when.approximate) == ("2020-11-25", "day", False)
    assert (b.when.start, b.when.precision, b.when.approximate) == ("2020-11-20", "day", True)
    assert "within the week" in (b.when.basis or "")
    assert (c.when.start, c.when.precision, c.when.approximate) == ("2020-11", "month", True)
    assert "fatalities: 4" in c.tags
    # actors and places are records, shared between events
    assert len(ds.actors) == 3
    assert len({a.actors[0], b.actors[0]}) == 1
    assert ds.place(a.places[0]).lat == pytest.approx(40.1)
    assert [s.title for s in ds.sources] == ["Trend", "APA"]


@pytest.mark.parametrize(
    ("row", "where", "message"),
    [
        (acled_row("X", "2020-13-01"), "row 3, column 'event_date'", "month 13"),
        (acled_row("X", "soon"), "row 3, column 'event_date'", "'soon' is not a date"),
        (acled_row("X", "2020-01-01", tp="7"), "row 3, column 'time_precision'",
         "expected 1, 2 or 3"),
        (acled_row("X", "2020-01-01", lat="north"), "row 3, column 'latitude'",
         "expected a number"),
        (acled_row("X", "2020-01-01", lat="91"), "row 3, column 'latitude'", "out of range"),
        ('"X","2020-01-01"', "row 3", "the row has 2 cells; expected 31"),
        ('"X', "row 3", "the row has 1 cell; expected 31"),  # (a quote left open)
    ],
)  # fmt: skip
def test_acled_errors(tmp_path: Path, row: str, where: str, message: str) -> None:
    file = write(tmp_path, f"{ACLED_HEADER}\n{acled_row('OK', '2020-01-01')}\n{row}\n")
    with pytest.raises(LoadError) as exc:
        load(file)
    (problem,) = exc.value.problems
    assert (problem.path, problem.line, problem.file) == (where, 3, str(file))
    assert message in problem.message


def test_line_number_follows_multiline_cells(tmp_path: Path) -> None:
    notes = "line one\nline two"
    text = f"{ACLED_HEADER}\n{acled_row('A', '2020-01-01', notes=notes)}\n"
    text += acled_row("B", "2020-99-01") + "\n"
    with pytest.raises(LoadError) as exc:
        load(write(tmp_path, text))
    assert (exc.value.problems[0].path, exc.value.problems[0].line) == (
        "row 3, column 'event_date'",
        4,
    )


def test_generic_csv_with_named_columns(tmp_path: Path) -> None:
    file = write(
        tmp_path,
        "When;What;Kind;Notes\n2020-11-25;Hand-over;politics;Kalbajar\n"
        "2020-11;Talks;diplomacy;\n0622-09;Hijra;history;\n-0043-03-15;Caesar;history;\n"
        "2020-11-10T00:00/2020-11-11;Ceasefire;war;\n",
    )
    ds = read_csv(
        file, date_col="when", title_col="WHAT", lane_col="kind", text_col="notes"
    ).dataset
    assert [e.title for e in ds.events] == ["Hand-over", "Talks", "Hijra", "Caesar", "Ceasefire"]
    assert ds.events[0].summary == "Kalbajar"
    assert ds.events[0].kind == "politics"
    assert ds.events[3].when.start == "-0043-03-15"
    cf = ds.events[4]
    assert (cf.when.start, cf.when.end) == ("2020-11-10T00:00:00Z", "2020-11-11")
    assert "UTC" in (cf.when.basis or "")


def test_generic_csv_errors(tmp_path: Path) -> None:
    file = write(tmp_path, "a,b\n2020,x\nnot a date,y\n")
    with pytest.raises(LoadError, match=r"no column 'date' for the date; expected one of 'a', 'b'"):
        read_csv(file, date_col="date")
    with pytest.raises(LoadError, match=r"row 3, column 'a': 'not a date' is not a date"):
        read_csv(file, date_col="a")
    with pytest.raises(LoadError, match=r"needs its date column named; expected --date-col"):
        read_csv(file, title_col="b")


def test_unknown_header_lists_what_was_tried(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as exc:
        load(write(tmp_path, "colour,size\nred,3\n"))
    msg = str(exc.value)
    assert "the header ('colour', 'size') is not one this viewer knows" in msg
    for tried in ("own CSV", "Sheets template", "ACLED", "--date-col"):
        assert tried in msg


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ("\n2020,x\n", "the first line is empty; expected a header row"),
    ],
)
def test_empty_csv(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LoadError, match=message):
        load(write(tmp_path, text))


def test_header_only_is_an_empty_dataset(tmp_path: Path) -> None:
    assert load(write(tmp_path, ACLED_HEADER + "\n")).dataset.events == []


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ("a\tb\tc\n1\t2;x\t3\n", "\t"),
        ('"a;b",c\n"1;2",3\n', ","),
        ("only\n1\n", ","),
    ],
)
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_tables_are_read_line_by_line_as_stringio_splits_them() -> None:
    """``lines`` (which spares StringIO's copy of a whole table) yields what StringIO does, for
    every kind of line end, character and unterminated last line; ``blank`` is
    ``not text.strip()``."""
    rnd = random.Random(0)
    alphabet = ["a", ",", '"', "\n", "\r", "\r\n", "é", "—", "\u2028", "\x85", " ", "\t", "\x0c"]
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        assert list(lines(text)) == list(io.StringIO(text))
        assert blank(text) == (not text.strip())
