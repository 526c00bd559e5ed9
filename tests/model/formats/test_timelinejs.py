"""TimelineJS JSON and the Sheets template CSV: real examples, dates, HTML, quotes, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from viewer.model.dates import parse_date, year_label
from viewer.model.errors import LoadError
from viewer.model.formats.detect import load
from viewer.model.listing import date_text, sorted_events

TLJS = Path("interop/timelinejs")


def write_tljs(tmp_path: Path, events: list[Any], **extra: Any) -> Path:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"events": events, **extra}), encoding="utf-8")
    return path


def slide(headline: str = "Event", **fields: Any) -> dict[str, Any]:
    return {"start_date": {"year": "2001"}, "text": {"headline": headline}, **fields}


def test_whitney_houston_example(shared_dir: Path) -> None:
    loaded = load(shared_dir / TLJS / "whitney_houston.timeline3.json")
    ds = loaded.dataset
    assert loaded.format == "timelinejs"
    assert len(ds.events) == 18
    assert ds.title == "Whitney Houston 1963 - 2012"
    first, last = sorted_events(ds)[0], sorted_events(ds)[-1]
    assert (first.title, first.when.start, first.when.precision) == (
        "A Musical Heritage",
        "1963-08-09",
        "day",
    )
    assert (last.when.start, last.title) == ("2012-02-11", "Whitney Houston 1963-2012")
    assert ds.events[1].when.start == "1978"
    assert ds.events[1].when.precision == "year"
    assert "Born in New Jersey on August 9th, 1963" in first.summary
    assert "<p>" not in first.summary
    # media become cited sources, with the credit as plain text
    src = ds.source(first.citations[0])
    assert "Cissy Houston" in (src.title or "")


def test_all_media_types_groups(shared_dir: Path) -> None:
    ds = load(shared_dir / TLJS / "all-media-types_groups.json").dataset
    assert len(ds.events) == 41
    groups = {e.kind for e in ds.events} - {"event"}
    assert groups == {"Video", "Social Media", "Audio", "HTML", "Image"}
    assert ds.event("wistia").title == "Wistia"
    assert ds.event("wikipedia-images").when.start == "1929"
    tiktok = next(e for e in ds.events if e.title == "TikTok")
    assert (tiktok.when.start, tiktok.when.precision) == ("1904-06", "month")
    block = next(e for e in ds.events if e.title == "Blockquote")
    assert [q.text for q in block.quotes] == ["This is a block quote."]
    tweet = next(e for e in ds.events if e.title == "Twitter Embed")
    assert tweet.quotes[0].text.startswith("2018 will be the year of the dog.")
    assert "widgets.js" not in tweet.quotes[0].text


def test_sheet_template_csv(shared_dir: Path) -> None:
    loaded = load(shared_dir / TLJS / "my-own-timeline_sheet_template.csv")
    ds = loaded.dataset
    assert loaded.format == "timelinejs-sheet"
    assert ds.title == "MY OWN CSV"
    assert len(ds.events) == 10
    ada = next(e for e in ds.events if e.title == "Ada Lovelace")
    assert (ada.when.start, ada.when.end) == ("1815-12-10", "1852-11-27")
    eniac = next(e for e in ds.events if e.title.startswith("...And the women"))
    assert (eniac.when.start, eniac.when.precision, eniac.when.end) == ("1943-07", "month", "1946")
    clarke = next(e for e in ds.events if e.title.startswith("Edith Clarke"))
    (quote,) = clarke.quotes
    assert quote.text.startswith("There is no demand for women engineers")
    assert quote.source is None
    assert quote.selector is None
    speaker = ds.actor(quote.speaker or "")
    assert speaker.name.startswith("Edith Clarke, first female professor")


def test_html_is_plain_text_and_nothing_runs(tmp_path: Path) -> None:
    path = write_tljs(
        tmp_path,
        [
            slide(
                "<script>alert(1)</script>Bridge <img src=x onerror=alert(1)>opens &amp; more",
                text={
                    "headline": "<b>Bold</b> <img src=x onerror=alert(1)>head",
                    "text": "<p>One</p><p>Two<br>Three</p><style>p{}</style>&lt;b&gt;",
                },
            )
        ],
    )
    ev = load(path).dataset.events[0]
    assert ev.title == "Bold head"
    assert ev.summary == "One\nTwo\nThree\n<b>"
    path = write_tljs(
        tmp_path, [slide("<script>alert(1)</script>A <img src=x onerror=alert(1)>title")]
    )
    assert load(path).dataset.events[0].title == "A title"


def test_dates_numbers_or_strings_precision_and_utc(tmp_path: Path) -> None:
    events = [
        slide("a", start_date={"year": 1999, "month": 3}),
        slide("b", start_date={"year": "2000", "month": "2", "day": "29", "hour": "13"}),
        slide("c", start_date={"year": 2000, "month": 1, "day": 2, "hour": 3, "minute": 4,
                               "second": 5}),
        slide("d", start_date={"year": "1990"}, end_date={"year": "1995", "month": "6"},
              display_date="early 1990s", group="Decade", unique_id="decade"),
    ]  # fmt: skip
    ds = load(write_tljs(tmp_path, events)).dataset
    a, b, c, d = ds.events
    assert (a.when.start, a.when.precision) == ("1999-03", "month")
    assert (b.when.start, b.when.precision) == ("2000-02-29T13:00:00Z", "minute")
    assert "UTC" in (b.when.basis or "")
    assert (c.when.start, c.when.precision) == ("2000-01-02T03:04:05Z", "second")
    assert (d.id, d.kind, d.when.text) == ("decade", "Decade", "early 1990s")
    assert (d.when.end, d.when.end_precision) == ("1995-06", "month")


def test_bce_and_seventh_century_sort_and_display(tmp_path: Path) -> None:
    events = [
        slide("Hijra", start_date={"year": 622, "month": 9}),
        slide("Caesar killed", start_date={"year": "-44", "month": "3", "day": "15"}),
        slide("Before Christ", start_date={"year": -1}),
        slide("Pyramid", start_date={"year": -2560}),
    ]
    ds = load(write_tljs(tmp_path, events)).dataset
    caesar = next(e for e in ds.events if e.title == "Caesar killed")
    assert caesar.when.start == "-0043-03-15"
    assert year_label(parse_date(caesar.when.start).year) == "44 BCE"
    assert date_text(caesar) == "15 March 44 BCE"
    one = next(e for e in ds.events if e.title == "Before Christ")
    assert one.when.start == "0000"
    assert date_text(one) == "1 BCE"
    assert [e.title for e in sorted_events(ds)] == ["Pyramid", "Caesar killed", "Before Christ",
                                                     "Hijra"]  # fmt: skip
    hijra = next(e for e in ds.events if e.title == "Hijra")
    assert date_text(hijra) == "September 622"


def test_eras_and_stable_ids(tmp_path: Path) -> None:
    eras = [{"start_date": {"year": 1990}, "end_date": {"year": 1999},
             "text": {"headline": "The <i>nineties</i>"}}]  # fmt: skip
    path = write_tljs(tmp_path, [slide("Same"), slide("Same")], eras=eras)
    ds = load(path).dataset
    assert [(e.title, e.start, e.end) for e in ds.eras] == [("The nineties", "1990", "1999")]
    ids = [e.id for e in ds.events]
    assert ids == ["2001-same", "2001-same-2"]
    assert [e.id for e in load(path).dataset.events] == ids


def test_cited_blockquote_in_text_and_media(tmp_path: Path) -> None:
    media = {"url": "<blockquote>“We won,” he said.<cite>Ana Díaz</cite></blockquote>"}
    text = {
        "headline": "H",
        "text": "Intro<blockquote>Second &amp; last<cite>Bo</cite></blockquote>",
    }
    ds = load(write_tljs(tmp_path, [slide(media=media, text=text)])).dataset
    ev = ds.events[0]
    assert ev.summary == "Intro"
    assert [(q.text, ds.actor(q.speaker or "").name) for q in ev.quotes] == [
        ("“We won,” he said.", "Ana Díaz"),
        ("Second & last", "Bo"),
    ]
    assert all(q.form == "direct" and q.source is None for q in ev.quotes)


@pytest.mark.parametrize(
    ("start_date", "path", "message"),
    [
        ({"month": 3}, "events[1].start_date.year", "required field is missing"),
        ({"year": "2001", "month": 13}, "events[1].start_date.month",
         "month 13 does not exist; expected 1..12"),
        ({"year": "MMI"}, "events[1].start_date.year", "'MMI' is not a number"),
        ({"year": 2001, "month": 2, "day": 30}, "events[1].start_date.day",
         "day 30 does not exist in that month; expected 1..28"),
        ({"year": 0}, "events[1].start_date.year", "year 0 does not exist"),
        ({"year": 2001.5}, "events[1].start_date.year", "expected a whole number"),
        ({"year": 2001, "hour": 3}, "events[1].start_date.hour", "needs its day"),
        ("2001", "events[1].start_date", "got a string; expected an object"),
    ],
)  # fmt: skip
def test_bad_dates_name_the_json_path(
    tmp_path: Path, start_date: Any, path: str, message: str
) -> None:
    file = write_tljs(tmp_path, [slide(), slide(start_date=start_date)])
    with pytest.raises(LoadError) as exc:
        load(file)
    (problem,) = exc.value.problems
    assert (problem.file, problem.path) == (str(file), path)
    assert message in problem.message


def test_other_bad_slides(tmp_path: Path) -> None:
    file = write_tljs(tmp_path, [slide(), {"text": {"headline": "no date"}}])
    with pytest.raises(LoadError, match=r"events\[1\]\.start_date: required field is missing"):
        load(file)
    file = write_tljs(tmp_path, [slide(unique_id="x"), slide(unique_id="x")])
    with pytest.raises(LoadError, match=r"events\[1\]\.unique_id: duplicate unique_id 'x'"):
        load(file)
    file = write_tljs(tmp_path, [slide(text="just a string")])
    with pytest.raises(LoadError, match=r"events\[0\]\.text: got a string; expected an object"):
        load(file)
    end = {"year": 1990}
    file = write_tljs(tmp_path, [slide(end_date=end)])
    with pytest.raises(LoadError, match=r"events\[0\] \(when\): end '1990' is before start"):
        load(file)


def test_json_of_no_known_format(tmp_path: Path) -> None:
    file = tmp_path / "x.json"
    file.write_text('{"slides": []}', encoding="utf-8")
    with pytest.raises(LoadError) as exc:
        load(file)
    msg = str(exc.value)
    assert "tried the native timeline-dataset JSON" in msg
    assert "TimelineJS JSON" in msg


SHEET_HEADER = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"  # noqa: E501


def test_sheet_columns_any_order_and_case(tmp_path: Path) -> None:
    file = tmp_path / "s.csv"
    file.write_text(
        "headline ; GROUP ; year;month;day;time;type;end year\n"
        "Title row;;;;;;title;\n"
        "Era;;1990;;;;era;1999\n"
        "Launch;Space;1969;7;20;8:17 PM;;\n",
        encoding="utf-8",
    )
    ds = load(file).dataset
    assert ds.title == "Title row"
    (ev,) = ds.events
    assert (ev.title, ev.kind, ev.when.start) == ("Launch", "Space", "1969-07-20T20:17:00Z")
    assert [(e.title, e.start, e.end) for e in ds.eras] == [("Era", "1990", "1999")]


@pytest.mark.parametrize(
    ("row", "where", "message"),
    [
        (",3,,,,,,,,No year,,,,,,,,", "row 3, column 'Year'", "required field is missing"),
        ("2001,13,,,,,,,,Bad month,,,,,,,,", "row 3, column 'Month'", "month 13 does not exist"),
        ("20O1,,,,,,,,,Letter O,,,,,,,,", "row 3, column 'Year'", "'20O1' is not a number"),
        ("2001,1,1,25:00,,,,,,Bad time,,,,,,,,", "row 3, column 'Time'", "is not a time of day"),
        ("2001,,,,,,,,,Short row", "row 3", "the row has 10 cells; expected 18"),
    ],
)
def test_sheet_errors_name_row_column_and_line(
    tmp_path: Path, row: str, where: str, message: str
) -> None:
    file = tmp_path / "s.csv"
    file.write_text(f"{SHEET_HEADER}\n2000,,,,,,,,,Fine,,,,,,,,\n{row}\n", encoding="utf-8")
    with pytest.raises(LoadError) as exc:
        load(file)
    (problem,) = exc.value.problems
    assert (problem.path, problem.line) == (where, 3)
    assert message in problem.message
    at = f"3:{problem.col}" if ", column" in where else "3"  # a bad cell: its column too
    assert str(problem).startswith(f"{file}:{at}: {where}: ")
