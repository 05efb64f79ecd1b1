"""The two small records that name a thing: a person (:class:`PersonRef`) and an account on a
platform (:class:`Handle`).

Apart from :mod:`netdash.domain.models` (which re-exports them) so that the reads that only name
people and accounts (the reach-out list, the follow-ups, the stats) do not build the whole
person's records at import.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Handle:
    """A person's account on one platform; the link between a follower and a real person."""

    platform: str
    handle: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle}"


@dataclass(frozen=True)
class PersonRef:
    """Just enough of a person to name and link them."""

    id: int
    name: str
