"""How much of a file netdash reads: caps far above any real export, so a hostile file stays small.

Every input is read streamed or with one of these caps, counted on the bytes actually read (a
zip member's declared size is never trusted). Going past a cap refuses the file with exit code 2
and its name and place; nothing is written. The README ("Hostile files") lists them.
"""

from __future__ import annotations

import sys

from netdash.domain.names import MAX_NOTE

MIB = 1 << 20

MAX_DOCUMENT_BYTES = 4 * MIB
"""A JSON file read whole: Twitter's manifest.js, Mastodon's actor.json (real ones: a few KB)."""

MAX_ENTRY_BYTES = 1 * MIB
"""One entry of a list read one at a time (a follower, a row of a JSON export), and one line of
a CSV or vCard file; real ones are well under a kilobyte (a vCard photo is skipped, not kept)."""

MAX_TABLE_BYTES = 64 * MIB
"""A CSV file: LinkedIn's Connections.csv (30,000 connections at most, about 6 MB), Mastodon's
following_accounts.csv, a Google Contacts CSV. What is kept of it is capped by MAX_KEPT_BYTES."""

MAX_KEPT_BYTES = 96 * MIB
"""What one file's rows or cards may take in memory until the import is written, counted as
Python holds text: 1, 2 or 4 bytes a character by the widest character of the value (one emoji
makes a 500-character company 2 KB), plus KEPT_ROW_BYTES a row or card. LinkedIn's 30,000
connections or Google's 25,000 contacts keep about 30-40 MB."""

KEPT_ROW_BYTES = 1024
"""What keeping one row or card costs besides its text (the objects that hold it)."""

MAX_NOTE_CHARS = MAX_NOTE
"""A contact's notes, and any other single value of an address book, are cut to this many
characters (20,000, and the cut is said): the most `netdash people` keeps in a note."""

MAX_RATIO = 100
"""How many times its compressed size a zip or tar member may grow when read, once past
RATIO_FREE_BYTES: real exports compress 3 to 15 times; a zip bomb a thousand times."""

RATIO_FREE_BYTES = 4 * MIB
"""How much of a member is read before MAX_RATIO applies (a small file may compress better)."""

MAX_ADDRESS_BOOK_BYTES = 256 * MIB
"""A vCard file, photos included (they are read past, not kept)."""

MAX_ROWS = 100_000
"""Rows of a Google Contacts CSV or a LinkedIn Connections.csv, and cards of a vCard file (Google
keeps 25,000 contacts at most, LinkedIn 30,000 connections); counted as read, repeats included."""

MAX_ARCHIVE_MEMBERS = 500_000
"""Files in a zip or tar.gz export; a Mastodon archive with every media file has far fewer."""

MAX_ID_CHARS = 200
"""An account id or username in an export (a Twitter id has at most 20 digits); the same 200 as
a person's name (netdash.domain.names.clean_name)."""

MAX_TEXT_CHARS = 500
"""Any other single value kept from an export (a company, a position, a profile URL): the limit
`netdash people` puts on a contact detail (netdash.domain.names.clean_point)."""


def kept_size(*values: str | None) -> int:
    """Bytes Python holds for these strings (the count MAX_KEPT_BYTES is in)."""
    return sum(sys.getsizeof(value) for value in values if value is not None)


def size(limit: int) -> str:
    """A cap as people say it: ``4 MB``, ``1 MB``, ``512 bytes``."""
    if limit >= MIB and limit % MIB == 0:
        return f"{limit // MIB} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit} bytes"
