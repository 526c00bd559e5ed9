"""The cache folder's entries: their manifests (the source file, when last used, and each file's
size, time of change and CRC-32s), the checks of an entry against its manifest, the listing of
`timeline-viewer cache`, and the bound (least recently used entries go first)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

MAX_BYTES_ENV = "TIMELINE_VIEWER_CACHE_MAX_BYTES"
DEFAULT_MAX_BYTES = 2 * 1024**3
# 2: the events as an Arrow IPC file; 3: with a checked manifest; 4: complex events apart
CACHE_VERSION = 4
PIECE = 64 * 1024 * 1024  # bytes per CRC-32 of the manifest
SAMPLE = 1024 * 1024  # bytes at each end of a file checked in a big entry
READ_BLOCK = 4 * 1024 * 1024  # bytes read at a time for a CRC-32


@dataclass
class Entry:
    """A cache entry as `timeline-viewer cache` lists it."""

    key: str
    size: int
    used: float  # when last written or read (epoch seconds)
    source: str
    events: int


def max_cache_bytes() -> int:
    value = os.environ.get(MAX_BYTES_ENV, "")
    try:
        return max(int(value), 0) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def entry_files(root: Path, key: str) -> list[Path]:
    """The files of an entry: its Arrow file and the arrays of each lane mode's index."""
    out = [root / f"{key}.arrow"]
    for folder in root.glob(f"{key}-*"):
        if folder.is_dir() and not folder.name.endswith(".tmp"):
            out += sorted(folder.glob("*.npy"))
    return [p for p in out if p.is_file()]


def piece_crcs(path: Path) -> list[int]:
    """CRC-32 of each piece of a file (zlib lets other threads run meanwhile)."""
    out = []
    with open(path, "rb") as fh:
        while (crc := _crc_of_piece(fh)) is not None:
            out.append(crc)
    return out


def _crc_of_piece(fh: BinaryIO) -> int | None:
    """CRC-32 of the next PIECE bytes of a file (None at its end), read a few MiB at a time:
    two threads reading whole pieces held 128 MB more at the peak of a cache write."""
    crc, left, seen = 0, PIECE, False
    while left > 0 and (block := fh.read(min(READ_BLOCK, left))):
        crc = zlib.crc32(block, crc)
        left -= len(block)
        seen = True
    return crc if seen else None


def ends(path: Path) -> list[int]:
    """CRC-32 of the first and of the last SAMPLE bytes of a file."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = zlib.crc32(fh.read(SAMPLE))
        fh.seek(max(0, size - SAMPLE))
        return [head, zlib.crc32(fh.read(SAMPLE))]


def parallel(fn: Callable[[Any], Any], items: list[Any], workers: int = 2) -> list[Any]:
    """``[fn(x) for x in items]`` in ``workers`` plain threads (a thread pool cannot start
    while the interpreter shuts down, when the window's last cache write may still run)."""
    out: list[Any] = [None] * len(items)
    errors: list[BaseException] = []

    def work(k0: int) -> None:
        try:
            for k in range(k0, len(items), workers):
                out[k] = fn(items[k])
        except BaseException as exc:  # handed to the caller's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(1, workers)]
    for t in threads:
        t.start()
    work(0)
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return out


def write_manifest(root: Path, key: str, info: dict[str, Any]) -> None:
    files = entry_files(root, key)
    known, sizes = info.get("crc", {}), info.get("sizes", {})

    def crcs_of(p: Path) -> list[int]:  # those of files already checked are kept
        name = str(p.relative_to(root))
        if name in known and sizes.get(name) == p.stat().st_size:
            return list(known[name])
        return piece_crcs(p)

    crcs = parallel(crcs_of, files)
    manifest = {
        "version": CACHE_VERSION,
        "source": info.get("source", ""),
        "events": info.get("events", 0),
        "format": info.get("format", ""),
        "used": time.time(),
        "crc": {str(p.relative_to(root)): c for p, c in zip(files, crcs, strict=True)},
        "sizes": {str(p.relative_to(root)): p.stat().st_size for p in files},
        "mtimes": {str(p.relative_to(root)): p.stat().st_mtime_ns for p in files},
        "ends": {str(p.relative_to(root)): ends(p) for p in files},
    }
    atomic(root / f"{key}.json", orjson.dumps(manifest))


def atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_manifest(root: Path, key: str) -> dict[str, Any] | None:
    try:
        manifest = orjson.loads((root / f"{key}.json").read_bytes())
        if manifest.get("version") != CACHE_VERSION:
            return None
        parts = (manifest["crc"], manifest["sizes"], manifest["mtimes"], manifest["ends"])
        if not all(isinstance(part, dict) for part in parts):
            return None
        return manifest
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def intact(root: Path, manifest: dict[str, Any], name: str, full: bool = True) -> bool:
    """Whether a file of an entry has the size, time of change and CRC-32s its manifest
    gives (checked a piece at a time in two threads). Not ``full``: only the CRCs of its
    first and last MiB (a file rewritten, truncated or grown has another size or time)."""
    path = root / name
    want = manifest["crc"].get(name)
    try:
        st = path.stat()
        if want is None or st.st_size != manifest["sizes"].get(name):
            return False
        if st.st_mtime_ns != manifest["mtimes"].get(name):
            return False
        size = st.st_size
        if not full:
            return ends(path) == list(manifest["ends"].get(name, []))

        def crc(k: int) -> int:
            with open(path, "rb") as fh:
                fh.seek(k * PIECE)
                return _crc_of_piece(fh) or 0

        pieces = max(1, -(-size // PIECE)) if size else 0
        if len(want) != pieces:
            return False
        return parallel(crc, list(range(pieces))) == list(want)
    except OSError:
        return False


def touch(root: Path, key: str, manifest: dict[str, Any]) -> None:
    """Mark an entry used now (least recently used entries go first)."""
    manifest["used"] = time.time()
    with contextlib.suppress(OSError):
        atomic(root / f"{key}.json", orjson.dumps(manifest))


def list_entries(root: Path) -> list[Entry]:
    """The entries of the cache folder, most recently used first (damaged ones too: their
    source may then be unknown)."""
    out = []
    for arrow in root.glob("*.arrow") if root.is_dir() else []:
        key = arrow.stem
        manifest = read_manifest(root, key) or {}
        try:
            size = sum(p.stat().st_size for p in entry_files(root, key))
            size += (root / f"{key}.json").stat().st_size if manifest else 0
            used = float(manifest.get("used") or arrow.stat().st_mtime)
        except OSError:
            continue
        out.append(Entry(key, size, used, manifest.get("source", ""), manifest.get("events", 0)))
    out.sort(key=lambda e: e.used, reverse=True)
    return out


def remove_entry(root: Path, key: str) -> None:
    with contextlib.suppress(OSError):
        (root / f"{key}.json").unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        (root / f"{key}.arrow").unlink(missing_ok=True)
    for folder in root.glob(f"{key}-*"):
        shutil.rmtree(folder, ignore_errors=True)


def evict(root: Path, limit: int | None = None, keep: str | None = None) -> list[Entry]:
    """Remove the least recently used entries until the folder holds at most ``limit``
    bytes (default: :func:`max_cache_bytes`); return the entries removed. The entry ``keep``
    (the one just written) stays even if it alone is above the limit: it goes when the next
    one is written."""
    limit = max_cache_bytes() if limit is None else limit
    entries = list_entries(root)
    total = sum(e.size for e in entries)
    entries = [e for e in entries if e.key != keep]
    gone = []
    while entries and total > limit:
        oldest = entries.pop()
        remove_entry(root, oldest.key)
        total -= oldest.size
        gone.append(oldest)
    return gone
