"""File > Import Article… in the window: the dialog, its refusals, and (with the importer)
a real article drafted and opened as an unsaved document to review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from viewer.model.edits import UpdateEvent
from viewer.model.formats.detect import load
from viewer.model.saving import clear_recovery
from viewer.ui.window import MainWindow


@pytest.fixture
def window(qtbot, bundled_path):  # type: ignore[no-untyped-def]
    """A window on the bundled dataset; at the end its edits count as saved (closing it asks
    nothing), then it closes, and no recovery copy is left for a later test. (Not
    qtbot.addWidget: pytest-qt closes those before the fixtures end.)"""
    w = MainWindow()
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_file(str(bundled_path))
    yield w
    session = w.editing.session
    session.stack.setClean()
    session.restored_unsaved = False
    w.close()
    w.deleteLater()
    clear_recovery(session.recovery_folder)


def _ok(buttons: QDialogButtonBox) -> None:
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_menu_opens_the_dialog_and_it_refuses_a_missing_file(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    act = window.importing.act_import
    assert act in window.file_menu.actions()
    assert act.shortcut().toString() == "Ctrl+Shift+O"
    act.trigger()
    dialog = window.importing.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.published.text() == dialog.zone.text() == dialog.url.text() == ""
    _ok(dialog.buttons)
    assert dialog.isVisible()
    assert dialog.error.text() == "choose the article's file (.txt or .html)"
    dialog.file.setText(str(tmp_path / "nope.txt"))
    _ok(dialog.buttons)
    assert dialog.isVisible()
    assert dialog.error.text().endswith("nope.txt: no such file; expected a .txt or .html article")
    assert window.dataset is not None
    assert window.dataset.title.startswith("Kalbajar")  # the open dataset stays
    dialog.reject()


def _import_through_the_menu(qtbot, w: MainWindow, path: Path, published: str = "") -> None:  # type: ignore[no-untyped-def]
    w.importing.act_import.trigger()
    dialog = w.importing.dialog
    assert dialog is not None
    dialog.file.setText(str(path))
    dialog.published.setText(published)
    _ok(dialog.buttons)
    assert dialog.error.text() == ""
    qtbot.waitUntil(lambda: w.importing.job is None, timeout=30_000)


def _article(tmp_path: Path, bundled_path: Path) -> Path:
    """The bundled dataset's article as a plain .txt file."""
    text = json.loads(bundled_path.read_text(encoding="utf-8"))["sources"][0]["text"]
    path = tmp_path / "kalbajar.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_article_is_drafted_opened_unsaved_reviewed_and_saved(
    qtbot, window: MainWindow, tmp_path: Path, bundled_path: Path, monkeypatch
) -> None:
    w = window
    _import_through_the_menu(qtbot, w, _article(tmp_path, bundled_path))
    assert w.importing.last_error == ""
    session = w.editing.session
    assert session.doc is not None
    assert session.doc.path == ""
    assert session.dirty
    assert w.windowTitle().startswith("*")
    assert "Untitled" in w.windowTitle()
    n = len(w.dataset.events)  # type: ignore[union-attr]
    assert n >= 10
    count = w.review.count_text
    assert count.endswith("quotes)")
    assert all(ev.draft is not None for ev in w.dataset.events)  # type: ignore[union-attr]
    box = w.importing.message_box  # the importer's warnings: where the date came from
    assert box is not None
    assert box.objectName() == "import_warnings"
    assert "publication date 2020-11-25" in box.informativeText()
    assert "the Published field overrides it" in box.informativeText()  # no command option
    assert "--published" not in box.informativeText()
    box.close()
    # review: the first draft in time is selected, with its source; accepted; the next one
    # rejected
    first = w.selected
    assert first >= 0
    assert first == int(w.index.chrono[0])  # type: ignore[union-attr]
    assert not w.detail.showing_summary()
    assert w.detail.source is not None
    first_id = w.dataset.events[first].id  # type: ignore[union-attr]
    w.review.act_accept.trigger()
    assert w.dataset.events[w.selected].draft is None  # type: ignore[union-attr]
    w.review.step(1)
    rejected = w.dataset.events[w.selected].id  # type: ignore[union-attr]
    w.review.act_reject.trigger()
    assert len(w.dataset.events) == n - 1  # type: ignore[union-attr]
    # Save asks where (the draft has no file yet)
    out = tmp_path / "draft.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert session.save()
    assert not session.dirty
    saved = load(out).dataset
    by_id = {ev.id: ev for ev in saved.events}
    assert by_id[first_id].draft is None
    assert rejected not in by_id
    assert sum(ev.draft is not None for ev in saved.events) == n - 2
    assert saved.sources[0].text == _article(tmp_path, bundled_path).read_text(encoding="utf-8")


def test_an_import_that_fails_says_why_and_keeps_the_open_dataset(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    w = window
    before = w.dataset
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    _import_through_the_menu(qtbot, w, empty)
    assert "empty.txt" in w.importing.last_error
    box = w.importing.message_box
    assert box is not None
    assert box.objectName() == "import_error"
    assert box.text() == "Cannot import empty.txt"
    assert w.dataset is before
    assert not w.editing.session.dirty
    box.close()
    # a publication date that is no date: said in the dialog, which stays open; nothing
    # started, nothing opened
    w.importing.act_import.trigger()
    dialog = w.importing.dialog
    assert dialog is not None
    dialog.file.setText(str(empty))
    dialog.published.setText("25/11/2020")
    _ok(dialog.buttons)
    assert dialog.isVisible()
    assert w.importing.job is None
    assert "empty.txt: Published '25/11/2020' is not a date" in dialog.error.text()
    dialog.published.setText("")
    dialog.zone.setText("Mars/Olympus")
    _ok(dialog.buttons)
    assert dialog.isVisible()
    assert dialog.error.text().startswith(f"{empty}: Zone: ")
    assert "--" not in dialog.error.text()
    dialog.reject()
    assert w.dataset is before


def test_an_html_page_with_a_title_and_url_given_in_the_dialog(
    qtbot, window: MainWindow, tmp_path: Path, bundled_path: Path
) -> None:
    text = json.loads(bundled_path.read_text(encoding="utf-8"))["sources"][0]["text"]
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[2:])
    page = tmp_path / "kalbajar.html"
    page.write_text(
        "<html><head><title>Kalbajar</title>"
        "<meta property='article:published_time' content='2020-11-25'></head>"
        "<body><nav>Home | World | Sport</nav><article><h1>Azerbaijan liberated Kalbajar</h1>"
        f"{paragraphs}</article><footer>All rights reserved</footer></body></html>",
        encoding="utf-8",
    )
    w = window
    w.importing.act_import.trigger()
    dialog = w.importing.dialog
    assert dialog is not None
    dialog.file.setText(str(page))
    dialog.title.setText("Kalbajar, as drafted")
    dialog.url.setText("https://example.org/kalbajar")
    _ok(dialog.buttons)
    qtbot.waitUntil(lambda: w.importing.job is None, timeout=30_000)
    assert w.importing.last_error == ""
    ds = w.dataset
    assert ds is not None
    source = ds.sources[0]
    assert (source.title, source.url) == ("Kalbajar, as drafted", "https://example.org/kalbajar")
    assert source.text is not None
    assert "Home | World" not in source.text
    assert "All rights reserved" not in source.text
    assert "drafts to review" in w.review.count_text
    assert w.detail.source is not None
    assert w.detail.source.id == source.id  # the first draft is shown with its source


def test_edits_made_while_the_article_is_drafted_are_not_dropped_unasked(
    qtbot, window: MainWindow, tmp_path: Path, bundled_path: Path
) -> None:
    """The busy dialog is window-modal, but it shows after 300 ms: an edit made before that
    is asked about when the draft arrives (Cancel keeps it and drops the draft)."""
    w = window
    assert w.importing.import_article(str(_article(tmp_path, bundled_path))) == ""
    assert w.importing.progress is not None
    assert w.importing.progress.windowModality() == Qt.WindowModality.WindowModal
    w.select_event(0)
    title = w.dataset.events[0].title  # type: ignore[union-attr]
    assert w.editing.session.push(UpdateEvent(w.dataset.events[0].id, {"title": "Mine"})) == ""  # type: ignore[union-attr]
    busy_when_asked: list[object] = []

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, cancel)
            return
        busy_when_asked.append(w.importing.progress)
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, cancel)
    qtbot.waitUntil(lambda: w.importing.job is None, timeout=30_000)
    assert busy_when_asked == [None]  # the busy dialog gone before the question
    assert w.dataset is not None
    assert w.dataset.events[0].title == "Mine"  # kept, the draft dropped
    assert w.review.count_text == ""
    assert "dropped" in w.statusBar().currentMessage()
    assert title != "Mine"


def test_an_article_without_dated_statements_opens_nothing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    w = window
    before = w.dataset
    article = tmp_path / "undated.txt"
    article.write_text('No dates here at all. "Hello," he said.\n', encoding="utf-8")
    _import_through_the_menu(qtbot, w, article)
    box = w.importing.message_box
    assert box is not None
    assert box.objectName() == "import_error"
    assert box.text() == "Cannot import undated.txt"
    assert f"{article}: no dated statement found" in box.informativeText()
    assert "no publication date found" in box.informativeText()  # the warnings too
    box.close()
    assert w.dataset is before  # not an empty draft in its place
    assert not w.editing.session.dirty


def test_a_window_without_a_dataset_says_an_article_can_be_drafted(qtbot) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow()
    qtbot.addWidget(w)
    w.detail.show_event(None)
    hint = w.detail.overview.hint.text()
    assert "File > Open (Ctrl+O)" in hint
    assert "File > Import Article (Ctrl+Shift+O)" in hint
