"""A line chart of a few series over one time axis, drawn in braille on Rich text.

Hand-written rather than plotext: netdash takes no new runtime dependency for one widget, a
missing month must be a gap (plotext joins across it or needs one call per run), and the legend
must read without colour, so each series has a mark as well as a colour. Braille gives two by
four dots a cell, enough for a 24-month line in the dashboard's 8-row panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

MARKS = ("●", "■", "▲", "◆", "○", "□", "△", "◇")
"""One mark a series, in the legend and at the series' latest point."""

COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red", "bright_cyan", "bright_magenta")

_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""The braille dot bit at (row, column) within a cell of four rows and two columns."""


@dataclass(frozen=True)
class Series:
    """One line: a value per point of the time axis, None where nothing is known (a gap)."""

    name: str
    values: list[int | None]

    def known(self) -> list[int]:
        return [value for value in self.values if value is not None]


def _style(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


def _mark(index: int) -> str:
    return MARKS[index % len(MARKS)]


def legend_entries(series: list[Series]) -> list[Text]:
    """Each series' mark, name and first and last known value: "● 5: 3→5"."""
    entries = []
    for index, line in enumerate(series):
        known = line.known()
        values = f"{known[0]:,}→{known[-1]:,}" if known else "no data"
        entries.append(
            Text.assemble((_mark(index), _style(index)), f" {line.name}: ", (values, "bold"))
        )
    return entries


def _legend(series: list[Series], width: int) -> list[Text]:
    """The entries, as many to a line as fit; an entry too wide for a line loses its end."""
    lines: list[Text] = []
    for entry in legend_entries(series):
        if lines and cell_len(lines[-1].plain) + 2 + cell_len(entry.plain) <= width:
            lines[-1].append("  ")
            lines[-1].append_text(entry)
        else:
            entry.truncate(width, overflow="ellipsis")
            lines.append(entry)
    return lines


def _dates(days: list[date], width: int) -> Text:
    """The first and last dates at the two ends of ``width`` cells (shorter if they must be)."""
    if not days:
        return Text("")
    for form in ("%b %Y", "%m/%y"):
        first, last = days[0].strftime(form), days[-1].strftime(form)
        if len(first) + len(last) + 1 <= width:
            return Text(first + " " * (width - len(first) - len(last)) + last, style="dim")
    return Text(days[-1].strftime("%m/%y").rjust(width)[-width:], style="dim")


class _Canvas:
    """Braille cells: the dots set in each, and the series that drew there last (its colour)."""

    def __init__(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.dots = [[0] * columns for _ in range(rows)]
        self.owner = [[-1] * columns for _ in range(rows)]
        self.marks: dict[tuple[int, int], int] = {}

    def dot(self, x: int, y: int, index: int) -> None:
        """Set the dot at pixel (x, y), y counted down from the top."""
        row, column = y // 4, x // 2
        self.dots[row][column] |= _DOTS[y % 4][x % 2]
        self.owner[row][column] = index

    def line(self, start: tuple[int, int], end: tuple[int, int], index: int) -> None:
        (x0, y0), (x1, y1) = start, end
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for step in range(steps + 1):
            self.dot(
                x0 + round((x1 - x0) * step / steps), y0 + round((y1 - y0) * step / steps), index
            )

    def text(self, row: int) -> Text:
        line = Text()
        for column in range(self.columns):
            if (row, column) in self.marks:
                index = self.marks[row, column]
                line.append(_mark(index), _style(index))
            elif self.dots[row][column]:
                line.append(chr(0x2800 + self.dots[row][column]), _style(self.owner[row][column]))
            else:
                line.append(" ")
        return line


def _draw(canvas: _Canvas, series: list[Series], low: int, high: int) -> None:
    """Each series as lines between neighbouring known points; a None breaks the line, and a
    point with no known neighbour is a lone dot. Each series' mark is at its latest point."""
    width, height = canvas.columns * 2, canvas.rows * 4
    for index, line in enumerate(series):
        across = (width - 1) / max(len(line.values) - 1, 1)
        up = (height - 1) / (high - low)
        points = [
            (at, (round(at * across), height - 1 - round((value - low) * up)))
            for at, value in enumerate(line.values)
            if value is not None
        ]
        for (at, point), (next_at, next_point) in pairwise(points):
            if next_at == at + 1:
                canvas.line(point, next_point, index)
        for _, point in points:
            canvas.dot(*point, index)
        for _, (x, y) in points[-1:]:
            canvas.marks[y // 4, x // 2] = index


def chart_lines(days: list[date], series: list[Series], width: int, height: int) -> list[Text]:
    """The chart in ``width`` by ``height`` cells: legend, plot with the y axis's maximum at
    the top and minimum at the bottom, then the first and last dates under the plot."""
    legend = _legend(series, width)
    if height < 3:
        return legend[:height]
    legend = legend[: max(1, height - 3)]
    rows = height - len(legend) - 1
    known = [value for line in series for value in line.known()]
    if not known:
        return [*legend, Text("no data yet", style="dim")]
    low, high = min(known), max(known)
    top = high if high > low else low + 1  # a flat line still needs an axis with two ends
    labels = [f"{top:,}", f"{low:,}"]
    label_width = max(len(label) for label in labels)
    columns = max(width - label_width - 1, 1)
    canvas = _Canvas(columns, rows)
    _draw(canvas, series, low, top)
    plot = []
    for row in range(rows):
        label = labels[0] if row == 0 else labels[1] if row == rows - 1 else ""
        axis = "┤" if label else "│"
        line = Text(label.rjust(label_width) + axis, style="dim")
        line.append_text(canvas.text(row))
        plot.append(line)
    return [*legend, *plot, Text(" " * (label_width + 1)) + _dates(days, columns)]


class LineChart(Widget):
    """A :func:`chart_lines` chart at the widget's size, or a line saying why there is none."""

    DEFAULT_CSS = """
    LineChart {
        height: 8;
    }
    """

    def __init__(self, waiting: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._message = waiting
        self._days: list[date] = []
        self._series: list[Series] | None = None

    @property
    def series(self) -> list[Series] | None:
        """What is shown; None while waiting."""
        return self._series

    def show(self, days: list[date], series: list[Series]) -> None:
        self._days, self._series = days, series
        self.refresh()

    def wait(self, message: str) -> None:
        self._message, self._series = message, None
        self.refresh()

    def lines(self) -> list[Text]:
        """What the widget draws at its current size."""
        if self._series is None:
            return [Text(self._message, style="dim")]
        return chart_lines(self._days, self._series, self.size.width, self.size.height)

    def render(self) -> Text:
        text = Text("\n").join(self.lines())
        text.no_wrap, text.overflow = True, "crop"
        return text
