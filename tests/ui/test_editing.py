"""Editing in the window, as a person does it: real widgets, real files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.editing_helpers import ARTICLE, WORDS, answer, click_ok, select_span
from viewer.model.anchors import utf16_offset
from viewer.model.formats.detect import load


def test_from_an_article_to_a_saved_quoted_event_and_back(qtbot, windows, tmp_path: Path) -> None:
    article = tmp_path / "kalbajar.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    w = windows()
    w.editing.act_new.trigger()
    assert w.dataset is not None
    assert len(w.dataset.events) == 0

    dialog = w.editing.add_source_dialog()
    dialog.file.setText(str(article))
    dialog.published.setText("2020-11-25T14:00+04:00")
    click_ok(dialog.buttons)
    assert not dialog.isVisible()
    (source,) = w.dataset.sources
    assert source.text == ARTICLE
    assert source.title == "Azerbaijan takes control of Kalbajar 🇦🇿"
    assert w.detail.source_text.toPlainText().startswith("Azerbaijan takes control")

    start = ARTICLE.index(WORDS)
    select_span(w, ARTICLE, start, start + len(WORDS))
    quote = w.editing.quotes.quote_selection_dialog()
    assert quote is not None
    quote.speaker.setEditText("Ilham Aliyev")
    quote.target.setCurrentIndex(quote.target.findData("__new__"))
    quote.title.setText("Azerbaijani army enters Kalbajar")
    quote.date.setText("2020-11-25")
    click_ok(quote.buttons)
    assert not quote.isVisible(), quote.error.text()

    (event,) = list(w.dataset.events)
    assert event.title == "Azerbaijani army enters Kalbajar"
    (q,) = event.quotes
    assert q.text == WORDS
    assert (q.selector.start, q.selector.end) == (start, start + len(WORDS))
    assert w.dataset.actor(q.speaker).name == "Ilham Aliyev"
    assert w.selected == 0
    a, b = utf16_offset(ARTICLE, start), utf16_offset(ARTICLE, start + len(WORDS))
    assert w.detail.highlighted_spans() == [(a, b)]
    assert w.windowTitle().startswith("*")
    assert "Quote in new event" in w.editing.act_undo.text()

    # undo and redo: the timeline, the list and the detail pane follow
    w.editing.act_undo.trigger()
    assert len(w.dataset.events) == 0
    assert w.full_index.n_events == 0
    assert w.dataset.actors == []
    w.editing.act_redo.trigger()
    assert len(w.dataset.events) == 1
    assert w.full_index.n_events == 1
    assert w.events.model.rowCount() == 1

    saved = tmp_path / "chronology.json"
    assert w.editing.session.save_as(str(saved))
    assert not w.windowTitle().startswith("*")
    assert load(saved).warnings == []

    other = windows()
    assert other.open_file(str(saved))
    other.select_event(0)
    assert other.detail.highlighted_spans() == [(a, b)]
    shown = other.detail.source_text.textCursor()
    shown.setPosition(a)
    shown.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    assert shown.selectedText() == WORDS


def test_a_selection_across_paragraphs_is_refused(qtbot, windows, tmp_path: Path) -> None:
    w = windows()
    w.editing.act_new.trigger()
    assert w.editing.add_source(text=ARTICLE, title="Kalbajar") == ""
    select_span(w, ARTICLE, ARTICLE.index("Wednesday"), ARTICLE.index("President"))
    assert w.editing.quotes.quote_selection_dialog() is None
    assert "paragraph break" in w.editing.session.last_error
    assert "paragraph break" in w.editing.quotes.quote_selection(date="2020-11-25")
    assert len(w.dataset.events) == 0


def test_inspector_edits_fields_and_shows_validates_message_at_the_field(qtbot, windows) -> None:
    w = windows()
    w.editing.act_new.trigger()
    w.editing.act_insert.trigger()
    assert len(w.dataset.events) == 1
    inspector = w.editing.inspector
    assert inspector is not None
    inspector.fields["title"].setText("Ceasefire signed")
    inspector.fields["start"].setText("2020-11-10T00:00+03:00")
    inspector.fields["start"].textEdited.emit("2020-11-10T00:00+03:00")
    inspector.fields["tz"].setText("Europe/Moscow")
    inspector.fields["text"].setText("00:00 hours (Moscow time) on November 10")
    inspector.fields["tags"].setText("ceasefire, treaty")
    qtbot.mouseClick(inspector.apply_button, Qt.MouseButton.LeftButton)
    ev = w.dataset.events[0]
    assert ev.title == "Ceasefire signed"
    assert ev.when.precision == "minute"
    assert ev.when.tz == "Europe/Moscow"
    assert ev.tags == ["ceasefire", "treaty"]
    assert w.events.model.rowCount() == 1
    assert "Ceasefire signed" in w.events.model.data(w.events.model.index(0, 1))

    inspector.fields["start"].setText("2020-13-10")
    qtbot.mouseClick(inspector.apply_button, Qt.MouseButton.LeftButton)
    assert "2020-13-10" in inspector.error_at("start")
    assert w.dataset.events[0].when.start == "2020-11-10T00:00+03:00"  # nothing changed

    w.select_event(0)
    w.editing.act_delete.trigger()
    assert len(w.dataset.events) == 0
    assert w.editing.act_undo.text().endswith("Delete event “new-event”")
    w.editing.act_undo.trigger()
    assert w.dataset.events[0].title == "Ceasefire signed"


def test_double_click_on_empty_timeline_makes_an_event_in_that_lane(
    qtbot, windows, bundled_path
) -> None:
    w = windows()
    w.open_file(str(bundled_path))
    w.set_lane_mode("actor")
    n = len(w.dataset.events)
    index = w.full_index
    lane = 0
    t0, t1 = w.timeline.visible_range()
    y = float(index.lane_top[lane]) + 0.5
    assert w.editing.insert_event_at((t0 + t1) / 2, y) == ""
    assert len(w.dataset.events) == n + 1
    ev = w.dataset.events[n]
    assert [w.dataset.actor(a).name for a in ev.actors] == [index.lanes[lane]]
    assert ev.when.precision == "day"
    assert w.selected == n


def test_a_new_dataset_shows_this_year_and_a_double_click_dates_an_event_in_it(
    qtbot, windows
) -> None:
    w = windows()
    w.editing.act_new.trigger()
    t0, t1 = w.timeline.visible_range()
    now = datetime.now(UTC)
    assert t0 <= now.timestamp() <= t1  # not the days around 1 January 1970
    assert w.editing.insert_event_at((t0 + t1) / 2, 0.5) == ""
    assert w.dataset is not None
    assert w.dataset.events[0].when.start[:4] == str(now.year)


@pytest.mark.parametrize("mode", ["kind", "actor", "place", "status", "tag"])
def test_the_event_made_by_a_double_click_is_shown_in_the_lane_clicked(
    qtbot, windows, bundled_path, mode: str
) -> None:
    w = windows()
    w.open_file(str(bundled_path))
    w.set_lane_mode(mode)
    index = w.full_index
    lane = 1
    t0, t1 = w.timeline.visible_range()
    y = float(index.lane_top[lane]) + 0.5
    assert w.editing.insert_event_at((t0 + t1) / 2, y) == ""
    model = w.events.model
    shown = model.data(model.index(model.row_of(w.selected), 2), Qt.ItemDataRole.DisplayRole)
    assert shown == index.lanes[lane]  # (in tag mode it was "(no tag)")


def test_unsaved_edits_ask_before_closing_and_the_answer_is_kept(
    qtbot, windows, tmp_path: Path
) -> None:
    w = windows()
    w.editing.act_new.trigger()
    w.editing.act_insert.trigger()
    answer(QMessageBox.StandardButton.Cancel)
    assert not w.close()
    assert w.isVisible()
    answer(QMessageBox.StandardButton.Discard)
    assert w.close()


def test_save_asks_before_overwriting_a_file_changed_on_disk(
    qtbot, windows, tmp_path: Path
) -> None:
    w = windows()
    w.editing.act_new.trigger()
    w.editing.act_insert.trigger()
    path = tmp_path / "d.json"
    assert w.editing.session.save_as(str(path))
    w.editing.act_insert.trigger()
    path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    answer(QMessageBox.StandardButton.Cancel)
    assert not w.editing.session.save()
    assert w.windowTitle().startswith("*")
    answer(QMessageBox.StandardButton.Save)
    assert w.editing.session.save()
    assert len(json.loads(path.read_text(encoding="utf-8"))["events"]) == 2


def test_a_recovery_copy_is_offered_at_start(qtbot, windows, tmp_path: Path) -> None:
    w = windows()
    w.editing.act_new.trigger()
    w.editing.act_insert.trigger()
    w.editing.session.write_recovery()
    folder = w.editing.session.recovery_folder
    assert (folder / "recovery.json").is_file()
    w.editing.session.stack.setClean()  # as if the program stopped here

    again = windows()
    answer(QMessageBox.StandardButton.Yes)
    again.open_initial(None)
    assert len(again.dataset.events) == 1
    assert again.windowTitle().startswith("*")
    assert again.editing.session.dirty
    answer(QMessageBox.StandardButton.Discard)
    assert again.close()
    assert not (folder / "recovery.json").exists()


def test_menus_and_shortcuts(qtbot, windows) -> None:
    w = windows()
    e = w.editing
    assert e.act_quote.shortcut().toString() == "Ctrl+Shift+Q"
    assert e.act_save_as.shortcut().toString() == "Ctrl+Shift+S"
    assert [k.toString() for k in e.act_redo.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert e.act_insert.shortcut().toString() == "Ins"
    assert e.act_delete.shortcut().toString() == "Del"
    titles = [a.text() for a in w.menuBar().actions()]
    assert titles[:2] == ["&File", "&Edit"]
    assert e.act_undo in e.edit_menu.actions()
    assert e.act_new in w.file_menu.actions()


def test_opening_another_file_with_unsaved_edits_asks(qtbot, windows, bundled_path) -> None:
    w = windows()
    w.editing.act_new.trigger()
    w.editing.act_insert.trigger()
    answer(QMessageBox.StandardButton.Cancel)
    assert not w.open_file(str(bundled_path))
    assert len(w.dataset.events) == 1
    answer(QMessageBox.StandardButton.Discard)
    assert w.open_file(str(bundled_path))
    assert len(w.dataset.events) > 1
    assert not w.windowTitle().startswith("*")


def test_actors_are_added_renamed_given_aliases_and_merged(qtbot, windows) -> None:
    w = windows()
    w.editing.act_new.trigger()
    assert w.editing.add_source(text=ARTICLE, title="Kalbajar") == ""
    start = ARTICLE.index(WORDS)
    select_span(w, ARTICLE, start, start + len(WORDS))
    assert w.editing.quotes.quote_selection(new_speaker="Aliyev", date="2020-11-25") == ""
    dialog = w.editing.show_parts("actors")
    dialog.new_name.setText("Ilham Aliyev")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [a.name for a in w.dataset.actors] == ["Aliyev", "Ilham Aliyev"]
    assert dialog.current_id() == "ilham-aliyev"
    dialog.aliases.setText("President Aliyev, İlham Əliyev")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert w.dataset.actor("ilham-aliyev").aliases == ["President Aliyev", "İlham Əliyev"]
    dialog.select("aliyev")
    dialog.merge_target.setCurrentIndex(dialog.merge_target.findData("ilham-aliyev"))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert [a.id for a in w.dataset.actors] == ["ilham-aliyev"]
    (ev,) = list(w.dataset.events)
    assert ev.quotes[0].speaker == "ilham-aliyev"
    assert ev.actors == ["ilham-aliyev"]
    assert "Ilham Aliyev" in w.detail.quotes.item(0).text()
    w.editing.act_undo.trigger()
    assert [a.id for a in w.dataset.actors] == ["aliyev", "ilham-aliyev"]
    assert w.dataset.events[0].quotes[0].speaker == "aliyev"
    dialog.select("aliyev")
    dialog.name.setText("")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert w.dataset.actor("aliyev").name == "Aliyev"
    dialog.name.setText("Ilham Heydar oglu Aliyev")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert w.dataset.actor("aliyev").name == "Ilham Heydar oglu Aliyev"


def test_a_sources_fields_are_editable_and_checked(qtbot, windows) -> None:
    w = windows()
    w.editing.act_new.trigger()
    assert w.editing.add_source(text=ARTICLE, title="Kalbajar") == ""
    dialog = w.editing.show_parts("sources")
    dialog.fields["url"].setText("https://example.org/kalbajar")
    dialog.fields["publisher"].setText("Example News")
    dialog.fields["published"].setText("2020-11-25T14:00+04:00")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    (src,) = w.dataset.sources
    assert src.url == "https://example.org/kalbajar"
    assert src.publisher == "Example News"
    assert src.published == "2020-11-25T14:00+04:00"
    assert src.text == ARTICLE
    dialog.fields["published"].setText("2020-11-31")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert "sources[0].published" in dialog.error.text()
    assert w.dataset.sources[0].published == "2020-11-25T14:00+04:00"
    w.editing.act_undo.trigger()
    assert w.dataset.sources[0].url is None


def _double_click(qtbot, widget, pos) -> None:  # type: ignore[no-untyped-def]
    """What a real double-click sends: press, release, double-click, release."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_a_real_double_click_on_empty_space_makes_an_event_at_that_date_in_that_lane(
    qtbot, windows, bundled_path
) -> None:
    w = windows()
    w.open_file(str(bundled_path))
    w.set_lane_mode("kind")
    n = len(w.dataset.events)
    index = w.full_index
    t0, t1 = w.timeline.visible_range()
    lane = 0
    # below the lane's rows of marks and labels, at the left edge of the visible range
    y = float(index.lane_top[lane + 1]) - 0.05 if index.n_lanes > 1 else 0.95
    t = t0 + (t1 - t0) * 0.02
    scene = w.timeline.view_box.mapViewToScene(QPointF(t, y))
    if w.timeline.event_at(scene) >= 0:
        pytest.skip("no empty space found at that place")
    pos = w.timeline.plot.mapFromScene(scene)
    t = w.timeline.view_box.mapSceneToView(w.timeline.plot.mapToScene(pos)).x()
    view = w.timeline.visible_range()
    _double_click(qtbot, w.timeline.plot.viewport(), pos)
    assert len(w.dataset.events) == n + 1
    ev = w.dataset.events[n]
    assert ev.kind == index.lanes[lane]
    offset = w.timeline.axis.offset
    assert ev.when.start == datetime.fromtimestamp(t + offset, tz=UTC).strftime("%Y-%m-%d")
    assert w.selected == n
    assert w.editing.inspector is not None
    assert w.editing.inspector.isVisible()
    assert w.editing.inspector.current.id == ev.id
    assert w.timeline.visible_range() == pytest.approx(view)  # no fit-all on the way
    w.editing.act_undo.trigger()
    assert len(w.dataset.events) == n


def test_a_double_click_on_an_event_opens_it_and_makes_none(qtbot, windows, bundled_path) -> None:
    w = windows()
    w.open_file(str(bundled_path))
    n = len(w.dataset.events)
    row = next(k for k, ev in enumerate(w.dataset.events) if ev.id == "kalbajar-handover")
    pos = w.timeline.plot.mapFromScene(w.timeline.scene_pos_of(row))
    _double_click(qtbot, w.timeline.plot.viewport(), pos)
    assert len(w.dataset.events) == n
    assert w.selected == row
    assert w.editing.inspector.isVisible()
    assert w.editing.inspector.fields["title"].text() == w.dataset.events[row].title
    assert not w.windowTitle().startswith("*")


def _timelinejs(tmp_path: Path, bundled_path: Path) -> Path:
    src = tmp_path / "story.json"
    src.write_text(
        json.dumps({"events": [{"start_date": {"year": 2020}, "text": {"headline": "A"}}]}),
        encoding="utf-8",
    )
    return src


def _events_csv(tmp_path: Path, bundled_path: Path) -> Path:
    from viewer.model.formats.events_csv import events_csv_text

    src = tmp_path / "story.csv"
    text, _lost = events_csv_text(load(bundled_path).dataset)
    src.write_text(text, encoding="utf-8")
    return src


@pytest.mark.parametrize("make", [_timelinejs, _events_csv], ids=["timelinejs", "csv"])
def test_a_file_of_another_format_is_saved_as_a_native_file_asking_where(
    qtbot, windows, tmp_path, bundled_path, make
) -> None:
    from PySide6.QtWidgets import QFileDialog

    src = make(tmp_path, bundled_path)
    before = src.read_text(encoding="utf-8")
    w = windows()
    assert w.open_file(str(src))
    assert w.loaded.format != "native"
    w.select_event(0)
    w.editing.show_inspector()
    w.editing.inspector.fields["title"].setText("Renamed")
    w.editing.inspector.apply()
    target = tmp_path / "story-native.json"
    asked: list[str] = []

    def choose() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QFileDialog):
            QTimer.singleShot(20, choose)
            return
        asked.append(box.windowTitle())
        box.selectFile(str(target))
        box.accept()

    QTimer.singleShot(0, choose)
    assert w.editing.session.save()
    assert asked == ["Save dataset as"]
    assert src.read_text(encoding="utf-8") == before  # the input is never written over
    saved = load(target)
    assert saved.format == "native"
    assert saved.dataset.events[0].title == "Renamed"


def test_unsaved_edits_are_written_to_the_recovery_file_by_the_timer(qtbot, windows) -> None:
    w = windows()
    session = w.editing.session
    assert session.recovery_timer.interval() == 30_000  # every 30 s
    session.recovery_timer.setInterval(30)
    w.editing.act_new.trigger()
    w.editing.act_insert.trigger()
    target = session.recovery_folder / "recovery.json"
    qtbot.waitUntil(target.is_file, timeout=3000)
    assert len(load(target).dataset.events) == 1


def test_an_end_before_the_start_is_shown_at_the_end_field(qtbot, windows) -> None:
    w = windows()
    w.editing.act_new.trigger()
    w.editing.act_insert.trigger()
    inspector = w.editing.inspector
    inspector.fields["start"].setText("2020-11-25")
    inspector.fields["end"].setText("2020-11-01")
    assert inspector.apply()
    assert "before start" in inspector.error_at("end")
    assert w.dataset.events[0].when.end is None


def test_changes_in_the_inspector_are_applied_when_another_event_is_selected(
    qtbot, windows, bundled_path
) -> None:
    """Typing in the inspector and then selecting another event keeps what was typed: valid
    changes are applied (one undoable edit); refused ones keep the inspector on their event."""
    w = windows()
    w.open_file(str(bundled_path))
    first, second = w.dataset.events[0].id, w.dataset.events[1].id
    w.select_event(0)
    w.editing.act_inspect.trigger()
    inspector = w.editing.inspector
    assert inspector is not None
    assert inspector.current.id == first
    inspector.fields["title"].setText("Typed, not applied")
    w.select_event(1)
    assert w.dataset.events[0].title == "Typed, not applied"
    assert inspector.current.id == second
    assert w.selected == 1  # the selection the user chose, not the event just changed
    assert w.editing.act_undo.isEnabled()

    inspector.fields["start"].setText("2020-13-10")  # refused: month 13
    before = w.dataset.events[1].when.start
    w.select_event(0)
    assert inspector.current.id == second  # stays on the event being edited
    assert "2020-13-10" in inspector.error_at("start")
    assert inspector.fields["start"].text() == "2020-13-10"  # the typing is kept
    assert w.dataset.events[1].when.start == before
    assert "not applied" in w.statusBar().currentMessage()
    w.editing.act_inspect.trigger()  # F2 drops them and follows the selection
    assert inspector.current.id == first
