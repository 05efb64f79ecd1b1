"""Footers: one that lays out its keys once for a burst of binding changes, and a modal's own."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


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

    async def recompose(self) -> None:
        self._recompose_due = False
        await super().recompose()


def modal_footer(screen: Screen[object]) -> None:
    """A form or question gets its own footer, of the keys that work there: the one under it
    listed the screen's and the app's keys, which a modal does not pass on."""
    if screen.is_modal and not screen.query(Footer):
        screen.call_later(_add_footer, screen)


def _add_footer(screen: Screen[object]) -> None:
    if screen.is_attached and not screen.query(Footer):
        screen.mount(Footer(compact=True))
