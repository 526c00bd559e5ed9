"""Parquet datasets: lossless round trips with native JSON, files made by pyarrow alone, and
the checks of `validate` (the same messages as for a native file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.helpers import minimal, write
from viewer.model.errors import LoadError
from viewer.model.formats import common
from viewer.model.formats.columns import Cancelled
from viewer.model.formats.detect import load
from viewer.model.formats.native import dataset_to_json
from viewer.model.formats.parquet_layout import META_KEY
from viewer.model.formats.parquet_write import parquet_table, write_parquet
from viewer.model.generate import generate


def rich() -> dict[str, Any]:
    """Every kind of field: quotes, zones, the source's wording, a basis, eras, intervals
    with an end precision, approximate and uncertain dates, statuses, tags, summaries."""
    data = minimal()
    data["zone"] = "Europe/Moscow"
    data["eras"] = [{"id": "war", "title": "The war", "start": "2031-01", "end": "2031-12"}]
    data["events"] += [
        {
            "id": "e3",
            "title": "Talks in Moscow",
            "summary": "Talks at night.",
            "kind": "talks",
            "status": "postponed",
            "when": {
                "start": "2031-06-01T22:00:00+03:00",
                "precision": "second",
                "tz": "Europe/Moscow",
                "text": "late on 1 June",
                "basis": "the article's date, minus one day",
            },
            "actors": ["mayor", "eng"],
            "tags": ["talks", "night"],
        },
        {
            "id": "e4",
            "title": "Works",
            "when": {
                "start": "2031-07",
                "end": "2031-09-15",
                "precision": "month",
                "end_precision": "day",
                "approximate": True,
                "uncertain": True,
            },
            "places": ["bridge"],
            "tags": ["talks"],
        },
        {
            "id": "e5",
            "title": "Said on the day",
            "status": "cancelled",
            "when": {"start": "2031-08-02T10:15Z", "precision": "minute", "text": "2 Aug"},
        },
        {
            "id": "e6",
            "title": "Long ago",
            "when": {"start": "-0043-03-15", "precision": "day"},
            "draft": {"confidence": 0.4, "note": "the year is a guess"},
        },
    ]
    # a drafted quote (the article importer's mark, until the user accepts it)
    data["events"][0]["quotes"][0]["draft"] = {"confidence": 0.9}
    return data


def round_trip(src: Path, tmp_path: Path) -> tuple[str, str]:
    """(native JSON of the file, native JSON of the file written as Parquet and read back)."""
    loaded = load(src)
    out = tmp_path / "out.parquet"
    write_parquet(loaded.dataset, loaded.columns, out)
    back = load(out)
    assert back.format == "parquet"
    return dataset_to_json(loaded.dataset), dataset_to_json(back.dataset)


def test_bundled_dataset_round_trips(bundled_path: Path, tmp_path: Path) -> None:
    before, after = round_trip(bundled_path, tmp_path)
    assert after == before


@pytest.mark.parametrize("columnar", [False, True])
def test_every_field_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    if columnar:  # the native file read on its columnar path (events kept whole there)
        monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    before, after = round_trip(write(tmp_path, rich()), tmp_path)
    assert after == before
    assert '"tz": "Europe/Moscow"' in after
    assert '"basis"' in after
    assert '"eras"' in after
    assert '"note": "the year is a guess"' in after
    assert '"confidence": 0.9' in after


def test_a_file_written_before_draft_marks_opens(tmp_path: Path) -> None:
    """The draft column came later: a file of the layout without it opens, no event marked."""
    loaded = load(write(tmp_path, minimal()))
    table = parquet_table(loaded.dataset, loaded.columns)
    old = tmp_path / "old.parquet"
    pq.write_table(table.drop_columns(["draft"]), old)
    back = load(old)
    assert dataset_to_json(back.dataset) == dataset_to_json(loaded.dataset)


@pytest.mark.parametrize("columnar", [False, True])
def test_generated_data_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    if columnar:
        monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    src = tmp_path / "g.json"
    generate(src, 3000, seed=4)
    before, after = round_trip(src, tmp_path)
    assert after == before
    assert '"quotes": [\n        {' in after


def test_generate_writes_parquet_with_the_same_events(tmp_path: Path) -> None:
    generate(tmp_path / "g.json", 2500, seed=9)
    generate(tmp_path / "g.parquet", 2500, seed=9)
    assert (tmp_path / "g.parquet").read_bytes()[:4] == b"PAR1"
    a = dataset_to_json(load(tmp_path / "g.json").dataset)
    b = dataset_to_json(load(tmp_path / "g.parquet").dataset)
    assert a == b


def test_the_document_parts_are_in_the_key_value_metadata(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, rich()))
    table = parquet_table(loaded.dataset, loaded.columns)
    assert b'"sources"' in table.schema.metadata[META_KEY]
    assert b'"events"' not in table.schema.metadata[META_KEY]
    quotes = table.column("quotes").to_pylist()[0]
    assert (
        quotes[0]["selector"]["start"] == minimal()["events"][0]["quotes"][0]["selector"]["start"]
    )


def test_a_table_made_by_pyarrow_opens(tmp_path: Path) -> None:
    path = tmp_path / "made.parquet"
    table = pa.table(
        {
            "id": ["a", "b", "c"],
            "title": ["First", "Second", "Third"],
            "start": pa.array([1_600_000_000, 1_600_041_600, 1_600_100_000], pa.int64()).cast(
                pa.timestamp("s")
            ),
            "end": pa.array([None, 1_600_300_800, None], pa.int64()).cast(pa.timestamp("s")),
            "lane": ["protest", "protest", "strike"],
            "summary": ["one", None, "three"],
        }
    )
    pq.write_table(table, path)
    loaded = load(path)
    events = list(loaded.dataset.events)
    assert [e.id for e in events] == ["a", "b", "c"]
    assert events[0].when.start == "2020-09-13T12:26:40Z"
    assert events[0].when.precision == "second"
    assert events[1].when.start == "2020-09-14"
    assert events[1].when.end == "2020-09-17"
    assert [e.kind for e in events] == ["protest", "protest", "strike"]
    assert events[1].summary == ""
    assert loaded.columns.n == 3


def test_a_table_of_iso_strings_opens(tmp_path: Path) -> None:
    path = tmp_path / "strings.parquet"
    pq.write_table(
        pa.table(
            {
                "id": [1, 2],
                "title": ["A", "B"],
                "start": ["2020-11-25", "25 November 2020"],
            }
        ),
        path,
    )
    events = list(load(path).dataset.events)
    assert [e.id for e in events] == ["1", "2"]
    assert [e.when.start for e in events] == ["2020-11-25", "2020-11-25"]


def test_a_parquet_file_that_is_not_a_dataset_says_which_column_is_missing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"id": [1], "title": ["x"], "value": [2.5]}), path)
    with pytest.raises(LoadError) as err:
        load(path)
    text = str(err.value)
    assert str(path) in text
    assert "no column 'start'" in text
    assert "'value'" in text  # the columns it has


def test_a_bad_date_in_the_table_names_the_file_and_the_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"id": ["a"], "title": ["x"], "start": ["someday"]}), path)
    with pytest.raises(LoadError) as err:
        load(path)
    assert str(path) in str(err.value)
    assert "row 1, column 'start'" in str(err.value)


def _written(tmp_path: Path, data: dict[str, Any]) -> pa.Table:
    loaded = load(write(tmp_path, data))
    return parquet_table(loaded.dataset, loaded.columns)


def _problems(tmp_path: Path, table: pa.Table) -> list[str]:
    path = tmp_path / "edited.parquet"
    pq.write_table(table, path)
    with pytest.raises(LoadError) as err:
        load(path)
    return [str(p) for p in err.value.problems]


def _set(table: pa.Table, name: str, values: list[Any]) -> pa.Table:
    i = table.schema.get_field_index(name)
    field = table.schema.field(i)
    return table.set_column(i, field, pa.array(values, field.type))


def test_invalid_events_get_the_messages_of_validate(tmp_path: Path) -> None:
    table = _written(tmp_path, rich())
    starts = table.column("start").to_pylist()
    starts[1] = "2031-02-30"
    problems = _problems(tmp_path, _set(table, "start", starts))
    assert any("events[1].when.start" in p and "does not exist" in p for p in problems)

    ids = table.column("id").to_pylist()
    ids[3] = ids[0]
    problems = _problems(tmp_path, _set(table, "id", ids))
    assert any("events[3].id: duplicate event id 'e1' (first at events[0])" in p for p in problems)

    actors = table.column("actors").to_pylist()
    actors[5] = ["nobody"]
    problems = _problems(tmp_path, _set(table, "actors", actors))
    assert any("events[5].actors[0]: unknown actor 'nobody'" in p for p in problems)


def test_a_quote_is_checked_against_its_source(tmp_path: Path) -> None:
    table = _written(tmp_path, rich())
    quotes = table.column("quotes").to_pylist()
    quotes[0][0]["text"] = quotes[0][0]["selector"]["exact"] = "words never said"
    problems = _problems(tmp_path, _set(table, "quotes", quotes))
    assert any("events[0].quotes[0].selector" in p and "not in source 's1'" in p for p in problems)


def test_damaged_metadata_is_a_clear_message(tmp_path: Path) -> None:
    table = _written(tmp_path, rich())
    meta = dict(table.schema.metadata)
    meta[META_KEY] = b'{"format": "timeline-dataset", "version": 1}'
    problems = _problems(tmp_path, table.replace_schema_metadata(meta))
    assert any("title" in p and "required field is missing" in p for p in problems)


def test_garbage_after_the_magic_is_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "garbage.parquet"
    path.write_bytes(b"PAR1" + b"\x00\x01" * 100)
    with pytest.raises(LoadError) as err:
        load(path)
    assert str(path) in str(err.value)
    assert "Parquet" in str(err.value)


def test_a_parquet_read_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    path = tmp_path / "g.parquet"
    generate(path, 500, seed=1)
    seen: list[str] = []
    load(path, progress=lambda _f, what: seen.append(what))
    assert any(w.startswith("Reading") for w in seen)
    assert "Checking references" in seen

    def cancel(_f: float, what: str) -> None:
        if what.startswith("Reading 0 of"):
            raise Cancelled

    with pytest.raises(Cancelled):
        load(path, progress=cancel)


@pytest.mark.parametrize("columnar", [False, True])
def test_an_acled_table_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    """ACLED rows keep the source's wording of their dates and how each was resolved."""
    from tests.model.test_acled_columnar import acled_rows, write_acled

    if columnar:
        monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    src = write_acled(tmp_path / "acled.csv", acled_rows(400, seed=5))
    before, after = round_trip(src, tmp_path)
    assert after == before
    assert '"basis"' in after


def test_a_timelinejs_file_round_trips(tmp_path: Path) -> None:
    from tests.model.formats.test_timelinejs import slide, write_tljs

    src = write_tljs(
        tmp_path,
        [
            slide("One", start_date={"year": 2020, "month": 3}),
            slide("Two", start_date={"year": -43}, end_date={"year": -40}),
        ],
        eras=[
            {"start_date": {"year": 2019}, "end_date": {"year": 2021}, "text": {"headline": "E"}}
        ],
    )
    before, after = round_trip(src, tmp_path)
    assert after == before


def test_a_column_of_another_type_is_a_clear_message(tmp_path: Path) -> None:
    table = _written(tmp_path, rich())
    i = table.schema.get_field_index("actors")
    odd = table.set_column(i, "actors", pa.array([{"x": 1}] * table.num_rows))
    problems = _problems(tmp_path, odd)
    assert len(problems) == 1
    assert "cannot be read as a timeline dataset" in problems[0]
    foreign = tmp_path / "struct.parquet"
    pq.write_table(pa.table({"id": [{"a": 1}], "title": ["x"], "start": ["2020"]}), foreign)
    with pytest.raises(LoadError) as err:
        load(foreign)
    assert str(foreign) in str(err.value)
