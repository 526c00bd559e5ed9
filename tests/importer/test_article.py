"""Drafting a chronology from an article: the bundled article against its hand-made dataset,
and three articles of our own (other topics, date styles and quotation styles)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from viewer.importer.article import ArticleError, Drafted, draft_from_file, draft_from_text
from viewer.model.bundled import bundled_dataset
from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset, Event, text_sha256

ARTICLES = Path(__file__).parent / "articles"


def hand_made() -> dict:
    return json.loads(Path(bundled_dataset()).read_text(encoding="utf-8"))


def words(*texts: str | None) -> set[str]:
    return {w.lower() for t in texts if t for w in re.findall(r"[^\W\d_]{4,}", t)}


def assert_valid(drafted: Drafted) -> Dataset:
    ds, problems = check_dataset(drafted.dataset)
    assert [p for p in problems if p.severity == "error"] == []
    for ev in ds.events:
        assert ev.draft is not None, ev.id
        assert 0 <= ev.draft.confidence <= 1
        assert ev.draft.note
        for q in ev.quotes:
            assert q.draft is not None, q.id
            assert q.draft.note
            src = ds.source(q.source)
            assert src.text[q.selector.start : q.selector.end] == q.text == q.selector.exact
    return ds


def find(ds: Dataset, start: str, title_words: str, end: str | None = None) -> Event:
    """The draft event on ``start`` (and ``end``) whose words overlap ``title_words``."""
    wanted = words(title_words)
    for ev in ds.events:
        same = ev.when.start == start and ev.when.end == end
        if same and wanted & words(ev.title, ev.summary, ev.when.text):
            return ev
    got = [(ev.when.start, ev.when.end, ev.title) for ev in ds.events]
    raise AssertionError(f"no event {start}..{end} about {title_words!r}; drafted: {got}")


@pytest.fixture(scope="module")
def kalbajar() -> tuple[dict, Dataset]:
    made = hand_made()
    text = made["sources"][0]["text"]
    drafted = draft_from_text(text, published="2020-11-25", title=made["sources"][0]["title"])
    return made, assert_valid(drafted)


def test_the_draft_keeps_the_article_text_verbatim(kalbajar: tuple[dict, Dataset]) -> None:
    made, ds = kalbajar
    (src,) = ds.sources
    assert src.text == made["sources"][0]["text"]
    assert src.sha256 == text_sha256(src.text) == made["sources"][0]["sha256"]
    assert src.published == "2020-11-25"


def test_every_hand_made_event_is_drafted_with_its_dates(kalbajar: tuple[dict, Dataset]) -> None:
    made, ds = kalbajar
    for ev in made["events"]:
        w = ev["when"]
        drafted = find(ds, w["start"], ev["title"] + " " + ev["summary"], w.get("end"))
        assert drafted.when.precision == w["precision"], ev["id"]
        assert drafted.when.tz == w.get("tz"), ev["id"]
        assert drafted.status == ev["status"], ev["id"]


def test_relative_dates_say_how_they_were_resolved(kalbajar: tuple[dict, Dataset]) -> None:
    _, ds = kalbajar
    call = find(ds, "2020-11-24", "telephone conversation")
    assert call.when.text == "yesterday"
    assert call.when.basis == "'yesterday' relative to the publication date 2020-11-25"
    assert call.kind == "diplomacy"
    names = {ds.actor(a).name for a in call.actors}
    assert {"Recep Tayyip Erdogan", "Vladimir Putin"} <= names
    ceasefire = find(ds, "2020-11-10T00:00:00+03:00", "ceasefire")
    assert ceasefire.when.tz == "Europe/Moscow"
    assert ceasefire.kind == "ceasefire"
    war = find(ds, "2020-10", "military action", "2020-11-10")
    assert war.when.approximate
    assert war.when.end_precision == "day"
    assert "over a month" in (war.when.basis or "")
    lachin = find(ds, "2020-12-01", "Lachin")
    assert (lachin.status, lachin.kind) == ("planned", "hand-over")
    assert [ds.place(p).name for p in lachin.places] == ["Lachin"]
    aghdam = find(ds, "2020-11-20", "Aghdam")
    assert [(ds.place(p).name, ds.place(p).kind) for p in aghdam.places] == [("Aghdam", "region")]


def test_every_hand_made_quote_is_found_with_its_speaker(kalbajar: tuple[dict, Dataset]) -> None:
    made, ds = kalbajar
    drafted = [(q, ev) for ev in ds.events for q in ev.quotes]
    for ev in made["events"]:
        for q in ev["quotes"]:
            sel = q["selector"]
            hits = [
                (d, e)
                for d, e in drafted
                if d.selector.start < sel["end"] and sel["start"] < d.selector.end
            ]
            assert hits, f"quote {q['id']} not drafted"
            d, _ = hits[0]
            assert d.form == q["form"], q["id"]
            assert ds.actor(d.speaker).name == "Recep Tayyip Erdogan", q["id"]
    erdogan = next(a for a in ds.actors if a.name == "Recep Tayyip Erdogan")
    assert "Turkish President" in erdogan.aliases
    assert erdogan.kind == "person"


def test_a_quote_with_its_own_date_goes_to_that_event(kalbajar: tuple[dict, Dataset]) -> None:
    _, ds = kalbajar
    liberated = find(ds, "2020-11-25", "Kalbajar liberated")
    assert [q.text for q in liberated.quotes] == [
        "The Azerbaijani flag is flying in the Nagorno-Karabakh region and the occupied "
        "Kalbajar district was liberated this morning."
    ]
    statement = find(ds, "2020-11-25", "statement Erdogan")
    assert statement.kind == "statement"
    assert len(statement.quotes) >= 3


# --- articles of our own -------------------------------------------------------------------


def test_bridge_article() -> None:
    drafted = draft_from_file(ARTICLES / "bridge.txt")
    ds = assert_valid(drafted)
    assert ds.sources[0].published == "2031-05-14"  # from its date line, with a warning
    assert any("date line" in w and "--published" in w for w in drafted.warnings)
    reopened = find(ds, "2031-05-13", "bridge reopened")
    assert reopened.when.precision == "day"
    ribbon = find(ds, "2031-05-13T18:00:00+01:00", "ribbon")
    assert (ribbon.when.tz, ribbon.when.precision) == ("Europe/London", "minute")
    tolls = find(ds, "2031-09-01", "tolls introduced")
    assert tolls.status == "planned"
    crossing = find(ds, "2033", "second crossing")
    assert crossing.when.approximate
    assert crossing.status == "planned"
    repairs = find(ds, "2029-03", "repairs began")
    assert repairs.status == "occurred"
    assert not any(ev.when.text == "two years" for ev in ds.events)  # "two years after"
    quotes = {q.text: (q.form, ds.actor(q.speaker).name) for ev in ds.events for q in ev.quotes}
    assert quotes["It is finally open,"] == ("direct", "Ana Díaz")
    assert quotes["We waited a long time for this day, and the town waited with us."] == (
        "direct",
        "Ana Díaz",
    )
    assert quotes["the tolls would pay for the upkeep of the bridge for the next decade"] == (
        "reported",
        "Tom Reed",
    )


def test_election_article() -> None:
    drafted = draft_from_file(ARTICLES / "election.txt")
    ds = assert_valid(drafted)
    signed = find(ds, "2021-03-03", "signed budget")  # "on Wednesday", published 4 March
    assert "Maria Lopez" in {ds.actor(a).name for a in signed.actors}
    find(ds, "2021-02-26", "legislature passed plan")
    find(ds, "2021-02", "talks collapsed")
    standoff = find(ds, "2021-02-10", "standoff lasted", "2021-03-03")
    assert standoff.when.approximate
    vote = find(ds, "2021-04-12", "return vote")
    assert vote.status == "planned"
    assert find(ds, "2021-07-01", "fiscal year begins").status == "planned"
    assert not any(ev.when.start == "2021-03-04" and "Staff" in ev.title for ev in ds.events)
    quotes = {q.text: ds.actor(q.speaker).name for ev in ds.events for q in ev.quotes}
    assert quotes["This budget keeps our promises to teachers and nurses,"] == "Maria Lopez"
    assert quotes["Nobody got everything they wanted."] == "Maria Lopez"  # the same quotation
    assert quotes["the best we could do in a hard year."] == "John Park"
    assert quotes["We will not let this happen again,"] == "John Park"
    assert quotes[
        "lawmakers would return on April 12 to vote on a two-year transportation plan"
    ] == ("John Park")  # "He added that ...": the last person named


def test_summit_article_guillemets_and_ranges() -> None:
    drafted = draft_from_file(ARTICLES / "summit.txt")
    ds = assert_valid(drafted)
    agreed = find(ds, "2023-09-28", "leaders agreed grain corridor")
    assert agreed.kind == "agreement"
    talks = find(ds, "2023-09-14", "two weeks talks", "2023-09-28")
    assert talks.when.approximate
    find(ds, "2023-09", "extend corridor six months", "2024-03")
    meeting = find(ds, "2023-12-14", "next meeting Madrid", "2023-12-15")
    assert meeting.status == "planned"
    august = find(ds, "2023-08", "exports fallen")
    assert august.when.approximate  # "early August"
    find(ds, "2022-02", "war began")
    quotes = {q.text: (q.form, ds.actor(q.speaker).name) for ev in ds.events for q in ev.quotes}
    assert quotes["We have kept our word to the farmers"] == ("direct", "Helena Berg")
    assert quotes["exports had fallen by a third since early August"] == (
        "reported",
        "Petro Hrytsenko",
    )


def test_html_gives_the_main_text_and_its_metadata() -> None:
    drafted = draft_from_file(ARTICLES / "summit.html")
    ds = assert_valid(drafted)
    (src,) = ds.sources
    assert src.title == "Leaders agree to extend the grain corridor"
    assert src.published == "2023-10-02T09:30:00+02:00"
    assert src.url == "https://courier.example.org/2023/10/02/grain-corridor"
    assert src.publisher == "The Example Courier"
    for junk in ("World news", "Advertisement", "Related stories", "Readercomment", "trackPage"):
        assert junk not in src.text
    assert "European Union leaders agreed on Thursday night" in src.text
    quote = next(q for ev in ds.events for q in ev.quotes if q.form == "direct")
    assert src.text[quote.selector.start : quote.selector.end] == (
        "We have kept our word to the farmers"
    )
    assert drafted.warnings == []


def test_options_override_the_page() -> None:
    drafted = draft_from_file(
        ARTICLES / "summit.html",
        published="2023-10-03",
        title="Grain corridor",
        url="https://example.org/x",
    )
    src = drafted.dataset.sources[0]
    assert (src.published, src.title, src.url) == (
        "2023-10-03",
        "Grain corridor",
        "https://example.org/x",
    )


def test_without_a_publication_date_relative_dates_are_flagged() -> None:
    text = (
        "The war began in March 2021.\n\nTroops left the town yesterday, officials said.\n\n"
        "Talks resume on 1 December in Geneva.\n"
    )
    drafted = draft_from_text(text, source_title="notes.txt")
    ds = assert_valid(drafted)
    assert any("--published" in w and "no publication date" in w for w in drafted.warnings)
    assert find(ds, "2021-03", "war began").draft.confidence >= 0.5
    left = next(ev for ev in ds.events if "Troops" in ev.title)
    assert left.when.uncertain
    assert "--published" in left.draft.note
    assert left.draft.confidence <= 0.3
    talks = next(ev for ev in ds.events if "Talks" in ev.title)
    assert "--published" in talks.draft.note


def test_a_clock_time_without_a_zone_falls_back_to_its_day_unless_tz_is_given() -> None:
    text = "The polls closed at 20:00 on 5 May 2024, officials said."
    ds = assert_valid(draft_from_text(text, published="2024-05-06"))
    assert [(e.when.start, e.when.precision) for e in ds.events] == [("2024-05-05", "day")]
    assert "--tz" in ds.events[0].draft.note
    ds = assert_valid(draft_from_text(text, published="2024-05-06", tz="Europe/Madrid"))
    assert [(e.when.start, e.when.tz) for e in ds.events] == [
        ("2024-05-05T20:00:00+02:00", "Europe/Madrid")
    ]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"published": "25/11/2020"}, "--published '25/11/2020' is not a date"),
        ({"published": "2020-02-30"}, "is not a date of the calendar"),
        ({"tz": "Mars/Base"}, "--tz: unknown time zone 'Mars/Base'"),
    ],
)
def test_bad_options_are_one_clear_message(options: dict, expected: str) -> None:
    with pytest.raises(ArticleError, match=re.escape(expected)):
        draft_from_text("Troops left yesterday.", source_title="a.txt", **options)


def test_an_empty_text_is_refused() -> None:
    with pytest.raises(ArticleError, match=r"a\.txt: no text"):
        draft_from_text("  \n", source_title="a.txt")


def test_an_html_page_in_its_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "cafe.html"
    page.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        b"<title>Caf\xe9</title></head><body><article><h1>Caf\xe9 reopens</h1><p>The caf\xe9 "
        b"reopened on Monday after a fire in March, the owner said. \x93We are back,\x94 said "
        b"Mayor Jean Dupont at the opening ceremony in the town square.</p><p>More words here "
        b"to make a proper article with enough words for the extractor.</p></article></body></html>"
    )
    ds = assert_valid(draft_from_file(page, published="2024-05-08"))
    assert ds.sources[0].text.startswith("Café reopens\nThe café reopened on Monday")
    assert find(ds, "2024-05-06", "café reopened").kind == "opening"
    assert find(ds, "2024-03", "fire").kind == "disaster"
    (quote,) = [q for ev in ds.events for q in ev.quotes]
    assert (quote.text, ds.actor(quote.speaker).name) == ("We are back,", "Jean Dupont")


def test_wire_story_with_a_zone_abbreviation_and_no_date_line() -> None:
    path = ARTICLES / "senate.txt"
    undated = draft_from_file(path)
    assert any("no publication date found" in w for w in undated.warnings)
    assert all(ev.draft.confidence <= 0.3 for ev in undated.dataset.events if ev.when.uncertain)
    ds = assert_valid(draft_from_file(path, published="2021-03-10"))
    passed = find(ds, "2021-03-09T15:00:00-05:00", "measure passed")
    assert passed.title == "Measure passed 68-31"  # the zone ("ET") is not in the title
    assert (passed.when.tz, passed.when.approximate) == ("America/New_York", True)
    find(ds, "2019", "Environmental Protection Agency warned pipes")
    sign = find(ds, "2021-03", "sign bill")
    assert sign.status == "planned"
    statement = find(ds, "2021-03-10", "White House spokesman Ben Alder")
    assert statement.title == "Statement by White House spokesman Ben Alder"
    quotes = {q.text: ds.actor(q.speaker).name for ev in ds.events for q in ev.quotes}
    assert quotes["This is a blank check for Washington."] == "Laura Kim"
    assert quotes["We can't wait another decade,"] == "Chuck Remer"
    assert quotes["a promise kept to every family that turns on a tap."] == "Chuck Remer"


def test_wire_dateline_crlf_lines_and_a_quotation_across_paragraphs() -> None:
    drafted = draft_from_file(ARTICLES / "storm-crlf.txt")
    ds = assert_valid(drafted)
    assert ds.sources[0].published == "2024-09-12"  # "MIAMI, Sept. 12, 2024 -- ..."
    assert "\r\n" in ds.sources[0].text  # verbatim
    landfall = find(ds, "2024-09-12", "hurricane landfall")
    assert landfall.when.text == "Thursday"
    assert landfall.when.approximate  # "early on Thursday"
    assert [ds.place(p).name for p in landfall.places] == ["Key West"]
    assert find(ds, "2024-09-14", "storm weaken").status == "planned"
    quotes = {q.text: ds.actor(q.speaker).name for ev in ds.events for q in ev.quotes}
    assert quotes["We have never seen water this high,"] == "Rosa Vega"
    assert quotes["The whole street is a river."] == "Rosa Vega"  # no closing mark
    assert quotes["We will rebuild, but it will take months,"] == "Rosa Vega"
    kinds = {a.name: a.kind for a in ds.actors}
    assert kinds["National Hurricane Center"] == "organisation"
    assert "MIAMI" not in kinds


def test_business_story_comparisons_are_no_events_and_bodies_with_of_and() -> None:
    ds = assert_valid(draft_from_file(ARTICLES / "earnings.txt", published="2024-10-25"))
    assert not any(ev.when.start.startswith("2023") for ev in ds.events)  # "a year earlier"
    results = find(ds, "2024-10-24", "profit fell")  # "said on Thursday"
    assert results.kind == "economy"
    assert find(ds, "2024-09-30", "net income").when.precision == "day"
    assert find(ds, "2025-03", "cut jobs").status == "planned"
    kinds = {a.name: a.kind for a in ds.actors}
    assert kinds["Securities and Exchange Commission"] == "organisation"
    assert kinds["Dana Holt"] == "person"
    quotes = {q.text: ds.actor(q.speaker).name for ev in ds.events for q in ev.quotes}
    said = "The market is soft, but we see a recovery in the first half of 2025,"
    assert quotes[said] == "Dana Holt"
