"""`netdash search TEXT`: one search over people, entries, contributions and outcomes.

A plain command: it never imports Textual. The matched words are bold on a terminal (styled
after the text is made inert, so user text never carries its own escapes through) and plain when
piped; ``--json`` gives each snippet as text with the offsets of its matches.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from netdash.cli.kit import Context, pass_context, say, user_errors
from netdash.domain.search_text import DEFAULT_LIMIT
from netdash.inert import inert_line

if TYPE_CHECKING:
    from netdash.domain.search_text import Marked
    from netdash.store.search import Hit, Results


@click.command("search")
@click.argument("text", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=1000),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="At most this many of each kind (people, entries, contributions, outcomes).",
)
@pass_context
def search_command(obj: Context, text: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Find people, entries, contributions and outcomes by any word in them.

    \b
    netdash search souza
    netdash search "food bank" --json

    People are found by name, alias, handle, e-mail, tag and company; entries by their note and
    tags; contributions by organisation, role and note; outcomes by title and note. Case and
    accents do not matter ("jose" finds José), and each word matches the start of a word ("sou"
    finds Souza). People come first, then everything else newest first.
    """
    from netdash.store.search import search

    words = " ".join(text)
    with user_errors(), obj.db() as db:
        results = search(db, words, limit=limit)
    if as_json:
        say(json.dumps(document(results), indent=2, ensure_ascii=False))
        return
    if not results.hits:
        say(f"no matches for {words!r}")
        return
    for line in lines(results):
        click.echo(line)


def document(results: Results) -> dict[str, Any]:
    """The JSON of a search: stable keys, added to and never renamed."""
    return {
        "query": results.query,
        "results": [
            {
                "kind": hit.kind,
                "id": hit.id,
                "title": hit.title.text,
                "title_marks": [list(mark) for mark in hit.title.marks],
                "date": hit.day,
                "snippet": hit.snippet.text,
                "snippet_marks": [list(mark) for mark in hit.snippet.marks],
            }
            for hit in results.hits
        ],
        "more": sorted(results.more),
    }


def lines(results: Results) -> list[str]:
    """The search as a terminal shows it: a heading per kind, one line per hit."""
    out: list[str] = []
    for kind, heading, hits in results.grouped():
        more = " (more: raise --limit)" if kind in results.more else ""
        out.append(click.style(heading, bold=True) + more)
        out += [_line(hit) for hit in hits]
    return out


def _line(hit: Hit) -> str:
    day = f"{hit.day}  " if hit.day else ""
    context = f"  {_styled(hit.snippet)}" if hit.snippet.text else ""
    return f"  #{hit.id}  {day}{_styled(hit.title)}{context}"


def _styled(marked: Marked) -> str:
    """The text on one line with its controls shown, then its matched words in bold."""
    return "".join(
        click.style(inert_line(piece), bold=True, underline=True) if matched else inert_line(piece)
        for piece, matched in marked.parts()
    )
