"""What every journal screen shares: the database, "today", and reloading when data changes."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from sqlite_utils import Database
from textual._context import NoActiveAppError
from textual.screen import Screen

if TYPE_CHECKING:
    from netdash.store.depth_board import Board
    from netdash.tui.app import NetdashApp


def netdash_app(screen: Screen[Any]) -> NetdashApp:
    return cast("NetdashApp", screen.app)


class JournalView(Screen[None]):
    """A screen that shows journal data and reloads itself when the journal changes."""

    loaded_version = -1
    scores_seen: Board | None = None
    """The app's scores (their board, new with each read) as this view last read them (the
    app tells only the top screens when new ones land; the rest catch up when shown again)."""

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        # A new screen is styled when mounted, with the stylesheet as it is; Textual marks it
        # out of date all the same, so opening a mode (the dashboard at start) refreshed the
        # whole CSS: the variables reset (to equal values) emptied the parse cache, and every
        # rule was parsed twice more before the first frame. A later theme change still
        # restyles it; NetdashApp.on_event styles the app first, so it inherits the colours.
        with suppress(NoActiveAppError):  # made outside a running app: Textual's way stands
            self._css_update_count = self.app._css_update_count

    @property
    def db(self) -> Database:
        return netdash_app(self).db

    @property
    def today(self) -> date:
        today: date = netdash_app(self).today
        return today

    def reload_if_stale(self) -> None:
        if self.loaded_version != netdash_app(self).journal_version:
            self.loaded_now()
            self.reload()

    def loaded_now(self) -> None:
        """Note the journal and the scores as read: by a reload, or a screen's lighter update
        after its own write (the dashboard's ``entry_logged``)."""
        self.loaded_version = netdash_app(self).journal_version
        self.scores_seen = netdash_app(self).board  # a reload reads the scores too

    def on_screen_resume(self) -> None:
        app = netdash_app(self)
        show = getattr(self, "show_depth", None)
        fresh = self.loaded_version == app.journal_version  # else the reload shows the scores
        if show is not None and fresh and app.board is not self.scores_seen:
            self.scores_seen = app.board
            show()  # scores landed while another screen was shown
        self.reload_if_stale()

    def reload(self) -> None:
        """Read the journal again and update the widgets. Journal reads here are milliseconds."""
        raise NotImplementedError
