"""Where the app goes: a mode's own screen, a person, and the rows behind each dashboard number,
opened filtered as the number was counted. A mixin of :class:`netdash.tui.app.NetdashApp`, apart
so the app module keeps to its length."""

from __future__ import annotations

from datetime import date

from textual.app import App
from textual.screen import Screen
from textual.widget import AwaitMount


class Navigation(App[None]):
    """Opening screens in a known state; every method is an app method."""

    def show_contributions(
        self, year: int | None = None, organisation_id: int | None = None
    ) -> None:
        """The contributions of a year (this one by default), to one organisation or all: the
        rows behind the dashboard's community line and the Community screen's totals."""
        from netdash.tui.screens.contributions import ContributionsScreen

        self.push_screen(ContributionsScreen(year, organisation_id))

    def show_account(self, account_id: int | None = None) -> None:
        """The Audience screen, on one account's history when given one."""
        from netdash.tui.screens.audience import AudienceScreen

        screen = self._mode_base("audience")  # not a list left open over it
        if isinstance(screen, AudienceScreen) and account_id is not None:
            screen.choose_account(account_id)

    def show_time_split(self) -> None:
        """Hours per layer in the last 90 days and the entries behind them."""
        from netdash.tui.screens.time_split import TimeSplitScreen

        self.push_screen(TimeSplitScreen())

    def show_known_followers(self, account_id: int | None = None) -> AwaitMount:
        """The people you know among an account's latest followers (or every account's), over
        the Audience screen with that account chosen. Awaiting it waits for the list."""
        from netdash.tui.screens.audience import AudienceScreen
        from netdash.tui.screens.known_followers import KnownFollowersScreen

        screen = self._mode_base("audience")  # one list at a time, not one over another
        if isinstance(screen, AudienceScreen) and account_id is not None:
            screen.choose_account(account_id)
        return self.push_screen(KnownFollowersScreen(account_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The key of the screen already shown is left out of its footer (``d`` on the
        Dashboard): at 80 columns the footer has room for about eight keys, and that one would
        go nowhere. Over a person or a list opened from it, it is back: it leads home."""
        if action == "go" and parameters == (self.current_mode,) and len(self.screen_stack) == 1:
            return False
        return super().check_action(action, parameters)

    def action_go(self, mode: str) -> None:
        """A mode key lands on that mode's own screen, not on a person or list left open
        over it (``p`` is always the People list)."""
        self._mode_base(mode)

    def _mode_base(self, mode: str) -> Screen[object]:
        """Switch to a mode and back to its own screen (off any person opened from it)."""
        self.switch_mode(mode)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return self.screen_stack[0]

    def show_people(self, layer: int | None = None, sort: str | None = None) -> None:
        """People, showing only ``layer`` (and the layers inside it; None: everyone) in ``sort``
        order ("name", "last_contact", "score" or "overdue"), the search cleared."""
        from netdash.tui.screens.people import SORTS, PeopleScreen

        chosen = next((order for order in SORTS if order == sort), None)
        if sort is not None and chosen is None:
            raise ValueError(f"no people order {sort!r}: one of {', '.join(SORTS)}")
        screen = self._mode_base("people")
        if isinstance(screen, PeopleScreen):
            screen.set_view(layer=layer, sort=chosen)

    def show_journal(
        self, since: date | None = None, until: date | None = None, person: str = ""
    ) -> None:
        """The Journal, showing the entries from ``since`` to ``until`` (calendar days, both
        included) with ``person`` (part of a name will do), every other filter cleared."""
        from netdash.tui.screens.journal import JournalScreen

        screen = self._mode_base("journal")
        if isinstance(screen, JournalScreen):
            screen.set_filters(since=since, until=until, person=person)

    def action_search(self) -> None:
        """One search over everything, over whatever screen is open (``/`` anywhere but in a
        form or question, whose answer would be left waiting under what the search opens)."""
        from netdash.tui.screens.search import SearchScreen

        if not self.screen.is_modal:
            self.push_screen(SearchScreen())

    def action_strangers(self) -> None:
        """Who's this?: the people the imports met who match nobody (``k`` anywhere but in a
        form or question, which would be left waiting under it)."""
        from netdash.tui.screens.strangers import StrangersScreen

        if not self.screen.is_modal and not isinstance(self.screen, StrangersScreen):
            self.push_screen(StrangersScreen())

    def open_person(self, person_id: int) -> None:
        """Show one person, from wherever the user is."""
        from netdash.tui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))
