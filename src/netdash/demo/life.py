"""The demo's life, generated: who the people are, how often they are seen, what they give
and who follows. Plain rows, no SQL: :mod:`netdash.store.demo_data` writes them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from netdash.demo.words import (
    FIRST,
    KIND_WEIGHTS,
    LAST,
    ORGANISATIONS,
    PLATFORMS,
    TAGS,
    TEMPLATES,
    TOPICS,
    WORK,
)
from netdash.domain.vocabulary import OUTCOME_KINDS
from netdash.store.demo_data import DemoRows, write_demo_rows


@dataclass(frozen=True)
class Scale:
    people: int
    interactions: int
    years: int
    contributions: int
    outcomes: int
    accounts: int
    follower_accounts: int


def large_for(people: int) -> Scale:
    """The large journal's proportions for ``people``: twenty entries each, the same five years,
    community work and audience (those belong to the journal's owner, not to how many people they
    know), so a benchmark at 50,000 people differs from the 10,000 one only in the people."""
    return Scale(people, 20 * people, 5, 2_000, 1_000, 6, 1_000_000)


SCALES = {
    "normal": Scale(150, 1_400, 2, 60, 14, 4, 600),
    "large": large_for(10_000),
    "huge": large_for(50_000),
}


def _handle_for(platform: str, first: str, last: str, number: int) -> str:
    base = f"{first}{last}".lower() if number == 0 else f"{first}{last}{number}".lower()
    return {
        "mastodon": f"{base}@example.social",
        "bluesky": f"{base}.example.com",
        "github": f"{first[0]}{last}{number or ''}".lower(),
        "twitter": f"{first}_{last}{number or ''}".lower(),
        "instagram": f"{first}.{last}{number or ''}".lower(),
        "linkedin": f"linkedin.com/in/{first}-{last}-{number}".lower(),
    }[platform]


def populate(db: Database, scale: Scale, *, seed: int, today: date) -> None:
    """Fill an empty journal with a deterministic, plausible life; the normal demo also gets
    history imported from a chat and a calendar, as a user's first imports would give."""
    rows = demo_rows(scale, seed=seed, today=today)
    write_demo_rows(db, rows)
    if scale == SCALES["normal"]:
        from netdash.demo.backfilled import backfill_demo

        backfill_demo(db, rows, today, seed)


def demo_rows(scale: Scale, *, seed: int, today: date) -> DemoRows:
    """Every row of the demo journal, generated in a fixed order from one seed: a change here
    that draws one more number changes every row after it."""
    rng = random.Random(seed)
    stamp = f"{today.isoformat()}T09:00:00Z"
    span_days = 365 * scale.years
    start = today - timedelta(days=span_days)
    rows = DemoRows(tags=[(tag_id, tag) for tag_id, tag in enumerate(TAGS, 1)])
    weights, closeness_of, windows = _people(rows, rng, scale, start, span_days, stamp)
    _journal(rows, rng, scale, start, stamp, (weights, closeness_of, windows))
    _community(rows, rng, scale, start, span_days, stamp)
    _audience(rows, rng, scale, start, span_days, stamp)
    # a generator of its own, so adding contact details left every earlier row as it was
    _contact_details(rows, random.Random(seed + 1))
    _looking_ahead(rows, random.Random(seed + 2), today, stamp)
    return rows


_FOLLOW_UPS = (
    (1, "the intro to the design team"),
    (4, "the book draft"),
    (11, "the food bank rota"),
)
"""Days ahead and what about: the demo's promises, all made today (so none is done yet)."""


def _looking_ahead(rows: DemoRows, rng: random.Random, today: date, stamp: str) -> None:
    """What the demo shows of looking ahead: a few close people with a cadence and a worst,
    two aliases the log line finds, and follow-ups due in the coming days."""
    close = [int(str(row[0])) for row in rows.people if row[6] in (4, 5)]
    rng.shuffle(close)
    for person_id, (ideal, worst) in zip(close, ((14, 21), (28, 42), (7, 14)), strict=False):
        rows.cadences.append((ideal, worst, person_id))
    for person_id, alias in zip(close[3:], ("my neighbour", "the landlord"), strict=False):
        rows.person_aliases.append((person_id, alias))
    for person_id, (ahead, about) in zip(close[5:], _FOLLOW_UPS, strict=False):
        due = today + timedelta(days=ahead)
        rows.follow_ups.append((person_id, due.isoformat(), about, today.isoformat(), stamp))


_HOW_MET = ["work", "school", "a meetup", "the climbing gym", "a friend's party", "the food bank"]


def _people(
    rows: DemoRows, rng: random.Random, scale: Scale, start: date, span_days: int, stamp: str
) -> tuple[list[float], list[int], list[tuple[int, int]]]:
    """People, their handles and tags; returns each one's share of the journal (weight), their
    closeness and the window of days they are in touch."""
    weights = []
    closeness_of: list[int] = []
    windows = []
    names_seen: dict[tuple[str, str], int] = {}
    for person_id in range(1, scale.people + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        number = names_seen.get((first, last), 0)
        names_seen[(first, last)] = number + 1
        name = f"{first} {last}" if number == 0 else f"{first} {chr(65 + number % 26)}. {last}"
        closeness = rng.choices([5, 4, 3, 2, 1, None], [2, 4, 8, 12, 10, 64])[0]
        closeness_of.append(closeness or 1)
        met = start - timedelta(days=rng.randint(0, 365 * 8)) if rng.random() < 0.7 else None
        how_met = rng.choice([*_HOW_MET, None])
        rows.people.append(
            # id, name, met_on, how_met, introduced_by, notes, closeness, cadence, created, updated
            (
                person_id,
                name,
                met.isoformat() if met else None,
                how_met,
                None,
                "",
                closeness,
                None,
                stamp,
                stamp,
            )
        )
        # a few close people carry most of the contact, as in real lives
        weight = {5: 40.0, 4: 15.0, 3: 6.0, 2: 2.5, 1: 1.0}.get(closeness or 0, 0.6)
        weights.append(weight * rng.uniform(0.5, 1.5))
        fade = rng.random()
        first_day = rng.randint(0, span_days // 2) if fade < 0.3 else 0
        last_day = rng.randint(span_days // 3, span_days) if fade > 0.75 else span_days
        windows.append((first_day, max(first_day + 1, last_day)))
        for platform in PLATFORMS[: scale.accounts]:
            if rng.random() < {"mastodon": 0.4, "github": 0.3, "bluesky": 0.25}.get(platform, 0.15):
                rows.handles.append(
                    (person_id, platform, _handle_for(platform, first, last, number))
                )
        for tag in rng.sample(TAGS, rng.choice([0, 1, 1, 2])):
            rows.person_tags.append((person_id, TAGS.index(tag) + 1))
    for index in range(len(rows.people)):
        if rng.random() < 0.15 and index > 0:
            row = list(rows.people[index])
            row[4] = rng.randint(1, index)  # introduced by someone already known
            rows.people[index] = tuple(row)
    return weights, closeness_of, windows


def _journal(
    rows: DemoRows,
    rng: random.Random,
    scale: Scale,
    start: date,
    stamp: str,
    people: tuple[list[float], list[int], list[tuple[int, int]]],
) -> None:
    """Interactions, each with the person it is mostly with, sometimes others, sometimes a tag."""
    weights, closeness_of, windows = people
    kinds = list(KIND_WEIGHTS)
    kind_weights = list(KIND_WEIGHTS.values())
    owners = rng.choices(range(1, scale.people + 1), weights=weights, k=scale.interactions)
    for interaction_id, owner in enumerate(owners, start=1):
        first_day, last_day = windows[owner - 1]
        day = start + timedelta(days=rng.randint(first_day, last_day))
        kind = rng.choices(kinds, kind_weights)[0]
        closeness = closeness_of[owner - 1]
        depth = max(1, min(5, closeness + rng.choice([-1, 0, 0, 1]) - (kind == "message")))
        note = rng.choice(TEMPLATES[kind]).format(t=rng.choice(TOPICS))
        initiated_by = rng.choices(["me", "them", "mutual"], [5, 4, 2])[0]
        rows.interactions.append(
            (interaction_id, day.isoformat(), kind, initiated_by, depth, note, stamp)
        )
        rows.interaction_people.append((interaction_id, owner))
        if kind == "event" or rng.random() < 0.08:
            for other in {rng.randint(1, scale.people) for _ in range(rng.randint(1, 3))}:
                if other != owner:
                    rows.interaction_people.append((interaction_id, other))
        if rng.random() < 0.2:
            rows.interaction_tags.append((interaction_id, rng.randint(1, len(TAGS))))


def _contact_details(rows: DemoRows, rng: random.Random) -> None:
    """E-mails, phones, birthdays and work, as an address-book import would leave them; and one
    pair of people sharing an e-mail address, so the duplicate finder has something to find."""
    points = rows.contact_points
    for row in rows.people:
        person_id, name = row[0], str(row[1])
        slug = ".".join(name.lower().replace(".", "").split())
        if rng.random() < 0.6:
            points.append((person_id, "email", f"{slug}@example.com", "home", 1))
        if rng.random() < 0.4:
            points.append(
                (
                    person_id,
                    "phone",
                    f"+1 555 01{rng.randint(0, 99):02d} {rng.randint(1000, 9999)}",
                    "cell",
                    0,
                )
            )
        birthday = None
        if rng.random() < 0.5:
            day = date(2000, 1, 1) + timedelta(days=rng.randint(0, 365))
            year = rng.randint(1960, 2002)
            no_year = rng.random() < 0.3 or f"{day:%m-%d}" == "02-29"
            birthday = f"--{day:%m-%d}" if no_year else f"{year}-{day:%m-%d}"
        company, title = rng.choice(WORK) if rng.random() < 0.5 else (None, None)
        rows.people_details.append((birthday, company, title, person_id))
    if len(rows.people) >= 2:
        points.append(
            (rows.people[-1][0], "email", points[0][2] if points else "x@example.com", "", 0)
        )


def _community(
    rows: DemoRows, rng: random.Random, scale: Scale, start: date, span_days: int, stamp: str
) -> None:
    rows.organisations.extend(
        (index, name, cause, stamp) for index, (name, cause, _, _) in enumerate(ORGANISATIONS, 1)
    )
    contributions = rows.contributions
    contribution_people = rows.contribution_people
    for contribution_id in range(1, scale.contributions + 1):
        org = rng.randint(1, len(ORGANISATIONS))
        _, _, unit, mode = ORGANISATIONS[org - 1]
        day = start + timedelta(days=rng.randint(0, span_days))
        if mode == "money":
            amount = rng.randint(2, 60) * 2500
            contributions.append(
                (
                    contribution_id,
                    org,
                    day.isoformat(),
                    0,
                    amount,
                    "USD",
                    "fundraiser",
                    None,  # the money raised is the result: no separate quantity
                    None,
                    "",
                    stamp,
                )
            )
        else:
            minutes = rng.choice([60, 90, 120, 180, 240])
            quantity = max(1, int(minutes / 60 * rng.uniform(5, 30)))
            contributions.append(
                (
                    contribution_id,
                    org,
                    day.isoformat(),
                    minutes,
                    0,
                    None,
                    "volunteer",
                    str(quantity),
                    unit,
                    "",
                    stamp,
                )
            )
        if rng.random() < 0.4:
            contribution_people.append((contribution_id, rng.randint(1, scale.people)))
    this_year = (start + timedelta(days=span_days)).year
    rows.goals.extend(
        [
            (this_year, "hours", "60", None, None, None, stamp),
            (this_year, "result", "400", None, "trees planted", 3, stamp),
            (this_year, "money", "500000", "USD", None, None, stamp),
        ]
    )
    _outcomes(rows, rng, scale, start, span_days, stamp)


def _outcomes(
    rows: DemoRows, rng: random.Random, scale: Scale, start: date, span_days: int, stamp: str
) -> None:
    outcome_kinds = [kind for kind in OUTCOME_KINDS if kind != "other"]
    outcomes = rows.outcomes
    credits = rows.outcome_credits
    for outcome_id in range(1, scale.outcomes + 1):
        kind = rng.choice(outcome_kinds)
        day = start + timedelta(days=rng.randint(0, span_days))
        outcomes.append(
            (
                outcome_id,
                f"{kind.replace('_', ' ').capitalize()} #{outcome_id}",
                day.isoformat(),
                kind,
                None,
                None,
                "",
                stamp,
            )
        )
        source = rng.choices(["person", "organisation", "platform"], [6, 2, 2])[0]
        if source == "person":
            credits.append(
                (
                    outcome_id,
                    rng.randint(1, scale.people),
                    None,
                    None,
                    rng.choice(["introduced", "referred", "advised", "collaborated"]),
                )
            )
        elif source == "organisation":
            credits.append((outcome_id, None, rng.randint(1, len(ORGANISATIONS)), None, ""))
        else:
            credits.append((outcome_id, None, None, rng.choice(PLATFORMS[: scale.accounts]), ""))


def _audience(
    rows: DemoRows, rng: random.Random, scale: Scale, start: date, span_days: int, stamp: str
) -> None:
    own = {
        "mastodon": "me@example.social",
        "bluesky": "me.example.com",
        "github": "me-example",
        "twitter": "me_example",
        "instagram": "me.example",
        "linkedin": "linkedin.com/in/me",
    }
    count_rows = rows.follower_counts
    follower_rows = rows.follower_accounts
    per_account = scale.follower_accounts // scale.accounts
    for account_id, platform in enumerate(PLATFORMS[: scale.accounts], start=1):
        rows.accounts.append((account_id, platform, own[platform], stamp))
        followers = rng.randint(200, 2_500)
        following = rng.randint(80, 300)
        growth = rng.uniform(0.5, 4.0) * max(1.0, per_account / 600)
        previous = None
        for day_index in range(span_days + 1):
            followers = max(0, followers + round(rng.gauss(growth, 2 + growth)))
            if rng.random() < 0.05:
                following += rng.choice([-1, 1, 2])
            if (followers, following) != previous:
                day = start + timedelta(days=day_index)
                count_rows.append(
                    (account_id, f"{day.isoformat()}T23:59:59Z", followers, following, "demo")
                )
                previous = (followers, following)
        known = [handle for _, plat, handle in rows.handles if plat == platform]
        first = start.isoformat()
        last = (start + timedelta(days=span_days)).isoformat()
        for index in range(per_account):
            if index < len(known) and rng.random() < 0.6:
                handle = known[index]
            else:
                handle = f"follower{index}-{platform}"
            follower_rows.append((account_id, f"{account_id}:{index}", handle, first, last))
