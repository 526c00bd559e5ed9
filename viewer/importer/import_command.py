"""The `import` command: draft a chronology from an article and write it through the one
writer; a short summary (events, quotes, warnings) on stderr."""

from __future__ import annotations

import argparse
import sys


def add_import_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="draft a chronology (events, quotes) from a news article (.txt or .html)"
    )
    p.add_argument("article", metavar="ARTICLE", help="a UTF-8 text file or an HTML page")
    p.add_argument(
        "-o", "--output", required=True, metavar="DRAFT.json", help="the draft dataset to write"
    )
    p.add_argument(
        "--published",
        metavar="DATE",
        help="publication date (YYYY-MM-DD) that relative dates count from; overrides the page's",
    )
    p.add_argument(
        "--tz", metavar="ZONE", help="IANA zone of clock times that name none (e.g. Europe/Paris)"
    )
    p.add_argument("--title", metavar="T", help="the source's title (default: the headline)")
    p.add_argument("--url", metavar="U", help="the source's URL (default: the page's)")


def run_import(args: argparse.Namespace) -> int:
    from viewer.model.formats.native import dataset_to_json
    from viewer.model.output import OutputError, refuse_inputs, write_output
    from viewer.model.terminal import visible

    from .article import ArticleError, draft_from_file

    def err(text: str) -> None:
        sys.stderr.write(visible(text) + "\n")

    try:
        refuse_inputs(args.output, [args.article])
        drafted = draft_from_file(
            args.article, published=args.published, tz=args.tz, title=args.title, url=args.url
        )
        write_output(args.output, dataset_to_json(drafted.dataset))
    except (ArticleError, OutputError) as exc:
        err(str(exc))
        return 1
    for w in drafted.warnings:
        err(f"warning: {w}")
    ds = drafted.dataset
    quotes = sum(len(ev.quotes) for ev in ds.events)
    into = "standard output" if args.output == "-" else args.output
    err(
        f"{args.article}: drafted {_n(len(ds.events), 'event')}, {_n(quotes, 'quote')}, "
        f"{_n(len(ds.actors), 'actor')} ({_n(len(drafted.warnings), 'warning')}) into {into}; "
        "every item is marked as a draft to review"
    )
    return 0


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
