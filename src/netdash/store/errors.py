"""Errors about the journal itself; errors about user input live in ``netdash.domain.errors``."""

from __future__ import annotations


class JournalError(Exception):
    """A journal that cannot be used as it is."""


class SchemaTooNewError(JournalError):
    """The file was written by a newer netdash; touching it could lose that version's data."""


class JournalBusy(JournalError):
    """Another write (an import, a restore) held the journal longer than this write may wait."""
