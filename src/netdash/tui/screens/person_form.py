"""Add or edit a person: every field of the People record, handles and tags as text.

A new person whose name someone already has (any case) is asked about once, as `people add`
refuses without --allow-same-name: two Ana Souzas are real, but so is adding Ana twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from sqlite_utils import Database
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from netdash.domain import dates
from netdash.domain.cadence import describe, parse_cadence
from netdash.domain.errors import InvalidInput
from netdash.domain.models import Person
from netdash.domain.person_edit import detail_changes
from netdash.store.people import add_person, resolve_person, update_person
from netdash.tui.base import netdash_app
from netdash.tui.screens.form import FormScreen
from netdash.tui.screens.log_form import split_tags
from netdash.tui.screens.same_name import SameNameCheck
from netdash.tui.text import plain
from netdash.tui.widgets.completers import PeopleCompleter, TagCompleter
from netdash.tui.widgets.completion import CompletingInput
from netdash.tui.widgets.text_input import TextInput

#: The text boxes, by id; the two choices (closeness, pinned layer) are Selects.
TEXT_BOXES = (
    "name",
    "met",
    "how-met",
    "introduced-by",
    "handles",
    "tags",
    "cadence",
    "notes",
    "emails",
    "phones",
    "birthday",
    "company",
    "job-title",
)


NOBODY = Person(
    id=0,
    name="",
    met_on=None,
    how_met=None,
    introduced_by=None,
    notes="",
    closeness=None,
    cadence_days=None,
    handles=(),
    tags=(),
    last_contact=None,
    interactions=0,
    created_at="",
)
"""A new person's form starts from nobody: every list typed is then an addition."""


class PersonForm(FormScreen[bool]):
    """Dismisses with True once the person is saved, False when cancelled. Without a person it
    adds one, whose id is then :attr:`saved_id`."""

    cancelled = False
    saved_id: int | None = None
    saved_name = ""
    BOXES: ClassVar[dict[str, str]] = {
        "met_on": "met",
        "introduced_by": "introduced-by",
        "cadence_days": "cadence",
        "pinned_layer": "pinned",
        "points": "emails",
    }

    def __init__(self, person: Person | None = None) -> None:
        super().__init__()
        self.new = person is None
        self.person = NOBODY if person is None else person
        # told apart by another name, or cancel and open the one there is
        self.same_name = SameNameCheck(self, back=lambda _: self.query_one("#name").focus())

    def compose(self) -> ComposeResult:
        with Vertical(id="person-form", classes="form"):
            title = "New person" if self.new else f"Edit {self.person.name}"
            yield Static(plain(title), classes="form-title")
            with Grid(classes="fields"):
                yield from self._who_boxes()
                yield from self._list_boxes()
                yield from self._work_boxes()
                yield from self._keeping_boxes()
            yield Static("", id="form-error", classes="error")
            yield Static("Enter or ctrl+s saves · Esc cancels", classes="hint")

    def _who_boxes(self) -> Iterator[Widget]:
        """Who they are and how you met."""
        person = self.person
        yield Label("Name")
        yield TextInput(person.name, id="name")
        yield Label("Met on")
        yield TextInput(
            person.met_on.isoformat() if person.met_on else "",
            placeholder="2024-05-01, last friday…",
            id="met",
        )
        yield Label("How met")
        yield TextInput(person.how_met or "", id="how-met")
        yield Label("Introduced by")
        yield CompletingInput(
            person.introduced_by.name if person.introduced_by else "",
            completer=PeopleCompleter(several=False),
            id="introduced-by",
        )

    def _list_boxes(self) -> Iterator[Widget]:
        """The lists, each whole in one box: what is saved is compared with what is stored."""
        person = self.person
        yield Label("Handles")
        yield TextInput(
            " ".join(str(handle) for handle in person.handles),
            placeholder="mastodon:ada@example.social github:ada",
            id="handles",
        )
        yield Label("Tags")
        yield CompletingInput(
            " ".join(person.tags), placeholder="work climbing", completer=TagCompleter(), id="tags"
        )
        yield Label("E-mails")
        yield TextInput(
            " ".join(p.value for p in person.of_kind("email")),
            placeholder="ada@example.org ada@work.example",
            id="emails",
        )
        yield Label("Phones")
        yield TextInput(
            "; ".join(p.value for p in person.of_kind("phone")),
            placeholder="+44 20 7946 0000; +1 555 0100 ext. 12",
            id="phones",
        )

    def _work_boxes(self) -> Iterator[Widget]:
        person = self.person
        yield Label("Birthday")
        yield TextInput(person.birthday or "", placeholder="1988-11-03 or --11-03", id="birthday")
        yield Label("Work")
        yield TextInput(person.company or "", placeholder="company", id="company")
        yield Label("Job title")
        yield TextInput(person.job_title or "", id="job-title")

    def _keeping_boxes(self) -> Iterator[Widget]:
        """How close, and how often to be in touch."""
        person = self.person
        yield Label("Closeness")
        yield Select(
            [(f"{level} of 5", level) for level in range(1, 6)],
            value=person.closeness if person.closeness else Select.NULL,
            prompt="not set",
            id="closeness",
        )
        yield Label("Pinned layer")
        yield Select(
            [(f"inner {size}", size) for size in (5, 15, 50, 150)],
            value=self.person.pinned_layer if self.person.pinned_layer else Select.NULL,
            prompt="by score",
            id="pinned",
        )
        yield Label("Keep in touch")
        yield TextInput(
            describe(person.cadence_days, person.cadence_max_days) if person.cadence_days else "",
            placeholder="30, 4w, every 4 weeks, at worst 6",
            id="cadence",
        )
        yield Label("Notes")
        yield TextInput(person.notes, id="notes")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", Input).focus()

    def save(self) -> None:
        """Read the boxes, parse them into the edit, and hand it to the store in one call."""
        value = {box: self.query_one(f"#{box}", Input).value.strip() for box in TEXT_BOXES}
        fields = self._parse(value)
        if fields is None:
            return  # refused at the box it came from; nothing written
        db = netdash_app(self).db
        try:
            if not self.new:
                update_person(db, self.person.id, **fields)
            elif self.same_name.ask_first(fields["name"]):
                return  # saved, or not, once answered
            else:
                self.saved_id = _add(db, fields)
                self.saved_name = fields["name"]
        except InvalidInput as error:
            self.fail_on(error, "name")
            return
        self.dismiss(True)

    def _parse(self, value: dict[str, str]) -> dict[str, Any] | None:
        """The boxes as :func:`update_person`'s arguments, or None once a refusal is shown.

        The lists are compared with what is stored (:func:`detail_changes`), so only what the
        user changed is written and a stored value the rules would now refuse stays as it is.
        """
        app = netdash_app(self)
        try:
            met_on = dates.parse_date(value["met"], app.today) if value["met"] else None
        except InvalidInput as error:
            self.fail(str(error), "met")
            return None
        try:
            changes = detail_changes(
                self.person,
                handles=value["handles"].split(),
                tags=split_tags(value["tags"]),
                emails=value["emails"].replace(",", " ").split(),
                phones=value["phones"].split(";"),
            )
        except InvalidInput as error:
            self.fail_on(error, "handles")
            return None
        try:
            introducer = (
                resolve_person(app.db, value["introduced-by"]).id
                if value["introduced-by"]
                else None
            )
        except InvalidInput as error:
            self.fail(str(error), "introduced-by")
            return None
        try:  # the same grammar as --cadence; empty or "none" clears it
            cadence = parse_cadence(value["cadence"])
        except InvalidInput as error:
            self.fail(f"Keep in touch: {error}", "cadence")
            return None
        closeness = self.query_one("#closeness", Select).value
        pinned = self.query_one("#pinned", Select).value
        return {
            "name": value["name"],
            "met_on": met_on,
            "how_met": value["how-met"] or None,
            "introduced_by": introducer,
            "notes": value["notes"],
            "closeness": closeness if isinstance(closeness, int) else None,
            "pinned_layer": pinned if isinstance(pinned, int) else None,
            "cadence_days": cadence.ideal if cadence else None,
            "cadence_max_days": cadence.maximum if cadence else None,
            "add_handles": changes.handles.add,
            "remove_handles": changes.handles.remove,
            "add_tags": changes.tags.add,
            "remove_tags": changes.tags.remove,
            "add_points": changes.points.add,
            "remove_points": changes.points.remove,
            "birthday": value["birthday"] or None,
            "company": value["company"] or None,
            "job_title": value["job-title"] or None,
        }


def _add(db: Database, fields: dict[str, Any]) -> int:
    """A new person from the form's fields; a pinned layer, which adding does not take, is
    set on them straight after."""
    person_id = add_person(
        db,
        fields["name"],
        handles=fields["add_handles"],
        tags=fields["add_tags"],
        met_on=fields["met_on"],
        how_met=fields["how_met"],
        introduced_by=fields["introduced_by"],
        notes=fields["notes"],
        closeness=fields["closeness"],
        cadence_days=fields["cadence_days"],
        cadence_max_days=fields["cadence_max_days"],
        points=fields["add_points"],
        birthday=fields["birthday"],
        company=fields["company"],
        job_title=fields["job_title"],
    )
    if fields["pinned_layer"] is not None:
        update_person(db, person_id, pinned_layer=fields["pinned_layer"])
    return person_id
