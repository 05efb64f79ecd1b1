"""The line chart, drawn to text: values at the right cells, gaps left blank, labels present."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len

from netdash.store.history import month_ends
from netdash.tui.widgets.chart import Series, chart_lines, legend_entries
from tests.conftest import TODAY

BLANK = " "


def dots(cell: str) -> int:
    """The braille dots set in a cell (0 for a blank)."""
    return 0 if cell == BLANK else ord(cell) - 0x2800


def test_values_land_where_the_arithmetic_puts_them_and_a_gap_stays_blank() -> None:
    days = [date(2026, 7, 31), date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31)]
    # Width 10, height 4: one legend line, two plot rows, one row of dates. Labels "7" and "0"
    # are one cell, the axis one more: 8 columns = 16 dots across, 2 rows = 8 dots down.
    # Point i is at x = i * 15 / 3 = 0, 5, 10, 15 (columns 0, 2, 5, 7); value v at
    # y = 7 - v * 7 / 7 counted from the top: 0 -> y 7 (bottom row), 7 -> y 0 (top row).
    lines = [line.plain for line in chart_lines(days, [Series("a", [0, 7, None, 7])], 10, 4)]
    assert len(lines) == 4
    assert lines[0] == "● a: 0→7"
    top, bottom = lines[1], lines[2]
    assert top.startswith("7┤") and bottom.startswith("0┤")
    top_cells, bottom_cells = top[2:], bottom[2:]
    assert len(top_cells) == len(bottom_cells) == 8
    assert dots(bottom_cells[0]) & 0x40  # the first value, 0: bottom-left dot of column 0
    assert dots(top_cells[2]) & 0x08  # the second, 7: x 5 is the right half of column 2, top
    # the third month is unknown: no line from x 5 to x 15, nothing at x 10 (column 5), and
    # in particular nothing on the bottom row, where a zero would be
    for column in (3, 4, 5, 6):
        assert top_cells[column] == bottom_cells[column] == BLANK
    assert top_cells[7] == "●"  # the last point carries the series' mark
    assert bottom_cells[7] == BLANK


def test_axes_are_labelled_with_min_max_and_first_last_month() -> None:
    days = month_ends(TODAY)  # 30 November 2024 ... 31 October 2026
    series = [Series("5", [1] * 24), Series("150", [None] * 12 + [40] * 6 + [1500] * 6)]
    lines = [line.plain for line in chart_lines(days, series, 50, 8)]
    assert lines[0] == "● 5: 1→1  ■ 150: 40→1,500"
    assert lines[1].startswith("1,500┤")  # the largest value, at the top
    assert lines[6].startswith("    1┤")  # the smallest, at the bottom, right-aligned
    assert all(line[5] == "│" for line in lines[2:6])
    # dates under the plot's first and last columns (the plot starts after "1,500┤")
    assert lines[7] == " " * 6 + "Nov 2024" + " " * (44 - 16) + "Oct 2026"
    # 150 is unknown for its first 12 months: its line starts halfway across
    left = [line[6 : 6 + 21] for line in lines[1:6]]  # rows above the bottom, first 21 columns
    assert all(cell == BLANK for row in left for cell in row)


def test_the_legend_reads_without_colour() -> None:
    series = [Series(name, [None, 3, 9]) for name in ("a", "b", "c", "d")]
    entries = [entry.plain for entry in legend_entries(series)]
    # four different marks; the first known value, not the gap before it
    assert entries == ["● a: 3→9", "■ b: 3→9", "▲ c: 3→9", "◆ d: 3→9"]
    assert legend_entries([Series("e", [None, None])])[0].plain == "● e: no data"


def test_fits_every_size_from_a_small_panel_to_full_screen() -> None:
    days = month_ends(TODAY)
    series = [
        Series(f"account {n} with a long handle", [None] * n + list(range(24 - n)))
        for n in range(5)
    ]
    for width, height in ((50, 8), (80, 24), (120, 40), (20, 3), (12, 5), (80, 6)):
        lines = chart_lines(days, series, width, height)
        assert len(lines) <= height, (width, height)
        assert all(cell_len(line.plain) <= width for line in lines), (width, height)
    # small panels keep at least two plot rows: the legend gives way
    assert len(chart_lines(days, series, 50, 8)) == 8


def test_no_values_at_all_says_so_and_a_flat_line_still_has_two_ends() -> None:
    days = month_ends(TODAY)
    assert chart_lines(days, [Series("a", [None] * 24)], 50, 8)[-1].plain == "no data yet"
    lines = [line.plain for line in chart_lines(days, [Series("a", [3] * 24)], 50, 6)]
    assert lines[1].startswith("4┤") and lines[-2].startswith("3┤")
