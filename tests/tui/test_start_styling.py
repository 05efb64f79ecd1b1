"""Issue 14: the first frame styles the dashboard once.

Textual made the first screen, then restyled it from scratch (new CSS variables, equal to the
old, emptying the parse cache: every rule parsed three times before the first frame) so that
it would inherit the app's colours. The app is now styled before its first screen, and a new
journal screen counts as styled; these tests check that nothing is restyled, that the colours
are still the app's, and that a theme chosen later still reaches every screen."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets._footer import FooterKey

from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen


@pytest.fixture
def refreshes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens shown each time the app's whole CSS was refreshed."""
    calls: list[str] = []
    refresh = App.refresh_css

    def counted(app: App[Any], animate: bool = True) -> None:
        calls.append(type(app.screen).__name__)
        refresh(app, animate)

    monkeypatch.setattr(App, "refresh_css", counted)
    return calls


async def test_the_dashboard_is_styled_once(app: NetdashApp, refreshes: list[str]) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert refreshes == []
        welcome = app.screen.query_one("#welcome")
        # its text in the app's colour, as after a full refresh (styled under the unstyled
        # app, it was transparent: the welcome drawn in the background's colour)
        assert welcome.visual_style.foreground == app.styles.color
        assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])


async def test_a_new_mode_is_not_restyled(app: NetdashApp, refreshes: list[str]) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "PeopleScreen"
        assert refreshes == []


async def test_a_theme_chosen_later_restyles_every_screen(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dark = app.screen.styles.background
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.styles.background
        assert light != dark
        assert light == Color.parse(app.get_css_variables()["background"])
        await pilot.press("p")  # a mode made after the change has the new colours too
        await pilot.pause()
        assert app.screen.styles.background == light


async def test_the_footer_s_keys_are_styled_once(
    app: NetdashApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key is made with the class its ``compact`` gives it once mounted (Textual sets it
    after styling the key, which styled the twelve keys and their parts twice before the first
    frame); the keys still look compact, and the palette's key (not bound) too."""
    styled: list[int] = []
    apply = Stylesheet.apply

    def counted(stylesheet: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        if isinstance(node, FooterKey):
            styled.append(id(node))
        apply(stylesheet, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert len(keys) > 3
        assert sorted(styled) == sorted(id(key) for key in keys)
        assert all(key.has_class("-compact") for key in keys)
        assert all(key.compact for key in keys)
