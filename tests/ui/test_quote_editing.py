"""Editing and deleting quotes in the window: the detail pane's quotes, the source pane, the
inspector; real widgets through qtbot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.editing_helpers import ARTICLE, WORDS, click_ok, select_span
from viewer.model.anchors import utf16_offset
from viewer.model.formats.detect import load
from viewer.ui.window import MainWindow

OTHER = "Azerbaijani troops entered the Kalbajar district on Wednesday"


def _quoted(windows) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window with the article as a source and one event quoting Aliyev's words."""
    w = windows()
    w.editing.act_new.trigger()
    assert w.editing.add_source(text=ARTICLE, title="Kalbajar") == ""
    start = ARTICLE.index(WORDS)
    select_span(w, ARTICLE, start, start + len(WORDS))
    assert w.editing.quotes.quote_selection(new_speaker="Ilham Aliyev", date="2020-11-25") == ""
    assert w.selected == 0
    return w


def _pick_quote(qtbot, w: MainWindow, k: int = 0) -> None:  # type: ignore[no-untyped-def]
    quotes = w.detail.quotes
    rect = quotes.visualItemRect(quotes.item(k))
    qtbot.mouseClick(quotes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return utf16_offset(text, start), utf16_offset(text, start + len(words))


def test_the_quotes_context_menu_edits_speaker_form_and_words(qtbot, windows) -> None:
    w = _quoted(windows)
    assert not w.editing.quotes.act_edit.isEnabled()  # no quote chosen yet
    _pick_quote(qtbot, w)
    menu = w.editing.quotes.quotes_menu()
    names = [a.text() for a in menu.actions() if a.text()]
    assert names[:3] == ["&Edit Quote…", "De&lete Quote", "Anc&hor Quote to Selection"]
    assert all(a.isEnabled() for a in menu.actions()[:3])
    menu.actions()[0].trigger()
    dialog = w.editing.quotes.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal()  # the source pane stays usable to select new words
    assert dialog.speaker.currentText() == "Ilham Aliyev"
    assert dialog.form.currentData() == "direct"

    dialog.speaker.setEditText("Defence ministry")
    dialog.form.setCurrentIndex(dialog.form.findData("reported"))
    start = ARTICLE.index(OTHER)
    select_span(w, ARTICLE, start, start + len(OTHER))
    qtbot.mouseClick(dialog.use_selection, Qt.MouseButton.LeftButton)
    assert OTHER in dialog.words.text()
    click_ok(dialog.buttons)
    assert not dialog.isVisible(), dialog.error.text()

    (q,) = w.dataset.events[0].quotes
    assert (q.text, q.form) == (OTHER, "reported")
    assert w.dataset.actor(q.speaker).name == "Defence ministry"
    assert w.detail.highlighted_spans() == [_span(ARTICLE, OTHER)]
    assert "Defence ministry" in w.detail.quotes.item(0).text()
    assert w.detail.quotes.currentRow() == 0  # still the quote chosen
    assert w.editing.act_undo.text().startswith("&Undo Edit quote “")
    w.editing.act_undo.trigger()
    (q,) = w.dataset.events[0].quotes
    assert (q.text, q.form) == (WORDS, "direct")
    assert [a.name for a in w.dataset.actors] == ["Ilham Aliyev"]
    assert w.detail.highlighted_spans() == [_span(ARTICLE, WORDS)]


def test_a_quote_is_anchored_anew_from_the_source_pane_saved_and_reopened(
    qtbot,
    windows,
    tmp_path: Path,
) -> None:
    w = _quoted(windows)
    cursor = w.detail.source_text.textCursor()
    cursor.clearSelection()
    w.detail.source_text.setTextCursor(cursor)
    menu = {a.text(): a for a in w.editing.source_menu().actions() if a.text()}
    assert not menu["&Quote from Selection…"].isEnabled()
    assert not menu["Anc&hor Quote to Selection"].isEnabled()
    _pick_quote(qtbot, w)
    start = ARTICLE.index(OTHER)
    select_span(w, ARTICLE, start, start + len(OTHER))
    menu = {a.text(): a for a in w.editing.source_menu().actions() if a.text()}
    assert menu["&Quote from Selection…"].isEnabled()
    assert menu["Anc&hor Quote to Selection"].isEnabled()
    menu["Anc&hor Quote to Selection"].trigger()
    (q,) = w.dataset.events[0].quotes
    assert q.text == OTHER
    assert w.dataset.actor(q.speaker).name == "Ilham Aliyev"  # speaker and form kept
    saved = tmp_path / "anchored.json"
    assert w.editing.session.save_as(str(saved))
    assert load(saved).warnings == []
    other = windows()
    assert other.open_file(str(saved))
    other.select_event(0)
    assert other.detail.highlighted_spans() == [_span(ARTICLE, OTHER)]


def test_a_bad_new_span_is_refused_and_nothing_changes(qtbot, windows) -> None:
    w = _quoted(windows)
    _pick_quote(qtbot, w)
    select_span(w, ARTICLE, ARTICLE.index("Wednesday"), ARTICLE.index("President"))
    message = w.editing.quotes.anchor_to_selection()
    assert "paragraph break" in message
    told = w.findChild(QMessageBox, "edit_message")
    assert told is not None
    assert "paragraph break" in told.text()
    told.close()
    assert w.dataset.events[0].quotes[0].text == WORDS
    dialog = w.editing.quotes.edit_dialog()
    qtbot.mouseClick(dialog.use_selection, Qt.MouseButton.LeftButton)
    assert "paragraph break" in dialog.error.text()
    dialog.reject()


def test_del_in_the_quotes_deletes_the_quote_not_the_event(qtbot, windows) -> None:
    w = _quoted(windows)
    _pick_quote(qtbot, w)
    w.activateWindow()  # shortcuts and focus need the active window
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    w.detail.quotes.setFocus()
    qtbot.keyClick(w.detail.quotes, Qt.Key.Key_Delete)
    assert len(w.dataset.events) == 1
    assert w.dataset.events[0].quotes == []
    assert w.detail.quotes.count() == 0
    assert w.detail.highlighted_spans() == []
    assert w.editing.act_undo.text().startswith("&Undo Delete quote")
    qtbot.keyClick(w.detail.quotes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.dataset.events[0].quotes[0].text == WORDS
    assert w.detail.highlighted_spans() == [_span(ARTICLE, WORDS)]
    _pick_quote(qtbot, w)
    w.editing.quotes.quotes_menu().actions()[1].trigger()  # Delete Quote
    assert w.dataset.events[0].quotes == []


def test_the_inspector_lists_the_quotes_to_edit_anchor_and_delete(qtbot, windows) -> None:
    w = _quoted(windows)
    w.editing.act_inspect.trigger()
    inspector = w.editing.inspector
    assert inspector.quotes.count() == 1
    assert "Ilham Aliyev" in inspector.quotes.item(0).text()
    assert not inspector.edit_quote_button.isEnabled()
    inspector.quotes.setCurrentRow(0)
    assert inspector.edit_quote_button.isEnabled()
    assert w.detail.quotes.currentRow() == 0  # the detail pane shows the same quote
    start = ARTICLE.index(OTHER)
    select_span(w, ARTICLE, start, start + len(OTHER))
    qtbot.mouseClick(inspector.anchor_button, Qt.MouseButton.LeftButton)
    assert w.dataset.events[0].quotes[0].text == OTHER
    assert inspector.quote_id() == w.dataset.events[0].quotes[0].id  # still chosen
    qtbot.mouseClick(inspector.edit_quote_button, Qt.MouseButton.LeftButton)
    dialog = w.editing.quotes.dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.form.setCurrentIndex(dialog.form.findData("reported"))
    click_ok(dialog.buttons)
    assert w.dataset.events[0].quotes[0].form == "reported"
    assert "(reported)" in inspector.quotes.item(0).text()
    w.editing.act_undo.trigger()  # (the form back to direct)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    inspector.quotes.setCurrentRow(0)
    inspector.quotes.setFocus()
    qtbot.keyClick(inspector.quotes, Qt.Key.Key_Delete)  # Del there deletes the quote
    assert len(w.dataset.events) == 1
    assert w.dataset.events[0].quotes == []
    w.editing.act_undo.trigger()
    inspector.quotes.setCurrentRow(0)
    qtbot.mouseClick(inspector.delete_quote_button, Qt.MouseButton.LeftButton)
    assert w.dataset.events[0].quotes == []
    assert inspector.quotes.count() == 0
    assert inspector.quotes_heading.text() == "Quotes (0)"
    assert w.findChild(QMessageBox, "edit_message") is None  # nothing was refused
