"""``--cadence`` of `people add` and `people edit`, and how `people show` words a cadence.

The grammar is :mod:`netdash.domain.cadence`'s, shared with the person form.
"""

from __future__ import annotations

from typing import Any

from netdash.cli.kit import fail


def cadence_days(text: str | None) -> tuple[int | None, int | None] | None:
    """--cadence as (ideal, maximum) days, (None, None) for "none"; None when not given."""
    from netdash.domain.cadence import parse_cadence
    from netdash.domain.errors import InvalidInput

    if text is None:
        return None
    try:
        said = parse_cadence(text)
    except InvalidInput as error:
        fail(f"--cadence: {error}")
    return (said.ideal, said.maximum) if said else (None, None)


def cadence_words(document: dict[str, Any]) -> str:
    """ "every 4 weeks, at worst 6 (set for them) · due, late in 5 days": `people show`'s
    cadence line, from its JSON document, in the Person page's words."""
    from datetime import date

    from netdash.domain.cadence import status_words

    snoozed = document["snoozed_until"]
    return status_words(
        document["cadence_days"],
        document["cadence_max_days"],
        document["cadence_source"],
        document["days_since_contact"],
        date.fromisoformat(snoozed) if snoozed else None,
    )
