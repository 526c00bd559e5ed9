"""Rules of general English news style found wrong on unseen articles: a headline repeating
the body, years that name things, times and their day, titles, speakers set off by commas."""

from __future__ import annotations

import pytest

from viewer.importer.article import draft_from_text
from viewer.model.dataset import Dataset


def draft(text: str, published: str = "2025-12-09") -> Dataset:
    return draft_from_text(text, published=published).dataset


def whens(text: str, published: str = "2025-12-09") -> list[tuple[str, str | None]]:
    return [(e.when.start, e.when.end) for e in draft(text, published).events]


def speakers(text: str, published: str = "2025-12-09") -> dict[str, str]:
    ds = draft(text, published)
    return {q.text: ds.actor(q.speaker).name for e in ds.events for q in e.quotes if q.speaker}


def test_a_headline_repeating_a_body_event_makes_no_event_of_its_own() -> None:
    text = (
        "House vote on water bill expected next week\n\n"
        "The Senate passed the bill on Tuesday. The House will vote on it next week.\n"
    )
    assert whens(text) == [("2025-12-09", None), ("2025-12-15", "2025-12-21")]


def test_a_headline_with_a_date_of_its_own_keeps_its_event() -> None:
    text = "Talks to resume on Friday\n\nNegotiators met in Geneva last month.\n"
    assert ("2025-12-12", None) in whens(text)


def test_a_headline_date_holding_a_body_date_makes_no_event() -> None:
    text = "Chief found guilty; sentencing set for May\n\nThe judge set sentencing for May 12.\n"
    assert whens(text, "2025-02-10") == [("2025-05-12", None)]


def test_a_fiscal_year_gives_no_year_to_the_day_it_ends() -> None:
    text = "The chain expects a profit for fiscal 2025, which ends on Jan. 31, analysts said."
    ds = draft(text, "2025-11-20")
    assert [(e.when.start, e.title) for e in ds.events if e.when.precision == "day"] == [
        ("2026-01-31", "Fiscal 2025 ends")
    ]


def test_a_year_that_names_a_thing_gives_no_year_to_the_day() -> None:
    text = "The council will vote on the 2026 budget on 18 December."
    assert whens(text) == [("2025-12-18", None)]


def test_a_year_compared_with_gives_no_year_to_the_day() -> None:
    text = "In May, the chain reported its first quarterly loss since 2020."
    assert ("2025-05", None) in whens(text)


def test_a_weekday_keeps_its_own_date_beside_a_year() -> None:
    text = "The law was passed in 2019 and repealed by parliament on Monday."
    assert ("2025-12-08", None) in whens(text)


def test_a_short_sentence_that_starts_with_a_year_is_no_dateline() -> None:
    text = "The 2019 law was repealed by parliament on Monday."
    assert whens(text) == [("2025-12-08", None)]


def test_clock_times_set_off_before_their_day_take_that_day_and_the_zone_named() -> None:
    text = "Drones struck the town at about 04:30 local time (01:30 GMT) on Tuesday."
    ds = draft(text, "2025-06-18")
    (ev,) = ds.events
    assert ev.when.start == "2025-06-17T01:30:00+00:00"
    assert ev.when.approximate


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("At least 14 people were killed on Tuesday.", "At least 14 people were killed"),
        (
            "Kessary, a town of 25,000, has been shelled since October 2024.",
            "Kessary has been shelled",
        ),
        ("The talks, which opened on Monday, were suspended.", "Talks opened"),
        ("Among them, Sears had sales of $1.4 billion in 1988.", "Sears had sales of $1.4 billion"),
    ],
)
def test_a_title_is_readable(text: str, title: str) -> None:
    assert draft(text).events[0].title == title


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            'His lawyer, Marisa Quinn, said her client would appeal. "We respect the jury," '
            "Quinn said.",
            "We respect the jury,",
            "Marisa Quinn",
        ),
        (
            'Her predecessor, Marco Teles, had called the floods "an act of God".',
            "an act of God",
            "Marco Teles",
        ),
        (
            "Analyst Mei Tanaka of Crossfield Research said the cut was smaller than feared.",
            "the cut was smaller than feared",
            "Mei Tanaka",
        ),
        (
            "Chief Financial Officer Tom Ellery said inventories were 4% lower than in June.",
            "inventories were 4% lower than in June",
            "Tom Ellery",
        ),
        (
            "The key witness, former director Alan Becker, testified for four days. "
            '"He told me to hide it," Becker told the jury.',
            "He told me to hide it,",
            "Alan Becker",
        ),
    ],
)
def test_speakers_set_off_by_commas_or_named_with_their_employer(
    text: str, quote: str, speaker: str
) -> None:
    assert speakers(text)[quote] == speaker


def test_a_title_before_a_name_is_read_whole() -> None:
    text = 'U.S. Attorney Sara Whitcomb said: "You cannot lie to your investors."'
    ds = draft(text)
    assert [a.name for a in ds.actors if a.kind == "person"] == ["Sara Whitcomb"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The chain earned $212 million in the three months ended Nov. 1.",
            [("2025-08", "2025-11-01")],
        ),
        ("Sales rose 4% in the nine months to September.", [("2025-01", "2025-09")]),
    ],
)
def test_a_period_ended_at_a_date_is_one_interval(text: str, expected: list) -> None:
    assert whens(text, "2025-11-20") == expected


def test_the_period_a_figure_is_for_is_no_event_beside_its_day() -> None:
    text = "The chain cut its outlook for the fiscal year on Wednesday."
    assert whens(text, "2025-11-20") == [("2025-11-19", None)]


def test_a_date_compared_with_is_no_event() -> None:
    text = "Stocks were 4% lower than at the end of June, the firm said on Monday."
    assert [s for s, _ in whens(text, "2025-11-20")] == ["2025-11-17"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said the attack was the heaviest since the start of the year.",
        "It is the longest stoppage at the port since 1979.",
    ],
)
def test_a_date_after_a_superlative_and_since_is_compared_with(text: str) -> None:
    assert whens(text, "2025-06-18") == []


def test_since_after_a_noun_still_dates_an_event() -> None:
    assert whens("He has been under arrest since May.", "2025-06-18") == [("2025-05", None)]


def test_the_year_of_a_month_is_kept() -> None:
    assert whens("He was freed on bail in January of last year.", "2025-02-10") == [
        ("2024-01", None)
    ]


def test_an_attribution_runs_past_an_abbreviated_title() -> None:
    text = '"We are seeing it in schools," county health director Dr. Amara Okoye said.'
    assert speakers(text) == {"We are seeing it in schools,": "Amara Okoye"}


def test_reported_speech_may_start_with_a_number() -> None:
    text = "Director Amara Okoye said 71 of the patients were children under 12."
    assert speakers(text) == {"71 of the patients were children under 12": "Amara Okoye"}


def test_a_byline_and_a_lone_organisation_word_are_no_actors() -> None:
    text = (
        "Cases climb\n\nBy Jordan Ellis, Health Reporter\nMarch 6, 2025\n\n"
        "School attendance has dropped. The Senate met on Tuesday.\n"
    )
    assert [a.name for a in draft(text, "2025-03-06").actors] == ["Senate"]


def test_a_year_before_a_proper_noun_names_a_thing() -> None:
    text = "Kopp's 1987 Chevrolet Cavalier was discovered last month at Newark, the FBI said."
    assert whens(text, "1999-01-22") == [("1998-12", None)]


def test_ended_between_two_dates_leaves_the_title() -> None:
    text = "Oshkosh Truck Corp. estimated earnings for the quarter ended Sept. 30 fell 50%."
    (ev,) = draft(text, "1989-10-20").events
    assert ev.title == "Oshkosh Truck Corp. estimated earnings fell 50%"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Shipping line Maersk said it had diverted three ships to Antwerp.",
            "it had diverted three ships to Antwerp",
            "Maersk",
        ),
        (
            "Prosecutors said Hartley hid more than $300 million in bad loans.",
            "Hartley hid more than $300 million in bad loans",
            "Prosecutors",
        ),
    ],
)
def test_companies_and_groups_as_speakers(text: str, quote: str, speaker: str) -> None:
    assert speakers(text) == {quote: speaker}


def test_said_it_alone_is_no_reported_speech() -> None:
    assert speakers("Senator Jo Park said it twice in the debate on Monday.") == {}


def test_a_weekday_after_said_is_not_reported_words() -> None:
    text = "Investigators said Friday they found a rifle buried near his home."
    assert speakers(text) == {"they found a rifle buried near his home": "Investigators"}


def test_a_figure_reached_last_year_dates_an_event_a_figure_compared_does_not() -> None:
    text = "Vaccination rates fell from 93% in 2019 to 84% last year, according to state data."
    assert whens(text, "2025-03-06") == [("2019", None), ("2024", None)]
    assert whens("Profit rose 12% to $5 million from a year earlier.", "2025-03-06") == []
