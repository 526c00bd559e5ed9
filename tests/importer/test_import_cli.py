"""The import command end to end, in a subprocess: the draft written, its summary, that it
validates, and one clear message (exit 1, no traceback) for every bad input."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.model.bundled import bundled_dataset

ARTICLES = Path(__file__).parent / "articles"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("timeline-viewer", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "viewer"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120, check=False)


def summary(stderr: str) -> tuple[int, int, int]:
    m = re.search(r"drafted (\d+) events?, (\d+) quotes?, \d+ actors? \((\d+) warnings?\)", stderr)
    assert m, stderr
    return int(m[1]), int(m[2]), int(m[3])


def test_import_of_the_bundled_article_writes_a_valid_draft(tmp_path: Path) -> None:
    made = json.loads(Path(bundled_dataset()).read_text(encoding="utf-8"))
    article = tmp_path / "kalbajar.txt"
    article.write_text(made["sources"][0]["text"], encoding="utf-8")
    out = tmp_path / "draft.json"
    result = run("import", str(article), "-o", str(out), "--published", "2020-11-25")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    events, quotes, warnings = summary(result.stderr)
    draft = json.loads(out.read_text(encoding="utf-8"))
    assert len(draft["events"]) == events >= len(made["events"])
    assert sum(len(e["quotes"]) for e in draft["events"]) == quotes == 7
    assert warnings == 0
    assert all("draft" in e for e in draft["events"])
    assert all("draft" in q for e in draft["events"] for q in e["quotes"])
    assert draft["sources"][0]["sha256"] == made["sources"][0]["sha256"]
    checked = run("validate", str(out))
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""


def test_import_of_an_html_page(tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    result = run("import", str(ARTICLES / "summit.html"), "-o", str(out), "--tz", "Europe/Kyiv")
    assert result.returncode == 0, result.stderr
    assert "warning:" not in result.stderr
    draft = json.loads(out.read_text(encoding="utf-8"))
    src = draft["sources"][0]
    assert src["published"] == "2023-10-02T09:30:00+02:00"
    assert "Subscribe today" not in src["text"]
    assert "Comments" not in src["text"]
    for ev in draft["events"]:
        for q in ev["quotes"]:
            sel = q["selector"]
            assert src["text"][sel["start"] : sel["end"]] == q["text"]
    assert run("validate", str(out)).returncode == 0


def test_without_a_date_the_summary_warns_that_published_fixes_it(tmp_path: Path) -> None:
    article = tmp_path / "notes.txt"
    article.write_text(
        "The war began in March 2021.\n\nTroops left the town yesterday, officials said.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.json"
    result = run(
        "import", str(article), "-o", str(out), "--title", "Notes", "--url", "https://e.org/n"
    )
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr
    assert "--published" in result.stderr
    assert summary(result.stderr)[2] >= 1
    draft = json.loads(out.read_text(encoding="utf-8"))
    assert draft["sources"][0]["title"] == "Notes"
    assert draft["sources"][0]["url"] == "https://e.org/n"
    flagged = [e for e in draft["events"] if "--published" in e["draft"]["note"]]
    assert flagged
    assert run("validate", str(out)).returncode == 0


def bad_inputs(tmp: Path) -> list[tuple[Path, str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"  \n\n")
    (tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (tmp / "latin1.txt").write_bytes("Le café a ouvert hier.".encode("latin-1"))
    (tmp / "utf16.txt").write_bytes("Troops left yesterday.".encode("utf-16"))
    (tmp / "menu.html").write_text(
        "<html><head><title>Home</title><script>var s = 'Breaking news';</script></head>"
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div class='ad'>Buy now</div></body></html>",
        encoding="utf-8",
    )
    (tmp / "folder.txt").mkdir()
    return [
        (tmp / "empty.txt", "empty file; expected the text of an article"),
        (tmp / "blank.txt", "empty file; expected the text of an article"),
        (tmp / "image.txt", "binary file; expected a text or HTML article"),
        (tmp / "latin1.txt", "is not UTF-8; expected a UTF-8 text or HTML file"),
        (tmp / "utf16.txt", "UTF-16 text; expected UTF-8"),
        (tmp / "menu.html", "no article text found in the page"),
        (tmp / "folder.txt", "is a folder; expected an article"),
        (tmp / "missing.txt", "no such file; expected an article"),
    ]


def test_bad_articles_are_one_clear_message_each(tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    for path, expected in bad_inputs(tmp_path):
        result = run("import", str(path), "-o", str(out))
        assert result.returncode == 1, (path, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(str(path)), lines[0]
        assert expected in lines[0], lines[0]
        assert "Traceback" not in result.stderr
        assert not out.exists()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--published", "yesterday"], "--published 'yesterday' is not a date"),
        (["--tz", "Moscow"], "--tz: unknown time zone 'Moscow'"),
    ],
)
def test_bad_options_exit_1(tmp_path: Path, extra: list[str], expected: str) -> None:
    out = tmp_path / "draft.json"
    result = run("import", str(ARTICLES / "bridge.txt"), "-o", str(out), *extra)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_the_draft_never_replaces_its_article(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    shutil.copy(ARTICLES / "bridge.txt", article)
    before = article.read_bytes()
    result = run("import", str(article), "-o", str(article))
    assert result.returncode == 1
    assert "is an input of this command" in result.stderr
    assert article.read_bytes() == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run("import", str(ARTICLES / "bridge.txt"))
    assert result.returncode == 2
    assert "-o/--output" in result.stderr


def test_the_summary_counts_in_the_singular_for_one(tmp_path: Path) -> None:
    article = tmp_path / "undated.txt"
    article.write_text('No dates here at all. "Hello," he said.\n', encoding="utf-8")
    result = run("import", str(article), "-o", str(tmp_path / "draft.json"))
    assert result.returncode == 0, result.stderr
    assert "drafted 0 events, 0 quotes, 0 actors (1 warning) into" in result.stderr
