"""Each validation rule has a failing example with the message it must give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import TEXT, minimal, write
from viewer.model.errors import LoadError
from viewer.model.formats.detect import load


def problems_of(tmp_path: Path, data: Any) -> list[str]:
    path = write(tmp_path, data)
    with pytest.raises(LoadError) as info:
        load(path)
    lines = [str(p) for p in info.value.problems]
    assert all(line.startswith(str(path)) for line in lines)
    return lines


def test_minimal_dataset_is_valid(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, minimal()))
    assert [e.id for e in loaded.dataset.events] == ["e1", "e2"]


def test_duplicate_event_ids(tmp_path: Path) -> None:
    data = minimal()
    data["events"][1]["id"] = "e1"
    (line,) = problems_of(tmp_path, data)
    assert "events[1].id: duplicate event id 'e1' (first at events[0])" in line


def test_dangling_references(tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["actors"] = ["nobody"]
    data["events"][0]["places"] = ["nowhere"]
    data["events"][0]["quotes"][0]["speaker"] = "ghost"
    lines = problems_of(tmp_path, data)
    assert any("events[0].actors[0]: unknown actor 'nobody'" in x for x in lines)
    assert any("events[0].places[0]: unknown place 'nowhere'" in x for x in lines)
    assert any("events[0].quotes[0].speaker: unknown actor 'ghost'" in x for x in lines)


def test_end_before_start(tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["when"].update(end="2031-05-01")
    (line,) = problems_of(tmp_path, data)
    assert (
        "events[0].when: end '2031-05-01' is before start '2031-05-13'; expected start <= end"
        in line
    )


def test_zone_must_exist_and_agree_with_the_offset(tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["when"] = {
        "start": "2020-11-10T00:00:00+03:00",
        "precision": "minute",
        "tz": "Europe/Paris",
    }
    (line,) = problems_of(tmp_path, data)
    assert "events[0].when.start: offset +03:00 disagrees with zone Europe/Paris" in line
    data["events"][0]["when"]["tz"] = "Atlantis/Capital"
    (line,) = problems_of(tmp_path, data)
    assert "unknown time zone 'Atlantis/Capital'" in line


def test_impossible_date_is_located(tmp_path: Path) -> None:
    data = minimal()
    data["events"][1]["when"] = {"start": "2020-02-30", "precision": "day"}
    (line,) = problems_of(tmp_path, data)
    assert "events[1].when.start: day 30 in '2020-02-30' does not exist; expected 01..29" in line
    assert line.split(":")[1].isdigit()  # FILE:LINE:COL


def test_precision_must_agree_with_the_date(tmp_path: Path) -> None:
    data = minimal()
    data["events"][1]["when"]["precision"] = "day"
    (line,) = problems_of(tmp_path, data)
    assert "has month precision but precision says 'day'" in line


def test_quote_that_moved_is_reanchored_with_a_warning(tmp_path: Path) -> None:
    data = minimal()
    sel = data["events"][0]["quotes"][0]["selector"]
    sel["start"] += 3
    sel["end"] += 3
    loaded = load(write(tmp_path, data))
    (warning,) = loaded.warnings
    assert warning.severity == "warning"
    assert "quote moved" in str(warning)
    q = loaded.dataset.events[0].quotes[0]
    assert TEXT[q.selector.start : q.selector.end] == q.text  # type: ignore[union-attr]


def test_quote_not_in_its_source_is_rejected(tmp_path: Path) -> None:
    data = minimal()
    q = data["events"][0]["quotes"][0]
    q["text"] = q["selector"]["exact"] = "words nobody said"
    (line,) = problems_of(tmp_path, data)
    assert "events[0].quotes[0].selector: the quote's words are not in source 's1'" in line


def test_source_hash_must_match(tmp_path: Path) -> None:
    data = minimal()
    data["sources"][0]["sha256"] = "0" * 64
    (line,) = problems_of(tmp_path, data)
    assert "sources[0].sha256: does not match the text" in line


def test_unknown_field_and_missing_field(tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["titel"] = "typo"
    del data["events"][1]["when"]
    lines = problems_of(tmp_path, data)
    assert any("events[0].titel: unknown field" in x for x in lines)
    assert any("events[1].when: required field is missing" in x for x in lines)


def test_wrong_status_lists_the_choices(tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["status"] = "rumoured"
    (line,) = problems_of(tmp_path, data)
    assert "events[0].status: got 'rumoured'" in line
    assert "'planned'" in line


def test_newer_version_and_wrong_format(tmp_path: Path) -> None:
    data = minimal()
    data["version"] = 2
    (line,) = problems_of(tmp_path, data)
    assert "version 2 is newer than this viewer reads" in line
    data["version"] = 1
    data["format"] = "something-else"
    (line,) = problems_of(tmp_path, data)
    assert "format is 'something-else'; expected 'timeline-dataset'" in line


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "the file is empty"),
        (b'{"format": "timeline-dataset", "version": 1, "title": ', "truncated"),
        (b"\xff\xfe{\x00}\x00", "UTF-16"),
        (b'{"title": "caf\xe9"}', "invalid UTF-8"),
        (b'{"a": 1, "a": 2}', "duplicate key 'a'"),
        (b'{"a": NaN}', "NaN is not valid JSON"),
        (b"[1, 2]", "top level is a JSON array; expected an object"),
        (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    ],
)
def test_broken_files_get_clear_messages(tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(LoadError) as info:
        load(path)
    assert needle in str(info.value)
    assert str(info.value).startswith(str(path))


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, minimal())
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load(path).dataset.title == "Bridge"


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_VIEWER_MAX_BYTES", "100")
    with pytest.raises(LoadError, match="above the limit of 100 bytes"):
        load(write(tmp_path, minimal()))
