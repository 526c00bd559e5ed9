"""No dataset string is ever interpreted as markup: widgets, tooltips, legend, table, PDF."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.helpers import minimal, write
from viewer.ui.printing.document import export_pdf
from viewer.ui.printing.options import PrintOptions

IMG = "<img src=x onerror=alert(1)>"
BOLD = "<b>bold?</b>"


def hostile() -> dict:
    data = minimal()
    data["title"] = f"{BOLD} dataset"
    data["events"][0]["title"] = f"{BOLD} {IMG}"
    data["events"][0]["summary"] = f"<i>{IMG}</i>"
    data["events"][0]["kind"] = "<u>lane</u>"
    data["actors"][0]["name"] = "<script>x</script>"
    data["places"][0]["name"] = "<a href='file:///etc/passwd'>here</a>"
    data["sources"][0]["title"] = f"{BOLD} source"
    data["sources"][0]["publisher"] = "<font color=red>pub</font>"
    data["sources"][0]["url"] = "javascript:alert(1)"
    return data


def test_widgets_show_markup_as_text(qtbot, window, tmp_path: Path) -> None:
    assert window.open_file(str(write(tmp_path, hostile())))
    window.select_event(0)
    detail = window.detail
    assert detail.title.text() == f"{BOLD} {IMG}"
    assert detail.summary.text() == f"<i>{IMG}</i>"
    assert detail.actors.text() == "<script>x</script>"
    assert detail.places.text() == "<a href='file:///etc/passwd'>here</a>"
    for label in (detail.title, detail.summary, detail.actors, detail.places, detail.status):
        assert label.textFormat() == Qt.TextFormat.PlainText
    # the source line is rich text built from escaped strings: no raw tag survives
    meta = detail.source_meta.text()
    assert "<b>bold?</b> source" not in meta
    assert "&lt;b&gt;bold?&lt;/b&gt;" in meta
    assert "&lt;font color=red&gt;" in meta
    assert 'href="javascript' not in meta
    assert "not a web link" in meta
    model = window.events.model
    titles = {model.data(model.index(r, 1)) for r in range(model.rowCount())}
    assert f"{BOLD} {IMG}" in titles
    assert "<u>lane</u>" in window.full_index.lanes
    assert "<u>lane</u>" in window.timeline.legend.accessibleDescription()
    assert window.events.lane_filter.findText("<u>lane</u>") > 0
    assert window.windowTitle().startswith(f"{BOLD} dataset")
    window.timeline._on_mouse_moved(window.timeline.scene_pos_of(0))
    tip = window.timeline.plot.toolTip()
    assert "<img" not in tip
    assert "&lt;img src=x onerror=alert(1)&gt;" in tip


def test_pdf_holds_markup_as_literal_text(qapp, tmp_path: Path) -> None:
    from viewer.model.formats.detect import load

    ds = load(write(tmp_path, hostile())).dataset
    out = tmp_path / "hostile.pdf"
    export_pdf(out, ds, index_of(ds), PrintOptions(pages=1))
    text = " ".join(p.extract_text() or "" for p in PdfReader(out).pages)
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
    assert "<b>bold?</b>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>x</script>" in text


def index_of(ds):  # type: ignore[no-untyped-def]
    """The index the viewer builds of a dataset's events (kind lanes)."""
    return ds.events.columns.index(ds)
