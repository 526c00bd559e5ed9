"""The native JSON format: read (with every check) and write.

Reading never trusts the file: encoding, JSON syntax, duplicate keys, NaN literals, depth, the
format name and version, field types, then the checks of :mod:`viewer.model.checks`. Every
failure is a :class:`LoadError` whose problems name the file, line:column and JSON path.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from viewer.model.checks import check_dataset
from viewer.model.dataset import FORMAT_NAME, FORMAT_VERSION, Dataset
from viewer.model.errors import MAX_PROBLEMS, LoadError, Problem, cap_problems, more_problems
from viewer.model.jsonpos import find_token, format_path, line_col, locate, locate_many
from viewer.model.output import write_output

from .common import Loaded, decode_text, no_memory_error, read_limited


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


class _NumberError(ValueError):
    def __init__(self, token: str, message: str) -> None:
        super().__init__(message)
        self.token = token


def _no_constant(name: str) -> Any:
    raise _NumberError(name, f"{name} is not valid JSON; expected a finite number")


def _int(token: str) -> int:
    if len(token) > MAX_NUMBER_DIGITS:
        raise _NumberError(
            token,
            f"a number of {len(token)} digits is too long; expected at most {MAX_NUMBER_DIGITS}",
        )
    return int(token)


def _float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _NumberError(
            token, f"number {_clip_repr(token)} is too large; expected a finite number (< 1.8e308)"
        )
    return value


def parse_json(text: str, file: str) -> Any:
    """Parse JSON text strictly; raise LoadError with line:col on any syntax problem.

    Refused beyond :mod:`json`'s own errors: duplicate keys, NaN/Infinity, numbers too large for
    a float or too long for an int, nesting deeper than Python's recursion limit, and strings
    holding a lone UTF-16 surrogate (``"\\ud800"``, which cannot be written back as UTF-8).
    """
    if not text.strip():
        raise LoadError([Problem("the file is empty; expected a JSON object", file=file)])
    try:
        obj = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_int=_int,
            parse_float=_float,
        )
    except json.JSONDecodeError as exc:
        msg = exc.msg[0].lower() + exc.msg[1:]
        if msg.startswith("unterminated string"):
            msg = "unterminated string starting here (the file ends inside it: truncated?)"
        elif exc.pos >= len(text.rstrip()):
            msg += " (the file ends too early: truncated?)"
        raise LoadError(
            [Problem(f"invalid JSON: {msg}", line=exc.lineno, col=exc.colno, file=file)]
        ) from None
    except _DuplicateKeyError as exc:
        where = _find_key(text, exc.key)
        raise LoadError(
            [
                Problem(
                    f"duplicate key {_clip_repr(exc.key)}; expected each key once per object",
                    file=file,
                    **where,
                )
            ]
        ) from None
    except _NumberError as exc:
        pos = find_token(text, exc.token)
        where = {"line": pos[0], "col": pos[1]} if pos else {}
        raise LoadError([Problem(f"invalid JSON: {exc}", file=file, **where)]) from None
    except RecursionError:
        raise LoadError(
            [
                Problem(
                    f"JSON nested too deeply (more than {DEEP} levels here); "
                    "expected a dataset of a few levels",
                    file=file,
                    **_deep_place(text),
                )
            ]
        ) from None
    except ValueError as exc:
        raise LoadError([Problem(f"invalid JSON: {exc}", file=file)]) from None
    if _SURROGATE_ESCAPE.search(text):
        _check_surrogates(obj, text, file)
    return obj


DEEP = 100  # where a "nested too deeply" problem is placed: a dataset is never this deep
MAX_NUMBER_DIGITS = 4000  # below Python's int/str conversion limit (4300)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _deep_place(text: str) -> dict[str, int]:
    """line/col of the first bracket nested deeper than a dataset ever is (only on failure)."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            if depth > DEEP:
                line, col = line_col(text, m.start())
                return {"line": line, "col": col}
        elif tok in "]}":
            depth -= 1
    return {}


_BRACKETS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _check_surrogates(obj: Any, text: str, file: str) -> None:
    """Refuse a lone surrogate in any string or key (only called if the text escapes one)."""
    todo: list[tuple[tuple[str | int, ...], Any]] = [((), obj)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if not _encodable(key):
                    _surrogate_error(path, text, file)
                todo.append(((*path, key), item))
        elif isinstance(value, list):
            todo.extend(((*path, i), item) for i, item in enumerate(value))
        elif isinstance(value, str) and not _encodable(value):
            _surrogate_error(path, text, file)


def _encodable(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _surrogate_error(path: tuple[str | int, ...], text: str, file: str) -> None:
    raise LoadError(
        [
            Problem(
                "a string holds a lone UTF-16 surrogate (\\ud800-\\udfff escaped without its "
                "pair); expected valid Unicode text",
                path=format_path(path),
                file=file,
                **_where(text, path),
            )
        ]
    )


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
    with no_memory_error(file):
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
    _check_header(obj, text, file)
    try:
        ds = Dataset.model_validate(obj)
    except ValidationError as exc:
        raise LoadError(_pydantic_problems(exc, text, file)) from None
    ds, problems = check_dataset(ds)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise LoadError(located(cap_problems(errors), text, file))
    return Loaded(ds, located(cap_problems(problems), text, file), file, "native")


def _check_header(obj: dict[str, Any], text: str, file: str) -> None:
    """The format name and version, checked first: a wrong one makes every other error noise."""

    def fail(key: str, message: str) -> None:
        raise LoadError([Problem(message, path=key, file=file, **_where(text, (key,)))])

    if "format" not in obj:
        fail("format", f'required field is missing; expected "format": "{FORMAT_NAME}"')
    fmt = obj["format"]
    if fmt != FORMAT_NAME:
        fail("format", f"format is {_clip_repr(fmt)}; expected '{FORMAT_NAME}'")
    if "version" not in obj:
        fail("version", f'required field is missing; expected "version": {FORMAT_VERSION}')
    version = obj["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        fail(
            "version",
            f"got {_clip_repr(version)} (a JSON {_json_type(version)}); "
            f"expected the whole number {FORMAT_VERSION}",
        )
    if version < 1:
        fail("version", f"got {_clip_repr(version)}; expected {FORMAT_VERSION}")
    if version > FORMAT_VERSION:
        fail(
            "version",
            f"version {_clip_repr(version)} is newer than this viewer reads (up to "
            f"{FORMAT_VERSION}); expected an update of the viewer",
        )


def _json_type(obj: Any) -> str:
    return {
        dict: "object",
        list: "array",
        str: "string",
        int: "number",
        float: "number",
        bool: "boolean",
    }.get(type(obj), "null")


def _where(text: str, path: tuple[str | int, ...]) -> dict[str, int]:
    pos = locate(text, path) if text else None
    return {"line": pos[0], "col": pos[1]} if pos else {}


def located(problems: list[Problem], text: str, file: str) -> list[Problem]:
    """The problems with the file name and their line:col (found in one pass over the text)."""
    paths = [_parse_path(p.path) for p in problems]
    places = locate_many(text, [pt for pt in paths if pt]) if text else {}
    out = []
    for p, pt in zip(problems, paths, strict=True):
        pos = places.get(pt) if pt else None
        line, col = pos if pos else (None, None)
        out.append(Problem(p.message, p.path, line, col, file, p.severity))
    return out


def _parse_path(path: str) -> tuple[str | int, ...]:
    out: list[str | int] = []
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        out.append(int(part[1:-1]) if part.startswith("[") else part)
    return tuple(out)


_SHOULD = re.compile(r"^\w+ should (?:have|be) ")
_JSON_WORDS = [  # pydantic speaks Python; the file is JSON
    (re.compile(r"a valid dictionary(?: or instance of \w+)?"), "a JSON object"),
    (re.compile(r"a valid list"), "a JSON array"),
    (re.compile(r"a valid string"), "a string"),
    (re.compile(r"a valid integer"), "a whole number"),
    (re.compile(r"a valid number"), "a number"),
    (re.compile(r"a valid boolean"), "true or false"),
]
_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": (
        "unknown field; expected only the fields of the format (see `timeline-viewer schema`)"
    ),
}


def _pydantic_problems(exc: ValidationError, text: str, file: str) -> list[Problem]:
    return error_problems(
        exc.errors(include_url=False, include_context=False), exc.error_count(), text, file
    )


def error_problems(errors: list[Any], total: int, text: str, file: str) -> list[Problem]:
    """pydantic's error dicts (``loc`` from the dataset root) in the project's style,
    ``got X; expected Y``, located and capped."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for e in errors:
        loc = tuple(e["loc"])
        found.append((loc, _message(e)))
        if len(found) > MAX_PROBLEMS:
            break
    places = locate_many(text, [loc for loc, _ in found[:MAX_PROBLEMS]]) if text else {}
    problems = []
    for loc, message in found[:MAX_PROBLEMS]:
        pos = places.get(loc)
        where = {"line": pos[0], "col": pos[1]} if pos else {}
        problems.append(Problem(message, path=format_path(loc), file=file, **where))
    if total > MAX_PROBLEMS:
        problems.append(more_problems(total - MAX_PROBLEMS, file))
    return problems


def _message(e: Any) -> str:
    if e["type"] in _MESSAGES:
        return _MESSAGES[e["type"]]
    msg = str(e["msg"])
    msg = msg[0].lower() + msg[1:] if msg else "invalid value"
    should = _SHOULD.match(msg)
    if should:  # "input should be a valid string", "string should have at most 200 characters"
        msg = "expected " + msg[should.end() :]
        for pattern, json_word in _JSON_WORDS:
            msg = pattern.sub(json_word, msg)
    if "input" in e:
        value = e["input"]
        got = (
            _clip_repr(value)
            if not isinstance(value, dict | list)
            else f"a JSON {_json_type(value)}"
        )
        msg = f"got {got}: {msg}" if not msg.startswith("expected") else f"got {got}; {msg}"
    return msg


def _clip_repr(value: Any) -> str:
    if isinstance(value, str) and len(value) > 60:
        value = value[:60]  # never repr a whole 100 MB string
        return repr(value) + "…"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"a number of {len(str(value))} digits"
    r = repr(value)
    return r if len(r) <= 60 else r[:60] + "…"


def write_native(ds: Dataset, path: str | Path) -> None:
    """Write a dataset as native JSON (UTF-8, stable key order, non-ASCII kept)."""
    write_output(path, dataset_to_json(ds))


def dataset_to_json(ds: Dataset) -> str:
    from .columns import LazyEvents
    from .table_json import event_objects

    if isinstance(ds.events, LazyEvents):  # the table's events, column by column
        lazy = ds.events
        data = ds.model_copy(update={"events": []}).model_dump(mode="json", exclude_none=True)
        data["events"] = event_objects(lazy.columns, lazy.header)
    else:
        if not isinstance(ds.events, list):
            ds = ds.model_copy(update={"events": list(ds.events)})
        data = ds.model_dump(mode="json", exclude_none=True)
    if not data.get("eras"):
        data.pop("eras", None)  # files without eras stay readable by viewers that predate them
    try:  # the same text as json.dumps(indent=2, ensure_ascii=False), ten times faster
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except (orjson.JSONEncodeError, TypeError):  # integers above 64 bits, lone surrogates
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
