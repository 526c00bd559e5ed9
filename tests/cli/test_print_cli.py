"""`timeline-viewer print` and `export` through the installed command, without a display."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

EXE = shutil.which("timeline-viewer", path=str(Path(sys.executable).parent)) or "timeline-viewer"
BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "kalbajar.timeline.json"
TITLES = [
    re.sub(r"\s+", " ", unicodedata.normalize("NFKC", ev["title"]))
    for ev in json.loads(BUNDLED.read_text(encoding="utf-8"))["events"]
]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen itself
    return subprocess.run(
        [EXE, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_print_writes_a_pdf_with_chronology(tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "out.pdf"
    r = run("print", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    reader = PdfReader(out)
    assert len(reader.pages) > 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Traceback" not in text
    assert "Chronology" in text
    # a one-page briefing: the whole chart on page 1, the chronology from page 2
    first = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", reader.pages[0].extract_text()))
    assert "Chronology" not in first
    assert "Chronology" in reader.pages[1].extract_text()
    for title in TITLES:
        assert title in first
    assert "…" not in first


def test_print_pages_paper_portrait_no_chronology(tmp_path, bundled_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "two.pdf"
    r = run(
        "print", str(bundled_path), "-o", str(out), "--pages", "2", "--paper", "Letter",
        "--portrait", "--no-chronology",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    box = reader.pages[1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_print_a_date_range(tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "range.pdf"
    r = run("print", "-o", str(out), "--from", "2020-11-20", "--to", "2020-11", "--pages", "1")
    assert r.returncode == 0, r.stderr
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    assert "20 November 2020 – 30 November 2020" in pages[0]  # --to: up to its end
    chronology = " ".join(pages[1:])
    assert "Kalbajar district handed over" in chronology
    assert "Trilateral declaration" not in chronology  # 10 November: before the range


@pytest.mark.parametrize(
    "args",
    [
        ("--from", "2020-13"),
        ("--from", "2020-11-31", "--to", "2020-12"),
        ("--from", "2020-12", "--to", "2020-11"),
        ("--from", "2020-11"),
        ("--pages", "0"),
        ("--paper", "A5"),
    ],
)
def test_bad_arguments_exit_2(tmp_path, args):  # type: ignore[no-untyped-def]
    r = run("print", "-o", str(tmp_path / "x.pdf"), *args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert r.stderr.strip()
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_output_exits_1(tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / "no" / "such" / "dir" / "out.pdf"
    r = run("print", "-o", str(target))
    assert r.returncode == 1
    assert r.stderr.startswith(f"timeline-viewer: cannot write {target}: ")
    assert "Traceback" not in r.stderr
    r = run("export", "-o", str(tmp_path / "missing" / "x.png"))
    assert r.returncode == 1
    assert "cannot write" in r.stderr


def test_invalid_dataset_exits_1(tmp_path):  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    r = run("print", str(bad), "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 1
    assert "bad.json" in r.stderr
    assert "Traceback" not in r.stderr


def test_export_png_and_svg(tmp_path):  # type: ignore[no-untyped-def]
    png = tmp_path / "t.png"
    r = run("export", "-o", str(png), "--width", "1200", "--height", "700")
    assert r.returncode == 0, r.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png.read_bytes()[16:20], "big") == 1200
    svg = tmp_path / "t.svg"
    r = run("export", "-o", str(svg), "--from", "2020-11-15", "--to", "2020-12-05")
    assert r.returncode == 0, r.stderr
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml")
    assert "<svg" in text
    assert "Kalbajar district handed over to Azerbaijan" in text  # text stays text
    r = run("export", "-o", str(tmp_path / "t.gif"))
    assert r.returncode == 2


def test_batch_commands_do_not_load_qt():  # type: ignore[no-untyped-def]
    code = (
        "import sys, viewer.cli as c; c.main(['list']);"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"
