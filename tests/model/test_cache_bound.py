"""The cache folder: damaged or stale entries are rebuilt (never shown), the least recently
used entries go past the size limit, and `timeline-viewer cache` lists and clears it."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from tests.cli.test_cli import run
from viewer.model import cache, cache_folder
from viewer.model.cache import cache_key
from viewer.model.cache_folder import MAX_BYTES_ENV, list_entries
from viewer.model.formats import common
from viewer.model.formats.native import dataset_to_json
from viewer.model.generate import generate
from viewer.model.opening import CACHE_ENV, open_dataset


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(MAX_BYTES_ENV, raising=False)
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    return tmp_path / "cache"


@pytest.fixture(params=["json", "parquet"])
def big(request: pytest.FixtureRequest, tmp_path: Path, root: Path) -> Path:
    path = tmp_path / f"g.{request.param}"
    generate(path, 700, seed=2)
    return path


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncate":
        data = data[: len(data) // 2]
    elif how == "garbage":
        mid = len(data) // 3
        data[mid : mid + 4096] = os.urandom(min(4096, len(data) - mid))
    else:  # one flipped bit in the middle (a string's offsets, say)
        data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncate", "garbage", "flip"])
@pytest.mark.parametrize("part", ["arrow", "index"])
@pytest.mark.parametrize("whole", [True, False])
def test_a_damaged_entry_is_rebuilt_not_shown(
    big: Path, root: Path, how: str, part: str, whole: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not whole:  # checked as a big entry is: sizes, times, first and last pieces
        monkeypatch.setattr(cache, "FULL_CRC_MAX_BYTES", 0)
    first = open_dataset(big)
    expected = dataset_to_json(first.loaded.dataset)
    key = cache_key(big)
    target = root / f"{key}.arrow" if part == "arrow" else root / f"{key}-kind" / "start.npy"
    _damage(target, how)
    again = open_dataset(big)
    assert not again.from_cache or part == "index"  # a damaged index is rebuilt from the table
    assert dataset_to_json(again.loaded.dataset) == expected
    assert again.index.start.tolist() == first.index.start.tolist()
    # the entry was written again, whole: the next open uses it
    third = open_dataset(big)
    assert third.from_cache
    assert dataset_to_json(third.loaded.dataset) == expected


def test_a_small_entry_is_checked_whole_even_with_its_time_kept(big: Path, root: Path) -> None:
    first = open_dataset(big)
    target = root / f"{cache_key(big)}.arrow"
    st = target.stat()
    _damage(target, "flip")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    again = open_dataset(big)
    assert not again.from_cache
    assert dataset_to_json(again.loaded.dataset) == dataset_to_json(first.loaded.dataset)


def test_a_changed_file_replaces_its_stale_entry(big: Path, root: Path) -> None:
    open_dataset(big)
    old = cache_key(big)
    generate(big, 720, seed=3)
    again = open_dataset(big)
    assert not again.from_cache
    assert len(again.loaded.dataset.events) == 720
    assert not (root / f"{old}.arrow").exists()  # the stale entry went
    assert [e.source for e in list_entries(root)] == [str(big.resolve())]


def test_an_entry_without_its_manifest_is_not_used(big: Path, root: Path) -> None:
    open_dataset(big)
    (root / f"{cache_key(big)}.json").unlink()
    assert not open_dataset(big).from_cache
    assert open_dataset(big).from_cache


def test_least_recently_used_entries_go_past_the_limit(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for k in range(3):
        path = tmp_path / f"f{k}.json"
        generate(path, 600, seed=k)
        files.append(path)
    open_dataset(files[0])
    one = list_entries(root)[0].size
    monkeypatch.setenv(MAX_BYTES_ENV, str(int(one * 2.5)))  # room for two entries
    open_dataset(files[1])
    assert open_dataset(files[0]).from_cache  # f0 is now the most recently used
    open_dataset(files[2])
    sources = {e.source for e in list_entries(root)}
    assert sources == {str(files[0].resolve()), str(files[2].resolve())}
    assert sum(e.size for e in list_entries(root)) <= one * 2.5
    assert not open_dataset(files[1]).from_cache


def test_the_entry_just_written_stays_above_the_limit(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose entry alone passes the limit is still fast to open again; the entry goes
    when the next one is written."""
    monkeypatch.setenv(MAX_BYTES_ENV, "1")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    generate(a, 500, seed=1)
    generate(b, 500, seed=2)
    open_dataset(a)
    assert open_dataset(a).from_cache
    open_dataset(b)
    assert [e.source for e in list_entries(root)] == [str(b.resolve())]


def test_evict_to_zero_empties_the_folder(big: Path, root: Path) -> None:
    open_dataset(big)
    assert cache_folder.evict(root, limit=0)
    assert list_entries(root) == []


def test_cache_command_lists_and_clears(big: Path, root: Path) -> None:
    open_dataset(big)
    listed = run("cache")
    assert listed.returncode == 0, listed.stderr
    assert str(big.resolve()) in listed.stdout
    assert "700 events" in listed.stdout
    assert "1 entries" in listed.stdout
    cleared = run("cache", "clear")
    assert cleared.returncode == 0
    assert "cleared" in cleared.stdout
    assert list_entries(root) == []
    assert "0 entries" in run("cache").stdout


def test_offsets_outside_their_buffer_are_refused() -> None:
    """The last guard of a mapped entry: offsets or indices pointing outside their buffer."""
    from viewer.model.cache_bounds import check_bounds

    data = pa.py_buffer(b"abcdef")

    def texts(offsets: list[int]) -> pa.Array:
        off = pa.py_buffer(np.array(offsets, np.int64).tobytes())
        return pa.Array.from_buffers(pa.large_string(), len(offsets) - 1, [None, off, data])

    good = texts([0, 2, 6])
    check_bounds(pa.table({"t": good}))
    for bad in ([0, 2, 7], [0, 4, 2], [-1, 2, 6]):
        with pytest.raises(ValueError, match=r"offsets|Length spanned"):
            check_bounds(pa.table({"t": texts(bad)}))
    lists = pa.LargeListArray.from_arrays(pa.array([0, 1, 3], pa.int64()), pa.array([1, 2, 3]))
    check_bounds(pa.table({"l": lists}))
    off = pa.py_buffer(np.array([0, 3, 1], np.int64).tobytes())
    values = pa.array([1, 2, 3], pa.int32())
    bad_list = pa.Array.from_buffers(pa.large_list(pa.int32()), 2, [None, off], children=[values])
    with pytest.raises(ValueError, match="offsets"):
        check_bounds(pa.table({"l": bad_list}))
    names = pa.array(["a", "b"], pa.large_string())
    kind = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()), names)
    check_bounds(pa.table({"k": kind}))
    bad_kind = pa.DictionaryArray.from_arrays(pa.array([0, 2], pa.int32()), names, safe=False)
    with pytest.raises(ValueError, match="index"):
        check_bounds(pa.table({"k": bad_kind}))


def test_complex_events_come_back_from_the_cache(root: Path, tmp_path: Path) -> None:
    """Events with quotes (validated when asked for) are the same after a cached open."""
    path = tmp_path / "q.json"
    generate(path, 700, seed=5)
    first = open_dataset(path)
    rows = sorted(first.loaded.columns.complex)
    assert rows  # the generator gives some events quotes
    again = open_dataset(path)
    assert again.from_cache
    complex_events = again.loaded.columns.complex
    assert sorted(complex_events) == rows
    assert rows[0] in complex_events
    assert -1 not in complex_events
    assert [complex_events[i] for i in rows] == [first.loaded.columns.complex[i] for i in rows]
    assert again.loaded.dataset.events[rows[-1]] == first.loaded.dataset.events[rows[-1]]
