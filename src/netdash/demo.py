"""A realistic demo journal, deterministic for a seed and a "today".

``normal`` is about 150 people over two years: a few close friends seen weekly, a long tail seen
once or twice, relationships that faded, group events, some charity work, outcomes and follower
history. ``large`` is the journal DESIGN.md's quality bars are measured on (10,000 people,
200,000 interactions, 2,000 contributions, 1,000 outcomes, six accounts with five years of daily
counts and 1,000,000 follower accounts). Rows are written with ``executemany`` in one transaction,
so even the large journal builds in seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlite_utils import Database

from netdash.domain.models import OUTCOME_KINDS
from netdash.leftovers import written_whole
from netdash.store.db import DEMO_APPLICATION_ID, SQLITE_HEADER, mark_demo, open_db

FIRST = [
    "Ada",
    "Grace",
    "Ana",
    "Bo",
    "Chen",
    "Dara",
    "Eli",
    "Femi",
    "Gita",
    "Hana",
    "Ines",
    "Jun",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tomas",
    "Uma",
    "Vera",
    "Wen",
    "Xavi",
    "Yara",
    "Zoe",
    "Aiko",
    "Bruno",
    "Carmen",
    "Diego",
    "Elif",
    "Farah",
    "Goran",
    "Hugo",
    "Ivana",
    "Jonas",
    "Kira",
    "Luca",
    "Maya",
    "Nikos",
    "Olga",
    "Pablo",
    "Rania",
    "Sofia",
    "Tariq",
    "Ulla",
    "Viktor",
    "Wanjiru",
]
LAST = [
    "Souza",
    "Hopper",
    "Lovelace",
    "Okafor",
    "Nakamura",
    "Haddad",
    "Novak",
    "Fischer",
    "Mensah",
    "Rossi",
    "Kowalski",
    "Silva",
    "Tanaka",
    "Ibrahim",
    "Larsen",
    "Moreau",
    "Petrov",
    "Reyes",
    "Schmidt",
    "Yilmaz",
    "Costa",
    "Dubois",
    "Eriksen",
    "Garcia",
    "Huang",
    "Jensen",
    "Kim",
    "Lindqvist",
    "Mwangi",
    "Nilsen",
    "Ortega",
    "Patel",
    "Quispe",
    "Romero",
    "Sato",
    "Torres",
    "Varga",
    "Weber",
    "Zhang",
    "Alvarez",
    "Bianchi",
    "Chowdhury",
    "Dimitrov",
    "Esposito",
    "Fernandes",
    "Gomez",
    "Hoffmann",
    "Iqbal",
    "Jovanovic",
]
TAGS = [
    "work",
    "family",
    "climbing",
    "neighbours",
    "mentoring",
    "oss",
    "school",
    "book-club",
    "music",
    "volunteering",
]
TOPICS = (
    "her startup",
    "the new job",
    "kids and school",
    "a climbing trip",
    "the conference talk",
    "moving house",
    "open source funding",
    "the book club pick",
    "a side project",
    "burnout",
    "the food bank rota",
    "his thesis",
    "travel plans",
    "a hiring question",
    "the garden",
)
TEMPLATES = {
    "in_person": (
        "coffee, talked about {t}",
        "lunch near the office; {t}",
        "walk in the park, {t}",
        "dinner, long chat about {t}",
    ),
    "call": ("phone call about {t}", "quick call: {t}"),
    "video": ("video call about {t}", "zoom catch-up, {t}"),
    "message": ("messages back and forth about {t}", "sent a note about {t}"),
    "event": ("saw them at the meetup; {t}", "conference hallway chat about {t}"),
    "helped_them": ("helped with {t}", "reviewed their CV for {t}"),
    "helped_me": ("they helped me with {t}", "advice on {t}"),
    "introduction": ("introduced them to a friend re {t}",),
    "other": ("{t}",),
}
KIND_WEIGHTS = {
    "in_person": 30,
    "call": 12,
    "video": 10,
    "message": 25,
    "event": 10,
    "helped_them": 5,
    "helped_me": 4,
    "introduction": 2,
    "other": 2,
}
ORGANISATIONS = (
    ("Riverside Food Bank", "food security", "meals served", "hours"),
    ("Code Club", "education", "kids taught", "hours"),
    ("Urban Tree Trust", "environment", "trees planted", "hours"),
    ("Friends of the Library", "literacy", "books sorted", "hours"),
    ("Shelter Run", "housing", "", "money"),
)
PLATFORMS = ("mastodon", "bluesky", "github", "twitter", "instagram", "linkedin")


@dataclass(frozen=True)
class Scale:
    people: int
    interactions: int
    years: int
    contributions: int
    outcomes: int
    accounts: int
    follower_accounts: int


SCALES = {
    "normal": Scale(150, 1_400, 2, 60, 14, 4, 600),
    "large": Scale(10_000, 200_000, 5, 2_000, 1_000, 6, 1_000_000),
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


def is_demo_journal(path: Path) -> bool:
    """Whether ``path`` is a journal the demo built (read from the file's header, unopened)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_HEADER) and header[68:72] == DEMO_APPLICATION_ID.to_bytes(
        4, "big"
    )


def build_demo(path: Path, *, scale: str = "normal", seed: int = 7, today: date) -> None:
    """Write the demo journal to ``path``, built aside and moved in whole, so no half-built file."""
    with written_whole(path, replace=True, suffix=".partial") as partial:
        partial.unlink()  # open_db builds a new journal only where there is no file
        db = open_db(partial)
        try:
            populate(db, SCALES[scale], seed=seed, today=today)
            mark_demo(db)
        finally:
            db.close()
        for suffix in ("-wal", "-shm"):  # the old demo's, which the new one replaces
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def populate(db: Database, scale: Scale, *, seed: int, today: date) -> None:
    """Fill an empty journal with a deterministic, plausible life."""
    rng = random.Random(seed)
    stamp = f"{today.isoformat()}T09:00:00Z"
    span_days = 365 * scale.years
    start = today - timedelta(days=span_days)

    people_rows: list[tuple[object, ...]] = []
    handle_rows = []
    person_tag_rows = []
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
        people_rows.append(
            (
                person_id,
                name,
                met.isoformat() if met else None,
                rng.choice(
                    [
                        "work",
                        "school",
                        "a meetup",
                        "the climbing gym",
                        "a friend's party",
                        "the food bank",
                        None,
                    ]
                ),
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
                handle_rows.append(
                    (person_id, platform, _handle_for(platform, first, last, number))
                )
        for tag in rng.sample(TAGS, rng.choice([0, 1, 1, 2])):
            person_tag_rows.append((person_id, TAGS.index(tag) + 1))
    for index in range(len(people_rows)):
        if rng.random() < 0.15 and index > 0:
            row = list(people_rows[index])
            row[4] = rng.randint(1, index)  # introduced by someone already known
            people_rows[index] = tuple(row)

    kinds = list(KIND_WEIGHTS)
    kind_weights = list(KIND_WEIGHTS.values())
    interaction_rows = []
    interaction_people_rows = []
    interaction_tag_rows = []
    owners = rng.choices(range(1, scale.people + 1), weights=weights, k=scale.interactions)
    for interaction_id, owner in enumerate(owners, start=1):
        first_day, last_day = windows[owner - 1]
        day = start + timedelta(days=rng.randint(first_day, last_day))
        kind = rng.choices(kinds, kind_weights)[0]
        closeness = closeness_of[owner - 1]
        depth = max(1, min(5, closeness + rng.choice([-1, 0, 0, 1]) - (kind == "message")))
        note = rng.choice(TEMPLATES[kind]).format(t=rng.choice(TOPICS))
        interaction_rows.append(
            (
                interaction_id,
                day.isoformat(),
                kind,
                rng.choices(["me", "them", "mutual"], [5, 4, 2])[0],
                depth,
                note,
                stamp,
            )
        )
        interaction_people_rows.append((interaction_id, owner))
        if kind == "event" or rng.random() < 0.08:
            for other in {rng.randint(1, scale.people) for _ in range(rng.randint(1, 3))}:
                if other != owner:
                    interaction_people_rows.append((interaction_id, other))
        if rng.random() < 0.2:
            interaction_tag_rows.append((interaction_id, rng.randint(1, len(TAGS))))

    with db.atomic():
        db.conn.executemany("INSERT INTO tags(id, name) VALUES (?, ?)", list(enumerate(TAGS, 1)))
        db.conn.executemany(
            "INSERT INTO people(id, name, met_on, how_met, introduced_by, notes, closeness,"
            " cadence_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            people_rows,
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO handles(person_id, platform, handle) VALUES (?, ?, ?)",
            handle_rows,
        )
        db.conn.executemany("INSERT INTO person_tags VALUES (?, ?)", person_tag_rows)
        db.conn.executemany(
            "INSERT INTO interactions(id, occurred_on, kind, initiated_by, depth, note,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            interaction_rows,
        )
        db.conn.executemany("INSERT INTO interaction_people VALUES (?, ?)", interaction_people_rows)
        db.conn.executemany("INSERT INTO interaction_tags VALUES (?, ?)", interaction_tag_rows)
        _community(db, rng, scale, start, span_days, stamp)
        _audience(db, rng, scale, start, span_days, stamp, handle_rows)
        # a generator of its own, so adding contact details left every earlier row as it was
        _contact_details(db, random.Random(seed + 1), people_rows)


WORK = (
    ("Northwind Analytics", "Data Engineer"),
    ("Contoso", "Product Manager"),
    ("Fabrikam", "Designer"),
    ("City Hospital", "Nurse"),
    ("Riverside School", "Teacher"),
    ("Self-employed", "Carpenter"),
)


def _contact_details(
    db: Database, rng: random.Random, people_rows: list[tuple[object, ...]]
) -> None:
    """E-mails, phones, birthdays and work, as an address-book import would leave them; and one
    pair of people sharing an e-mail address, so the duplicate finder has something to find."""
    points = []
    for row in people_rows:
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
        db.execute(
            "UPDATE people SET birthday = ?, company = ?, job_title = ? WHERE id = ?",
            [birthday, company, title, person_id],
        )
    if len(people_rows) >= 2:
        points.append(
            (people_rows[-1][0], "email", points[0][2] if points else "x@example.com", "", 0)
        )
    db.conn.executemany(
        "INSERT OR IGNORE INTO contact_points(person_id, kind, value, label, preferred)"
        " VALUES (?, ?, ?, ?, ?)",
        points,
    )


def _community(
    db: Database, rng: random.Random, scale: Scale, start: date, span_days: int, stamp: str
) -> None:
    db.conn.executemany(
        "INSERT INTO organisations(id, name, cause, created_at) VALUES (?, ?, ?, ?)",
        [(index, name, cause, stamp) for index, (name, cause, _, _) in enumerate(ORGANISATIONS, 1)],
    )
    contributions: list[tuple[object, ...]] = []
    contribution_people = []
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
    db.conn.executemany(
        "INSERT INTO contributions(id, organisation_id, occurred_on, minutes, money_minor,"
        " currency, role, result_quantity, result_unit, note, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        contributions,
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO contribution_people VALUES (?, ?)", contribution_people
    )
    this_year = (start + timedelta(days=span_days)).year
    db.conn.executemany(
        "INSERT INTO goals(year, kind, target, currency, unit, organisation_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (this_year, "hours", "60", None, None, None, stamp),
            (this_year, "result", "400", None, "trees planted", 3, stamp),
            (this_year, "money", "500000", "USD", None, None, stamp),
        ],
    )
    outcome_kinds = [kind for kind in OUTCOME_KINDS if kind != "other"]
    outcomes = []
    credits: list[tuple[object, ...]] = []
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
    db.conn.executemany(
        "INSERT INTO outcomes(id, title, occurred_on, kind, value_minor, value_currency, note,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        outcomes,
    )
    db.conn.executemany(
        "INSERT INTO outcome_credits(outcome_id, person_id, organisation_id, platform, role)"
        " VALUES (?, ?, ?, ?, ?)",
        credits,
    )


def _audience(
    db: Database,
    rng: random.Random,
    scale: Scale,
    start: date,
    span_days: int,
    stamp: str,
    handle_rows: list[tuple[int, str, str]],
) -> None:
    own = {
        "mastodon": "me@example.social",
        "bluesky": "me.example.com",
        "github": "me-example",
        "twitter": "me_example",
        "instagram": "me.example",
        "linkedin": "linkedin.com/in/me",
    }
    count_rows = []
    follower_rows = []
    per_account = scale.follower_accounts // scale.accounts
    for account_id, platform in enumerate(PLATFORMS[: scale.accounts], start=1):
        db.execute(
            "INSERT INTO accounts(id, platform, handle, created_at) VALUES (?, ?, ?, ?)",
            [account_id, platform, own[platform], stamp],
        )
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
        known = [handle for _, plat, handle in handle_rows if plat == platform]
        first = start.isoformat()
        last = (start + timedelta(days=span_days)).isoformat()
        for index in range(per_account):
            if index < len(known) and rng.random() < 0.6:
                handle = known[index]
            else:
                handle = f"follower{index}-{platform}"
            follower_rows.append((account_id, f"{account_id}:{index}", handle, first, last))
    db.conn.executemany(
        "INSERT INTO follower_counts(account_id, observed_at, followers, following, source)"
        " VALUES (?, ?, ?, ?, ?)",
        count_rows,
    )
    db.conn.executemany(
        "INSERT INTO follower_accounts(account_id, remote_id, handle, first_seen, last_seen)"
        " VALUES (?, ?, ?, ?, ?)",
        follower_rows,
    )
