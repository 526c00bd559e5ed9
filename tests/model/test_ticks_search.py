"""Axis ticks (minutes to millennia, BCE) and finding events by aliases."""

from __future__ import annotations

import orjson

from tests.oracles import SearchIndex
from viewer.model.dates import DAY, days_from_civil
from viewer.model.formats.detect import load
from viewer.model.opening import search_index
from viewer.model.search import fold
from viewer.model.ticks import Step, choose_step, tick_label, tick_times


def t(y: int, m: int = 1, d: int = 1) -> float:
    return days_from_civil(y, m, d) * DAY


def test_step_adapts_from_hours_to_years() -> None:
    assert choose_step(3 * 3600, 1600, 100).unit in ("minute", "hour")
    assert choose_step(10 * DAY, 1600, 100).unit in ("hour", "day")
    assert choose_step(400 * DAY, 1600, 100).unit == "month"
    assert choose_step(50 * 365 * DAY, 1600, 100).unit == "year"


def test_month_ticks_fall_on_first_days() -> None:
    ticks = tick_times(t(2020, 10, 15), t(2021, 2, 10), Step("month", 1))
    assert ticks == [t(2020, 11), t(2020, 12), t(2021, 1), t(2021, 2)]
    assert tick_label(t(2021, 1), Step("month", 1)) == "Jan 2021"
    assert tick_label(t(2020, 12), Step("month", 1)) == "Dec"


def test_bce_year_ticks_have_no_year_zero() -> None:
    ticks = tick_times(t(-700), t(700), Step("year", 500))
    labels = [tick_label(x, Step("year", 500)) for x in ticks]
    assert labels == ["501 BCE", "1 BCE", "500"]


def test_zone_offset_shifts_labels() -> None:
    assert tick_label(t(2020, 11, 9) + 21 * 3600, Step("hour", 1), offset=3 * 3600) == "10 Nov"


def test_alias_finds_the_event(bundled_path) -> None:
    ds = load(bundled_path).dataset
    search = SearchIndex(ds)
    hits = {ds.events[i].id for i in search.matches("Kelbajar").nonzero()[0]}
    assert "kalbajar-handover" in hits
    assert "aghdam-handover" not in hits
    hits = {ds.events[i].id for i in search.matches("ERDOĞAN telephone").nonzero()[0]}
    assert hits == {"erdogan-putin-call"}  # every word must match, accents folded
    assert search.matches("").all()
    assert fold("Kəlbəcər") == "kəlbəcər"
    assert fold("Erdoğan") == "erdogan"


def test_column_search_agrees_with_the_folded_texts(bundled_path, tmp_path) -> None:
    """Find over the table's columns (Arrow kernels, names matched once) gives what matching
    each event's folded text gives: accents, aliases, tags, kinds, quotes, speakers."""
    import random

    import numpy as np

    from viewer.model.formats.columnar import load_columnar
    from viewer.model.formats.native import dataset_to_json

    bundled = load(bundled_path).dataset
    words = ["Erdoğan", "PUTIN", "Kəlbəcər", "Straße", "talks", "Ağdam", "ceasefire", "İlham"]
    rng = random.Random(4)
    events = list(bundled.events)
    for k in range(80):
        events.append(
            {
                "id": f"simple-{k}",
                "title": " ".join(rng.sample(words, 3)),
                "summary": rng.choice(["", "Talks resumed.", "Şuşa shelled"]),
                "when": {"start": f"2020-11-{k % 28 + 1:02d}", "precision": "day"},
                "kind": rng.choice(["meeting", "Handover", "shelling"]),
                "tags": rng.sample(["Peacekeeping", "ceasefire", "refugees"], rng.randrange(3)),
                "actors": [a.id for a in rng.sample(bundled.actors, 2)],
                "places": [p.id for p in rng.sample(bundled.places, 1)],
            }
        )
    path = tmp_path / "mixed.json"
    doc = orjson.loads(dataset_to_json(bundled))
    path.write_bytes(orjson.dumps({**doc, "events": [*doc["events"], *events[10:]]}))
    loaded = load_columnar(path)  # the events without quotes as columns only
    ds = loaded.dataset
    assert 0 < len(loaded.columns.complex) < len(ds.events)
    ref = SearchIndex(ds.model_copy(update={"events": list(ds.events)}))
    search = search_index(loaded)
    queries = ["", "erdogan", "ERDOĞAN telephone", "Kelbajar", "kəlbəcər", "zzz", "a", "é"]
    queries += ["strasse", "ss", "ilham", "peacekeep", "handover", "talks şuşa", "russia"]
    queries += ["putin", "putin talks", "RESUMED", "Fire"]
    for text in rng.sample(ref.texts, 20):  # pieces of the events' own texts
        a = rng.randrange(len(text))
        queries.append(text[a : a + rng.randrange(1, 9)])
    for query in queries:
        assert np.array_equal(search.matches(query), ref.matches(query)), query
