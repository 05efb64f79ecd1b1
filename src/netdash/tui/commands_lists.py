"""The keys of the lists behind the dashboard's numbers, as rows :mod:`netdash.tui.commands`
turns into its commands (kept here: that module is at its length limit).

A row is (id, keys, screen, action, description, help, key display); an action None is a
widget's own key, documented but not bound.
"""

from __future__ import annotations

LIST_SCREENS = {
    "contributions": "Contributions",
    "contribution": "A contribution",
    "time_split": "Time split",
    "known": "Known followers",
}
"""Screen ids and titles, shown after the Outcomes screen's keys."""

Row = tuple[str, str, str, str | None, str, str, str | None]

LIST_COMMANDS: tuple[Row, ...] = (
    (
        "netdash.community.open",
        "enter",
        "community",
        None,
        "Open",
        "the organisation's contributions this year",
        None,
    ),
    ("netdash.contributions.back", "escape", "contributions", "back", "Back", "back", None),
    (
        "netdash.contributions.open",
        "enter",
        "contributions",
        None,
        "Open",
        "show the contribution",
        None,
    ),
    (
        "netdash.contributions.previous",
        "left_square_bracket",
        "contributions",
        "year(-1)",
        "Year before",
        "the year before",
        "[",
    ),
    (
        "netdash.contributions.next",
        "right_square_bracket",
        "contributions",
        "year(1)",
        "Year after",
        "the year after",
        "]",
    ),
    (
        "netdash.contributions.all",
        "r",
        "contributions",
        "all_organisations",
        "Every organisation",
        "every organisation, not one",
        None,
    ),
    ("netdash.contribution.close", "escape,q", "contribution", "close", "Close", "close", None),
    ("netdash.time_split.back", "escape", "time_split", "back", "Back", "back", None),
    (
        "netdash.time_split.open",
        "enter",
        "time_split",
        None,
        "Open",
        "open the entry's first person",
        None,
    ),
    ("netdash.known.back", "escape", "known", "back", "Back", "back", None),
    ("netdash.known.open", "enter", "known", None, "Open", "open the person", None),
)
