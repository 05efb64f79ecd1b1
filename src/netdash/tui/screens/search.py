"""One search over everything, from any screen (``/``): people, entries, contributions and
outcomes, the list updating as the user types.

Each keystroke's search runs in a worker on its own connection (:func:`read_in_worker`, group
``search``): the newest query wins and a slower, older one's result is dropped, so typing never
waits on the journal. Enter opens the highlighted result, or the first one from the box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netdash.domain.search_text import Marked
from netdash.store.search import Hit, Results, search
from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.form import AnswerOnce
from netdash.tui.text import plain
from netdash.tui.widgets.text_input import TextInput
from netdash.tui.workers import read_in_worker

if TYPE_CHECKING:
    from netdash.tui.app import NetdashApp

LIMIT = 8
"""Results of each kind shown: the list fits a 24-row terminal with its headings."""

MATCH = "bold reverse"
"""How a matched word is shown: legible in every theme, and not only by colour."""


def marked_text(marked: Marked, style: str = "") -> Text:
    """A title or snippet with its matched words styled; its controls shown, never obeyed."""
    text = Text(style=style)
    for piece, matched in marked.parts():
        text.append_text(plain(piece, MATCH if matched else ""))
    return text


def hit_text(hit: Hit) -> Text:
    """One result's line: its #id, its day, what names it, and the match in context."""
    line = Text(f"#{hit.id}  ", style="dim")
    if hit.day:
        line.append(f"{hit.day}  ")
    line.append_text(marked_text(hit.title, "bold"))
    if hit.snippet.text:
        line.append("  ")
        line.append_text(marked_text(hit.snippet, "dim"))
    return line


def options(results: Results) -> list[Option]:
    """The results as the list shows them: a heading per kind, then its hits."""
    shown: list[Option] = []
    for kind, heading, hits in results.grouped():
        more = " (more: type another word)" if kind in results.more else ""
        shown.append(Option(Text(heading + more, style="bold underline"), disabled=True))
        shown += [Option(hit_text(hit), id=f"{hit.kind}:{hit.id}") for hit in hits]
    return shown


class SearchScreen(AnswerOnce[None]):
    """The search box over its results; Escape closes, Enter opens."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("search")

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
        background: $background 60%;
    }
    SearchScreen #search {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        margin-top: 2;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    SearchScreen #search-results {
        height: auto;
        max-height: 24;
        border: none;
    }
    """

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.results = Results("")
        self.open_when_shown = False
        """Enter came before the results of what was typed: open the top one when they come."""
        self.searches = 0
        """Searches shown so far: tests wait on it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield TextInput(
                self.query_text,
                placeholder="Search people, notes, community work, outcomes…",
                id="search-input",
            )
            yield Static(self._hint(), id="search-status", classes="hint")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        if self.query_text.strip():
            self._search(self.query_text)

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._search(event.value)

    def _search(self, text: str) -> None:
        read_in_worker(
            netdash_app(self),
            "search",
            lambda db: search(db, text, limit=LIMIT),
            self._show,
            failure="Search failed",
        )

    def _show(self, results: Results) -> None:
        if not self.is_attached:
            return
        self.results = results
        found = self.query_one("#search-results", OptionList)
        found.set_options(options(results))
        found.highlighted = self._first()
        self.query_one("#search-status", Static).update(self._hint())
        self.searches += 1
        if self.open_when_shown and results.query == self.query_text:
            self.open_when_shown = False
            self._enter_in_box()

    def _hint(self) -> Text:
        if not self.query_text.strip():
            return Text("Names, aliases, handles, e-mails, tags, notes, organisations, outcomes")
        if not self.results.hits:
            return plain(f"No matches for {self.query_text.strip()!r}")
        return Text("Enter opens · ↓ the results · Escape closes")

    def on_key(self, event: events.Key) -> None:
        """Down from the box goes to the results; up from the top result back to the box."""
        box = self.query_one("#search-input", Input)
        found = self.query_one("#search-results", OptionList)
        if event.key == "down" and box.has_focus and found.option_count:
            found.focus()
            event.stop()
        elif event.key == "up" and found.has_focus and found.highlighted == self._first():
            box.focus()
            event.stop()

    def _first(self) -> int | None:
        found = self.query_one("#search-results", OptionList)
        return next((i for i, o in enumerate(found.options) if not o.disabled), None)

    @on(Input.Submitted, "#search-input")
    def _enter_in_box(self) -> None:
        if self.results.query != self.query_text:
            self.open_when_shown = True  # results still on the way: open the top one on arrival
            return
        found = self.query_one("#search-results", OptionList)
        if found.highlighted is not None:
            self._open(found.get_option_at_index(found.highlighted).id)

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, key: str | None) -> None:
        if key is None or self.answered:
            return
        kind, _, number = key.partition(":")
        self.dismiss(None)
        open_result(netdash_app(self), kind, int(number))

    def action_close(self) -> None:
        self.dismiss(None)


def open_result(app: NetdashApp, kind: str, item_id: int) -> None:
    """Open what a result names: a person's page, an entry to read whole, the contributions
    of its year to its organisation or the outcomes, with the cursor on it. Something deleted
    since the search (another window, the shell) is said, not a crash."""
    from netdash.domain.errors import NotFound

    try:
        if kind == "person":
            app.open_person(item_id)
        elif kind == "entry":
            from netdash.store.journal import get_interaction
            from netdash.tui.screens.entry_view import EntryView

            app.push_screen(EntryView(get_interaction(app.db, item_id)))
        elif kind == "contribution":
            _open_contribution(app, item_id)
        elif kind == "outcome":
            from netdash.store.outcomes import get_outcome

            get_outcome(app.db, item_id)  # still there
            app.action_go("outcomes")
            _select_row(app, "#outcomes", item_id)
    except NotFound as gone:
        app.notify(str(gone), severity="warning", markup=False)


def _open_contribution(app: NetdashApp, item_id: int) -> None:
    from netdash.store.contributions import get_contribution
    from netdash.tui.screens.contributions import ContributionsScreen

    row = get_contribution(app.db, item_id)
    app.push_screen(ContributionsScreen(int(row.occurred_on[:4]), row.organisation_id))
    _select_row(app, "#contributions", item_id)


def _select_row(app: NetdashApp, table_id: str, item_id: int) -> None:
    """Once the screen has shown its rows, put the cursor on the one keyed ``item_id``."""
    from textual.widgets import DataTable

    from netdash.tui.screens.contributions import reselect

    def select() -> None:
        found = app.screen.query(table_id)
        if found:
            table = found.first(DataTable)
            reselect(table, str(item_id), table.cursor_row)

    app.call_after_refresh(select)
