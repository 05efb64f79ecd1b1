"""Audience: every account's counts and their history, what the follower lists say, and imports.

Reading a million-row follower list and importing an export are slow, so both run through
:mod:`netdash.tui.workers`: off the UI thread on their own connection, a failure shown, an
outdated count dropped. One import runs at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from sqlite_utils import Database
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    ProgressBar,
    Sparkline,
    Static,
)

from netdash.store.audience import AccountSummary, account_summaries
from netdash.store.follower_lists import (
    KnownFollowers,
    ListStats,
    follower_list_stats,
    known_followers,
    known_text,
)
from netdash.store.stats import weekly_followers
from netdash.store.strangers import count_strangers
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.import_job import ImportDone, run_import
from netdash.tui.screens.audience_table import (
    COLUMNS,
    known_cell,
    left_out,
    names_within,
    row_cells,
    shown_columns,
)
from netdash.tui.screens.confirm import UNDOES
from netdash.tui.screens.history_imported import history_imported
from netdash.tui.screens.import_form import ImportForm, ImportRequest, imported_words
from netdash.tui.text import count_of, plain, strangers_hint
from netdash.tui.workers import read_in_worker, run_in_worker, write_in_worker

if TYPE_CHECKING:
    from netdash.store.account_delete import AccountDeletion

HISTORY_WEEKS = 52
WIDE = 120
"""Columns from which the status line also says how to import (under it, the footer does)."""
TALL = 32
"""Rows from which the detail panel names more of the people you know."""
DETAIL_LABELS = 36
"""Cells the detail panel's labels, borders and padding take from each line."""


class AudienceScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("audience")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]

    _known: KnownFollowers | None = None
    """The people you know among each account's latest followers; None until counted (in a
    worker: the match takes 60 ms on a million followers)."""

    _stats: tuple[int, ListStats] | None = None
    """The chosen account's follower list, counted (in a worker too)."""

    _importing = False
    """An import is running: another is refused until it has ended."""

    _deleting: str | None = None
    """The account being deleted, in words (in a worker); another delete waits for it."""

    _summaries: Sequence[AccountSummary] = ()
    """The accounts as the table shows them, in its order; none until the first load."""

    _columns: tuple[str, ...] = ()
    """The keys of the columns the table has now (as many as the terminal's width allows)."""

    _strangers = 0
    """People the history imports mention who are not in the journal yet (Who's this?)."""

    _account_wanted: int | None = None
    """An account to put the cursor on once the table is filled (chosen before it was)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="audience-status", classes="status")
        yield DataTable(id="accounts", cursor_type="row", zebra_stripes=True)
        with Vertical(id="account-detail", classes="panel"):
            yield Static(id="detail-text")
            yield Static(f"Followers, last {HISTORY_WEEKS} weeks", classes="caption")
            yield Static(id="history-range", classes="hint")
            yield Sparkline([], id="account-history")
        yield ProgressBar(id="import-progress", show_eta=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#accounts", DataTable).focus()
        self.reload_if_stale()

    def reload(self) -> None:
        self._summaries = account_summaries(self.db)
        table = self.query_one("#accounts", DataTable)
        row = table.cursor_row
        self._fill_table()
        if self._summaries:
            table.move_cursor(row=min(self._take_chosen(row), len(self._summaries) - 1))
        self._show_status()
        self._show_selected()
        read_in_worker(
            netdash_app(self),
            "audience-known",
            known_followers,
            self._known_ready,
            failure="Known followers not counted",
        )
        # not an indexed count (the strangers seen on some day): a worker, and the status
        # line gains it when it arrives
        read_in_worker(
            netdash_app(self),
            "audience-strangers",
            count_strangers,
            self._strangers_ready,
            failure="People from your imports not counted",
        )

    def _fill_table(self, width: int | None = None) -> None:
        """The accounts, in the columns the terminal's width has room for (set up again when
        that changes)."""
        table = self.query_one("#accounts", DataTable)
        columns = shown_columns(self.app.size.width if width is None else width)
        if columns != self._columns:
            table.clear(columns=True)
            for label, key, width in COLUMNS:
                if key in columns:
                    table.add_column(Text(label), key=key, width=width)
            self._columns = columns
        table.clear()
        known = {account.id: account for account in self._known.accounts} if self._known else {}
        for summary in self._summaries:
            cells = row_cells(summary, known.get(summary.id), self._known is not None, self.today)
            table.add_row(*(cells[key] for key in columns), key=str(summary.id))

    def on_resize(self, event: events.Resize) -> None:
        """The columns, the status and the names in the panel follow the terminal's size."""
        if self.loaded_version < 0:
            return
        if shown_columns(event.size.width) != self._columns:
            table = self.query_one("#accounts", DataTable)
            row = table.cursor_row
            self._fill_table(event.size.width)
            if self._summaries:
                table.move_cursor(row=min(row, len(self._summaries) - 1))
        self._show_status()
        self._show_detail()

    def _show_status(self) -> None:
        known = self._known
        known_total = known_text(known.people, known.followers) if known else "people you know: …"
        hint = " · i imports an export, netdash fetch refreshes from the APIs"
        if self.app.size.width < WIDE:  # one line: the footer says i already
            hint = ""
        status = (
            f"{count_of(len(self._summaries), 'account')} · {known_total}{hint}"
            if self._summaries
            else "No accounts yet. Press i to import an export, or from the shell:\n"
            "netdash accounts add mastodon @you@example.social && netdash fetch"
        )
        if self._strangers:
            status += f"\n{strangers_hint(self._strangers)}"
        self.query_one("#audience-status", Static).update(Text(status))

    def _strangers_ready(self, strangers: int) -> None:
        if not self.is_mounted:
            return
        self._strangers = strangers
        self._show_status()

    def _known_ready(self, known: KnownFollowers) -> None:
        """Fill in the Known column, the status and the chosen account's people."""
        if not self.is_mounted:
            return
        self._known = known
        accounts = {account.id: account for account in known.accounts}
        table = self.query_one("#accounts", DataTable)
        for summary in self._summaries:
            if "known" in self._columns:
                table.update_cell(str(summary.id), "known", known_cell(accounts.get(summary.id)))
        self._show_status()
        self._show_detail()

    def choose_account(self, account_id: int) -> None:
        """Put the cursor on one account (the target of a "known followers" link); on a screen
        not loaded yet, its first load does."""
        self._account_wanted = account_id
        if self._summaries:
            table = self.query_one("#accounts", DataTable)
            table.move_cursor(row=self._take_chosen(table.cursor_row))

    def _take_chosen(self, row: int) -> int:
        """The row of the account chosen (forgotten once used), or ``row`` if none is."""
        wanted, self._account_wanted = self._account_wanted, None
        return next((i for i, s in enumerate(self._summaries) if s.id == wanted), row)

    def _selected(self) -> AccountSummary | None:
        table = self.query_one("#accounts", DataTable)
        if not self._summaries or table.cursor_row >= len(self._summaries):
            return None
        return self._summaries[table.cursor_row]

    @on(DataTable.RowHighlighted, "#accounts")
    def _highlighted(self) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        summary = self._selected()
        detail = self.query_one("#account-detail", Vertical)
        detail.display = summary is not None
        if summary is None:
            return
        detail.border_title = plain(f"{summary.platform} · {summary.handle}")
        history = weekly_followers(self.db, self.today, HISTORY_WEEKS, account_id=summary.id)
        self.query_one("#account-history", Sparkline).data = history
        low, high = (min(history), max(history)) if history else (0, 0)
        self.query_one("#history-range", Static).update(Text(f"from {low:,} to {high:,}"))
        self.query_one("#detail-text", Static).update(Text("Counting the follower list…", "dim"))
        account_id = summary.id
        read_in_worker(
            netdash_app(self),
            "list-stats",
            lambda db: follower_list_stats(db, account_id),
            lambda stats: self._stats_ready(account_id, stats),
            failure="Follower list not counted",
        )

    def _stats_ready(self, account_id: int, stats: ListStats) -> None:
        """Show the counts, unless the cursor has moved on to another account meanwhile."""
        self._stats = (account_id, stats)
        self._show_detail()

    def _show_detail(self) -> None:
        summary = self._selected() if self.is_mounted else None
        if summary is None or self._stats is None or self._stats[0] != summary.id:
            return
        account_id, stats = self._stats
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim")
        grid.add_column()
        if stats.as_of is None:
            grid.add_row(
                "Follower list", Text("none imported (the export or API gave counts only)")
            )
        else:
            grid.add_row(
                "Follower list", Text(f"{stats.listed:,} accounts as of {stats.as_of[:10]}")
            )
            since = (
                f"Since the list of {stats.compared_with[:10]}"
                if stats.compared_with
                else "Since the list before"
            )
            grid.add_row(
                since,
                Text(
                    f"{stats.new:,} new · {stats.gone:,} gone"
                    if stats.compared_with
                    else "none: this is the first list"
                ),
            )
        self._add_known(grid, account_id, stats)
        extra = left_out(summary, self._columns, self.today)
        if extra is not None:
            grid.add_row("Latest count", plain(extra))
        self.query_one("#detail-text", Static).update(grid)

    def _add_known(self, grid: Table, account_id: int, stats: ListStats) -> None:
        """The people you know among the account's followers, as many names as the panel has
        room for (two lines on a short terminal), so the history chart below stays in view."""
        accounts = self._known.accounts if self._known else ()
        account = next((a for a in accounts if a.id == account_id), None)
        if self._known is None and stats.as_of is not None:
            grid.add_row("People you know", Text("…", "dim"))
        if account is None or account.list_as_of is None:
            return
        width, height = self.app.size
        said = f"{known_text(len(account.known), account.followers or 0)}: "
        room = (width - DETAIL_LABELS) * (2 if height < TALL else 4) - len(said)
        names = names_within([person.name for person in account.known], max(room, 20))
        grid.add_row("People you know", plain(said + names))

    def action_connections(self) -> None:
        netdash_app(self).action_connections()

    def action_rename_account(self) -> None:
        """A new handle for the selected account, checked as `netdash accounts edit` checks it."""
        from netdash.store.account_delete import rename_account
        from netdash.tui.screens.rename_form import RenameForm

        app, summary = netdash_app(self), self._selected()
        if summary is None:
            app.notify("No account to rename", severity="warning", markup=False)
            return
        account_id, old = summary.id, f"the {summary.platform} account {summary.handle}"

        def renamed(handle: str | None) -> None:
            if handle:
                app.journal_changed()
                app.notify(f"Renamed {old} to {handle} ({UNDOES})", markup=False)

        def rename(db: Database, handle: str) -> str:
            return rename_account(db, account_id, handle)

        app.push_screen(RenameForm(f"Rename {old}", "Handle", summary.handle, rename), renamed)

    def action_delete_account(self) -> None:
        """Delete the selected account after asking, in the words `netdash accounts delete`
        uses; the trash keeps it (a list over 100,000 followers excepted, as the question says).
        The delete runs in a worker: a million followers take 2 s, and the app keeps answering."""
        from netdash.store.account_delete import account_deletion
        from netdash.tui.screens.confirm import ConfirmScreen

        app, summary = netdash_app(self), self._selected()
        if self._deleting is not None:
            app.notify(
                f"Still deleting {self._deleting}; wait for it to finish",
                severity="warning",
                markup=False,
            )
            return
        if summary is None:
            app.notify("No account to delete", severity="warning", markup=False)
            return
        gone = account_deletion(self.db, summary.id)

        def answered(yes: bool | None) -> None:
            if yes:
                self._start_delete(summary.id, f"the {gone.platform} account {gone.handle}")

        app.push_screen(ConfirmScreen(gone.question()), callback=answered)

    def _start_delete(self, account_id: int, words: str) -> None:
        from netdash.store.account_delete import delete_account

        app = netdash_app(self)
        if self._deleting is not None:  # a second question answered while the first runs
            app.notify(f"Still deleting {self._deleting}", severity="warning", markup=False)
            return
        self._deleting = words
        app.notify(f"Deleting {words}…", markup=False)

        def ended() -> None:
            self._deleting = None

        write_in_worker(
            app,
            "account-delete",
            lambda db: delete_account(db, account_id),
            self._deleted,
            failure="Account not deleted",
            ended=ended,
        )

    def _deleted(self, gone: AccountDeletion) -> None:
        """Said wherever the user is by now; every screen showing the account reloads."""
        app = netdash_app(self)
        self._stats = None
        app.journal_changed()
        kept = UNDOES if gone.list_kept else f"{UNDOES}, not its list"
        app.notify(f"Deleted {gone.words()} ({kept})", markup=False)

    # ----------------------------------------------------------------------------- importing

    def action_import(self) -> None:
        app = netdash_app(self)
        if app.db_path is None:
            app.notify("Imports need a journal file", severity="warning", markup=False)
            return
        if self._importing:
            # two imports at once would share one progress bar and wait on each other's lock
            app.notify(
                "An import is running; wait for it to finish", severity="warning", markup=False
            )
            return

        app.push_screen(ImportForm(), callback=self._chosen)

    def _chosen(self, request: ImportRequest | None) -> None:
        if request is not None:
            self._start_import(request)

    def _start_import(self, request: ImportRequest) -> None:
        app = netdash_app(self)
        assert app.db_path is not None
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._importing = True

        def ended() -> None:
            self._importing = False
            bar.display = False

        run_in_worker(
            app,
            "import",
            partial(run_import, request, app.db_path, self._import_progress),
            partial(self._import_finished, request),
            failure="Import failed",
            ended=ended,
        )

    def _import_progress(self, done: int, total: int) -> None:
        if self.is_mounted:
            bar = self.query_one("#import-progress", ProgressBar)
            bar.update(total=total or None, progress=done)

    def _import_finished(self, request: ImportRequest, outcome: ImportDone) -> None:
        app = netdash_app(self)
        if outcome.refused is not None and app.screen is self:
            # back to the form, filled in, saying why: the fix is typed where it is read
            app.push_screen(ImportForm(request, outcome.refused), callback=self._chosen)
            return
        if outcome.refused is not None:  # the user has moved on: a notification will do
            app.notify(
                outcome.refused,
                title="Import refused; nothing written",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        if outcome.history is not None:
            history_imported(app, outcome.history, over=self)
            return
        app.journal_changed()
        if outcome.people is not None:
            app.notify(outcome.people, title="Imported people", markup=False)
            return
        assert outcome.result is not None
        app.notify(imported_words(outcome.result), title="Imported", markup=False)
