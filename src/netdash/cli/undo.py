"""`netdash undo` and `netdash people delete`: a deletion is asked first and can be put back.

Plain commands: they never import Textual.
"""

from __future__ import annotations

import click

from netdash.cli.kit import UNDO, Context, confirm_unless, pass_context, say, user_errors


@click.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def people_delete(obj: Context, name: str, yes: bool) -> None:
    """Delete a person, and the entries that had only them (shared ones keep the others).

    \b
    netdash people delete "Ana Souza"
    netdash people delete '#12' --yes

    It goes to the trash: `netdash undo` puts it back.
    """
    from netdash.actions.undo import delete_question
    from netdash.store.people import delete_person, resolve_person
    from netdash.store.person_delete import person_deletion

    with user_errors(), obj.db() as db:
        person = resolve_person(db, name)
        confirm_unless(yes, delete_question(person_deletion(db, person.id)))
        gone = delete_person(db, person.id)
    say(f"Deleted {gone.words()}; {UNDO}")


@click.command("undo")
@click.option("--list", "as_list", is_flag=True, help="Show the trash, newest first.")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def undo_command(obj: Context, as_list: bool, yes: bool) -> None:
    """Put back the newest delete, edit, merge, import or "not the same person" still in the trash.

    \b
    netdash undo --list
    netdash undo --yes

    Items are kept for `[trash] days` of the config (30 by default).
    """
    from netdash.actions.undo import trashed_when, undo_question
    from netdash.store.trash import list_trash, newest_trash, undo

    with user_errors(), obj.db() as db:
        if as_list:
            items = list_trash(db)
            for item in items:
                say(f"{trashed_when(item)}  {item.description}")
            say(f"{len(items)} in the trash" if items else "The trash is empty")
            return
        newest = newest_trash(db)
        confirm_unless(yes, undo_question(newest), "not undone (pass --yes to undo without asking)")
        item = undo(db, newest.id)  # the one asked about, whatever was trashed meanwhile
    say(f"Undone: {item.description}")
