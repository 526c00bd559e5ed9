"""HTML fragments of other formats (TimelineJS headlines and texts) as plain text, safely.

Only the standard library's :class:`html.parser.HTMLParser` reads the markup: nothing is run,
fetched or resolved. ``<script>``/``<style>`` content is dropped, tags are stripped, entities
decoded, ``<br>`` and block ends become line breaks. A ``<blockquote>`` holding a ``<cite>`` is a
TimelineJS quote; :func:`split_quotes` takes those out of a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_DROP = frozenset({"script", "style", "template", "noscript", "iframe", "object", "head", "title"})
_BREAK = frozenset({"br"})
_BLOCK = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "hr"}
)
_SPACES = re.compile(r"[ \t\r\f\v\u200b]+")


@dataclass(frozen=True, slots=True)
class HtmlQuote:
    """The words of a ``<blockquote>`` and the text of its ``<cite>`` (the speaker), if any."""

    text: str
    cite: str | None


class _TextParser(HTMLParser):
    def __init__(self, quotes: bool, uncited: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.quotes_wanted = quotes
        self.uncited = uncited
        self.parts: list[str] = []
        self.drop_depth = 0
        self.quotes: list[HtmlQuote] = []
        # inside a <blockquote> being collected: its words and its cite
        self.quote_depth = 0
        self.quote_parts: list[str] = []
        self.cite_parts: list[str] | None = None
        self.in_cite = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.drop_depth += 1
            return
        if self.quotes_wanted and tag == "blockquote":
            self.quote_depth += 1
            if self.quote_depth == 1:
                self.quote_parts, self.cite_parts = [], None
            return
        if self.quote_depth and tag == "cite":
            self.in_cite += 1
            if self.cite_parts is None:
                self.cite_parts = []
            return
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _DROP:
            self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.drop_depth = max(0, self.drop_depth - 1)
            return
        if self.quote_depth and tag == "cite":
            self.in_cite = max(0, self.in_cite - 1)
            return
        if self.quote_depth and tag == "blockquote":
            self.quote_depth -= 1
            if self.quote_depth == 0:
                self._end_quote()
            return
        if tag in _BLOCK:
            self._out("\n")

    def handle_data(self, data: str) -> None:
        if not self.drop_depth:
            self._out(data)

    def _break(self, tag: str) -> None:
        if tag in _BREAK or tag in _BLOCK:
            self._out("\n")

    def _out(self, text: str) -> None:
        if self.in_cite and self.cite_parts is not None:
            self.cite_parts.append(text)
        elif self.quote_depth:
            self.quote_parts.append(text)
        else:
            self.parts.append(text)

    def _end_quote(self) -> None:
        words = "".join(self.quote_parts).strip()
        cite = _clean_line("".join(self.cite_parts)) if self.cite_parts is not None else ""
        if self.cite_parts is None and not self.uncited:  # a blockquote without cite is text
            self.parts.append("\n" + words + "\n")
        elif words:
            self.quotes.append(HtmlQuote(_strip_dashes(words), _strip_dashes(cite) or None))
        self.in_cite = 0
        self.cite_parts = None

    def close(self) -> None:
        super().close()
        if self.quote_depth:  # an unclosed blockquote still counts
            self.quote_depth = 0
            self._end_quote()


def _strip_dashes(s: str) -> str:
    return s.strip().lstrip("—–-").strip()


def _clean_line(s: str) -> str:
    return _SPACES.sub(" ", s.replace("\n", " ")).strip()


def _tidy(text: str) -> str:
    """One line per paragraph or ``<br>``: spaces collapsed, blank lines dropped."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _parse(html: str, quotes: bool, uncited: bool = False) -> _TextParser:
    parser = _TextParser(quotes, uncited)
    parser.feed(html)
    parser.close()
    return parser


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: paragraphs and ``<br>`` as line breaks, spaces collapsed."""
    if "<" not in html and "&" not in html:
        return _tidy(html)
    return _tidy("".join(_parse(html, quotes=False).parts))


def html_to_line(html: str) -> str:
    """Plain text of an HTML fragment on one line (for titles and names)."""
    return _clean_line(html_to_text(html))


def split_quotes(html: str, uncited: bool = False) -> tuple[str, list[HtmlQuote]]:
    """The plain text of a fragment without its cited blockquotes, and those quotes in order.

    With ``uncited`` a blockquote without a ``<cite>`` is a quote too (without a speaker).
    """
    if "<" not in html:
        return _tidy(html), []
    parser = _parse(html, quotes=True, uncited=uncited)
    return _tidy("".join(parser.parts)), parser.quotes
