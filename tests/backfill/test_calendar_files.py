"""The calendar reader on files real programs wrote, on broken files and on random input.

Real files: icalendar's own test calendars (BlackBerry, Exchange, Google), see PROVENANCE.md.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.backfill import calendar
from netdash.domain.evidence import ReadOptions, Tally, Trace
from netdash.importers.source import BadExport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "backfill" / "calendar"
GOOGLE = FIXTURES / "google" / "ana@example.com.ics"
REAL = FIXTURES / "real"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETDASH_TODAY", "2024-03-15")


def read(path: Path, **options: object) -> tuple[list[Trace], Tally]:
    tally = Tally()
    chosen = ReadOptions(**{"time_zone": "Europe/Berlin", **options})  # type: ignore[arg-type]
    return list(calendar.read(path, chosen, tally)), tally


def test_blackberry_meeting_needs_me_then_is_one_all_day_event() -> None:
    # three addresses, one event each: nothing says which is the user
    with pytest.raises(BadExport, match="pass --me"):
        read(REAL / "blackberry_meeting.ics")
    traces, _ = read(REAL / "blackberry_meeting.ics", me=("rae@example.com",))
    assert len(traces) == 1
    meeting = traces[0]
    assert (meeting.on, meeting.at, meeting.minutes, meeting.from_me) == (
        date(2012, 8, 14),
        None,
        None,
        True,  # ORGANIZER:mailto:rae@example.com
    )
    assert {p.value for p in meeting.people} == {"rae@example.net", "rae.spam@example.net"}


def test_exchange_daily_standup_with_its_own_time_zone() -> None:
    traces, tally = read(REAL / "exchange_standup_with_guests.ics", me=("ME@example.com",))
    # weekdays from Friday 3 July to Wednesday 22 July 2015 (UNTIL is 10:00 local that day):
    # 3, 6-10, 13-17, 20-22 = 14; at 10:00 in Exchange's custom "GMT +0100/+0200" zone
    assert tally.skipped == 0
    assert len(traces) == 14
    assert traces[0].on == date(2015, 7, 3) and traces[-1].on == date(2015, 7, 22)
    assert {t.at and (t.at.hour, t.at.utcoffset()) for t in traces} == {(10, timedelta(hours=2))}
    assert {t.minutes for t in traces} == {30}
    assert {p.value for p in traces[0].people} == {"kim@example.com", "lead@example.com"}


def test_google_alarms_are_not_guests() -> None:
    # the e-mail alarm's ATTENDEE is who is reminded, not someone met: nobody else is in it
    assert read(REAL / "google_alarms.ics")[0] == []


def test_a_bad_event_is_skipped_and_counted() -> None:
    traces, tally = read(REAL / "google_bad_exdate.ics")
    assert (traces, tally.skipped) == ([], 1)


def test_exchange_without_guests_has_nobody_to_log() -> None:
    traces, tally = read(REAL / "exchange_standup.ics")
    assert (traces, tally.skipped, tally.me) == ([], 0, set())


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("Hello,\nthis is not a calendar\n", ":1", "not an iCalendar file"),
        ("", ":1", "empty"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nthis line is broken\n", ":4", "content line"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VTODO\nEND:VCALENDAR\n", ":4", "closes"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:cut-off\nDTSTART:2024", ":2", "never ended"),
        ("BEGIN:VEVENT\nEND:VEVENT\n", ":1", "not an iCalendar file"),
    ],
)
def test_malformed_files_name_file_and_line(
    tmp_path: Path, text: str, where: str, problem: str
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text(text)
    with pytest.raises(BadExport, match=problem) as raised:
        read(broken, me=("me@example.com",))
    assert str(raised.value).startswith(f"{broken}{where}:")


def test_looks_like_says_no_without_raising(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("BEGIN:VCARD\nFN:Ana\nEND:VCARD\n")
    binary = tmp_path / "x.ics"
    binary.write_bytes(b"\x00\xff" * 3000)
    for path in (text, binary, tmp_path / "missing.ics", tmp_path):
        assert not calendar.looks_like(path)
    assert calendar.looks_like(GOOGLE)


def test_progress_and_terminal_escapes_kept(tmp_path: Path) -> None:
    escaped = tmp_path / "escaped.ics"
    escaped.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:e\nDTSTART:20240101T100000Z\n"
        'ORGANIZER;CN="\x1b[31mRed\x1b[0m":mailto:red@example.com\n'
        "ATTENDEE:mailto:me@example.com\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    seen: list[tuple[int, int]] = []
    tally = Tally(progress=lambda done, total: seen.append((done, total)))
    options = ReadOptions(me=("me@example.com",), time_zone="UTC")
    traces = list(calendar.read(escaped, options, tally))
    assert [p.name for p in traces[0].people] == ["\x1b[31mRed\x1b[0m"]
    assert traces[0].minutes is None  # no end, no duration
    size = escaped.stat().st_size
    assert tally.total == size and seen[-1] == (size, size)


def test_progress_counts_the_pass_that_finds_the_user(tmp_path: Path) -> None:
    guessed = tmp_path / "guessed.ics"  # no --me, no X-WR-CALNAME: read twice
    guessed.write_text(
        "BEGIN:VCALENDAR\n"
        + "".join(_event(f"e{n}", f"202401{n + 10}T100000Z", f"guest{n}") for n in range(3))
        + "END:VCALENDAR\n"
    )
    seen: list[tuple[int, int]] = []
    tally = Tally(progress=lambda done, total: seen.append((done, total)))
    traces = list(calendar.read(guessed, ReadOptions(time_zone="UTC"), tally))
    assert tally.me == {"me@example.com"} and len(traces) == 3
    size = guessed.stat().st_size
    assert seen[0] == (size, 2 * size)  # the first pass, half of the bar
    assert seen[-1] == (2 * size, 2 * size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@pytest.mark.parametrize(
    ("start", "rule", "count"),
    [
        ("19500101T090000Z", "FREQ=DAILY", calendar.MAX_OCCURRENCES),  # 74 years: cut off
        ("20240101T000000Z", "FREQ=SECONDLY", 0),  # not expanded at all
        ("20240101T000000Z", "FREQ=MINUTELY;INTERVAL=5", 0),
    ],
)
def test_a_huge_recurrence_is_cut_off_not_expanded_forever(
    tmp_path: Path, start: str, rule: str, count: int
) -> None:
    busy = tmp_path / "busy.ics"
    busy.write_text(
        f"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:s\nDTSTART:{start}\n"
        f"RRULE:{rule}\nORGANIZER:mailto:me@example.com\n"
        "ATTENDEE:mailto:bo@example.com\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    traces, tally = read(busy, me=("me@example.com",))
    assert (len(traces), tally.skipped) == (count, 1)


def test_bad_time_zone_option() -> None:
    with pytest.raises(BadExport, match="not a known time zone"):
        read(GOOGLE, time_zone="Mars/Olympus")


def _event(uid: str, start: str, guest: str = "bo") -> str:
    return (
        f"BEGIN:VEVENT\nUID:{uid}\nDTSTART:{start}\nDURATION:PT1H\n"
        f"ORGANIZER:mailto:me@example.com\nATTENDEE:mailto:{guest}@example.com\nEND:VEVENT\n"
    )


def test_the_machines_zone_keeps_its_summer_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --time-zone, each instant takes the machine's offset on its own date, not
    today's: whatever the season of the run, one of the fixed offsets misplaces a day."""
    ics = tmp_path / "berlin.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\n"
        + _event("summer", "20230714T223000Z")  # 00:30 CEST on 15 July
        + _event("winter", "20230114T223000Z")  # 23:30 CET on 14 January
        + _event("floating-summer", "20230715T003000")
        + _event("floating-winter", "20230114T233000")
        + "END:VCALENDAR\n"
    )
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        traces, _ = read(ics, me=("me@example.com",), time_zone=None)
    finally:
        monkeypatch.undo()
        time.tzset()
    found = {t.conversation.partition("@")[0]: t for t in traces}
    hours = timedelta(hours=1)
    assert {uid: (t.on, t.at and t.at.utcoffset()) for uid, t in found.items()} == {
        "summer": (date(2023, 7, 15), 2 * hours),
        "winter": (date(2023, 1, 14), hours),
        "floating-summer": (date(2023, 7, 15), 2 * hours),
        "floating-winter": (date(2023, 1, 14), hours),
    }


LINES = GOOGLE.read_text().splitlines()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_traces_or_bad_export(tmp_path: Path, data: bytes) -> None:
    target = tmp_path / "random.ics"
    target.write_bytes(data)
    _traces_or_bad_export(target)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, len(LINES) - 1),
            st.sampled_from(["drop", "repeat", "replace"]),
            st.text(max_size=40),
        ),
        max_size=5,
    )
)
def test_mangled_lines_are_traces_or_bad_export(
    tmp_path: Path, edits: list[tuple[int, str, str]]
) -> None:
    lines = list(LINES)
    for index, action, text in edits:
        index %= len(lines)
        if action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        else:
            name = lines[index].partition(":")[0]
            lines[index] = f"{name}:{text}" if name else text
        if not lines:
            lines = ["x"]
    target = tmp_path / "mangled.ics"
    target.write_text("\r\n".join(lines), encoding="utf-8", errors="surrogatepass")
    _traces_or_bad_export(target)


def _traces_or_bad_export(target: Path) -> None:
    try:
        traces, _ = read(target, me=("ana@example.com",))
    except BadExport:
        return
    assert all(isinstance(trace, Trace) for trace in traces)
