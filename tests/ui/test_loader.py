"""Big files open in the background; Cancel or a failure keeps the dataset that was open."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.conftest import BUNDLED
from viewer.model import opening
from viewer.model.formats import common, event_pieces
from viewer.model.formats.detect import load
from viewer.model.generate import generate
from viewer.model.opening import CACHE_ENV
from viewer.ui import window as window_module
from viewer.ui.screenshot import save_screenshot
from viewer.ui.window import MainWindow


@pytest.fixture
def win(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    monkeypatch.setattr(window_module, "FAST_MIN_BYTES", 1000)
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_file(str(BUNDLED))  # small: synchronous, the reference reader
    yield w
    for thread in threading.enumerate():  # a cache still being written ends with its test
        if thread.name == "cache":
            thread.join(30)


def test_background_load_shows_the_new_dataset(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.json"
    generate(path, 500, seed=1)
    assert win.open_file(str(path))
    assert win.loader is not None
    with qtbot.waitSignal(win.loader.loaded, timeout=20000):
        pass
    assert win.loader is None
    assert len(win.dataset.events) == 500
    assert win.full_index.n_events == 500
    assert win.events.model.rowCount() == 500
    win.select_event(3)
    assert win.detail.dataset is win.dataset
    win.events.find.setText("protest")
    win.apply_filter()
    assert 0 < win.events.model.rowCount() < 500


def test_a_background_load_in_pieces_shows_the_same_events(  # type: ignore[no-untyped-def]
    qtbot, win, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.json"
    generate(path, 6000, seed=4)
    monkeypatch.setattr(event_pieces, "PIECE_BYTES", 400_000)  # three pieces or so
    assert win.open_file(str(path))  # from the loader's thread, in a process with a GUI
    with qtbot.waitSignal(win.loader.loaded, timeout=20000):
        pass
    ref = load(path).dataset
    assert [ev.title for ev in win.dataset.events] == [ev.title for ev in ref.events]
    assert win.full_index.n_events == 6000


def start_loading(win: MainWindow, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The loader of a 3,000-event file just opened in the background."""
    path = tmp_path / "g.json"
    generate(path, 3000, seed=2)
    win.open_file(str(path))
    assert win.loader is not None
    return win.loader


def test_cancel_keeps_the_previous_dataset(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = win.dataset
    loader = start_loading(win, tmp_path)
    with qtbot.waitSignal(loader.cancelled, timeout=5000):
        loader.cancel()
    loader.wait(20)
    qtbot.wait(100)
    assert win.dataset is before
    assert win.loader is None


def test_the_cache_is_written_after_the_dataset_is_shown(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.json"
    generate(path, 2000, seed=3)
    shown_before_cached = []
    win.open_file(str(path))
    loader = win.loader
    loader.loaded.connect(
        lambda _opened: shown_before_cached.append(not any(opening.cache_dir().glob("*")))
    )
    with qtbot.waitSignal(loader.loaded, timeout=20000):
        pass
    loader.wait(30)  # the cache thread too
    assert shown_before_cached == [True]
    assert any(opening.cache_dir().glob("*"))
    win.open_file(str(path))
    with qtbot.waitSignal(win.loader.loaded, timeout=20000) as second:
        pass
    assert second.args[0].from_cache
    assert len(win.dataset.events) == 2000


def test_closing_the_window_stops_a_background_load(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    loader = start_loading(win, tmp_path)
    with qtbot.waitSignal(loader.cancelled, timeout=5000):
        win.close()
    loader.wait(20)
    assert win.loader is None


def test_failed_background_load_keeps_the_previous_dataset(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = win.dataset
    path = tmp_path / "bad.json"
    path.write_text('{"format": "timeline-dataset", "version": 1, "title": "x", "events": [{}]}')
    path.write_text(path.read_text() + " " * 2000)
    win.open_file(str(path))
    with qtbot.waitSignal(win.loader.failed, timeout=20000):
        pass
    assert win.dataset is before
    assert win.error_box is not None
    assert "events[0].id" in win.error_box.text() + win.error_box.informativeText()


def test_screenshot_waits_for_a_background_load(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from viewer.model.formats.common import FAST_MIN_BYTES
    from viewer.model.generate import generate
    from viewer.ui.window import MainWindow

    big = tmp_path / "big.json"
    generate(big, 8000, seed=3)
    assert big.stat().st_size >= FAST_MIN_BYTES
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_file(str(big))
    assert w.loader is not None  # loading in the background
    assert save_screenshot(w, str(tmp_path / "shot.png"), None) == 0
    assert w.dataset is not None
    assert len(w.dataset.events) == 8000
    assert w.selected >= 0


def test_a_file_that_fails_at_start_leaves_the_window_empty_with_its_error(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    from viewer.ui.window import MainWindow

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "timeline-dataset", "version": 1, "events": [{}]}')
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_initial(str(bad))
    assert w.dataset is None  # not the bundled dataset in its place
    assert w.error_box is not None
    assert str(bad) in w.error_box.text()
    assert save_screenshot(w, str(tmp_path / "shot.png"), None) == 1
    assert not (tmp_path / "shot.png").exists()


def test_a_big_timelinejs_file_opens_in_the_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    from viewer.model.formats.common import FAST_MIN_BYTES
    from viewer.ui.window import MainWindow

    slides = [
        {"start_date": {"year": 2000 + i % 20}, "text": {"headline": f"Slide {i} " + "x" * 200}}
        for i in range(12_000)
    ]
    path = tmp_path / "big.timeline3.json"
    path.write_text(json.dumps({"events": slides}))
    assert path.stat().st_size >= FAST_MIN_BYTES
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_file(str(path))
    if w.loader is not None:
        with qtbot.waitSignal(w.loader.loaded, timeout=60000):
            pass
    assert w.error_box is None
    assert len(w.dataset.events) == 12_000
    assert w.loaded.format == "timelinejs"


@pytest.mark.parametrize("kind", ["events-csv", "sheet"])
def test_tables_of_every_kind_open_in_the_background_and_cancel(  # type: ignore[no-untyped-def]
    qtbot, win, tmp_path: Path, kind: str
) -> None:
    """Our CSV and the TimelineJS sheet open in the background in the window too: the same
    events as the loader gives; Cancel keeps what was open."""
    from viewer.model.generate_tables import write_events_csv, write_sheet

    path = tmp_path / f"{kind}.csv"
    (write_events_csv if kind == "events-csv" else write_sheet)(path, 3000, seed=5)
    before = win.dataset
    win.open_file(str(path))
    loader = win.loader
    assert loader is not None
    with qtbot.waitSignal(loader.cancelled, timeout=5000):
        loader.cancel()
    loader.wait(20)
    qtbot.wait(100)
    assert win.dataset is before
    assert win.open_file(str(path))
    with qtbot.waitSignal(win.loader.loaded, timeout=30000):
        pass
    ref = load(path).dataset
    assert len(win.dataset.events) == len(ref.events)
    assert [ev.title for ev in win.dataset.events][:50] == [ev.title for ev in ref.events][:50]
    assert win.full_index.n_events == len(ref.events)
