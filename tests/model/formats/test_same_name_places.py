"""One location name with many coordinates (villages of one name, refined coordinates): each
new place's id is found in linear time, on the reference and the columnar road alike; checked by
counting the steps of the id search at two sizes in one run, not by timing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from viewer.model.formats import builder, common
from viewer.model.formats.detect import load
from viewer.model.generate_tables import write_acled


def steps_of_unique_id(run: Callable[[], object]) -> int:
    """How many lines of builder.unique_id run while ``run()`` runs."""
    code = builder.unique_id.__code__
    steps = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal steps
        if event == "line":
            steps += 1
        return local

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        return local if frame.f_code is code else None

    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(None)
    return steps


@pytest.mark.parametrize("columnar", [False, True])
def test_place_ids_grow_linearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    if columnar:
        monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    counts = {}
    for n in (600, 1200):
        path = write_acled(tmp_path / f"same-{n}.csv", n, seed=1, same_name=3)
        loaded = None

        def run(path: Path = path) -> None:
            nonlocal loaded
            loaded = load(path)

        counts[n] = steps_of_unique_id(run)
        assert loaded is not None
        places = loaded.dataset.places
        assert len(places) == n  # a new coordinate on every row: a new place
        assert len({p.id for p in places}) == n
        assert [p.id for p in places[:4]] == ["village-0", "village-1", "village-2", "village-0-2"]
        assert places[-1].id == f"village-2-{n // 3}"
    # linear: twice the rows, about twice the steps (quadratic would be four times)
    assert counts[1200] < 2.5 * counts[600]


def test_builder_place_ids_are_those_of_the_plain_search() -> None:
    """The remembered suffixes give the ids the search from the start gives."""
    b = builder.DatasetBuilder("x", "test", str)
    names = ["Village", "Village 2", "Village", "Village-2", "Village", "village"]
    got = [b.place(name, float(k), 0.0) for k, name in enumerate(names)]
    taken: set[str] = set()
    plain = [builder.unique_id(builder.slug(n, "place"), taken) for n in names]
    assert got == plain
