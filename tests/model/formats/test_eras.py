"""Eras in the native format: optional, checked, and not written when there are none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import minimal, write
from viewer.model.errors import LoadError
from viewer.model.formats.native import dataset_to_json, read_native


def test_eras_are_optional_and_round_trip(tmp_path: Path) -> None:
    data = minimal()
    ds = read_native(write(tmp_path, data)).dataset
    assert ds.eras == []
    assert '"eras"' not in dataset_to_json(ds)  # older viewers still read what we write
    data["eras"] = [{"id": "era-1", "title": "Works", "start": "2029", "end": "2031-05"}]
    ds = read_native(write(tmp_path, data)).dataset
    assert ds.eras[0].title == "Works"
    assert '"eras"' in dataset_to_json(ds)


@pytest.mark.parametrize(
    ("era", "message"),
    [
        ({"start": "2031", "end": "2029"}, "eras[0]: end '2029' is before start '2031'"),
        ({"start": "2031-13", "end": "2032"}, "eras[0].start: month 13"),
    ],
)
def test_bad_eras(tmp_path: Path, era: dict[str, str], message: str) -> None:
    data = minimal()
    data["eras"] = [{"id": "e", "title": "T", **era}]
    with pytest.raises(LoadError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_native(write(tmp_path, data))
