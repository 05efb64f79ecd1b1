"""How much of a file netdash reads: caps far above any real export, so a hostile file stays small.

Every input is read streamed or with one of these caps, counted on the bytes actually read (a
zip member's declared size is never trusted). Going past a cap refuses the file with exit code 2
and its name and place; nothing is written. The README ("Hostile files") lists them.
"""

from __future__ import annotations

MIB = 1 << 20

MAX_DOCUMENT_BYTES = 4 * MIB
"""A JSON file read whole: Twitter's manifest.js, Mastodon's actor.json (real ones: a few KB)."""

MAX_ENTRY_BYTES = 1 * MIB
"""One entry of a list read one at a time (a follower, a row of a JSON export), and one line of
a CSV or vCard file; real ones are well under a kilobyte (a vCard photo is skipped, not kept)."""

MAX_TABLE_BYTES = 64 * MIB
"""A CSV file whose rows are kept until the import is written: LinkedIn's Connections.csv (30,000
connections at most, about 6 MB), Mastodon's following_accounts.csv, a Google Contacts CSV."""

MAX_ADDRESS_BOOK_BYTES = 256 * MIB
"""A vCard file, photos included (they are read past, not kept)."""

MAX_ROWS = 100_000
"""Contacts in an address book (Google keeps 25,000 at most) and LinkedIn connections (30,000)."""

MAX_ARCHIVE_MEMBERS = 500_000
"""Files in a zip or tar.gz export; a Mastodon archive with every media file has far fewer."""

MAX_ID_CHARS = 200
"""An account id or username in an export (a Twitter id has at most 20 digits); the same 200 as
a person's name (netdash.store.people.clean_name)."""

MAX_TEXT_CHARS = 500
"""Any other single value kept from an export (a company, a position, a profile URL): the limit
`netdash people` puts on a contact detail (netdash.store.people.clean_point)."""


def size(limit: int) -> str:
    """A cap as people say it: ``4 MB``, ``1 MB``, ``512 bytes``."""
    if limit >= MIB and limit % MIB == 0:
        return f"{limit // MIB} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit} bytes"
