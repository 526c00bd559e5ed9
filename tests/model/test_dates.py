"""Partial dates: parsing, precision, zones, instants beyond datetime's range."""

from __future__ import annotations

import calendar

import pytest

from viewer.model.dates import (
    DateError,
    check_zone,
    civil_from_days,
    days_from_civil,
    describe,
    end_instant,
    parse_date,
    start_instant,
    year_label,
)


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2020", "year"),
        ("2020-11", "month"),
        ("2020-11-25", "day"),
        ("2020-11-10T00:00+03:00", "minute"),
        ("2020-11-10T00:00:05Z", "second"),
        ("-0043", "year"),
    ],
)
def test_precision_follows_the_fields_given(text: str, precision: str) -> None:
    assert parse_date(text).precision == precision


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("2020-02-30", "day 30"),
        ("2021-02-29", "day 29"),
        ("2020-13", "month 13"),
        ("2020-11-10T25:00Z", "time"),
        ("10/11/2020", "not a date"),
        ("", "not a date"),
        ("2020-11-10T00:00+15:00", "offset"),
        ("12345", "not a date"),
    ],
)
def test_impossible_dates_say_what_was_expected(text: str, needle: str) -> None:
    with pytest.raises(DateError, match="expected") as info:
        parse_date(text)
    assert needle in str(info.value)


def test_day_count_matches_the_calendar_module() -> None:
    for y, m, d in [(1970, 1, 1), (2020, 11, 25), (2000, 2, 29), (1, 1, 1), (9999, 12, 31)]:
        assert days_from_civil(y, m, d) * 86400 == calendar.timegm((y, m, d, 0, 0, 0))
        assert civil_from_days(days_from_civil(y, m, d)) == (y, m, d)


def test_bce_years_sort_before_ce_and_round_trip() -> None:
    years = [-9999, -43, -1, 0, 1, 632, 9999]
    starts = [start_instant(parse_date(f"{y:05d}" if y < 0 else f"{y:04d}")) for y in years]
    assert starts == sorted(starts)
    for y in years:
        assert civil_from_days(days_from_civil(y, 3, 1)) == (y, 3, 1)


def test_no_year_zero_in_labels() -> None:
    assert year_label(0) == "1 BCE"
    assert year_label(-43) == "44 BCE"
    assert year_label(2020) == "2020"


def test_zoned_time_is_placed_by_its_instant() -> None:
    d = parse_date("2020-11-10T00:00:00+03:00")
    assert start_instant(d) == calendar.timegm((2020, 11, 9, 21, 0, 0))
    check_zone(d, "Europe/Moscow")
    with pytest.raises(DateError, match="disagrees with zone Europe/Berlin"):
        check_zone(d, "Europe/Berlin")
    with pytest.raises(DateError, match="unknown time zone"):
        check_zone(d, "Mars/Olympus")


def test_period_ends() -> None:
    assert end_instant(parse_date("2020-02")) == calendar.timegm((2020, 3, 1, 0, 0, 0))
    assert end_instant(parse_date("2020")) == calendar.timegm((2021, 1, 1, 0, 0, 0))
    assert describe(parse_date("2020-11-25")) == "25 November 2020"
