"""Issue 14: the year in review is built in a worker; the UI answers keys meanwhile."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from netdash.store.db import open_db
from netdash.tui.app import NetdashApp
from netdash.tui.screens import review
from netdash.tui.screens.review import BUILDING, ReviewScreen
from netdash.tui.widgets.line_view import LineView
from netdash.tui.workers import read_in_worker
from tests.conftest import TODAY
from tests.tui.waits import wait_for


async def test_the_ui_answers_while_the_review_is_built(
    ana_app: NetdashApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ana_app
    release = threading.Event()
    started = threading.Event()
    build = review.build_review

    def slow(*args: Any) -> Any:
        started.set()
        release.wait(10)  # a slowed build: the UI thread must not be the one waiting
        return build(*args)

    monkeypatch.setattr(review, "build_review", slow)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await wait_for(pilot, started.is_set, "the build to start")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.query_one("#review-text", LineView).text() == BUILDING
        await pilot.press("escape")  # answered while the build still waits
        await wait_for(pilot, lambda: not isinstance(app.screen, ReviewScreen), "it to close")
        await pilot.press("v")
        reopened = lambda: isinstance(app.screen, ReviewScreen) and app.screen is not screen  # noqa: E731
        await wait_for(pilot, reopened, "the review again")
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.source == ""
        release.set()
        await wait_for(pilot, lambda: bool(screen.source), "the review")
        assert f"{TODAY.year} in review" in screen.source
        shown = screen.query_one("#review-text", LineView).text()
        assert f"{TODAY.year} in review" in shown


async def test_a_review_closed_before_it_is_built_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    release = threading.Event()
    build = review.build_review

    def slow(*args: Any) -> Any:
        release.wait(10)
        return build(*args)

    monkeypatch.setattr(review, "build_review", slow)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ReviewScreen), "it to close")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
    db.close()


async def test_the_build_starts_before_the_screen_is_pushed_and_lays_out_at_its_width(
    ana_app: NetdashApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The year's SQL runs while the screen is composed and first drawn; the lines are laid
    out at the view's width, which the worker waits for."""
    app = ana_app
    on_screen_then: list[bool] = []
    start = read_in_worker

    def noted(app: NetdashApp, group: str, *args: Any, **kwargs: Any) -> None:
        if group == "review":
            on_screen_then.append(any(isinstance(s, ReviewScreen) for s in app.screen_stack))
        start(app, group, *args, **kwargs)

    monkeypatch.setattr(review, "read_in_worker", noted)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ReviewScreen) and bool(app.screen.source),
            "the review",
        )
        assert on_screen_then == [False]
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        view = screen.query_one("#review-text", LineView)
        width = view.scrollable_content_region.width
        assert view.laid_out_at == width
        expected = review.lay_out_markdown(screen.source, width)
        assert [line.text for line in view.lines] == [line.text for line in expected]


def test_a_worker_waiting_for_the_width_is_released_when_the_screen_goes() -> None:
    width = review.Width()
    width.set(0)  # the screen unmounted before its first layout
    width.set(96)  # too late: the first word stands
    assert width.wait() == 0


async def test_the_build_takes_the_apps_layers_and_a_second_connection(
    ana_app: NetdashApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With everyone's scores in hand the worker reads no depth cache (10,000 depths made while
    the screen is drawn); the people's reads get a connection of their own; while the app
    rescores, the worker reads the cache as before."""
    import netdash.review
    from netdash.store.depth import cached_depth

    app = ana_app
    given: list[review.Sources] = []
    build = review.build_review

    def noted(*args: Any) -> Any:
        given.append(args[-1])
        return build(*args)

    monkeypatch.setattr(review, "build_review", noted)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.depths is not None, "everyone's scores")
        monkeypatch.setattr(netdash.review, "cached_depth", None)  # read, it would fail
        await pilot.press("v")
        shown = lambda: isinstance(app.screen, ReviewScreen) and bool(app.screen.source)  # noqa: E731
        await wait_for(pilot, shown, "the review")
        layered = {pid: d.layer for pid, d in (app.depths or {}).items() if d.layer}
        assert layered and given[0].layers == layered
        assert given[0].reader is not None
        assert "Time together" in app.screen.source  # type: ignore[attr-defined]
        await pilot.press("escape")
        monkeypatch.setattr(netdash.review, "cached_depth", cached_depth)  # readable again
        app.depth_runs.running = True  # as while a write is rescored
        await pilot.press("v")
        await wait_for(pilot, shown, "the review again")
        assert given[1].layers is None


def _warming() -> threading.Thread:
    (thread,) = [t for t in threading.enumerate() if t.name == "review-markdown"]
    return thread


@pytest.mark.parametrize("width", [96, 0])
def test_markdown_is_imported_aside_once_the_screen_is_laid_out(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rich's Markdown (50 ms of imports) is imported beside the year's SQL, after the screen's
    first layout (its width known); not at all when the screen went away first (width 0)."""
    imported: list[str] = []
    monkeypatch.setattr(review, "MARKDOWN", "netdash.never.imported")
    monkeypatch.setattr(review, "import_module", imported.append)
    known = review.Width()
    review.warm_markdown(known)
    thread = _warming()
    assert imported == []  # it waits for the layout
    known.set(width)
    thread.join(10)
    assert imported == (["netdash.never.imported"] if width else [])


def test_markdown_already_imported_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review, "MARKDOWN", "json")  # imported by now
    review.warm_markdown(review.Width())
    assert not [t for t in threading.enumerate() if t.name == "review-markdown"]
