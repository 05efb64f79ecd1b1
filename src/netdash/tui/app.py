"""The netdash application: screens as modes, app-wide keys, and keeping every view current."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from sqlite_utils import Database
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from netdash.domain import dates
from netdash.domain.errors import InvalidInput
from netdash.inert import inert, inert_line
from netdash.store.errors import JournalBusy
from netdash.store.journal import Logged
from netdash.store.tx import Patience, keep_waiting, wait_for_writes
from netdash.tui.base import JournalView
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.text import InertFilter

if TYPE_CHECKING:
    from textual.command import Provider

    from netdash.domain.scoring import Depth, DepthSettings
    from netdash.store.depth import TimeBudget

# Only the dashboard is needed for the first paint; every other screen is imported on first
# use, because startup time is a feature (see bench/core_loop.py).


def people_screen() -> Screen[None]:
    from netdash.tui.screens.people import PeopleScreen

    return PeopleScreen()


def journal_screen() -> Screen[None]:
    from netdash.tui.screens.journal import JournalScreen

    return JournalScreen()


def audience_screen() -> Screen[None]:
    from netdash.tui.screens.audience import AudienceScreen

    return AudienceScreen()


def community_screen() -> Screen[None]:
    from netdash.tui.screens.community import CommunityScreen

    return CommunityScreen()


def outcomes_screen() -> Screen[None]:
    from netdash.tui.screens.outcomes import OutcomesScreen

    return OutcomesScreen()


def people_provider() -> type[Provider]:
    from netdash.tui.providers import PeopleProvider

    return PeopleProvider


DEPTH_DELAY = 0.25
"""Seconds after start before scoring: the first frames get the CPU to themselves."""


class DepthReady(Message):
    """Everyone's depth, computed off the UI thread (seconds on a very large journal)."""

    def __init__(self, depths: dict[int, Depth], budget: TimeBudget, version: int) -> None:
        super().__init__()
        self.depths = depths
        self.budget = budget
        self.version = version


UI_WRITE_PATIENCE_SECONDS = 0.1
"""How long a write on the TUI's own thread waits for another writer before it is retried."""


class NetdashApp(App[None]):
    """A dashboard over one journal file. Every screen reads through ``self.db``."""

    CSS_PATH = "netdash.tcss"
    TITLE = "netdash"
    COMMANDS = App.COMMANDS | {people_provider}
    MODES: ClassVar[dict[str, str | Callable[[], Screen[None]]]] = {
        "dashboard": DashboardScreen,
        "people": people_screen,
        "journal": journal_screen,
        "audience": audience_screen,
        "community": community_screen,
        "outcomes": outcomes_screen,
    }
    DEFAULT_MODE = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "log", "Log", id="netdash.log"),
        Binding("d", "switch_mode('dashboard')", "Dashboard", id="netdash.dashboard"),
        Binding("p", "switch_mode('people')", "People", id="netdash.people"),
        Binding("j", "switch_mode('journal')", "Journal", id="netdash.journal"),
        Binding("a", "switch_mode('audience')", "Audience", id="netdash.audience"),
        Binding("c", "switch_mode('community')", "Community", id="netdash.community"),
        Binding("u", "switch_mode('outcomes')", "Outcomes", id="netdash.outcomes"),
        Binding("i", "import_export", "Import", show=False, id="netdash.import"),
        Binding("g", "give", "Give", show=False, id="netdash.give"),
        Binding("v", "review", "Review", show=False, id="netdash.review"),
        Binding("o", "outcome", "Outcome", show=False, id="netdash.outcome"),
        Binding("question_mark", "help", "Help", key_display="?", id="netdash.help"),
        Binding("f1", "help", "Help", show=False, id="netdash.help_f1"),
        Binding("f8", "screenshot", "Screenshot", show=False, id="netdash.screenshot"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="netdash.quit"),
    ]

    def __init__(
        self,
        db: Database,
        *,
        db_path: Path | None = None,
        title: str | None = None,
        watch_interval: float = 1.0,
    ) -> None:
        super().__init__()
        self.db = db
        self.db_path = db_path
        self.journal_version = 0
        """Bumped after every write; screens reload when theirs is older."""
        self._watch_interval = watch_interval
        self._data_version = self._read_data_version()
        self.depths: dict[int, Depth] | None = None
        """Everyone's score and layer; None until the first computation lands."""
        self.budget: TimeBudget | None = None
        self._depth_settings: DepthSettings | None = None
        self._patience_before: Patience | None = None
        self.inert_filter = InertFilter()
        """Drops terminal controls from every line drawn (user text is made visible before)."""
        if title:
            self.title = title
        self.sub_title = str(db_path) if db_path else "in memory"

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = super().get_line_filters()
        return [*filters, self.inert_filter] if self.inert_filter.enabled else filters

    def validate_title(self, title: str) -> str:
        """A title can come from the command line or a file name: shown, never obeyed."""
        return inert_line(title)

    def validate_sub_title(self, sub_title: str) -> str:
        return inert_line(sub_title)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, from any screen, shows the names it quotes inert."""
        super().notify(
            inert(message),
            title=inert_line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def on_unmount(self) -> None:
        if self._patience_before is not None:
            keep_waiting(self._patience_before)

    def _handle_exception(self, error: Exception) -> None:
        """A write that met the journal busy (an import, a restore) outside a form: say so and
        stay open; nothing was written. Anything else is a bug, and Textual's handling stands.
        (Textual has no public hook for this; it is pinned exactly.)"""
        if isinstance(error, JournalBusy) or (
            isinstance(error, sqlite3.OperationalError) and "locked" in str(error)
        ):
            self.notify(
                "The journal is busy with an import; nothing was written. Try again when it is"
                " done.",
                title="Waiting for an import",
                severity="warning",
                markup=False,
            )
            return
        super()._handle_exception(error)

    @property
    def depth_settings(self) -> DepthSettings:
        """The depth weights from the config file, read when first needed (not at startup)."""
        if self._depth_settings is None:
            from netdash.config import ensure_config, load_config
            from netdash.domain.scoring import DepthSettings

            try:
                self._depth_settings = load_config(ensure_config() if self.db_path else None).depth
            except (InvalidInput, OSError) as error:
                self.notify(str(error), title="Config ignored", markup=False)
                self._depth_settings = DepthSettings()
        return self._depth_settings

    def on_mount(self) -> None:
        # A write here must never freeze the screen behind an import holding the journal: it
        # gives up at once, and forms keep what was typed and try again (FormScreen.action_save).
        self._patience_before = wait_for_writes(UI_WRITE_PATIENCE_SECONDS)
        # Another process (``netdash log`` in a second terminal) commits: show it within a second.
        if self._watch_interval > 0:
            self.set_interval(self._watch_interval, self._check_external_writes)
        # Scores and layers come a moment after the first frames, and never hold them up.
        self.set_timer(DEPTH_DELAY, self.refresh_depth)

    def refresh_depth(self) -> None:
        """Recompute everyone's depth: in a worker with its own connection, or here in memory."""
        from netdash.store.depth import cached_depth, time_budget

        if self.db_path is None:  # an in-memory journal cannot be opened twice
            depths = cached_depth(self.db, self.today, self.depth_settings)
            budget = time_budget(self.db, depths, self.today)
            self.post_message(DepthReady(depths, budget, self.journal_version))
        else:
            self._depth_worker(self.journal_version)

    @work(thread=True, exclusive=True, group="depth", exit_on_error=False)
    def _depth_worker(self, version: int) -> None:
        from netdash.store.db import open_db
        from netdash.store.depth import cached_depth, time_budget

        assert self.db_path is not None
        db = open_db(self.db_path)
        try:
            depths = cached_depth(db, self.today, self.depth_settings)
            budget = time_budget(db, depths, self.today)
        finally:
            db.close()
        self.post_message(DepthReady(depths, budget, version))

    def on_depth_ready(self, message: DepthReady) -> None:
        self.depths, self.budget = message.depths, message.budget
        for screen in self.screen_stack[-2:]:
            show = getattr(screen, "show_depth", None)
            # a screen pushed a moment ago may not have loaded yet: it reads depths when it does
            loaded = isinstance(screen, JournalView) and screen.loaded_version >= 0
            if show is not None and screen.is_mounted and loaded:
                show()

    @property
    def today(self) -> date:
        return dates.today()

    def _read_data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def _check_external_writes(self) -> None:
        version = self._read_data_version()
        if version != self._data_version:
            self._data_version = version
            self.journal_changed()

    def journal_changed(self) -> None:
        """After any write: reload what is visible now, and the rest when it is next shown."""
        self.journal_version += 1
        self._data_version = self._read_data_version()
        self.refresh_depth()
        # the top screen, and the one a modal leaves visible beneath it
        for screen in self.screen_stack[-2:]:
            if isinstance(screen, JournalView):
                screen.reload_if_stale()

    # ------------------------------------------------------------------------------ actions

    def action_log(self, person_name: str = "") -> None:
        """Open the log form; from a Person screen it starts with that person filled in."""
        from netdash.tui.screens.log_form import LogForm
        from netdash.tui.screens.person import PersonScreen

        if isinstance(self.screen, LogForm):
            return
        if not person_name and isinstance(self.screen, PersonScreen):
            person_name = self.screen.person_name
        self.push_screen(LogForm(initial_people=person_name), callback=self._logged)

    def _logged(self, logged: Logged | None) -> None:
        if logged is None:
            return
        self.journal_changed()
        created = {ref.id for ref in logged.created}
        names = ", ".join(
            f"{ref.name} (new)" if ref.id in created else ref.name for ref in logged.people
        )
        self.notify(f"Logged: {names}", title="Saved", markup=False)

    async def action_import_export(self) -> None:
        """Import from anywhere: the Audience screen shows the import's progress."""
        from netdash.tui.screens.audience import AudienceScreen

        if not isinstance(self.screen, AudienceScreen):
            await self.switch_mode("audience")
        screen = self.screen
        if isinstance(screen, AudienceScreen):
            screen.action_import()

    def action_give(self) -> None:
        """Log community or charity work."""
        from netdash.tui.screens.community_forms import ContributionForm

        if not isinstance(self.screen, ContributionForm):
            self.push_screen(ContributionForm(), callback=self._saved("Recorded work at"))

    def action_outcome(self) -> None:
        """Log something real that got done, and where it came from."""
        from netdash.tui.screens.community_forms import OutcomeForm

        if not isinstance(self.screen, OutcomeForm):
            self.push_screen(OutcomeForm(), callback=self._saved("Recorded outcome:"))

    def _saved(self, what: str) -> Callable[[str | None], None]:
        def saved(name: str | None) -> None:
            if name is not None:
                self.journal_changed()
                self.notify(f"{what} {name}", title="Saved", markup=False)

        return saved

    def action_review(self) -> None:
        """The year in review."""
        from netdash.tui.screens.review import ReviewScreen

        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen())

    def action_duplicates(self) -> None:
        """People who may be one person: merge them, or say they are two."""
        from netdash.tui.screens.duplicates import DuplicatesScreen

        if not isinstance(self.screen, DuplicatesScreen):
            self.push_screen(DuplicatesScreen())

    def action_connections(self) -> None:
        """LinkedIn connections from imports, to make people of."""
        from netdash.tui.screens.connections import ConnectionsScreen

        if not isinstance(self.screen, ConnectionsScreen):
            self.push_screen(ConnectionsScreen())

    def action_help(self) -> None:
        from netdash.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_person(self, person_id: int) -> None:
        """Show one person, from wherever the user is."""
        from netdash.tui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Log a connection", "Open the log form (n)", self.action_log)
        yield SystemCommand(
            "Dashboard", "Depth beside breadth (d)", lambda: self.switch_mode("dashboard")
        )
        yield SystemCommand(
            "People", "Everyone in the journal (p)", lambda: self.switch_mode("people")
        )
        yield SystemCommand(
            "Journal", "Every interaction, newest first (j)", lambda: self.switch_mode("journal")
        )
        yield SystemCommand(
            "Audience",
            "Followers per account, history, imports (a)",
            lambda: self.switch_mode("audience"),
        )
        yield SystemCommand(
            "Import followers",
            "From a platform's export file or folder (i)",
            self.action_import_export,
        )
        yield SystemCommand(
            "Community & charity",
            "Per organisation: hours, money, results, effect (c)",
            lambda: self.switch_mode("community"),
        )
        yield SystemCommand(
            "Outcomes",
            "What got done, and through whom (u)",
            lambda: self.switch_mode("outcomes"),
        )
        yield SystemCommand(
            "Log community work", "Hours, money, results for an organisation (g)", self.action_give
        )
        yield SystemCommand(
            "Log an outcome",
            "A job, client, talk… and who it came through (o)",
            self.action_outcome,
        )
        yield SystemCommand("Year in review", "This year, in words (v)", self.action_review)
        yield SystemCommand(
            "LinkedIn connections",
            "Make people of the ones that matter (l on Audience)",
            self.action_connections,
        )
        yield SystemCommand(
            "Find duplicate people",
            "Same e-mail, phone, handle or name: merge them (m on People)",
            self.action_duplicates,
        )
        yield SystemCommand("Keys", "Every key netdash knows (? or F1)", self.action_help)
        yield from super().get_system_commands(screen)
