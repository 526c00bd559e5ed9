"""Checks that a PDF is valid as readers see it: pypdf in strict mode and a scan of every page's
content stream for paths closed or painted without a current point (what poppler reports as
"No current point in closepath"), plus qpdf and poppler themselves where they are installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

# operators that begin a path (a current point from then on) and that end it (none after)
BEGIN = {b"m", b"re"}
NEEDS_POINT = {b"l", b"c", b"v", b"y", b"h"}
END = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"}


def path_errors(path: Path) -> list[str]:
    """Path operators without a current point, as "page N: op at K" (empty: none), read with
    pypdf in strict mode (which raises on a malformed file)."""
    reader = PdfReader(path, strict=True)
    errors = []
    for number, page in enumerate(reader.pages, 1):
        contents = page.get_contents()
        if contents is None:
            continue
        current = False
        for k, (_operands, op) in enumerate(ContentStream(contents, reader).operations):
            if op in BEGIN:
                current = True
            elif op in NEEDS_POINT and not current:
                errors.append(f"page {number}: {op.decode()} at {k} with no current point")
            elif op in END:
                current = False
        page.extract_text()  # strict mode raises on what it cannot read
    return errors


def tool_errors(path: Path) -> dict[str, str]:
    """What qpdf --check, pdftotext and pdftoppm say is wrong (only the tools installed)."""
    found = {}
    if shutil.which("qpdf"):
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        # exit 0: no errors or warnings (2: errors, 3: warnings)
        if done.returncode != 0 or "warning" in (done.stdout + done.stderr).lower():
            found["qpdf"] = done.stdout + done.stderr
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
        if done.returncode != 0 or done.stderr.strip():
            found["pdftotext"] = done.stderr
    if shutil.which("pdftoppm"):
        out = path.with_suffix("")
        done = subprocess.run(
            ["pdftoppm", "-r", "20", "-png", str(path), str(out)], capture_output=True, text=True
        )
        if done.returncode != 0 or done.stderr.strip():
            found["pdftoppm"] = done.stderr
    return found


def tools_installed() -> list[str]:
    return [t for t in ("qpdf", "pdftotext", "pdftoppm") if shutil.which(t)]
