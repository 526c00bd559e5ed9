"""`timeline-viewer convert` in a subprocess: targets, warnings about losses, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run


def test_convert_to_timelinejs_and_back(tmp_path: Path, bundled_path: Path) -> None:
    out = tmp_path / "k.timeline3.json"
    result = run("convert", str(bundled_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote 10 events as timelinejs" in result.stdout
    assert f"{out}: warning: timelinejs cannot hold: 7 quote anchors (selectors)" in result.stderr
    assert "time zones of 1 events" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "format" not in data
    assert len(data["events"]) == 10
    back = tmp_path / "back.json"
    result = run("convert", str(out), "-o", str(back))
    assert result.returncode == 0, result.stderr
    assert "(read timelinejs)" in result.stdout
    assert run("validate", str(back)).returncode == 0


def test_convert_to_csv_and_list(tmp_path: Path, bundled_path: Path) -> None:
    out = tmp_path / "k.csv"
    result = run("convert", str(bundled_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "csv cannot hold: 1 sources" in result.stderr
    listed = run("list", str(out), "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 10


def test_convert_explicit_target_and_generic_columns(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("day,what\n2020-11-25,Hand-over\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run(
        "convert", str(table), "-o", str(out), "--to", "native", "--date-col", "day",
        "--title-col", "what",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["events"][0]["title"] == "Hand-over"


def test_convert_errors(tmp_path: Path, bundled_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("colour,size\nred,3\n", encoding="utf-8")
    result = run("convert", str(bad), "-o", str(tmp_path / "x.json"))
    assert result.returncode == 1
    assert f"{bad}:1: the header ('colour', 'size') is not one" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()

    result = run("convert", str(bundled_path), "-o", str(tmp_path / "x.txt"))
    assert result.returncode == 2
    assert "cannot tell the target format" in result.stderr

    result = run("convert", str(bundled_path), "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr

    result = run("convert", str(bundled_path), "-o", str(tmp_path))
    assert result.returncode == 2  # a folder has no format-telling name
    result = run("convert", str(bundled_path), "--to", "csv", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "cannot write: is a folder" in result.stderr


def test_convert_output_under_a_file(tmp_path: Path, bundled_path: Path) -> None:
    # unwritable even for root (CI runs as root): the parent of the output is a file
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = run("convert", str(bundled_path), "-o", str(blocker / "x.json"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_convert_shared_examples(tmp_path: Path, shared_dir: Path) -> None:
    for name, count in (
        ("whitney_houston.timeline3.json", 18),
        ("all-media-types_groups.json", 41),
        ("my-own-timeline_sheet_template.csv", 10),
    ):
        out = tmp_path / (name + ".out.csv")
        result = run("convert", str(shared_dir / "interop/timelinejs" / name), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert f"wrote {count} events as csv" in result.stdout
