"""Undo in the TUI: ask about the newest item in the trash, put it back, reload every view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netdash.actions.undo import undo_question
from netdash.domain.errors import InvalidInput, NotFound
from netdash.store.trash import newest_trash, undo
from netdash.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from netdash.tui.app import NetdashApp


def ask_undo(app: NetdashApp) -> None:
    """The same question as `netdash undo`; a refusal (the journal moved on) is said, not
    raised, and changes nothing."""
    if isinstance(app.screen, ConfirmScreen):
        return  # one question at a time, however fast the key repeats
    try:
        item = newest_trash(app.db)
    except NotFound:
        app.notify("Nothing to undo", markup=False)
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            done = undo(app.db, item.id)
        except InvalidInput as error:
            app.notify(str(error), title="Not undone", severity="error", markup=False)
            return
        app.journal_changed()
        app.notify(f"Undone: {done.description}", title="Undone", markup=False)

    hint = "y undoes it · n or Escape leaves things as they are"
    app.push_screen(ConfirmScreen(undo_question(item), hint=hint), callback=answered)
