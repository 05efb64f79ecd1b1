"""Footers: one that lays out its keys once for a burst of binding changes, and a modal's own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class OneFooter(Footer):
    """Textual's Footer, recomposed once for changes that come together. Textual's schedules a
    recompose for each change of the screen's bindings, and a screen's start makes three (the
    first focus, the screen shown, a binding check after the first refresh): three sets of keys
    were mounted and styled before the dashboard's first frame, two of them thrown away. The
    recompose reads the bindings as they are when it runs, so one is as good as three."""

    _recompose_due = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._recompose_due:
            self._bindings_ready = True
            return
        self._recompose_due = True
        super().bindings_changed(screen)
        if not self.app.app_focus or not self.is_attached or screen is not self.screen:
            self._recompose_due = False  # nothing was scheduled

    def compose(self) -> ComposeResult:
        """Textual's, each key made with the class its ``compact`` will give it: Textual binds
        a key's ``compact`` to the footer's and sets the class once the key is mounted and
        styled, which styled every key (and its two parts) again before the first frame."""
        for widget in super().compose():
            if isinstance(widget, FooterKey):  # the palette's key is not bound: compact
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_class(compact, "-compact", update=False)
            yield widget

    _composed: tuple[object, ...] | None = None
    """What the keys were last composed from: the same keys again need no new ones."""

    async def recompose(self) -> None:
        """Textual's, unless the keys would be the same, or a modal covers the keys (a form
        has its own footer; the screen asks again when it is back on top): the log form
        opened and closed over the dashboard changed its keys twice for nothing, and each new
        set of keys laid the whole screen out again, the second time in the frames that show
        the write (30-90 ms of them)."""
        self._recompose_due = False
        if self.children and self.screen is not self.app.screen:
            return
        keys = self._keys()
        if keys == self._composed and self.children:
            return
        await super().recompose()
        self._composed = keys if self.children else None

    def _keys(self) -> tuple[object, ...]:
        """Everything :meth:`Footer.compose` reads that can change from one call to the next."""
        shown = tuple(
            (key, binding, enabled, tooltip, self.app.get_key_display(binding))
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            # what compose shows: the keys with show, and the palette's key in its own place
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )
        return (self._bindings_ready, self.show_command_palette, shown)


def modal_footer(screen: Screen[object]) -> None:
    """A form or question gets its own footer, of the keys that work there: the one under it
    listed the screen's and the app's keys, which a modal does not pass on."""
    if screen.is_modal and not screen.query(Footer):
        screen.call_later(_add_footer, screen)


def _add_footer(screen: Screen[object]) -> None:
    if screen.is_attached and not screen.query(Footer):
        screen.mount(Footer(compact=True))
