"""Every PDF we write is valid: no path closed before it begins (poppler's "No current point in
closepath"), checked by a scan of the content streams with pypdf in strict mode everywhere, and
by qpdf --check, pdftotext and pdftoppm where they are installed."""

from __future__ import annotations

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from tests.pdf_checks import path_errors, tool_errors, tools_installed
from viewer.model.formats.detect import load
from viewer.ui.printing.chart import whole_range
from viewer.ui.printing.document import export_pdf
from viewer.ui.printing.options import PrintOptions

CASES = {
    "default": PrintOptions(),
    # slices cut the long, approximate intervals at both ends (their whiskers clip to nothing)
    "five slices": PrintOptions(pages=5),
    "portrait, three slices": PrintOptions(pages=3, landscape=False, chronology=False),
    "the view": PrintOptions(scope="view", chronology=False),
}


@pytest.fixture
def data(qapp, bundled_path):  # type: ignore[no-untyped-def]
    ds = load(bundled_path).dataset
    return ds, ds.events.columns.index(ds)


@pytest.mark.parametrize("name", CASES)
def test_printed_pdfs_have_no_path_without_a_current_point(data, tmp_path, name) -> None:  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "out.pdf"
    t0, t1 = whole_range(index)
    view = (t0 + (t1 - t0) * 0.3, t0 + (t1 - t0) * 0.7) if name == "the view" else None
    export_pdf(out, ds, index, CASES[name], view)
    assert path_errors(out) == []


@pytest.mark.skipif(not tools_installed(), reason="qpdf and poppler-utils are not installed")
@pytest.mark.parametrize("name", CASES)
def test_qpdf_and_poppler_report_no_error(data, tmp_path, name) -> None:  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "out.pdf"
    export_pdf(out, ds, index, CASES[name])
    assert tool_errors(out) == {}


def test_the_scan_finds_a_path_closed_before_it_begins(tmp_path) -> None:  # type: ignore[no-untyped-def]
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = DecodedStreamObject()
    stream.set_data(b"q 0 0 1 rg h f Q 10 10 20 20 re f")
    page[NameObject("/Contents")] = writer._add_object(stream)
    bad = tmp_path / "bad.pdf"
    with open(bad, "wb") as f:
        writer.write(f)
    assert path_errors(bad) == ["page 1: h at 2 with no current point"]
