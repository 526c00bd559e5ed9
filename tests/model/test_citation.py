"""Citations for the clipboard and the dataset's summary: Qt-free, plain text and escaped HTML."""

from __future__ import annotations

from tests.helpers import minimal
from viewer.model.citation import event_copy, quote_copy, source_citation
from viewer.model.dataset import Dataset
from viewer.model.overview import dataset_overview, source_line


def _dataset(**source) -> Dataset:  # type: ignore[no-untyped-def]
    data = minimal()
    data["sources"][0].update(source)
    return Dataset.model_validate(data)


def test_a_url_that_is_not_http_is_text_not_a_link() -> None:
    ds = _dataset(url="javascript:alert('x')", publisher="P & Q")
    copied = source_citation(ds.sources[0])
    assert "href" not in copied.html
    assert "javascript:alert(&#x27;x&#x27;)" in copied.html
    assert "P &amp; Q" in copied.html
    assert copied.text == "Source: Article, P & Q, 14 May 2031, javascript:alert('x')"


def test_a_quote_without_a_speaker_says_so() -> None:
    data = minimal()
    data["events"][0]["quotes"][0]["speaker"] = None
    ds = Dataset.model_validate(data)
    ev = ds.events[0]
    assert "— unknown speaker, 13 May 2031" in quote_copy(ds, ev, ev.quotes[0]).text


def test_an_event_without_quotes_or_sources_is_its_title_date_and_summary() -> None:
    ds = _dataset()
    ev = ds.events[1]
    assert event_copy(ds, ev).text == "Bridge opens\nMay 2031 · planned"


def test_the_overview_counts_and_lines() -> None:
    ds = _dataset(publisher="River Times", url="https://example.org/a")
    assert (
        source_line(ds.sources[0]) == "Article — River Times, 14 May 2031 — https://example.org/a"
    )
    ov = dataset_overview(ds, 1, 1, ds.events[0], ds.events[0])
    assert ov.counts == "1 event · 1 quote · 1 source"
    assert ov.span == "13 May 2031"
    empty = dataset_overview(ds, 0, 0, None, None)
    assert empty.counts == "0 events · 0 quotes · 1 source"
    assert empty.span == ""


def test_the_overview_lists_twenty_sources_and_counts_the_rest() -> None:
    data = minimal()
    data["sources"] += [{"id": f"s{k}", "title": f"Paper {k}"} for k in range(2, 31)]
    ds = Dataset.model_validate(data)
    ov = dataset_overview(ds, 2, 1, None, None)
    assert len(ov.sources) == 21
    assert ov.sources[-1] == "… and 10 more"
    assert ov.counts.endswith("30 sources")
