"""The year in review, in Markdown: depth, community and outcomes beside follower change.

Everything typed by the user (names, organisations, titles) is escaped, so a name like
"[b]Bob[/b]" reads as typed in any Markdown viewer, and its control characters are shown, never
obeyed: the Markdown is printed to terminals (``netdash review``, ``cat``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from contextlib import closing
from datetime import date

from sqlite_utils import Database

from netdash.domain.quantities import hours_text
from netdash.domain.scoring import DepthSettings, layered
from netdash.domain.vocabulary import LAYERS
from netdash.domain.words import count_of
from netdash.inert import inert, inert_line
from netdash.store.community import OrganisationSummary, organisation_summaries
from netdash.store.db import user_revision
from netdash.store.depth import cached_depth
from netdash.store.document import Row, first_met_between, follower_change, outcomes_between
from netdash.store.stats import YearNumbers, given_words, overlap_text, year_numbers
from netdash.store.tx import one_snapshot
from netdash.store.year_hours import hours_of, layer_units, most_time
from netdash.threads import in_thread

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")  # what can turn text into markup mid-line


def md(text: str) -> str:
    """User text made literal in Markdown, on one line, its control characters made visible.
    (Escaped first: the ``\\u009b`` that :func:`inert_line` writes reads as typed.)"""
    return inert_line(_SPECIAL.sub(r"\\\1", text))


def year_review(
    db: Database,
    year: int,
    today: date,
    settings: DepthSettings,
    *,
    layers: Mapping[int, int] | None = None,
    reader: Callable[[], Database] | None = None,
) -> str:
    """The review of ``year`` in Markdown. ``layers`` (person id to layer, the layered alone)
    are today's when the caller holds them (the app's scores): else read from the depth cache.
    ``reader`` opens a second connection to the journal, on which the people's reads run in a
    thread beside the others: SQLite lets go of the GIL as it reads, so two cores share the
    work (0.1 s of the 0.2 s the large journal's year takes)."""
    start, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
    lines = [f"# {year} in review", ""]
    # SQL first, Python after: in the TUI this runs in a worker just after the screen's first
    # frame, and a worker holding the GIL then (the depth cache's 10,000 rows made objects)
    # stalls the frames the screen is still settling
    with one_snapshot(db):
        revision = user_revision(db)  # this snapshot's, which the aside's must match
        aside = _people_aside(reader, start, end)
        if layers is None:
            layers = _layered(db, year, today, settings)
        interactions, time_lines = _time_together(db, start, end, layers)
        seen, people_reads = _aside_result(aside)
        if people_reads is None or seen != revision:  # none aside, or a write came between
            people_reads = _people_reads(db, start, end)
        new_people, people, deepest = people_reads
        numbers = year_numbers(db, year)
        worked = [s for s in organisation_summaries(db, year) if s.this_year.contributions]
        outcomes = outcomes_between(db, start, end)
        changes = follower_change(db, start, end + "T23:59:59Z")
    lines += [
        "## People",
        "",
        f"- {count_of(interactions, 'interaction')} with {count_of(people, 'person', 'people')}.",
        f"- {count_of(len(new_people), 'person', 'people')} met for the first time"
        + (": " + ", ".join(md(name) for name in new_people[:12]) if new_people else "")
        + (f" and {len(new_people) - 12} more" if len(new_people) > 12 else "")
        + ".",
    ]
    lines += _time_lines(time_lines, deepest)
    lines += _beyond_people(worked, numbers, outcomes, changes, start)
    return inert("\n".join(lines))  # md() made user text inert; this catches any left over


def _beyond_people(
    worked: list[OrganisationSummary],
    numbers: YearNumbers,
    outcomes: list[tuple[str, str, str]],
    changes: Sequence[Row],
    start: str,
) -> list[str]:
    """The review's community, outcome and audience sections, from what its snapshot read."""
    lines = ["", "## Community and charity", ""]
    if not worked:
        lines.append("- No contributions logged.")
    for summary in worked:
        totals = summary.this_year
        units = [(md(unit), quantity) for unit, quantity in totals.results]  # user text
        given = given_words(totals.minutes, totals.money, units)
        lines.append(f"- **{md(summary.name)}**: {', '.join(given)}.")
    lines += ["", "## Outcomes", ""]
    lines.append(
        f"- {count_of(numbers.outcomes, 'outcome')}: {numbers.network} through people you know,"
        f" {numbers.community} through your community, {numbers.audience} through your audience."
        + (f" ({overlap_text(numbers.overlapping)}.)" if numbers.overlapping else "")
    )
    for title, day, kind in outcomes:
        lines.append(f"  - {day}: {md(title)} ({kind.replace('_', ' ')})")
    lines += ["", "## Audience", ""]
    if not changes:
        lines.append("- No follower counts recorded.")
    for platform, handle, before, before_at, after, after_at in changes:
        if after is None:
            continue
        change = _change(before, before_at, after, after_at, start)
        lines.append(f"- {platform} {md(handle)}: {after:,} followers{change}.")
    lines.append("")
    return lines


def _change(
    before: int | None, before_at: str | None, after: int, after_at: str, start: str
) -> str:
    """The year's follower change; from the year's first count when none came before the year."""
    if before is None or before_at is None or before_at == after_at:
        return ""
    since = "this year" if before_at < start else f"since {before_at[:10]}"
    return f" ({after - before:+,} {since})"


PeopleReads = tuple[list[str], int, list[tuple[str, int]]]
"""Names of the people met in the year, how many had entries, and the five with the most time
(name, minutes)."""


def _people_reads(db: Database, start: str, end: str) -> PeopleReads:
    people, deepest = most_time(db, start, end)
    return first_met_between(db, start, end), people, deepest


def _people_aside(
    reader: Callable[[], Database] | None, start: str, end: str
) -> Future[tuple[int, PeopleReads]] | None:
    """The people's reads started in a thread on a connection of its own (None without
    ``reader``), with the revision of the journal they read: the caller compares it with its
    own snapshot's and reads again itself when a write landed between the two."""
    if reader is None:
        return None

    def read() -> tuple[int, PeopleReads]:
        with closing(reader()) as db, one_snapshot(db):
            return user_revision(db), _people_reads(db, start, end)

    return in_thread(read, "review-people")


def _aside_result(
    aside: Future[tuple[int, PeopleReads]] | None,
) -> tuple[int, PeopleReads | None]:
    """The aside's revision and reads; none when there was none or it failed (its connection
    refused, say): the first connection reads them, and fails the review only if it fails too."""
    if aside is None or aside.exception() is not None:
        return -1, None
    return aside.result()


def _layered(db: Database, year: int, today: date, settings: DepthSettings) -> dict[int, int]:
    """The people in a layer (at most 150) and theirs, from the depth cache."""
    return layered(cached_depth(db, min(today, date(year, 12, 31)), settings))


def _time_together(
    db: Database, start: str, end: str, layered: Mapping[int, int]
) -> tuple[int, list[str]]:
    """The entries of the year, and how its hours with people spread over the depth layers.

    "Inner 15" includes the inner 5, as in ``stats`` and the dashboard's layer counts; an
    entry's time counts once in each layer one of its people is in; anyone not in
    ``layered`` counts as "others". SQLite adds the entries up
    (:mod:`netdash.store.year_hours`): Python sees a few rows, not one per entry and person."""
    lines: list[str] = []
    by_layer: dict[int, int] = {}
    total = entries = 0
    for innermost, outside, units, count in layer_units(db, start, end, layered):
        total, entries = total + units, entries + count
        buckets = [size for size in LAYERS if innermost and innermost <= size]
        for bucket in buckets + ([0] if outside else []):
            by_layer[bucket] = by_layer.get(bucket, 0) + units
    if total:
        shares = ", ".join(
            f"inner {layer}: {by_layer.get(layer, 0) / total:.0%}" for layer in LAYERS
        )
        lines.append(
            f"- Time together, about {hours_text(hours_of(total))}: {shares} (each layer includes"
            f" the ones inside it), others {by_layer.get(0, 0) / total:.0%} (Dunbar: about 40%"
            " goes to the inner 5)."
        )
    return entries, lines


def _time_lines(time_lines: list[str], deepest: list[tuple[str, int]]) -> list[str]:
    """The time together's lines, and who had the most."""
    if not deepest:
        return time_lines
    most = ", ".join(f"{md(name)} ({hours_text(hours_of(units))})" for name, units in deepest)
    return [*time_lines, f"- Most time with: {most}."]
