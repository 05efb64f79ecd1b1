"""Command palette: jump to any person by name (actions come from App.get_system_commands),
and a palette that chooses once."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import Matcher
from textual.message import Message
from textual.widgets import Input, OptionList

from netdash.inert import inert_line
from netdash.store.people import names_sorted
from netdash.tui.base import netdash_app


def highlight_plain(matcher: Matcher, query: str, name: str) -> Text:
    """Matcher.highlight reads its text as markup; a name like "[b]Bob" must stay text."""
    text = Text(name)
    _, offsets = matcher.fuzzy_search.match(query, name)
    for offset in offsets:
        if not name[offset].isspace():
            text.stylize("reverse", offset, offset + 1)
    return text


class PeopleProvider(Provider):
    """Every person in the journal, matched fuzzily on name."""

    async def startup(self) -> None:
        # Names only, read once per palette opening: thousands of short strings are cheap.
        # A name is matched and shown as it looks (its control characters as pictures).
        db = netdash_app(self.screen).db
        self._people: list[tuple[int, str]] = [
            (person_id, inert_line(name)) for person_id, name in names_sorted(db)
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = netdash_app(self.screen)
        for person_id, name in self._people:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    highlight_plain(matcher, query, name),
                    partial(app.open_person, person_id),
                    text=name,
                    help="Open this person",
                )

    async def discover(self) -> Hits:
        app = netdash_app(self.screen)
        for person_id, name in self._people[:8]:
            yield DiscoveryHit(
                Text(name), partial(app.open_person, person_id), help="Open this person"
            )


class ChooseOncePalette(CommandPalette):
    """Textual's palette, choosing once. Enter, Enter within half a second (a search over a
    large journal still running) queues a second choice behind the first: Textual's palette
    would run the command again and dismiss itself a second time, popping the screen the first
    choice opened and then the last one (``ScreenStackError``)."""

    chosen = False
    """A command was chosen and the palette closed: later choices are dropped."""

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _drop_after_choice(self, event: Message) -> None:
        # runs before the palette's own handlers (this class comes first), and stops them
        if self.chosen:
            event.stop()
            event.prevent_default()

    def dismiss(self, result: None = None) -> AwaitComplete:
        if self.chosen:
            return AwaitComplete()  # already done: nothing to wait for
        self.chosen = True
        return super().dismiss(result)
