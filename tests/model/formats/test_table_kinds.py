"""What every table kind (our CSV, the TimelineJS sheet, ACLED, a generic table) shares on its
one column-wise road: progress reported and a load abandoned from it, the cache giving back
the same dataset (also the rows kept whole), an empty file, a header alone, UTF-8 with a BOM,
other encodings as one message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.model.test_acled_columnar import acled_rows, write_acled
from viewer.model.errors import LoadError
from viewer.model.formats import common
from viewer.model.formats.columns import Cancelled
from viewer.model.formats.detect import load
from viewer.model.formats.generic_csv import ColumnOptions
from viewer.model.generate_tables import write_events_csv, write_sheet
from viewer.model.opening import CACHE_ENV, open_dataset

OPTIONS = ColumnOptions("event_date", "notes", "event_type")


def _acled(path: Path, n: int, seed: int) -> Path:
    return write_acled(path, acled_rows(n, seed))


WRITERS: dict[str, Callable[[Path, int, int], Path]] = {
    "events-csv": write_events_csv,
    "timelinejs-sheet": write_sheet,
    "acled": _acled,
    "csv": _acled,  # read as a generic table
}


def _load(kind: str, path: Path, **kw):  # type: ignore[no-untyped-def]
    return load(path, OPTIONS if kind == "csv" else None, **kw)


@pytest.mark.parametrize("kind", list(WRITERS))
def test_progress_and_cancel(tmp_path: Path, kind: str) -> None:
    path = WRITERS[kind](tmp_path / "t.csv", 3000, 1)
    steps: list[tuple[float, str]] = []
    loaded = _load(kind, path, progress=lambda share, what: steps.append((share, what)))
    assert loaded.format == kind
    assert len(steps) >= 3
    assert [s for s, _ in steps] == sorted(s for s, _ in steps)

    def stop(share: float, _what: str) -> None:
        if share > 0.2:
            raise Cancelled

    with pytest.raises(Cancelled):
        _load(kind, path, progress=stop)


@pytest.mark.parametrize("kind", ["events-csv", "timelinejs-sheet", "acled"])
def test_the_cache_gives_back_the_same_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    path = WRITERS[kind](tmp_path / "t.csv", 4000, 2)
    first, second = open_dataset(path), open_dataset(path)
    assert (first.from_cache, second.from_cache) == (False, True)
    a, b = first.loaded, second.loaded
    if kind == "events-csv":
        assert a.columns.complex  # rows with quotes, kept whole
    assert (a.dataset.title, a.dataset.actors, a.dataset.places, a.dataset.sources) == (
        b.dataset.title,
        b.dataset.actors,
        b.dataset.places,
        b.dataset.sources,
    )
    assert list(a.dataset.events) == list(b.dataset.events)


@pytest.mark.parametrize("kind", list(WRITERS))
def test_empty_header_alone_bom_and_other_encodings(tmp_path: Path, kind: str) -> None:
    source = WRITERS[kind](tmp_path / "src.csv", 5, 3)
    text = source.read_text(encoding="utf-8")
    header = text.split("\n", 1)[0] + "\n"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(LoadError) as exc:
        _load(kind, empty)
    assert "the file is empty" in str(exc.value)
    alone = tmp_path / "header.csv"
    alone.write_text(header, encoding="utf-8")
    assert len(_load(kind, alone).dataset.events) == 0
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert list(_load(kind, bom).dataset.events) == list(_load(kind, source).dataset.events)
    wide = tmp_path / "utf16.csv"
    wide.write_bytes(text.encode("utf-16"))
    with pytest.raises(LoadError) as exc:
        _load(kind, wide)
    (p,) = exc.value.problems
    assert "UTF-16" in p.message
    latin = tmp_path / "latin.csv"
    latin.write_bytes((header + "\xe9" + text[len(header) :]).encode("latin-1", "replace"))
    with pytest.raises(LoadError) as exc:
        _load(kind, latin)
    (p,) = exc.value.problems
    assert "invalid UTF-8" in p.message
    assert (p.line, p.col) == (2, 1)
