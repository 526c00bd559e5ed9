"""The issue's list, checked as a person reaches it: the editing keys pressed, every field of
the inspector, quoting into the selected event, sources from pasted text and HTML, and the
questions before unsaved edits are dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolBar

from tests.ui.editing_helpers import ARTICLE, WORDS, answer, click_ok, select_span
from viewer.model.formats.detect import load
from viewer.ui.window import MainWindow


def _press(qtbot, w: MainWindow, key: str) -> None:  # type: ignore[no-untyped-def]
    """A shortcut pressed on the timeline (shortcuts need the window active)."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    w.timeline.plot.setFocus()
    combo = QKeySequence(key)[0]
    qtbot.keyClick(w.timeline.plot, combo.key(), combo.keyboardModifiers())


def _save_as_answer(path: Path, asked: list[str]) -> None:
    def answer_dialog() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QFileDialog):
            QTimer.singleShot(20, answer_dialog)
            return
        asked.append(box.windowTitle())
        box.selectFile(str(path))
        box.accept()

    QTimer.singleShot(0, answer_dialog)


def test_the_editing_keys(qtbot, windows, tmp_path: Path) -> None:
    w = windows()
    _press(qtbot, w, "Ctrl+N")
    assert len(w.dataset.events) == 0
    _press(qtbot, w, "Ins")
    _press(qtbot, w, "Ins")
    assert len(w.dataset.events) == 2
    assert w.windowTitle().startswith("*")
    assert w.selected == 1
    assert w.editing.act_undo.text() == "&Undo Add event “New event”"
    _press(qtbot, w, "Del")
    assert len(w.dataset.events) == 1
    _press(qtbot, w, "Ctrl+Z")
    assert len(w.dataset.events) == 2
    assert w.editing.act_redo.text() == "&Redo Delete event “new-event-2”"
    _press(qtbot, w, "Ctrl+Shift+Z")
    assert len(w.dataset.events) == 1
    _press(qtbot, w, "Ctrl+Z")
    _press(qtbot, w, "Ctrl+Z")
    assert len(w.dataset.events) == 1
    _press(qtbot, w, "Ctrl+Y")
    assert len(w.dataset.events) == 2

    saved = tmp_path / "keys.json"
    asked: list[str] = []
    _save_as_answer(saved, asked)
    _press(qtbot, w, "Ctrl+Shift+S")
    assert asked == ["Save dataset as"]
    assert len(load(saved).dataset.events) == 2
    assert not w.windowTitle().startswith("*")
    _press(qtbot, w, "Ins")
    _press(qtbot, w, "Ctrl+S")  # a named native file: saved without asking
    assert asked == ["Save dataset as"]
    assert len(load(saved).dataset.events) == 3

    _press(qtbot, w, "Ins")
    answer(QMessageBox.StandardButton.Cancel)
    _press(qtbot, w, "Ctrl+N")  # unsaved edits: Save / Discard / Cancel
    assert len(w.dataset.events) == 4
    answer(QMessageBox.StandardButton.Discard)
    _press(qtbot, w, "Ctrl+N")
    assert len(w.dataset.events) == 0


def test_reloading_with_unsaved_edits_asks(qtbot, windows, bundled_path, tmp_path) -> None:
    path = tmp_path / "kalbajar.json"
    shutil.copy(bundled_path, path)
    w = windows()
    assert w.open_file(str(path))
    n = len(w.dataset.events)
    w.select_event(0)
    _press(qtbot, w, "Del")
    answer(QMessageBox.StandardButton.Cancel)
    _press(qtbot, w, "F5")
    assert len(w.dataset.events) == n - 1
    assert w.windowTitle().startswith("*")
    answer(QMessageBox.StandardButton.Discard)
    _press(qtbot, w, "F5")
    assert len(w.dataset.events) == n
    assert not w.windowTitle().startswith("*")


def test_the_inspector_edits_every_field(qtbot, windows) -> None:
    w = windows()
    w.editing.act_new.trigger()
    actors = w.editing.show_parts("actors")
    for name in ("Armenia", "Azerbaijan"):
        actors.new_name.setText(name)
        qtbot.mouseClick(actors.add_button, Qt.MouseButton.LeftButton)
    places = w.editing.show_parts("places")
    places.new_name.setText("Kalbajar")
    qtbot.mouseClick(places.add_button, Qt.MouseButton.LeftButton)
    w.editing.act_insert.trigger()
    before = w.dataset.events[0]
    inspector = w.editing.inspector
    f = inspector.fields
    f["title"].setText("Kalbajar handed over")
    f["summary"].setPlainText("Armenia hands the district over.")
    f["start"].setText("2020-11-25T05:00+04:00")
    f["end"].setText("2020-11-25T09:30+04:00")
    f["precision"].setCurrentText("minute")
    f["approximate"].setChecked(True)
    f["uncertain"].setChecked(True)
    f["tz"].setText("Asia/Baku")
    f["text"].setText("this morning")
    f["basis"].setText("relative to the article's date")
    f["status"].setCurrentText("planned")
    f["kind"].setText("territory handover")
    f["actors"].setText("armenia, azerbaijan")
    f["places"].setText("kalbajar")
    f["tags"].setText("handover, ceasefire terms")
    qtbot.mouseClick(inspector.apply_button, Qt.MouseButton.LeftButton)
    assert w.editing.session.last_error == ""
    ev = w.dataset.events[0]
    assert (ev.title, ev.summary) == ("Kalbajar handed over", "Armenia hands the district over.")
    wh = ev.when
    assert (wh.start, wh.end, wh.precision) == (
        "2020-11-25T05:00+04:00",
        "2020-11-25T09:30+04:00",
        "minute",
    )
    assert (wh.approximate, wh.uncertain, wh.tz) == (True, True, "Asia/Baku")
    assert (wh.text, wh.basis) == ("this morning", "relative to the article's date")
    assert (ev.status, ev.kind) == ("planned", "territory handover")
    assert (ev.actors, ev.places) == (["armenia", "azerbaijan"], ["kalbajar"])
    assert ev.tags == ["handover", "ceasefire terms"]
    assert w.editing.act_undo.text() == "&Undo Edit fields of “new-event”"
    assert "Kalbajar handed over" in w.detail.title.text()
    w.editing.act_undo.trigger()
    assert w.dataset.events[0] == before
    assert f["title"].text() == "New event"  # the inspector follows the undo

    f["actors"].setText("armenia, nobody")
    f["tz"].setText("Mars/Olympus")
    qtbot.mouseClick(inspector.apply_button, Qt.MouseButton.LeftButton)
    assert "nobody" in inspector.error_at("actors")
    assert "Mars/Olympus" in inspector.error_at("tz")
    assert w.dataset.events[0] == before


def test_a_quote_goes_to_the_selected_event_blanks_are_refused(qtbot, windows) -> None:
    w = windows()
    w.editing.act_new.trigger()
    w.editing.act_insert.trigger()
    event_id = w.dataset.events[0].id
    assert w.editing.add_source(text=ARTICLE, title="Kalbajar") == ""
    w.select_event(0)
    w.detail.show_source(w.dataset.sources[0])
    blank = ARTICLE.index("\n\n")
    select_span(w, ARTICLE, blank, blank + 2)
    assert w.editing.quotes.quote_selection_dialog() is None
    assert "only blanks" in w.editing.session.last_error
    w.findChild(QMessageBox, "edit_message").close()
    start = ARTICLE.index(WORDS)
    select_span(w, ARTICLE, start, start + len(WORDS))
    _press(qtbot, w, "Ctrl+Shift+Q")
    dialog = w.editing.quotes.quote_dialog
    assert dialog is not None
    assert dialog.target.currentData() == event_id  # the selected event comes first
    assert not dialog.date.isEnabled()
    dialog.speaker.setEditText("Ilham Aliyev")
    dialog.form.setCurrentIndex(dialog.form.findData("reported"))
    click_ok(dialog.buttons)
    assert not dialog.isVisible(), dialog.error.text()
    assert len(w.dataset.events) == 1
    (q,) = w.dataset.events[0].quotes
    assert (q.text, q.form) == (WORDS, "reported")
    assert w.dataset.events[0].citations == [w.dataset.sources[0].id]
    toolbar = w.findChild(QToolBar, "main_toolbar")
    assert w.editing.act_quote in toolbar.actions()


def test_sources_from_pasted_text_and_from_html(qtbot, windows, tmp_path: Path) -> None:
    w = windows()
    w.editing.act_new.trigger()
    dialog = w.editing.add_source_dialog()
    dialog.text.setPlainText(ARTICLE)
    dialog.url.setText("https://example.org/kalbajar")
    dialog.publisher.setText("Example News")
    dialog.published.setText("2020-11-25T14:00+04:00")
    dialog.language.setText("en")
    click_ok(dialog.buttons)
    assert not dialog.isVisible(), dialog.error.text()
    src = w.dataset.sources[0]
    assert src.text == ARTICLE
    assert src.title == ARTICLE.splitlines()[0]
    assert (src.url, src.publisher, src.published, src.language) == (
        "https://example.org/kalbajar",
        "Example News",
        "2020-11-25T14:00+04:00",
        "en",
    )
    assert w.detail.source_text.isVisible()

    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><title>Kalbajar &amp; after</title></head><body><nav>Menu</nav>"
        "<article><p>Troops <b>entered</b> Kalbajar.</p><script>x()</script></article></body>"
        "</html>",
        encoding="utf-8",
    )
    dialog = w.editing.add_source_dialog()
    dialog.file.setText(str(page))
    dialog.published.setText("2020-11-31")
    click_ok(dialog.buttons)
    assert "published" in dialog.error.text()  # validate's message, at the dialog
    assert len(w.dataset.sources) == 1
    dialog.published.setText("2020-11-25")
    click_ok(dialog.buttons)
    assert not dialog.isVisible(), dialog.error.text()
    html_source = w.dataset.sources[1]
    assert html_source.title == "Kalbajar & after"
    assert "Troops entered Kalbajar." in html_source.text
    assert "<" not in html_source.text
    assert "x()" not in html_source.text
    assert w.detail.source_text.toPlainText() == html_source.text
