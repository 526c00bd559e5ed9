"""The native JSON format: read (with every check) and write.

Reading never trusts the file: encoding, JSON syntax, duplicate keys, NaN literals, depth, the
format name and version, field types, then the checks of :mod:`viewer.model.checks`. Every
failure is a :class:`LoadError` whose problems name the file, line:column and JSON path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from viewer.model.checks import check_dataset
from viewer.model.dataset import FORMAT_NAME, FORMAT_VERSION, Dataset
from viewer.model.errors import LoadError, Problem
from viewer.model.jsonpos import format_path, line_col, locate

from .common import Loaded, decode_text, read_limited


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON; expected a finite number")


def parse_json(text: str, file: str) -> Any:
    """Parse JSON text strictly; raise LoadError with line:col on any syntax problem."""
    if not text.strip():
        raise LoadError([Problem("the file is empty; expected a JSON object", file=file)])
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        msg = exc.msg[0].lower() + exc.msg[1:]
        if exc.pos >= len(text.rstrip()):
            msg += " (the file ends too early: truncated?)"
        raise LoadError(
            [Problem(f"invalid JSON: {msg}", line=exc.lineno, col=exc.colno, file=file)]
        ) from None
    except _DuplicateKeyError as exc:
        where = _find_key(text, exc.key)
        raise LoadError(
            [
                Problem(
                    f"duplicate key '{exc.key}'; expected each key once per object",
                    file=file,
                    **where,
                )
            ]
        ) from None
    except ValueError as exc:
        raise LoadError([Problem(f"invalid JSON: {exc}", file=file)]) from None
    except RecursionError:
        raise LoadError(
            [Problem("JSON nested too deeply; expected a dataset of a few levels", file=file)]
        ) from None


def _find_key(text: str, key: str) -> dict[str, int]:
    needle = json.dumps(key)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    if second < 0:
        return {}
    line, col = line_col(text, second)
    return {"line": line, "col": col}


def read_native(path: str | Path, data: bytes | None = None) -> Loaded:
    """Read a native dataset file (or its bytes, named by ``path``)."""
    file = str(path)
    raw = read_limited(path) if data is None else data
    text = decode_text(raw, file)
    obj = parse_json(text, file)
    return dataset_from_json(obj, text, file)


def dataset_from_json(obj: Any, text: str, file: str) -> Loaded:
    """Validate a parsed JSON value as a native dataset; ``text`` locates errors."""
    if not isinstance(obj, dict):
        raise LoadError(
            [
                Problem(
                    f"the top level is a JSON {_json_type(obj)}; expected an object",
                    line=1,
                    col=1,
                    file=file,
                )
            ]
        )
    fmt = obj.get("format")
    if fmt != FORMAT_NAME:
        where = _where(text, ("format",))
        raise LoadError(
            [
                Problem(
                    f"format is {fmt!r}; expected '{FORMAT_NAME}'",
                    path="format",
                    file=file,
                    **where,
                )
            ]
        )
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LoadError(
            [
                Problem(
                    f"version is {version!r}; expected {FORMAT_VERSION}",
                    path="version",
                    file=file,
                    **_where(text, ("version",)),
                )
            ]
        )
    if version > FORMAT_VERSION:
        raise LoadError(
            [
                Problem(
                    f"version {version} is newer than this viewer reads (up to {FORMAT_VERSION}); "
                    "expected an update of the viewer",
                    path="version",
                    file=file,
                    **_where(text, ("version",)),
                )
            ]
        )
    try:
        ds = Dataset.model_validate(obj)
    except ValidationError as exc:
        raise LoadError(_pydantic_problems(exc, text, file)) from None
    ds, problems = check_dataset(ds)
    problems = [_located(p, text, file) for p in problems]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise LoadError(problems)
    return Loaded(ds, problems, file, "native")


def _json_type(obj: Any) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(obj), "null"
    )


def _where(text: str, path: tuple[str | int, ...]) -> dict[str, int]:
    pos = locate(text, path) if text else None
    return {"line": pos[0], "col": pos[1]} if pos else {}


def _located(p: Problem, text: str, file: str) -> Problem:
    path = _parse_path(p.path)
    where = _where(text, path)
    return Problem(p.message, p.path, where.get("line"), where.get("col"), file, p.severity)


def _parse_path(path: str) -> tuple[str | int, ...]:
    out: list[str | int] = []
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        out.append(int(part[1:-1]) if part.startswith("[") else part)
    return tuple(out)


_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": (
        "unknown field; expected only the fields of the format (see `timeline-viewer schema`)"
    ),
}


def _pydantic_problems(exc: ValidationError, text: str, file: str) -> list[Problem]:
    return error_problems(exc.errors(include_url=False), exc.error_count(), text, file)


def error_problems(errors: list[Any], total: int, text: str, file: str) -> list[Problem]:
    """Problems of pydantic error dicts (``loc`` from the dataset root), at most 50 shown."""
    problems = []
    for e in errors:
        loc = tuple(e["loc"])
        message = _MESSAGES.get(e["type"], e["msg"])
        if e["type"] not in _MESSAGES:
            message = message[0].lower() + message[1:]
            if (
                e["type"] not in ("missing",)
                and "input" in e
                and not isinstance(e["input"], dict | list)
            ):
                message = f"got {_clip_repr(e['input'])}: {message}"
        problems.append(Problem(message, path=format_path(loc), file=file, **_where(text, loc)))
        if len(problems) >= 50:
            problems.append(Problem(f"... and {total - 50} more problems", file=file))
            break
    return problems


def _clip_repr(value: Any) -> str:
    r = repr(value)
    return r if len(r) <= 60 else r[:60] + "…"


def write_native(ds: Dataset, path: str | Path) -> None:
    """Write a dataset as native JSON (UTF-8, stable key order, non-ASCII kept)."""
    text = dataset_to_json(ds)
    Path(path).write_text(text, encoding="utf-8")


def dataset_to_json(ds: Dataset) -> str:
    return (
        json.dumps(ds.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2)
        + "\n"
    )
