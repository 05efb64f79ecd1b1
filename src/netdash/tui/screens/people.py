"""People: search as you type; sort by name, last contact, score or how overdue; filter by layer;
Enter opens a person. The dashboard's layer counts open here, filtered to their layer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Literal, get_args

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from netdash.domain import dates
from netdash.domain.models import LAYERS
from netdash.store.people import (
    SortOrder,
    count_people,
    list_people,
    people_by_ids,
    people_ids,
)
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import STATUS_STYLE, count_of, plain
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from netdash.domain.models import PersonRow
    from netdash.domain.scoring import Depth

    Depths = dict[int, Depth]

PeopleSort = Literal["name", "last_contact", "score", "overdue"]
SORTS: tuple[PeopleSort, ...] = get_args(PeopleSort)
"""The order ``s`` steps through."""
SORT_WORDS = {
    "name": "name",
    "last_contact": "last contact",
    "score": "score",
    "overdue": "overdue",
}
LAYER_CHOICES: tuple[int | None, ...] = (None, *LAYERS)
"""The order ``l`` steps through: everyone, then the inner 5, 15, 50 and 150."""


def days_late(depth: Depth) -> int:
    """How many days past their cadence someone is (0 when they are not overdue)."""
    if not depth.overdue or depth.days_since is None or depth.cadence_days is None:
        return 0
    return depth.days_since - depth.cadence_days


def overdue_order(depth: Depth) -> tuple[bool, int]:
    """The "overdue" sort's key: the late (past their maximum) first, as in the reach-out
    queue, then the most days past their cadence."""
    return not (depth.overdue and depth.cadence_status == "late"), -days_late(depth)


def cadence_cell(depth: Depth) -> Text:
    """ "late · 5 days" (past the maximum), "due · 13 days" (past the ideal), "on track";
    empty with no cadence, or nothing logged yet; dim while snoozed (out of the queue)."""
    status = depth.cadence_status
    if status is None:
        return Text("")
    if status == "on track" or depth.days_since is None or depth.cadence_days is None:
        return Text("on track", style="dim")
    limit = depth.cadence_max_days if status == "late" else depth.cadence_days
    days = depth.days_since - (limit or 0)
    style = STATUS_STYLE[status] if depth.overdue else "dim"
    return Text(f"{status} · {count_of(days, 'day')}", style=style)


def in_layer(depth: Depth | None, layer: int) -> bool:
    """Whether someone counts in a layer; as on the dashboard, the 15 includes the inner 5."""
    return depth is not None and depth.layer is not None and depth.layer <= layer


def ordered_ids(base: list[int], depths: Depths, sort: PeopleSort, layer: int | None) -> list[int]:
    """``base`` (everyone, in name or last-contact order) sorted by score or by how overdue and
    cut to a layer. Python's sort is stable, so equal scores stay in name order."""
    ids = base if layer is None else [i for i in base if in_layer(depths.get(i), layer)]
    if sort == "score":
        return sorted(ids, key=lambda i: -depths[i].score if i in depths else 0.0)
    if sort == "overdue":  # the most days late first; nobody overdue keeps name order after
        return sorted(ids, key=lambda i: overdue_order(depths[i]) if i in depths else (True, 0))
    return ids


class PeopleScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("people")

    sort: PeopleSort = "name"
    shown_layer: int | None = None
    """Only people in this layer (and the ones inside it); None shows everyone."""

    def __init__(self) -> None:
        super().__init__()
        self._order_key: tuple[object, ...] = ()
        self._order: list[int] = []
        self._order_depths: Depths | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextInput(placeholder="f filter: names, handles, tags, e-mails", id="people-search")
        yield Static(id="people-status", classes="status")
        yield PagedTable(id="people-table")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#people-search", Input).compact = True
        table = self.query_one(PagedTable)
        table.add_column(Text("Name"), key="name", width=32)
        table.add_column(Text("Last contact"), key="last", width=16)
        table.add_column(Text("Logged"), key="count", width=8)
        table.add_column(Text("Score"), key="score", width=6)
        table.add_column(Text("Layer"), key="layer", width=6)
        table.add_column(Text("In touch"), key="overdue", width=15)
        table.add_column(Text("Tags"), key="tags")
        table.focus()
        self.reload_if_stale()

    def show_depth(self) -> None:
        """Scores arrived (or changed): fill the columns, and re-sort if the order uses them."""
        self.reload()

    def _python_order(self, depths: Depths, search: str) -> list[int]:
        """Everyone the search matches, in the screen's order and layer. The full order is kept
        until the journal, the scores, the sort or the layer change, so a keystroke of search
        costs one search query and a pass over the ids."""
        version = netdash_app(self).journal_version
        key = (version, self.sort, self.shown_layer)
        if key != self._order_key or depths is not self._order_depths:
            base_sort: SortOrder = "last_contact" if self.sort == "last_contact" else "name"
            base = people_ids(self.db, sort=base_sort)
            self._order_key, self._order_depths = key, depths
            self._order = ordered_ids(base, depths, self.sort, self.shown_layer)
        if not search.strip():
            return self._order
        matching = set(people_ids(self.db, search=search))
        return [person_id for person_id in self._order if person_id in matching]

    def reload(self, keep_cursor: bool = True) -> None:
        db, today = self.db, self.today
        search = self.query_one("#people-search", Input).value
        sort, depths = self.sort, netdash_app(self).depths
        by_scores = sort in ("score", "overdue") or self.shown_layer is not None
        if by_scores and depths is not None:
            ids = self._python_order(depths, search)
            total = len(ids)

            def rows(offset: int, limit: int) -> list[PersonRow]:
                return people_by_ids(db, ids[offset : offset + limit])

        else:  # the database's own order (or, until scores arrive, name order)
            order: SortOrder = "last_contact" if sort == "last_contact" else "name"
            total = count_people(db, search)

            def rows(offset: int, limit: int) -> list[PersonRow]:
                return list_people(db, search=search, sort=order, limit=limit, offset=offset)

        def fetch(offset: int, limit: int) -> Sequence[tuple[str, Sequence[Text]]]:
            return [(str(row.id), person_cells(row, depths, today)) for row in rows(offset, limit)]

        self.query_one(PagedTable).show(total, fetch, keep_cursor=keep_cursor)
        status = self._status(total, search, waiting=by_scores and depths is None)
        failure = netdash_app(self).depth_failure
        if depths is None and failure is not None:  # else "…" would wait for ever
            status += f" · scores not worked out: {failure} (r on the dashboard tries again)"
        self.query_one("#people-status", Static).update(plain(status))

    def _status(self, total: int, search: str, *, waiting: bool) -> str:
        matching = f" matching {search!r}" if search.strip() else ""
        layer = f" · in the {layer_words(self.shown_layer)}" if self.shown_layer else ""
        order = f"by {SORT_WORDS[self.sort]}"
        if waiting:
            order += " (scoring: by name until scores are in)"
        keys = "s re-sorts · l layers"
        return f"{count_of(total, 'person', 'people')}{matching}{layer} · {order} · {keys}"

    def set_view(self, *, layer: int | None = None, sort: PeopleSort | None = None) -> None:
        """Show one layer (None: everyone) in an order, with the search cleared: what a number
        on the dashboard counts. Before the screen is mounted, its first load applies them."""
        self.shown_layer = layer
        if sort is not None:
            self.sort = sort
        if self.is_mounted:
            self.query_one("#people-search", Input).value = ""
            self.reload(keep_cursor=False)

    @on(Input.Changed, "#people-search")
    def _search_changed(self) -> None:
        self.reload(keep_cursor=False)

    @on(Input.Submitted, "#people-search")
    def _search_done(self) -> None:
        self.query_one(PagedTable).focus()

    def action_search(self) -> None:
        self.query_one("#people-search", Input).focus()

    def action_leave_search(self) -> None:
        """Escape clears a search first (the list shows everyone again), then leaves the box."""
        search = self.query_one("#people-search", Input)
        if search.value:
            search.value = ""
        else:
            self.query_one(PagedTable).focus()

    def action_toggle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.reload(keep_cursor=False)

    def action_cycle_layer(self) -> None:
        self.shown_layer = LAYER_CHOICES[
            (LAYER_CHOICES.index(self.shown_layer) + 1) % len(LAYER_CHOICES)
        ]
        self.reload(keep_cursor=False)

    def action_duplicates(self) -> None:
        netdash_app(self).action_duplicates()

    def action_new_person(self) -> None:
        """The person form, empty: saved, the new person's page opens."""
        from netdash.tui.screens.person_form import PersonForm

        app = netdash_app(self)
        form = PersonForm()

        def saved(added: bool | None) -> None:
            if added and form.saved_id is not None:
                app.journal_changed()
                app.notify(f"Added {form.saved_name} (#{form.saved_id})", markup=False)
                app.open_person(form.saved_id)

        app.push_screen(form, callback=saved)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            netdash_app(self).open_person(int(event.row_key.value))


def layer_words(layer: int) -> str:
    return "inner 5" if layer == LAYERS[0] else f"{layer} layer"


def person_cells(row: PersonRow, depths: Depths | None, today: date) -> list[Text]:
    """One line of the list; the score columns show "…" until the scores arrive."""
    depth = depths.get(row.id) if depths is not None else None
    if depth is None:
        score = layer = overdue = Text("…", style="dim", justify="right")
    else:
        score = Text(f"{depth.score:.0f}", justify="right")
        layer = Text(str(depth.layer), justify="right") if depth.layer else Text("")
        overdue = cadence_cell(depth)
    return [
        plain(row.name),
        Text(
            dates.describe(row.last_contact, today) if row.last_contact else "never",
            style="" if row.last_contact else "dim",
        ),
        Text(str(row.interactions), justify="right"),
        score,
        layer,
        overdue,
        plain(" ".join("#" + tag for tag in row.tags), "dim"),
    ]
