"""One road for every file: the window and every command open files through the same loader,
which recognises the format first whatever the size; a file that fails is an error, never
silently replaced by another."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cli import run
from viewer import cli
from viewer.model.formats import common, detect

SLIDES = 12_000


@pytest.fixture(scope="module")
def big_timelinejs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TimelineJS file of 12,000 slides (about 2.7 MB: past the size of the fast paths)."""
    slides = [
        {
            "start_date": {"year": 1990 + i % 30, "month": 1 + i % 12, "day": 1 + i % 28},
            "text": {"headline": f"Slide {i}", "text": "<p>" + "Words of the slide. " * 8 + "</p>"},
            "group": f"group {i % 4}",
        }
        for i in range(SLIDES)
    ]
    path = tmp_path_factory.mktemp("tl") / "big.timeline3.json"
    path.write_text(json.dumps({"title": {"text": {"headline": "Big"}}, "events": slides}))
    assert path.stat().st_size >= common.FAST_MIN_BYTES
    return path


def test_a_big_timelinejs_file_validates_and_lists(big_timelinejs: Path) -> None:
    result = run("validate", str(big_timelinejs))
    assert result.returncode == 0, result.stderr
    assert f"valid ({SLIDES} events" in result.stdout
    listed = run("list", str(big_timelinejs), "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    titles = {json.loads(line)["title"] for line in listed.stdout.splitlines()}
    assert len(titles) == SLIDES
    assert "Slide 11999" in titles


def test_a_file_that_fails_is_never_replaced_by_another(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "timeline-dataset", "version": 1, "events": [}')
    png = tmp_path / "out.png"
    result = run(str(bad), "--screenshot", str(png))
    assert result.returncode == 1
    assert str(bad) in result.stderr
    assert "Traceback" not in result.stderr
    assert not png.exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_in_the_window_too(tmp_path: Path) -> None:
    png = tmp_path / "out.png"
    result = run("/dev/zero", "--screenshot", str(png))
    assert result.returncode == 1
    assert "/dev/zero: is a device, not a regular file" in result.stderr
    assert not png.exists()


def test_every_command_and_the_window_use_the_one_loader(
    qtbot: Any,
    tmp_path: Path,
    bundled_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each command, and the window for a small and a big file, read through detect's loader."""
    from viewer.ui.window import MainWindow

    seen: list[str] = []
    inner = detect._load

    def spied(raw: bytes, file: str, *args: Any) -> Any:
        seen.append(file)
        return inner(raw, file, *args)

    monkeypatch.setattr(detect, "_load", spied)
    src = str(bundled_path)
    commands = [
        ["validate", src],
        ["list", src],
        ["convert", src, "-o", str(tmp_path / "out.csv")],
        ["print", src, "-o", str(tmp_path / "out.pdf")],
        ["export", src, "-o", str(tmp_path / "out.png")],
    ]
    for argv in commands:
        seen.clear()
        assert cli.main(argv) == 0, argv
        assert seen == [src], argv
    capsys.readouterr()

    window = MainWindow()
    qtbot.addWidget(window)
    seen.clear()
    assert window.open_file(src)
    assert seen == [src]
    big = tmp_path / "big.json"
    from viewer.model.generate import generate

    generate(big, 8000, seed=1)
    assert big.stat().st_size >= common.FAST_MIN_BYTES
    seen.clear()
    assert window.open_file(str(big))  # in the background
    assert window.loader is not None
    with qtbot.waitSignal(window.loader.loaded, timeout=30000):
        pass
    window.loader = None
    assert seen == [str(big)]
    assert len(window.dataset.events) == 8000


def test_a_screenshot_never_replaces_the_dataset_it_shows(
    tmp_path: Path, bundled_path: Path
) -> None:
    copy = tmp_path / "ds.json"
    copy.write_bytes(bundled_path.read_bytes())
    result = run(str(copy), "--screenshot", str(copy))
    assert result.returncode == 1
    assert "it is an input of this command" in result.stderr
    assert copy.read_bytes() == bundled_path.read_bytes()
