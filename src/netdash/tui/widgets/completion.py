"""A text box that completes the part being typed from a short list under it.

One widget for every field that takes people or tags: :class:`CompletingInput` with a
:class:`Completer` saying what the part being typed is (a comma-separated name, a word of tags)
and what it may become. What a completer searches is read once by a worker on its own
connection and kept until the journal changes (its ``user_revision``), so a keystroke only
searches memory, on the 10,000-person journal as on an empty one.

Keys while the list is open: up and down choose, Enter, Tab or → (at the end) takes the
highlighted choice, Escape closes the list (a second Escape reaches the form, which cancels).
With the list closed every key does what it did before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast
from weakref import WeakKeyDictionary

from rich.text import Text
from sqlite_utils import Database
from textual import events, on
from textual.app import App
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from netdash.domain.name_index import fold
from netdash.store.db import user_revision
from netdash.tui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from netdash.tui.app import NetdashApp

Data = TypeVar("Data")


@dataclass(frozen=True)
class Choice:
    """One line of the list: what it shows, and what replaces the part typed when taken."""

    shown: Text
    value: str


@dataclass(frozen=True)
class Part:
    """The part of the box being completed, where the cursor is: ``value[start:end]``."""

    start: int
    end: int
    typed: str


class Completer(Generic[Data]):
    """What one kind of field completes: how its data is read, what part is typed, the choices.

    ``key`` names the data, shared by every field completing from it (names, tags)."""

    key: ClassVar[str]

    def load(self, db: Database) -> Data:
        """Read what to complete from (in a worker, on its own connection)."""
        raise NotImplementedError

    def part(self, value: str, cursor: int) -> Part | None:
        """The part being typed, or None when nothing there is completed."""
        raise NotImplementedError

    def choices(self, data: Data, part: Part, value: str) -> list[Choice]:
        raise NotImplementedError


LIST_ROWS = 6
"""The most choices shown: enough to find someone, few enough to keep the form in view."""


@dataclass
class _Kept:
    revision: int
    data: Any


_KEPT: WeakKeyDictionary[App[Any], dict[str, _Kept]] = WeakKeyDictionary()
"""Each app's loaded completion data by completer key, with the revision it was read at."""


def update_kept(app: App[Any], key: str, before: int, after: int, update: Any) -> None:
    """After a write made here: bring the data kept under ``key`` up to date in place
    (``update(data)``) and mark it current at revision ``after``, if it was current at
    ``before`` (the revision just ahead of the write); otherwise it is read again as usual."""
    kept = _KEPT.get(app, {}).get(key)
    if kept is not None and kept.revision == before:
        update(kept.data)
        kept.revision = after


class CompletionList(OptionList):
    """The list under a box: drawn over the form, never focused (typing stays in the box)."""

    can_focus = False
    DEFAULT_CSS = """
    CompletionList {
        overlay: screen;
        position: absolute;
        constrain: none inside;
        display: none;
        width: auto;
        min-width: 24;
        max-width: 76;
        height: auto;
        max-height: 8;
        padding: 0;
        border: none;
        background: $panel;
        & > .option-list--option {
            padding: 0 1;
        }
    }
    """

    def __init__(self, owner: CompletingInput) -> None:
        super().__init__()
        self.owner = owner

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.owner.take(event.option_index)


class CompletingInput(TextInput):
    """A box that completes the part being typed from a list of choices under it."""

    def __init__(self, value: str = "", *, completer: Completer[Any], **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.completer = completer
        self.choices: list[Choice] = []
        self._list: CompletionList | None = None
        self._loading = False
        self._quiet = value
        """A value put in the box by the program (the first, or a choice taken): not typed,
        so it opens no list."""

    # --------------------------------------------------------------------------- the data

    def _data(self) -> Any:
        """The completer's data if it is current; otherwise None, and a read under way."""
        app = self.app
        kept = _KEPT.setdefault(app, {}).get(self.completer.key)
        revision = user_revision(_netdash(app).db)
        if kept is not None and kept.revision == revision:
            return kept.data
        if not self._loading:
            self._load(revision)
        return kept.data if kept is not None else None  # an older copy beats none meanwhile

    def _load(self, revision: int) -> None:
        from netdash.tui.workers import read_in_worker

        self._loading = True
        key = self.completer.key

        def done(data: Any) -> None:
            _KEPT.setdefault(self.app, {})[key] = _Kept(revision, data)
            if self.has_focus:
                self.refresh_choices()

        def ended() -> None:
            self._loading = False

        read_in_worker(
            _netdash(self.app),
            f"completion-{key}-{id(self)}",
            self.completer.load,
            done,
            failure="Could not read the journal for completion",
            ended=ended,
        )

    # ---------------------------------------------------------------------------- the list

    def on_focus(self) -> None:
        self._data()  # start reading now, so the first keystroke finds it ready

    def on_blur(self) -> None:
        self.close()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        if event.value == self._quiet or not self.has_focus:
            self.close()
            return
        self._quiet = ""
        self.refresh_choices()

    def refresh_choices(self) -> None:
        """Search again for the part typed, and show or hide the list."""
        part = self.completer.part(self.value, self.cursor_position)
        data = self._data() if part is not None else None
        if part is None or data is None:
            self.close()
            return
        self.choices = self.completer.choices(data, part, self.value)[:LIST_ROWS]
        if not self.choices or [fold(choice.value) for choice in self.choices] == [
            fold(part.typed)
        ]:
            self.close()  # nothing to choose: none, or only what is typed already
            return
        self._show()

    def _show(self) -> None:
        if self._list is None:
            self._list = CompletionList(self)
            self.screen.mount(self._list)
            # the form moves as it is laid out again (a preview fills a row): follow the box
            self.screen.screen_layout_refresh_signal.subscribe(self, self._follow)
        shown = self._list
        shown.set_options([Option(choice.shown) for choice in self.choices])
        shown.highlighted = 0
        self._place()
        shown.display = True

    def _follow(self, screen: object) -> None:
        if self.is_open:
            self._place()

    def _place(self) -> None:
        """Put the list just under the box, where the box is now (a move, only if it moved)."""
        if self._list is not None:
            region = self.region
            under = (region.x, region.y + region.height)
            offset = self._list.styles.offset
            if (offset.x.value, offset.y.value) != under:
                self._list.styles.offset = under

    @property
    def is_open(self) -> bool:
        return self._list is not None and bool(self._list.display)

    def close(self) -> None:
        if self._list is not None:
            self._list.display = False

    def take(self, index: int | None = None) -> None:
        """Put the choice (the highlighted one by default) in place of the part typed."""
        if index is None:
            index = self._list.highlighted if self._list is not None else None
        part = self.completer.part(self.value, self.cursor_position)
        self.close()
        if index is None or part is None or not 0 <= index < len(self.choices):
            return
        value = self.choices[index].value
        self._quiet = self.value[: part.start] + value + self.value[part.end :]
        self.value = self._quiet
        self.cursor_position = part.start + len(value)

    # ----------------------------------------------------------------------------- the keys

    async def _on_key(self, event: events.Key) -> None:
        """The list's keys, while it is open; every other key (and these, with it closed)
        goes on to the box and then the form, as before. Handled here rather than as
        bindings, which would be the form's keys to list in Help."""
        if self.is_open and event.key in _LIST_KEYS:
            event.stop()
            event.prevent_default()
            await getattr(self, _LIST_KEYS[event.key])()
            return
        await super()._on_key(event)

    def _move(self, step: int) -> None:
        if self._list is not None and self.choices:
            self._list.highlighted = ((self._list.highlighted or 0) + step) % len(self.choices)

    async def _next(self) -> None:
        self._move(1)

    async def _previous(self) -> None:
        self._move(-1)

    async def _take(self) -> None:
        self.take()

    async def _close(self) -> None:
        self.close()

    async def _enter(self) -> None:
        """Enter takes the choice, unless the part typed is it already: then the box is done
        and Enter saves the form ("n", a whole name, Enter logs it, as it always did)."""
        if not self._typed_in_full():
            self.take()
            return
        self.close()
        await self.action_submit()

    async def _right(self) -> None:
        """→ at the end of the box takes the choice, as it took the grey suggestion before."""
        if self.cursor_at_end:
            self.take()
            return
        self.action_cursor_right()

    def _typed_in_full(self) -> bool:
        part = self.completer.part(self.value, self.cursor_position)
        index = self._list.highlighted if self._list is not None else None
        if part is None or index is None or not 0 <= index < len(self.choices):
            return False
        return fold(part.typed) == fold(self.choices[index].value)


_LIST_KEYS = {
    "down": "_next",
    "up": "_previous",
    "tab": "_take",
    "right": "_right",
    "enter": "_enter",
    "escape": "_close",
}
"""What each key does while the list is open: the :class:`CompletingInput` method it calls."""


def _netdash(app: App[Any]) -> NetdashApp:
    return cast("NetdashApp", app)
