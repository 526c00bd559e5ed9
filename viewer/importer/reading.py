"""Reading an article file: plain text (UTF-8) or an HTML page, whose main text and metadata
(headline, publication date and zone, URL, publisher) trafilatura and htmldate find.

The text returned is the one the draft's offsets point into; it is stored verbatim.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 50_000_000  # an article; anything bigger is not one
MIN_WORDS = 20  # fewer words than this in a page's main text: no article found

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_LOOKS_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<!--)", re.I)


class ArticleError(Exception):
    """An article the importer cannot read; ``str()`` names the file and what was expected."""


@dataclass
class Article:
    """An article's text and what is known about it (None: not found)."""

    file: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, or a date-time with its UTC offset
    url: str | None = None
    publisher: str | None = None
    is_html: bool = False


def read_article(path: str | Path) -> Article:
    """The article in ``path``; ArticleError for a missing, empty, binary or undecodable file
    and for an HTML page without article text."""
    file = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ArticleError(f"{file}: no such file; expected an article (.txt or .html)") from None
    except IsADirectoryError:
        raise ArticleError(f"{file}: is a folder; expected an article (.txt or .html)") from None
    except OSError as exc:
        raise ArticleError(f"{file}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{file}: larger than {MAX_BYTES // 1_000_000} MB; expected one article")
    if not data.strip():
        raise ArticleError(f"{file}: empty file; expected the text of an article")
    is_html = Path(file).suffix.lower() in _HTML_SUFFIXES or bool(_LOOKS_HTML.match(data))
    text = _decode(data, file, _declared_charset(data) if is_html else None)
    if not re.search(r"[^\W\d_]", text):
        raise ArticleError(f"{file}: no words in the file; expected the text of an article")
    if is_html:
        return _from_html(text, file)
    return Article(file, text)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its head (``<meta charset="windows-1252">``)."""
    m = _CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode(data: bytes, file: str, charset: str | None = None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{file}: UTF-16 text; expected UTF-8 (save the file as UTF-8)")
    if b"\0" in data[:8192]:
        raise ArticleError(f"{file}: binary file; expected a text or HTML article")
    if charset is not None and charset != "utf-8":
        try:  # an HTML page in the charset it declares
            return data.decode(charset)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ArticleError(
            f"{file}:{line}: byte {exc.start} (0x{data[exc.start]:02x}) is not UTF-8; expected "
            "a UTF-8 text or HTML file (save it as UTF-8)"
        ) from None


def _from_html(html: str, file: str) -> Article:
    import trafilatura  # imported here: the window and the other commands never need it

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception as exc:  # a third-party parser on any page: its failure is the page's
        raise ArticleError(
            f"{file}: the HTML could not be parsed ({type(exc).__name__}); expected an HTML "
            "page (or save the article as plain text)"
        ) from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_WORDS:  # a menu, an advert: no article
        raise ArticleError(
            f"{file}: no article text found in the page; expected an HTML page with an "
            "article's paragraphs (or save the article as plain text)"
        )
    date = getattr(doc, "date", None)
    return Article(
        file,
        text,
        title=getattr(doc, "title", None) or None,
        published=_with_time(html, date) if date else None,
        url=getattr(doc, "url", None) or None,
        publisher=getattr(doc, "sitename", None) or None,
        is_html=True,
    )


def _with_time(html: str, day: str) -> str:
    """The publication date-time with its UTC offset, when the page states one for ``day``
    (``2020-11-25T09:30:00+03:00``); else the day itself."""
    found = re.search(re.escape(day) + r"T(\d\d:\d\d(?::\d\d)?)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)", html)
    if found is None:
        return day
    clock, offset = found.groups()
    if len(clock) == 5:
        clock += ":00"
    if offset != "Z" and ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    return f"{day}T{clock}{offset}"
