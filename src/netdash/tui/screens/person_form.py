"""Edit a person: every field of the People record, handles and tags as text."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select, Static

from netdash.domain import dates
from netdash.domain.errors import InvalidInput
from netdash.domain.models import ContactPoint, Person
from netdash.domain.names import clean_point, parse_handle_spec
from netdash.store.people import resolve_person, update_person
from netdash.tui.base import netdash_app
from netdash.tui.screens.form import FormScreen
from netdash.tui.screens.log_form import PeopleSuggester, split_tags
from netdash.tui.text import plain
from netdash.tui.widgets.text_input import TextInput


class PersonForm(FormScreen[bool]):
    """Dismisses with True once the person is saved, False when cancelled."""

    cancelled = False
    BOXES: ClassVar[dict[str, str]] = {
        "met_on": "met",
        "introduced_by": "introduced-by",
        "cadence_days": "cadence",
        "pinned_layer": "pinned",
        "points": "emails",
    }

    def __init__(self, person: Person, pinned_layer: int | None = None) -> None:
        super().__init__()
        self.person = person
        self.pinned_layer = pinned_layer

    def compose(self) -> ComposeResult:
        person = self.person
        with Vertical(id="person-form", classes="form"):
            yield Static(plain(f"Edit {person.name}"), classes="form-title")
            with Grid(classes="fields"):
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
                yield TextInput(
                    person.introduced_by.name if person.introduced_by else "",
                    suggester=PeopleSuggester(netdash_app(self).db),
                    id="introduced-by",
                )
                yield Label("Handles")
                yield TextInput(
                    " ".join(str(handle) for handle in person.handles),
                    placeholder="mastodon:ada@example.social github:ada",
                    id="handles",
                )
                yield Label("Tags")
                yield TextInput(" ".join(person.tags), placeholder="work climbing", id="tags")
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
                yield Label("Birthday")
                yield TextInput(
                    person.birthday or "", placeholder="1988-11-03 or --11-03", id="birthday"
                )
                yield Label("Work")
                yield TextInput(person.company or "", placeholder="company", id="company")
                yield Label("Job title")
                yield TextInput(person.job_title or "", id="job-title")
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
                    value=self.pinned_layer if self.pinned_layer else Select.NULL,
                    prompt="by score",
                    id="pinned",
                )
                yield Label("Keep in touch")
                yield TextInput(
                    str(person.cadence_days or ""),
                    placeholder="every N days",
                    type="integer",
                    id="cadence",
                )
                yield Label("Notes")
                yield TextInput(person.notes, id="notes")
            yield Static("", id="form-error", classes="error")
            yield Static("Enter or ctrl+s saves · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", Input).focus()

    def _points_ok(self, box: str, points: list[ContactPoint]) -> bool:
        """Check one box's new e-mails or phones, so a refusal lands on the box it came from
        (what is already stored is kept as it is, as :func:`update_person` does)."""
        held = {(point.kind, point.value) for point in self.person.points}
        try:
            for point in points:
                if (point.kind, point.value) not in held:
                    clean_point(point)
        except InvalidInput as error:
            self.fail(str(error), box)
            return False
        return True

    def save(self) -> None:
        app = netdash_app(self)
        db, person = app.db, self.person
        value = {
            field: self.query_one(f"#{field}", Input).value.strip()
            for field in (
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
        }
        try:
            met_on = dates.parse_date(value["met"], app.today) if value["met"] else None
        except InvalidInput as error:
            self.fail(str(error), "met")
            return
        try:
            known = {str(handle): handle for handle in person.handles}  # untouched: kept
            handles = [
                known.get(spec) or parse_handle_spec(spec) for spec in value["handles"].split()
            ]
        except InvalidInput as error:
            self.fail(str(error), "handles")
            return
        try:
            introducer = (
                resolve_person(db, value["introduced-by"]).id if value["introduced-by"] else None
            )
        except InvalidInput as error:
            self.fail(str(error), "introduced-by")
            return
        emails = [
            ContactPoint("email", e.lower()) for e in value["emails"].replace(",", " ").split()
        ]
        phones = [ContactPoint("phone", " ".join(p.split())) for p in value["phones"].split(";")]
        phones = [phone for phone in phones if phone.value]
        if not (self._points_ok("emails", emails) and self._points_ok("phones", phones)):
            return
        kept = {(p.kind, p.value) for p in (*emails, *phones)}
        old = [p for p in person.points if p.kind in ("email", "phone")]
        closeness = self.query_one("#closeness", Select).value
        pinned = self.query_one("#pinned", Select).value
        tags = split_tags(value["tags"])
        try:
            update_person(
                db,
                person.id,
                name=value["name"],
                met_on=met_on,
                how_met=value["how-met"] or None,
                introduced_by=introducer,
                notes=value["notes"],
                closeness=closeness if isinstance(closeness, int) else None,
                pinned_layer=pinned if isinstance(pinned, int) else None,
                cadence_days=int(value["cadence"]) if value["cadence"] else None,
                add_handles=[h for h in handles if h not in person.handles],
                remove_handles=[h for h in person.handles if h not in handles],
                add_tags=[t for t in tags if t not in person.tags],
                remove_tags=[t for t in person.tags if t not in tags],
                add_points=[p for p in (*emails, *phones) if (p.kind, p.value) not in
                            {(o.kind, o.value) for o in old}],
                remove_points=[p for p in old if (p.kind, p.value) not in kept],
                birthday=value["birthday"] or None,
                company=value["company"] or None,
                job_title=value["job-title"] or None,
            )  # fmt: skip
        except InvalidInput as error:
            self.fail_on(error, "name")
            return
        self.dismiss(True)
