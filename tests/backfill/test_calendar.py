"""The calendar reader: past occurrences with other people, on the user's day, without content.

Expectations are worked out by hand from the fixtures (tests/fixtures/backfill/calendar, see its
PROVENANCE.md); "today" is pinned to 2024-03-15 unless a test says otherwise.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from netdash.backfill import calendar
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "backfill" / "calendar"
GOOGLE = FIXTURES / "google" / "ana@example.com.ics"
APPLE = FIXTURES / "apple" / "Work.ics"
REAL = FIXTURES / "real"
BERLIN = ReadOptions(time_zone="Europe/Berlin")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETDASH_TODAY", "2024-03-15")


def read(path: Path, options: ReadOptions = BERLIN) -> tuple[list[Trace], Tally]:
    tally = Tally()
    return list(calendar.read(path, options, tally)), tally


def by_key(traces: list[Trace]) -> dict[str, Trace]:
    return {trace.conversation: trace for trace in traces}


def emails(trace: Trace) -> set[str]:
    return {person.value for person in trace.people}


def test_google_calendar_in_berlin() -> None:
    traces, tally = read(GOOGLE)
    found = by_key(traces)
    assert tally.me == {"ana@example.com"}  # X-WR-CALNAME names the primary calendar
    assert tally.skipped == 0
    # declined by Ana, cancelled, after today, nobody else in it: none of them
    assert sorted(found) == [
        "late-coffee-1@google.com@20240111T043000Z",
        "offsite-2024@google.com@20240220",
        "standup-7@google.com@20240105T150000Z",
        "standup-7@google.com@20240112T150000Z",
        "standup-7@google.com@20240126T150000Z",  # moved to the 27th: keyed by original start
        "standup-7@google.com@20240209T150000Z",
        "zoom-catchup@google.com@20240315T170000Z",
    ]
    coffee = found["late-coffee-1@google.com@20240111T043000Z"]
    # 23:30 in New York is 05:30 the next morning in Berlin
    assert (coffee.on, coffee.at and coffee.at.hour, coffee.at and coffee.at.minute) == (
        date(2024, 1, 11),
        5,
        30,
    )
    assert coffee.people == (Counterpart("email", "bo@example.com", "Bo Lind"),)
    assert (coffee.from_me, coffee.minutes, coffee.video, coffee.group_size) == (True, 60, False, 2)
    assert (coffee.unit, coffee.channel, coffee.title) == ("event", "calendar", "Coffee with Bo")


def test_recurring_event_with_exdate_moved_and_cancelled_occurrences() -> None:
    traces, _ = read(GOOGLE)
    standups = sorted((t for t in traces if t.conversation.startswith("standup")), key=_on)
    # weekly on Fridays from 5 Jan, 6 times: the 19th excluded, the 26th moved to Saturday
    # the 27th at 10:00 UTC for an hour, 2 Feb cancelled
    assert [t.on for t in standups] == [
        date(2024, 1, 5),
        date(2024, 1, 12),
        date(2024, 1, 27),
        date(2024, 2, 9),
    ]
    assert [t.minutes for t in standups] == [30, 30, 60, 30]
    assert [t.at and t.at.hour for t in standups] == [16, 16, 11, 16]
    for standup in standups:
        # Carla organised; Bo declined; the room is not a person; Ana is the user
        assert emails(standup) == {"carla@example.com", "dev@example.com"}
        assert not standup.from_me
        assert standup.video  # a Google Meet link
        assert standup.group_size == 3


def _on(trace: Trace) -> date:
    return trace.on


def test_all_day_and_duration_and_zoom() -> None:
    found = by_key(read(GOOGLE)[0])
    offsite = found["offsite-2024@google.com@20240220"]
    assert (offsite.on, offsite.at, offsite.minutes) == (date(2024, 2, 20), None, None)
    assert offsite.people == (Counterpart("email", "eve@example.com", "Eve"),)
    catchup = found["zoom-catchup@google.com@20240315T170000Z"]
    # DURATION:PT45M; MAILTO:Hal@Example.COM lower-cased; today's event has happened
    assert (catchup.on, catchup.minutes, catchup.video) == (date(2024, 3, 15), 45, True)
    assert emails(catchup) == {"hal@example.com"}


def test_a_calendar_in_another_zone_lands_on_the_users_day() -> None:
    found = by_key(read(GOOGLE, ReadOptions(time_zone="America/New_York"))[0])
    assert found["late-coffee-1@google.com@20240111T043000Z"].on == date(2024, 1, 10)


def test_today_decides_what_is_past(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETDASH_TODAY", "2024-01-26")
    keys = sorted(by_key(read(GOOGLE)[0]))
    assert keys == [
        "late-coffee-1@google.com@20240111T043000Z",
        "standup-7@google.com@20240105T150000Z",
        "standup-7@google.com@20240112T150000Z",
    ]
    monkeypatch.setenv("NETDASH_TODAY", "2025-01-01")
    assert "future-call@google.com@20240401T160000Z" in by_key(read(GOOGLE)[0])


def test_apple_calendar_floating_times_other_zones_and_the_most_frequent_guest() -> None:
    traces, tally = read(APPLE)
    assert tally.me == {"me@example.org"}  # in all three events; Jo in two, Kai in one
    found = by_key(traces)
    assert len(traces) == 3  # the VTODO is not an event
    supper = found["5E2D1A6C-late-supper@20240305T233000"]
    # a floating time is the user's own clock: 23:30 stays on the 5th
    assert (supper.on, supper.at and supper.at.hour, supper.minutes) == (date(2024, 3, 5), 23, 45)
    assert (emails(supper), supper.from_me) == ({"jo@example.org"}, True)
    tokyo = found["8F00AB12-tokyo-call@20240305T223000Z"]
    # 07:30 in Tokyo on the 6th is 23:30 in Berlin on the 5th
    assert (tokyo.on, tokyo.at and tokyo.at.hour, tokyo.minutes) == (date(2024, 3, 5), 23, 60)
    assert (emails(tokyo), tokyo.from_me, tokyo.group_size) == (
        {"jo@example.org", "kai@example.org"},
        False,
        3,
    )
    review = found["C3D4-teams-review@20240307T120000Z"]
    assert review.people == (Counterpart("name", "Lee Wu", "Lee Wu"),)  # no mailto: a name
    assert (review.video, review.minutes, review.from_me) == (True, 75, True)


def test_me_as_given_overrides_the_guess() -> None:
    traces, tally = read(APPLE, ReadOptions(me=("JO@example.org",), time_zone="Europe/Berlin"))
    assert tally.me == {"JO@example.org"}
    supper = by_key(traces)["5E2D1A6C-late-supper@20240305T233000"]
    assert (emails(supper), supper.from_me) == ({"me@example.org"}, False)


def test_me_by_name_when_guests_have_no_address() -> None:
    traces, _ = read(APPLE, ReadOptions(me=("me@example.org", "lee wu"), time_zone="UTC"))
    assert "C3D4-teams-review@20240307T120000Z" not in by_key(traces)  # nobody else in it


def test_google_zip_and_folder(tmp_path: Path) -> None:
    family = (
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Family\r\nBEGIN:VEVENT\r\nUID:bbq\r\n"
        "DTSTART;VALUE=DATE:20240210\r\nORGANIZER:mailto:gus@example.com\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    export = tmp_path / "calendar-export.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(GOOGLE, "Takeout/Calendar/ana@example.com.ics")
        archive.writestr("Takeout/Calendar/Family.ics", family)
        archive.writestr("Takeout/archive_browser.html", "<html></html>")
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(export) as archive:
        archive.extractall(folder)
    for source in (export, folder):
        assert calendar.looks_like(source)
        traces, tally = read(source)
        assert tally.me == {"ana@example.com"}  # the one calendar named by an address
        assert len(traces) == 8
        bbq = by_key(traces)["bbq@20240210"]
        assert (bbq.on, emails(bbq), bbq.from_me) == (date(2024, 2, 10), {"gus@example.com"}, False)


def test_a_renamed_file_is_read_by_its_content(tmp_path: Path) -> None:
    renamed = tmp_path / "download.txt"
    shutil.copy(GOOGLE, renamed)
    assert calendar.looks_like(renamed)
    assert len(read(renamed)[0]) == 7


def test_a_newer_export_keeps_the_old_keys(tmp_path: Path) -> None:
    newer = tmp_path / "newer.ics"
    extra = (
        "BEGIN:VEVENT\r\nUID:new-one\r\nDTSTART:20240301T100000Z\r\nDTEND:20240301T110000Z\r\n"
        "ORGANIZER:mailto:ana@example.com\r\nATTENDEE:mailto:new@example.com\r\nEND:VEVENT\r\n"
    )
    newer.write_text(GOOGLE.read_text().replace("END:VCALENDAR", extra + "END:VCALENDAR"))
    old, new = by_key(read(GOOGLE)[0]), by_key(read(newer)[0])
    assert set(new) - set(old) == {"new-one@20240301T100000Z"}
    assert all(new[key] == trace for key, trace in old.items())


def test_never_content() -> None:
    for trace in read(GOOGLE)[0] + read(APPLE)[0]:
        text = repr(trace)
        for secret in ("Private notes", "secrets", "Cafe Luna", "Agenda", "meet.google.com"):
            assert secret not in text


def test_of_several_calendars_named_by_address_the_user_is_the_most_frequent_guest(
    tmp_path: Path,
) -> None:
    # Google also exports calendars shared with the user, named by their owner's address
    shared = (
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:bo@example.com\r\nBEGIN:VEVENT\r\nUID:bo-1\r\n"
        "DTSTART:20240201T100000Z\r\nORGANIZER:mailto:bo@example.com\r\n"
        "ATTENDEE:mailto:ana@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    folder = tmp_path / "Calendar"
    folder.mkdir()
    shutil.copy(GOOGLE, folder / "ana@example.com.ics")
    (folder / "bo@example.com.ics").write_text(shared)
    traces, tally = read(folder)
    assert tally.me == {"ana@example.com"}  # in 9 events (blocks); Bo in 4
    assert emails(by_key(traces)["bo-1@20240201T100000Z"]) == {"bo@example.com"}
