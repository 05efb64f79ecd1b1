"""Adding a person under a name someone in the journal already has: asked once, the way
`people add` and `evidence add` refuse without --allow-same-name. Two Ana Souzas are real, but so
is adding Ana twice (a new person typed, or someone an import met by a new number)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import BindingType

from netdash.actions.same_name import same_name_question
from netdash.store.same_name import same_name
from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.form import FormScreen


class SameNameQuestion(ConfirmScreen):
    """Enter or y adds another person with the name; n or Escape goes back to the form."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("same-name")

    def __init__(self, question: str) -> None:
        super().__init__(question, "Enter or y adds them · n or Escape goes back to the form")


class SameNameCheck:
    """A form's question before it adds a person: asked once per name the user confirms."""

    def __init__(self, form: FormScreen[Any], back: Callable[[str], object]) -> None:
        self.form = form
        self.back = back
        """What the form does when the user says it is not someone else (gets the name)."""
        self.asking = False
        """The question is open: a second Enter that reached the form waits for it."""
        self.allowed: str | None = None
        """The name (folded) the user said is another person's: not asked about again."""

    def ask_first(self, name: str) -> bool:
        """Whether a question about ``name`` is open: someone has it, and the user has not
        said yet that this is another person. Once answered yes, the form saves again."""
        folded = " ".join(name.split()).casefold()
        if self.asking:
            return True
        if folded == self.allowed:
            return False
        app = netdash_app(self.form)
        others = same_name(app.db, name)
        if not others:
            return False
        self.asking = True

        def answered(yes: bool | None) -> None:
            self.asking = False
            if yes:
                self.allowed = folded
                self.form.action_save()
            else:
                self.back(name)

        question = same_name_question(app.db, name, others, app.today)
        app.push_screen(SameNameQuestion(question), callback=answered)
        return True
