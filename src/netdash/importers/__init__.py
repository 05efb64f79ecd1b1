"""Readers for the platforms' own data exports. Textual-free; they never touch the network.

Each reader turns an export into a :class:`~netdash.store.snapshot.Snapshot` (counts, the date
they were true, and the follower list where the export has one); :mod:`netdash.store.imports`
writes a snapshot in one transaction.
"""

IMPORT_SOURCES = ("twitter", "mastodon", "linkedin", "instagram", "facebook")
"""The exports `netdash import` reads, by the name the user gives."""
