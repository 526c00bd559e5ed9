"""The installed command, run in a subprocess: exit codes, stdout and stderr."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import minimal, write


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("timeline-viewer", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "viewer"]
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, timeout=120, check=False, cwd=cwd
    )


def test_validate_bundled_dataset(bundled_path: Path) -> None:
    result = run("validate", str(bundled_path))
    assert result.returncode == 0, result.stderr
    assert "valid (" in result.stdout
    assert result.stderr == ""


def test_validate_reports_one_line_per_problem(tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["actors"] = ["nobody"]
    data["events"][1]["when"]["start"] = "2020-02-30"
    bad = write(tmp_path, data, "bad.json")
    result = run("validate", str(bad))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    pattern = re.compile(re.escape(str(bad)) + r":\d+:\d+: events\[\d\]\.[\w.\[\]]+: .+")
    assert all(pattern.fullmatch(line) for line in lines), lines
    assert "Traceback" not in result.stderr


def test_validate_many_files_and_missing_file(tmp_path: Path, bundled_path: Path) -> None:
    result = run("validate", str(bundled_path), str(tmp_path / "absent.json"))
    assert result.returncode == 1
    assert f"{tmp_path / 'absent.json'}: no such file" in result.stderr


def test_usage_error_exits_2() -> None:
    result = run("validate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert run("list", "--format", "xml").returncode == 2


def test_list_jsonl_contract() -> None:
    result = run("list", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 10
    keys = {
        "id",
        "title",
        "summary",
        "start",
        "end",
        "precision",
        "approximate",
        "status",
        "kind",
        "lane",
        "actors",
        "places",
        "quotes",
    }
    for r in records:
        assert keys <= r.keys()
    by_id = {r["id"]: r for r in records}
    assert by_id["ceasefire"]["start"] == "2020-11-10T00:00:00+03:00"
    assert by_id["ceasefire"]["end"] is None
    assert by_id["peacekeepers-deployed"]["start"] == "2020-11"
    assert by_id["lachin-handover"]["status"] == "planned"
    quote = by_id["kalbajar-handover"]["quotes"][0]
    assert quote["speaker"] == "Recep Tayyip Erdogan"
    assert quote["form"] == "direct"
    assert {"id", "speaker", "text", "form", "source", "start", "end"} <= quote.keys()
    starts = [r["start"] for r in records]
    assert starts.index("2020-11-10T00:00:00+03:00") < starts.index("2020-11-10")


def test_list_table_and_file_argument(tmp_path: Path) -> None:
    result = run("list", str(write(tmp_path, minimal())))
    assert result.returncode == 0
    assert "Bridge announced" in result.stdout
    assert result.stdout.index("May 2031") < result.stdout.index("13 May 2031")


def test_schema_is_json_and_matches_the_copy_in_resources() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "events" in schema["properties"]
    copy = Path(__file__).resolve().parents[2] / "resources" / "timeline-dataset.schema.json"
    assert json.loads(copy.read_text(encoding="utf-8")) == schema


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "list", "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.count("\n") >= 10


@pytest.mark.parametrize("arg", ["--size", "--size=10"])
def test_bad_gui_arguments_are_usage_errors(arg: str) -> None:
    result = run(arg) if arg != "--size" else run("--size", "huge")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_generate_writes_a_valid_dataset(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    assert run("generate", "-o", str(out), "--events", "200", "--seed", "4").returncode == 0
    first = out.read_bytes()
    assert run("generate", "-o", str(out), "--events", "200", "--seed", "4").returncode == 0
    assert out.read_bytes() == first
    done = run("validate", str(out))
    assert done.returncode == 0, done.stderr
    assert "200 events" in done.stdout
