"""A Parquet dataset opens in the window through the background loader (progress, Cancel)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.conftest import BUNDLED
from viewer.model.formats import common
from viewer.model.generate import generate
from viewer.model.opening import CACHE_ENV
from viewer.ui import window as window_module
from viewer.ui.window import MainWindow


@pytest.fixture
def win(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    monkeypatch.setattr(window_module, "FAST_MIN_BYTES", 1000)
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_file(str(BUNDLED))
    yield w
    for thread in threading.enumerate():
        if thread.name == "cache":
            thread.join(30)


def test_a_parquet_file_opens_in_the_background(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.parquet"
    generate(path, 2000, seed=3)
    assert win.open_file(str(path))
    assert win.loader is not None
    with qtbot.waitSignal(win.loader.loaded, timeout=30000):
        pass
    assert len(win.dataset.events) == 2000
    assert win.full_index.n_events == 2000
    assert win.events.model.rowCount() == 2000
    quoted = next(i for i in range(2000) if win.dataset.events[i].quotes)
    win.select_event(quoted)
    assert win.detail.dataset is win.dataset


def test_cancelling_a_parquet_load_keeps_the_open_dataset(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = win.dataset
    path = tmp_path / "g.parquet"
    generate(path, 3000, seed=2)
    win.open_file(str(path))
    loader = win.loader
    assert loader is not None
    with qtbot.waitSignal(loader.cancelled, timeout=5000):
        loader.cancel()
    loader.wait(20)
    assert win.dataset is before
