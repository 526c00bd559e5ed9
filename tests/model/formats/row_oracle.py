"""The comparison the column-wise table readers are held to: the row reader (an oracle in
tests/oracles.py) on the same file gives the same dataset, records, columns and warnings, or
the same problems; and the hypothesis settings those property tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from viewer.model.errors import MAX_PROBLEMS, LoadError
from viewer.model.formats.columns import tabled
from viewer.model.formats.common import Loaded
from viewer.model.formats.csv_table import Table, open_table
from viewer.model.formats.detect import load
from viewer.model.listing import event_record

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def same_as_rows(path: Path, read_rows: Callable[[Table], Loaded], fmt: str) -> None:
    """The load of ``path`` against ``read_rows`` on its table: the same dataset (every part),
    records, columns and warnings; or the same problems (message and place; the line is the
    bad cell's own, so never before the row reader's, which names the row's first line)."""
    text = path.read_bytes().decode("utf-8-sig")
    try:
        ref = tabled(read_rows(open_table(text, str(path))))
    except LoadError as exc:
        with pytest.raises(LoadError) as got:
            load(path)
        new, old = got.value.problems, exc.problems
        assert len(new) <= MAX_PROBLEMS + 1
        assert (new[0].message, new[0].path) == (old[0].message, old[0].path)
        if old[0].line is not None:
            assert new[0].line >= old[0].line
        if len(old) > 1:
            assert [(p.message, p.path) for p in new] == [(p.message, p.path) for p in old]
        return
    got = load(path)
    ds, rds = got.dataset, ref.dataset
    assert got.format == fmt
    for part in ("title", "description", "actors", "places", "sources", "eras"):
        assert getattr(ds, part) == getattr(rds, part), part
    assert [str(w) for w in got.warnings] == [str(w) for w in ref.warnings]
    assert len(ds.events) == len(rds.events)
    for i, ev in enumerate(rds.events):
        assert ds.events[i] == ev, i
        assert event_record(ds, ds.events[i]) == event_record(rds, ev)
    for name in ("start", "end", "period_end", "flags", "precision", "status"):
        assert (getattr(got.columns, name) == getattr(ref.columns, name)).all(), name
    assert list(got.columns.titles) == list(ref.columns.titles)
    assert got.columns.index(ds).lanes == ref.columns.index(rds).lanes
