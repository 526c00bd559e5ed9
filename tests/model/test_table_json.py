"""The native writer's column-by-column events are the objects pydantic would dump."""

from __future__ import annotations

import json
from pathlib import Path

from viewer.model.bundled import bundled_dataset
from viewer.model.formats.detect import load
from viewer.model.formats.native import dataset_to_json
from viewer.model.generate import generate


def _by_models(ds) -> str:  # type: ignore[no-untyped-def]
    data = ds.model_copy(update={"events": list(ds.events)}).model_dump(
        mode="json", exclude_none=True
    )
    if not data.get("eras"):
        data.pop("eras", None)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_columns_write_what_the_models_write(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    generate(path, 8000, seed=3)  # above 1 MB: read by the columnar reader
    for file in (path, bundled_dataset()):
        loaded = load(file)
        ds = loaded.dataset
        if file == path:
            assert loaded.columns is not None
            assert len(loaded.columns.complex) < loaded.columns.n / 2
        assert dataset_to_json(ds) == _by_models(ds)


def test_text_the_fast_encoder_cannot_write_is_still_written() -> None:
    ds = load(bundled_dataset()).dataset
    odd = ds.model_copy(update={"description": "lone \ud800 surrogate"})
    assert "lone \ud800 surrogate" in dataset_to_json(odd)
