"""PDF and image export through the one writer: a complete file replaces the old one, a full
device is reported, the dataset's own file is never the output, and no temporary is left."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.model.test_output import full_device, temporaries
from viewer.model.formats.detect import load
from viewer.ui.printing.document import PrintError, export_image, export_pdf
from viewer.ui.printing.options import PrintOptions


@pytest.fixture
def data(qapp, bundled_path):  # type: ignore[no-untyped-def]
    ds = load(bundled_path).dataset
    return ds, index_of(ds)


def test_a_pdf_replaces_the_old_file_when_complete(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "t.pdf"
    out.write_bytes(b"old")
    pages = export_pdf(out, ds, index, PrintOptions(pages=1, chronology=False))
    assert pages == 1
    assert len(PdfReader(out).pages) == 1
    assert temporaries(tmp_path) == []
    export_image(tmp_path / "t.svg", ds, index, 400, 300)
    assert (tmp_path / "t.svg").read_text(encoding="utf-8").rstrip().endswith("</svg>")
    assert temporaries(tmp_path) == []


def test_a_full_device_is_an_error(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ds, index = data
    node = full_device(tmp_path)
    with pytest.raises(PrintError, match=f"^cannot write {node}: no space left on the disk$"):
        export_pdf(node, ds, index, PrintOptions(pages=1, chronology=False))
    assert stat.S_ISCHR(node.stat().st_mode)


def test_the_datasets_file_is_never_the_output(data, tmp_path: Path, bundled_path) -> None:  # type: ignore[no-untyped-def]
    ds, index = data
    copy = tmp_path / "ds.json"
    copy.write_bytes(bundled_path.read_bytes())
    link = tmp_path / "ds.pdf"
    link.symlink_to(copy.name)
    with pytest.raises(PrintError, match="it is an input of this command"):
        export_pdf(link, ds, index, PrintOptions(), inputs=[copy])
    assert copy.read_bytes() == bundled_path.read_bytes()


def index_of(ds):  # type: ignore[no-untyped-def]
    """The index the viewer builds of a dataset's events (kind lanes)."""
    return ds.events.columns.index(ds)
