"""The cache of columnar loads: used on the second open, missed when the file changes."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from tests.model.test_columnar import assert_same_index
from tests.oracles import SearchIndex
from viewer.model.formats import common
from viewer.model.generate import generate
from viewer.model.opening import CACHE_ENV, open_dataset, row_of_id, search_index, table_columns


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    path = tmp_path / "data" / "g.json"
    path.parent.mkdir()
    generate(path, 400, seed=5)
    return path


def test_second_open_uses_the_cache(big: Path) -> None:
    first = open_dataset(big)
    assert not first.from_cache
    second = open_dataset(big)
    assert second.from_cache
    assert_same_index(second.index, first.index)
    a, b = first.loaded.dataset, second.loaded.dataset
    assert a.title == b.title
    assert a.sources == b.sources
    for i in (0, 1, 2, 100, 399):
        assert a.events[i] == b.events[i]
    assert [str(w) for w in first.loaded.warnings] == [str(w) for w in second.loaded.warnings]
    # another lane mode is built from the cached columns, then cached too
    assert_same_index(open_dataset(big, "actor").index, first.loaded.columns.index(a, "actor"))
    assert open_dataset(big, "actor").from_cache
    assert list(big.parent.iterdir()) == [big]  # nothing written next to the dataset


def test_a_changed_file_misses_the_cache(big: Path) -> None:
    open_dataset(big)
    assert open_dataset(big).from_cache
    generate(big, 410, seed=6)
    again = open_dataset(big)
    assert not again.from_cache
    assert len(again.loaded.dataset.events) == 410
    # same size and content length but a new mtime also misses
    st = big.stat()
    os.utime(big, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert not open_dataset(big).from_cache


def test_a_cache_written_later_goes_where_the_open_looked(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window writes the cache on a thread after the dataset is shown; if the cache folder
    has changed meanwhile (another test's, say), the write still goes to the open's folder."""
    opened = open_dataset(big, cache_later=True)
    assert opened.write_cache is not None
    assert not (tmp_path / "cache").exists()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    opened.write_cache()
    assert not (tmp_path / "elsewhere").exists()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert open_dataset(big).from_cache


def test_table_and_search_columns_match_the_reference(big: Path) -> None:
    opened = open_dataset(big)
    for loaded in (opened.loaded, open_dataset(big).loaded):
        ds = loaded.dataset
        ref = SearchIndex(ds.model_copy(update={"events": list(ds.events)}))
        search = search_index(loaded)
        for query in ("", "protest", "PROTEST varen", "kabaa", "verified", "rebuild", "zzz"):
            assert np.array_equal(search.matches(query), ref.matches(query)), query
        dates, statuses, quotes = table_columns(loaded)
        from viewer.model.listing import date_text

        assert [dates[i] for i in range(0, 400, 37)] == [
            date_text(ds.events[i]) for i in range(0, 400, 37)
        ]
        assert list(statuses) == [ev.status for ev in ds.events]
        assert list(quotes) == [len(ev.quotes) for ev in ds.events]
        assert row_of_id(ds, ds.events[123].id) == 123
        assert row_of_id(ds, "nope") == -1
