"""`netdash tags`: the journal's tags with how much each is used; rename, merge and delete them.

A plain command: it never imports Textual.
"""

from __future__ import annotations

import click

from netdash.cli.kit import UNDO, Context, confirm_unless, pass_context, say, user_errors


@click.group("tags", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
@click.pass_context
def tags(ctx: click.Context, obj: Context, as_json: bool) -> None:
    """List every tag with how many people and journal entries carry it, most used first.

    \b
    netdash tags
    netdash tags --json
    netdash tags rename climbing bouldering
    netdash tags delete old-job
    """
    if ctx.invoked_subcommand is not None:
        if as_json:
            ctx.fail("--json goes with `netdash tags` alone")
        return
    from netdash.store.tags import tag_uses

    with user_errors(), obj.db() as db:
        uses = tag_uses(db)
    if as_json:
        import json

        document = [{"tag": u.name, "people": u.people, "entries": u.entries} for u in uses]
        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    if not uses:
        say("No tags yet: add them with #tag in `netdash log`, or --tag on `netdash people`")
        return
    width = max(len(use.name) for use in uses)
    say(f"{'tag':<{width}}  {'people':>6}  {'entries':>7}")
    for use in uses:
        say(f"{use.name:<{width}}  {use.people:>6,}  {use.entries:>7,}")


@tags.command("rename")
@click.argument("old")
@click.argument("new")
@pass_context
def tags_rename(obj: Context, old: str, new: str) -> None:
    """Rename tag OLD to NEW on every person and entry; onto a tag that exists, merge the two.

    \b
    netdash tags rename climbing bouldering
    netdash tags rename Work work

    Tags match ignoring case, as everywhere in the journal. `netdash undo` puts it back.
    """
    from netdash.store.tags import rename_tag

    with user_errors(), obj.db() as db:
        change = rename_tag(db, old, new)
    say(f"{change.words()}; {UNDO}")


@tags.command("delete")
@click.argument("tag")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def tags_delete(obj: Context, tag: str, yes: bool) -> None:
    """Take TAG off every person and entry, and forget it.

    \b
    netdash tags delete old-job --yes

    It goes to the trash: `netdash undo` puts it back.
    """
    from netdash.domain.names import shorten
    from netdash.store.tags import delete_tag, tag_use

    with user_errors(), obj.db() as db:
        use = tag_use(db, tag)
        if use.uses:
            confirm_unless(
                yes,
                f"Delete tag {shorten(use.name)!r}, carried by {use.people:,} people"
                f" and {use.entries:,} entries?",
            )
        change = delete_tag(db, tag)
    say(f"{change.words()}; {UNDO}")
