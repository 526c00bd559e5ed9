"""Editing and deleting quotes; deleting actors, places and sources (no Qt)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.model.test_edits import ARTICLE
from viewer.model.dataset import Actor, Event, Place, When
from viewer.model.deleting import DeleteActor, DeletePart, DeletePlace, DeleteSource
from viewer.model.document import Document
from viewer.model.edits import AddActor, AddEvent, AddPlace, AddSource, EditError, UpdateEvent
from viewer.model.formats.detect import load
from viewer.model.formats.native import dataset_to_json
from viewer.model.quoting import AddQuote, DeleteQuote, EditQuote, make_source

WORDS = "“The return of Kalbajar is a historic day,”"
OTHER = "Azerbaijani troops entered the Kalbajar district on Wednesday"


def _event(
    eid: str = "e1", start: str = "2020-11-25", title: str = "Kalbajar handed over"
) -> Event:
    return Event(id=eid, title=title, when=When(start=start, precision="day"))


def _snapshot(doc: Document) -> str:
    return dataset_to_json(doc.dataset)


def _doc_with_source() -> tuple[Document, str]:
    doc = Document.new("Test")
    src = make_source(doc, ARTICLE, "Armenia hands over Kalbajar", published="2020-11-25")
    AddSource(src).apply(doc)
    return doc, src.id


def _quoted() -> tuple[Document, str]:
    """A document with a source, two actors and one event quoting the source."""
    doc, sid = _doc_with_source()
    AddActor(Actor(id="aliyev", name="Ilham Aliyev")).apply(doc)
    AddActor(Actor(id="mod", name="Defence ministry")).apply(doc)
    AddEvent(_event()).apply(doc)
    start = ARTICLE.index(WORDS)
    AddQuote("e1", sid, start, start + len(WORDS), speaker="aliyev").apply(doc)
    return doc, sid


def _reloads_clean(doc: Document, tmp_path: Path) -> None:
    """The document saved and loaded again: no warnings, the same events and index."""
    out = tmp_path / "saved.json"
    out.write_text(_snapshot(doc), encoding="utf-8")
    fresh = load(out)
    assert fresh.warnings == []
    assert list(fresh.dataset.events) == list(doc.dataset.events)
    assert fresh.columns is not None
    for mode in ("actor", "place"):
        a = doc.table.index(doc.dataset, mode)
        b = fresh.columns.index(fresh.dataset, mode)
        assert a.lanes == b.lanes
        assert np.array_equal(a.event, b.event)


def test_a_quotes_speaker_and_form_are_edited_and_undone(tmp_path: Path) -> None:
    doc, _ = _quoted()
    before = _snapshot(doc)
    edit = EditQuote("e1", "e1-q1", speaker="mod", form="reported")
    assert edit.text == "Edit quote “e1-q1”"
    edit.apply(doc)
    (q,) = doc.event(0).quotes
    assert (q.speaker, q.form, q.text) == ("mod", "reported", WORDS)
    assert doc.event(0).actors == ["aliyev", "mod"]  # the new speaker is among the actors
    _reloads_clean(doc, tmp_path)
    edit.revert(doc)
    assert _snapshot(doc) == before


def test_a_new_speaker_is_added_with_the_quote_and_leaves_with_its_undo() -> None:
    doc, _ = _quoted()
    before = _snapshot(doc)
    edit = EditQuote("e1", "e1-q1", form="direct", new_actor=Actor(id="ha", name="H. Aliyev"))
    edit.apply(doc)
    assert doc.event(0).quotes[0].speaker == "ha"
    assert [a.id for a in doc.header.actors] == ["aliyev", "mod", "ha"]
    edit.revert(doc)
    assert _snapshot(doc) == before


def test_a_quote_is_anchored_anew_to_another_span(tmp_path: Path) -> None:
    doc, sid = _quoted()
    start = ARTICLE.index(OTHER)
    edit = EditQuote("e1", "e1-q1", "mod", "reported", span=(sid, start - 2, start + len(OTHER)))
    edit.apply(doc)
    (q,) = doc.event(0).quotes
    assert q.id == "e1-q1"
    assert q.text == OTHER  # the blanks (the paragraph's newlines) before it are left out
    assert q.selector is not None
    assert (q.selector.start, q.selector.end) == (start, start + len(OTHER))
    assert ARTICLE[q.selector.start : q.selector.end] == OTHER
    _reloads_clean(doc, tmp_path)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (EditQuote("e1", "nope", None), "no quote with id 'nope' in event 'e1'"),
        (EditQuote("e9", "e1-q1", None), "no event with id 'e9'"),
        (EditQuote("e1", "e1-q1", "nobody"), "nobody"),
        (EditQuote("e1", "e1-q1", None, "shouted"), r"events\[0\]\.quotes\[0\]\.form"),  # type: ignore[arg-type]
        (
            EditQuote("e1", "e1-q1", None, span=("src-1", 10, ARTICLE.index("“The") + 3)),
            "paragraph break",
        ),
        (EditQuote("e1", "e1-q1", None, span=("src-9", 0, 4)), "no source with id 'src-9'"),
        (DeleteQuote("e1", "e1-q7"), "no quote with id 'e1-q7'"),
    ],
)
def test_wrong_quote_edits_are_refused_and_nothing_changes(edit, message: str) -> None:  # type: ignore[no-untyped-def]
    doc, _ = _quoted()
    before = _snapshot(doc)
    with pytest.raises(EditError, match=message):
        edit.apply(doc)
    assert _snapshot(doc) == before


def test_a_quote_is_deleted_and_comes_back_with_undo() -> None:
    doc, sid = _quoted()
    before = _snapshot(doc)
    edit = DeleteQuote("e1", "e1-q1")
    assert edit.text == "Delete quote “e1-q1”"
    edit.apply(doc)
    ev = doc.event(0)
    assert ev.quotes == []
    assert ev.citations == [sid]  # the event still cites the source
    edit.revert(doc)
    assert _snapshot(doc) == before


def _with_refs() -> Document:
    """Three actors and two places; events naming them in the table (no quotes)."""
    doc = Document.new("Refs")
    for aid in ("a", "b", "c"):
        AddActor(Actor(id=aid, name=aid.upper())).apply(doc)
    for pid in ("p", "q"):
        AddPlace(Place(id=pid, name=pid.upper())).apply(doc)
    for k in range(8):
        AddEvent(_event(f"e{k}", f"2020-11-{k + 1:02d}", f"Event {k}")).apply(doc)
    UpdateEvent("e1", {"actors": ["a", "b", "c"], "places": ["q"]}).apply(doc)
    UpdateEvent("e2", {"actors": ["c"]}).apply(doc)
    UpdateEvent("e5", {"actors": ["b", "c"], "places": ["p", "q"]}).apply(doc)
    return doc


def test_an_actor_in_use_is_refused_naming_the_events_and_how_many() -> None:
    doc = _with_refs()
    before = _snapshot(doc)
    with pytest.raises(EditError) as caught:
        DeleteActor("b").apply(doc)
    message = caught.value.message
    assert "actor 'b' is referred to by 2 events" in message
    assert "“Event 1” (e1)" in message
    assert "“Event 5” (e5)" in message
    assert "remove the references" in message
    assert _snapshot(doc) == before


def test_an_actor_is_deleted_with_its_references_and_undone(tmp_path: Path) -> None:
    doc = _with_refs()
    before = _snapshot(doc)
    edit = DeleteActor("b", remove_refs=True)
    edit.apply(doc)
    assert [a.id for a in doc.header.actors] == ["a", "c"]
    assert doc.event(1).actors == ["a", "c"]  # c's code moved down with b gone
    assert doc.event(2).actors == ["c"]
    assert doc.event(5).actors == ["c"]
    assert doc.event(5).places == ["p", "q"]
    _reloads_clean(doc, tmp_path)
    edit.revert(doc)
    assert _snapshot(doc) == before


def test_an_unused_actor_and_a_place_are_deleted(tmp_path: Path) -> None:
    doc = _with_refs()
    AddActor(Actor(id="d", name="D")).apply(doc)
    DeleteActor("d").apply(doc)
    assert [a.id for a in doc.header.actors] == ["a", "b", "c"]
    with pytest.raises(EditError, match="place 'p' is referred to by 1 event: “Event 5”"):
        DeletePlace("p").apply(doc)
    DeletePlace("p", remove_refs=True).apply(doc)
    assert doc.event(5).places == ["q"]
    assert doc.event(1).places == ["q"]
    _reloads_clean(doc, tmp_path)


def test_a_speaker_deleted_with_its_references_leaves_its_quotes_unattributed(
    tmp_path: Path,
) -> None:
    doc, _ = _quoted()
    before = _snapshot(doc)
    with pytest.raises(EditError, match="actor 'aliyev' is referred to by 1 event"):
        DeleteActor("aliyev").apply(doc)
    edit = DeleteActor("aliyev", remove_refs=True)
    edit.apply(doc)
    ev = doc.event(0)
    assert ev.actors == []
    assert ev.quotes[0].speaker is None
    assert ev.quotes[0].text == WORDS
    _reloads_clean(doc, tmp_path)
    edit.revert(doc)
    assert _snapshot(doc) == before


def test_a_quoted_source_is_never_deleted_a_cited_one_with_its_citations(
    tmp_path: Path,
) -> None:
    doc, sid = _quoted()
    before = _snapshot(doc)
    for remove in (False, True):
        with pytest.raises(EditError) as caught:
            DeleteSource(sid, remove_refs=remove).apply(doc)
        assert "1 quote in 1 event is anchored to its text" in caught.value.message
        assert "“Kalbajar handed over” (e1)" in caught.value.message
    assert _snapshot(doc) == before
    DeleteQuote("e1", "e1-q1").apply(doc)
    with pytest.raises(EditError, match=f"source '{sid}' is referred to by 1 event"):
        DeleteSource(sid).apply(doc)
    edit = DeleteSource(sid, remove_refs=True)
    edit.apply(doc)
    assert doc.header.sources == []
    assert doc.event(0).citations == []
    _reloads_clean(doc, tmp_path)
    edit.revert(doc)
    assert [s.id for s in doc.header.sources] == [sid]
    assert doc.event(0).citations == [sid]


def test_many_referring_events_are_counted_past_the_first_few() -> None:
    doc = _with_refs()
    for k in (0, 3, 4, 6, 7):
        UpdateEvent(f"e{k}", {"actors": ["c"]}).apply(doc)
    with pytest.raises(EditError) as caught:
        DeletePart("actors", "c").apply(doc)
    assert "referred to by 8 events" in caught.value.message
    assert "and 3 more" in caught.value.message
    with pytest.raises(EditError, match="no actor with id 'zz'"):
        DeleteActor("zz").apply(doc)


def test_an_edit_of_no_indexed_field_keeps_the_index_columns_shared(tmp_path: Path) -> None:
    """A title, summary or quotes edit keeps the very arrays the index is made of (so the window
    keeps its index); an edit of a date, kind, status, actors or an added event does not."""
    from viewer.model.document import shares_columns
    from viewer.model.generate import generate

    path = tmp_path / "g.json"
    generate(path, 3000, seed=2)
    doc = Document.from_loaded(load(path))
    event_id = doc.event(1500).id
    for changes, shared in (
        ({"title": "Renamed"}, True),
        ({"summary": "Longer."}, True),
        ({"title": "Again", "summary": ""}, True),
        ({"when": {"start": "1999-01-02", "precision": "day", "end": None}}, False),
        ({"kind": "a-new-kind"}, False),
        ({"status": "cancelled"}, False),
        ({"tags": ["t-new"]}, False),
    ):
        before = doc.table
        indexes = {mode: before.index(doc.dataset, mode) for mode in ("kind", "actor")}
        UpdateEvent(event_id, changes).apply(doc)
        assert shares_columns(before, doc.table) is shared, changes
        if shared:  # the index made anew is the index kept
            for mode, kept in indexes.items():
                fresh = doc.table.index(doc.dataset, mode)
                assert fresh.lanes == kept.lanes
                for name in ("offsets", "start", "end", "event", "flags", "row", "chrono"):
                    assert np.array_equal(getattr(fresh, name), getattr(kept, name)), name
    before = doc.table
    AddEvent(_event("added")).apply(doc)
    assert not shares_columns(before, doc.table)
