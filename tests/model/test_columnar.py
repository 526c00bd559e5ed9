"""The fast columnar loader agrees with the reference (pydantic) reader, errors included."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import minimal, write
from tests.oracles import index_of_events
from viewer.model.errors import LoadError, Problem
from viewer.model.formats.column_ops import parse_dates
from viewer.model.formats.columnar import _used_names, load_columnar
from viewer.model.formats.columns import ColumnarLoaded
from viewer.model.formats.detect import load
from viewer.model.generate import generate
from viewer.model.index import EventIndex, chronological

INDEX_FIELDS = [
    "offsets",
    "start",
    "end",
    "period_end",
    "cummax_end",
    "event",
    "flags",
    "row",
    "lane_rows",
    "event_start",
    "event_end",
    "chrono",
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "g.json"
    generate(path, 600, seed=3)
    return path


def assert_same_index(a: EventIndex, b: EventIndex) -> None:
    assert a.lanes == b.lanes
    for name in INDEX_FIELDS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert list(a.titles) == list(b.titles)


def test_generate_is_deterministic_and_valid(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    generate(a, 300, seed=7)
    generate(b, 300, seed=7)
    generate(c, 300, seed=8)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    ds = load(a).dataset  # the reference reader: every check
    assert len(ds.events) == 300
    kinds = {ev.kind for ev in ds.events}
    assert 6 <= len(kinds) <= 10
    assert sum(ev.when.end is not None for ev in ds.events) > 10
    assert any(ev.status == "planned" for ev in ds.events)
    assert any(ev.quotes for ev in ds.events)


@pytest.mark.parametrize("mode", ["kind", "status", "actor", "place"])
def test_fast_loader_builds_the_same_index(generated: Path, mode: str) -> None:
    fast, ref = load_columnar(generated), load(generated)
    assert isinstance(fast, ColumnarLoaded)
    assert fast.columns is not None
    assert_same_index(fast.columns.index(fast.dataset, mode), index_of_events(ref.dataset, mode))


def test_lazy_events_equal_the_validated_ones(generated: Path) -> None:
    fast, ref = load_columnar(generated), load(generated)
    assert len(fast.dataset.events) == len(ref.dataset.events)
    for i in range(0, len(ref.dataset.events), 7):
        assert fast.dataset.events[i] == ref.dataset.events[i]
    assert fast.dataset.events[-1] == ref.dataset.events[-1]
    assert fast.dataset.sources == ref.dataset.sources
    assert [str(w) for w in fast.warnings] == [str(w) for w in ref.warnings]


def test_unusual_but_valid_events_take_the_reference_path(tmp_path: Path) -> None:
    data = minimal()
    data["events"].append(
        {
            "id": "e3",
            "title": "Talks",
            "when": {
                "start": "2031-05-13T10:00:00+03:00",
                "precision": "minute",
                "tz": "Europe/Moscow",
            },
        }
    )
    data["events"].append(
        {"id": "e4", "title": "Sign", "when": {"start": "+2031", "precision": "year"}}
    )
    path = write(tmp_path, data)
    fast, ref = load_columnar(path), load(path)
    assert fast.columns is not None
    assert_same_index(fast.columns.index(fast.dataset), index_of_events(ref.dataset))
    assert list(fast.dataset.events) == list(ref.dataset.events)


BAD_EVENTS = {
    "duplicate id": lambda evs: evs[3].update(id=evs[1]["id"]),
    "month 13": lambda evs: evs[2]["when"].update(start="2020-13-01"),
    "day 31 in April": lambda evs: evs[2]["when"].update(start="2020-04-31", precision="day"),
    "end before start": lambda evs: evs[4]["when"].update(
        start="2020-05-02", end="2020-05-01", precision="day"
    ),
    "precision disagrees": lambda evs: evs[5]["when"].update(start="2020-05-02", precision="month"),
    "unknown actor": lambda evs: evs[6].update(actors=["nobody"]),
    "unknown place": lambda evs: evs[6].update(places=["p1", "nowhere"]),
    "missing title": lambda evs: evs[7].pop("title"),
    "title is a number": lambda evs: evs[7].update(title=5),
    "unknown field": lambda evs: evs[8].update(colour="red"),
    "event not an object": lambda evs: evs.__setitem__(9, ["x"]),
    "time without offset": lambda evs: evs[10]["when"].update(
        start="2020-05-02T10:00", precision="minute"
    ),
    "bad status": lambda evs: evs[11].update(status="maybe"),
    "approximate not a bool": lambda evs: evs[11]["when"].update(approximate="maybe"),
}


@pytest.mark.parametrize("case", sorted(BAD_EVENTS))
def test_bad_events_give_the_reference_errors(generated: Path, tmp_path: Path, case: str) -> None:
    data = json.loads(generated.read_text(encoding="utf-8"))
    BAD_EVENTS[case](data["events"])
    path = write(tmp_path, data)
    problems = assert_same_errors(path)
    assert all(p.path.startswith("events[") for p in problems)


def test_bad_quote_anchor_gives_the_reference_error(tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["quotes"][0]["selector"]["exact"] = "no such words"
    data["events"][0]["quotes"][0]["text"] = "no such words"
    path = write(tmp_path, data)
    assert_same_errors(path)


def test_invalid_json_falls_back_to_the_reference_messages(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "timeline-dataset", "version": 1, "events": [}', encoding="utf-8")
    with pytest.raises(LoadError) as ref:
        load(path)
    with pytest.raises(LoadError) as fast:
        load_columnar(path)
    assert str(fast.value) == str(ref.value)


def test_parse_dates_agrees_with_the_reference() -> None:
    from viewer.model.dates import DateError, end_instant, parse_date, start_instant

    texts = [
        "2020", "2020-02", "2020-02-29", "2021-02-29", "2020-11-10T06:30Z", "2020-11-10T06:30:15Z",
        "2020-11-10T06:30+03:00", "2020-11-10T06:30:59-05:30", "0000-01-01", "9999-12-31",
        "2020-00", "2020-1-1", "20x0", "2020-11-10T24:00Z", "2020-11-10T06:30+15:00", "",
        "2020-11-10T06:30", "-0043",
    ]  # fmt: skip
    parsed = parse_dates(texts)
    for k, text in enumerate(texts):
        try:
            d = parse_date(text)
        except DateError:
            assert not parsed.ok[k], text
            continue
        if not parsed.ok[k]:
            continue  # a form the fast path leaves to the reference (no offset, signed year)
        assert d.offset_minutes is not None or not d.has_time
        assert parsed.start[k] == start_instant(d), text
        assert parsed.period_end[k] == end_instant(d), text


def assert_same_errors(path: Path) -> list[Problem]:
    """The fast path refuses the file with the reference reader's problems (returned)."""
    with pytest.raises(LoadError) as ref:
        load(path)
    with pytest.raises(LoadError) as fast:
        load_columnar(path)
    assert sorted(map(str, fast.value.problems)) == sorted(map(str, ref.value.problems))
    return ref.value.problems


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-40, 40), st.integers(0, 3)), max_size=200),
    st.sampled_from([1.0, 86400.0]),
    st.booleans(),
)
def test_chronological_order_is_lexsort_of_start_then_end(rows, unit, fractional) -> None:  # type: ignore[no-untyped-def]
    """Rows by start, then end, then row: many ties, points and intervals, whole seconds (the
    fast sort) or not (numpy's lexsort)."""
    starts = np.array([s * unit for s, _ in rows], np.float64)
    ends = starts + np.array([d * unit for _, d in rows], np.float64)
    if fractional and len(rows):
        starts[0] += 0.5
        ends[0] += 0.5
    assert np.array_equal(chronological(starts, ends), np.lexsort((ends, starts)))


def test_chronological_order_of_starts_too_far_apart_for_exact_integers() -> None:
    starts = np.array([-4.354859376e17, 1000000003.0, 1000000002.0])
    assert chronological(starts, starts).tolist() == [0, 2, 1]


@pytest.mark.parametrize(
    "codes",
    [[0, 0, 1, 0, 2, 1], [2, 0, 2, 1], [0, 2, 2], [1, 1], [0], []],
)
def test_used_names_keep_the_order_of_first_use_or_of_names(codes) -> None:  # type: ignore[no-untyped-def]
    names = ["c", "a", "b"]
    array = np.array(codes, np.int32)
    in_use, remapped = _used_names(names, array, sort=False)
    first_use = list(dict.fromkeys(codes))
    assert in_use == [names[c] for c in first_use]
    assert [in_use[k] for k in remapped.tolist()] == [names[c] for c in codes]
    in_use, remapped = _used_names(names, array, sort=True)
    assert in_use == sorted({names[c] for c in codes})
    assert [in_use[k] for k in remapped.tolist()] == [names[c] for c in codes]
