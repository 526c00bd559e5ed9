"""Event ids made unique by suffixes: stable, and linear in the number of repeats."""

from __future__ import annotations

from viewer.model.formats.builder import unique_id


def test_repeated_ids_get_increasing_suffixes() -> None:
    taken: set[str] = {"x-3"}
    suffixes: dict[str, int] = {}
    ids = [unique_id("x", taken, suffixes) for _ in range(5)]
    assert ids == ["x", "x-2", "x-4", "x-5", "x-6"]
    assert unique_id("y", taken, suffixes) == "y"


def test_many_repeats_stay_unique() -> None:
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    ids = [unique_id("row", taken, suffixes) for _ in range(50_000)]
    assert len(set(ids)) == 50_000
    assert ids[-1] == "row-50000"
