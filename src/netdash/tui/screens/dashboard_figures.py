"""The dashboard's panels as figures: what each number says and how, apart from the screen that
shows them (pure functions of what the store read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from netdash.domain import dates
from netdash.domain.models import AudienceRow, Interaction
from netdash.store.audience import compared_with
from netdash.store.follower_lists import KnownFollowers, known_text
from netdash.store.stats import DepthNumbers, YearNumbers, audience_total, given_words, overlap_text
from netdash.tui.cells import Cell, cell
from netdash.tui.text import count_of, people_text, plain
from netdash.tui.widgets.numbers import Figure

if TYPE_CHECKING:
    from datetime import date

    from netdash.store.depth import TimeBudget


def latest_cells(entry: Interaction, today: date) -> list[Text]:
    """A row of "Latest": when, with whom, what kind, the note. Cells, which draw in about two
    thirds of a Text's time: the whole table is drawn again after each entry logged, in the
    frame the Enter waits for."""
    return [
        Cell(dates.describe(entry.occurred_on, today)),
        cell(people_text(entry.people)),
        Cell(entry.kind_label),
        cell(plain(entry.note, width=30)),
    ]


def _number(value: int) -> Text:
    return Text(f"{value:,}", style="bold")


def depth_figures(numbers: DepthNumbers) -> list[Figure]:
    """The journal's size and recent activity; each opens the people or entries it counts
    (the windows as `depth_numbers` counts them: the last 30 days are today and the 29 before)."""
    return [
        Figure(Text("People in your journal"), _number(numbers.people), "people"),
        Figure(Text("Interactions logged"), _number(numbers.interactions), "journal"),
        Figure(Text("  … in the last 30 days"), _number(numbers.interactions_30d), "journal:30"),
        Figure(Text("  … in the last 90 days"), _number(numbers.interactions_90d), "journal:90"),
        Figure(
            Text("People seen in the last 90 days"), _number(numbers.people_seen_90d), "journal:90"
        ),
    ]


def _delta(row: AudienceRow) -> Text | None:
    """The change alone, "+5" or "-1", for the one-line account of a small terminal."""
    if row.followers is None or row.previous_followers is None:
        return None
    delta = row.followers - row.previous_followers
    if delta == 0:
        return Text("±0", style="dim")
    return Text(f"{delta:+,}", style="green" if delta > 0 else "red")


def _change(row: AudienceRow) -> Text | None:
    """The change since the point before, with that point's date and source: a count typed
    between two imports is what the change is measured against, and the user sees it."""
    delta = _delta(row)
    if delta is None:
        return None
    return Text.assemble("  ", delta, Text(f" {compared_with(row)}", style="dim"))


def breadth_figures(
    rows: list[AudienceRow], known: KnownFollowers | None, *, compact: bool = False
) -> list[Figure]:
    """Each account's followers, its change and the people you know among them (in its latest
    follower list); then the totals, each person counted once. Followers open the Audience
    screen on the account; the people you know open the list of who they are.

    ``compact`` (a small terminal): one line an account, its change beside the name, and the
    people you know only in total, so the panel leaves rows for the reach-out list."""
    listed = {
        (account.platform, account.handle): account
        for account in (known.accounts if known else ())
        if account.list_as_of is not None
    }
    figures: list[Figure] = []
    for row in rows:
        label = Text.assemble(plain(row.platform, "bold"), " ", plain(row.account, "dim"))
        account = listed.get((row.platform, row.account))
        followers = _number(row.followers) if row.followers is not None else Text("?")
        opens = f"account:{account.id}" if account is not None else "audience"
        if compact:
            delta = _delta(row)
            value = Text.assemble(delta, " ", followers) if delta else followers
            figures.append(Figure(label, value, opens))
            continue
        figures.append(Figure(label, followers, opens))
        change = _change(row)
        if change is not None:
            figures.append(Figure(change, Text("")))
        if account is not None:
            line = Text("  " + known_text(account.known_count, row.followers or 0), style="dim")
            figures.append(Figure(line, Text(""), f"known:{account.id}"))
    figures.append(
        Figure(Text("Followers, all platforms"), _number(audience_total(rows)), "audience")
    )
    if known is None:
        figures.append(Figure(Text("People you know: …", style="dim"), Text("")))
    elif compact:
        figures.append(Figure(Text("People you know"), _number(known.people), "known"))
    else:
        figures.append(Figure(Text(known_text(known.people, known.followers)), Text(""), "known"))
    return figures


def this_year_figures(numbers: YearNumbers, *, compact: bool = False) -> list[Figure]:
    """What got done this year and through whom (opens Outcomes), then what community work
    achieved (opens this year's contributions). An outcome can come through several sources
    at once, so the sources can add up to more than the count; the line says so.

    ``compact`` (80 columns): the same numbers in fewer words and one kind of result, so each
    line fits on one row."""
    badge = f" {numbers.year} so far "
    outcomes = Text.assemble((badge, "bold reverse"), " ")
    outcomes.append(count_of(numbers.outcomes, "outcome"), style="bold")
    if numbers.outcomes and compact:
        outcomes.append(
            f": {numbers.network} via people · {numbers.community} via community"
            f" · {numbers.audience} via audience"
        )
        if numbers.overlapping:
            outcomes.append(f" ({numbers.overlapping:,} via several)", style="dim")
    elif numbers.outcomes:
        outcomes.append(
            f" — {numbers.network} through people you know, {numbers.community} through"
            f" community, {numbers.audience} through your audience"
        )
        overlap = overlap_text(numbers.overlapping)
        if overlap:
            outcomes.append(f" ({overlap})", style="dim")
    given = given_words(
        numbers.minutes,
        numbers.money.items(),
        numbers.results.items(),
        most_results=1 if compact else 3,
    )
    work = Text(" " * (len(badge) + 1) + "community work: ")
    work.append_text(plain(", ".join(given) if given else "none logged yet"))
    return [
        Figure(outcomes, Text(""), "outcomes"),
        Figure(work, Text(""), "contributions" if given else None),
    ]


def layer_figures(counts: dict[str, int], budget: TimeBudget) -> list[Figure]:
    """How full each of Dunbar's layers is (each opens People in that layer, closest first),
    and how the last 90 days' time split between them (opens the hours and entries)."""
    from netdash.domain.models import LAYERS

    figures = [
        Figure(
            Text(f"Inner {size}"),
            Text(f"{counts[str(size)]}/{size}", style="bold"),
            f"layer:{size}",
        )
        for size in LAYERS
    ]
    if budget.hours:
        figures.append(
            Figure(
                Text("Time: inner 5 · next 10 (Dunbar 40% · 20%)"),
                Text(f"{budget.inner5:.0%} · {budget.next10:.0%}", style="bold"),
                "time-split",
            )
        )
    return figures
