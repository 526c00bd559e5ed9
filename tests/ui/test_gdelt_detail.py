"""A GDELT event in the detail pane: its extra fields (tags) and its source, a URL without
text whose quotes cannot be checked."""

from __future__ import annotations

from pathlib import Path

from tests.model.formats.test_gdelt import _ARMENIA, export
from viewer.model.formats.detect import load
from viewer.ui.detail.pane import DetailPane


def test_detail_shows_gdelt_fields_and_source(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    loaded = load(export(tmp_path / "x.export.CSV", 61, [_ARMENIA]))
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.set_dataset(loaded.dataset)
    pane.show_event(loaded.dataset.events[0])
    assert pane.title.text() == "ARMENIA accuses RUSSIA"
    status = pane.status.text()
    assert "Disapprove" in status
    assert "Goldstein: -2" in status
    assert "mentions: 10" in status
    assert "tone: -3.52" in status
    assert "https://news.example.org/armenia-russia.html" in pane.source_meta.text()
    assert "cannot be checked" in pane.source_text.placeholderText()
