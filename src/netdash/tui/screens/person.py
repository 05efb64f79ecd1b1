"""One person: who they are, how to reach them, and every interaction, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from netdash.actions.person_report import Ledger, person_ledger
from netdash.domain import dates
from netdash.domain.cadence import describe, status_words
from netdash.domain.errors import NotFound
from netdash.domain.models import Person
from netdash.domain.scoring import Depth
from netdash.store.history import person_score_history
from netdash.store.journal import list_interactions
from netdash.store.people import get_person, update_person
from netdash.store.vouches import Vouch, delete_vouch, vouches_for
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.entries import (
    add_entry_columns,
    delete_selected,
    edit_selected,
    entry_rows,
    first_line,
    view_selected,
)
from netdash.tui.text import STATUS_STYLE, count_of, plain, plain_lines
from netdash.tui.widgets.paged_table import PagedTable


def ledger_rows(ledger: Ledger) -> list[tuple[str, Text]]:
    """The favours ledger (given, received, balance, who usually starts) and outcomes; the
    vouches have a list of their own under the card, to choose one to edit or delete.

    The ledger counts every entry ever; the score's favours and reciprocity look at the last
    year only, so these labels say "all time" where the two could disagree."""
    favours = ledger.favours
    given, received, mine, theirs = favours.given, favours.received, favours.mine, favours.theirs
    rows: list[tuple[str, Text]] = []
    if given or received:
        balance = given - received
        lean = (
            "even"
            if balance == 0
            else f"{'you' if balance > 0 else 'they'} gave {abs(balance)} more"
        )
        rows.append(
            ("Favours, all time", Text(f"you helped {given}, they helped {received} · {lean}"))
        )
    if mine or theirs:
        usually = "you" if mine > theirs else "they" if theirs > mine else "both equally"
        rows.append(("Who starts, all time", Text(f"{usually} (you {mine}, they {theirs})")))
    for outcome in ledger.outcomes:
        rows.append(("Outcome", plain(f"{outcome.title} ({outcome.occurred_on})")))
    return rows


def depth_rows(depth: Depth | None, failure: str | None = None) -> list[tuple[str, Text]]:
    """The depth lines of the card: "scoring…" while the scores are worked out, and why not
    if that failed (else it would wait for ever)."""
    if depth is None and failure is not None:
        words = f"not worked out: {failure} (r on the dashboard tries again)"
        return [("Depth", plain(words, "red"))]
    if depth is None:
        return [("Depth", Text("scoring…", style="dim"))]
    layer = f"inner {depth.layer}" if depth.layer else "outside the 150"
    rows = [("Depth", Text(f"{depth.score:.0f} / 100 · {layer} · w explains", style="bold"))]
    if depth.cadence_days:
        words = status_words(
            depth.cadence_days,
            depth.cadence_max_days,
            depth.cadence_source,
            depth.days_since,
            depth.snoozed_until,
        )
        style = STATUS_STYLE.get(depth.cadence_status or "", "") if depth.overdue else ""
        rows.append(("Keep in touch", Text(words, style)))
    rows.append(("Time together", Text(depth.hall_mark)))
    return rows


def score_line(scores: Sequence[tuple[date, float | None]]) -> Text:
    """The score at the first and last month ends they were known of the last 24: "12 → 34
    (Dec 2024 - Oct 2026)", whole points as on the Depth line."""
    known = [(day, score) for day, score in scores if score is not None]
    if not known:
        return Text("not known at any month end yet", style="dim")
    (first_day, first), (last_day, last) = known[0], known[-1]
    line = Text(f"{first:.0f} → {last:.0f} ({first_day:%b %Y} - {last_day:%b %Y})  ")
    line.append_text(score_bars(scores))
    return line


BARS = "▁▂▃▄▅▆▇█"


def score_bars(scores: Sequence[tuple[date, float | None]]) -> Text:
    """A bar a month on the score's own 0-100 scale (so two people's bars compare): eighths,
    ``floor(score * 8 / 100)``; a dim dot for a month before they were known."""
    bars = Text()
    for _, score in scores:
        if score is None:
            bars.append("·", style="dim")
        else:
            bars.append(BARS[min(len(BARS) - 1, int(score * len(BARS) / 100))], style="bold")
    return bars


def person_details(
    person: Person, today: date, extra: list[tuple[str, Text]] | None = None
) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    last = (
        f"{person.last_contact.isoformat()} ({dates.describe(person.last_contact, today)})"
        if person.last_contact
        else "never"
    )
    table.add_row("Last contact", Text(f"{last} · {person.interactions} logged"))
    if person.met_on or person.how_met:
        met = " · ".join(
            part
            for part in (person.met_on.isoformat() if person.met_on else "", person.how_met)
            if part
        )
        table.add_row("Met", plain(met))
    if person.introduced_by:
        table.add_row("Introduced by", plain(person.introduced_by.name))
    work = ", ".join(part for part in (person.job_title, person.company) if part)
    if work:
        table.add_row("Work", plain(work))
    if person.birthday:
        table.add_row("Birthday", plain(dates.birthday_phrase(person.birthday, today)))
    for kind, label in (
        ("email", "E-mail"),
        ("phone", "Phone"),
        ("url", "Web"),
        ("address", "Address"),
    ):
        points = person.of_kind(kind)
        if points:
            table.add_row(
                label,
                plain("  ".join(p.value + (f" ({p.label})" if p.label else "") for p in points)),
            )
    if person.handles:
        table.add_row("Handles", plain("  ".join(str(handle) for handle in person.handles)))
    if person.tags:
        table.add_row("Tags", plain(" ".join("#" + tag for tag in person.tags)))
    if person.closeness:
        table.add_row("Closeness", Text(f"{person.closeness} of 5"))
    if person.cadence_days:
        table.add_row("Keep in touch", Text(describe(person.cadence_days, person.cadence_max_days)))
    if person.notes:
        table.add_row("Notes", plain_lines(person.notes))
    for label, value in extra or []:
        table.add_row(label, value)
    return table


class VouchTable(DataTable[Text]):
    """The person's vouches, newest first: with it focused (Tab), e edits the chosen one and x
    deletes it; the footer says "Edit vouch" so the keys' meaning here is never a guess."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("vouches")


def vouch_cells(vouch: Vouch) -> list[Text]:
    return [
        Text("given" if vouch.direction == "given" else "received", style="dim"),
        plain(vouch.topic, "bold"),
        Text(vouch.occurred_on),
        plain(first_line(vouch.note)),
    ]


class PersonScreen(JournalView):
    DEFAULT_CSS = """
    PersonScreen #vouches {
        height: auto;
        max-height: 3;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings("person")

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.person_name = ""

    def compose(self) -> ComposeResult:
        yield Header()
        # scrolls: at 80x24 half the screen shows the card down to Depth, and the rest (score by
        # month, keep in touch, favours) was cut off with no way to reach it
        with VerticalScroll(id="person-card", classes="panel"):
            yield Static(id="person-details")
        yield Static(id="vouch-status", classes="status")
        yield VouchTable(id="vouches", cursor_type="row", show_header=False)
        yield Static(id="timeline-status", classes="status")
        yield PagedTable(id="timeline")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        add_entry_columns(table, with_people=False)
        vouches = self.query_one(VouchTable)
        for label, key in (("Direction", "direction"), ("Topic", "topic"), ("Date", "date")):
            vouches.add_column(Text(label), key=key)
        vouches.add_column(Text("Note"), key="note", width=30)
        card = self.query_one("#person-card", VerticalScroll)
        self.watch(card, "scroll_y", lambda _: self._say_if_more(), init=False)
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        db, today = self.db, self.today
        try:
            person = get_person(db, self.person_id)
        except NotFound:
            self.dismiss()  # deleted elsewhere (another terminal, a merge)
            return
        self.person_name = person.name
        self._person = person
        card = self.query_one("#person-card", VerticalScroll)
        card.border_title = plain(person.name)  # a name is never markup
        # one person's 24 month ends take under 10 ms on the 10,000-person journal: no worker
        self._scores = person_score_history(db, person.id, today, netdash_app(self).depth_settings)
        self.show_depth()
        self.show_vouches()

        def fetch(offset: int, limit: int) -> Sequence[tuple[str, Sequence[Text]]]:
            entries = list_interactions(db, person_id=person.id, limit=limit, offset=offset)
            return entry_rows(entries, today, with_people=False)

        self.query_one(PagedTable).show(person.interactions, fetch, keep_cursor=True)
        self.query_one("#timeline-status", Static).update(
            Text(
                f"Timeline · {count_of(person.interactions, 'entry', 'entries')}"
                " · n logs another with them · Space reads one whole"
            )
        )

    def show_depth(self) -> None:
        """The card, with the depth the app last computed (it arrives from a worker)."""
        app = netdash_app(self)
        depth = app.depths.get(self.person_id) if app.depths is not None else None
        ledger = person_ledger(self.db, self.person_id, latest=0)  # the vouches: their list
        rows = depth_rows(depth, app.depth_failure)
        extra = [*rows[:1], ("Score by month", score_line(self._scores)), *rows[1:]]
        extra += ledger_rows(ledger)
        self.query_one("#person-details", Static).update(
            person_details(self._person, self.today, extra)
        )
        self.call_after_refresh(self._say_if_more)

    def _say_if_more(self) -> None:
        """Say on the card's edge when some of it is out of view, and how to reach it."""
        card = self.query_one("#person-card", VerticalScroll)
        card.can_focus = card.max_scroll_y > 0  # Tab stops there only when there is more
        more = card.max_scroll_y > 0 and card.scroll_y < card.max_scroll_y
        card.border_subtitle = "more below: Tab to the card, then ↓" if more else ""

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_if_more)

    def show_vouches(self) -> None:
        """The vouch list, shown only when there are vouches (a 24-row terminal keeps its rows
        for the timeline otherwise); the cursor stays on the row it was on."""
        vouches = vouches_for(self.db, self.person_id)
        self._vouches = vouches
        table = self.query_one(VouchTable)
        row = table.cursor_row
        table.clear()
        for vouch in vouches:
            table.add_row(*vouch_cells(vouch), key=str(vouch.id))
        shown = bool(vouches)
        if not shown and table.has_focus:
            self.query_one(PagedTable).focus()
        table.display = shown
        if shown:
            table.move_cursor(row=min(row, len(vouches) - 1))
        status = self.query_one("#vouch-status", Static)
        status.display = shown
        status.update(
            Text(
                f"Vouches · {len(vouches)} · V adds one · Tab chooses one: e edits it, x deletes it"
            )
        )

    def _selected_vouch(self) -> Vouch | None:
        table = self.query_one(VouchTable)
        if not self._vouches or not 0 <= table.cursor_row < len(self._vouches):
            return None
        return self._vouches[table.cursor_row]

    def action_vouch(self) -> None:
        """A new vouch with this person, by keyboard (`netdash vouch` in the shell)."""
        self._vouch_form(None)

    def action_edit_vouch(self) -> None:
        vouch = self._selected_vouch()
        if vouch is not None:
            self._vouch_form(vouch)

    def _vouch_form(self, vouch: Vouch | None) -> None:
        from netdash.tui.screens.vouch_form import VouchForm

        app = netdash_app(self)

        def saved(said: str | None) -> None:
            if said:
                app.journal_changed()
                app.notify(said, markup=False)

        app.push_screen(VouchForm(self.person_id, self.person_name, vouch), callback=saved)

    def action_delete_vouch(self) -> None:
        """Delete the chosen vouch after asking; it goes to the trash, so ctrl+z puts it back."""
        from netdash.actions.undo import delete_question
        from netdash.tui.screens.confirm import delete_after_asking

        vouch = self._selected_vouch()
        if vouch is None:
            return
        app = netdash_app(self)
        words = f"the vouch {vouch.direction} on {vouch.topic} ({vouch.occurred_on})"

        def delete() -> str:
            delete_vouch(self.db, vouch.id)
            return words

        delete_after_asking(app, delete_question(words), delete)

    def action_why(self) -> None:
        from netdash.store.depth import explain_person
        from netdash.tui.screens.why import WhyScreen

        app = netdash_app(self)
        layer = (
            app.depths[self.person_id].layer
            if app.depths and self.person_id in app.depths
            else None
        )
        depth = explain_person(self.db, self.person_id, self.today, app.depth_settings, layer)
        app.push_screen(WhyScreen(self.person_name, depth))

    def action_snooze(self) -> None:
        from netdash.tui.screens.snooze import SnoozeForm

        app = netdash_app(self)

        def chosen(days: int | None) -> None:
            if days is None:
                return
            until = self.today + timedelta(days=days)
            update_person(self.db, self.person_id, snoozed_until=until if days else None)
            app.journal_changed()
            message = f"Snoozed until {until.isoformat()}" if days else "Snooze cleared"
            app.notify(message, markup=False)

        app.push_screen(SnoozeForm(self.person_name), callback=chosen)

    def action_back(self) -> None:
        self.dismiss()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter edits what is chosen: the vouch in the vouch list, else the journal entry."""
        if isinstance(event.data_table, VouchTable):
            self.action_edit_vouch()
        else:
            edit_selected(self, self.query_one(PagedTable))

    def action_delete_entry(self) -> None:
        delete_selected(self, self.query_one(PagedTable))

    def action_view_entry(self) -> None:
        view_selected(self, self.query_one(PagedTable))

    def action_delete_person(self) -> None:
        """Delete the person after asking, in the words `netdash people delete` uses; the
        screen closes itself when it reloads and finds them gone."""
        from netdash.actions.undo import delete_question
        from netdash.store.people import delete_person
        from netdash.store.person_delete import person_deletion
        from netdash.tui.screens.confirm import delete_after_asking

        app = netdash_app(self)

        question = delete_question(person_deletion(self.db, self.person_id))
        delete_after_asking(app, question, lambda: delete_person(self.db, self.person_id).words())

    def action_edit_person(self) -> None:
        from netdash.tui.screens.person_form import PersonForm

        app = netdash_app(self)

        def saved(changed: bool | None) -> None:
            if changed:
                app.journal_changed()
                app.notify("Person saved", markup=False)

        person = get_person(self.db, self.person_id)
        app.push_screen(PersonForm(person), callback=saved)
