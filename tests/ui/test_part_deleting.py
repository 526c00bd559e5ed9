"""Deleting actors, places and sources in their dialogs: refused naming the events that refer
to them, or with the references removed if the user chooses so; undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from tests.ui.editing_helpers import ARTICLE, WORDS, answer, select_span
from viewer.ui.window import MainWindow


def _quoted(windows) -> MainWindow:  # type: ignore[no-untyped-def]
    w = windows()
    w.editing.act_new.trigger()
    assert w.editing.add_source(text=ARTICLE, title="Kalbajar") == ""
    start = ARTICLE.index(WORDS)
    select_span(w, ARTICLE, start, start + len(WORDS))
    assert w.editing.quotes.quote_selection(new_speaker="Ilham Aliyev", date="2020-11-25") == ""
    return w


def test_an_actor_in_use_is_kept_or_deleted_with_its_references(qtbot, windows) -> None:
    w = _quoted(windows)
    dialog = w.editing.show_parts("actors")
    dialog.select("ilham-aliyev")
    asked: list[str] = []

    def ask_and_cancel() -> None:
        box = w.findChild(QMessageBox, "delete_question")
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, ask_and_cancel)  # the question is modal
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    (text,) = asked
    assert "actor 'ilham-aliyev' is referred to by 1 event" in text
    assert "(today-our-army-entered-kalbajar-district)" in text
    assert [a.id for a in w.dataset.actors] == ["ilham-aliyev"]
    assert "referred to by 1 event" in dialog.error.text()

    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert w.dataset.actors == []
    said = w.statusBar().currentMessage()
    assert said == "Deleted actor 'ilham-aliyev' and its references"  # not the refusal
    ev = w.dataset.events[0]
    assert ev.actors == []
    assert ev.quotes[0].speaker is None
    assert "unknown" in w.detail.quotes.item(0).text()
    assert dialog.items.count() == 0
    assert w.editing.act_undo.text().startswith("&Undo Delete actor “ilham-aliyev” and its")
    w.editing.act_undo.trigger()
    assert [a.id for a in w.dataset.actors] == ["ilham-aliyev"]
    assert w.dataset.events[0].quotes[0].speaker == "ilham-aliyev"
    assert dialog.items.count() == 1


def test_an_unused_place_is_deleted_without_a_question(qtbot, windows) -> None:
    w = _quoted(windows)
    dialog = w.editing.show_parts("places")
    dialog.new_name.setText("Kalbajar")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in w.dataset.places] == ["kalbajar"]
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert w.dataset.places == []
    assert w.findChild(QMessageBox, "delete_question") is None


def test_a_quoted_source_is_refused_a_cited_one_deleted_with_its_citations(qtbot, windows) -> None:
    w = _quoted(windows)
    dialog = w.editing.show_parts("sources")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert w.findChild(QMessageBox, "delete_question") is None  # nothing to choose
    assert "1 quote in 1 event is anchored to its text" in dialog.error.text()
    assert len(w.dataset.sources) == 1

    w.select_event(0)
    quotes = w.detail.quotes
    quotes.setCurrentRow(0)
    assert w.editing.quotes.delete_quote() == ""
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert w.dataset.sources == []
    assert w.dataset.events[0].citations == []
    assert dialog.error.text() == ""
    w.editing.act_undo.trigger()
    assert len(w.dataset.sources) == 1
    assert w.dataset.events[0].citations == [w.dataset.sources[0].id]
