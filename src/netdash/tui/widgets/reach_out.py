"""The dashboard's reach-out queue: who is past their keep-in-touch cadence, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable

from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import STATUS_STYLE, plain

if TYPE_CHECKING:  # the scoring maths load with the first scores, not before the first frame
    from netdash.domain.scoring import Depth


def late_or_due(depth: Depth) -> tuple[tuple[str, str], ...]:
    """ "late" after the name of those past their maximum, and why in red; else why, dim."""
    if depth.cadence_status == "late":
        return ("  late", STATUS_STYLE["late"]), ("\n", ""), (depth.overdue_text, "red")
    return ("\n", ""), (depth.overdue_text, "dim")


class ReachOutTable(DataTable[Text]):
    """The reach-out queue, one person a row with why they are in it; focusable, so Enter
    opens the person and ``n`` logs with them, as ``n`` does on their page."""

    DEFAULT_CSS = """
    ReachOutTable {
        height: 1fr;
        overflow-x: hidden;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings("dashboard")

    names: dict[int, str]

    def __init__(self) -> None:
        super().__init__(id="reach-out-table", cursor_type="row", show_header=False)
        self.names = {}

    def show(self, queue: list[Depth], names: dict[int, str]) -> None:
        """Name on one line, why below it: the panel is narrow and the reason is the point.
        The same people in the same order (most writes move nobody in the queue) update the
        rows that changed in place, and none the same: clearing and refilling the table made
        Textual lay out the whole dashboard again in the frame that shows the scores."""
        self.names = {depth.person_id: names.get(depth.person_id, "?") for depth in queue}
        rows = {
            str(depth.person_id): Text.assemble(
                plain(self.names[depth.person_id], "bold"), *late_or_due(depth)
            )
            for depth in queue
        }
        if list(rows) == [row.key.value for row in self.ordered_rows]:
            for key, cell in rows.items():
                if self.get_cell(key, "who") != cell:
                    self.update_cell(key, "who", cell, update_width=True)
            return
        self.clear(columns=not self.columns)
        if not self.columns:
            self.add_column(Text("Who, and why"), key="who")
        for key, cell in rows.items():
            self.add_row(cell, height=2, key=key)

    def person_id(self) -> int | None:
        """The person under the cursor, if any."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_log_with(self) -> None:
        person = self.person_id()
        if person is None:
            netdash_app(self.screen).action_log()
        else:
            netdash_app(self.screen).action_log(self.names[person], person_id=person)
