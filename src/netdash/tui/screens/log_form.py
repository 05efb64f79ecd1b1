"""Log a connection: ``n``, a name, Enter. Every other field has a default."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import ClassVar, TypeVar

from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select, Static

from netdash.domain import dates
from netdash.domain.errors import Ambiguous, InvalidInput
from netdash.domain.models import (
    DEFAULT_DEPTH,
    DEFAULT_INITIATOR,
    DEFAULT_KIND,
    DEPTHS,
    INITIATORS,
    KINDS,
    Interaction,
)
from netdash.domain.names import NAMED_ID
from netdash.domain.quicklog import Mention, mentions_from_names
from netdash.store.db import user_revision
from netdash.store.journal import Logged, NewPerson, log_interaction, update_interaction
from netdash.store.mentions import resolve_mentions
from netdash.store.people import find_people, person_name
from netdash.store.same_name import describe_person, same_name
from netdash.tui.base import netdash_app
from netdash.tui.screens.form import FormScreen, shortened
from netdash.tui.text import plain
from netdash.tui.widgets.completers import PeopleCompleter, TagCompleter, names_after_log
from netdash.tui.widgets.completion import CompletingInput
from netdash.tui.widgets.note_area import NoteArea
from netdash.tui.widgets.text_input import TextInput

T = TypeVar("T")


def person_field(person_id: int, name: str = "") -> str:
    """A known person as a form's Who box holds them: by id, so a name someone else shares
    still means this one ("John Smith #12"; a name with a comma in it would split, so "#12")."""
    if not name or "," in name or NAMED_ID.fullmatch(name):
        return f"#{person_id}"
    return f"{name} #{person_id}"


PREVIEW_NAME_CHARS = 40
"""The most of one name a preview shows: a pasted page must not push the form's refusal out
of view."""


def _new_person(db: Database, name: str) -> str:
    """How a new person reads in the preview, warning of anyone who already has the name."""
    shown = shortened(name, PREVIEW_NAME_CHARS)
    others = same_name(db, name)
    if not others:
        return f"{shown} (new)"
    ids = ", ".join(f"#{other.id}" for other in others)
    return f"{shown} (new — another {shortened(others[0].name, PREVIEW_NAME_CHARS)} exists, {ids})"


def _several(typed: str, count: int, shown: Sequence[str]) -> Text:
    """A name several people match, with the first candidates and how many more."""
    listed = "; ".join(shortened(candidate, 3 * PREVIEW_NAME_CHARS) for candidate in shown)
    more = f"; {count - 3} more" if count > 3 else ""
    return plain(f"{typed}: {count} people match, add the id: {listed}{more}", "yellow")


def people_preview(db: Database, mentions: Sequence[Mention]) -> Text:
    """Who each typed name will be: someone known, someone new ("(new)"), several people (with
    the ids that tell them apart), or nobody. Every form that names people shows it, so a typo
    never creates a person unseen."""
    parts: list[Text] = []
    for mention in mentions:
        typed = shortened(str(mention), PREVIEW_NAME_CHARS)
        matches = find_people(db, mention.text) if mention.person_id is None else []
        if len(matches) > 1:  # described here, only the three shown: "Ada" may be 2,000 people
            shown = [describe_person(db, match) for match in matches[:3]]
            parts.append(_several(typed, len(matches), shown))
            continue
        try:
            (choice,) = resolve_mentions(db, [mention])
        except Ambiguous as error:
            parts.append(_several(typed, len(error.candidates), error.candidates[:3]))
            continue
        except InvalidInput as error:
            reason = str(error) if mention.person_id is not None else "nobody"
            parts.append(plain(f"{typed}: {shortened(reason, 2 * PREVIEW_NAME_CHARS)}", "red"))
            continue
        if isinstance(choice, NewPerson):
            parts.append(plain(_new_person(db, choice.name), "cyan"))
        else:
            parts.append(plain(shortened(person_name(db, choice), PREVIEW_NAME_CHARS), "green"))
    return Text(" · ").join(parts) if parts else Text("")


def split_tags(text: str) -> list[str]:
    return [tag.lstrip("#") for tag in text.replace(",", " ").split() if tag.lstrip("#")]


def _picker(options: Sequence[tuple[str, T]], value: T, select_id: str) -> Select[T]:
    """A drop-down with no blank: every choice on the form has a default."""
    return Select(options, value=value, allow_blank=False, id=select_id)


class LogForm(FormScreen[Logged | None]):
    """The log form; with ``entry`` it edits that journal entry instead."""

    cancelled = None
    BOXES: ClassVar[dict[str, str]] = {"people": "who", "initiator": "initiated"}

    def __init__(self, *, initial_people: str = "", entry: Interaction | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.initial_people = initial_people
        if entry is not None:
            self.initial_people = ", ".join(
                person_field(person.id, person.name) for person in entry.people
            )

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(id="log-form", classes="form"):
            yield Static(
                "Edit journal entry" if entry else "Log a connection", classes="form-title"
            )
            with Grid(classes="fields"):
                yield Label("Who")
                yield CompletingInput(
                    self.initial_people,
                    placeholder="a name, or several: Ana Souza, @bo",
                    completer=PeopleCompleter(),
                    id="who",
                )
                yield Label("")
                yield Static("", id="who-preview", classes="hint")
                yield Label("When")
                yield TextInput(
                    entry.occurred_on.isoformat() if entry else "today",
                    placeholder="today, yesterday, last friday, nov 20, 2026-11-20",
                    id="when",
                )
                yield Label("")
                yield Static("", id="when-preview", classes="hint")
                yield Label("Kind")
                yield _picker(
                    [(label, slug) for slug, label in KINDS.items()],
                    entry.kind if entry else DEFAULT_KIND,
                    "kind",
                )
                yield Label("Started by")
                yield _picker(
                    [(label, slug) for slug, label in INITIATORS.items()],
                    entry.initiated_by if entry else DEFAULT_INITIATOR,
                    "initiated",
                )
                yield Label("How deep")
                yield _picker(
                    [(f"{level} · {label}", level) for level, label in DEPTHS.items()],
                    entry.depth if entry else DEFAULT_DEPTH,
                    "depth",
                )
                yield Label("Tags")
                yield CompletingInput(
                    " ".join(entry.tags) if entry else "",
                    placeholder="#work #climbing",
                    completer=TagCompleter(),
                    id="tags",
                )
                yield Label("Note")
                yield NoteArea(entry.note if entry else "", placeholder="what happened", id="note")
            yield Static("", id="form-error", classes="error")
            yield Static(
                "Enter saves (ctrl+s in Note) · Tab next · ↑↓ pick a name · Esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self._preview_people(self.initial_people)
        self._preview_date(self.query_one("#when", Input).value)
        who = self.query_one("#who", Input)
        who.focus()
        who.cursor_position = len(who.value)

    # ------------------------------------------------------------------------------ previews

    @on(Input.Changed, "#who")
    def _who_changed(self, event: Input.Changed) -> None:
        self._preview_people(event.value)

    @on(Input.Changed, "#when")
    def _when_changed(self, event: Input.Changed) -> None:
        self._preview_date(event.value)

    def _preview_people(self, value: str) -> None:
        from netdash.store.follow_ups import read_follow_up

        app = netdash_app(self)
        try:
            line = read_follow_up(app.db, value, app.today) if self.entry is None else None
        except InvalidInput as error:
            preview = plain(shortened(str(error), PREVIEW_NAME_CHARS * 2), "red")
        else:
            if line is None:
                preview = people_preview(app.db, mentions_from_names(value))
            else:
                due = Text(f"a follow-up due {line.due_on:%A %-d %B %Y} with ", "dim")
                preview = due + people_preview(app.db, line.mentions)
        self.query_one("#who-preview", Static).update(preview)

    def _preview_date(self, value: str) -> None:
        preview = self.query_one("#when-preview", Static)
        try:
            day = dates.parse_date(value, netdash_app(self).today)
        except InvalidInput as error:
            # one line: the refusal under the form says it in full
            preview.update(plain(shortened(str(error), PREVIEW_NAME_CHARS * 2), "red"))
            return
        preview.update(Text(day.strftime("%A %-d %B %Y"), "dim"))

    # --------------------------------------------------------------------------------- save

    def save(self) -> None:
        if self.entry is None and self._save_follow_up():
            return
        app = netdash_app(self)
        db, today = app.db, app.today
        mentions = mentions_from_names(self.query_one("#who", Input).value)
        if not mentions:
            self.fail("Who was it? Type a name.", "who")
            return
        try:
            people = resolve_mentions(db, mentions)
        except InvalidInput as error:
            self.fail_on(error, "who")
            return
        try:
            occurred_on = dates.parse_date(self.query_one("#when", Input).value, today)
        except InvalidInput as error:
            self.fail_on(error, "when")
            return
        kind = str(self.query_one("#kind", Select).value)
        initiated_by = str(self.query_one("#initiated", Select).value)
        depth = int(str(self.query_one("#depth", Select).value))
        note = self.query_one("#note", NoteArea).text.strip()
        tags = split_tags(self.query_one("#tags", Input).value)
        write = (
            partial(log_interaction, db)
            if self.entry is None
            else partial(update_interaction, db, self.entry.id)
        )
        before = user_revision(db)
        try:
            logged = write(
                people=people,
                occurred_on=occurred_on,
                today=today,
                kind=kind,
                initiated_by=initiated_by,
                depth=depth,
                note=note,
                tags=tags,
            )
        except InvalidInput as error:
            self.fail_on(error, "who")
            return
        if self.entry is None:  # after an edit (a day moved back, say) they are read again
            names_after_log(app, logged, occurred_on, before=before, after=user_revision(db))
        self.dismiss(logged)

    def _save_follow_up(self) -> bool:
        """The line ``netdash log`` takes, typed into Who ("follow up with Ana friday about the
        intro"), records a follow-up instead of an entry, as there; the preview under Who has
        said so. (A Note that reads like one stays a note.) False if Who holds no such line."""
        from netdash.store.follow_ups import add_follow_up_line, read_follow_up

        app = netdash_app(self)
        try:
            line = read_follow_up(app.db, self.query_one("#who", Input).value, app.today)
            if line is None:
                return False
            added = add_follow_up_line(app.db, line, app.today)
        except InvalidInput as error:
            self.fail(str(error), "who")
            return True
        names = ", ".join(follow_up.person.name for follow_up in added.follow_ups)
        app.journal_changed()
        app.notify(f"Follow-up with {names}, due {line.due_on:%A %-d %B}", markup=False)
        self.dismiss(None)
        return True
