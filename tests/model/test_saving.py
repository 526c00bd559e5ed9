"""Save in the native format (validates, round-trips, small diffs), changes on disk, recovery."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

from viewer.model.dataset import Event, When
from viewer.model.document import Document
from viewer.model.edits import AddEvent, UpdateEvent
from viewer.model.formats.detect import load
from viewer.model.saving import (
    changed_on_disk,
    clear_recovery,
    find_recovery,
    needs_name,
    opened,
    restored,
    save,
    write_recovery,
)


def _doc(n: int = 30) -> Document:
    doc = Document.new("Saved")
    for k in range(n):
        day = f"2020-11-{k % 28 + 1:02d}"
        AddEvent(
            Event(id=f"e{k}", title=f"Event {k}", when=When(start=day, precision="day"))
        ).apply(doc)
    return doc


def test_save_validates_round_trips_and_a_small_edit_is_a_small_diff(tmp_path: Path) -> None:
    doc = _doc()
    assert needs_name(doc)
    assert doc.dirty
    path = tmp_path / "chronology.json"
    save(doc, path)
    assert not doc.dirty
    assert not needs_name(doc)
    first = path.read_text(encoding="utf-8")
    loaded = load(path)
    assert loaded.warnings == []
    assert list(loaded.dataset.events) == list(doc.dataset.events)
    again = opened(Document.from_loaded(loaded))
    UpdateEvent("e7", {"title": "Event seven"}).apply(again)
    assert again.dirty
    save(again, path)
    second = path.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(first.splitlines(), second.splitlines(), lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert diff == ['-      "title": "Event 7",', '+      "title": "Event seven",']
    assert list(json.loads(second)) == list(json.loads(first))  # the same key order


def test_a_file_from_another_format_needs_a_name(tmp_path: Path) -> None:
    src = tmp_path / "tl.json"
    src.write_text(
        json.dumps({"events": [{"start_date": {"year": 2020}, "text": {"headline": "A"}}]}),
        encoding="utf-8",
    )
    doc = opened(Document.from_loaded(load(src)))
    assert doc.format != "native"
    assert needs_name(doc)


def test_a_change_on_disk_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    save(_doc(2), path)
    doc = opened(Document.from_loaded(load(path)))
    assert not changed_on_disk(doc)
    path.write_text(path.read_text(encoding="utf-8") + " \n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert changed_on_disk(doc)
    save(doc, path)
    assert not changed_on_disk(doc)


def test_recovery_copy_restores_unsaved_edits(tmp_path: Path) -> None:
    folder = tmp_path / "settings"
    path = tmp_path / "d.json"
    doc = _doc(3)
    save(doc, path)
    UpdateEvent("e1", {"title": "Unsaved"}).apply(doc)
    write_recovery(doc, folder)
    found = find_recovery(folder)
    assert found is not None
    assert found.original == str(path)
    back = restored(found, load(found.path))
    assert back.dirty
    assert back.path == str(path)
    assert back.event(1).title == "Unsaved"
    clear_recovery(folder)
    assert find_recovery(folder) is None
