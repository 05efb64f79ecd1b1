"""Write screenshots/*.svg: every screen of the demo journal, as a user sees it at 120x36, and
the main screens at 80x24 (a standard terminal: ``dashboard-80x24.svg``).

    python scripts/screenshots.py [--png]

Deterministic: the demo journal (seed 7) and "today" (2026-11-26) are fixed, so a change in the
pictures is a change in the UI. ``--png`` also converts each SVG with rsvg-convert, for looking.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from sqlite_utils import Database
from textual.pilot import Pilot

TODAY = date(2026, 11, 26)
SIZE = (120, 36)
OUT = Path(__file__).resolve().parent.parent / "screenshots"


def linkedin_connections(db: Database) -> None:
    """A LinkedIn Connections.csv of some demo people and some strangers, imported for real."""
    import csv
    import tempfile

    from netdash.importers.registry import open_export
    from netdash.store.connections import list_connections, promote_connections
    from netdash.store.imports import import_snapshot

    people = [row[0] for row in db.execute("SELECT name FROM people ORDER BY id LIMIT 9")]
    strangers = [
        "Amara Okafor", "Bruno Costa", "Chen Wei", "Dana Levi", "Elif Demir", "Farah Haddad",
        "Goran Novak", "Hana Sato", "Ivan Petrov", "Julia Santos", "Kofi Mensah", "Lea Dubois",
    ]  # fmt: skip
    work = [
        ("Contoso", "Product Manager"), ("Fabrikam", "Designer"), ("Northwind", "Data Engineer"),
        ("Tailspin", "Founder"), ("Litware", "Recruiter"), ("Adatum", "Head of Partnerships"),
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Connections.csv"
        with path.open("w", newline="") as out:
            out.write('Notes:\n"When exporting your connection data…"\n\n')
            writer = csv.writer(out)
            writer.writerow(
                ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                 "Connected On"]
            )  # fmt: skip
            for index, name in enumerate(people + strangers):
                first, _, last = name.partition(" ")
                company, position = work[index % len(work)]
                slug = name.lower().replace(" ", "-").replace(".", "")
                day = date(2026 - index % 7, 1 + index % 12, 1 + (index * 7) % 28)
                writer.writerow(
                    [first, last, f"https://www.linkedin.com/in/{slug}", "", company, position,
                     day.strftime("%d %b %Y")]
                )  # fmt: skip
        with open_export(path, "linkedin") as snapshot:
            import_snapshot(db, snapshot, file_name=path.name, sha256="demo", account="me")
    chosen = [c for c in list_connections(db) if c.name in people[:5]]
    promote_connections(db, chosen)


async def shoot(
    name: str,
    steps: Callable[..., Awaitable[None]],
    *,
    empty: bool = False,
    prepare: Callable[[Database], None] | None = None,
    size: tuple[int, int] = SIZE,
) -> Path:
    from textual.widgets import Input

    from netdash.demo import SCALES, populate
    from netdash.store.db import memory_db
    from netdash.tui.app import NetdashApp

    db = memory_db()
    if not empty:
        populate(db, SCALES["normal"], seed=7, today=TODAY)
    if prepare is not None:
        prepare(db)
    app = NetdashApp(db, watch_interval=0, title="netdash")
    app.sub_title = "demo journal"
    async with app.run_test(size=size) as pilot:
        await settle(pilot)  # the scores, the history and the known followers arrive
        await steps(pilot)
        await settle(pilot)
        for widget in app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause(0.3)
        path = Path(app.save_screenshot(f"{name}.svg", str(OUT)))
    db.close()
    return path


async def settle(pilot: Pilot[None], timeout: float = 20.0) -> None:
    """Wait until the background work a screen starts has landed and been drawn: the scores
    are in and no worker is left unfinished (one still pending counts, not only a running
    one). Raises rather than shoot a screen still loading when that takes over ``timeout``."""
    app = pilot.app
    waited = 0.0
    await pilot.pause(0.3)
    while getattr(app, "depths", None) is None or any(not w.is_finished for w in app.workers):
        if waited >= timeout:
            busy = [w.name for w in app.workers if not w.is_finished]
            raise TimeoutError(f"still loading after {timeout:.0f} s (workers: {busy})")
        await pilot.pause(0.1)
        waited += 0.1
    await pilot.pause(0.2)


async def nothing(pilot: Pilot[None]) -> None:
    return None


async def history(pilot: Pilot[None]) -> None:
    await pilot.press("h")


async def time_split(pilot: Pilot[None]) -> None:
    from netdash.tui.app import NetdashApp

    assert isinstance(pilot.app, NetdashApp)
    pilot.app.show_time_split()


async def contributions(pilot: Pilot[None]) -> None:
    from netdash.tui.app import NetdashApp

    assert isinstance(pilot.app, NetdashApp)
    pilot.app.show_contributions()


async def known_followers(pilot: Pilot[None]) -> None:
    from netdash.tui.app import NetdashApp

    assert isinstance(pilot.app, NetdashApp)
    await pilot.app.show_known_followers()


async def people_by_score(pilot: Pilot[None]) -> None:
    from netdash.tui.app import NetdashApp

    assert isinstance(pilot.app, NetdashApp)
    pilot.app.show_people(layer=15, sort="score")


async def people(pilot: Pilot[None]) -> None:
    await pilot.press("p")


async def person(pilot: Pilot[None]) -> None:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("s", "enter")


async def person_why(pilot: Pilot[None]) -> None:
    await person(pilot)
    await pilot.pause()
    await pilot.press("w")


async def log_form(pilot: Pilot[None]) -> None:
    await pilot.press("n", *"Jonas J")
    await pilot.pause(0.3)


async def journal(pilot: Pilot[None]) -> None:
    await pilot.press("j")


async def audience(pilot: Pilot[None]) -> None:
    await pilot.press("a")
    await pilot.pause(0.3)


async def community(pilot: Pilot[None]) -> None:
    await pilot.press("c")


async def outcomes(pilot: Pilot[None]) -> None:
    await pilot.press("u")


async def review(pilot: Pilot[None]) -> None:
    await pilot.press("v")
    await pilot.pause(0.3)


async def duplicates(pilot: Pilot[None]) -> None:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause(0.3)


async def person_form(pilot: Pilot[None]) -> None:
    await person(pilot)
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause(0.3)


async def connections(pilot: Pilot[None]) -> None:
    await pilot.press("a")
    await pilot.pause(0.3)
    await pilot.press("l")
    await pilot.pause(0.3)


async def contribution_edit(pilot: Pilot[None]) -> None:
    await contributions(pilot)
    await pilot.pause(0.3)
    await pilot.press("e")
    await pilot.pause(0.3)


async def goal_form(pilot: Pilot[None]) -> None:
    await community(pilot)
    await pilot.pause(0.3)
    await pilot.press("G")
    await pilot.pause(0.3)


async def vouch_form(pilot: Pilot[None]) -> None:
    await person(pilot)
    await pilot.pause(0.3)
    await pilot.press("V")
    await pilot.pause(0.3)


async def search(pilot: Pilot[None]) -> None:
    """The one search (``/``), typed from the dashboard: people first, then the entries."""
    await pilot.press("slash", *"food bank")
    await pilot.pause(0.3)


async def strangers(pilot: Pilot[None]) -> None:
    """Who's this?: the people the demo's chats and calendar mention who are not in it."""
    await pilot.press("k")
    await settle(pilot)


async def import_form(pilot: Pilot[None]) -> None:
    """The import form over Audience, where `i` opens it: pushed here, as `i` refuses the
    screenshots' in-memory journal ("Imports need a journal file")."""
    from netdash.tui.screens.import_form import ImportForm

    await pilot.press("a")
    await settle(pilot)
    await pilot.app.push_screen(ImportForm())
    await pilot.pause(0.3)


async def help_screen(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


SHOTS: list[tuple[str, Callable[..., Awaitable[None]], bool]] = [
    ("dashboard", nothing, False),
    ("dashboard-empty", nothing, True),
    ("log-form", log_form, False),
    ("people", people, False),
    ("people-inner-15", people_by_score, False),
    ("history", history, False),
    ("time-split", time_split, False),
    ("contributions", contributions, False),
    ("known-followers", known_followers, False),
    ("person", person, False),
    ("person-why", person_why, False),
    ("person-form", person_form, False),
    ("duplicates", duplicates, False),
    ("journal", journal, False),
    ("audience", audience, False),
    ("community", community, False),
    ("contribution-edit", contribution_edit, False),
    ("goal-form", goal_form, False),
    ("vouch-form", vouch_form, False),
    ("outcomes", outcomes, False),
    ("review", review, False),
    ("connections", connections, False),
    ("search", search, False),
    ("strangers", strangers, False),
    ("import-form", import_form, False),
    ("help", help_screen, False),
]
SMALL = (80, 24)
SMALL_SHOTS: list[tuple[str, Callable[..., Awaitable[None]]]] = [
    ("dashboard", nothing),
    ("journal", journal),
    ("person", person),
    ("people", people),
    ("audience", audience),
    ("community", community),
    ("help", help_screen),
]
"""The main screens again at 80x24, each named ``<name>-80x24``."""
PREPARE: dict[str, Callable[[Database], None]] = {"connections": linkedin_connections}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", action="store_true", help="also write PNGs with rsvg-convert")
    args = parser.parse_args()
    os.environ["NETDASH_TODAY"] = TODAY.isoformat()
    OUT.mkdir(exist_ok=True)
    shots = [(name, steps, empty, SIZE) for name, steps, empty in SHOTS]
    shots += [(f"{name}-{SMALL[0]}x{SMALL[1]}", steps, False, SMALL) for name, steps in SMALL_SHOTS]
    for name, steps, empty, size in shots:
        path = asyncio.run(shoot(name, steps, empty=empty, prepare=PREPARE.get(name), size=size))
        print(path.relative_to(OUT.parent))
        if args.png:
            converter = shutil.which("rsvg-convert")
            if converter is None:
                raise SystemExit("--png needs rsvg-convert (Debian: librsvg2-bin)")
            subprocess.run([converter, str(path), "-o", str(path.with_suffix(".png"))], check=True)


if __name__ == "__main__":
    main()
