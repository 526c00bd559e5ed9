"""The importer on the eight news articles written for issue 21 (tests/importer/articles/*.txt
with their hand-made NAME.expected.json): every draft loads, and the events found with the right
date and the quotes found with the right speaker stay at the level recorded in docs/import.md."""

from __future__ import annotations

import pytest

from tests.importer.measure import Score, names, score


@pytest.mark.parametrize("name", names())
def test_every_article_drafts_and_loads(name: str) -> None:
    s, _misses = score(name)  # score() checks that the draft passes the loader's checks
    assert s.events_drafted > 0


def test_the_recorded_figures_hold() -> None:
    total = Score("all")
    for name in names():
        total.add(score(name)[0])
    assert total.events_found / total.events_expected >= 0.93
    assert total.quotes_found / total.quotes_expected >= 0.90
    assert total.quotes_found / total.quotes_drafted >= 0.90
