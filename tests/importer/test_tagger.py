"""The TIMEX3 tagger on short invented news sentences: spans, types and values."""

from __future__ import annotations

from datetime import date

import pytest

from viewer.importer.tagger import needs_date, tag

FRI = date(2031, 3, 14)  # a Friday in ISO week 11
NOV25 = date(2020, 11, 25)


def found(text: str, dct: date | None) -> list[tuple[str, str, str]]:
    out = []
    for t in tag(text, dct):
        assert text[t.start : t.end] == t.text
        out.append((t.text, t.type, t.value))
    return out


CASES = [
    # absolute dates
    ("Talks ended on 25 November 2020.", NOV25, [("25 November 2020", "DATE", "2020-11-25")]),
    ("It was signed on November 10, 2020 by both.", NOV25,
     [("November 10, 2020", "DATE", "2020-11-10")]),
    ("The war began in 1991 and ended in March 1994.", FRI,
     [("1991", "DATE", "1991"), ("March 1994", "DATE", "1994-03")]),
    ("The plan dates from 2030-06-01.", FRI, [("2030-06-01", "DATE", "2030-06-01")]),
    # relative days and parts of day
    ("He spoke yesterday and again this morning.", NOV25,
     [("yesterday", "DATE", "2020-11-24"), ("this morning", "TIME", "2020-11-25TMO")]),
    ("Talks resume tomorrow, not today.", FRI,
     [("tomorrow", "DATE", "2031-03-15"), ("today", "DATE", "2031-03-14")]),
    ("Shelling went on Friday morning.", FRI, [("Friday morning", "DATE", "2031-03-14TMO")]),
    ("Shelling resumed last night.", FRI, [("last night", "TIME", "2031-03-13TNI")]),
    # weekdays: the tense decides the direction
    ("The minister resigned on Monday.", FRI, [("Monday", "DATE", "2031-03-10")]),
    ("The minister will resign on Monday.", FRI, [("Monday", "DATE", "2031-03-17")]),
    ("On Tuesday, parliament will vote.", FRI, [("Tuesday", "DATE", "2031-03-18")]),
    ("Officials said Tuesday that the vote will be delayed.", FRI,
     [("Tuesday", "DATE", "2031-03-11")]),
    # months and days without a year
    ("Prices rose sharply in December.", FRI, [("December", "DATE", "2030-12")]),
    ("Elections will be held in June.", FRI, [("June", "DATE", "2031-06")]),
    ("On November 20, the region was handed over.", NOV25,
     [("November 20", "DATE", "2020-11-20")]),
    ("Finally, on 1\u00a0December, Armenia will hand over the district.", NOV25,
     [("1\u00a0December", "DATE", "2020-12-01")]),
    # durations
    ("The siege lasted three weeks.", FRI, [("three weeks", "DURATION", "P3W")]),
    ("They were deployed under a five-year mandate.", FRI, [("five-year", "DURATION", "P5Y")]),
    ("Following over a month of fighting, it stopped.", FRI, [("over a month", "DURATION", "P1M")]),
    ("Repairs took 2 1/2 years.", FRI, [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("Queues formed for several days.", FRI, [("several days", "DURATION", "PXD")]),
    ("The talks took the past two years.", FRI, [("the past two years", "DURATION", "P2Y")]),
    ("He is 52 years old.", FRI, []),
    # counted back or forward: the unit is the granularity
    ("The bridge opened five years ago.", FRI, [("five years ago", "DATE", "2026")]),
    ("It closed two months ago.", FRI, [("two months ago", "DATE", "2031-01")]),
    ("The dam broke on May 3, 2029. That day, water rose. A month later, troops came.", FRI,
     [("May 3, 2029", "DATE", "2029-05-03"), ("That day", "DATE", "2029-05-03"),
      ("A month later", "DATE", "2029-06")]),
    ("A drone struck on May 3. Hours later, officials met.", FRI,
     [("May 3", "DATE", "2030-05-03"), ("Hours later", "DATE", "2030-05-03")]),
    ("The dam broke on May 3, 2029. The previous Monday it rained; the following Monday, snow.",
     FRI, [("May 3, 2029", "DATE", "2029-05-03"), ("The previous Monday", "DATE", "2029-04-30"),
           ("the following Monday", "DATE", "2029-05-07")]),
    # weeks, months, years, quarters named from the document date
    ("Fighting flared last week and calmed this week.", FRI,
     [("last week", "DATE", "2031-W10"), ("this week", "DATE", "2031-W11")]),
    ("The report is due next month, as it was last year.", FRI,
     [("next month", "DATE", "2031-04"), ("last year", "DATE", "2030")]),
    ("Profit fell in the third quarter.", date(1989, 10, 26),
     [("the third quarter", "DATE", "1989-Q3")]),
    ("Sales rose in the summer of 2029.", FRI, [("the summer of 2029", "DATE", "2029-SU")]),
    ("Demand grew in the 1990s, less in the 19th century.", FRI,
     [("the 1990s", "DATE", "199X"), ("the 19th century", "DATE", "18")]),
    # present, past and future as a whole; sets
    ("The road is currently closed.", FRI, [("currently", "DATE", "PRESENT_REF")]),
    ("Tolls may rise in the future; they rose recently.", FRI,
     [("the future", "DATE", "FUTURE_REF"), ("recently", "DATE", "PAST_REF")]),
    ("Ferries sail daily and every Monday.", FRI,
     [("daily", "SET", "P1D"), ("every Monday", "SET", "XXXX-WXX-1")]),
    ("Guards work 24 hours a day for $5 a year.", FRI,
     [("24 hours", "DURATION", "PT24H"), ("a day", "SET", "P1D"), ("a year", "SET", "P1Y")]),
    # clock times, zones and the day they belong to
    ("A ceasefire starts at 00:00 hours (Moscow time) on November 10.", NOV25,
     [("00:00 hours (Moscow time) on November 10", "TIME", "2020-11-10T00:00")]),
    ("Trading halted at 5 p.m. EST, Nov. 6.", date(1989, 10, 30),
     [("5 p.m. EST, Nov. 6", "TIME", "1989-11-06T17:00")]),
    ("The deadline is noon Thursday.", FRI, [("noon Thursday", "TIME", "2031-03-13T12:00")]),
    ("The war ended on the night of 9-10 November.", NOV25,
     [("the night of 9-10 November", "DATE", "2020-11-09TNI")]),
    ("A truce will start at 3:30 p.m. local time on Friday.", NOV25,
     [("3:30 p.m. local time on Friday", "TIME", "2020-11-27T15:30")]),
    ("Fighting resumed early Tuesday; talks resume at 10am next Monday.", NOV25,
     [("early Tuesday", "DATE", "2020-11-24"), ("10am next Monday", "TIME", "2020-11-30T10:00")]),
    ("The report dated 25.11.2020 cites 11/20/2020 and 21/11/2020.", NOV25,
     [("25.11.2020", "DATE", "2020-11-25"), ("11/20/2020", "DATE", "2020-11-20"),
      ("21/11/2020", "DATE", "2020-11-21")]),
    ("Talks were held between March and May.", NOV25,
     [("March", "DATE", "2020-03"), ("May", "DATE", "2020-05")]),
    # words that look like dates but are not
    ("You may march in May if the fall does not stop you.", FRI, [("May", "DATE", "2031-05")]),
    ("It cost $1990 and 2031 people came in 2030.", FRI, [("2030", "DATE", "2030")]),
    ("Theresa May cited Section 2020 of the 1998 act.", FRI, [("1998", "DATE", "1998")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "dct", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_expressions(text: str, dct: date, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, dct) == expected


def test_prepositions_stay_outside_modifiers_inside() -> None:
    text = "In 1996 and on Monday, more than four decades ago."
    spans = [t.text for t in tag(text, FRI)]
    assert spans == ["1996", "Monday", "more than four decades ago"]


def test_without_a_date_relative_values_keep_x() -> None:
    text = "He left yesterday, on Monday, on November 20 and five years ago, not in 1999."
    result = found(text, None)
    assert result == [
        ("yesterday", "DATE", "XXXX-XX-XX"),
        ("Monday", "DATE", "XXXX-WXX-1"),
        ("November 20", "DATE", "XXXX-11-20"),
        ("five years ago", "DATE", "XXXX"),
        ("1999", "DATE", "1999"),
    ]
    assert needs_date(tag(text, None))
    assert not needs_date(tag("It was in 1999.", None))


def test_offsets_are_code_points() -> None:
    text = "Ünïcödé 🙂 news: talks end on 25 November 2020."
    (t,) = tag(text, NOV25)
    assert text[t.start : t.end] == "25 November 2020"
    assert t.start == text.index("25")


DEC9 = date(2025, 12, 9)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "since" looks back, whatever the tense of the sentence
        ("Prices have risen since January.", "2025-01"),
        ("Since early February, 300 people have died.", "2025-02"),
        ("She has been mayor since January, and the city is flooded.", "2025-01"),
        # a past verb before a day range: the range is behind us
        ("Talks ran from 3 to 5 March in the capital.", "2025-03-05"),
        # a past-tense sentence without a verb next to the date: rather the one before
        ("In March, the talks collapsed.", "2025-03"),
        # a future-tense sentence still looks ahead
        ("The council will vote on 18 December.", "2025-12-18"),
        ("The new rules, effective 1 March, were announced on Monday.", "2026-03-01"),
        # an infinitive after "agreed to", "vowed to": what is to come
        ("Both sides had agreed to return to the table on Friday.", "2025-12-12"),
        ("They agreed to a truce on Friday.", "2025-12-05"),
        # a headline's "X to <verb>"
        ("Talks to resume on Friday\n\nNegotiators met last month.", "2025-12-12"),
    ],
)
def test_the_direction_of_a_date_without_its_year(text: str, value: str) -> None:
    assert found(text, DEC9)[0][2] == value


def test_every_season_is_a_set() -> None:
    assert found("The river floods every winter.", DEC9) == [("winter", "SET", "XXXX-WI")]


def test_a_week_after_a_day_is_a_day() -> None:
    text = "By Feb. 14, the county had 20 cases; a week later the number had doubled."
    assert found(text, date(2025, 3, 6))[-1] == ("a week later", "DATE", "2025-02-21")
