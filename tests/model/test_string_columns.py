"""Packed text columns keep every string as it was: Strings (the cache's), and Spliced (str
objects, then the packed strings a forked child read), with rows set later."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.formats import string_columns
from viewer.model.formats.string_columns import Spliced, Strings

CASES = [
    [],
    [""],
    ["a"],
    ["", "", ""],
    ["ab", "", "c"],
    ["héllo", "wörld", "", "日本"],
    ["x\0y", "z", ""],  # a NUL of its own: packed one string at a time
    ["\0"],
]


@pytest.mark.parametrize("strings", CASES)
def test_pack_round_trip(strings: list[str]) -> None:
    packed = Strings.pack(strings)
    assert list(packed) == strings
    assert [packed[i] for i in range(-len(strings), len(strings))] == strings * 2
    with pytest.raises(IndexError):
        packed[len(strings)]
    assert len(packed) == len(strings)
    assert packed.offsets[-1] == len(packed.blob)


def test_pack_of_packed_is_itself() -> None:
    packed = Strings.pack(["a", "b"])
    assert Strings.pack(packed) is packed


def spliced(strings: list[str], at: int) -> Spliced:
    head = np.empty(len(strings), object)
    head[:at] = strings[:at]
    return Spliced(head, at, Strings.pack(strings[at:]))


@pytest.mark.parametrize("strings", [s for s in CASES if s])
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_spliced_reads_and_packs_as_its_strings(strings: list[str], where: str) -> None:
    at = {"start": 0, "middle": len(strings) // 2, "end": len(strings)}[where]
    column = spliced(strings, at)
    assert len(column) == len(strings)
    assert list(column) == strings
    assert [column[i] for i in range(-len(strings), len(strings))] == strings * 2
    assert [column[np.int64(i)] for i in range(len(strings))] == strings
    assert column[1:] == strings[1:]
    assert list(Strings.pack(column)) == strings
    with pytest.raises(IndexError):
        column[len(strings)]


@pytest.mark.parametrize("at", [0, 2, 5])
def test_rows_set_later_win_everywhere(at: int) -> None:
    strings = ["a", "bé", "", "c\0d", "日本", "x"]
    column = spliced(strings, at)
    expected = list(strings)
    for row, value in [(1, "new"), (4, ""), (5, "ü" * 300), (0, "z\0")]:
        column[row] = value
        expected[row] = value
    assert list(column) == expected
    assert [column[i] for i in range(len(expected))] == expected
    packed = Strings.pack(column)
    assert list(packed) == expected
    assert packed.offsets[-1] == len(packed.blob)
    column[-1] = "last"
    expected[-1] = "last"
    assert list(column) == expected
    with pytest.raises(IndexError):
        column[6] = "out of range"


@pytest.mark.parametrize("strings", [*CASES, [f"s{k}é" * (k % 4) for k in range(11)]])
def test_packed_a_block_at_a_time_is_the_same(
    monkeypatch: pytest.MonkeyPatch, strings: list[str]
) -> None:
    whole = Strings.pack(strings)
    monkeypatch.setattr(string_columns, "PACK_BLOCK", 2)
    for column in (strings, np.array(strings, dtype=object), spliced(strings, len(strings) // 2)):
        blocks = Strings.pack(column)
        assert np.array_equal(blocks.blob, whole.blob)
        assert np.array_equal(blocks.offsets, whole.offsets)
