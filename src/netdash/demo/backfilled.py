"""The demo's history from exports: a WhatsApp chat, a group chat and a calendar, written as
the apps write them and imported through the real readers, so the demo shows backfilled days,
a few strangers waiting in Who's this?, and the imports to list and undo."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from netdash.store.demo_data import DemoRows

ME = "Robin Quill"
"""The demo's user, as their own phone and calendar name them."""
ME_MAIL = "robin.quill@example.org"
STRANGER_NAMES = ("Marta Díaz", "+44 7700 900123")
"""Group members the journal does not know: they wait in the review list."""
STRANGER_MAIL = ("priya.shah@example.net", "Priya Shah")
_WORDS = ("On my way", "Running 10 min late", "Sounds good!", "Photos from today", "Call later?")


def _closest(rows: DemoRows, count: int) -> list[tuple[int, str]]:
    """The people with the highest closeness, in id order: the chats' and calendar's people."""
    ranked = sorted(rows.people, key=lambda row: (-(int(str(row[6] or 0))), int(str(row[0]))))
    return [(int(str(row[0])), str(row[1])) for row in ranked[:count]]


def _emails(rows: DemoRows) -> dict[int, str]:
    return {int(str(p[0])): str(p[2]) for p in rows.contact_points if p[1] == "email"}


def _stamp(when: datetime) -> str:
    """Android's en-US timestamp, with the narrow no-break space newer versions write."""
    hour = when.hour % 12 or 12
    half = "AM" if when.hour < 12 else "PM"
    return f"{when.month}/{when.day}/{when:%y}, {hour}:{when:%M}\u202f{half}"


def _android_line(when: datetime, sender: str, text: str) -> str:
    return f"{_stamp(when)} - {sender}: {text}"


def _chat(friend: str, rng: random.Random, today: date, days: int) -> str:
    opened = datetime.combine(today - timedelta(days=180), datetime.min.time())
    lines = [f"{_stamp(opened)} - Messages and calls are end-to-end encrypted."]
    for ago in sorted(rng.sample(range(1, 180), days), reverse=True):
        moment = datetime.combine(today - timedelta(days=ago), datetime.min.time())
        moment += timedelta(hours=rng.randint(8, 21), minutes=rng.randint(0, 59))
        first, second = (ME, friend) if rng.random() < 0.5 else (friend, ME)
        for number in range(rng.randint(1, 6)):
            sender = first if number % 2 == 0 else second
            lines.append(_android_line(moment, sender, rng.choice(_WORDS)))
            moment += timedelta(minutes=rng.randint(1, 9))
    return "\n".join(lines) + "\n"


def _group(members: Sequence[str], rng: random.Random, today: date) -> str:
    lines = []
    for ago in sorted(rng.sample(range(1, 120), 14), reverse=True):
        moment = datetime.combine(today - timedelta(days=ago), datetime.min.time())
        moment += timedelta(hours=rng.randint(9, 20))
        for sender in rng.sample([ME, *members], 3):
            lines.append(_android_line(moment, sender, rng.choice(_WORDS)))
            moment += timedelta(minutes=rng.randint(1, 20))
    return "\n".join(lines) + "\n"


def _event(
    uid: str, start: datetime, minutes: int, title: str, attendees: list[tuple[str, str]]
) -> str:
    end = start + timedelta(minutes=minutes)
    people = "".join(
        f"ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{mail}\r\n" for mail, name in attendees
    )
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART:{start:%Y%m%dT%H%M%S}Z\r\nDTEND:{end:%Y%m%dT%H%M%S}Z\r\n"
        f"SUMMARY:{title}\r\nORGANIZER;CN={ME}:mailto:{ME_MAIL}\r\n"
        f"ATTENDEE;CN={ME};PARTSTAT=ACCEPTED:mailto:{ME_MAIL}\r\n{people}END:VEVENT\r\n"
    )


def _calendar(people: list[tuple[str, str]], today: date) -> str:
    """A lunch a fortnight, a video call with someone the journal does not know yet."""
    events = []
    for number in range(6):
        day = today - timedelta(days=14 * number + 5)
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=12)
        guest = people[number % len(people)]
        events.append(_event(f"lunch-{number}@demo", start, 75, f"Lunch with {guest[1]}", [guest]))
    day = today - timedelta(days=9)
    start = datetime.combine(day, datetime.min.time()) + timedelta(hours=16)
    events.append(_event("sync@demo", start, 45, "Food bank rota", [people[0], STRANGER_MAIL]))
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//netdash demo//EN\r\n"
        f"X-WR-CALNAME:{ME_MAIL}\r\n{''.join(events)}END:VCALENDAR\r\n"
    )


def backfill_demo(db: Database, rows: DemoRows, today: date, seed: int) -> None:
    """Write the exports to a temporary folder and import each through its reader."""
    from netdash.backfill.registry import reader
    from netdash.domain.evidence import ReadOptions, Tally
    from netdash.domain.evidence_days import fold
    from netdash.store.evidence import ImportMeta, backfill

    rng = random.Random(seed + 3)
    closest = _closest(rows, 6)
    emails = _emails(rows)
    with_mail = [(emails[pid], name) for pid, name in closest if pid in emails] or [STRANGER_MAIL]
    friend = closest[0][1]
    members = [name for _, name in closest[1:4]] + list(STRANGER_NAMES)
    with tempfile.TemporaryDirectory(prefix="netdash-demo-") as folder:
        exports = {
            f"WhatsApp Chat with {friend}.txt": ("whatsapp", _chat(friend, rng, today, 40)),
            "WhatsApp Chat with Climbing crew.txt": ("whatsapp", _group(members, rng, today)),
            "calendar.ics": ("calendar", _calendar(with_mail, today)),
        }
        for name, (source, text) in exports.items():
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            tally = Tally()
            traces = reader(source).read(
                path, ReadOptions(me=(ME, ME_MAIL), time_zone="UTC"), tally
            )
            days = fold(traces).values()
            backfill(db, days, ImportMeta(source, name, "demo", skipped=tally.skipped))
