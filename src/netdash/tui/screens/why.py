"""Why this score: every component, its value and weight, and the journal rows behind it."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from netdash.domain.cadence import describe
from netdash.domain.models import Interaction
from netdash.domain.scoring import Depth
from netdash.domain.words import days_ago
from netdash.store.journal import get_interaction
from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import plain

ROWS_SHOWN = 3


def source_line(entry: Interaction) -> Text:
    """One journal row behind a component: date, kind and note, the colon only before a note
    (an entry logged without one read "2026-11-20 call:")."""
    line = Text(f"  {entry.occurred_on.isoformat()} {entry.kind_label}", "dim")
    if entry.note.strip():
        line += Text(": ", "dim") + plain(entry.note, width=40)
    return line


class WhyScreen(ModalScreen[None]):
    """The formula in words, each component's value, weight and points, and its rows."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("why")

    def __init__(self, name: str, depth: Depth) -> None:
        super().__init__()
        self.person_name = name
        self.depth = depth

    def compose(self) -> ComposeResult:
        depth = self.depth
        with VerticalScroll(id="why", classes="form"):
            yield Static(
                plain(f"Why {self.person_name} scores {depth.score:.0f}", "bold"),
                classes="form-title",
            )
            yield Static(
                Text(
                    "The score is the weighted mean of eight components, each from 0 to 1, times"
                    " 100. Weights live in the config file (netdash locate config).",
                    style="dim",
                )
            )
            yield Static(self._table(), id="why-table")
            yield Static(self._standing(), id="why-standing")
            yield Static("Escape closes.", classes="hint")

    def _table(self) -> Table:
        db = netdash_app(self).db
        table = Table(expand=True, show_edge=False, pad_edge=False)
        table.add_column("Component", no_wrap=True)
        table.add_column("Value", justify="right")
        table.add_column("Weight", justify="right")
        table.add_column("Points", justify="right")
        table.add_column("From the journal", ratio=1)
        for part in self.depth.components:
            sources = [plain(part.detail)]
            if part.name not in ("community", "outcomes"):
                for interaction_id in part.rows[:ROWS_SHOWN]:
                    sources.append(source_line(get_interaction(db, interaction_id)))
                if len(part.rows) > ROWS_SHOWN:
                    sources.append(Text(f"  … and {len(part.rows) - ROWS_SHOWN} more", "dim"))
            table.add_row(
                Text(part.label),
                Text(f"{part.value:.2f}"),
                Text(f"{part.weight:g}"),
                Text(f"{self.depth.points_of(part):.1f}", style="bold"),
                Text("\n").join(sources),
            )
        return table

    def _standing(self) -> Text:
        depth = self.depth
        layer = f"inner {depth.layer}" if depth.layer else "outside the 150"
        lines = [f"Layer: {layer}.", f"Hours together: {depth.hall_mark} (Hall, 2018)."]
        if depth.cadence_days:
            lines.append(
                f"Keep in touch {describe(depth.cadence_days, depth.cadence_max_days)}"
                f" ({depth.cadence_source}); "
                + (
                    f"last contact {days_ago(depth.days_since)}"
                    if depth.days_since is not None
                    else "no contact yet"
                )
                + (f"; {depth.cadence_status}." if depth.cadence_status else ".")
            )
        if depth.snoozed_until:
            lines.append(f"Snoozed until {depth.snoozed_until.isoformat()}.")
        return Text("\n".join(lines))

    def action_close(self) -> None:
        self.dismiss(None)
