"""The detail pane's summary of the dataset with nothing selected; Copy with citations; the
event list's rows as tab-separated text; File > Export Image."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.helpers import minimal, write
from tests.ui.conftest import event_row
from viewer.ui.window import MainWindow


# --- the empty state ----------------------------------------------------------------------------
def test_with_nothing_selected_the_pane_shows_the_dataset(window) -> None:
    assert window.selected == -1
    detail = window.detail
    assert detail.showing_summary()
    assert detail.overview.isVisible()
    assert not detail.splitter.isVisible()
    shown = detail.overview.text()
    assert detail.overview.title.text() == "Kalbajar hand-over, November 2020"
    assert window.dataset.description in shown
    assert detail.overview.counts.text() == "10 events · 7 quotes · 1 source"
    assert detail.overview.span.text() == "From October 2020 to November 2025"
    assert (
        "Azerbaijan liberated Kalbajar from Armenian occupation, says Erdogan — 25 November 2020"
        in shown
    )
    assert "Click an event on the timeline or in the list" in shown
    assert "N / P" in shown
    assert "Esc" in shown


def test_selecting_then_escape_returns_to_the_summary(qtbot, window) -> None:
    row = event_row(window, "kalbajar-handover")
    window.select_event(row)
    assert not window.detail.showing_summary()
    assert window.detail.splitter.isVisible()
    assert window.detail.title.text() == "Kalbajar district handed over to Azerbaijan"
    window.timeline.plot.setFocus()
    qtbot.keyClick(window.timeline.plot, Qt.Key.Key_Escape)
    assert window.selected == -1
    assert window.detail.showing_summary()
    assert window.detail.overview.title.text() == "Kalbajar hand-over, November 2020"


def _hostile(tmp_path):  # type: ignore[no-untyped-def]
    data = minimal()
    data["title"] = "<i>Bridge</i> & co"
    data["description"] = "<script>alert(1)</script>"
    data["sources"][0]["publisher"] = "River <Times>"
    data["sources"][0]["url"] = "https://example.org/bridge?a=1&b=2"
    data["events"][0]["title"] = "Bridge <b>announced</b> & funded"
    return write(tmp_path, data)


def _window(qtbot, path) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    assert w.open_file(str(path))
    w.show()
    qtbot.waitExposed(w)
    _activate(qtbot, w)
    return w


def _activate(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitActive(w):  # shortcuts go to the active window
        w.activateWindow()


def test_the_summary_shows_dataset_strings_as_plain_text(qtbot, tmp_path) -> None:
    w = _window(qtbot, _hostile(tmp_path))
    summary = w.detail.overview
    for label in (summary.title, summary.description, summary.sources):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert summary.title.text() == "<i>Bridge</i> & co"
    assert summary.description.text() == "<script>alert(1)</script>"
    assert summary.sources.text() == (
        "• Article — River <Times>, 14 May 2031 — https://example.org/bridge?a=1&b=2"
    )
    assert summary.counts.text() == "2 events · 1 quote · 1 source"
    assert summary.span.text() == "May 2031"  # e2 is all of May, e1 within it


# --- copy ---------------------------------------------------------------------------------------
def _clipboard() -> tuple[str, str]:
    mime = QGuiApplication.clipboard().mimeData()
    return mime.text(), mime.html()


def test_ctrl_c_copies_the_event_with_its_citation_as_text_and_escaped_html(
    qtbot, tmp_path
) -> None:
    w = _window(qtbot, _hostile(tmp_path))
    w.select_event(event_row(w, "e1"))
    w.timeline.plot.setFocus()
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(w.timeline.plot, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text, html = _clipboard()
    assert text.startswith("Bridge <b>announced</b> & funded\n13 May 2031 · occurred")
    assert "“We will build the bridge,”\n— Ana Díaz, 13 May 2031" in text
    assert "Source: Article, River <Times>, 14 May 2031, https://example.org/bridge?a=1&b=2" in text
    # the HTML shows the same words, every dataset string escaped
    assert "<b>Bridge &lt;b&gt;announced&lt;/b&gt; &amp; funded</b>" in html
    assert "<b>announced</b>" not in html
    assert "River &lt;Times&gt;" in html
    assert '<a href="https://example.org/bridge?a=1&amp;b=2">' in html
    assert "Ana Díaz" in html


def test_copy_in_the_quote_list_copies_that_quote_with_its_citation(qtbot, tmp_path) -> None:
    w = _window(qtbot, _hostile(tmp_path))
    w.select_event(event_row(w, "e1"))
    quotes = w.detail.quotes
    quotes.setCurrentRow(0)
    quotes.setFocus()
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(quotes, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text, html = _clipboard()
    assert text == (
        "“We will build the bridge,”\n— Ana Díaz, 13 May 2031\n\n"
        "Source: Article, River <Times>, 14 May 2031, https://example.org/bridge?a=1&b=2"
    )
    assert "Bridge" not in text.split("\n")[0]  # the quote, not its event's title
    assert "<blockquote>" in html
    assert "River &lt;Times&gt;" in html


def test_copy_with_nothing_selected_leaves_the_clipboard(qtbot, window) -> None:
    QGuiApplication.clipboard().setText("before")
    window.timeline.plot.setFocus()
    assert window.copying.copy() is False
    assert QGuiApplication.clipboard().text() == "before"


def test_the_event_list_copies_its_selected_rows_as_tab_separated_text(qtbot, window) -> None:
    _activate(qtbot, window)
    table = window.events.table
    table.setFocus()
    selection = table.selectionModel()
    flag = selection.SelectionFlag
    model = window.events.model
    # rows 0 and 2 as a Ctrl+click would select them
    selection.select(model.index(0, 0), flag.ClearAndSelect | flag.Rows)
    selection.select(model.index(2, 0), flag.Select | flag.Rows)
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    cells = [line.split("\t") for line in lines]
    assert all(len(c) == 5 for c in cells)
    for line, row in zip(cells, (0, 2), strict=True):
        assert line[1] == model.data(model.index(row, 1), Qt.ItemDataRole.DisplayRole)
        assert line[3] == model.data(model.index(row, 3), Qt.ItemDataRole.DisplayRole)
    assert cells[0][1] == "Over a month of fighting over Nagorno-Karabakh"


# --- export image -------------------------------------------------------------------------------
def test_export_image_writes_png_and_svg_of_the_view(window, tmp_path, monkeypatch) -> None:
    for name, chosen in (("view.png", "PNG image (*.png)"), ("view", "SVG image (*.svg)")):
        out = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, o=out, c=chosen: (str(o), c))
        window.copying.act_export_image.trigger()
    image = QImage(str(tmp_path / "view.png"))
    assert (image.width(), image.height()) == (1600, 900)
    svg = (tmp_path / "view.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    assert "Kalbajar hand-over, November 2020" in svg


def test_a_failed_image_export_is_a_message(window, tmp_path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a: shown.append(text))
    folder = tmp_path / "taken.png"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(folder), ""))
    window.copying.act_export_image.trigger()
    assert len(shown) == 1
    assert str(folder) in shown[0]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "x.gif"), ""))
    window.copying.act_export_image.trigger()
    assert "expected a name ending in .png or .svg" in shown[1]


def test_menus_show_the_shortcuts_of_copy_and_export(window) -> None:
    actions = {a.text(): a for m in window.menuBar().actions() for a in m.menu().actions()}
    assert actions["&Copy"].shortcut().toString() == "Ctrl+C"
    assert actions["Export &Image…"].shortcut().toString() == "Ctrl+Shift+I"


def test_copy_in_the_source_text_copies_the_selected_words(qtbot, tmp_path) -> None:
    w = _window(qtbot, _hostile(tmp_path))
    w.select_event(event_row(w, "e1"))
    view = w.detail.source_text
    cursor = view.textCursor()
    cursor.setPosition(3)
    cursor.setPosition(7, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "said"


def test_a_screenshot_without_a_selection_shows_the_summary(tmp_path) -> None:
    out = tmp_path / "empty.png"
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "--screenshot", str(out), "--select", ""],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not QImage(str(out)).isNull()


def test_ctrl_and_shift_clicks_in_the_list_select_several_rows(qtbot, window) -> None:
    table = window.events.table
    model = window.events.model

    def click(row: int, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        rect = table.visualRect(model.index(row, 1))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, mod, rect.center())

    def selected() -> list[int]:
        return sorted(i.row() for i in table.selectionModel().selectedRows())

    click(0)
    click(2, Qt.KeyboardModifier.ControlModifier)
    assert selected() == [0, 2]
    assert window.selected == int(model.rows[2])  # the last clicked is the event shown
    click(4, Qt.KeyboardModifier.ShiftModifier)
    assert selected() == [0, 2, 3, 4]
    assert window.selected == int(model.rows[4])
    click(5)
    assert selected() == [5]
    window.step_event(1)  # N: the next event alone
    assert selected() == [6]
