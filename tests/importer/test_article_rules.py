"""Rules of the drafting on short texts: date ranges, durations, clock times, published-date
limits, and that any mix of awkward words gives a draft that loads (or a clear message)."""

from __future__ import annotations

import random

import pytest

from viewer.importer.article import ArticleError, draft_from_text
from viewer.model.checks import check_dataset


def whens(text: str, published: str = "2020-11-25") -> list[tuple[str, str | None, str]]:
    ds = draft_from_text(text, published=published).dataset
    return [(e.when.start, e.when.end, e.when.precision) for e in ds.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ran from March to June 2020, officials said.", ("2020-03", "2020-06", "month")),
        ("The festival runs from 1 July to 3 August 2021.", ("2021-07-01", "2021-08-03", "day")),
        ("Voting is held between 4 and 7 June 2024.", ("2024-06-04", "2024-06-07", "day")),
        ("The strike lasted from Monday to Wednesday.", ("2020-11-23", "2020-11-25", "day")),
    ],
)
def test_a_range_is_one_event_with_both_ends(text: str, expected: tuple) -> None:
    assert whens(text) == [expected]


def test_a_distance_in_time_is_no_period() -> None:
    text = "The bridge reopened on 3 May 2021, two years after it closed."
    assert whens(text) == [("2021-05-03", None, "day")]


def test_a_duration_counted_from_its_event() -> None:
    text = "On 2 March 2020 the board approved a three-year plan."
    assert sorted(whens(text)) == [("2020-03", "2023-03", "month"), ("2020-03-02", None, "day")]


@pytest.mark.parametrize("published", ["0999-12-31", "9999-01-01"])
def test_a_publication_date_out_of_range_is_refused(published: str) -> None:
    with pytest.raises(ArticleError, match=r"expected a year 1000\.\.8999"):
        draft_from_text("Troops left yesterday.", published=published)


PIECES = [
    "yesterday", "on 14 and 15 December", '"', "“", "”", "«", "»", ", said President Jo Smith.",
    " he added that ", "the next decade", "for two years", "a five-year plan", "31 February",
    "over a month of fighting", "at 18:00 GMT on Tuesday", "at 9 p.m.", "Under the agreement,",
    "in March 2029", "\n", "\n\n", "Mr. Brown", "according to NATO,", "2020-13-45", "0 BC",
    "in the 1990s", "early 2033", "last week", "the third quarter", "between 1 and 3 May",
    "from March to June 2020", "Feb. 29, 2023", "the president", "will", ".", "!", "?", ",",
    "Troops left", "\u00a0", "'s", "the year 9999", "year 0001", "5,000 years ago",
    "a 9000-year mandate", "after 8,000 years of war", "the signed agreement", "deployed",
]  # fmt: skip


def test_any_mix_of_awkward_words_gives_a_draft_that_loads() -> None:
    rng = random.Random(21)
    for _ in range(150):
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        if not text.strip():
            continue
        published = rng.choice([None, "2020-11-25", "2031-05-14T09:30:00+02:00", "1000-01-01"])
        drafted = draft_from_text(text, published=published, tz=rng.choice([None, "Europe/Paris"]))
        _, problems = check_dataset(drafted.dataset)
        assert [p for p in problems if p.severity == "error"] == [], text


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Senator Jo Park said the deal was fair to the state.", "the deal was fair to the state"),
        ("Jo Park, speaking in Boise, said that the talks would resume.", "the talks would resume"),
        ("Jo Park said on Monday the bridge would reopen.", "the bridge would reopen"),
        ("The bridge will reopen in May, Jo Park said.", "The bridge will reopen in May"),
        ("According to Jo Park, the bridge will reopen in May.", "the bridge will reopen in May"),
    ],
)
def test_reported_speech_forms(sentence: str, words: str) -> None:
    text = "Senator Jo Park visited the town. " + sentence
    ds = draft_from_text(text, published="2024-01-10").dataset
    found = [(q.text, q.form, ds.actor(q.speaker).name) for e in ds.events for q in e.quotes]
    assert found == [(words, "reported", "Jo Park")]


@pytest.mark.parametrize(
    "sentence",
    ["Jo Park said in a statement.", "Jo Park said it.", "The council said on Monday."],
)
def test_a_reporting_verb_without_words_is_no_quote(sentence: str) -> None:
    text = "Senator Jo Park visited the town. " + sentence
    ds = draft_from_text(text, published="2024-01-10").dataset
    assert [q for e in ds.events for q in e.quotes] == []


def test_a_day_takes_the_year_named_in_its_sentence() -> None:
    text = "The city will mark the anniversary next year with a festival from 6 to 9 November."
    ds = draft_from_text(text, published="2028-03-01").dataset
    (ev,) = ds.events
    assert (ev.when.start, ev.when.end, ev.status) == ("2029-11-06", "2029-11-09", "planned")
    assert ev.when.basis == "the year from 'next year' in the same sentence"


def test_a_decade_is_an_interval_of_years() -> None:
    ds = draft_from_text("In the 1990s the city was rebuilt.", published="2028-03-01").dataset
    (ev,) = ds.events
    assert (ev.when.start, ev.when.end, ev.when.precision) == ("1990", "1999", "year")
    assert ev.when.basis is None  # the words give the date


def test_a_quote_goes_to_the_dated_statement_of_its_sentence() -> None:
    text = 'Mayor Ana Diaz visited the site. "It is finally open," she said on Tuesday.'
    ds = draft_from_text(text, published="2031-05-14").dataset
    (ev,) = ds.events
    assert ev.title == "Statement by Ana Diaz"
    assert (ev.when.start, ev.kind) == ("2031-05-13", "statement")
    assert [(q.text, ds.actor(q.speaker).name) for q in ev.quotes] == [
        ("It is finally open,", "Ana Diaz")
    ]
