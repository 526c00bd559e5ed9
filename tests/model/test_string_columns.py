"""Packed text columns keep every string as it was (Strings, the cache's form)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.formats import string_columns
from viewer.model.formats.string_columns import Strings

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


@pytest.mark.parametrize("strings", [*CASES, [f"s{k}é" * (k % 4) for k in range(11)]])
def test_packed_a_block_at_a_time_is_the_same(
    monkeypatch: pytest.MonkeyPatch, strings: list[str]
) -> None:
    whole = Strings.pack(strings)
    monkeypatch.setattr(string_columns, "PACK_BLOCK", 2)
    for column in (strings, np.array(strings, dtype=object)):
        blocks = Strings.pack(column)
        assert np.array_equal(blocks.blob, whole.blob)
        assert np.array_equal(blocks.offsets, whole.offsets)
