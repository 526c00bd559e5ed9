"""Printing through the one render function the menu, the preview and the CLI use: real PDFs in
tmp_path, read back with pypdf (text, paper) and rasterised with pypdfium2 (ink, colours)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QPalette
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from viewer.model.formats.detect import load
from viewer.model.index import EventIndex
from viewer.model.listing import date_text
from viewer.ui.printing import chart as print_chart
from viewer.ui.printing import document as printing
from viewer.ui.printing import options as print_options
from viewer.ui.printing.chart import whole_range
from viewer.ui.printing.document import PrintError, export_pdf, render_document
from viewer.ui.printing.options import PrintOptions, load_options, save_options
from viewer.ui.style import LANE_COLOURS

A4_LANDSCAPE = (842, 595)


def norm(text: str) -> str:
    # NFKC: Qt writes ligatures ("fi"); a line may break after a hyphen
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return re.sub(r"- ", "-", text)


@pytest.fixture
def data(qapp, bundled_path):  # type: ignore[no-untyped-def]
    ds = load(bundled_path).dataset
    return ds, index_of(ds)


def pages_text(path: Path) -> list[str]:
    return [norm(p.extract_text() or "") for p in PdfReader(path).pages]


def media_box(path: Path, page: int = 0) -> tuple[int, int]:
    box = PdfReader(path).pages[page].mediabox
    return round(float(box.width)), round(float(box.height))


def rgb(path: Path, page: int) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(path))
    try:
        pil = pdf[page].render(scale=2.0, rev_byteorder=True).to_numpy()
    finally:
        pdf.close()
    return pil[:, :, :3].astype(int)


def test_one_page_view_is_a4_landscape_vector_pdf(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "view.pdf"
    n = export_pdf(out, ds, index, PrintOptions(scope="view", chronology=False))
    assert n == 1
    assert out.read_bytes().startswith(b"%PDF-")
    assert len(PdfReader(out).pages) == 1
    assert media_box(out) == A4_LANDSCAPE
    text = pages_text(out)[0]
    assert ds.title in text  # header
    assert "Page 1 of 1" in text  # footer
    assert "printed" in text
    for lane in index.lanes:  # lane names and the legend's lane list
        assert text.count(lane) >= 2
    for what in ("event on a date", "event over a period", "planned", "approximate", "many events"):
        assert what in text


@pytest.mark.parametrize(("slices", "chronology"), [(1, False), (3, False), (4, True)])
def test_page_count_for_slices(data, tmp_path, slices, chronology):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "slices.pdf"
    opts = PrintOptions(scope="whole", pages=slices, chronology=chronology)
    n = export_pdf(out, ds, index, opts)
    reader = PdfReader(out)
    assert n == len(reader.pages)
    texts = pages_text(out)
    if chronology:
        assert n > slices
        assert "Chronology" in texts[slices]
    else:
        assert n == slices
    for i, text in enumerate(texts, 1):
        assert f"Page {i} of {n}" in text
        assert ds.title in text
        if i <= slices and slices > 1:
            assert f"Part {i} of {slices}" in text


@pytest.mark.parametrize(
    ("paper", "landscape", "size"),
    [("A4", False, (595, 842)), ("Letter", True, (792, 612)), ("A3", True, (1191, 842))],
)
def test_paper_size_and_orientation(data, tmp_path, paper, landscape, size):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "paper.pdf"
    export_pdf(out, ds, index, PrintOptions(paper=paper, landscape=landscape))
    for page in range(len(PdfReader(out).pages)):
        assert media_box(out, page) == size


def test_every_title_quote_and_citation_is_printed(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "all.pdf"
    export_pdf(out, ds, index, PrintOptions())
    text = " ".join(pages_text(out))
    for ev in ds.events:
        assert norm(ev.title) in text, ev.title
        assert norm(date_text(ev)) in text, date_text(ev)
        if ev.when.text:
            assert norm(ev.when.text) in text
        if ev.summary:
            assert norm(ev.summary) in text
        for q in ev.quotes:
            assert norm(q.text) in text, q.text
            speaker = ds.actor(q.speaker).name if q.speaker else "unattributed"
            form = "direct quotation" if q.form == "direct" else "reported speech"
            assert f"{speaker}, {form}" in text
    for src in ds.sources:
        assert norm(src.title) in text
        assert "25 November 2020" in text


def test_chronology_keeps_time_order_and_each_event_whole(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "chron.pdf"
    export_pdf(out, ds, index, PrintOptions(paper="A4", landscape=False, pages=1))
    texts = pages_text(out)[1:]
    joined = " ".join(texts)
    rows = [int(r) for r in index.chrono]
    positions = [joined.index(norm(ds.events[r].title)) for r in rows]
    assert positions == sorted(positions)
    for r in rows:  # heading (date + title) and the event's last line on the same page
        ev = ds.events[r]
        last = norm(ev.quotes[-1].text)[-30:] if ev.quotes else norm(ev.summary)[-30:]
        page = next(t for t in texts if norm(ev.title) in t)
        assert last in page, ev.title


def test_labels_of_a_slice_only_on_their_page(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "labels.pdf"
    n = export_pdf(out, ds, index, PrintOptions(pages=4, chronology=False))
    assert n == 4
    texts = pages_text(out)
    t0, t1 = whole_range(index)
    edges = np.linspace(t0, t1, n + 1)
    for row, ev in enumerate(ds.events):
        if ev.when.end is not None:
            continue  # an interval is on every page it spans
        page = int(np.searchsorted(edges, index.event_start[row], "right")) - 1
        on = [i for i, t in enumerate(texts) if norm(ev.title) in t]
        assert on == [page], (ev.title, on, page)


def test_auto_pages_fit_every_label_whole(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "auto.pdf"
    export_pdf(out, ds, index, PrintOptions(pages=0, chronology=False))
    text = " ".join(pages_text(out))
    for ev in ds.events:
        assert norm(ev.title) in text
    assert "…" not in text


def test_the_default_print_is_a_one_page_briefing_then_the_chronology(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "briefing.pdf"
    n = export_pdf(out, ds, index, PrintOptions())
    texts = pages_text(out)
    assert n == len(texts)
    assert media_box(out) == A4_LANDSCAPE
    assert "Chronology" not in texts[0]
    assert "Part 1 of" not in texts[0]  # the whole timeline, not a slice
    assert all("Chronology" in t for t in texts[1:])  # then only the chronology
    for ev in ds.events:  # every title whole on the chart page
        assert norm(ev.title) in texts[0], ev.title
    assert "…" not in texts[0]
    only_chart = tmp_path / "chart.pdf"
    assert export_pdf(only_chart, ds, index, PrintOptions(chronology=False)) == 1


def test_time_slices_only_where_one_page_cannot_hold_the_labels(qapp):  # type: ignore[no-untyped-def]
    # thirty events an hour apart in one lane, each with a long title: one page cannot hold them
    n = 30
    starts = np.arange(n) * 3600.0 + 1.6e9
    titles = [
        f"Event {k:02d}: a statement with a title long enough to need its room" for k in range(n)
    ]
    index = EventIndex.from_columns(
        starts, starts, starts, np.zeros(n, np.uint8), ["lane"], np.zeros(n, int), None, titles
    )
    chart = print_chart.PrintChart(index)
    chart.layout(1000, 560)
    t0, t1 = whole_range(index)
    pages = print_chart.auto_pages(chart, t0, t1)
    assert 1 < pages < print_chart.AUTO_MAX_PAGES
    assert not print_chart.labels_fit(chart, t0, t1)
    for a, b in print_chart.slices(t0, t1, pages):
        assert print_chart.labels_fit(chart, a, b)
    # the first five alone fit on one page
    few = index.subset(np.arange(n) < 5)
    chart = print_chart.PrintChart(few)
    chart.layout(1000, 560)
    assert print_chart.auto_pages(chart, *whole_range(few)) == 1


def test_chart_page_has_ink_and_lane_colours(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "colours.pdf"
    export_pdf(out, ds, index, PrintOptions(scope="view", chronology=False))
    img = rgb(out, 0)
    h, w, _ = img.shape
    # the plot area: below the header, above the axis and the legend
    plot = img[int(h * 0.12) : int(h * 0.8), int(w * 0.05) : int(w * 0.95)]
    assert (plot.sum(axis=2) < 600).mean() > 0.002  # ink
    for lane in range(index.n_lanes):
        c = QColor(LANE_COLOURS[lane])
        target = np.array([c.red(), c.green(), c.blue()])
        close = (np.abs(plot - target).max(axis=2) <= 24).sum()
        assert close > 20, (index.lanes[lane], LANE_COLOURS[lane])


def test_preview_paints_the_same_pages(data, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    opts = PrintOptions(pages=2)
    n_pdf = export_pdf(tmp_path / "p.pdf", ds, index, opts)
    printer = QPrinter()
    printing.configure_printer(printer, opts)
    dialog = QPrintPreviewDialog(printer)
    counts: list[int] = []
    dialog.paintRequested.connect(lambda p: counts.append(render_document(p, ds, index, opts)))
    with qtbot.waitSignal(dialog.paintRequested, timeout=5000):
        dialog.show()
    qtbot.waitUntil(lambda: bool(counts))
    widget = dialog.findChild(QPrintPreviewWidget)
    assert counts[0] == n_pdf
    qtbot.waitUntil(lambda: widget.pageCount() == n_pdf)
    dialog.close()


def test_dark_theme_prints_black_text(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    app = QApplication.instance()
    old = app.palette()
    dark = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        dark.setColor(role, QColor(30, 30, 30))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        dark.setColor(role, QColor(240, 240, 240))
    app.setPalette(dark)
    try:
        out = tmp_path / "dark.pdf"
        n = export_pdf(out, ds, index, PrintOptions(pages=1))
    finally:
        app.setPalette(old)
    img = rgb(out, n - 1)  # a chronology page
    h = img.shape[0]
    body = img[int(h * 0.1) : int(h * 0.9)]
    assert body.mean() > 200  # white paper
    lum = body.mean(axis=2)
    ink = lum < 200
    assert ink.mean() > 0.005
    assert np.percentile(lum[ink], 10) < 40  # text is black, not white on white
    chart = rgb(out, 0)
    assert chart[: int(chart.shape[0] * 0.1)].mean(axis=2).min() < 60  # black header text


def test_unwritable_path_is_a_clear_error(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    with pytest.raises(PrintError, match=r"cannot write .*missing.*: the folder .* does not exist"):
        export_pdf(tmp_path / "missing" / "x.pdf", ds, index, PrintOptions())
    with pytest.raises(PrintError, match="cannot write"):
        export_pdf(tmp_path, ds, index, PrintOptions())


def test_page_ranges_are_honoured(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "range.pdf"
    opts = PrintOptions(pages=3)
    printer = printing.pdf_printer(out, opts)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    total = render_document(printer, ds, index, opts)
    texts = pages_text(out)
    assert len(texts) == 2
    assert f"Page 2 of {total}" in texts[0]
    assert f"Page 3 of {total}" in texts[1]


def test_options_are_remembered(qapp):  # type: ignore[no-untyped-def]
    from viewer.ui.settings import open_settings

    settings = open_settings()
    opts = PrintOptions(paper="A3", landscape=False, scope="view", pages=4, chronology=False)
    save_options(settings, opts)
    assert load_options(open_settings()) == opts
    dialog = print_options.PrintOptionsDialog(opts, filter_active=True)
    assert dialog.options() == opts
    dialog.paper.setCurrentText("Letter")
    dialog.landscape.setChecked(True)
    dialog.scope_whole.setChecked(True)
    dialog.all_events.setChecked(True)
    assert dialog.options() == PrintOptions(
        paper="Letter", landscape=True, scope="whole", pages=4, chronology=False, filtered=False
    )


# --- through the window's actions --------------------------------------------------------------
@pytest.fixture
def window(qtbot, bundled_path):  # type: ignore[no-untyped-def]
    from viewer.ui.window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.open_file(str(bundled_path))
    return w


def test_export_pdf_action_uses_options_and_filter(window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    out = tmp_path / "menu.pdf"
    chosen = PrintOptions(pages=1, filtered=True)
    monkeypatch.setattr(print_options, "ask_options", lambda *a, **k: chosen)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.events.find.setText("Lachin")
    window.apply_filter()
    assert window.filter_mask is not None
    window.printing.act_export_pdf.trigger()
    text = " ".join(pages_text(out))
    assert "Lachin District to be handed over" in text
    assert "Aghdam region handed over" not in text  # filtered out
    monkeypatch.setattr(print_options, "ask_options", lambda *a, **k: PrintOptions(filtered=False))
    window.printing.act_export_pdf.trigger()
    assert "Aghdam region handed over" in " ".join(pages_text(out))


def test_print_action_prints_through_the_dialog(window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(print_options, "ask_options", lambda *a, **k: PrintOptions(scope="view"))

    def accept(dialog):  # type: ignore[no-untyped-def]
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    window.printing.act_print.trigger()
    texts = pages_text(out)
    assert len(texts) > 1
    assert "Chronology" in " ".join(texts)
    assert media_box(out) == A4_LANDSCAPE


def test_cancelled_options_print_nothing(window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(print_options, "ask_options", lambda *a, **k: None)
    called = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: called.append(1))
    window.printing.act_export_pdf.trigger()
    assert not called


def test_actions_are_in_the_file_menu_and_toolbar(window):  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.file_menu.actions()]
    for act in (window.printing.act_print, window.printing.act_preview):
        assert act.text() in texts
    assert window.printing.act_export_pdf.shortcut().toString() == "Ctrl+Shift+E"
    assert window.printing.act_print.shortcut().toString() == "Ctrl+P"


def test_labels_stay_inside_the_page_for_every_slice(data):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    ds, index = data
    chart = print_chart.PrintChart(index)
    chart.layout(1000, 600)
    image = QImage(1100, 700, QImage.Format.Format_ARGB32)
    target = QRectF(50, 50, 1000, 600)
    t0, t1 = whole_range(index)
    for n in (1, 2, 3, 7):
        for a, b in print_chart.slices(t0, t1, n):
            image.fill(QColor(255, 255, 255))
            painter = QPainter(image)
            chart.render(painter, target, a, b)
            painter.end()
            for rect, row in chart.items.drawn_labels:
                assert rect.left() >= target.left() - 0.5, ds.events[row].title
                assert rect.right() <= target.right() + 0.5, ds.events[row].title
                start, end = index.event_start[row], index.event_end[row]
                assert end >= a  # only events on this slice get labels
                assert start <= b


def test_options_without_a_filter_show_all_and_keep_the_choice(qapp):  # type: ignore[no-untyped-def]
    dialog = print_options.PrintOptionsDialog(PrintOptions(filtered=True), filter_active=False)
    assert dialog.all_events.isChecked()
    assert not dialog.filtered.isEnabled()
    assert dialog.options().filtered  # remembered for when a filter is set


def test_portrait_header_names_the_slice(data, tmp_path):  # type: ignore[no-untyped-def]
    ds, index = data
    out = tmp_path / "portrait.pdf"
    export_pdf(out, ds, index, PrintOptions(landscape=False, pages=2, chronology=False))
    texts = pages_text(out)
    assert "Part 1 of 2:" in texts[0]
    assert "Part 2 of 2:" in texts[1]
    assert "…" not in texts[0]


def index_of(ds):  # type: ignore[no-untyped-def]
    """The index the viewer builds of a dataset's events (kind lanes)."""
    return ds.events.columns.index(ds)


def test_drafted_events_and_quotes_are_marked_in_the_chronology(qapp, tmp_path):  # type: ignore[no-untyped-def]
    """A briefing printed from a draft never passes an unreviewed item off as checked: each
    drafted event and quote is marked, and the heading counts them."""
    from tests.drafts import DRAFT_EVENTS, DRAFT_QUOTES, write_draft

    ds = load(write_draft(tmp_path)).dataset
    out = tmp_path / "draft.pdf"
    export_pdf(out, ds, index_of(ds), PrintOptions())
    text = " ".join(pages_text(out))
    mark = "[draft, not reviewed]"
    assert text.count(mark) == len(DRAFT_EVENTS) + len(DRAFT_QUOTES) + 1  # + the heading's
    assert f"{len(DRAFT_EVENTS) + len(DRAFT_QUOTES)} items marked {mark}" in text
    ceasefire = next(ev for ev in ds.events if ev.id == "ceasefire")
    assert f"{norm(date_text(ceasefire))} {mark} {norm(ceasefire.title)}" in text
    # the bundled dataset, with no drafts, has no mark
    export_pdf(tmp_path / "plain.pdf", *data_of_bundled(), PrintOptions())
    assert "draft" not in " ".join(pages_text(tmp_path / "plain.pdf")).lower()


def data_of_bundled():  # type: ignore[no-untyped-def]
    from viewer.model.bundled import bundled_dataset

    ds = load(bundled_dataset()).dataset
    return ds, index_of(ds)
