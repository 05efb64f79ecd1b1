"""Everyone's depth as the app holds it (10,000 people on a large journal, read once the
dashboard is filled) is held lean: the settled dashboard's peak memory was a third above its
floor, most of it these."""

from __future__ import annotations

import dataclasses

from netdash.domain.depth_build import new_depth
from netdash.domain.scoring import Depth
from tests.conftest import TODAY


def test_a_depth_has_no_instance_dict() -> None:
    """Slots, not a dict each: 3.7 MB of 10,000 people's depths."""
    fields = dataclasses.asdict(Depth(7, 41.5, (), 15, TODAY, 3, 30, "x", None, True, 0.8, 2.5))
    for depth in (new_depth(**fields), Depth(**fields)):
        assert not hasattr(depth, "__dict__")
