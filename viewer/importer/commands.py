"""The `timex` and `timex-eval` commands: read inputs, report bad ones in one line each, print
expressions as JSON Lines or a table, and scores as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .evaluate import evaluate_dir
from .tagger import needs_date, tag
from .timeml import TimeMLError


class InputError(Exception):
    """Bad input a user can fix; the message names the file, the place and what was expected."""


@dataclass
class Document:
    id: str
    text: str
    published: date | None
    where: str  # how messages name it: a file or FILE:LINE


def parse_published(text: str, where: str) -> date:
    """A publication date: YYYY-MM-DD, optionally followed by a time (which is ignored)."""
    try:
        return date.fromisoformat(text.strip()[:10])
    except (ValueError, AttributeError):
        raise InputError(f"{where}: '{text}' is not a date; expected YYYY-MM-DD") from None


def read_text_file(path: Path) -> str:
    """The text of a UTF-8 text file; InputError for a missing, empty or binary file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; expected a text file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if b"\0" in data[:8192]:
        raise InputError(f"{path}: binary file; expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: byte {exc.start} is not UTF-8; expected a UTF-8 text file"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: empty file; expected the text of an article")
    return text


def read_batch(path: Path) -> tuple[list[Document], list[str]]:
    """Documents of a JSON Lines file of {"id", "text", "published"}; one message per bad line."""
    docs: list[Document] = []
    problems: list[str] = []
    raw = read_text_file(path)
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            problems.append(f'{where}: expected an object with a "text" string')
            continue
        doc_id = obj.get("id", str(number))
        if not isinstance(doc_id, str | int):
            problems.append(f'{where}: "id" must be a string or a number')
            continue
        published = None
        if obj.get("published") is not None:
            try:
                published = parse_published(str(obj["published"]), f'{where}: "published"')
            except InputError as exc:
                problems.append(str(exc))
                continue
        docs.append(Document(str(doc_id), obj["text"], published, where))
    return docs, problems


def run_timex(args: argparse.Namespace) -> int:
    try:
        published = parse_published(args.published, "--published") if args.published else None
        docs: list[Document] = []
        problems: list[str] = []
        if args.batch:  # a line's own "published" wins over --published
            docs, problems = read_batch(Path(args.batch))
            for doc in docs:
                doc.published = doc.published or published
        for name in args.files:
            try:
                docs.append(Document(name, read_text_file(Path(name)), published, name))
            except InputError as exc:
                problems.append(str(exc))
    except InputError as exc:
        problems = [str(exc)]
    if not problems and not docs:
        problems = ["timex: no input; give FILE... or --batch F"]
    if problems:
        for p in problems:
            sys.stderr.write(p + "\n")
        return 1
    rows = []
    for doc in docs:
        found = tag(doc.text, doc.published)
        if doc.published is None and needs_date(found):
            sys.stderr.write(
                f"{doc.where}: note: relative dates left unresolved (X in their values) for want "
                'of a publication date; --published DATE (or "published" in --batch) '
                "resolves them\n"
            )
        for t in found:
            record = t.record(doc.id)
            if args.format == "jsonl":
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                rows.append(record)
    if args.format == "table":
        _table(rows)
    return 0


def _table(rows: list[dict]) -> None:
    header = ["id", "start", "end", "type", "value", "text"]
    cells = [[str(r[h]).replace("\n", " ") for h in header] for r in rows]
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(5)]
    for c in [header, *cells]:
        sys.stdout.write("  ".join(v.ljust(w) for v, w in zip(c[:5], widths, strict=True)))
        sys.stdout.write("  " + c[5] + "\n")


def run_timex_eval(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        sys.stderr.write(f"{folder}: no such folder; expected a folder of TimeML (.tml) files\n")
        return 1
    try:
        files, counts = evaluate_dir(folder)
    except TimeMLError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    if files == 0:
        sys.stderr.write(f"{folder}: no .tml files; expected TimeML files with <TEXT> and <DCT>\n")
        return 1
    summary = {"files": files, **counts.summary()}
    if args.json:
        sys.stdout.write(json.dumps(summary) + "\n")
        return 0
    sys.stdout.write(
        f"{files} files, {counts.gold} gold expressions, {counts.pred} found\n"
        f"{'':10}{'precision':>10}{'recall':>8}{'F1':>8}\n"
    )
    for name in ("strict", "relaxed", "value"):
        p, r, f = (summary[f"{name}_{k}"] for k in ("precision", "recall", "f1"))
        sys.stdout.write(f"{name:10}{p:>10.3f}{r:>8.3f}{f:>8.3f}\n")
    sys.stdout.write(f"type accuracy (of relaxed matches): {summary['type_accuracy']:.3f}\n")
    return 0
