"""The bundled Kalbajar dataset is a faithful, checked record of its article."""

from __future__ import annotations

import json
import re
from pathlib import Path

from viewer.model.dataset import text_sha256
from viewer.model.formats.detect import load
from viewer.model.listing import sorted_events

ARTICLE_SHA = "1af6cdb96f267b33cfb062d839add23e28efe035c71faa3f32a560a20f3a1787"


def test_bundled_dataset_loads_without_warnings(bundled_path: Path) -> None:
    loaded = load(bundled_path)
    assert loaded.warnings == []
    assert len(loaded.dataset.events) >= 10


def test_source_is_the_article_byte_for_byte(bundled_path: Path, shared_dir: Path) -> None:
    src = load(bundled_path).dataset.sources[0]
    article = (shared_dir / "sources" / "kalbajar-2020-11-25.txt").read_bytes()
    assert src.text is not None
    assert src.text.encode("utf-8") == article
    assert text_sha256(src.text) == ARTICLE_SHA == src.sha256


def test_every_quote_offset_matches_its_source(bundled_path: Path) -> None:
    raw = json.loads(bundled_path.read_text(encoding="utf-8"))
    text = raw["sources"][0]["text"]
    quotes = [q for ev in raw["events"] for q in ev["quotes"]]
    assert quotes
    for q in quotes:
        sel = q["selector"]
        assert text[sel["start"] : sel["end"]] == sel["exact"] == q["text"]


def test_every_direct_quotation_is_covered_by_a_direct_quote(bundled_path: Path) -> None:
    ds = load(bundled_path).dataset
    text = ds.sources[0].text or ""
    spans = [
        (q.selector.start, q.selector.end)
        for ev in ds.events
        for q in ev.quotes
        if q.form == "direct" and q.selector
    ]
    # The article mixes straight and curly marks: an opening mark of either kind
    # runs to the next closing one.
    for m in re.finditer(r"[\"“]([^\"”“]+)[\"”]", text):
        inner = m.start(1), m.end(1)
        covered = sum(
            min(e, inner[1]) - max(s, inner[0]) for s, e in spans if s < inner[1] and e > inner[0]
        )
        words = len(re.sub(r"\s", "", text[inner[0] : inner[1]]))
        assert covered >= inner[1] - inner[0] - 1, (text[inner[0] : inner[1]], covered, words)


def test_dates_of_the_article(bundled_path: Path) -> None:
    ds = load(bundled_path).dataset
    by_id = {ev.id: ev for ev in ds.events}
    ceasefire = by_id["ceasefire"].when
    assert ceasefire.start == "2020-11-10T00:00:00+03:00"
    assert ceasefire.tz == "Europe/Moscow"
    assert by_id["erdogan-putin-call"].when.start == "2020-11-24"  # "yesterday"
    assert by_id["lachin-handover"].status == "planned"
    assert by_id["lachin-handover"].when.start == "2020-12-01"
    assert by_id["aghdam-handover"].when.start == "2020-11-20"
    assert by_id["kalbajar-handover"].when.start == "2020-11-25"
    assert by_id["peacekeeping-mandate"].when.end is not None
    order = [ev.id for ev in sorted_events(ds)]
    assert order.index("ceasefire") < order.index("trilateral-declaration")
    assert order[-1] == "lachin-handover"


def test_aliases_include_the_spellings_of_the_article(bundled_path: Path) -> None:
    ds = load(bundled_path).dataset
    kalbajar = ds.place("kalbajar")
    assert {"Kelbajar", "Kəlbəcər"} <= set(kalbajar.aliases)
    assert "Erdoğan" in ds.actor("erdogan").aliases
