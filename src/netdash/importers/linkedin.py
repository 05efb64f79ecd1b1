"""LinkedIn Connections.csv: the header found wherever the preamble ends; one row a connection.

Three layouts are read: today's (a "Notes:" preamble, then a header with URL), and the 2018 and
2022 ones (no URL column; a connection is then known by name). A row naming nobody is a member
who hid or deleted their profile: counted and said, not kept. The file is known by its header,
not its name, since browsers save ``Connections (2).csv``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from netdash.importers import limits
from netdash.importers.meta import Dating, single_member, skipped_note, sniff
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Candidate, Follower, Snapshot

PLATFORM = "linkedin"
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
REQUIRED = ("First Name", "Last Name")
"""The columns every layout has: the 2018 and 2022 exports have no URL."""
HEADER_WITHIN = 12
"""The header is looked for in this many lines: the preamble is three lines, or none."""
# Basic_LinkedInDataExport_03-01-2024.zip, Complete_LinkedInDataExport_04-04-2023 (1).zip
EXPORT_NAME = re.compile(r"LinkedInDataExport_(?P<m>[01]\d)-(?P<d>[0-3]\d)-(?P<y>(?:19|20)\d\d)")


def looks_like(source: ExportSource) -> bool:
    return _connections_file(source) is not None


def _connections_file(source: ExportSource) -> str | None:
    """Connections.csv by its name, or a lone file (named however it was saved) by its header."""
    named = source.find("Connections.csv")
    if named is not None:
        return named
    only = single_member(source)
    return only if only is not None and _is_header_within(sniff(source, only)) else None


def _is_header_within(text: str) -> bool:
    """Whether one of the first lines of ``text`` is a Connections.csv header."""
    return any(_is_header(line) for line in text.splitlines()[:HEADER_WITHIN])


def _is_header(line: str) -> bool:
    """``First Name,Last Name,…``, quoted or not (some tools rewrite it with quotes)."""
    cells = [cell.strip().strip('"') for cell in line.lstrip("\ufeff").split(",")[:2]]
    return cells == list(REQUIRED)


def read(source: ExportSource) -> Snapshot:
    member = _connections_file(source)
    if member is None:
        raise BadExport(
            source.label,
            "no Connections.csv (a file whose header starts 'First Name,Last Name'):"
            " not a LinkedIn export",
        )
    with source.lines(member, limits.MAX_TABLE_BYTES) as lines:
        return _read(source, member, lines)


def _read(source: ExportSource, member: str, lines: Iterator[tuple[int, str]]) -> Snapshot:
    where = source.where(member)
    header_at, header = _find_header(lines, where)
    cleaned = _WithoutNuls(header, lines)
    reader = csv.DictReader(cleaned)
    reader.fieldnames = [name.strip().strip('"') for name in reader.fieldnames or []]
    missing = [column for column in REQUIRED if column not in reader.fieldnames]
    if missing:
        raise BadExport(where, f"line {header_at + 1}: header lacks {', '.join(missing)}")
    try:
        kept_candidates, newest, (hidden, hidden_lines) = _connections(reader, where, header_at)
    except csv.Error as error:
        raise BadExport(
            where, f"line {header_at + reader.line_num}: not valid CSV ({error})"
        ) from None
    notes = ["LinkedIn connections are counted as followers"]
    if "URL" not in reader.fieldnames:
        notes.append("an older export without profile URLs: connections are known by name")
    if hidden:
        what = "rows naming nobody (members who hid or deleted their profile)"
        notes.append(skipped_note(hidden, what, where, hidden_lines))
    if nuls := cleaned.nuls:
        notes.append(f"{where}: removed {nuls:,} NUL character{'s' if nuls != 1 else ''}")
    dating = Dating()
    dating.offer(_named_date(source), "the zip's name")
    dating.offer(f"{newest}T23:59:59Z" if newest else None, "the newest connection")
    dating.offer(source.member_time(member), "the file's time: the export has no date")
    observed_at, dated_by = dating.best()
    return Snapshot(
        platform=PLATFORM,
        observed_at=observed_at,
        dated_by=dated_by,
        account=_profile_account(source),
        source="linkedin export",
        followers=len(kept_candidates),
        follower_stream=lambda: (
            Follower(candidate.remote_id, _handle(candidate.url)) for candidate in kept_candidates
        ),
        candidates=kept_candidates,
        notes=notes,
    )


def _named_date(source: ExportSource) -> str | None:
    """The day in the export's zip or folder name (LinkedIn writes month-day-year)."""
    found = EXPORT_NAME.search(source.path.name)
    return f"{found['y']}-{found['m']}-{found['d']}T00:00:00Z" if found else None


def _find_header(lines: Iterator[tuple[int, str]], where: str) -> tuple[int, str]:
    """The header row, after LinkedIn's preamble of notes: its index (from 0) and its text."""
    for number, line in lines:
        if _is_header(line):
            return number - 1, line.lstrip("\ufeff")
        if number >= HEADER_WITHIN:
            break
    raise BadExport(
        where,
        f"no header row starting 'First Name,Last Name' in the first {HEADER_WITHIN} lines"
        f" (expected {','.join(COLUMNS)})",
    )


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
) -> tuple[list[Candidate], str, tuple[int, list[int]]]:
    """One candidate per connection (the first row of each), the newest Connected On day, and
    how many rows name nobody, with the first lines of them.

    Bounded by rows and by bytes kept, so a hostile file cannot fill memory.
    """
    candidates: dict[str, Candidate] = {}
    hidden, hidden_lines = 0, list[int]()
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
        parts = (row.get("First Name"), row.get("Last Name"))
        name = " ".join(part.strip() for part in parts if part and part.strip())
        url = (row.get("URL") or "").strip().rstrip("/")
        day = _connected_on(row, where, line_number)
        newest = max(newest, day or "")
        if not name and not url:
            hidden += 1
            if len(hidden_lines) <= 10:  # the note shows ten; the count is all of them
                hidden_lines.append(line_number)
            continue
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
    return list(candidates.values()), newest, (hidden, hidden_lines)


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


def _profile_account(source: ExportSource) -> str | None:
    """The user's own profile from Profile.csv beside Connections.csv: its LinkedIn address if
    a column holds one, else the name as a handle (``ada-lovelace``); None without the file."""
    member = source.find("Profile.csv")
    if member is None:
        return None
    text = source.read_text(member, limits.MAX_DOCUMENT_BYTES)
    try:
        first = next(csv.DictReader(io.StringIO(text)), None)  # a Summary may span lines
    except csv.Error:
        return None  # the account is then asked for or made up, as without the file
    if first is None:
        return None
    row = {str(key).strip(): value for key, value in first.items() if isinstance(value, str)}
    for value in row.values():
        found = re.search(r"linkedin\.com/in/[^\s,/\]\[\"]+", value)
        if found:
            return found[0].lower()[: limits.MAX_ID_CHARS]
    parts = (row.get("First Name", ""), row.get("Last Name", ""))
    name = "-".join(part.strip() for part in parts if part.strip())
    handle = "-".join(name.lower().split())
    if not handle or len(handle) > limits.MAX_ID_CHARS or not handle.isprintable():
        return None
    return handle


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
