"""Big native files read by this process and a forked child from the two ends: wherever the
two meet, late or early, the columns are those of the reference reader."""

from __future__ import annotations

import copy
import random
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import minimal, write
from tests.model.test_fast_native_shapes import (
    EVENT_CASES,
    Children,
    assert_same,
    dataset,
    meet_at,
    simple_events,
)
from viewer.model import forked
from viewer.model.forked import Forked
from viewer.model.formats import column_ops, event_pieces, native_structs

pytestmark = pytest.mark.skipif(not forked.AVAILABLE, reason="fork() only on Linux")


def spy_answers(monkeypatch: pytest.MonkeyPatch) -> Children:
    children = Children()
    result = Forked.result

    def spied_result(self: Forked, *args: Any) -> Any:
        answer = result(self, *args)
        children.answered.append(answer is not None)
        children.sizes.append(answer["size"] if answer is not None else -1)
        return answer

    monkeypatch.setattr(Forked, "result", spied_result)
    return children


def test_the_two_processes_decode_until_they_meet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    children = spy_answers(monkeypatch)
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", 1000)
    monkeypatch.setattr(native_structs, "SPLIT_FROM", 1)
    monkeypatch.setattr(native_structs, "RESERVE_PIECES", 2)
    chunk = native_structs._chunk

    def slow_chunk(*args: Any) -> Any:  # long enough for the child to start
        time.sleep(0.004)
        return chunk(*args)

    monkeypatch.setattr(native_structs, "_chunk", slow_chunk)
    events = simple_events(400)  # about 60 pieces
    for case in ("quotes", "late kind and tags", "NUL in texts"):
        EVENT_CASES[case](events)
    assert_same(write(tmp_path, dataset(events)))
    assert children.answered == [True]
    assert 0 < children.sizes[0] < 400  # each process decoded some of the pieces


def varied(events: list[dict[str, Any]], rng: random.Random) -> None:
    """A few events of other shapes, anywhere: complex ones (quotes, a zone, the wording of a
    date), NULs in texts, new kinds and tags, ends, references."""
    for _ in range(rng.randint(0, 6)):
        k = rng.randrange(len(events))
        ev = events[k]
        what = rng.choice(["quotes", "zone", "NUL", "kind", "tags", "end", "refs", "wording"])
        if what == "quotes":
            quotes = copy.deepcopy(minimal()["events"][0]["quotes"])
            ev.update(quotes=[{**q, "id": f"q{k}"} for q in quotes], citations=["s1"])
        elif what == "zone":
            ev["when"] = {"start": "2031-05-13T10:00+03:00", "precision": "minute"}
            ev["when"].update(tz="Europe/Moscow", end="2031-05-14T10:00+03:00")
        elif what == "NUL":
            ev.update(title=f"a\0b{k}", summary="\0" * rng.randint(0, 2))
        elif what == "kind":
            ev["kind"] = f"kind {rng.randint(0, 5)}"
        elif what == "tags":
            ev["tags"] = sorted({f"tag {rng.randint(0, 6)}" for _ in range(rng.randint(0, 3))})
        elif what == "end":
            ev["when"] = {"start": "2031-05-13", "precision": "day"}
            ev["when"]["end"] = f"2031-06-{rng.randint(10, 28)}"
        elif what == "refs":
            ev.update(actors=rng.sample(["mayor", "eng"], rng.randint(0, 2)), places=["bridge"])
        else:
            ev["when"] = dict(ev["when"], text="mid-May", basis="as reported")


@pytest.mark.parametrize("seed", range(40))
def test_wherever_the_two_meet_the_columns_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 120)
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", rng.choice([1, 150, 400, 1000]))
    monkeypatch.setattr(native_structs, "SPLIT_FROM", 1)
    monkeypatch.setattr(native_structs, "SETTLE_ROWS", rng.choice([1, 2, 5, 1 << 16]))
    monkeypatch.setattr(column_ops, "DATE_BLOCK", rng.choice([2, 7, 1 << 16]))
    events = simple_events(n)
    varied(events, rng)
    path = write(tmp_path, dataset(events))
    top = event_pieces.split_top(path.read_bytes())
    assert top is not None
    pieces = top[1]
    assert n == pieces.counted(len(pieces.raws(k)) for k in range(len(pieces)))
    front_to = rng.randint(1, len(pieces))  # this process takes the pieces before this one
    back_to = max(0, front_to - rng.choice([0, 0, 1, 2, 5]))  # the child those from this one
    meet_at(monkeypatch, front_to, back_to)
    children = spy_answers(monkeypatch)
    assert_same(path)
    if front_to < len(pieces):  # the child's answer was needed, and given
        assert children.answered == [True]
        assert children.sizes == [n - pieces.starts[back_to]]
