"""`timeline-viewer bench` runs end to end at 1e3 (correctness of the run, not timing)."""

from __future__ import annotations

import json

from tests.cli.test_cli import run
from viewer.bench import KEYS


def test_bench_runs_at_1000_events() -> None:
    done = run("bench", "--events", "1000", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(KEYS) <= set(result)
    assert result["events"] == 1000
    assert result["frames"] >= 100
    assert result["frame_ms_median"] > 0
    assert result["baseline_frame_ms_median"] > 0
    assert result["peak_rss_mb"] > 0
    assert isinstance(result["one_paint_per_frame"], bool)
    assert "bench: measuring 1,000 events (1 of 1)" in done.stderr  # progress, off stdout
