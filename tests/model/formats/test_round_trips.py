"""Native -> TimelineJS -> native and native -> CSV -> native keep events, dates and quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.model.dataset import Dataset, Event
from viewer.model.formats.detect import load
from viewer.model.formats.events_csv import events_csv_text
from viewer.model.formats.native import read_native
from viewer.model.formats.timelinejs_writer import timelinejs_text
from viewer.model.listing import event_span


def quote_texts(ds: Dataset, ev: Event) -> list[tuple[str, str | None]]:
    return [(q.text, ds.actor(q.speaker).name if q.speaker else None) for q in ev.quotes]


def test_native_timelinejs_native(tmp_path: Path, bundled_path: Path) -> None:
    ds = read_native(bundled_path).dataset
    text, lost = timelinejs_text(ds)
    assert "<script" not in text
    assert any("quote anchors (selectors)" in x for x in lost)
    assert any("time zones of 1 events" in x for x in lost)
    path = tmp_path / "k.timeline3.json"
    path.write_text(text, encoding="utf-8")
    back = load(path).dataset
    assert [e.id for e in back.events] == [e.id for e in ds.events]
    for a, b in zip(ds.events, back.events, strict=True):
        assert (b.title, b.kind, b.when.precision) == (a.title, a.kind, a.when.precision)
        assert (b.when.end_precision or b.when.precision) == (
            a.when.end_precision or a.when.precision
        ) or a.when.end is None
        assert event_span(b) == event_span(a)  # same instants; zoned times are now UTC
        assert b.when.text == a.when.text
        assert quote_texts(back, b) == quote_texts(ds, a)
        assert all(q.selector is None for q in b.quotes)
    assert back.title == ds.title


def test_native_csv_native(tmp_path: Path, bundled_path: Path) -> None:
    ds = read_native(bundled_path).dataset
    text, lost = events_csv_text(ds)
    assert any("quote anchors" in x for x in lost)
    path = tmp_path / "k.csv"
    path.write_text(text, encoding="utf-8")
    loaded = load(path)
    assert loaded.format == "events-csv"
    back = loaded.dataset
    for a, b in zip(ds.events, back.events, strict=True):
        assert b.model_dump(exclude={"actors", "places", "quotes", "citations"}) == a.model_dump(
            exclude={"actors", "places", "quotes", "citations"}
        )
        assert [back.actor(x).name for x in b.actors] == [ds.actor(x).name for x in a.actors]
        assert [back.place(x).name for x in b.places] == [ds.place(x).name for x in a.places]
        assert [(q.id, q.form) for q in b.quotes] == [(q.id, q.form) for q in a.quotes]
        assert quote_texts(back, b) == quote_texts(ds, a)


@pytest.mark.parametrize("writer", [timelinejs_text, events_csv_text])
def test_bce_and_awkward_text_survive(tmp_path: Path, writer) -> None:  # type: ignore[no-untyped-def]
    ds = Dataset.model_validate(
        {
            "title": "Old <b>& new</b>",
            "actors": [{"id": "c", "name": "Cicero; the orator"}],
            "eras": [{"id": "era-1", "title": "Republic", "start": "-0508", "end": "-0026"}],
            "events": [
                {"id": "ides", "title": 'Caesar "killed" <script>x</script>, 44 BCE',
                 "when": {"start": "-0043-03-15", "precision": "day"},
                 "actors": ["c"],
                 "quotes": [{"id": "q", "speaker": "c", "text": "O tempora, o mores & <more>"},
                            {"id": "q2", "text": "unattributed;\nline two"}]},
                {"id": "hijra", "title": "Hijra", "kind": "7th century",
                 "when": {"start": "0622-09", "precision": "month"}},
            ],
        }
    )  # fmt: skip
    text, _ = writer(ds)
    name = "x.csv" if writer is events_csv_text else "x.json"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    back = load(path).dataset
    ides, hijra = back.events
    assert (ides.when.start, ides.title) == ("-0043-03-15", ds.events[0].title)
    assert (hijra.when.start, hijra.kind) == ("0622-09", "7th century")
    assert next(q.text for q in ides.quotes) == "O tempora, o mores & <more>"
    assert back.actor(ides.quotes[0].speaker or "").name == "Cicero; the orator"
    if writer is timelinejs_text:
        assert [(e.start, e.end) for e in back.eras] == [("-0508", "-0026")]
        assert '"year": -44' in text
