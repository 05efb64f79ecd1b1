"""Known followers: the people of the journal in an account's latest follower list (or every
account's), what the dashboard's and the Audience screen's "people you know" counts open to."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from netdash.store.follower_lists import KnownFollowers, known_followers, known_text
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import plain
from netdash.tui.workers import read_in_worker


def known_status(known: KnownFollowers, account_id: int | None) -> str:
    """The count the list adds up to, in the words every screen uses for it."""
    if account_id is None:
        return f"Every account: {known_text(known.people, known.followers)}"
    account = next((a for a in known.accounts if a.id == account_id), None)
    if account is None:
        return "That account is gone"
    if account.list_as_of is None:
        return f"{account.platform} {account.handle}: no follower list imported"
    return (
        f"{account.platform} {account.handle}, list of {account.list_as_of[:10]}:"
        f" {known_text(len(account.known), account.followers or 0)}"
    )


class KnownFollowersScreen(JournalView):
    """Counted in a worker: matching a million-row list against every handle takes 60 ms."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("known")

    def __init__(self, account_id: int | None = None) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="known-status", classes="status")
        yield DataTable(id="known", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#known", DataTable)
        for label, key, width in (
            ("Person", "name", 28),
            ("Platform", "platform", 10),
            ("Account", "account", 24),
            ("Their handle", "handle", 24),
        ):
            table.add_column(Text(label), key=key, width=width)
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        self.query_one("#known-status", Static).update(Text("Counting…", style="dim"))
        read_in_worker(
            netdash_app(self),
            "known-list",
            known_followers,
            self._show,
            failure="Known followers not counted",
        )

    def _show(self, known: KnownFollowers) -> None:
        if not self.is_mounted:
            return
        self.query_one("#known-status", Static).update(plain(known_status(known, self.account_id)))
        table = self.query_one("#known", DataTable)
        table.clear()
        for account in known.accounts:
            if self.account_id is not None and account.id != self.account_id:
                continue
            for person in account.known:
                table.add_row(
                    plain(person.name, "bold"),
                    plain(account.platform),
                    plain(account.handle, "dim"),
                    plain(person.handle),
                    key=f"{account.id}:{person.id}",
                )

    def action_back(self) -> None:
        self.dismiss()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            netdash_app(self).open_person(int(event.row_key.value.split(":")[1]))
