"""The issue's done-criterion, in one test: from the bundled article's text alone, as a .txt
file, a person rebuilds the bundled event with its quote in the window (its keys, menus and
dialogs), saves it, and reopens it verified: the same event, the same quote anchored to the
same words, highlighted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from tests.ui.editing_helpers import select_span
from viewer.model.anchors import utf16_offset
from viewer.model.dataset import Event
from viewer.model.formats.detect import load

WORDS = (
    "The Azerbaijani flag is flying in the Nagorno-Karabakh region and the occupied Kalbajar "
    "district was liberated this morning."
)


def _ok(qtbot, buttons: QDialogButtonBox) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _answer_file_dialog(path: Path, asked: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.windowTitle())
        box.selectFile(str(path))
        box.accept()

    QTimer.singleShot(0, answer)


def _key(qtbot, w, key: str) -> None:  # type: ignore[no-untyped-def]
    """Press a shortcut as a person does (the window must be active for shortcuts)."""
    from PySide6.QtGui import QKeySequence

    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    combo = QKeySequence(key)[0]
    qtbot.keyClick(w, combo.key(), combo.keyboardModifiers())


def _as_bundled(ev: Event, ids: dict[str, str]) -> dict:  # type: ignore[type-arg]
    """An event as plain data with our ids mapped to the bundled dataset's."""
    data = ev.model_dump(mode="json")
    data["id"] = ids.get(data["id"], data["id"])
    data["actors"] = [ids.get(a, a) for a in data["actors"]]
    data["citations"] = [ids.get(s, s) for s in data["citations"]]
    for q in data["quotes"]:
        q["id"] = ids.get(q["id"], q["id"])
        q["speaker"] = ids.get(q["speaker"], q["speaker"])
        q["source"] = ids.get(q["source"], q["source"])
    return data


def test_the_bundled_article_alone_rebuilds_its_event_saved_and_reopened(
    qtbot, windows, bundled_path, tmp_path: Path
) -> None:
    bundled = load(bundled_path).dataset
    target = bundled.event("kalbajar-handover")
    article_text = bundled.sources[0].text
    assert article_text is not None
    article = tmp_path / "kalbajar-2020-11-25.txt"
    article.write_bytes(article_text.encode("utf-8"))  # the article alone, as a .txt file

    w = windows()
    _key(qtbot, w, "Ctrl+N")
    assert len(w.dataset.events) == 0
    assert w.windowTitle().startswith("Untitled chronology")

    # File > Add Source…: the .txt, its publication date
    w.editing.act_add_source.trigger()
    dialog = w.editing.source_dialog
    assert dialog is not None
    dialog.file.setText(str(article))
    dialog.published.setText("2020-11-25")
    _ok(qtbot, dialog.buttons)
    assert not dialog.isVisible(), dialog.error.text()
    (source,) = w.dataset.sources
    assert source.text == article_text
    assert source.sha256 == bundled.sources[0].sha256
    assert source.title == bundled.sources[0].title

    # Edit > Actors… and Places…: the parties and the district
    actors = w.editing.show_parts("actors")
    for name in ("Armenia", "Azerbaijan"):
        actors.new_name.setText(name)
        qtbot.mouseClick(actors.add_button, Qt.MouseButton.LeftButton)
    actors.close()
    places = w.editing.show_parts("places")
    places.new_name.setText("Kalbajar")
    qtbot.mouseClick(places.add_button, Qt.MouseButton.LeftButton)
    places.close()
    assert [a.id for a in w.dataset.actors] == ["armenia", "azerbaijan"]
    assert [p.id for p in w.dataset.places] == ["kalbajar"]

    # select Erdogan's words in the source pane, Ctrl+Shift+Q: the quote in a new event
    start = article_text.index(WORDS)
    select_span(w, article_text, start, start + len(WORDS))
    _key(qtbot, w, "Ctrl+Shift+Q")
    quote = w.editing.quotes.quote_dialog
    assert quote is not None
    assert quote.isVisible()
    quote.speaker.setEditText("Recep Tayyip Erdogan")
    quote.form.setCurrentIndex(quote.form.findData("direct"))
    quote.target.setCurrentIndex(quote.target.findData("__new__"))
    quote.title.setText(target.title)
    quote.date.setText("2020-11-25")
    _ok(qtbot, quote.buttons)
    assert not quote.isVisible(), quote.error.text()
    assert w.selected == 0

    # F2: the event's other fields in the inspector
    _key(qtbot, w, "F2")
    inspector = w.editing.inspector
    assert inspector is not None
    assert inspector.isVisible()
    inspector.fields["summary"].setPlainText(target.summary)
    inspector.fields["text"].setText(target.when.text)
    inspector.fields["basis"].setText(target.when.basis)
    inspector.fields["kind"].setText(target.kind)
    inspector.fields["actors"].setText("armenia, azerbaijan")
    inspector.fields["places"].setText("kalbajar")
    inspector.fields["tags"].setText("handover")
    qtbot.mouseClick(inspector.apply_button, Qt.MouseButton.LeftButton)
    assert inspector.general.text() == ""
    assert w.windowTitle().startswith("*")

    # Ctrl+S on a new dataset asks where, then writes it
    saved = tmp_path / "rebuilt.json"
    asked: list[str] = []
    _answer_file_dialog(saved, asked)
    _key(qtbot, w, "Ctrl+S")
    assert asked == ["Save dataset as"]
    assert saved.is_file()
    assert not w.windowTitle().startswith("*")

    # reopened: valid, the same event and quote as the bundled dataset's, highlighted
    loaded = load(saved)
    assert loaded.warnings == []
    (ev,) = list(loaded.dataset.events)
    (q,) = ev.quotes
    ids = {
        ev.id: target.id,
        q.id: target.quotes[0].id,
        q.speaker: "erdogan",
        loaded.dataset.sources[0].id: "src-kalbajar",
    }
    assert _as_bundled(ev, ids) == target.model_dump(mode="json")
    assert q.selector == target.quotes[0].selector
    assert loaded.dataset.actor(q.speaker).name == bundled.actor("erdogan").name
    other = windows()
    assert other.open_file(str(saved))
    other.select_event(0)
    a, b = utf16_offset(article_text, start), utf16_offset(article_text, start + len(WORDS))
    assert other.detail.highlighted_spans() == [(a, b)]
    shown = other.detail.source_text.textCursor()
    shown.setPosition(a)
    shown.setPosition(b, shown.MoveMode.KeepAnchor)
    assert shown.selectedText() == WORDS
