"""Edit commands on a document: apply, revert, refusals with validate's messages (no Qt)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.model.dataset import Actor, Event, Place, When
from viewer.model.document import Document
from viewer.model.edits import (
    AddActor,
    AddEvent,
    AddPlace,
    AddSource,
    DeleteEvent,
    EditError,
    MergeActors,
    RenameActor,
    SetAliases,
    UpdateEvent,
)
from viewer.model.formats.detect import load
from viewer.model.formats.native import dataset_to_json
from viewer.model.quoting import AddQuote, make_source

ARTICLE = (
    "Armenia hands over Kalbajar\n\n"
    "Azerbaijani troops entered the Kalbajar district on Wednesday, the defence ministry said.\n\n"
    "“The return of Kalbajar is a historic day,” President Ilham Aliyev said in an address.\n"
)


def _event(
    eid: str = "e1", start: str = "2020-11-25", title: str = "Kalbajar handed over"
) -> Event:
    precision = {4: "year", 7: "month"}.get(len(start), "day")
    return Event(id=eid, title=title, when=When(start=start, precision=precision))


def _snapshot(doc: Document) -> str:
    return dataset_to_json(doc.dataset)


def _doc_with_source() -> tuple[Document, str]:
    doc = Document.new("Test")
    src = make_source(doc, ARTICLE, "Armenia hands over Kalbajar", published="2020-11-25")
    AddSource(src).apply(doc)
    return doc, src.id


def test_add_update_delete_and_revert_give_back_the_same_document() -> None:
    doc = Document.new("Test")
    states = [_snapshot(doc)]
    edits = [
        AddActor(Actor(id="aliyev", name="Ilham Aliyev")),
        AddPlace(Place(id="kalbajar", name="Kalbajar")),
        AddEvent(_event()),
        AddEvent(_event("e2", "2020-11", "Talks")),
        UpdateEvent("e1", {"title": "Kalbajar returned", "actors": ["aliyev"]}),
        UpdateEvent(
            "e1",
            {
                "when": {
                    "start": "2020-11-25T00:00+03:00",
                    "precision": "minute",
                    "tz": "Europe/Moscow",
                    "text": "at midnight",
                    "basis": "stated",
                },
                "status": "planned",
                "kind": "transfer",
                "places": ["kalbajar"],
                "tags": ["x"],
                "summary": "The district returns.",
            },
        ),
        DeleteEvent("e2"),
    ]
    for edit in edits:
        edit.apply(doc)
        states.append(_snapshot(doc))
    ev = doc.event(doc.row_of("e1"))
    assert ev.title == "Kalbajar returned"
    assert ev.when.tz == "Europe/Moscow"
    assert ev.when.text == "at midnight"
    assert ev.status == "planned"
    assert ev.kind == "transfer"
    assert ev.tags == ["x"]
    assert doc.n == 1
    assert doc.row_of("e2") == -1
    assert doc.table.kinds.count("transfer") == 1
    for k, edit in enumerate(reversed(edits)):
        edit.revert(doc)
        assert _snapshot(doc) == states[-2 - k]
    for k, edit in enumerate(edits):  # and redo
        edit.apply(doc)
        assert _snapshot(doc) == states[k + 1]


def test_index_follows_the_edits() -> None:
    doc = Document.new("Test")
    AddEvent(_event()).apply(doc)
    AddEvent(_event("e2", "2021-01-02")).apply(doc)
    index = doc.table.index(doc.dataset, "kind")
    assert index.n_events == 2
    UpdateEvent("e2", {"kind": "talks"}).apply(doc)
    assert sorted(doc.table.index(doc.dataset, "kind").lanes) == ["event", "talks"]


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        ({"when": {"start": "2020-13-01"}}, "events[0].when.start", "2020-13-01"),
        ({"when": {"end": "2019-01-01"}}, "events[0].when", "before start"),
        ({"title": ""}, "events[0].title", "at least 1 character"),
        ({"actors": ["nobody"]}, "events[0].actors[0]", "unknown actor 'nobody'"),
        ({"status": "maybe"}, "events[0].status", "expected"),
        (
            {"when": {"start": "2020-11-25T10:00", "precision": "minute"}},
            "events[0].when.start",
            "UTC offset",
        ),
    ],
)
def test_a_wrong_edit_is_refused_with_validates_message_and_nothing_changes(
    tmp_path: Path, changes: dict, path: str, words: str
) -> None:
    doc = Document.new("Test")
    AddEvent(_event()).apply(doc)
    before, revision = _snapshot(doc), doc.revision
    with pytest.raises(EditError) as caught:
        UpdateEvent("e1", changes).apply(doc)
    assert _snapshot(doc) == before
    assert doc.revision == revision
    problem = caught.value.problems[0]
    assert problem.path == path
    assert words in problem.message
    # the same message as validate gives for the file with that change
    data = json.loads(before)
    ev = data["events"][0]
    for key, value in changes.items():
        if key == "when":
            ev["when"].update(value)
        else:
            ev[key] = value
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    from viewer.model.errors import LoadError

    with pytest.raises(LoadError) as loaded:
        load(file)
    assert any(p.path == path and p.message == problem.message for p in loaded.value.problems)


def test_duplicate_ids_are_refused() -> None:
    doc = Document.new("Test")
    AddEvent(_event()).apply(doc)
    with pytest.raises(EditError, match="duplicate event id 'e1'"):
        AddEvent(_event()).apply(doc)
    AddActor(Actor(id="a", name="A")).apply(doc)
    with pytest.raises(EditError, match="duplicate actor id 'a'"):
        AddActor(Actor(id="a", name="B")).apply(doc)
    assert doc.n == 1
    assert len(doc.header.actors) == 1


def test_quote_from_a_span_anchors_as_the_loader_checks(tmp_path: Path) -> None:
    doc, sid = _doc_with_source()
    AddEvent(_event()).apply(doc)
    words = "“The return of Kalbajar is a historic day,”"
    start = ARTICLE.index(words)
    edit = AddQuote(
        "e1",
        sid,
        start - 1,
        start + len(words) + 1,
        new_actor=Actor(id="aliyev", name="Ilham Aliyev"),
    )  # blanks at the ends are left out
    edit.apply(doc)
    ev = doc.event(0)
    (q,) = ev.quotes
    assert q.text == words
    assert q.selector is not None
    assert (q.selector.start, q.selector.end) == (start, start + len(words))
    assert ARTICLE[q.selector.start : q.selector.end] == words
    assert q.selector.prefix == ARTICLE[start - 32 : start]
    assert q.speaker == "aliyev"
    assert "aliyev" in ev.actors
    assert ev.citations == [sid]
    file = tmp_path / "out.json"
    file.write_text(_snapshot(doc), encoding="utf-8")
    loaded = load(file)
    assert loaded.warnings == []
    assert loaded.dataset.events[0].quotes == [q]
    edit.revert(doc)
    assert doc.event(0).quotes == []
    assert doc.header.actors == []


@pytest.mark.parametrize(
    ("span", "message"),
    [
        (lambda t: (t.index("Wednesday"), t.index("“The return") + 5), "paragraph break"),
        (lambda t: (t.index("\n\n"), t.index("\n\n") + 2), "only blanks"),
        (lambda t: (5, 5), "only blanks"),
        (lambda t: (0, len(t) + 3), "outside the source text"),
    ],
)
def test_bad_spans_are_refused(span, message: str) -> None:  # type: ignore[no-untyped-def]
    doc, sid = _doc_with_source()
    AddEvent(_event()).apply(doc)
    before = _snapshot(doc)
    start, end = span(ARTICLE)
    with pytest.raises(EditError, match=message):
        AddQuote("e1", sid, start, end, speaker=None).apply(doc)
    assert _snapshot(doc) == before


def test_merge_rename_and_aliases_follow_into_events_and_quotes() -> None:
    doc, sid = _doc_with_source()
    for actor_id, name in (("a", "Aliyev"), ("b", "Ilham Aliyev"), ("c", "Pashinyan")):
        AddActor(Actor(id=actor_id, name=name)).apply(doc)
    AddEvent(_event("e1")).apply(doc)
    AddEvent(_event("e2", "2020-11-26")).apply(doc)
    UpdateEvent("e1", {"actors": ["a", "b", "c"]}).apply(doc)
    UpdateEvent("e2", {"actors": ["c", "b"]}).apply(doc)
    start = ARTICLE.index("“The")
    AddQuote("e2", sid, start, start + 20, speaker="b").apply(doc)
    before = _snapshot(doc)
    merge = MergeActors("a", "b")
    merge.apply(doc)
    assert [a.id for a in doc.header.actors] == ["a", "c"]
    assert doc.header.actors[0].aliases == ["Ilham Aliyev"]
    assert doc.event(0).actors == ["a", "c"]
    assert doc.event(1).actors == ["c", "a"]
    assert doc.event(1).quotes[0].speaker == "a"
    assert doc.table.index(doc.dataset, "actor").lanes[:2] == ["Aliyev", "Pashinyan"]
    merge.revert(doc)
    assert _snapshot(doc) == before
    rename = RenameActor("c", "Nikol Pashinyan")
    rename.apply(doc)
    assert rename.text == "Rename actor “c”"
    SetAliases("actors", "c", ["Pashinyan"]).apply(doc)
    assert doc.header.actors[2].name == "Nikol Pashinyan"
    assert doc.header.actors[2].aliases == ["Pashinyan"]
    assert "Nikol Pashinyan" in doc.table.index(doc.dataset, "actor").lanes


def test_a_source_keeps_its_text_verbatim_with_its_hash(tmp_path: Path) -> None:
    from viewer.model.dataset import text_sha256
    from viewer.model.quoting import read_article

    html = tmp_path / "a.html"
    html.write_text(
        "<html><head><title>Kalbajar &amp; after</title></head><body><nav>x</nav>"
        "<article><p>First <b>words</b>.</p><p>Second.</p></article><script>1</script></body>"
        "</html>",
        encoding="utf-8",
    )
    text, title = read_article(html)
    assert title == "Kalbajar & after"
    assert "First words." in text
    assert "Second." in text
    assert "<" not in text
    doc = Document.new()
    src = make_source(doc, " odd\u00a0spacing \n", title, published="2020-11-25T10:00+03:00")
    AddSource(src).apply(doc)
    assert doc.header.sources[0].text == " odd\u00a0spacing \n"
    assert doc.header.sources[0].sha256 == text_sha256(" odd\u00a0spacing \n")
    with pytest.raises(EditError, match="published"):
        make_source(doc, "x", "t", published="2020-02-30")


def test_edit_texts_name_what_they_do() -> None:
    assert UpdateEvent("e1", {"title": "x"}).text == "Edit title of “e1”"
    assert UpdateEvent("e1", {"when": {"start": "2020"}}).text == "Edit start of “e1”"
    assert DeleteEvent("e1").text == "Delete event “e1”"


def test_spliced_table_equals_a_table_built_anew(tmp_path: Path) -> None:
    """Edits on a big file's columns give the index a fresh load of the saved file gives."""
    import numpy as np

    from viewer.model.generate import generate

    path = tmp_path / "g.json"
    generate(path, 8000, seed=1)  # above 1 MB: the columnar reader
    doc = Document.from_loaded(load(path))
    ids = [doc.event(k).id for k in (0, 10, 500, 7999)]
    UpdateEvent(ids[0], {"title": "First", "kind": "brand-new-kind"}).apply(doc)
    UpdateEvent(ids[1], {"when": {"start": "1999", "precision": "year", "end": None}}).apply(doc)
    DeleteEvent(ids[2]).apply(doc)
    AddEvent(_event("added", "2021-02-03")).apply(doc)
    UpdateEvent(ids[3], {"tags": ["t-new", "t-other"], "status": "planned"}).apply(doc)
    out = tmp_path / "saved.json"
    out.write_text(_snapshot(doc), encoding="utf-8")
    fresh = load(out)
    assert fresh.columns is not None
    for mode in ("kind", "status", "actor", "place"):
        a = doc.table.index(doc.dataset, mode)
        b = fresh.columns.index(fresh.dataset, mode)
        assert a.lanes == b.lanes
        assert np.array_equal(a.event, b.event)
        assert np.array_equal(a.start, b.start)
        assert np.array_equal(a.end, b.end)
    assert len(set(doc.table.kinds)) == len(doc.table.kinds)
    assert list(doc.dataset.events) == list(fresh.dataset.events)
