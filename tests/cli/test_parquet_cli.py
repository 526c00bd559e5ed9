"""Parquet on the command line: convert to and from it, generate it, bench from it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run


def test_convert_native_to_parquet_and_back_is_lossless(bundled_path: Path, tmp_path: Path) -> None:
    pq_file, back, direct = tmp_path / "k.parquet", tmp_path / "back.json", tmp_path / "k.json"
    done = run("convert", str(bundled_path), "-o", str(pq_file))
    assert done.returncode == 0, done.stderr
    assert "as parquet (read native)" in done.stdout
    assert pq_file.read_bytes()[:4] == b"PAR1"
    assert run("convert", str(pq_file), "-o", str(back)).returncode == 0
    assert run("convert", str(bundled_path), "-o", str(direct)).returncode == 0
    assert back.read_text(encoding="utf-8") == direct.read_text(encoding="utf-8")
    # --to parquet whatever the name; validate and list read it
    other = tmp_path / "k.data"
    assert run("convert", str(bundled_path), "-o", str(other), "--to", "parquet").returncode == 0
    valid = run("validate", str(other))
    assert valid.returncode == 0
    assert "valid (10 events" in valid.stdout
    assert run("list", str(other)).stdout == run("list", str(bundled_path)).stdout


def test_convert_a_csv_to_parquet(tmp_path: Path) -> None:
    csv = tmp_path / "e.csv"
    csv.write_text("when,what\n2020-01-02,First\n2020-02,Second\n", "utf-8")
    done = run(
        "convert",
        str(csv),
        "-o",
        str(tmp_path / "e.parquet"),
        "--date-col",
        "when",
        "--title-col",
        "what",
    )
    assert done.returncode == 0, done.stderr
    listed = run("list", "--format", "jsonl", str(tmp_path / "e.parquet"))
    assert [json.loads(x)["title"] for x in listed.stdout.splitlines()] == ["First", "Second"]


def test_generate_parquet_and_bench_from_it(tmp_path: Path) -> None:
    out = tmp_path / "g.parquet"
    done = run("generate", "-o", str(out), "--events", "1500")
    assert done.returncode == 0, done.stderr
    valid = run("validate", str(out))
    assert valid.returncode == 0
    assert "1500 events" in valid.stdout
    bench = run("bench", "--events", "1200", "--source", "parquet", "--no-baseline", "--json")
    assert bench.returncode == 0, bench.stderr
    result = json.loads(bench.stdout.strip().splitlines()[-1])
    assert result["events"] == 1200
    assert result["source"] == "parquet"
    assert result["baseline_frame_ms_median"] is None
    assert "baseline_skipped" in result
    assert "baseline is skipped at 1,200 events" in bench.stderr
    table = run("bench", "--events", "1000", "--source", "parquet", "--no-baseline")
    assert "| 1,000 | parquet |" in table.stdout
    assert "skipped" in table.stdout
