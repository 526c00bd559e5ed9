"""Every control character and bidi override through `list` and the messages: a table and a
message show them as escapes; JSON Lines stay exact (the same values when parsed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.cli.test_cli import run
from tests.helpers import minimal, write
from viewer.model.terminal import cell, json_line, visible

CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
# what must never reach a terminal raw (tab and newline aside, which end lines and cells)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escaped(c: str) -> str:
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def dataset_with_every_control(tmp_path: Path) -> tuple[Path, list[str]]:
    data = minimal()
    base = data["events"][0]
    titles = [f"t{i:03d} a{c}b" for i, c in enumerate(CONTROLS + BIDI)]
    titles.append("clear \x1b[2J\x1b[H the screen \u202eevil\u202c")
    data["events"] = [
        {**base, "id": f"e{i:03d}", "title": t, "quotes": [], "citations": []}
        for i, t in enumerate(titles)
    ]
    return write(tmp_path, data), titles


def test_every_control_character_is_visible_in_the_table(tmp_path: Path) -> None:
    path, titles = dataset_with_every_control(tmp_path)
    r = run("list", str(path))
    assert r.returncode == 0, r.stderr
    assert not RAW.search(r.stdout)
    assert "\t" not in r.stdout
    lines = r.stdout.splitlines()
    assert len(lines) == 1 + len(titles)  # a newline in a title does not make a row
    for c in CONTROLS + BIDI:
        i = (CONTROLS + BIDI).index(c)
        assert any(line.endswith(f"t{i:03d} a{escaped(c)}b") for line in lines), repr(c)
    assert lines[-1].endswith("clear \\x1b[2J\\x1b[H the screen \\u202eevil\\u202c")


def test_json_lines_stay_exact_and_safe(tmp_path: Path) -> None:
    path, titles = dataset_with_every_control(tmp_path)
    r = run("list", str(path), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    assert not RAW.search(r.stdout)
    got = {json.loads(line)["title"] for line in r.stdout.splitlines()}
    assert got == set(titles)


def test_file_names_in_messages_are_visible(tmp_path: Path) -> None:
    name = "evil\x1b[2J\u202e.json"
    r = run("validate", str(tmp_path / name))
    assert r.returncode == 1
    assert "evil\\x1b[2J\\u202e.json" in r.stderr
    assert not RAW.search(r.stderr)
    path, _ = dataset_with_every_control(tmp_path)
    target = tmp_path / "out\x07\x9b.csv"
    r = run("convert", str(path), "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert "out\\x07\\x9b.csv: wrote" in r.stdout
    assert not RAW.search(r.stdout + r.stderr)
    assert target.exists()  # the file itself has the name asked for
    r = run("list", "--format", "\x1b[2J")
    assert r.returncode == 2
    assert "\\x1b[2J" in r.stderr
    assert not RAW.search(r.stderr)


def test_messages_keep_tab_and_newline() -> None:
    assert visible("a\tb\nc\x1bd\x85\u2066") == "a\tb\nc\\x1bd\\x85\\u2066"
    assert cell("a\tb\nc") == "a\\x09b\\x0ac"


@given(st.text())
def test_json_line_is_the_same_json(text: str) -> None:
    dumped = json.dumps({"t": text}, ensure_ascii=False)
    safe = json_line(dumped)
    assert json.loads(safe) == {"t": text}
    assert not RAW.search(safe)
