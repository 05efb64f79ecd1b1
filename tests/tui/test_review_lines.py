"""Issue 14: the year in review is shown by a LineView of lines Rich laid out in the worker; it
draws only the rows on screen and never wraps on the UI thread."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.markdown import Markdown
from textual.app import App, ComposeResult

from netdash.store.db import open_db
from netdash.tui.app import NetdashApp
from netdash.tui.screens.review import ReviewScreen, lay_out_markdown
from netdash.tui.widgets.line_view import LineView
from tests.conftest import HOSTILE_NAME, TERMINAL_ACTIVE, seed_hostile
from tests.tui.waits import wait_for

SOURCE = "# 2026 in review\n\n## People\n\n" + "".join(
    f"- Person {n} [b]not markup[/b] met at a very long event name that wraps, line {n}.\n"
    for n in range(60)
)


def console_lines(source: str, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), record=True, force_terminal=True)
    console.print(Markdown(source))
    return [line.rstrip() for line in console.export_text().splitlines()]


class OneView(App[None]):
    def compose(self) -> ComposeResult:
        yield LineView("waiting")


def test_lines_are_what_rich_lays_out() -> None:
    lines = lay_out_markdown(SOURCE, 50)
    assert [line.text.rstrip() for line in lines] == console_lines(SOURCE, 50)
    assert all(not segment.control for line in lines for segment in line)


async def test_the_view_draws_the_scrolled_rows_from_the_strips() -> None:
    app = OneView()
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(LineView)
        assert view.text() == "waiting"
        width = view.scrollable_content_region.width
        lines = lay_out_markdown(SOURCE, width)
        view.show_lines(lines, width)
        await pilot.pause()
        assert view.virtual_size.height == len(lines) > view.size.height
        shown = [view.render_line(y).text for y in range(view.size.height)]
        assert shown == [line.text.ljust(view.size.width) for line in lines[: len(shown)]]
        view.focus()
        await pilot.press("pagedown")
        await pilot.pause()
        top = view.scroll_offset.y
        assert top > 0
        assert view.render_line(0).text.rstrip() == lines[top].text.rstrip()
        await pilot.press("end")
        await pilot.pause()
        last = view.render_line(view.size.height - 1).text.rstrip()
        assert last == lines[-1].text.rstrip()
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_offset.y == 0


async def test_lines_laid_out_again_keep_the_readers_place() -> None:
    """A resize lays the text out again: the line on top stays at the same place in the text
    (proportionally), where showing new text starts from the top."""
    app = OneView()
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(LineView)
        wide = lay_out_markdown(SOURCE, 56)
        view.show_lines(wide, 56)
        await pilot.pause()
        view.scroll_to(0, 40, animate=False, immediate=True)
        await pilot.pause()
        assert view.scroll_offset.y == 40
        narrow = lay_out_markdown(SOURCE, 40)
        assert len(narrow) > len(wide)
        view.show_lines(narrow, 40, keep_place=True)
        await pilot.pause()
        assert view.scroll_offset.y == round(40 / len(wide) * len(narrow))
        view.show_lines(wide, 56)
        await pilot.pause()
        assert view.scroll_offset.y == 0


async def test_the_review_shows_hostile_names_inert_and_lays_out_again_on_resize(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    seed_hostile(db)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ReviewScreen) and bool(app.screen.source),
            "the review",
        )
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        view = screen.query_one("#review-text", LineView)
        assert HOSTILE_NAME.split()[0] in view.text()  # "Mallory", met this year
        drawn = [view.render_line(y) for y in range(view.size.height)]
        for text in [view.text(), *(strip.text for strip in drawn)]:
            assert not (set(text) - {"\n"}) & TERMINAL_ACTIVE
        assert all(not s.control for strip in drawn for s in strip)
        await pilot.resize_terminal(80, 30)
        narrower = view.scrollable_content_region.width
        await wait_for(pilot, lambda: view.laid_out_at == narrower, "the new layout")
        expected = lay_out_markdown(screen.source, narrower)
        assert [line.text for line in view.lines] == [line.text for line in expected]
    db.close()
