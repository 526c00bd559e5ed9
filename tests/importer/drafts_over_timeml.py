"""Robustness: draft every TimeML document under a folder (its text without the tags, its DCT as
the publication date) and check that each draft loads; report counts and any failure.

    .venv/bin/python -m tests.importer.drafts_over_timeml /tmp/tbaq/data/TBAQ-cleaned

The corpus stays outside the project (licensed news); this helper only reads it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from viewer.importer.article import ArticleError, draft_from_text
from viewer.importer.timeml import read_timeml
from viewer.model.checks import check_dataset


def run(folder: Path) -> str:
    """One line of counts, then one line per failure."""
    files = sorted(folder.rglob("*.tml"))
    counts = {"files": 0, "events": 0, "quotes": 0, "actors": 0, "refused": 0, "invalid": 0}
    failures: list[str] = []
    slowest = (0.0, "")
    for path in files:
        doc = read_timeml(path)
        published = doc.dct[:10] if doc.dct else None
        counts["files"] += 1
        began = time.perf_counter()
        try:
            ds = draft_from_text(doc.text, published=published, source_title=path.name).dataset
        except ArticleError as exc:  # a clear message is allowed, a crash is not
            counts["refused"] += 1
            failures.append(f"{path.name}: refused: {exc}")
            continue
        except Exception as exc:  # a crash is what this helper looks for
            failures.append(f"{path.name}: CRASH {type(exc).__name__}: {exc}")
            continue
        slowest = max(slowest, (time.perf_counter() - began, path.name))
        problems = [p for p in check_dataset(ds)[1] if p.severity == "error"]
        if problems:
            counts["invalid"] += 1
            failures.append(f"{path.name}: invalid draft: {problems[:3]}")
        counts["events"] += len(ds.events)
        counts["quotes"] += sum(len(e.quotes) for e in ds.events)
        counts["actors"] += len(ds.actors)
    head = ", ".join(f"{k} {v}" for k, v in counts.items())
    head += f", crashes {sum('CRASH' in f for f in failures)}"
    head += f", slowest {slowest[0]:.2f} s ({slowest[1]})"
    return "\n".join([head, *failures]) + "\n"


if __name__ == "__main__":
    sys.stdout.write(run(Path(sys.argv[1])))
