"""Start-up: `bench --startup` runs and reports its fields (not a timing), the window starts
without the modules only printing, other formats and the batch commands need, and the probe
reports the first painted frame of the real program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from tests.cli.test_cli import run
from viewer.bench import STARTUP_KEYS
from viewer.ui.startup import STARTUP_ENV


def test_bench_startup_reports_the_viewer_the_bare_window_and_their_ratio() -> None:
    done = run("bench", "--startup", "--runs", "1", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(STARTUP_KEYS) <= set(result)
    assert result["runs"] == 1
    assert result["size"] == "1600x1000"
    assert result["viewer_s_median"] > 0
    assert result["bare_s_median"] > 0
    assert result["ratio_median"] > 0
    assert result["timeline_painted"] is True  # the first frame already shows the events


def test_bench_startup_table_and_bad_runs() -> None:
    done = run("bench", "--startup", "--runs", "1")
    assert done.returncode == 0, done.stderr
    assert "| viewer | bare pyqtgraph window | viewer/bare |" in done.stdout
    bad = run("bench", "--startup", "--runs", "0")
    assert bad.returncode == 2
    assert "--runs 0: expected 1..1000" in bad.stderr


def test_the_program_reports_its_first_painted_frame_and_quits(tmp_path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TIMELINE_VIEWER_SETTINGS": str(tmp_path / "s.ini"),
        STARTUP_ENV: repr(time.time()),
    }
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "--size", "1600x1000"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert 0 < report["first_paint_s"] < 120
    assert report["timeline_painted"] is True


LAZY = (
    "viewer.ui.printing.document",
    "viewer.ui.printing.chart",
    "viewer.ui.printing.chronology",
    "viewer.ui.printing.options",
    "PySide6.QtPrintSupport",
    "viewer.convert",
    "viewer.bench",
    "viewer.model.formats.csv_read",
    "viewer.model.formats.columnar",
    "viewer.model.formats.acled_arrow",
    "viewer.model.formats.events_table",
    "viewer.model.formats.sheet_table",
)


def test_the_window_starts_without_printing_formats_and_commands() -> None:
    code = (
        "import sys, viewer.cli, viewer.ui.app, viewer.ui.window\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "w = viewer.ui.window.MainWindow()\n"
        "w.open_initial(None)\n"
        f"print([m for m in {LAZY!r} if m in sys.modules])\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_every_command_is_known_before_its_parser_is_built() -> None:
    from viewer import cli

    _parser, handlers = cli._command_parsers()
    assert set(handlers) == set(cli.COMMANDS)
