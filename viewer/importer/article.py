"""Draft a chronology from a news article: dated statements become draft events, quotations
become draft quotes anchored in the article's text, with their speakers among the actors.

    drafted = draft_from_file("article.html", published="2020-11-25")
    drafted.dataset   # a valid Dataset; every event and quote has its ``draft`` mark
    drafted.warnings  # what the reviewer should know (no publication date, ...)

The source stored is exactly the text the offsets point into (with its sha256).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from viewer.model.dataset import Dataset

from .reading import Article, ArticleError, read_article

__all__ = ["ArticleError", "Drafted", "draft_from_file", "draft_from_text"]

_PUBLISHED = re.compile(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:\d\d))?$")


@dataclass
class Drafted:
    """The draft dataset of an article and the warnings for its reviewer."""

    dataset: Dataset
    warnings: list[str] = field(default_factory=list)


def draft_from_file(
    path: str | Path,
    *,
    published: str | None = None,
    tz: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Drafted:
    """The draft of the article in ``path`` (.txt or .html); the options override what the
    file says. ArticleError (one message naming the file) for a file that is no article."""
    file = str(path)
    check_options(published, tz, file)
    article = read_article(path)
    return _draft(article, published=published, tz=tz, title=title, url=url)


def draft_from_text(
    text: str,
    *,
    published: str | None = None,
    tz: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source_title: str | None = None,
) -> Drafted:
    """The draft of an article's plain ``text`` (stored verbatim). ``source_title`` names it in
    messages (default "the article")."""
    name = source_title or "the article"
    check_options(published, tz, name)
    if not text.strip():
        raise ArticleError(f"{name}: no text; expected the text of an article")
    return _draft(Article(name, text), published=published, tz=tz, title=title, url=url)


def check_options(published: str | None, tz: str | None, file: str) -> None:
    """Check the options (an empty one counts as not given); ArticleError if one is wrong.
    (The window checks them before it starts the import.)"""
    if published:
        if not _PUBLISHED.match(published.strip()):
            raise ArticleError(
                f"{file}: --published '{published}' is not a date; expected YYYY-MM-DD "
                "(or YYYY-MM-DDTHH:MM+HH:MM)"
            )
        try:
            year = date.fromisoformat(published.strip()[:10]).year
        except ValueError:
            raise ArticleError(
                f"{file}: --published '{published}' is not a date of the calendar; expected "
                "YYYY-MM-DD"
            ) from None
        if not 1000 <= year <= 8999:
            raise ArticleError(
                f"{file}: --published '{published}' is out of range; expected a year 1000..8999"
            )
    if tz:
        from viewer.model.dates import DateError, get_zone

        try:
            get_zone(tz)
        except DateError as exc:
            raise ArticleError(f"{file}: --tz: {exc}") from None


def _draft(
    article: Article,
    *,
    published: str | None,
    tz: str | None,
    title: str | None,
    url: str | None,
) -> Drafted:
    from .actors import find_actors
    from .assemble import assemble
    from .dateline import dateline
    from .events import Context, draft_events
    from .places import find_places
    from .quotes import find_quotes
    from .tagger import tag

    text = article.text
    tz = tz or None
    warnings: list[str] = []
    stamp = published.strip() if published else article.published
    if stamp is None:
        stamp = dateline(text)
        if stamp is not None:
            warnings.append(
                f"{article.file}: publication date {stamp} taken from the article's date line; "
                "--published DATE overrides it"
            )
    day = date.fromisoformat(stamp[:10]) if stamp else None
    timexes = tag(text, day)
    actors = find_actors(text)
    ctx = Context(text, day, tz, actors, [])
    events = draft_events(ctx, timexes)
    quotes = find_quotes(text, actors)
    if day is None:
        warnings.append(
            f"{article.file}: no publication date found; relative dates ('yesterday', "
            "'November 20') are left unresolved and flagged; --published DATE fixes it"
        )
    name = title or article.title or _first_line(text) or Path(article.file).stem
    dataset = assemble(
        text,
        name[:200],
        events,
        quotes,
        actors,
        find_places(text, actors, [(t.start, t.end) for t in timexes]),
        published=stamp,
        published_day=day,
        url=url or article.url,
        publisher=article.publisher,
        warnings=ctx.warnings,
    )
    warnings += [f"{article.file}: {w}" for w in ctx.warnings]
    return Drafted(dataset, warnings)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
