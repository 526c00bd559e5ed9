"""Quotes from a span of a source's text, and sources from articles: the edits behind "Quote
from selection" and "Add Source…".

Spans are Unicode code points into the verbatim source text (end excluded); the selector is
made as the loader checks it (:func:`viewer.model.anchors.make_selector`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from viewer.model.anchors import make_selector
from viewer.model.dataset import Actor, Event, Quote, Selector, Source, text_sha256
from viewer.model.document import Document
from viewer.model.edit_checks import EditError, check_part, validated
from viewer.model.edits import AddActor, Compound, Edit, UpdateEvent, quote_ids, unique_id
from viewer.model.errors import LoadError

_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\f\v]*\r?\n|[\u2029\x0c]")


def span_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to quote: ``start:end`` without the blanks at its ends; EditError if it is
    empty, blanks only, outside the text or across a paragraph break."""
    if not 0 <= start <= end <= len(text):
        raise EditError(
            f"the span {start}..{end} is outside the source text ({len(text)} characters)"
        )
    words = text[start:end]
    if not words.strip():
        raise EditError("the selection is empty or only blanks; expected words to quote")
    start += len(words) - len(words.lstrip())
    end -= len(words) - len(words.rstrip())
    if _PARAGRAPH_BREAK.search(text, start, end):
        raise EditError(
            "the selection runs across a paragraph break; expected words within one paragraph"
        )
    return start, end


def make_quote(
    source: Source,
    start: int,
    end: int,
    quote_id: str,
    speaker: str | None = None,
    form: Literal["direct", "reported"] = "direct",
) -> Quote:
    """The quote of ``source.text[start:end]`` (blanks at the ends left out)."""
    if source.text is None:
        raise EditError(f"source '{source.id}' has no text to quote from")
    start, end = span_of(source.text, start, end)
    selector = Selector(**make_selector(source.text, start, end))  # type: ignore[arg-type]
    return Quote(
        id=quote_id,
        speaker=speaker,
        text=selector.exact,
        form=form,
        source=source.id,
        selector=selector,
    )


def _put_quotes(
    doc: Document,
    ev: Event,
    quotes: list[Quote],
    quote: Quote,
    new_actor: Actor | None,
    speaker: str | None,
) -> Compound:
    """Give ``ev`` its ``quotes`` (``quote`` new or changed among them), citing the quote's
    source and naming its speaker among the actors; ``new_actor`` added first. Applied."""
    changes: dict[str, object] = {"quotes": quotes}
    if quote.source is not None and quote.source not in ev.citations:
        changes["citations"] = [*ev.citations, quote.source]
    if speaker is not None and speaker not in ev.actors:
        changes["actors"] = [*ev.actors, speaker]
    edits: list[Edit] = [AddActor(new_actor)] if new_actor is not None else []
    edits.append(UpdateEvent(ev.id, changes))
    done = Compound(edits)
    done.apply(doc)
    return done


@dataclass
class AddQuote(Edit):
    """Quote ``source_id``'s text ``start:end`` in event ``event_id``; the speaker is an actor
    id, or ``new_actor`` (added with the quote). The event cites the source and names the
    speaker among its actors."""

    event_id: str
    source_id: str
    start: int
    end: int
    speaker: str | None = None
    form: Literal["direct", "reported"] = "direct"
    new_actor: Actor | None = None
    quote: Quote | None = None
    _done: Compound | None = None

    def __post_init__(self) -> None:
        self.text = f"Add quote to “{self.event_id}”"

    def apply(self, doc: Document) -> None:
        sources = {s.id: s for s in doc.header.sources}
        if self.source_id not in sources:
            raise EditError(f"no source with id '{self.source_id}'")
        row = doc.row_of(self.event_id)
        if row < 0:
            raise EditError(f"no event with id '{self.event_id}'")
        speaker = self.new_actor.id if self.new_actor is not None else self.speaker
        if self.quote is None:
            qid = unique_id(f"{self.event_id}-q1", quote_ids(doc))
            self.quote = make_quote(
                sources[self.source_id], self.start, self.end, qid, speaker, self.form
            )
        ev = doc.event(row)
        self._done = _put_quotes(
            doc, ev, [*ev.quotes, self.quote], self.quote, self.new_actor, speaker
        )

    def revert(self, doc: Document) -> None:
        assert self._done is not None
        self._done.revert(doc)


# --- sources ---------------------------------------------------------------------------------
def read_article(path: str | Path) -> tuple[str, str]:
    """(verbatim text, title) of a .txt or .html article: HTML gives its main text as plain
    text (the markup is never rendered) and its <title>; a .txt file its first line."""
    from viewer.model.formats.common import decode_text, read_limited
    from viewer.model.formats.html_text import html_to_line, html_to_text

    file = str(path)
    try:
        raw = decode_text(read_limited(path), file)
    except LoadError as exc:
        raise EditError(str(exc.problems[0]) if exc.problems else file) from None
    if Path(file).suffix.lower() in (".html", ".htm", ".xhtml"):
        found = re.search(r"<title[^>]*>(.*?)</title>", raw, re.S | re.I)
        body = re.search(r"<(article|main|body)\b[^>]*>(.*)</\1>", raw, re.S | re.I)
        text = html_to_text(body.group(2) if body else raw)
        title = html_to_line(found.group(1)) if found else ""
    else:
        text = raw
        title = ""
    if not text.strip():
        raise EditError(f"{file}: the article has no text; expected the article's words")
    if not title:
        title = next((line.strip() for line in text.splitlines() if line.strip()), Path(file).stem)
    return text, title[:200]


def make_source(
    doc: Document,
    text: str,
    title: str,
    *,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    language: str | None = None,
    source_id: str | None = None,
) -> Source:
    """A source of ``text`` kept verbatim, with its sha256 and a fresh id (``src-1`` …)."""
    taken = {s.id for s in doc.header.sources}
    n = len(taken) + 1
    sid = source_id or unique_id(f"src-{n}", taken)
    data = {
        "id": sid,
        "title": title or sid,
        "url": url or None,
        "publisher": publisher or None,
        "published": published or None,
        "language": language or None,
        "text": text,
        "sha256": text_sha256(text),
    }
    source = validated(Source, data, ("sources", len(taken)))
    check_part(doc.header, "sources", source, len(taken))
    return source


def code_point_index(text: str, utf16: int) -> int:
    """The code-point index in ``text`` of a UTF-16 offset (Qt's string index): the inverse of
    :func:`viewer.model.anchors.utf16_offset`, used at the widget boundary only."""
    if text.isascii():
        return min(utf16, len(text))
    units = 0
    for i, ch in enumerate(text):
        if units >= utf16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


# --- editing and deleting a quote ------------------------------------------------------------
def _quote_at(doc: Document, event_id: str, quote_id: str) -> tuple[int, int, Quote]:
    """(event row, quote position, quote); EditError if either is missing."""
    row = doc.row_of(event_id)
    if row < 0:
        raise EditError(f"no event with id '{event_id}'")
    quotes = doc.event(row).quotes
    k = next((k for k, q in enumerate(quotes) if q.id == quote_id), -1)
    if k < 0:
        raise EditError(f"no quote with id '{quote_id}' in event '{event_id}'")
    return row, k, quotes[k]


@dataclass
class EditQuote(Edit):
    """Change a quote of event ``event_id``: its speaker (an actor id, None for none, or
    ``new_actor``, added with the edit), its form, and, with ``span`` = (source id, start,
    end), its words anchored anew to that span of a source's text (the event then cites that
    source). The quote keeps its id."""

    event_id: str
    quote_id: str
    speaker: str | None = None
    form: Literal["direct", "reported"] = "direct"
    new_actor: Actor | None = None
    span: tuple[str, int, int] | None = None
    _done: Compound | None = None

    def __post_init__(self) -> None:
        self.text = f"Edit quote “{self.quote_id}”"

    def apply(self, doc: Document) -> None:
        row, k, old = _quote_at(doc, self.event_id, self.quote_id)
        speaker = self.new_actor.id if self.new_actor is not None else self.speaker
        if self.span is not None:
            source_id, start, end = self.span
            source = next((s for s in doc.header.sources if s.id == source_id), None)
            if source is None:
                raise EditError(f"no source with id '{source_id}'")
            new = make_quote(source, start, end, old.id, speaker, self.form)
        else:
            data = {**old.model_dump(mode="python"), "speaker": speaker, "form": self.form}
            new = validated(Quote, data, ("events", row, "quotes", k))
        ev = doc.event(row)
        quotes = list(ev.quotes)
        quotes[k] = new
        self._done = _put_quotes(doc, ev, quotes, new, self.new_actor, speaker)

    def revert(self, doc: Document) -> None:
        assert self._done is not None
        self._done.revert(doc)


@dataclass
class DeleteQuote(Edit):
    """Remove a quote from its event (the event keeps its actors and citations)."""

    event_id: str
    quote_id: str
    _done: UpdateEvent | None = None

    def __post_init__(self) -> None:
        self.text = f"Delete quote “{self.quote_id}”"

    def apply(self, doc: Document) -> None:
        row, k, _ = _quote_at(doc, self.event_id, self.quote_id)
        quotes = list(doc.event(row).quotes)
        del quotes[k]
        done = UpdateEvent(self.event_id, {"quotes": quotes})
        done.apply(doc)
        self._done = done

    def revert(self, doc: Document) -> None:
        assert self._done is not None
        self._done.revert(doc)
