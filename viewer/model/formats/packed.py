"""Recognise a file by its first bytes before it is read as text: a GDELT event export (plain,
or zipped as ``.export.CSV.zip``, read from the zip in memory), and the packed files people
give as a CSV by mistake (gzip, an Excel workbook, a zip with no export in it), each refused
with one clear message."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pyarrow as pa

from viewer.model.errors import LoadError

from .columns import ColumnarLoaded
from .csv_read import gc_paused
from .gdelt_fields import gdelt_width

Progress = Callable[[float, str], None]
_HEAD = 64 * 1024


def read_packed(raw: bytes, file: str, report: Progress) -> ColumnarLoaded | None:
    """The load of a GDELT export (plain or zipped); None for any other text; LoadError for a
    packed file that is not a GDELT export."""
    if raw.startswith(b"\x1f\x8b"):
        raise LoadError.single(
            file,
            "is gzip-compressed data, not text; expected a CSV or dataset file "
            "(unpack it first, e.g. with gunzip)",
            line=1,
            col=1,
        )
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise LoadError.single(
            file,
            "is an Excel 97-2003 workbook (.xls), not CSV; expected a CSV file "
            "(save the sheet as CSV UTF-8)",
            line=1,
            col=1,
        )
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        return _read_zip(raw, file, report)
    width = gdelt_width(raw[:_HEAD])
    if width is None:
        return None
    from .gdelt import read_gdelt

    with gc_paused():
        return read_gdelt(pa.py_buffer(raw), file, width, report)


def _read_zip(raw: bytes, file: str, report: Progress) -> ColumnarLoaded:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError.single(
            file, f"is a damaged zip archive ({exc}); expected a zipped GDELT export"
        ) from None
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        raise LoadError.single(
            file,
            "is an Excel workbook (.xlsx), not CSV; expected a CSV file "
            "(save the sheet as CSV UTF-8)",
        )
    if "[Content_Types].xml" in names or "mimetype" in names:
        raise LoadError.single(
            file,
            "is an office document (a zip of XML parts), not CSV; expected a CSV or dataset file",
        )
    files = [n for n in names if not n.endswith("/")]
    for name in sorted(files, key=lambda n: not n.lower().endswith(".export.csv")):
        try:
            with archive.open(name) as member:
                head = member.read(_HEAD)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
            raise LoadError.single(
                file, f"{name}: cannot be unpacked ({exc}); expected a zipped GDELT export"
            ) from None
        width = gdelt_width(head)
        if width is None:
            continue
        report(0.05, f"Unpacking {name}")
        try:
            data = archive.read(name)
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
            raise LoadError.single(
                file, f"{name}: cannot be unpacked ({exc}); expected a zipped GDELT export"
            ) from None
        from .gdelt import read_gdelt

        with gc_paused():
            return read_gdelt(pa.py_buffer(data), file, width, report, member=name)
    shown = ", ".join(files[:5]) + (" ..." if len(files) > 5 else "")
    raise LoadError.single(
        file,
        f"is a zip archive with no GDELT event export in it (it holds: {shown or 'nothing'}); "
        "expected a zipped GDELT export (YYYYMMDDHHMMSS.export.CSV, tab-separated, 57, 58 "
        "or 61 fields)",
    )
