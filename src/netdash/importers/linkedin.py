"""LinkedIn Connections.csv: the header found wherever the preamble ends; one row a connection."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from netdash.importers import limits
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Candidate, Follower, Snapshot

PLATFORM = "linkedin"
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")


def looks_like(source: ExportSource) -> bool:
    return source.find("Connections.csv") is not None


def read(source: ExportSource) -> Snapshot:
    member = source.find("Connections.csv")
    if member is None:
        raise BadExport(source.label, "no Connections.csv: not a LinkedIn export")
    with source.lines(member, limits.MAX_TABLE_BYTES) as lines:
        return _read(source, member, lines)


def _read(source: ExportSource, member: str, lines: Iterator[tuple[int, str]]) -> Snapshot:
    where = source.where(member)
    header_at, header = _find_header(lines, where)
    cleaned = _WithoutNuls(header, lines)
    reader = csv.DictReader(cleaned)
    missing = [
        column
        for column in ("First Name", "Last Name", "URL")
        if column not in (reader.fieldnames or [])
    ]
    if missing:
        raise BadExport(where, f"line {header_at + 1}: header lacks {', '.join(missing)}")
    try:
        kept_candidates, newest = _connections(reader, where, header_at)
    except csv.Error as error:
        raise BadExport(
            where, f"line {header_at + reader.line_num}: not valid CSV ({error})"
        ) from None
    notes = ["LinkedIn connections are counted as followers"]
    if nuls := cleaned.nuls:
        notes.append(f"{where}: removed {nuls:,} NUL character{'s' if nuls != 1 else ''}")
    return Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(member) or (f"{newest}T23:59:59Z" if newest else ""),
        source="linkedin export",
        followers=len(kept_candidates),
        follower_stream=lambda: (
            Follower(candidate.remote_id, _handle(candidate.url)) for candidate in kept_candidates
        ),
        candidates=kept_candidates,
        notes=notes,
    )


def _find_header(lines: Iterator[tuple[int, str]], where: str) -> tuple[int, str]:
    """The header row, after LinkedIn's preamble of notes: its index (from 0) and its text."""
    for number, line in lines:
        if line.startswith("First Name,"):
            return number - 1, line
        if number >= 12:
            break
    raise BadExport(where, f"no header row starting 'First Name,' (expected {','.join(COLUMNS)})")


class _WithoutNuls:
    """The header line, then the rest with NUL characters removed and counted for a note."""

    def __init__(self, header: str, lines: Iterator[tuple[int, str]]) -> None:
        self.header = header
        self.lines = lines
        self.nuls = 0

    def __iter__(self) -> Iterator[str]:
        yield self.header
        for _, more in self.lines:
            if "\0" in more:
                self.nuls += more.count("\0")
                more = more.replace("\0", "")
            yield more


def _connections(
    reader: csv.DictReader[str], where: str, header_at: int
) -> tuple[list[Candidate], str]:
    """One candidate per connection (the first row of each), and the newest Connected On day.

    Bounded by rows and by bytes kept, so a hostile file cannot fill memory.
    """
    candidates: dict[str, Candidate] = {}
    newest = ""
    kept = 0
    for number, row in enumerate(reader, start=1):
        line_number = header_at + reader.line_num
        if number > limits.MAX_ROWS:
            raise BadExport(
                where,
                f"line {line_number}: more than {limits.MAX_ROWS:,} rows;"
                " LinkedIn allows 30,000 connections",
            )
        _check_lengths(row, f"{where}: line {line_number}")
        name = " ".join(part for part in (row.get("First Name"), row.get("Last Name")) if part)
        url = (row.get("URL") or "").strip().rstrip("/")
        if not name and not url:
            continue
        day = _connected_on(row, where, line_number)
        newest = max(newest, day or "")
        key = _handle(url or None) or f"name:{name.casefold()}"
        if key in candidates:
            continue  # the first row for a connection is kept, as before
        candidates[key] = candidate = _candidate(row, key, name, url, day)
        kept += limits.KEPT_ROW_BYTES + limits.kept_size(
            candidate.remote_id,
            candidate.name,
            candidate.url,
            candidate.email,
            candidate.company,
            candidate.position,
            candidate.connected_on,
        )
        if kept > limits.MAX_KEPT_BYTES:
            raise BadExport(
                where,
                f"line {line_number}: more than {limits.size(limits.MAX_KEPT_BYTES)}"
                " of connections to keep in memory (a character with an emoji in its value"
                " counts 4 bytes); no real export has as much",
            )
    return list(candidates.values()), newest


def _connected_on(row: dict[str | Any, str | Any], where: str, line_number: int) -> str | None:
    """The row's Connected On day as ISO, or None when blank; LinkedIn writes "05 Mar 2024"."""
    connected = (row.get("Connected On") or "").strip()
    if not connected:
        return None
    try:
        return datetime.strptime(connected, "%d %b %Y").date().isoformat()
    except ValueError:
        raise BadExport(
            where,
            f"line {line_number}: Connected On {connected[:40]!r} is not like '05 Mar 2024'",
        ) from None


def _candidate(
    row: dict[str | Any, str | Any], key: str, name: str, url: str, day: str | None
) -> Candidate:
    """A new connection as a person-to-be, keyed by profile URL, else by name."""
    return Candidate(
        remote_id=key,
        name=name or key,  # no name: the URL's handle, which is then the key
        url=url or None,
        email=(row.get("Email Address") or "").strip() or None,
        company=(row.get("Company") or "").strip() or None,
        position=(row.get("Position") or "").strip() or None,
        connected_on=day,
    )


def _handle(url: str | None) -> str | None:
    """``linkedin.com/in/ada`` from ``https://www.linkedin.com/in/ada`` (the row's URL)."""
    return url.split("://", 1)[-1].removeprefix("www.").lower() if url else None


def _check_lengths(row: dict[str | Any, str | Any], where: str) -> None:
    """Refuse a cell longer than any real one: a name over 200 characters, anything over 500."""
    for column, value in row.items():
        if column is None:
            continue  # cells beyond the header's columns: not read
        most = (
            limits.MAX_ID_CHARS if column in ("First Name", "Last Name") else limits.MAX_TEXT_CHARS
        )
        if isinstance(value, str) and len(value) > most:
            raise BadExport(
                where, f"{column} is {len(value):,} characters long; {most} is the most"
            )
