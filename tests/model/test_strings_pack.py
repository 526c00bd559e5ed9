"""Strings.pack (the cache's packed text columns) keeps every string as it was."""

from __future__ import annotations

import pytest

from viewer.model.formats.columns import Strings

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
    assert [packed[i] for i in range(len(strings))] == strings
    assert len(packed) == len(strings)
    assert packed.offsets[-1] == len(packed.blob)


def test_pack_of_packed_is_itself() -> None:
    packed = Strings.pack(["a", "b"])
    assert Strings.pack(packed) is packed
