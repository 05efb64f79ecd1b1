"""The netdash application: screens as modes, app-wide keys, and keeping every view current."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from sqlite_utils import Database
from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen

from netdash.domain import dates
from netdash.domain.errors import InvalidInput
from netdash.inert import inert, inert_line
from netdash.store.db import data_version, leave_checkpoints_to_workers, user_revision
from netdash.store.tx import Patience, is_busy, keep_waiting, wait_for_writes
from netdash.tui.base import JournalView
from netdash.tui.collector import QuietCollections, hold_no_longer
from netdash.tui.commands import bindings, palette_entries
from netdash.tui.first_frame import AfterFirstFrame
from netdash.tui.keymap import check_keymap
from netdash.tui.navigation import Navigation
from netdash.tui.scores import Scores
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.text import InertFilter
from netdash.tui.widgets.footer import modal_footer
from netdash.tui.workers import (
    Delivered,
    Generations,
    InTurn,
    OneAtATime,
    on_delivered,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.command import Provider
    from textual.theme import Theme

    from netdash.domain.scoring import Depth, DepthSettings
    from netdash.store.depth import TimeBudget
    from netdash.store.depth_board import Board
    from netdash.store.depth_cache import Standing
    from netdash.store.journal import Logged

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


def history_screen() -> Screen[None]:
    from netdash.tui.screens.history import HistoryScreen

    return HistoryScreen()


def people_provider() -> type[Provider]:
    from netdash.tui.providers import PeopleProvider

    return PeopleProvider


DEPTH_DELAY = 0.0
"""Seconds after the first frame before scoring (tests hold the scores back with it)."""


class Notice(NamedTuple):
    """One notification as the user saw it (text already made inert)."""

    severity: SeverityLevel
    title: str
    message: str


NOTICES_KEPT = 50
"""How many recent notifications ``NetdashApp.notices`` remembers."""


UI_WRITE_PATIENCE_SECONDS = 0.1
"""How long a write on the TUI's own thread waits for another writer before it is retried."""


class NetdashApp(Navigation, Scores, AfterFirstFrame, App[None]):
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
        "history": history_screen,
    }
    DEFAULT_MODE = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

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
        leave_checkpoints_to_workers(db)  # a commit on the UI thread never waits for one
        self.db_path = db_path
        self.journal_version = 0
        """Bumped after every write; screens reload when theirs is older."""
        self._watch_interval = watch_interval
        self._data_version = self._read_data_version()
        self._user_revision = user_revision(db)
        self.depths: dict[int, Depth] | None = None
        """Everyone's score and layer; None until read, after the dashboard's (see Scores)."""
        self.depth_failure: str | None = None
        """Why the latest scoring failed, in words; None once a run succeeds. Screens waiting
        for scores say it in place of "Scoring…" (the notification goes after a few seconds)."""
        self.budget: TimeBudget | None = None
        self._standing: Standing | None = None  # the scores shown: a write re-ranks them
        self._depth_settings: DepthSettings | None = None
        self._patience_before: Patience | None = None
        self.worker_generations = Generations()
        """The latest run per worker group, so a superseded result is dropped."""
        self.in_turn = InTurn()
        """The start's reads, one after another: their peaks of memory never add up."""
        self.board: Board | None = None
        self.depth_runs = OneAtATime(self._request_depth)
        """Scoring runs one at a time: a burst of writes costs the run under way and one more."""
        self.quiet_collections = QuietCollections(
            busy=lambda: any(worker.is_running for worker in self.workers)
        )
        self.notices: deque[Notice] = deque(maxlen=NOTICES_KEPT)
        """The latest notifications, oldest first: what the user was told, for tests and
        tools to read without reaching into Textual's private toast list."""
        self.inert_filter = InertFilter()
        """Drops terminal controls from every line drawn (user text is made visible before)."""
        if title:
            self.title = title
        self.sub_title = str(db_path) if db_path else "in memory"

    async def on_event(self, event: events.Event) -> None:
        # Textual styles the app itself only after making the first screen, which it then
        # restyles from scratch (a full reparse of every rule) to inherit the app's colours;
        # styled first, the screen inherits them at once (see JournalView.__init__).
        if isinstance(event, events.Compose):
            self.stylesheet.apply(self)
        elif isinstance(event, events.Key | events.MouseEvent | events.Paste):
            self.quiet_collections.active()
        await super().on_event(event)

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        # Textual's (pinned exactly): a frame drawn is activity, as a key is
        super()._display(screen, renderable)
        if renderable is not None:
            self.quiet_collections.active()

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
        notice = Notice(severity, inert_line(title), inert(message))
        self.notices.append(notice)
        super().notify(
            notice.message,
            title=notice.title,
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def on_unmount(self) -> None:
        hold_no_longer()
        self.quiet_collections.stop()
        if self._patience_before is not None:
            keep_waiting(self._patience_before)

    def _handle_exception(self, error: Exception) -> None:
        """A write that met the journal busy (an import, a restore) outside a form: say so and
        stay open; nothing was written. Anything else is a bug, and Textual's handling stands.
        (Textual has no public hook for this; it is pinned exactly.)"""
        if is_busy(error):
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

    def _apply_user_settings(self) -> None:
        """The keys from the config's ``[keys]`` and the theme last picked. Only over a journal
        file: tests and screenshots (in memory) stay the same on every machine."""
        from netdash.config import ensure_config, load_config, load_theme
        from netdash.domain.scoring import DepthSettings
        from netdash.store.trash import keep_trash_for

        try:
            path = ensure_config()
            config = load_config(path)
        except (InvalidInput, OSError) as error:
            self.notify(str(error), title="Config ignored", markup=False)
            self._depth_settings = DepthSettings()  # said once, not again when scoring starts
            return
        self._depth_settings = config.depth
        keep_trash_for(config.trash_days)
        keymap, problems = check_keymap(config.keys)
        for problem in problems:
            self.notify(
                f"{path}: {problem}", title="Key not changed", severity="warning", markup=False
            )
        if keymap:
            self.set_keymap(keymap)
        theme = load_theme()
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme: Theme) -> None:
        from netdash.config import load_theme, save_theme

        if theme.name != load_theme():
            try:
                save_theme(theme.name)
            except OSError as error:
                self.notify(str(error), title="Theme not saved", markup=False)

    def on_mount(self) -> None:
        if self.db_path is not None:
            self._apply_user_settings()
        # A write here must never freeze the screen behind an import holding the journal: it
        # gives up at once, and forms keep what was typed and try again (FormScreen.action_save).
        self._patience_before = wait_for_writes(UI_WRITE_PATIENCE_SECONDS)
        # Another process (``netdash log`` in a second terminal) commits: show it within a second.
        if self._watch_interval > 0:
            self.set_interval(self._watch_interval, self._check_external_writes)
        self.screen_change_signal.subscribe(self, modal_footer)

    def first_reads(self) -> None:
        """The scores, the first of the start's reads (AfterFirstFrame)."""
        if DEPTH_DELAY > 0:
            self.set_timer(DEPTH_DELAY, self.refresh_depth)
        else:
            self.refresh_depth()

    def refresh_depth(self) -> None:
        """Recompute everyone's depth in a worker, once the run under way (if any) has ended:
        runs never overlap, and requests meanwhile make one more run, of the newest journal."""
        self.depth_runs.request()

    def on_delivered(self, message: Delivered) -> None:
        on_delivered(self, message)

    @property
    def today(self) -> date:
        return dates.today()

    def _read_data_version(self) -> int:
        return data_version(self.db)

    def _check_external_writes(self) -> None:
        """Reload when another connection changed the user's data. Another connection's commit
        moves ``data_version`` (cheap to read every second); it may only have been this app's
        own worker keeping its score or history cache, which leaves ``user_revision`` as it
        was and must not reload the screens (and rescore) again."""
        if not self.is_running:  # shutting down: the screens are losing their widgets
            return
        version = self._read_data_version()
        if version == self._data_version:
            return
        self._data_version = version
        if user_revision(self.db) != self._user_revision:
            self.journal_changed()

    def journal_changed(self, *, entry_logged: bool = False) -> None:
        """After any write: reload what is visible now, and the rest when it is next shown.
        After an entry logged here (``entry_logged``) the dashboard shows the new row first
        (``DashboardScreen.entry_logged``) and the rescore starts after that frame: its Python
        would otherwise share the GIL with drawing it."""
        self.journal_version += 1
        self._data_version = self._read_data_version()
        self._user_revision = user_revision(self.db)
        rescore_after: DashboardScreen | None = None
        # the top screen, and the one a modal leaves visible beneath it
        for screen in self.screen_stack[-2:]:
            # a screen still being mounted loads in its own on_mount
            if not isinstance(screen, JournalView) or not screen.is_mounted:
                continue
            if entry_logged and isinstance(screen, DashboardScreen) and screen.loaded_version >= 0:
                screen.entry_logged()
                rescore_after = screen
            else:
                screen.reload_if_stale()
        if rescore_after is None or not rescore_after.call_after_refresh(self.refresh_depth):
            self.refresh_depth()

    # ------------------------------------------------------------------------------ actions

    def action_log(self, person_name: str = "", person_id: int | None = None) -> None:
        """Open the log form; from a Person screen it starts with that person filled in, by id,
        so one of two people who share a name can be logged with."""
        from netdash.tui.screens.log_form import LogForm, person_field
        from netdash.tui.screens.person import PersonScreen

        if isinstance(self.screen, LogForm):
            return
        if person_id is None and not person_name and isinstance(self.screen, PersonScreen):
            person_id, person_name = self.screen.person_id, self.screen.person_name
        if person_id is not None:
            person_name = person_field(person_id, person_name)
        self.push_screen(LogForm(initial_people=person_name), callback=self._logged)

    def _logged(self, logged: Logged | None) -> None:
        if logged is None:
            return
        if self._standing is not None:  # the time budget adds it, not counts again
            self._standing.noted(logged.interaction_id, logged.revisions)
        self.journal_changed(entry_logged=True)
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
        while len(self.screen_stack) > 1 and not self.screen.is_modal:  # Who's this? over it
            self.pop_screen()
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

    def action_undo(self) -> None:
        """Put back the newest delete, edit, merge or import, after asking."""
        from netdash.tui.undo import ask_undo

        ask_undo(self)

    def action_help(self) -> None:
        from netdash.tui.screens.help import HelpScreen, screen_id

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(screen_id(self.screen)))

    def action_command_palette(self) -> None:
        """Textual's palette, made to choose once (a second Enter must not crash netdash)."""
        from netdash.tui.providers import ChooseOncePalette

        if self.use_command_palette and not isinstance(self.screen, ChooseOncePalette):
            self.push_screen(ChooseOncePalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """netdash's commands (from the one command table), then Textual's own."""
        for title, help_text, action in palette_entries():
            yield SystemCommand(title, help_text, partial(self.run_action, action))
        yield from super().get_system_commands(screen)
