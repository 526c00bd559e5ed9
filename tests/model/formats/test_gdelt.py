"""GDELT event exports (1.0 and 2.0, plain and zipped): rows written per the GDELT codebooks,
read by the one loader; and the packed files given as a table by mistake."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from tests.oracles import index_of_events
from viewer.model.errors import LoadError
from viewer.model.formats.detect import load
from viewer.model.formats.gdelt_fields import FIELDS, cameo_codes, third_person
from viewer.model.generate_tables import write_gdelt

_ARMENIA = {
    "GLOBALEVENTID": "950000001",
    "SQLDATE": "20201125",
    "MonthYear": "202011",
    "Year": "2020",
    "FractionDate": "2020.8959",
    "Actor1Code": "ARM",
    "Actor1Name": "ARMENIA",
    "Actor1CountryCode": "ARM",
    "Actor2Code": "RUS",
    "Actor2Name": "RUSSIA",
    "Actor2CountryCode": "RUS",
    "IsRootEvent": "1",
    "EventCode": "112",
    "EventBaseCode": "112",
    "EventRootCode": "11",
    "QuadClass": "3",
    "GoldsteinScale": "-2.0",
    "NumMentions": "10",
    "NumSources": "2",
    "NumArticles": "10",
    "AvgTone": "-3.52112676056338",
    "ActionGeo_Type": "4",
    "ActionGeo_FullName": "Yerevan, Yerevan, Armenia",
    "ActionGeo_CountryCode": "AM",
    "ActionGeo_Lat": "40.1811",
    "ActionGeo_Long": "44.5136",
    "ActionGeo_FeatureID": "-2293565",
    "DATEADDED": "20201125121500",
    "SOURCEURL": "https://news.example.org/armenia-russia.html",
}
_FIGHT = {
    **{k: v for k, v in _ARMENIA.items() if not k.startswith(("Actor1", "Actor2"))},
    "GLOBALEVENTID": "950000002",
    "SQLDATE": "20201126",
    "EventCode": "193",
    "EventBaseCode": "193",
    "EventRootCode": "19",
    "QuadClass": "4",
    "GoldsteinScale": "-10.0",
    "ActionGeo_FullName": "Village 12",
    "ActionGeo_Lat": "39.9",
    "ActionGeo_Long": "46.1",
    "SOURCEURL": "https://news.example.org/village-12.html",
}


def row(width: int, **cells: str) -> str:
    """One export line of ``width`` fields (unnamed fields empty), per the codebook's order."""
    return "\t".join(cells.get(f, "") for f in FIELDS[width])


def export(path: Path, width: int, rows: list[dict[str, str]], zipped: bool = False) -> Path:
    text = "".join(row(width, **r) + "\n" for r in rows)
    if zipped:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(path.name.removesuffix(".zip"), text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(("width", "zipped"), [(61, False), (61, True), (58, False), (58, True)])
def test_gdelt_rows_become_events(tmp_path: Path, width: int, zipped: bool) -> None:
    name = "20201126000000.export.CSV" + (".zip" if zipped else "")
    loaded = load(export(tmp_path / name, width, [_ARMENIA, _FIGHT], zipped))
    assert loaded.format == "gdelt"
    ds = loaded.dataset
    first, second = ds.events
    assert first.id == "950000001"
    assert first.title == "ARMENIA accuses RUSSIA"
    assert first.when.start == "2020-11-25"
    assert first.when.precision == "day"
    assert first.kind == "Disapprove"  # the CAMEO root (11): the lane
    assert [ds.actor(a).name for a in first.actors] == ["ARMENIA", "RUSSIA"]
    place = ds.place(first.places[0])
    assert (place.name, place.lat, place.lon) == ("Yerevan, Yerevan, Armenia", 40.1811, 44.5136)
    source = ds.source(first.citations[0])
    assert source.url == "https://news.example.org/armenia-russia.html"
    assert source.title == "news.example.org"
    assert source.text is None  # a URL without text: its quotes cannot be checked
    assert first.summary == "CAMEO 112: Accuse, not specified below"
    assert first.tags == [
        "quad class: 3 Verbal conflict",
        "Goldstein: -2",
        "mentions: 10",
        "sources: 2",
        "articles: 10",
        "tone: -3.52",
    ]
    assert second.title == "Fight with small arms and light weapons in Village 12"
    assert second.when.start == "2020-11-26"
    assert second.actors == []
    assert second.kind == "Fight"
    assert ds.place(second.places[0]).name == "Village 12"
    index = loaded.columns.index(ds, "kind")
    assert sorted(index.lanes) == ["Disapprove", "Fight"]


def test_gdelt1_backfile_without_sourceurl(tmp_path: Path) -> None:
    loaded = load(export(tmp_path / "2004.csv", 57, [_ARMENIA]))
    (event,) = loaded.dataset.events
    assert event.title == "ARMENIA accuses RUSSIA"
    assert event.citations == []
    assert loaded.dataset.credit == "GDELT 1.0 (back-file) event export"


def test_big_export_reads_the_same_way(tmp_path: Path) -> None:
    path = write_gdelt(tmp_path / "big.export.CSV", 20_000, 61, seed=3, places=50)
    loaded = load(path)
    assert loaded.columns.n == 20_000
    assert len(loaded.dataset.places) == 50
    lines = path.read_text(encoding="utf-8").splitlines()
    for i in (0, 7_777, 19_999):
        cells = dict(zip(FIELDS[61], lines[i].split("\t"), strict=True))
        ev = loaded.dataset.events[i]
        assert ev.id == cells["GLOBALEVENTID"]
        d = cells["SQLDATE"]
        assert ev.when.start == f"{d[:4]}-{d[4:6]}-{d[6:]}"
        names = [n for n in (cells["Actor1Name"], cells["Actor2Name"]) if n]
        assert [loaded.dataset.actor(a).name for a in ev.actors] == list(dict.fromkeys(names))
        assert loaded.dataset.source(ev.citations[0]).url == cells["SOURCEURL"]
        assert loaded.dataset.place(ev.places[0]).lat == float(cells["ActionGeo_Lat"])


def test_titles_name_the_actors_and_the_event() -> None:
    assert third_person("Accuse") == "accuses"
    assert third_person("Veto") == "vetoes"
    assert third_person("Rally support on behalf of") == "rallies support on behalf of"
    assert third_person("Physically assault") == "physically assaults"
    codes = cameo_codes()
    assert codes["0871"] == ("Declare truce, ceasefire", "Declare truce, ceasefire")
    assert codes["19"][1] == "Fight"
    assert len(codes) > 300


def _problems(path: Path) -> list[str]:
    with pytest.raises(LoadError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def test_wrong_number_of_fields(tmp_path: Path) -> None:
    path = tmp_path / "x.export.CSV"
    lines = [row(61, **_ARMENIA)] * 3 + ["950000009\t20201125\tonly three"] + [row(61, **_FIGHT)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (message,) = _problems(path)
    assert message.startswith(f"{path}:4: row 4: the row has 3 fields; expected 61")


def test_bad_date_and_unknown_code_name_line_column_and_field(tmp_path: Path) -> None:
    bad_date = {**_ARMENIA, "SQLDATE": "20201332"}
    bad_code = {**_FIGHT, "EventCode": "999"}
    path = export(tmp_path / "x.export.CSV", 61, [_ARMENIA, bad_date, _FIGHT, bad_code])
    messages = _problems(path)
    assert messages == [
        f"{path}:2:11: field 2 (SQLDATE): got '20201332'; expected a day as YYYYMMDD (SQLDATE)",
        f"{path}:4:{len(row(61, **bad_code).split(chr(9) + '999')[0]) + 2}: field 27 "
        "(EventCode): got '999'; expected a CAMEO event code (such as 0871 or 190; see "
        "resources/cameo_codes.tsv)",
    ]


def test_many_bad_rows_give_a_screenful(tmp_path: Path) -> None:
    rows = [{**_ARMENIA, "GLOBALEVENTID": str(k), "SQLDATE": "2020"} for k in range(300)]
    messages = _problems(export(tmp_path / "x.export.CSV", 61, rows))
    assert len(messages) == 51
    assert messages[-1].endswith("... and 250 more problems")


def test_empty_zip_without_export_gzip_xlsx_and_encoding(tmp_path: Path) -> None:
    empty = tmp_path / "empty.export.CSV"
    empty.write_bytes(b"")
    assert _problems(empty) == [f"{empty}: the file is empty; expected a dataset"]

    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("readme.txt", "hello")
    (message,) = _problems(other)
    assert message.startswith(f"{other}: is a zip archive with no GDELT event export in it")
    assert "readme.txt" in message

    packed = tmp_path / "events.csv"
    packed.write_bytes(gzip.compress(b"a,b\n1,2\n"))
    assert _problems(packed) == [
        f"{packed}:1:1: is gzip-compressed data, not text; expected a CSV or dataset file "
        "(unpack it first, e.g. with gunzip)"
    ]

    sheet = tmp_path / "events.csv"
    with zipfile.ZipFile(sheet, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert _problems(sheet) == [
        f"{sheet}: is an Excel workbook (.xlsx), not CSV; expected a CSV file (save the "
        "sheet as CSV UTF-8)"
    ]

    latin = tmp_path / "latin.export.CSV"
    latin.write_bytes(
        (row(61, **_ARMENIA) + "\n" + row(61, **{**_FIGHT, "Actor1Name": "MÜNCHEN"}) + "\n").encode(
            "latin-1"
        )
    )
    (message,) = _problems(latin)
    assert message.startswith(f"{latin}:2:")
    assert "invalid UTF-8" in message
    assert "expected UTF-8 text" in message


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.export.CSV"
    path.write_bytes(b"\xef\xbb\xbf" + (row(61, **_ARMENIA) + "\n").encode("utf-8"))
    assert load(path).dataset.events[0].title == "ARMENIA accuses RUSSIA"


def test_convert_keeps_the_gdelt_fields(tmp_path: Path) -> None:
    from tests.cli.test_cli import run

    out = tmp_path / "out.json"
    source = export(tmp_path / "x.export.CSV.zip", 61, [_ARMENIA, _FIGHT], zipped=True)
    result = run("convert", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    back = load(out).dataset
    assert back.events[0].tags == load(source).dataset.events[0].tags
    assert "Goldstein: -2" in back.events[0].tags
    assert back.source(back.events[0].citations[0]).url == _ARMENIA["SOURCEURL"]


def test_lanes_by_tag_are_quad_classes(tmp_path: Path) -> None:
    from tests.model.test_columnar import assert_same_index

    path = write_gdelt(tmp_path / "x.export.CSV", 400, 61, seed=5)
    loaded = load(path)
    ds = loaded.dataset
    index = loaded.columns.index(ds, "tag")
    assert sorted(index.lanes) == [
        "quad class: 1 Verbal cooperation",
        "quad class: 2 Material cooperation",
        "quad class: 3 Verbal conflict",
        "quad class: 4 Material conflict",
    ]
    ref = index_of_events(ds, "tag")  # from the events, one by one
    assert_same_index(index, ref)


def test_cache_cancel_and_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.model.formats import common
    from viewer.model.formats.columns import Cancelled
    from viewer.model.opening import CACHE_ENV, open_dataset

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    path = write_gdelt(tmp_path / "x.export.CSV.zip", 500, 61, seed=2, zipped=True)
    seen: list[str] = []
    first = open_dataset(path, progress=lambda _f, what: seen.append(what))
    assert not first.from_cache
    assert "Reading the GDELT export" in seen
    again = open_dataset(path)
    assert again.from_cache
    assert again.loaded.format == "gdelt"
    a, b = first.loaded.dataset, again.loaded.dataset
    assert [b.events[i] for i in (0, 499)] == [a.events[i] for i in (0, 499)]
    assert b.sources == a.sources

    def stop(_f: float, what: str) -> None:
        if what.startswith("Checking"):
            raise Cancelled

    with pytest.raises(Cancelled):
        open_dataset(path, progress=stop, use_cache=False)
