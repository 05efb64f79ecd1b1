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
    nuls = 0
    header_at = None
    for number, line in lines:
        if line.startswith("First Name,"):
            header_at = number - 1
            break
        if number >= 12:
            break
    if header_at is None:
        raise BadExport(
            where, f"no header row starting 'First Name,' (expected {','.join(COLUMNS)})"
        )

    def rest() -> Iterator[str]:
        nonlocal nuls
        yield line
        for _, more in lines:
            if "\0" in more:
                nuls += more.count("\0")
                more = more.replace("\0", "")
            yield more

    reader = csv.DictReader(rest())
    missing = [
        column
        for column in ("First Name", "Last Name", "URL")
        if column not in (reader.fieldnames or [])
    ]
    if missing:
        raise BadExport(where, f"line {header_at + 1}: header lacks {', '.join(missing)}")
    connections: dict[str, Follower] = {}
    candidates: dict[str, Candidate] = {}
    newest = ""
    try:
        for row in reader:
            line_number = header_at + reader.line_num
            _check_lengths(row, f"{where}: line {line_number}")
            name = " ".join(part for part in (row.get("First Name"), row.get("Last Name")) if part)
            url = (row.get("URL") or "").strip().rstrip("/")
            if not name and not url:
                continue
            connected = (row.get("Connected On") or "").strip()
            day = None
            if connected:
                try:
                    day = datetime.strptime(connected, "%d %b %Y").date().isoformat()
                except ValueError:
                    raise BadExport(
                        where,
                        f"line {line_number}: Connected On {connected[:40]!r}"
                        " is not like '05 Mar 2024'",
                    ) from None
                newest = max(newest, day)
            handle = url.split("://", 1)[-1].removeprefix("www.").lower() if url else None
            key = handle or f"name:{name.casefold()}"
            connections.setdefault(key, Follower(key, handle))
            candidates.setdefault(
                key,
                Candidate(
                    remote_id=key,
                    name=name or handle or key,
                    url=url or None,
                    email=(row.get("Email Address") or "").strip() or None,
                    company=(row.get("Company") or "").strip() or None,
                    position=(row.get("Position") or "").strip() or None,
                    connected_on=day,
                ),
            )
            if len(connections) > limits.MAX_ROWS:
                raise BadExport(
                    where,
                    f"more than {limits.MAX_ROWS:,} connections; LinkedIn allows 30,000",
                )
    except csv.Error as error:
        raise BadExport(
            where, f"line {header_at + reader.line_num}: not valid CSV ({error})"
        ) from None
    notes = ["LinkedIn connections are counted as followers"]
    if nuls:
        notes.append(f"{where}: removed {nuls:,} NUL character{'s' if nuls != 1 else ''}")
    return Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(member) or (f"{newest}T23:59:59Z" if newest else ""),
        source="linkedin export",
        followers=len(connections),
        follower_list=list(connections.values()),
        candidates=list(candidates.values()),
        notes=notes,
    )


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
