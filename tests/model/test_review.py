"""Reviewing drafts without a window: accept one event, one quote, an event with its quotes,
all drafts; reject (delete) an event or a quote; every edit undone gives back the document."""

from __future__ import annotations

import pytest

from tests.drafts import DRAFT_EVENTS, DRAFT_QUOTES, write_draft
from viewer.model.document import Document
from viewer.model.edit_checks import EditError
from viewer.model.edits import DeleteEvent
from viewer.model.formats.detect import load
from viewer.model.formats.native import dataset_to_json
from viewer.model.quoting import DeleteQuote
from viewer.model.review import (
    AcceptAllDrafts,
    AcceptDraft,
    draft_counts,
    draft_label,
    draft_marks,
    drafted_events,
)
from viewer.model.saving import save


@pytest.fixture
def doc(tmp_path) -> Document:
    return Document.from_loaded(load(write_draft(tmp_path)))  # type: ignore[arg-type]


def _ids(doc: Document) -> set[str]:
    return {doc.event(r).id for r in drafted_events(doc.table)}


def test_the_draft_marks_are_found_and_counted(doc: Document) -> None:
    counts = draft_counts(doc.table)
    assert (counts.events, counts.quotes) == (len(DRAFT_EVENTS), len(DRAFT_QUOTES))
    assert counts.text() == "6 drafts to review (3 events, 3 quotes)"
    # an accepted event that holds drafted quotes still needs review
    assert _ids(doc) == {*DRAFT_EVENTS, "kalbajar-handover"}
    rows, conf = draft_marks(doc.table)
    by_id = {doc.event(int(r)).id: c for r, c in zip(rows, conf, strict=True)}
    assert by_id["aghdam-handover"] == 0.55
    assert by_id["kalbajar-handover"] != by_id["kalbajar-handover"]  # NaN: no mark of its own
    assert list(rows) == sorted(rows)
    ev = doc.event(doc.row_of("aghdam-handover"))
    assert ev.draft is not None
    assert draft_label(ev.draft).startswith("draft, 55% sure: check the date")


def test_accept_an_event_with_its_quotes_and_undo(doc: Document) -> None:
    before = dataset_to_json(doc.dataset)
    edit = AcceptDraft("erdogan-statement")
    edit.apply(doc)
    ev = doc.event(doc.row_of("erdogan-statement"))
    assert ev.draft is None
    assert all(q.draft is None for q in ev.quotes)
    assert draft_counts(doc.table).text() == "3 drafts to review (2 events, 1 quote)"
    assert edit.text == "Accept draft “erdogan-statement”"
    edit.revert(doc)
    assert dataset_to_json(doc.dataset) == before


def test_accept_only_the_event_or_only_one_quote(doc: Document) -> None:
    AcceptDraft("erdogan-statement", with_quotes=False).apply(doc)
    ev = doc.event(doc.row_of("erdogan-statement"))
    assert ev.draft is None
    assert sum(q.draft is not None for q in ev.quotes) == 2
    edit = AcceptDraft("erdogan-statement", quote_id="q-support-process")
    edit.apply(doc)
    assert edit.text == "Accept drafted quote “q-support-process”"
    ev = doc.event(doc.row_of("erdogan-statement"))
    drafted = [q.id for q in ev.quotes if q.draft is not None]
    assert drafted == ["q-important-steps"]


def test_accepting_what_is_not_a_draft_is_refused(doc: Document) -> None:
    before = dataset_to_json(doc.dataset)
    with pytest.raises(EditError, match="not a draft"):
        AcceptDraft("lachin-handover").apply(doc)
    with pytest.raises(EditError, match="no quote with id 'nope'"):
        AcceptDraft("erdogan-statement", quote_id="nope").apply(doc)
    with pytest.raises(EditError, match="no event with id"):
        AcceptDraft("nope").apply(doc)
    assert dataset_to_json(doc.dataset) == before


def test_accept_all_keeps_the_columns_and_undo_gives_the_drafts_back(doc: Document) -> None:
    before = dataset_to_json(doc.dataset)
    titles = doc.table.table.column("title").chunk(0).buffers()[2].address
    edit = AcceptAllDrafts()
    edit.apply(doc)
    assert edit.text == "Accept all drafts (6)"
    assert draft_counts(doc.table).total == 0
    # only the events kept whole changed: the columns are the same memory
    assert doc.table.table.column("title").chunk(0).buffers()[2].address == titles
    assert all(ev.draft is None for ev in doc.dataset.events)
    with pytest.raises(EditError, match="no drafts"):
        AcceptAllDrafts().apply(doc)
    edit.revert(doc)
    assert dataset_to_json(doc.dataset) == before


def test_reject_an_event_and_a_quote(doc: Document) -> None:
    before = dataset_to_json(doc.dataset)
    n = doc.n
    reject_event = DeleteEvent("aghdam-handover")
    reject_event.apply(doc)
    assert doc.n == n - 1
    assert draft_counts(doc.table).events == 2
    reject_quote = DeleteQuote("erdogan-statement", "q-important-steps")
    reject_quote.apply(doc)
    ev = doc.event(doc.row_of("erdogan-statement"))
    assert "q-important-steps" not in [q.id for q in ev.quotes]
    assert draft_counts(doc.table).quotes == 2
    with pytest.raises(EditError, match="no quote with id"):
        DeleteQuote("erdogan-statement", "q-important-steps").apply(doc)
    reject_quote.revert(doc)
    reject_event.revert(doc)
    assert dataset_to_json(doc.dataset) == before


def test_saved_and_reopened_the_remaining_drafts_stay(doc: Document, tmp_path) -> None:
    AcceptDraft("aghdam-handover").apply(doc)
    AcceptDraft("erdogan-statement", quote_id="q-support-process").apply(doc)
    out = tmp_path / "reviewed.json"
    save(doc, out)
    again = Document.from_loaded(load(out))  # type: ignore[arg-type]
    counts = draft_counts(again.table)
    assert (counts.events, counts.quotes) == (2, 2)
    assert again.event(again.row_of("aghdam-handover")).draft is None
    ceasefire = again.event(again.row_of("ceasefire")).draft
    assert ceasefire is not None
    assert ceasefire.confidence == 0.9
