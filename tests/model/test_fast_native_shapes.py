"""The msgspec reading of native files agrees with the reference reader on every shape of event:
unknown fields, wrong JSON types, quotes and zones, invalid JSON, piece boundaries, key order."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import minimal, write
from tests.model.test_columnar import assert_same_index
from tests.oracles import index_of_events
from viewer.model.dataset import Event, When
from viewer.model.errors import LoadError
from viewer.model.formats import columnar, common, event_pieces, native_structs
from viewer.model.formats.columnar import load_columnar
from viewer.model.formats.columns import ColumnarLoaded
from viewer.model.formats.detect import load
from viewer.model.opening import CACHE_ENV, open_dataset

MODES = ("kind", "status", "actor", "place")


def simple_events(n: int) -> list[dict[str, Any]]:
    """Events of the simple shape, of every date form, some with ends, flags and references."""
    forms = [
        ("2031-05-13", "day"),
        ("2031-05", "month"),
        ("2031", "year"),
        ("2031-05-13T10:00Z", "minute"),
        ("2031-05-13T10:00:05+03:00", "second"),
    ]
    out = []
    for i in range(n):
        start, precision = forms[i % len(forms)]
        when: dict[str, Any] = {"start": start, "precision": precision}
        if i % 3 == 0 and precision == "day":
            when["end"] = "2031-06-01"
        if i % 4 == 1:
            when["approximate"] = True
        ev: dict[str, Any] = {"id": f"s{i}", "title": f"Event {i}", "when": when}
        if i % 2:
            ev["actors"] = ["mayor", "eng"][: 1 + i % 2]
            ev["tags"] = [f"t{i % 3}"]
        if i % 5 == 2:
            ev.update(status="planned", kind="policy", places=["bridge"], citations=["s1"])
        out.append(ev)
    return out


def dataset(events: list[dict[str, Any]]) -> dict[str, Any]:
    data = minimal()
    data["events"] = copy.deepcopy(events)
    return data


def load_fast(path: Path) -> Any:
    """The loader as it reads a big file: a native one on the fast path."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(common, "FAST_MIN_BYTES", 0)
        return load(path)


def assert_same(path: Path) -> ColumnarLoaded | None:
    """The fast loader gives the reference reader's events, index and warnings, or its errors."""
    ref_error: LoadError | None = None
    try:
        ref = load(path)
    except LoadError as exc:
        ref_error = exc
    if ref_error is not None:
        with pytest.raises(LoadError) as fast_error:
            load_fast(path)
        assert sorted(map(str, fast_error.value.problems)) == sorted(map(str, ref_error.problems))
        return None
    fast = load_fast(path)
    assert isinstance(fast, ColumnarLoaded)
    assert fast.columns is not None
    assert list(fast.dataset.events) == list(ref.dataset.events)
    for mode in MODES:
        assert_same_index(
            fast.columns.index(fast.dataset, mode), index_of_events(ref.dataset, mode)
        )
    assert [str(w) for w in fast.warnings] == [str(w) for w in ref.warnings]
    return fast


@pytest.fixture
def structs_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the load leaves the msgspec path (for files that path must read itself)."""

    def refuse(*_args: Any) -> Any:
        raise AssertionError("read from orjson objects")

    monkeypatch.setattr(columnar, "_from_objects", refuse)


@pytest.fixture(params=["pieces of a few events", "one piece"])
def pieces(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Files cut into pieces of two or three events (every boundary is met), or one piece."""
    if request.param == "pieces of a few events":
        monkeypatch.setattr(event_pieces, "PIECE_BYTES", 300)
    return request.param


def test_the_structs_mirror_the_models() -> None:
    assert set(native_structs._Event.__struct_fields__) == set(Event.model_fields)
    assert set(native_structs._When.__struct_fields__) == set(When.model_fields)


@pytest.mark.usefixtures("structs_only")
def test_simple_events_are_read_from_structs(tmp_path: Path) -> None:
    fast = assert_same(write(tmp_path, dataset(simple_events(40))))
    assert fast is not None
    assert fast.columns is not None
    assert set(fast.columns.complex) == set()


@pytest.mark.usefixtures("structs_only")
@pytest.mark.parametrize("n", [1, 2, 7, 8, 9, 16, 17])
@pytest.mark.parametrize("piece_bytes", [1, 300, 1 << 20])
def test_piece_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int, piece_bytes: int
) -> None:
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", piece_bytes)
    events = simple_events(n)
    events[-1]["quotes"] = minimal()["events"][0]["quotes"]  # complex, last of a piece
    events[-1]["citations"] = ["s1"]
    events[0]["when"]["tz"] = "Europe/Moscow"
    events[0]["when"].update(start="2031-05-13T10:00+03:00", precision="minute")
    fast = assert_same(write(tmp_path, dataset(events)))
    assert fast is not None
    assert fast.columns is not None
    assert set(fast.columns.complex) == {0, n - 1}


@pytest.mark.usefixtures("structs_only")
def test_field_order_does_not_matter(tmp_path: Path) -> None:
    events = simple_events(12)
    reordered = [dict(reversed(list(ev.items()))) for ev in events]
    for ev in reordered:
        ev["when"] = dict(reversed(list(ev["when"].items())))
    fast = assert_same(write(tmp_path, dataset(reordered)))
    assert fast is not None
    assert fast.columns is not None
    assert not fast.columns.complex


def set_field(i: int, key: str, value: Any) -> Callable[[list[dict[str, Any]]], None]:
    def change(events: list[dict[str, Any]]) -> None:
        events[i][key] = value

    return change


def set_when(i: int, **fields: Any) -> Callable[[list[dict[str, Any]]], None]:
    def change(events: list[dict[str, Any]]) -> None:
        events[i]["when"].update(fields)

    return change


def moved_and_differing(events: list[dict[str, Any]]) -> None:
    """A quote whose words are not where it says (a warning), and one whose words differ from
    its selector's (an error): the error alone is reported."""
    for k in (14, 15):
        quotes = minimal()["events"][0]["quotes"]
        events[k].update(quotes=[{**q, "id": f"q{k}"} for q in quotes], citations=["s1"])
    selector = events[14]["quotes"][0]["selector"]
    selector.update(start=selector["start"] + 1, end=selector["end"] + 1)
    events[15]["quotes"][0]["text"] = "Other words"


# valid events the structs leave to the reference models, and invalid ones
EVENT_CASES: dict[str, Callable[[list[dict[str, Any]]], None]] = {
    "unknown field": set_field(3, "colour", "red"),
    "unknown when field": set_when(4, colour="red"),
    "title is a number": set_field(5, "title", 5),
    "empty title": set_field(5, "title", ""),
    "id too long": set_field(6, "id", "x" * 201),
    "id of 200 characters": set_field(6, "id", "é" * 200),
    "actors not an array": set_field(7, "actors", "mayor"),
    "actor not a string": set_field(7, "actors", [1]),
    "actors null": set_field(7, "actors", None),
    "unknown actor": set_field(7, "actors", ["nobody"]),
    "tags with a number": set_field(7, "tags", ["a", 2]),
    "kind is a number": set_field(8, "kind", 3),
    "kind empty": set_field(8, "kind", ""),
    "bad status": set_field(8, "status", "maybe"),
    "status null": set_field(8, "status", None),
    "approximate is a string": set_when(9, approximate="yes"),
    "approximate is 1": set_when(9, approximate=1),
    "end null": set_when(10, end=None),
    "end empty": set_when(10, end=""),
    "end_precision empty": set_when(10, end="2031-06-02", end_precision=""),
    "end_precision null": set_when(10, end="2031-06-02", end_precision=None),
    "end_precision given": set_when(10, end="2031-06-02", end_precision="day"),
    "end_precision wrong": set_when(10, end="2031-06-02", end_precision="month"),
    "end_precision without end": set_when(10, end_precision="day"),
    "precision missing": lambda evs: evs[11]["when"].pop("precision"),
    "precision wrong": set_when(11, precision="hour"),
    "when not an object": set_field(11, "when", "2031"),
    "event not an object": lambda evs: evs.__setitem__(12, "e12"),
    "event null": lambda evs: evs.__setitem__(12, None),
    "zone": set_when(13, start="2031-05-13T10:00+03:00", precision="minute", tz="Europe/Moscow"),
    "wrong zone": set_when(13, start="2031-05-13T10:00+03:00", precision="minute", tz="Mars/X"),
    "date wording and basis": set_when(13, text="mid-May", basis="as reported"),
    "quotes": lambda evs: evs[14].update(minimal()["events"][0]),
    "empty quotes": set_field(14, "quotes", []),
    "duplicate id": set_field(15, "id", "s1"),
    "duplicate id of a complex event": lambda evs: evs[16].update(
        id="s2", quotes=[], when={"start": "2031", "precision": "year", "tz": "UTC"}
    ),
    "escaped strings": lambda evs: evs[17].update(title="Caf\u00e9 \u201cx\u201d \\ \n"),
    "summary null": set_field(18, "summary", None),
    "seconds with minute precision": set_when(19, start="2031-05-13T10:00:00Z", precision="minute"),
    "unknown actor that looks like a path": set_field(7, "actors", ["events[7]"]),
    "unknown actor that looks like a path of a complex event": lambda evs: evs[16].update(
        actors=["events[0]"], when={"start": "2031", "precision": "year", "tz": "UTC"}
    ),
    "a quote moved, and words that differ": lambda evs: moved_and_differing(evs),
    "duplicate quote id": lambda evs: evs[14].update(quotes=minimal()["events"][0]["quotes"] * 2),
    # the list fields in every shape and escape
    "unknown place": set_field(7, "places", ["bridge", "nowhere"]),
    "unknown source": set_field(7, "citations", ["s9"]),
    "actor null": set_field(7, "actors", ["mayor", None]),
    "actors nested": set_field(7, "actors", [["mayor"]]),
    "actors an object": set_field(7, "actors", {"mayor": 1, "eng": [2, 3]}),
    "actors empty": set_field(7, "actors", []),
    "tags empty string": set_field(7, "tags", [""]),
    "tags null": set_field(7, "tags", None),
    "tag escaped": set_field(7, "tags", [r"caf\u00e9 \"x\"", "t1"]),
    "tag long": set_field(7, "tags", ["a tag of more than sixteen bytes", "t1"]),
    "tag of sixteen bytes": set_field(7, "tags", ["sixteen-bytes-xx", "sixteen-bytes-xy"]),
    "tag not ASCII": set_field(7, "tags", ["café", "naïve tag of many characters"]),
    "kind null": set_field(8, "kind", None),
    "kind an array": set_field(8, "kind", ["policy"]),
    "kind escaped": set_field(8, "kind", r"pol\u0069cy"),
    "kind long": set_field(8, "kind", "a kind of more than sixteen bytes"),
    "kind with a comma": set_field(8, "kind", "a, b"),
    "status escaped": set_field(8, "status", r"pl\u0061nned"),
    "status cancelled": set_field(8, "status", "cancelled"),
    "status a number": set_field(8, "status", 1),
    "precision null": set_when(11, precision=None),
    "precision escaped": set_when(11, precision=r"d\u0061y"),
    "end_precision a number": set_when(10, end="2031-06-02", end_precision=3),
    "NUL in texts": lambda evs: [
        evs[k].update(title="a\0b", id=f"s\0{k}", summary="\0") for k in (3, 17, 22)
    ],
    "NUL in a start": set_when(20, start="2031\0"),
    "NUL in an early start": set_when(3, start="2031\0"),
    "complex first and last, with references": lambda evs: [
        evs[k].update(quotes=[{**q, "id": f"q{k}"} for q in minimal()["events"][0]["quotes"]])
        or evs[k].update(actors=["eng", "mayor"][: 1 + k % 2], places=["bridge"])
        for k in (0, len(evs) - 1)
    ],
    "late kind and tags": lambda evs: [
        evs[k].update(kind=f"late {k % 2}", tags=[f"late {k % 3}", "t0"]) for k in (9, 20, 22)
    ],
}


@pytest.mark.parametrize("case", sorted(EVENT_CASES))
def test_events_of_any_shape_agree(tmp_path: Path, case: str, pieces: str) -> None:
    events = simple_events(24)
    EVENT_CASES[case](events)
    text = json.dumps(dataset(events), ensure_ascii=True)
    path = tmp_path / "data.json"
    # a backslash in a value written as is: the escapes of the file reach the decoders
    path.write_text(text.replace("\\\\u", "\\u").replace('\\\\\\"', '\\"'), "utf-8")
    assert_same(path)


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_layout_and_escapes_of_the_file(
    tmp_path: Path, indent: int | None, ensure_ascii: bool
) -> None:
    events = simple_events(30)
    events[3].update(kind="réunion", tags=["été", "t1"], title='Café "x"')
    events[4].update(actors=["mayor", "eng"], places=["bridge"], citations=["s1"])
    path = tmp_path / "data.json"
    path.write_text(json.dumps(dataset(events), indent=indent, ensure_ascii=ensure_ascii), "utf-8")
    fast = assert_same(path)
    assert fast is not None
    assert fast.columns is not None
    assert not fast.columns.complex


FILE_CASES: dict[str, Callable[[str], str]] = {
    "invalid JSON in an event": lambda t: t.replace('"title": "Event 3"', '"title": "Event 3",,'),
    "NaN in an event": lambda t: t.replace('"title": "Event 3"', '"title": NaN'),
    "NaN in a quote": lambda t: t.replace('"form": "direct"', '"form": NaN'),
    "huge number in a quote": lambda t: t.replace('"form": "direct"', '"form": 1e999'),
    "version 1.0": lambda t: t.replace('"version": 1', '"version": 1.0'),
    "lone surrogate": lambda t: t.replace('"Event 3"', '"Event \\ud800"'),
    "unknown top-level field": lambda t: t.replace('"title": "Bridge"', '"title": "B", "x": 1'),
    "header not valid": lambda t: t.replace('"title": "Bridge"', '"title": 5'),
    "events null": lambda t: t[: t.index('"events"')] + '"events": null}',
    "no events": lambda t: t[: t.index(', "events"')] + "}",
    "version 2": lambda t: t.replace('"version": 1', '"version": 2'),
    "version true": lambda t: t.replace('"version": 1', '"version": true'),
    "top level an array": lambda t: "[" + t + "]",
    "trailing garbage": lambda t: t + "x",
    "duplicate key": lambda t: t.replace('"title": "Event 3"', '"title": "E", "title": "Event 3"'),
}


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_files_of_any_shape_agree(tmp_path: Path, case: str) -> None:
    data = dataset(simple_events(12))
    data["events"].append(minimal()["events"][0])
    text = FILE_CASES[case](json.dumps(data))
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8")
    if case == "duplicate key":  # the known difference: the last one is kept (see columnar)
        with pytest.raises(LoadError):
            load(path)
        assert load_columnar(path).dataset.events[3].title == "Event 3"
        return
    assert_same(path)


def test_the_cache_keeps_the_texts_of_a_load_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pieces: str
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    events = simple_events(40)
    for case in ("quotes", "NUL in texts", "escaped strings", "title is a number"):
        EVENT_CASES[case](events)
    late = copy.deepcopy(minimal()["events"][0])
    late["quotes"][0]["id"] = "q-late"
    events[30].update(late, id="late-quoted")  # complex, in a late piece
    events[31].update(title="Café ü 日本", summary="x" * 300)
    path = write(tmp_path, dataset(events))
    with pytest.raises(LoadError):  # a title that is a number
        open_dataset(path)
    events[5]["title"] = "five"
    path = write(tmp_path, dataset(events))
    first = open_dataset(path)
    cached = open_dataset(path)
    assert not first.from_cache
    assert cached.from_cache
    ref = load(path).dataset.events
    for opened in (first, cached):
        assert list(opened.loaded.dataset.events) == list(ref)
        cols = opened.loaded.columns
        assert list(cols.ids) == [ev.id for ev in ref]
        assert list(cols.titles) == [ev.title for ev in ref]
        assert list(cols.summaries) == [ev.summary for ev in ref]
        assert list(cols.start_text) == [ev.when.start for ev in ref]
        assert list(cols.end_text) == [ev.when.end or "" for ev in ref]
