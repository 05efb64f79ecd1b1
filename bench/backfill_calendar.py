"""The calendar reader on a large generated .ics: traces per second and peak memory.

    python bench/backfill_calendar.py [--events 10000] [--runs 3] [--zip]

Writes a Google-style calendar (X-WR-CALNAME, VTIMEZONE, folded ATTENDEE lines, a description
on every event) of ``--events`` single events over ten years, plus one weekly series with
exceptions per 200 events, then reads it ``--runs`` times, each in a fresh process (so each peak
RSS is its own), interleaved with two baselines (the file's lines unfolded and split at their
first colon, the least any reader of the format does; and the whole file parsed by icalendar, the
library netdash parses each event with), and prints the median traces per second,
MB per second, and both readers' times and peak RSS with their ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import reader_table, script_runs

HEAD = (
    "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
    "X-WR-CALNAME:me@example.com\r\nX-WR-TIMEZONE:Europe/Berlin\r\n"
)


def event(number: int, start: datetime, extra: str = "") -> str:
    guests = "".join(
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Guest"
        f" {guest}\r\n ;X-NUM-GUESTS=0:mailto:guest{guest}@example.com\r\n"
        for guest in (number % 500, (number * 7) % 500, (number * 13) % 500)
    )
    return (
        f"BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Berlin:{start + timedelta(hours=1):%Y%m%dT%H%M%S}\r\n"
        f"UID:bench-{number}@google.com\r\nORGANIZER;CN=Me:mailto:me@example.com\r\n"
        f"ATTENDEE;PARTSTAT=ACCEPTED;CN=Me:mailto:me@example.com\r\n{guests}"
        "DESCRIPTION:Agenda and notes that the reader must drop\\, about two hundred chara\r\n"
        " cters long\\, with a link https://meet.google.com/abc-defg-hij and more text\r\n"
        f"SUMMARY:Meeting {number}\r\n{extra}END:VEVENT\r\n"
    )


def write_calendar(path: Path, events: int) -> None:
    start = datetime(2015, 1, 1, 9, 0)
    with open(path, "w", newline="") as out:
        out.write(HEAD)
        for number in range(events):
            moment = start + timedelta(hours=number * 2 % (24 * 3650))
            if number % 200 == 0:
                out.write(event(number, moment, "RRULE:FREQ=WEEKLY;COUNT=52\r\n"))
                moved = moment + timedelta(weeks=3)
                out.write(
                    event(
                        number,
                        moved + timedelta(days=1),
                        f"RECURRENCE-ID;TZID=Europe/Berlin:{moved:%Y%m%dT%H%M%S}\r\n",
                    )
                )
            else:
                out.write(event(number, moment))
        out.write("END:VCALENDAR\r\n")


READ = """
import json, resource, sys, time
from pathlib import Path
from netdash.backfill import calendar
from netdash.domain.evidence import ReadOptions, Tally
began = time.perf_counter()
options = ReadOptions(time_zone="Europe/Berlin")
count = sum(1 for _ in calendar.read(Path(sys.argv[1]), options, Tally()))
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"traces": count, "seconds": seconds, "peak_mb": peak}))
"""

LIBRARY = """
import io, json, resource, sys, time, zipfile
from pathlib import Path
from icalendar import Calendar
began = time.perf_counter()
path = Path(sys.argv[1])
if path.suffix == ".zip":
    data = zipfile.ZipFile(path).read("Calendar/me@example.com.ics")
else:
    data = path.read_bytes()
events = sum(
    1 for event in Calendar.from_ical(data).walk("VEVENT") if event.get("DTSTART") is not None
)
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"events": events, "seconds": seconds, "peak_mb": peak}))
"""
"""The library netdash parses each event with (icalendar), given the whole file at once."""

BASELINE = """
import io, json, resource, sys, time, zipfile
from pathlib import Path
began = time.perf_counter()
path = Path(sys.argv[1])
if path.suffix == ".zip":
    handle = io.TextIOWrapper(zipfile.ZipFile(path).open("Calendar/me@example.com.ics"), "utf-8")
else:
    handle = open(path, encoding="utf-8", newline="")
events, line = 0, ""
for raw in handle:  # unfold, then split each property line at its first colon
    if raw[:1] in " \\t":
        line += raw[1:].rstrip("\\r\\n")
        continue
    if line:
        name, _, value = line.partition(":")
        events += name == "BEGIN" and value == "VEVENT"
    line = raw.rstrip("\\r\\n")
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"events": events, "seconds": seconds, "peak_mb": peak}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zip", action="store_true", help="read it from a zip, as Google's")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "me@example.com.ics"
        write_calendar(path, args.events)
        size = path.stat().st_size
        if args.zip:
            packed = Path(folder) / "calendar.zip"
            with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(path, "Calendar/me@example.com.ics")
            path = packed
        env = {**os.environ, "NETDASH_TODAY": "2026-11-30"}
        readers = {"netdash": READ, "lines": BASELINE, "library": LIBRARY}
        runs = script_runs(readers, path, args.runs, env)
    seconds = statistics.median(run["seconds"] for run in runs["netdash"])
    traces = runs["netdash"][0]["traces"]
    print(f"{args.events:,} events, {size / 2**20:.1f} MB .ics, {traces:,} traces")
    print(
        f"median of {args.runs}: {traces / seconds:,.0f} traces/s,"
        f" {size / 2**20 / seconds:.1f} MB/s"
    )
    print(
        reader_table(
            runs, lines="unfolding and splitting the lines", library="icalendar.Calendar.from_ical"
        )
    )


if __name__ == "__main__":
    main()
