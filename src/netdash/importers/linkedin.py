"""LinkedIn Connections.csv: the header found wherever the preamble ends; one row a connection."""

from __future__ import annotations

import csv
import io
from datetime import datetime

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
    where = source.where(member)
    lines = source.read_text(member).splitlines()
    header_at = next(
        (index for index, line in enumerate(lines[:12]) if line.startswith("First Name,")), None
    )
    if header_at is None:
        raise BadExport(
            where, f"no header row starting 'First Name,' (expected {','.join(COLUMNS)})"
        )
    reader = csv.DictReader(io.StringIO("\n".join(lines[header_at:])))
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
    for row in reader:
        line = header_at + reader.line_num
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
                    where, f"line {line}: Connected On {connected!r} is not like '05 Mar 2024'"
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
    return Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(member) or (f"{newest}T23:59:59Z" if newest else ""),
        source="linkedin export",
        followers=len(connections),
        follower_list=list(connections.values()),
        candidates=list(candidates.values()),
        notes=["LinkedIn connections are counted as followers"],
    )
