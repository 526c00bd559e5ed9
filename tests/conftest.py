"""Shared test set-up: headless Qt, paths to the bundled dataset and to ../shared."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never read or write the user's settings or cache.
os.environ["TIMELINE_VIEWER_SETTINGS"] = os.path.join(tempfile.mkdtemp(), "settings.ini")
_CACHE = tempfile.mkdtemp(prefix="timeline-viewer-cache-")
os.environ["TIMELINE_VIEWER_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parent.parent
# ../shared next to the project, or next to the folder of git worktrees (wt/NAME).
SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)
BUNDLED = ROOT / "resources" / "kalbajar.timeline.json"


@pytest.fixture
def bundled_path() -> Path:
    return BUNDLED


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present next to the project")
    return SHARED
