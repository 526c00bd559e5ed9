"""The events array cut into pieces: wherever the events stand in the file, whatever their
strings and quotes hold, the pieces are whole events (cut between the events the decoder found)
and the fast reading agrees with the reference reader."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import minimal, write
from tests.model.test_fast_native_shapes import (
    EVENT_CASES,
    assert_same,
    dataset,
    simple_events,
)
from viewer.model.errors import LoadError
from viewer.model.formats import columnar, event_pieces, native_structs
from viewer.model.formats.event_pieces import Pieces, split_top
from viewer.model.formats.native_objects import objects_chunk
from viewer.model.formats.simple_events import SimpleColumnsBuilder


def quoted_events(n: int) -> list[dict[str, Any]]:
    """Events with quotes (arrays of objects, cut like events), some in strings that hold
    what stands between two events."""
    events = simple_events(n)
    quotes = minimal()["events"][0]["quotes"]
    for k in range(0, n, 2):
        events[k].update(quotes=[{**q, "id": f"q{k}.{j}"} for j in range(3) for q in quotes])
        events[k]["citations"] = ["s1"]
    for k in range(1, n, 3):
        events[k]["summary"] = 'a},{"id": "x", "title": "y"}, {"speaker": "z'
    return events


def pieces_of(data: bytes) -> event_pieces.Pieces:
    top = split_top(data)
    assert top is not None
    pieces = top[1]
    pieces.counted(counts(pieces))
    return pieces


def counts(pieces: Pieces) -> list[int]:
    return [len(pieces.raws(k)) for k in range(len(pieces))]


def events_of(pieces: event_pieces.Pieces) -> list[Any]:
    return [json.loads(bytes(r)) for k in range(len(pieces)) for r in pieces.raws(k)]


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times the fast reading split a file and fell back to orjson."""
    calls = {"split": 0, "objects": 0}
    split, objects = columnar.split_top, columnar._from_objects

    def spied_split(raw: bytes) -> Any:
        calls["split"] += 1
        return split(raw)

    def spied_objects(*args: Any) -> Any:
        calls["objects"] += 1
        return objects(*args)

    monkeypatch.setattr(columnar, "split_top", spied_split)
    monkeypatch.setattr(columnar, "_from_objects", spied_objects)
    return calls


@pytest.mark.parametrize("piece_bytes", [1, 100, 700, 1 << 20])
@pytest.mark.parametrize("indent", [None, 0, 2, "\t"])
def test_pieces_hold_whole_events(
    monkeypatch: pytest.MonkeyPatch, piece_bytes: int, indent: int | str | None
) -> None:
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", piece_bytes)
    events = quoted_events(30)
    text = json.dumps(dataset(events), indent=indent)
    if indent == "\t":
        text = text.replace("\n", "\r\n")
    pieces = pieces_of(text.encode())
    assert events_of(pieces) == events
    assert pieces.starts[-1] == 30
    if piece_bytes == 1:  # an event a piece
        assert len(pieces) == 30


def test_quotes_are_not_cut_where_they_can_be_told_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", 1)
    events = quoted_events(12)
    for ev in events:
        ev.pop("summary", None)
    pieces = pieces_of(json.dumps(dataset(events)).encode())
    assert len(pieces) == 12  # one event a piece: none cut between its quotes
    assert counts(pieces) == [1] * 12


@pytest.mark.parametrize("indent", [None, 1])
def test_strings_that_hold_what_stands_between_events_are_not_cut(
    monkeypatch: pytest.MonkeyPatch, indent: int | None
) -> None:
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", 1)
    events = simple_events(12)
    for k, ev in enumerate(events):
        ev["summary"] = ["sets {1}, {2}", 'a}, {"id": "x", "title": "y"}, {"b', "}, {"][k % 3]
    top = split_top(json.dumps(dataset(events), indent=indent).encode())
    assert top is not None
    pieces = top[1]
    assert counts(pieces) == [1] * 12


@pytest.mark.parametrize(
    "layout",
    ["events last", "eras after the events", "events first", "no events", "empty events"],
)
@pytest.mark.parametrize("piece_bytes", [1, 300, 1 << 20])
def test_the_events_anywhere_in_the_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    used: dict[str, int],
    layout: str,
    piece_bytes: int,
) -> None:
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", piece_bytes)
    data = dataset(quoted_events(20))
    if layout == "eras after the events":
        eras = [
            {"id": f"era{k}", "title": f"Era {k}", "start": "2031", "end": "2032"} for k in (1, 2)
        ]
        data["eras"] = eras
    elif layout == "events first":
        data = {"events": data.pop("events"), **data}
    elif layout == "no events":
        del data["events"]
    elif layout == "empty events":
        data["events"] = []
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, indent=1))
    assert_same(path)
    assert used == {"split": 1, "objects": 0}  # read by the fast path


def test_the_key_of_the_events_in_a_string_or_deeper(tmp_path: Path, used: dict[str, int]) -> None:
    data = dataset(simple_events(10))
    data["description"] = 'the "events": [ of the day ]'
    data["sources"][0]["title"] = '"events": ['
    first = ["description", "format", "version", "sources"]
    order = first + [k for k in data if k not in first and k != "events"] + ["events"]
    data = {k: data[k] for k in order}
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data))
    assert_same(path)
    assert used == {"split": 1, "objects": 0}


@pytest.mark.parametrize("piece_bytes", [1, 300, 1 << 20])
def test_cuts_are_between_events(monkeypatch: pytest.MonkeyPatch, piece_bytes: int) -> None:
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", piece_bytes)
    events = quoted_events(20)
    data = dataset(events)
    data = {"events": data.pop("events"), **data}
    raw = json.dumps(data).encode()
    top = split_top(raw)
    assert top is not None
    pieces = top[1]
    assert pieces.counted(counts(pieces)) == 20
    assert events_of(pieces) == events
    assert (
        1 < len(pieces) < 20
        if piece_bytes == 300
        else len(pieces) == {1: 20, 1 << 20: 1}[piece_bytes]
    )
    assert all(raw[a : a + 1] == b"{" and raw[b - 1 : b] == b"}" for a, b in pieces.spans)


@pytest.mark.parametrize("depth", [100, 5000, 100_000])
def test_json_nested_too_deeply_is_an_error_of_the_file(tmp_path: Path, depth: int) -> None:
    text = json.dumps(dataset(simple_events(10)))
    nested = "[" * depth + "]" * depth
    path = tmp_path / "data.json"
    path.write_text(text.replace('"title": "Event 3"', f'"title": {nested}', 1))
    with pytest.raises(LoadError) as error:
        columnar.load_columnar(path)
    assert str(path) in str(error.value.problems[0])


@pytest.mark.parametrize(
    "damage",
    [
        ("truncated event", lambda t: t.replace('"title": "Event 5"', '"title": "Event 5', 1)),
        ("form feed between events", lambda t: t.replace('}, {"id": "s7"', '}\f, {"id": "s7"')),
        ("two events without a comma", lambda t: t.replace('}, {"id": "s7"', '} {"id": "s7"')),
        ("an event not closed", lambda t: t.replace(', {"id": "s7"', ', {"x": {"id": "s7"')),
        ("end of file", lambda t: t[:-3]),
        ("extra bracket", lambda t: t[:-1] + "]}"),
    ],
    ids=lambda d: d[0],
)
@pytest.mark.parametrize("piece_bytes", [1, 300])
def test_invalid_json_among_the_events(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: tuple[str, Any],
    piece_bytes: int,
) -> None:
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", piece_bytes)
    text = json.dumps(dataset(quoted_events(12)))
    damaged = damage[1](text)
    assert damaged != text
    path = tmp_path / "data.json"
    path.write_text(damaged)
    assert_same(path)  # the reference reader's error


@pytest.mark.parametrize("seed", range(12))
def test_random_events_with_quotes_split_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", rng.choice([1, 50, 200, 600]))
    events = quoted_events(rng.randint(6, 30))
    for case in rng.sample(sorted(EVENT_CASES), 3):
        if case not in ("event not an object", "event null"):
            EVENT_CASES[case](events + simple_events(30)[len(events) :])
    path = tmp_path / "data.json"
    path.write_text(json.dumps(dataset(events), indent=rng.choice([None, 1])))
    assert_same(path)


@pytest.mark.parametrize("estimate", ["one", "half", "all"])
def test_columns_grow_past_a_low_estimate_of_the_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, estimate: str
) -> None:
    """The columns are made for the estimate and grow as events come."""
    events = quoted_events(24)
    EVENT_CASES["late kind and tags"](events)
    guess = {"one": 1, "half": 13, "all": 24}[estimate]
    monkeypatch.setattr(native_structs, "_estimate", lambda _pieces: (guess, guess))
    assert_same(write(tmp_path, dataset(events)))


def test_the_estimate_of_the_events_is_near_and_never_huge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", 2000)
    even = json.dumps(dataset(simple_events(3000))).encode()
    top = split_top(even)
    assert top is not None
    about, room = native_structs._estimate(top[1])
    assert 3000 * 0.9 <= about <= 3000 * 1.1
    assert 3000 <= room <= 3000 * 1.25
    # a few huge events after many small ones: at most one event per MIN_EVENT_BYTES
    events = simple_events(2000) + [{**ev, "summary": "x" * 200_000} for ev in simple_events(5)]
    for k, ev in enumerate(events[2000:]):
        ev["id"] = f"big{k}"
    skewed = json.dumps(dataset(events)).encode()
    top = split_top(skewed)
    assert top is not None
    cap = len(skewed) // native_structs.MIN_EVENT_BYTES + 64
    assert max(native_structs._estimate(top[1])) <= cap


def test_progress_says_about_how_many_events_and_only_goes_forward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the events are read, the progress names their count to two digits (the estimate,
    not the room made for them) and its share never goes back."""
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", 2000)
    monkeypatch.setattr(native_structs, "SETTLE_ROWS", 200)
    path = write(tmp_path, dataset(simple_events(3000)))
    seen: list[tuple[float, str]] = []
    loaded = columnar.load_columnar(path, lambda done, what: seen.append((done, what)))
    assert loaded.dataset.events[2999].id == "s2999"
    reading = [what for _done, what in seen if what.startswith("Reading about")]
    assert reading
    assert set(reading) <= {
        "Reading about 2,900 events",
        "Reading about 3,000 events",
        "Reading about 3,100 events",
    }
    shares = [done for done, _what in seen]
    assert shares == sorted(shares)
    assert shares[0] >= 0
    assert shares[-1] <= 1


def test_finished_columns_keep_no_room_beyond_their_events() -> None:
    builder = SimpleColumnsBuilder({"actors": {}, "places": {}, "citations": {}}, 100_000)
    events = simple_events(10)
    builder.add(objects_chunk(events))
    columns = builder.finish()
    for column in (columns.simple, columns.start, columns.ids, columns.titles, columns.kind):
        assert len(column) == 10
        assert column.base is None or len(column.base) < 2000  # the room was let go
