"""Hostile and broken files: each case gets one clear LoadError (file, place, what was expected).

Cases already covered in test_validation.py (empty file, truncated JSON, UTF-16 with a byte-order
mark, invalid UTF-8, duplicate keys, NaN, a top-level array, deep arrays, the UTF-8 BOM, the size
limit, duplicate event ids, dangling actors/places/speakers, impossible days, zones, a quote not in
its source, a sha256 mismatch, version 2) are not repeated here.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import TEXT, minimal, write
from viewer.model.dataset import text_sha256
from viewer.model.errors import MAX_PROBLEMS, LoadError
from viewer.model.formats.detect import load
from viewer.model.formats.native import read_native


def refused(path: Path) -> list[str]:
    """The problem lines of loading ``path``; each must name the file."""
    with pytest.raises(LoadError) as info:
        load(path)
    lines = [str(p) for p in info.value.problems]
    assert lines
    assert all(line.startswith(str(path)) for line in lines), lines
    return lines


def refused_bytes(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    return "\n".join(refused(path))


def refused_data(tmp_path: Path, data: Any) -> str:
    return "\n".join(refused(write(tmp_path, data)))


def changed(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = minimal()
    change(data)
    return data


def dataset_text(**fields: str) -> str:
    """The minimal dataset as JSON text with some fields' values replaced by raw JSON text."""
    data = minimal()
    for key in fields:
        data[key] = f"@@{key}@@"
    text = json.dumps(data)
    for key, raw in fields.items():
        text = text.replace(f'"@@{key}@@"', raw)
    return text


HEADER = '{"format": "timeline-dataset", "version": 1, "title": "t", '
UTF16_TEXT = json.dumps(minimal())


# --- bytes and JSON syntax ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        pytest.param(b"  \n\t\n", "the file is empty; expected a dataset", id="whitespace"),
        pytest.param(
            b'{"title": "unfinished',
            ":1:11: invalid JSON: unterminated string starting here (the file ends inside it",
            id="truncated-string",
        ),
        pytest.param(
            UTF16_TEXT.encode("utf-16-le"), "looks like UTF-16; expected UTF-8", id="utf16le"
        ),
        pytest.param(
            UTF16_TEXT.encode("utf-16-be"), "looks like UTF-16; expected UTF-8", id="utf16be"
        ),
        pytest.param(
            b"\xfe\xff" + UTF16_TEXT.encode("utf-16-be"),
            "is UTF-16 encoded (byte-order mark); expected UTF-8",
            id="utf16be-bom",
        ),
        pytest.param(
            UTF16_TEXT.encode("utf-32"), "is UTF-32 encoded (byte-order mark)", id="utf32-bom"
        ),
        pytest.param(
            UTF16_TEXT.encode("utf-32-le"), "looks like UTF-32; expected UTF-8", id="utf32le"
        ),
        pytest.param(
            b'{"title": "a\x00b"}',
            ":1:13: NUL byte in the text; expected a text file, not binary data",
            id="nul",
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
            ":1:1: binary data at byte 0 (0x89); expected UTF-8 text",
            id="png",
        ),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary data at byte 0 (0xff)", id="jpeg"),
        pytest.param(
            (HEADER + '"zone": Infinity}').encode(),
            ":1:68: invalid JSON: Infinity is not valid JSON; expected a finite number",
            id="infinity",
        ),
        pytest.param(
            (HEADER + '"zone": -Infinity}').encode(),
            ":1:68: invalid JSON: -Infinity is not valid JSON; expected a finite number",
            id="minus-infinity",
        ),
        pytest.param(
            (HEADER + '"zone": "NaN", "x": NaN}').encode(),
            ":1:80: invalid JSON: NaN is not valid JSON",  # the literal, not the string
            id="nan-after-string-nan",
        ),
        pytest.param(
            (HEADER + '"zone": 1e400}').encode(),
            ":1:68: invalid JSON: number '1e400' is too large; expected a finite number",
            id="float-overflow",
        ),
        pytest.param(
            (HEADER + '"zone": ' + "9" * 5000 + "}").encode(),
            ":1:68: invalid JSON: a number of 5000 digits is too long; expected at most 4000",
            id="huge-int",
        ),
        pytest.param(
            b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
            "JSON nested too deeply (more than 100 levels here); expected a dataset",
            id="deep-objects",
        ),
        pytest.param(
            b'[{"a":' * 30_000 + b"1" + b"}]" * 30_000, "JSON nested too deeply", id="deep-mixed"
        ),
        pytest.param(
            dataset_text(description="[" * 20_000 + "]" * 20_000).encode(),
            "JSON nested too deeply (more than 100 levels here)",
            id="deep-inside-a-dataset",
        ),
        pytest.param(
            (HEADER + '"description": "\\ud800"}').encode(),
            "description: a string holds a lone UTF-16 surrogate",
            id="lone-surrogate",
        ),
        pytest.param(
            (HEADER + '"\\udc00": 1}').encode(), "lone UTF-16 surrogate", id="surrogate-key"
        ),
        pytest.param(
            b'"a string"',
            ":1:1: the top level is a JSON string; expected an object",
            id="top-string",
        ),
        pytest.param(
            b"42", ":1:1: the top level is a JSON number; expected an object", id="top-number"
        ),
        pytest.param(
            b"null", ":1:1: the top level is a JSON null; expected an object", id="top-null"
        ),
        pytest.param(
            b"true", ":1:1: the top level is a JSON boolean; expected an object", id="top-bool"
        ),
        pytest.param(
            b"hello, world",
            "is not one this viewer knows; tried the viewer's own CSV",
            id="plain-text",
        ),
    ],
)
def test_broken_bytes(tmp_path: Path, content: bytes, needle: str) -> None:
    assert needle in refused_bytes(tmp_path, content)


def test_deep_nesting_inside_a_field_is_located(tmp_path: Path) -> None:
    text = dataset_text(description="[" * 5000 + "]" * 5000)
    line = refused_bytes(tmp_path, text.encode())
    col = text.index("[[[") + 100  # 1-based: the 100th bracket here is 101 levels deep
    assert f":1:{col}: JSON nested too deeply" in line


def test_nesting_a_little_deep_inside_a_field_is_a_type_error(tmp_path: Path) -> None:
    text = dataset_text(description="[" * 500 + "]" * 500)
    assert "description: got a JSON array; expected a string" in refused_bytes(
        tmp_path, text.encode()
    )


# --- the size limit and files that are not regular files ----------------------------------------


def test_size_limit_names_the_limit_and_how_to_raise_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_VIEWER_MAX_BYTES", "1000")
    path = write(tmp_path, minimal())
    (line,) = refused(path)
    assert "above the limit of 1000 bytes; expected a smaller file" in line
    assert "raise the limit with TIMELINE_VIEWER_MAX_BYTES=BYTES" in line


def test_a_100_mb_title_is_read(tmp_path: Path) -> None:
    """Decision: strings have no length limit of their own but the file's size limit (2 GiB
    by default); a 100 MB title loads in well under a second, without pathology."""
    path = tmp_path / "big.json"
    path.write_bytes(dataset_text(title='"' + "x" * 100_000_000 + '"').encode())
    assert len(load(path).dataset.title) == 100_000_000


def test_a_100_mb_source_text_is_refused_by_the_text_limit(tmp_path: Path) -> None:
    """Source texts are limited to 10 million characters (one article is far less)."""
    data = minimal()
    data["sources"][0].update(text="@@text@@", sha256="0" * 64)
    path = tmp_path / "big.json"
    text = json.dumps(data).replace('"@@text@@"', '"' + "x" * 100_000_000 + '"')
    path.write_bytes(text.encode())
    line = "\n".join(refused(path))
    assert "sources[0].text: got 'xxxxxxxx" in line
    assert "expected at most 10000000 characters" in line


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_without_reading(device: str) -> None:
    (line,) = refused(Path(device))
    assert line == f"{device}: is a device, not a regular file; expected a dataset file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    (line,) = refused(fifo)
    assert "is a pipe (FIFO), not a regular file; expected a dataset file" in line


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (line,) = refused(tmp_path)
    assert "is a folder; expected a dataset file" in line


def test_read_native_takes_bytes_and_names_them(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        read_native("given.json", data=b"\x00\x01\x02")
    assert str(info.value).startswith("given.json:")


# --- fields, types and versions -------------------------------------------------------------

UNKNOWN = "unknown field; expected only the fields of the format"


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda d: d, "extra"),
        (lambda d: d["sources"][0], "sources[0].extra"),
        (lambda d: d["events"][1]["when"], "events[1].when.extra"),
        (lambda d: d["events"][0]["quotes"][0], "events[0].quotes[0].extra"),
        (lambda d: d["events"][0]["quotes"][0]["selector"], "events[0].quotes[0].selector.extra"),
    ],
    ids=["top", "source", "when", "quote", "selector"],
)
def test_unknown_fields_at_every_depth(tmp_path: Path, where: Callable, path: str) -> None:
    data = minimal()
    where(data)["extra"] = 1
    assert f"{path}: {UNKNOWN}" in refused_data(tmp_path, data)


def test_an_odd_unknown_key_is_quoted(tmp_path: Path) -> None:
    data = changed(lambda d: d.update({"a b\n": 1}))
    assert f'["a b\\n"]: {UNKNOWN}' in refused_data(tmp_path, data)


@pytest.mark.parametrize(
    ("version", "needle"),
    [
        ("1", "version: got '1' (a JSON string); expected the whole number 1"),
        (True, "version: got True (a JSON boolean); expected the whole number 1"),
        (1.0, "version: got 1.0 (a JSON number); expected the whole number 1"),
        (1.5, "version: got 1.5 (a JSON number); expected the whole number 1"),
        (None, "version: got None (a JSON null); expected the whole number 1"),
        (0, "version: got 0; expected 1"),
        (10**30, "is newer than this viewer reads (up to 1); expected an update of the viewer"),
    ],
)
def test_versions(tmp_path: Path, version: Any, needle: str) -> None:
    assert needle in refused_data(tmp_path, changed(lambda d: d.update(version=version)))


def test_missing_format_and_version(tmp_path: Path) -> None:
    line = refused_data(tmp_path, changed(lambda d: d.pop("format")))
    assert 'format: required field is missing; expected "format": "timeline-dataset"' in line
    line = refused_data(tmp_path, changed(lambda d: d.pop("version")))
    assert 'version: required field is missing; expected "version": 1' in line


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (
            lambda d: d["events"][0].update(id=5),
            "events[0].id: got 5; expected a string",
        ),
        (
            lambda d: d["actors"][0].update(id=["mayor"]),
            "actors[0].id: got a JSON array; expected a string",
        ),
        (
            lambda d: d["events"][0].update(actors=[1]),
            "events[0].actors[0]: got 1; expected a string",
        ),
        (
            lambda d: d.update(events={"e1": {}}),
            "events: got a JSON object; expected a JSON array",
        ),
        (
            lambda d: d.update(actors="mayor"),
            "actors: got 'mayor'; expected a JSON array",
        ),
        (
            lambda d: d["events"][0].update(when=[{"start": "2020", "precision": "year"}]),
            "events[0].when: got a JSON array; expected a JSON object",
        ),
        (
            lambda d: d["events"][0]["quotes"][0].update(selector="10-35"),
            "events[0].quotes[0].selector: got '10-35'; expected a JSON object",
        ),
        (
            lambda d: d["events"][0]["when"].update(start=1e308),
            "events[0].when.start: got 1e+308; expected a string",
        ),
        (
            lambda d: d["places"][0].update(lat=1e300),
            "places[0].lat: got 1e+300; expected less than or equal to 90",
        ),
    ],
    ids=[
        "id-number",
        "id-list",
        "ref-number",
        "object-for-list",
        "string-for-list",
        "list-for-object",
        "string-for-object",
        "number-for-date",
        "latitude",
    ],
)
def test_wrong_types(tmp_path: Path, change: Callable, needle: str) -> None:
    assert needle in refused_data(tmp_path, changed(change))


# --- dates and zones ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "precision", "needle"),
    [
        ("+10000", "year", "'+10000' is not a date: its year has more than four digits"),
        ("00000", "year", "'00000' is not a date: its year has more than four digits"),
        ("2020-01-01T25:00Z", "minute", "time in '2020-01-01T25:00Z' does not exist"),
        (
            "2020-01-01T10:60Z",
            "minute",
            "time in '2020-01-01T10:60Z' does not exist; expected 00:00..23:59:59",
        ),
        ("2020-13", "month", "month 13 in '2020-13' does not exist; expected 01..12"),
        ("2021-02-29", "day", "day 29 in '2021-02-29' does not exist; expected 01..28"),
        ("２０２０", "year", "'２０２０' is not a date; expected YYYY"),  # noqa: RUF001
        ("2020\n", "year", "'2020\\n' is not a date; expected YYYY"),
        ("2020-01-01T10:00", "minute", "a time of day needs its UTC offset"),
    ],
)
def test_impossible_dates(tmp_path: Path, start: str, precision: str, needle: str) -> None:
    data = changed(lambda d: d["events"][1].update(when={"start": start, "precision": precision}))
    assert f"events[1].when.start: {needle}" in refused_data(tmp_path, data)


def test_year_zero_is_1_bce_and_allowed(tmp_path: Path) -> None:
    """Astronomical years: 0000 is 1 BCE, a real year; out of range is five digits or more."""
    data = changed(lambda d: d["events"][1].update(when={"start": "0000", "precision": "year"}))
    assert load(write(tmp_path, data)).dataset.events[1].when.start == "0000"


def test_unknown_zones(tmp_path: Path) -> None:
    line = refused_data(tmp_path, changed(lambda d: d.update(zone="../../etc/passwd")))
    assert "zone: unknown time zone '../../etc/passwd'; expected an IANA name" in line
    when = {"start": "2020-01-01T10:00+01:00", "precision": "minute", "tz": "Mars/Olympus"}
    line = refused_data(tmp_path, changed(lambda d: d["events"][1].update(when=when)))
    assert "events[1].when.tz: unknown time zone 'Mars/Olympus'" in line
    line = refused_data(tmp_path, changed(lambda d: d.update(zone="localtime")))
    assert "zone: 'localtime' is not an IANA time zone (it means this machine's zone)" in line
    when["tz"] = "localtime"
    line = refused_data(tmp_path, changed(lambda d: d["events"][1].update(when=when)))
    assert "events[1].when.tz: 'localtime' is not an IANA time zone" in line


# --- quotes, references and ids -------------------------------------------------------------


def quote_of(d: dict[str, Any]) -> dict[str, Any]:
    return d["events"][0]["quotes"][0]


def test_offsets_far_outside_the_text_are_reanchored_with_a_warning(tmp_path: Path) -> None:
    data = changed(lambda d: quote_of(d)["selector"].update(start=10**30, end=10**30 + 25))
    loaded = load(write(tmp_path, data))
    (warning,) = loaded.warnings
    assert f"is outside the text ({len(TEXT)} characters); re-anchored" in str(warning)
    assert "1e+30..1e+30" in str(warning)


def test_offsets_outside_the_text_with_words_absent(tmp_path: Path) -> None:
    data = changed(lambda d: quote_of(d).update(text="absent words"))
    quote_of(data)["selector"].update(exact="absent words", start=500, end=512)
    line = refused_data(tmp_path, data)
    assert f"the quote's words are not in source 's1' (source 's1' has only {len(TEXT)}" in line


def test_selector_end_before_start(tmp_path: Path) -> None:
    data = changed(lambda d: quote_of(d)["selector"].update(end=2))
    (line,) = refused(write(tmp_path, data))
    assert "events[0].quotes[0].selector: start 10 is after end 2; expected start <= end" in line


def test_selector_start_10_to_the_30(tmp_path: Path) -> None:
    data = changed(lambda d: quote_of(d)["selector"].update(start=10**30))
    assert "start 1e+30 is after end 35; expected start <= end" in refused_data(tmp_path, data)


def test_negative_offset(tmp_path: Path) -> None:
    data = changed(lambda d: quote_of(d)["selector"].update(start=-1))
    line = refused_data(tmp_path, data)
    assert "selector.start: got -1; expected greater than or equal to 0" in line


def test_quote_that_does_not_match_its_selector(tmp_path: Path) -> None:
    data = changed(lambda d: quote_of(d).update(text="We will build"))
    line = refused_data(tmp_path, data)
    assert (
        "quotes[0].selector.exact: differs from the quote's text; expected the same words" in line
    )


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (
            lambda d: d["events"][0].update(citations=["nope"]),
            "events[0].citations[0]: unknown source 'nope'; expected one of the source ids",
        ),
        (
            lambda d: quote_of(d).update(source="nope"),
            "events[0].quotes[0].source: unknown source 'nope'; expected one of the source ids",
        ),
        (
            lambda d: quote_of(d).update(speaker="nope"),
            "events[0].quotes[0].speaker: unknown actor 'nope'; expected one of the actor ids",
        ),
        (
            lambda d: d["events"][1].update(actors=["x"]),
            "events[1].actors[0]: unknown actor 'x'",
        ),
        (
            lambda d: d["events"][1].update(places=["x"]),
            "events[1].places[0]: unknown place 'x'",
        ),
    ],
    ids=["citation", "quote-source", "quote-speaker", "actor", "place"],
)
def test_dangling_references(tmp_path: Path, change: Callable, needle: str) -> None:
    assert needle in refused_data(tmp_path, changed(change))


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (
            lambda d: d["sources"].append({**d["sources"][0]}),
            "sources[1].id: duplicate source id 's1' (first at sources[0])",
        ),
        (
            lambda d: d["actors"].append({"id": "eng", "name": "Other"}),
            "actors[2].id: duplicate actor id 'eng' (first at actors[1])",
        ),
        (
            lambda d: d["places"].append({"id": "bridge", "name": "Other"}),
            "places[1].id: duplicate place id 'bridge' (first at places[0])",
        ),
        (
            lambda d: d["events"][1].update(quotes=[{"id": "q1", "text": "x"}]),
            "events[1].quotes[0].id: duplicate quote id 'q1' (first at events[0].quotes[0])",
        ),
    ],
    ids=["source", "actor", "place", "quote"],
)
def test_duplicate_ids(tmp_path: Path, change: Callable, needle: str) -> None:
    assert needle in refused_data(tmp_path, changed(change))


def test_a_short_quote_in_a_long_repetitive_text_does_not_hang(tmp_path: Path) -> None:
    """'a' occurs 5 million times: re-anchoring weighs a bounded number of occurrences."""
    text = "a" * 5_000_000
    data = minimal()
    data["sources"][0].update(text=text, sha256=text_sha256(text))
    quote_of(data).update(text="a")
    quote_of(data)["selector"] = {"exact": "a", "prefix": "b", "start": 7, "end": 9}
    (warning,) = load(write(tmp_path, data)).warnings
    assert "quote moved" in str(warning)


# --- very many problems ---------------------------------------------------------------------


def test_many_field_errors_are_capped(tmp_path: Path) -> None:
    data = changed(lambda d: d.update(events=[{"id": i} for i in range(400)]))
    lines = refused(write(tmp_path, data))
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1].endswith(f"... and {3 * 400 - MAX_PROBLEMS} more problems")


def test_many_check_errors_are_capped(tmp_path: Path) -> None:
    data = changed(lambda d: d["events"][1].update(actors=[f"x{i}" for i in range(400)]))
    lines = refused(write(tmp_path, data))
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0].split(":")[1].isdigit()  # located
    assert lines[-1].endswith(f"... and {400 - MAX_PROBLEMS} more problems")


def test_many_warnings_are_capped_too(tmp_path: Path) -> None:
    data = minimal()
    q = quote_of(data)
    q["selector"]["start"] += 1
    q["selector"]["end"] += 1
    data["events"][0]["quotes"] = [{**q, "id": f"q{i}"} for i in range(200)]
    loaded = load(write(tmp_path, data))
    assert len(loaded.warnings) == MAX_PROBLEMS + 1
    assert loaded.warnings[-1].severity == "warning"
    assert str(loaded.warnings[-1]).endswith(f"... and {200 - MAX_PROBLEMS} more problems")


def test_recursion_limit_is_left_as_it_was(tmp_path: Path) -> None:
    before = sys.getrecursionlimit()
    refused_bytes(tmp_path, b"[" * 100_000)
    assert sys.getrecursionlimit() == before


def test_a_value_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    fake = "x\nfake.json:1:1: all is well"
    (line,) = refused(write(tmp_path, changed(lambda d: d["events"][1].update(actors=[fake]))))
    assert "unknown actor 'x\\nfake.json:1:1: all is well'" in line
    assert "\n" not in line
