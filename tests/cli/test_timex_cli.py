"""The timex and timex-eval commands, run in a subprocess: output, exit codes and messages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from viewer.model.formats.detect import load

DATA = Path(__file__).parent.parent / "importer" / "data"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("timeline-viewer", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "viewer"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120, check=False)


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_timex_prints_one_json_object_per_expression(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Troops left yesterday; talks resume on 1 December.", encoding="utf-8")
    result = run("timex", str(f), "--published", "2020-11-25")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert lines(result.stdout) == [
        {"id": str(f), "start": 12, "end": 21, "text": "yesterday", "type": "DATE",
         "value": "2020-11-24"},
        {"id": str(f), "start": 39, "end": 49, "text": "1 December", "type": "DATE",
         "value": "2020-12-01"},
    ]  # fmt: skip


def test_without_published_values_keep_x_and_a_note_says_how_to_fix(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Troops left yesterday, in 2019.", encoding="utf-8")
    result = run("timex", str(f))
    assert result.returncode == 0
    assert [r["value"] for r in lines(result.stdout)] == ["XXXX-XX-XX", "2019"]
    assert "--published" in result.stderr
    assert str(f) in result.stderr


def test_table_format(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("It happened last week.", encoding="utf-8")
    result = run("timex", str(f), "--published", "2031-03-14", "--format", "table")
    assert result.returncode == 0
    header, row = result.stdout.splitlines()
    assert header.split() == ["id", "start", "end", "type", "value", "text"]
    assert row.split()[-3:] == ["2031-W10", "last", "week"]


def test_batch_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": "It fell on Monday.", "published": "2031-03-14"})
        + "\n\n"
        + json.dumps({"id": 7, "text": "Now is the time, not yesterday."})
        + "\n",
        encoding="utf-8",
    )
    result = run("timex", "--batch", str(f))
    assert result.returncode == 0, result.stderr
    records = lines(result.stdout)
    values = [(r["id"], r["value"]) for r in records]
    assert values == [("a", "2031-03-10"), ("7", "PRESENT_REF"), ("7", "XXXX-XX-XX")]
    assert f"{f}:3: note:" in result.stderr
    # --published is the date of lines without their own
    result = run("timex", "--batch", str(f), "--published", "2020-11-25")
    values = [(r["id"], r["value"]) for r in lines(result.stdout)]
    assert values == [("a", "2031-03-10"), ("7", "PRESENT_REF"), ("7", "2020-11-24")]
    assert result.stderr == ""


def test_bad_inputs_are_one_clear_line_each(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    result = run("timex", str(tmp_path / "missing.txt"), str(empty), str(binary))
    assert result.returncode == 1
    assert result.stdout == ""
    err = result.stderr.splitlines()
    assert err == [
        f"{tmp_path / 'missing.txt'}: no such file",
        f"{empty}: empty file; expected the text of an article",
        f"{binary}: binary file; expected UTF-8 text",
    ]
    assert "Traceback" not in result.stderr


def test_latin1_text_and_folders_are_named(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 opened on Monday.".encode("latin-1"))
    result = run("timex", str(latin), str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{latin}: byte 3 is not UTF-8; expected a UTF-8 text file",
        f"{tmp_path}: is a folder; expected a text file",
    ]


def test_bad_published_date(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Today.", encoding="utf-8")
    result = run("timex", str(f), "--published", "2020-13-45")
    assert result.returncode == 1
    assert result.stderr.strip() == "--published: '2020-13-45' is not a date; expected YYYY-MM-DD"


def test_bad_batch_lines_name_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text(
        '{"id": "a", "text": "ok"}\n{not json\n[1, 2]\n{"text": "x", "published": "soon"}\n',
        encoding="utf-8",
    )
    result = run("timex", "--batch", str(f))
    assert result.returncode == 1
    assert result.stdout == ""
    err = result.stderr.splitlines()
    assert err[0].startswith(f"{f}:2: not JSON")
    assert err[1] == f'{f}:3: expected an object with a "text" string'
    assert err[2] == f"{f}:4: \"published\": 'soon' is not a date; expected YYYY-MM-DD"
    assert len(err) == 3


def test_no_input_is_an_error() -> None:
    result = run("timex")
    assert result.returncode == 1
    assert "FILE" in result.stderr


def test_timex_eval_table_and_json(tmp_path: Path) -> None:
    (tmp_path / "h.tml").write_text((DATA / "harbour.tml").read_text(encoding="utf-8"))
    result = run("timex-eval", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "1 files, 7 gold expressions, 7 found" in result.stdout
    assert any(line.split()[0] == "value" for line in result.stdout.splitlines())
    result = run("timex-eval", str(tmp_path), "--json")
    figures = json.loads(result.stdout)
    assert figures["files"] == 1
    assert figures["gold"] == 7
    assert figures["value_f1"] == 1.0
    assert figures["strict_f1"] == 1.0


def test_timex_eval_bad_folders(tmp_path: Path) -> None:
    result = run("timex-eval", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "no such folder" in result.stderr
    result = run("timex-eval", str(tmp_path))
    assert result.returncode == 1
    assert "no .tml files" in result.stderr
    (tmp_path / "x.tml").write_text("<TimeML>nothing</TimeML>", encoding="utf-8")
    result = run("timex-eval", str(tmp_path))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"{tmp_path / 'x.tml'}: no <TEXT> element; expected a TimeML document"
    )


def test_bundled_article_dates_are_found(bundled_path: Path, tmp_path: Path) -> None:
    """The dates the hand-made dataset takes from its article are tagged with its values."""
    ds = load(bundled_path).dataset
    source = ds.sources[0]
    article = tmp_path / "kalbajar.txt"
    article.write_text(source.text, encoding="utf-8")
    result = run("timex", str(article), "--published", str(source.published)[:10])
    assert result.returncode == 0, result.stderr
    found = [(r["text"], r["type"], r["value"]) for r in lines(result.stdout)]
    assert found == [
        ("25 November 2020", "DATE", "2020-11-25"),
        ("November 10, 2020", "DATE", "2020-11-10"),
        ("this morning", "TIME", "2020-11-25TMO"),
        ("yesterday", "DATE", "2020-11-24"),
        ("over a month", "DURATION", "P1M"),
        ("00:00 hours (Moscow time) on November 10", "TIME", "2020-11-10T00:00"),
        ("five-year", "DURATION", "P5Y"),
        ("November 25", "DATE", "2020-11-25"),
        ("November 20", "DATE", "2020-11-20"),
        ("1\u00a0December", "DATE", "2020-12-01"),
    ]
    checked = 0
    for ev in ds.events:  # each date in an event's own words gives that event's date
        start = str(ev.when.start)
        for piece in (ev.when.text or "").split(";"):
            for text, typ, value in found:
                inside = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", piece)
                if inside and typ in ("DATE", "TIME"):
                    n = 16 if value[10:11] == "T" and value[11:12].isdigit() else 10
                    assert start[:n] == value[:n], (piece, value, start)
                    checked += 1
    assert checked >= 7
