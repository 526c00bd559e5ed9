"""Fuzzing the readers: whatever the bytes, a reader returns a valid dataset or raises LoadError.

Three sources of input: valid datasets with random mutations (fields deleted or replaced, random
dates, offsets and ids), arbitrary JSON values, and arbitrary or mutated bytes. A reader must
return a Loaded whose dataset passes the checks again (and that the listing code can place), or
raise a LoadError whose every problem names the file and says something; any other exception,
a hang or a memory blow-up is a bug.

The normal run takes a few thousand cases; ``TIMELINE_VIEWER_FUZZ=long`` runs 50,000 per test.
A new reader is one more line in READERS.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED
from tests.helpers import minimal
from viewer.model.checks import check_dataset
from viewer.model.errors import MAX_PROBLEMS, LoadError
from viewer.model.formats.common import Loaded
from viewer.model.formats.detect import load
from viewer.model.formats.native import read_native
from viewer.model.listing import date_text, event_record, precision_end, sorted_events

# name -> a reader of a file path; the other readers (TimelineJS, CSV ...) go here, one line each
READERS: dict[str, Callable[[Path], Loaded]] = {
    "detect.load": load,
    "native.read_native": read_native,
}

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "database": None,  # no .hypothesis/ files from a normal run; failures print their input
}
# The normal run is derandomized so that CI sees the same cases every time (a red CI is then a
# regression, not luck); the long run draws new cases every time.
settings.register_profile("fuzz-default", max_examples=500, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=50_000, **_COMMON)
LONG = os.environ.get("TIMELINE_VIEWER_FUZZ") == "long"
FUZZ = settings.get_profile("long" if LONG else "fuzz-default")


def fuzz(examples: int) -> settings:
    """The fuzz settings with ``examples`` cases in a normal run (the long profile's otherwise)."""
    return FUZZ if LONG else settings(FUZZ, max_examples=examples)


@pytest.fixture(scope="module")
def case_file() -> Iterator[Path]:
    """One file, rewritten for every case (hypothesis runs many cases per test function)."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "case.json"


def check_readers(path: Path, content: bytes, seed: int | None = None) -> None:
    """Every reader on ``content`` and, given a seed, on a few damaged copies of it.

    Generating a case costs hypothesis ten times more than reading it, so each generated
    dataset is also read truncated, with a byte overwritten and with a span cut out.
    """
    cases = [content]
    if seed is not None:
        cases += damaged(content, random.Random(seed))
    for case in cases:
        path.write_bytes(case)
        for reader in READERS.values():
            check_reader(reader, path)


def damaged(content: bytes, rnd: random.Random) -> list[bytes]:
    n = len(content)
    i, j = sorted((rnd.randrange(n + 1), rnd.randrange(n + 1)))
    byte = bytes([rnd.randrange(256)])
    return [content[:i], content[:i] + byte + content[i + 1 :], content[:i] + content[j:]]


def check_reader(reader: Callable[[Path], Loaded], path: Path) -> None:
    """The promise: a valid dataset, or a LoadError naming the file; nothing else."""
    try:
        loaded = reader(path)
    except LoadError as exc:
        error = exc
    else:
        check_loaded(loaded, path)
        return
    assert error.problems, "a LoadError without problems"
    assert len(error.problems) <= MAX_PROBLEMS + 1
    for p in error.problems:
        assert p.message.strip(), f"empty message: {p!r}"
        assert p.file == str(path), f"problem without the file name: {p!r}"
        assert str(p).startswith(str(path))


def check_loaded(loaded: Loaded, path: Path) -> None:
    ds = loaded.dataset
    _, problems = check_dataset(ds)
    assert not [p for p in problems if p.severity == "error"], problems
    assert all(w.file == str(path) for w in loaded.warnings)
    for ev in sorted_events(ds):
        event_record(ds, ev)
        date_text(ev)
        precision_end(ev)


# --- strategies -----------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=8,
)
date_strings = st.from_regex(
    r"[+-]?[0-9]{4,5}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?",
    fullmatch=True,
) | st.text(max_size=25)
seeds = st.integers(0, 2**32 - 1)
offsets = st.integers(min_value=-3, max_value=300) | st.integers()
FIELD_NAMES = [
    "id", "title", "when", "start", "end", "precision", "tz", "zone", "selector", "exact",
    "text", "sha256", "speaker", "source", "actors", "places", "citations", "quotes", "lat",
]  # fmt: skip
precisions = st.sampled_from(["year", "month", "day", "minute", "second"])
replacements = st.one_of(
    json_values,
    date_strings,
    offsets,
    st.sampled_from(["s1", "mayor", "eng", "bridge", "e1", "e2", "q1", "Europe/Moscow", "UTC"]),
    precisions,
)


@st.composite
def edge_dates(draw: st.DrawFn) -> str:
    """Partial dates made of boundary parts: year 0 and ±9999, month 13, day 31, hour 24 ..."""
    text = draw(st.sampled_from(["0000", "-0001", "0001", "1970", "2020", "9999", "-9999"]))
    for sep, parts in (
        ("-", ["00", "01", "02", "12", "13"]),
        ("-", ["00", "01", "28", "29", "30", "31"]),
        ("T", ["00", "12", "23", "24"]),
        (":", ["00", "59", "60"]),
        (":", ["00", "59", "60"]),
    ):
        if not draw(st.integers(0, 4)):  # stop here one time in five
            break
        text += sep + draw(st.sampled_from(parts))
    if "T" in text:
        text += draw(st.sampled_from(["", "Z", "+14:00", "-12:00", "+15:00", "+03:00", "-00:30"]))
    return text


zones = st.sampled_from(["UTC", "Europe/Moscow", "Pacific/Kiritimati", "Etc/GMT+12", "Nowhere"])


@st.composite
def whens(draw: st.DrawFn) -> dict[str, Any]:
    """An event's ``when`` built from edge dates, its precision usually agreeing with start."""
    start = draw(edge_dates())
    date = start.lstrip("-")
    precision = {4: "year", 7: "month", 10: "day"}.get(len(date), "")
    if not precision:
        precision = "second" if date[16:17] == ":" else "minute"
    when: dict[str, Any] = {"start": start, "precision": draw(st.just(precision) | precisions)}
    if draw(st.booleans()):
        when["end"] = draw(edge_dates())
    if draw(st.booleans()):
        when["tz"] = draw(zones)
    return when


def _paths(doc: Any, here: tuple = ()) -> list[tuple]:
    out = [here]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += _paths(value, (*here, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out += _paths(value, (*here, i))
    return out


def _parent(doc: Any, path: tuple) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


@st.composite
def mutated(draw: st.DrawFn, base: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A valid dataset with 1-4 mutations at random places."""
    doc = base()
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(doc) if p]
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        op = draw(st.sampled_from(["replace", "delete", "add", "duplicate", "shuffle_ids", "when"]))
        if op == "when" and doc.get("events"):
            events = [e for e in doc["events"] if isinstance(e, dict)]
            if events:
                draw(st.sampled_from(events))["when"] = draw(whens())
        elif op == "replace":
            parent[path[-1]] = draw(replacements)
        elif op == "delete":
            del parent[path[-1]]
        elif op == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(FIELD_NAMES))] = draw(replacements)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[path[-1]])))
        elif op == "shuffle_ids":
            items = (
                [x for x in parent if isinstance(x, dict) and "id" in x]
                if isinstance(parent, list)
                else []
            )
            ids = [x["id"] for x in items]
            random.Random(draw(st.integers(0, 2**16))).shuffle(ids)
            for item, new_id in zip(items, ids, strict=True):
                item["id"] = new_id
    return doc


def _bundled() -> dict[str, Any]:
    return json.loads(BUNDLED.read_text(encoding="utf-8"))


def serialise(doc: Any, draw: st.DrawFn) -> bytes:
    text = json.dumps(
        doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1]))
    )
    return text.encode("utf-8", "surrogatepass")


@st.composite
def byte_mutations(draw: st.DrawFn) -> bytes:
    """The bytes of a valid file, truncated, overwritten or with bytes inserted."""
    data = bytearray(json.dumps(minimal(), ensure_ascii=False).encode())
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["truncate", "overwrite", "insert", "delete"]))
        chunk = draw(st.binary(min_size=1, max_size=4))
        if op == "truncate":
            del data[i:]
        elif op == "overwrite":
            data[i : i + len(chunk)] = chunk
        elif op == "insert":
            data[i:i] = chunk
        else:
            del data[i : i + len(chunk)]
    return bytes(data)


# --- the tests ------------------------------------------------------------------------------
# Figures for a normal run: 2,000 generated cases, each read by every reader (4,000 reads with
# two readers), in about 25 s.


@fuzz(300)
@given(data=st.data())
def test_mutated_minimal_dataset(case_file: Path, data: st.DataObject) -> None:
    doc = data.draw(mutated(minimal))
    check_readers(case_file, serialise(doc, data.draw), data.draw(seeds))


@fuzz(200)
@given(data=st.data())
def test_mutated_bundled_dataset(case_file: Path, data: st.DataObject) -> None:
    doc = data.draw(mutated(_bundled))
    check_readers(case_file, serialise(doc, data.draw), data.draw(seeds))


headed_json = st.fixed_dictionaries(
    {"format": st.just("timeline-dataset"), "version": st.just(1)},
    optional=dict.fromkeys(
        ("title", "zone", "sources", "actors", "places", "events", "x"), json_values
    ),
)


@fuzz(250)
@given(data=st.data())
def test_arbitrary_json(case_file: Path, data: st.DataObject) -> None:
    doc = data.draw(json_values | headed_json)
    check_readers(case_file, serialise(doc, data.draw), data.draw(seeds))


@fuzz(500)
@given(content=st.binary(max_size=300) | byte_mutations())
def test_arbitrary_bytes(case_file: Path, content: bytes) -> None:
    check_readers(case_file, content)


TABLE_HEADERS = [
    b"id,start,end,precision,end_precision,approximate,uncertain,tz,title,actors,places,quotes\n",
    b"Year,Month,Day,Time,End Year,Display Date,Headline,Text,Media,Type,Group\n",
    b"event_id_cnty,event_date,time_precision,event_type,actor1,location,latitude,longitude,"
    b"fatalities,notes\n",
]
table_cells = st.sampled_from(
    ["", "2020-11-25", "2020", "day", "true", "x", '"q', '""', "a;b", '["a"]', "12", "-1e9",
     "\u00e9", "\r", "\n", "\t", "<b>", "title", "era", "40.5", "2020-13-45", ";", ","]
)  # fmt: skip


@st.composite
def table_bodies(draw: st.DrawFn) -> bytes:
    """A table header of our CSV, the TimelineJS sheet or ACLED, and rows of random cells
    (some ragged, some quoted), now and then with bytes changed."""
    head = draw(st.sampled_from(TABLE_HEADERS))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(table_cells, min_size=1, max_size=13))
        rows.append(",".join(draw(st.sampled_from([c, f'"{c}"'])) for c in cells))
    body = head + "\n".join(rows).encode("utf-8")
    if draw(st.booleans()):
        i = draw(st.integers(0, len(body)))
        body = body[:i] + draw(st.binary(max_size=3)) + body[i:]
    return body


@fuzz(300)
@given(content=table_bodies())
def test_arbitrary_table_bodies(case_file: Path, content: bytes) -> None:
    check_readers(case_file, content)
