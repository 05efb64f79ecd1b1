"""The Audience screen's accounts table, sized to the terminal.

Every column together is 145 cells wide: on an 80- or 100-column terminal the last ones were cut
off, Known (the people you know) among them. The table shows the columns that fit, the most
telling first, and the chosen account's detail panel says whatever the table left out.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from netdash.domain import dates
from netdash.store.audience import AccountSummary, compared_with
from netdash.store.follower_lists import KnownAccount
from netdash.tui.text import plain

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("Platform", "platform", 9),
    ("Account", "account", 22),
    ("Followers", "followers", 9),
    ("Change", "change", 7),
    ("Compared with", "compared", 26),
    ("Following", "following", 9),
    ("As of", "as_of", 10),
    ("Source", "source", 16),
    ("Known", "known", 7),
    ("Imported", "imported", 10),
)
"""Label, key and width of every column, in the order they are shown."""

PRIORITY = (
    "platform",
    "account",
    "followers",
    "change",
    "known",
    "as_of",
    "compared",
    "following",
    "source",
    "imported",
)
"""Which columns a narrow terminal keeps first: which account, its count and change, and the
people you know in it; the rest are said in the detail panel."""

PADDING = 2
"""A DataTable column's cell padding, one each side."""

SCROLLBAR = 2
"""Room kept for the table's vertical scrollbar."""


def shown_columns(width: int) -> tuple[str, ...]:
    """The keys of the columns that fit ``width`` cells, in the table's order: each in turn of
    :data:`PRIORITY` if it still fits (a wide one left out does not stop a narrow one after it)."""
    widths = {key: size + PADDING for _, key, size in COLUMNS}
    room, chosen = width - SCROLLBAR, set()
    for key in PRIORITY:
        if widths[key] <= room:
            chosen.add(key)
            room -= widths[key]
    return tuple(key for _, key, _ in COLUMNS if key in chosen)


def row_cells(
    summary: AccountSummary, known: KnownAccount | None, counted: bool, today: date
) -> dict[str, Text]:
    """Every column's cell for one account, by key; ``counted`` once the known followers are."""
    latest = summary.latest
    change = Text("")
    if latest and latest.followers is not None and latest.previous_followers is not None:
        delta = latest.followers - latest.previous_followers
        change = Text(f"{delta:+,}", style="green" if delta > 0 else "red" if delta else "dim")
    return {
        "platform": plain(summary.platform, "bold"),
        "account": plain(summary.handle),
        "followers": Text(
            f"{latest.followers:,}" if latest and latest.followers is not None else "—"
        ),
        "change": change,
        "compared": Text(compared_with(latest) if latest else "", "dim"),
        "following": Text(
            f"{latest.following:,}" if latest and latest.following is not None else "—"
        ),
        "as_of": Text(latest.as_of[:10] if latest else "—"),
        "source": plain(latest.source if latest else "", "dim"),
        "known": known_cell(known) if counted else Text("…", "dim"),
        "imported": Text(imported_words(summary, today), style="dim"),
    }


def imported_words(summary: AccountSummary, today: date) -> str:
    if not summary.last_import:
        return "never"
    return dates.describe(date.fromisoformat(summary.last_import[:10]), today)


def known_cell(account: KnownAccount | None) -> Text:
    """People you know in the account's latest follower list; a dash with no list imported."""
    if account is None or account.list_as_of is None:
        return Text("—", style="dim")
    return Text(f"{len(account.known):,}")


def left_out(summary: AccountSummary, shown: tuple[str, ...], today: date) -> str | None:
    """What the table has no room for about the latest count, in one line for the detail
    panel ("since 2026-11-24 (import) · following 174 · from demo · imported never"); None
    when the table shows it all."""
    latest = summary.latest
    parts = []
    if "compared" not in shown and latest and compared_with(latest):
        parts.append(compared_with(latest))
    if "following" not in shown and latest and latest.following is not None:
        parts.append(f"following {latest.following:,}")
    if "as_of" not in shown and latest:
        parts.append(f"as of {latest.as_of[:10]}")
    if "source" not in shown and latest and latest.source:
        parts.append(f"from {latest.source}")
    if "imported" not in shown:
        parts.append(f"imported {imported_words(summary, today)}")
    return " · ".join(parts) or None


def names_within(names: list[str], room: int) -> str:
    """``names`` joined by commas, as many as fit ``room`` characters, then "and N more": a
    list of 200 people you know would push the history chart off a short terminal."""
    if not names:
        return "nobody yet"
    if len(", ".join(names)) <= room:
        return ", ".join(names)
    shown: list[str] = []
    used = 0
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        tail = len(f" and {rest:,} more") if rest else 0
        cost = len(name) + (2 if shown else 0)
        if shown and used + cost + tail > room:
            return ", ".join(shown) + f" and {len(names) - len(shown):,} more"
        shown.append(name)
        used += cost
    return ", ".join(shown)
