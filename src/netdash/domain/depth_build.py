"""A person's :class:`~netdash.domain.scoring.Depth` built from their score, and built lean.

Apart from the model (:mod:`netdash.domain.scoring`) so that module keeps to its length.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any, cast

from netdash.domain import cadence as keep
from netdash.domain.scoring import Component, Depth, DepthSettings, Rows, total_score


def depth_of(
    pid: int,
    rows: Rows,
    computed: tuple[list[Component], int | None, float],
    layer: int | None,
    today: date,
    settings: DepthSettings,
) -> Depth:
    components, youngest, hours = computed
    return depth_from(
        pid, total_score(components), youngest, hours, rows, layer, today, settings, components
    )


def depth_from(
    pid: int,
    score: float,
    youngest: int | None,
    hours: float,
    rows: Rows,
    layer: int | None,
    today: date,
    settings: DepthSettings,
    components: list[Component] | None = None,
) -> Depth:
    """A person's depth from their score, worked out once (scoring everyone used to total the
    components twice), and the keep-in-touch state that follows from it and their layer."""
    last = date.fromordinal(today.toordinal() - youngest) if youngest is not None else None
    snoozed = rows.snoozed_until if rows.snoozed_until and rows.snoozed_until > today else None
    cadence, most, source, overdue, urgency = keep.in_touch(
        (rows.cadence, rows.cadence_max),
        keep.layer_cadence(layer, settings.cadence_days),
        youngest,
        bool(snoozed),
        score,
    )
    return new_depth(
        person_id=pid,
        score=score,
        components=tuple(components or ()),
        layer=layer,
        last_contact=last,
        days_since=youngest,
        cadence_days=cadence,
        cadence_source=source,
        snoozed_until=snoozed,
        overdue=overdue,
        urgency=urgency,
        hours=hours,
        cadence_max_days=most,
    )


def new_depth(
    *,
    person_id: int,
    score: float,
    components: tuple[Component, ...],
    layer: int | None,
    last_contact: date | None,
    days_since: int | None,
    cadence_days: int | None,
    cadence_source: str,
    snoozed_until: date | None,
    overdue: bool,
    urgency: float,
    hours: float,
    cadence_max_days: int | None,
) -> Depth:
    """``Depth(...)``, every field given, built at half the frozen dataclass's cost: its
    ``__init__`` sets each of the thirteen through ``object.__setattr__`` (3 us a person: a
    third of building 10,000 from the cache). The fields are set on an object of a class with
    Depth's slots and no frozen ``__setattr__``, which then becomes a Depth (the same layout,
    so Python allows it): the same object, equal and hashable alike, and as frozen."""
    depth: Any = _new(_Unsealed)
    depth.person_id = person_id
    depth.score = score
    depth.components = components
    depth.layer = layer
    depth.last_contact = last_contact
    depth.days_since = days_since
    depth.cadence_days = cadence_days
    depth.cadence_source = cadence_source
    depth.snoozed_until = snoozed_until
    depth.overdue = overdue
    depth.urgency = urgency
    depth.hours = hours
    depth.cadence_max_days = cadence_max_days
    depth.__class__ = Depth
    return cast(Depth, depth)


class _Unsealed:
    """Depth's slots, in its order, without its frozen ``__setattr__``: :func:`new_depth`'s."""

    __slots__ = tuple(part.name for part in fields(Depth))


_new = object.__new__
