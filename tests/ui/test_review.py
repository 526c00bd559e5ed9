"""Reviewing a drafted chronology in the window: the marks, the count, Next Draft, Accept,
Reject, per-quote review, undo, and saving what is left to review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.drafts import DRAFT_QUOTES, write_draft
from viewer.model.formats.detect import load
from viewer.model.saving import clear_recovery
from viewer.ui.event_list import DRAFT_COLUMN
from viewer.ui.window import MainWindow


@pytest.fixture
def draft_window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """A window on the drafted dataset; at the end its edits count as saved, then it closes."""
    w = MainWindow()
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_file(str(write_draft(tmp_path)))
    yield w
    session = w.editing.session
    session.stack.setClean()
    session.restored_unsaved = False
    w.close()
    w.deleteLater()
    clear_recovery(session.recovery_folder)


def _row(w: MainWindow, event_id: str) -> int:
    assert w.dataset is not None
    return next(i for i, ev in enumerate(w.dataset.events) if ev.id == event_id)


def _badge(w: MainWindow, event_id: str) -> str:
    model = w.events.model
    row = model.row_of(_row(w, event_id))
    return str(model.data(model.index(row, DRAFT_COLUMN), Qt.ItemDataRole.DisplayRole))


def _selected_id(w: MainWindow) -> str:
    assert w.dataset is not None
    return w.dataset.events[w.selected].id


def _key(qtbot, w: MainWindow, key: Qt.Key, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    w.activateWindow()
    w.events.table.setFocus()
    qtbot.keyClick(w.events.table, key, mod)


def test_a_draft_opens_marked_everywhere(draft_window: MainWindow) -> None:
    w = draft_window
    assert w.review.count_text == "6 drafts to review (3 events, 3 quotes)"
    assert not w.events.table.isColumnHidden(DRAFT_COLUMN)
    assert _badge(w, "aghdam-handover") == "draft 55%"
    assert _badge(w, "erdogan-statement") == "draft 70% · 2 quotes"
    assert _badge(w, "kalbajar-handover") == "1 quote to review"
    assert _badge(w, "lachin-handover") == ""
    drafted = {w.dataset.events[int(r)].id for r in w.timeline.items.drafts}  # type: ignore[union-attr]
    assert drafted == {"ceasefire", "aghdam-handover", "erdogan-statement", "kalbajar-handover"}
    assert "draft to review" in w.timeline.legend.accessibleDescription()


def test_sorted_by_the_draft_column_the_least_sure_come_first(draft_window: MainWindow) -> None:
    w = draft_window
    w.events.table.sortByColumn(DRAFT_COLUMN, Qt.SortOrder.AscendingOrder)
    model = w.events.model
    shown = [w.dataset.events[int(r)].id for r in model.rows[:4]]  # type: ignore[union-attr]
    assert shown == ["aghdam-handover", "erdogan-statement", "ceasefire", "kalbajar-handover"]


def test_a_dataset_without_drafts_shows_no_draft_column(qtbot, bundled_path) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_file(str(bundled_path))
    assert w.events.table.isColumnHidden(DRAFT_COLUMN)
    assert w.review.count_text == ""
    assert "draft" not in w.timeline.legend.accessibleDescription()


def test_next_and_previous_draft_select_in_time_order(qtbot, draft_window: MainWindow) -> None:
    w = draft_window
    _key(qtbot, w, Qt.Key.Key_F8)
    assert _selected_id(w) == "ceasefire"
    _key(qtbot, w, Qt.Key.Key_F8)
    assert _selected_id(w) == "aghdam-handover"
    _key(qtbot, w, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert _selected_id(w) == "ceasefire"
    _key(qtbot, w, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # wraps to the last
    assert _selected_id(w) in {"erdogan-statement", "kalbajar-handover"}
    assert w.detail.title.text() == w.dataset.events[w.selected].title  # type: ignore[union-attr]


def test_accept_clears_the_mark_and_undo_restores_it(qtbot, draft_window: MainWindow) -> None:
    w = draft_window
    w.select_event(_row(w, "aghdam-handover"))
    assert w.detail.draft.text().startswith("draft, 55% sure: check the date")
    assert not w.detail.draft.isHidden()
    _key(qtbot, w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _badge(w, "aghdam-handover") == ""
    assert w.review.count_text == "5 drafts to review (2 events, 3 quotes)"
    assert w.windowTitle().startswith("*")
    assert _selected_id(w) == "aghdam-handover"
    assert w.detail.draft.isHidden()
    assert w.editing.act_undo.text() == "&Undo Accept draft “aghdam-handover”"
    w.editing.act_undo.trigger()
    assert _badge(w, "aghdam-handover") == "draft 55%"
    assert w.review.count_text.startswith("6 drafts")
    assert not w.windowTitle().startswith("*")


def test_reject_removes_the_event_and_undo_brings_it_back(qtbot, draft_window: MainWindow) -> None:
    w = draft_window
    n = len(w.dataset.events)  # type: ignore[union-attr]
    w.select_event(_row(w, "ceasefire"))
    _key(qtbot, w, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert len(w.dataset.events) == n - 1  # type: ignore[union-attr]
    assert "ceasefire" not in [ev.id for ev in w.dataset.events]  # type: ignore[union-attr]
    assert w.review.count_text == "5 drafts to review (2 events, 3 quotes)"
    assert _selected_id(w) == "aghdam-handover"  # the next draft, as F8 from there
    w.editing.act_undo.trigger()
    assert len(w.dataset.events) == n  # type: ignore[union-attr]
    assert _badge(w, "ceasefire") == "draft 90%"
    assert _selected_id(w) == "ceasefire"


def test_rejecting_the_drafts_one_by_one_goes_on_in_time(qtbot, draft_window: MainWindow) -> None:
    """F8 past a draft, then reject the next: the one after is selected, not the skipped
    one; the last draft rejected leaves nothing selected."""
    w = draft_window
    _key(qtbot, w, Qt.Key.Key_F8)
    assert _selected_id(w) == "ceasefire"
    _key(qtbot, w, Qt.Key.Key_F8)
    assert _selected_id(w) == "aghdam-handover"
    _key(qtbot, w, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    after = _selected_id(w)
    assert after in {"erdogan-statement", "kalbajar-handover"}  # (the same day)
    while w.review.count_text:
        assert w.review.reject() == ""
    assert w.selected == -1


def test_one_quote_is_accepted_or_rejected_from_the_list_of_quotes(
    draft_window: MainWindow,
) -> None:
    w = draft_window
    w.select_event(_row(w, "erdogan-statement"))
    quotes = w.detail.quotes
    items = {quotes.item(k).data(Qt.ItemDataRole.UserRole): quotes.item(k) for k in range(5)}
    assert items["q-support-process"].text().startswith("[draft, 60% sure]")
    assert not items["q-minsk-concerned"].text().startswith("[draft")
    assert len(w.detail.draft_spans()) == 2  # the drafted quotes' words, highlighted apart
    assert len(w.detail.highlighted_spans()) == 5
    quotes.setCurrentItem(items["q-support-process"])
    menu = w.editing.quotes.quotes_menu()  # the list's context menu
    assert w.review.act_accept_quote in menu.actions()
    assert w.review.act_reject_quote not in menu.actions()  # the same as Delete Quote there
    assert w.editing.quotes.act_delete in menu.actions()
    w.review.act_accept_quote.trigger()
    ev = w.dataset.events[_row(w, "erdogan-statement")]  # type: ignore[union-attr]
    assert [q.id for q in ev.quotes if q.draft] == ["q-important-steps"]
    assert ev.draft is not None  # the event itself is still to review
    assert len(w.detail.draft_spans()) == 1
    assert w.review.count_text == "5 drafts to review (3 events, 2 quotes)"
    # reject the other one
    quotes = w.detail.quotes
    item = next(
        quotes.item(k)
        for k in range(quotes.count())
        if quotes.item(k).data(Qt.ItemDataRole.UserRole) == "q-important-steps"
    )
    quotes.setCurrentItem(item)
    w.review.act_reject_quote.trigger()
    ev = w.dataset.events[_row(w, "erdogan-statement")]  # type: ignore[union-attr]
    assert len(ev.quotes) == 4
    assert w.review.count_text == "4 drafts to review (3 events, 1 quote)"
    w.editing.act_undo.trigger()
    w.editing.act_undo.trigger()
    ev = w.dataset.events[_row(w, "erdogan-statement")]  # type: ignore[union-attr]
    assert len(ev.quotes) == 5
    assert w.review.count_text.startswith("6 drafts")


def test_accept_all_then_save_and_reopen_keeps_what_is_left(
    draft_window: MainWindow, tmp_path: Path
) -> None:
    w = draft_window
    w.select_event(_row(w, "aghdam-handover"))
    w.review.act_accept.trigger()
    out = tmp_path / "reviewed.json"
    assert w.editing.session.save_as(str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    marks = {ev["id"]: ev.get("draft") for ev in data["events"]}
    assert marks["aghdam-handover"] is None
    assert marks["ceasefire"] == {"confidence": 0.9, "note": ""}
    quote_marks = [q["id"] for ev in data["events"] for q in ev.get("quotes", []) if "draft" in q]
    assert sorted(quote_marks) == sorted(DRAFT_QUOTES)
    assert load(out).dataset.title == "Kalbajar (draft)"  # it validates
    # reopened: the drafts left are marked again
    assert w.open_file(str(out))
    assert w.review.count_text == "5 drafts to review (2 events, 3 quotes)"
    w.review.act_accept_all.trigger()
    assert w.review.count_text == ""
    assert not w.review.count_label.isVisible()
    assert w.events.table.isColumnHidden(DRAFT_COLUMN)
    assert "draft" not in w.timeline.legend.accessibleDescription()
    assert len(w.timeline.items.drafts) == 0
    assert w.editing.act_undo.text() == "&Undo Accept all drafts (5)"
    w.editing.act_undo.trigger()
    assert w.review.count_text.startswith("5 drafts")


def test_ctrl_backspace_in_the_find_box_deletes_a_word_not_an_event(
    qtbot, draft_window: MainWindow
) -> None:
    w = draft_window
    n = len(w.dataset.events)  # type: ignore[union-attr]
    w.select_event(_row(w, "ceasefire"))
    w.activateWindow()
    find = w.events.find
    find.setFocus()
    find.setText("ceasefire zone")
    qtbot.keyClick(find, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert find.text() == "ceasefire "
    assert len(w.dataset.events) == n  # type: ignore[union-attr]
    # on the timeline the same key rejects the selected draft
    w.timeline.plot.setFocus()
    qtbot.keyClick(w.timeline.plot, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert len(w.dataset.events) == n - 1  # type: ignore[union-attr]


def test_ctrl_enter_in_the_inspector_applies_the_typed_fields_before_accepting(
    qtbot, draft_window: MainWindow
) -> None:
    w = draft_window
    w.select_event(_row(w, "aghdam-handover"))
    w.editing.show_inspector()
    inspector = w.editing.inspector
    assert inspector is not None
    title = inspector.fields["title"]
    w.activateWindow()
    title.setFocus()
    title.setText("Aghdam handed over (checked)")
    qtbot.keyClick(title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ev = w.dataset.events[_row(w, "aghdam-handover")]
    assert ev.title == "Aghdam handed over (checked)"  # not dropped by the accept
    assert ev.draft is None
    assert title.text() == "Aghdam handed over (checked)"
    w.editing.act_undo.trigger()  # the accept, then the title: two steps
    assert w.dataset.events[_row(w, "aghdam-handover")].draft is not None
    w.editing.act_undo.trigger()
    assert w.dataset.events[_row(w, "aghdam-handover")].title != "Aghdam handed over (checked)"


def test_accept_refused_when_the_typed_fields_are_wrong(qtbot, draft_window: MainWindow) -> None:
    w = draft_window
    w.select_event(_row(w, "aghdam-handover"))
    w.editing.show_inspector()
    inspector = w.editing.inspector
    assert inspector is not None
    inspector.fields["start"].setText("2020-13-40")
    assert "month 13" in w.review.accept()
    assert w.dataset.events[_row(w, "aghdam-handover")].draft is not None
    assert inspector.fields["start"].text() == "2020-13-40"  # kept to be corrected
    inspector.close()  # closed: what was typed there is not applied by an accept
    assert w.review.accept() == ""
    ev = w.dataset.events[_row(w, "aghdam-handover")]
    assert ev.draft is None
    assert ev.when.start != "2020-13-40"


def test_ctrl_backspace_in_the_list_of_quotes_rejects_the_quote_not_the_event(
    qtbot, draft_window: MainWindow
) -> None:
    w = draft_window
    w.select_event(_row(w, "erdogan-statement"))
    quotes = w.detail.quotes
    k = next(
        k
        for k in range(quotes.count())
        if quotes.item(k).data(Qt.ItemDataRole.UserRole) == "q-support-process"
    )
    w.activateWindow()
    quotes.setFocus()
    quotes.setCurrentRow(k)
    qtbot.keyClick(quotes, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    ev = w.dataset.events[_row(w, "erdogan-statement")]  # type: ignore[union-attr]
    assert "q-support-process" not in [q.id for q in ev.quotes]
    assert len(ev.quotes) == 4  # the event and its other quotes stay
