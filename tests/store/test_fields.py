"""Every refusal about one input names it (``InvalidInput.field``): a form points at its box."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlite_utils import Database

from netdash.domain.dates import parse_date
from netdash.domain.errors import InvalidInput
from netdash.domain.models import ContactPoint, Handle
from netdash.domain.money import parse_money
from netdash.domain.names import parse_handle_spec
from netdash.store.community import add_contribution, add_goal
from netdash.store.journal import NewPerson, log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person, update_person
from tests.conftest import TODAY

LONG = "x" * 600


def _log(db: Database, **changes: Any) -> None:
    fields: dict[str, Any] = {
        "people": [NewPerson("Ana Souza")],
        "occurred_on": TODAY,
        "today": TODAY,
        "kind": "call",
    }
    log_interaction(db, **(fields | changes))


CASES: list[tuple[str, Callable[[Database], object]]] = [
    ("name", lambda db: add_person(db, "  ")),
    ("name", lambda db: add_person(db, "a" * 300)),
    ("tags", lambda db: add_person(db, "Bo", tags=[LONG])),
    ("handles", lambda db: add_person(db, "Bo", handles=[Handle("github", LONG)])),
    ("birthday", lambda db: add_person(db, "Bo", birthday="1990-02-30")),
    ("closeness", lambda db: add_person(db, "Bo", closeness=9)),
    ("cadence_days", lambda db: add_person(db, "Bo", cadence_days=0)),
    ("met_on", lambda db: add_person(db, "Bo", met_on=TODAY + timedelta(days=1))),
    ("notes", lambda db: add_person(db, "Bo", notes="x" * 30_000)),
    ("points", lambda db: add_person(db, "Bo", points=[ContactPoint("email", "not-an-address")])),
    ("introduced_by", lambda db: update_person(db, add_person(db, "Bo"), introduced_by=1)),
    ("pinned_layer", lambda db: update_person(db, add_person(db, "Bo"), pinned_layer=7)),
    ("people", lambda db: _log(db, people=[])),
    ("when", lambda db: _log(db, occurred_on=TODAY + timedelta(days=1))),
    ("kind", lambda db: _log(db, kind="séance")),
    ("initiator", lambda db: _log(db, initiated_by="nobody")),
    ("depth", lambda db: _log(db, depth=9)),
    ("note", lambda db: _log(db, note="x" * 30_000)),
    ("organisation", lambda db: add_contribution(
        db, organisation=" ", occurred_on=TODAY, today=TODAY, minutes=60)),
    ("hours", lambda db: add_goal(db, 2026, hours=Decimal("NaN"))),
    ("result", lambda db: add_goal(db, 2026, result=(Decimal(-1), "meals"))),
    ("title", lambda db: add_outcome(db, title=" ", occurred_on=TODAY, today=TODAY)),
]  # fmt: skip


@pytest.mark.parametrize(("field", "call"), CASES)
def test_the_store_names_the_input_it_refuses(
    db: Database, field: str, call: Callable[[Database], object]
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call(db)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: parse_date("the day after never", TODAY), "when"),
        (lambda: parse_date("tomorrow", TODAY), "when"),
        (lambda: parse_money("5 ABC"), "amount"),
        (lambda: parse_money("$1.005"), "amount"),
        (lambda: parse_handle_spec("ada"), "handles"),
    ],
)
def test_the_domain_names_the_input_it_refuses(call: Callable[[], object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert caught.value.field == field
