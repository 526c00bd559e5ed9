"""Axis ticks (minutes to millennia, BCE) and finding events by aliases."""

from __future__ import annotations

from tests.oracles import SearchIndex
from viewer.model.dates import DAY, days_from_civil
from viewer.model.formats.detect import load
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
