"""TimeML reading and TempEval-3 scoring on small files of our own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from viewer.importer.evaluate import evaluate_dir, score
from viewer.importer.tagger import tag
from viewer.importer.timeml import TimeMLError, parse_timeml, read_timeml
from viewer.importer.timex import Timex

DATA = Path(__file__).parent / "data"


def test_read_timeml_gives_text_offsets_and_gold() -> None:
    doc = read_timeml(DATA / "harbour.tml")
    assert doc.dct == "2031-03-14"
    assert "<" not in doc.text
    assert "&amp;" not in doc.text
    assert " & " in doc.text
    assert [t.text for t in doc.timexes] == [
        "yesterday", "five years", "Monday", "April 2", "next week", "five years ago", "now",
    ]  # fmt: skip
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert doc.timexes[4].type == "DATE"
    assert doc.timexes[4].value == "2031-W12"


def test_no_text_element_is_an_error_naming_the_file() -> None:
    with pytest.raises(TimeMLError, match=r"x\.tml: no <TEXT>"):
        parse_timeml("<TimeML><DCT></DCT></TimeML>", "x.tml")


def _t(start: int, end: int, value: str, typ: str = "DATE") -> Timex:
    return Timex(start, end, "?", typ, value)


def test_score_counts_strict_relaxed_value_and_type() -> None:
    gold = [_t(0, 5, "2031"), _t(10, 20, "P5Y", "DURATION"), _t(30, 35, "2031-03")]
    pred = [
        _t(0, 5, "2031"),  # strict, value and type right
        _t(12, 20, "P4Y", "DURATION"),  # relaxed only, wrong value
        _t(30, 35, "2031-03", "TIME"),  # strict, right value, wrong type
        _t(40, 45, "2030"),  # spurious
    ]
    c = score(gold, pred)
    assert (c.gold, c.pred, c.strict, c.relaxed, c.value, c.type) == (3, 4, 2, 3, 2, 2)
    s = c.summary()
    assert s["strict_precision"] == pytest.approx(2 / 4)
    assert s["strict_recall"] == pytest.approx(2 / 3)
    assert s["relaxed_f1"] == pytest.approx(2 * 0.75 * 1.0 / 1.75)
    assert s["value_recall"] == pytest.approx(2 / 3)
    assert s["type_accuracy"] == pytest.approx(2 / 3)


def test_one_prediction_matches_one_gold_expression() -> None:
    c = score([_t(0, 5, "a"), _t(6, 10, "b")], [_t(0, 10, "a")])
    assert (c.relaxed, c.value, c.strict) == (1, 1, 0)


def test_tagger_on_own_timeml_file_is_exact() -> None:
    doc = read_timeml(DATA / "harbour.tml")
    c = score(doc.timexes, tag(doc.text, date(2031, 3, 14)))
    assert (c.gold, c.pred, c.strict, c.value, c.type) == (7, 7, 7, 7, 7)


def test_evaluate_dir_reads_every_file(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text((DATA / "harbour.tml").read_text())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.tml").write_text((DATA / "harbour.tml").read_text())
    files, counts = evaluate_dir(tmp_path)
    assert files == 2
    assert counts.gold == 14
    assert counts.value == 14
