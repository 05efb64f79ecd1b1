"""Cheap table cells (issue 14, Journal End): a Cell looks exactly as the Text it replaces,
character by character and style by style, in the DataTable's own pipeline (the cell padded and
styled, at its column's width, on a one-line row), and it is what the Journal's rows hold."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.renderables.styled import Styled

from netdash.domain.models import Interaction, PersonRef
from netdash.tui.cells import Cell, cell
from netdash.tui.entries import entry_cells
from netdash.tui.text import people_text, plain

CASES = [
    Text("2026-11-26"),
    Text("me", style="dim"),
    Text("Ana Souza, Bo Chen, Cy Diaz", style="italic", overflow="ellipsis"),
    Text.assemble(("Ana", "bold"), " Souza and a long tail", style="dim"),
    Text(""),
    Text("a note that is much longer than its column and is cut"),
    Text("Ana Souza, Bo Chen, Cy Diaz", overflow="ellipsis"),
    Text("Ana Souza, Bo Chen, Cy Diaz", overflow="crop"),
    Text("日本語の名前とメモ、幅の広い文字"),
    Text("emoji 🎉🎉🎉 and more words"),
    plain("[b]Bob[/b] [/ \x1b[31m"),
    Text.assemble(("bold ", "bold"), ("red", "red"), " plain", (" · import #3", "dim")),
]


def characters(lines: list[list[Segment]]) -> list[list[tuple[str, Style | None]]]:
    """Each line as (character, style) pairs: how the segments are split does not show."""
    return [[(char, seg.style) for seg in line for char in seg.text] for line in lines]


def drawn(renderable: Text, width: int, *, no_wrap: bool = True) -> list[list[Segment]]:
    """As DataTable draws a cell: padded by one, between its base and component styles."""
    console = Console(width=120, force_terminal=True, color_system="truecolor")
    options = console.options.update_dimensions(width, 1)
    if no_wrap:
        options = options.update(no_wrap=True)
    styled = Styled(
        Padding(renderable, (0, 1)), pre_style=Style(bgcolor="#202020"), post_style=Style(bold=True)
    )
    return console.render_lines(styled, options)


@pytest.mark.parametrize("text", CASES, ids=lambda text: text.plain[:12] or "empty")
@pytest.mark.parametrize("width", [3, 6, 12, 22, 60])
def test_a_cell_looks_as_its_text(text: Text, width: int) -> None:
    assert characters(drawn(cell(text), width)) == characters(drawn(text, width))


def test_a_wrapped_or_several_line_cell_is_drawn_as_text() -> None:
    long = Text("several words that wrap onto the next line")
    assert characters(drawn(cell(long), 12, no_wrap=False)) == characters(
        drawn(long, 12, no_wrap=False)
    )
    lines = Text("first\nsecond")
    assert characters(drawn(cell(lines), 12)) == characters(drawn(lines, 12))


def test_a_cell_keeps_its_text_and_style() -> None:
    made = cell(people_text([]))
    assert isinstance(made, Cell) and isinstance(made, Text)
    source = Text.assemble(("Ana", "bold"), " Souza", style="dim")
    made = cell(source)
    assert made.plain == "Ana Souza" and made.style == "dim" and made.spans == source.spans


def _call(
    note: str,
    people: tuple[PersonRef, ...],
    tags: tuple[str, ...] = (),
    source_import: int | None = None,
) -> Interaction:
    """A call on 20 November 2026 (shown on the 26th): "6 days ago"."""
    return Interaction(
        id=1,
        occurred_on=date(2026, 11, 20),
        kind="call",
        initiated_by="me",
        depth=2,
        note=note,
        people=people,
        tags=tags,
        source_import=source_import,
    )


def test_the_journals_rows_are_cells() -> None:
    entry = _call("talked", (PersonRef(1, "Ana Souza"),), tags=("work",), source_import=3)
    for with_people in (True, False):
        row = entry_cells(entry, date(2026, 11, 26), with_people=with_people)
        assert all(isinstance(value, Cell) for value in row)


def test_the_dashboard_s_latest_rows_are_cells_that_look_as_their_text() -> None:
    """ "Latest" is drawn whole again after each entry logged, in the frame the Enter waits
    for: its cells are Cells, and look as the Texts they replace."""
    from netdash.tui.screens.dashboard_figures import latest_cells

    entry = _call(
        "talked about the \x1b[31mintro and a very long tail that is cut at thirty",
        (PersonRef(1, "Ana Souza"), PersonRef(2, "[b]Bo[/b]")),
    )
    row = latest_cells(entry, date(2026, 11, 26))
    texts = [
        Text("6 days ago"),
        people_text(entry.people),
        Text("call"),
        plain(entry.note, width=30),
    ]
    assert all(isinstance(value, Cell) for value in row)
    for got, want in zip(row, texts, strict=True):
        for width in (4, 12, 30):
            assert characters(drawn(got, width)) == characters(drawn(want, width))
