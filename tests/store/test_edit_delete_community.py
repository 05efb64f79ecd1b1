"""Contributions, outcomes and organisations: an edit changes exactly the fields given, and an
edit, a rename or a deletion is put back row for row by undo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.store.community import add_contribution, add_goal
from netdash.store.contributions import (
    ContributionEdit,
    delete_contribution,
    edit_contribution,
    get_contribution,
)
from netdash.store.organisations import (
    delete_organisation,
    find_organisation,
    organisation_deletion,
    organisation_names,
    rename_organisation,
)
from netdash.store.outcomes import (
    OutcomeEdit,
    add_outcome,
    delete_outcome,
    edit_outcome,
    get_outcome,
)
from netdash.store.people import add_person
from netdash.store.trash import list_trash, undo
from tests.conftest import TODAY, kept_rows


def journal(db: Database) -> dict[str, int]:
    """Food Bank: two contributions (one with Ana), a goal, and an outcome credited to it and
    to Ana; Shelter Run: one contribution."""
    ana = add_person(db, "Ana Souza")
    first = add_contribution(
        db, organisation="Food Bank", occurred_on=date(2026, 2, 1), today=TODAY, minutes=240,
        money=(5000, "USD"), result=(Decimal(120), "meals served"), role="volunteer",
        people=[ana], note="saturday shift",
    ).contribution_id  # fmt: skip
    add_contribution(
        db, organisation="Food Bank", occurred_on=date(2026, 3, 1), today=TODAY, minutes=60
    )
    add_contribution(
        db, organisation="Shelter Run", occurred_on=date(2026, 4, 1), today=TODAY, minutes=30
    )
    add_goal(db, 2026, hours=Decimal(10), organisation="Food Bank")
    job = add_outcome(
        db, title="A job offer", occurred_on=date(2026, 3, 1), today=TODAY,
        value=(1200000, "USD"), people=[(ana, "introduced")], organisations=["Food Bank"],
        note="via the shift",
    )  # fmt: skip
    return {"ana": ana, "first": first, "job": job, "food": find_organisation(db, "food bank")[0]}


def test_edit_a_contribution_changes_only_the_fields_given_and_undo_puts_it_back(
    db: Database,
) -> None:
    ids = journal(db)
    before = kept_rows(db)
    old = get_contribution(db, ids["first"])
    # 4h becomes 1.5h (90 minutes) and the money goes; everything else stays
    new = edit_contribution(db, ids["first"], ContributionEdit(minutes=90, money=None), TODAY)
    assert (new.minutes, new.money_minor, new.currency) == (90, 0, None)
    assert (new.occurred_on, new.organisation, new.result_quantity, new.result_unit) == (
        "2026-02-01",
        "Food Bank",
        "120",
        "meals served",
    )
    assert (new.role, new.note, new.people) == (old.role, old.note, ("Ana Souza",))
    assert list_trash(db)[0].description == "edit the contribution to Food Bank on 2026-02-01"
    undo(db)
    assert kept_rows(db) == before


def test_an_edit_is_checked_as_a_new_contribution_is(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    # hours, money and result all gone: nothing given
    with pytest.raises(InvalidInput, match="say what you gave"):
        edit_contribution(
            db, ids["first"], ContributionEdit(minutes=0, money=None, result=None), TODAY
        )
    with pytest.raises(InvalidInput):
        edit_contribution(db, ids["first"], ContributionEdit(occurred_on=date(2027, 1, 1)), TODAY)
    assert kept_rows(db) == before


def test_delete_a_contribution_then_undo(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    delete_contribution(db, ids["first"])
    # 3 contributions less this one; its one link to Ana goes with it
    assert db.execute("SELECT count(*) FROM contributions").fetchone()[0] == 3 - 1
    assert db.execute("SELECT count(*) FROM contribution_people").fetchone()[0] == 0
    undo(db)
    assert kept_rows(db) == before


def test_delete_an_organisation_says_what_goes_and_undo_puts_it_back(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    gone = organisation_deletion(db, ids["food"])
    # Food Bank: 2 contributions, 1 goal, 1 outcome credited to it
    assert gone.words() == (
        "Food Bank and its 2 contributions and 1 goal for it; 1 outcome loses its credit to it"
    )
    delete_organisation(db, ids["food"])
    # Shelter Run's one contribution stays; the outcome stays with Ana's credit only
    assert db.execute("SELECT count(*) FROM contributions").fetchone()[0] == 1
    assert [c.label for c in get_outcome(db, ids["job"]).credits] == ["Ana Souza"]
    assert db.execute("SELECT count(*) FROM goals").fetchone()[0] == 0
    undo(db)
    assert kept_rows(db) == before


def test_rename_an_organisation_then_undo(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    with pytest.raises(InvalidInput, match="another organisation's name"):
        rename_organisation(db, ids["food"], "shelter run")
    assert rename_organisation(db, ids["food"], "  City  Food Bank ") == "City Food Bank"
    assert find_organisation(db, "city food bank")[0] == ids["food"]
    undo(db)
    assert kept_rows(db) == before


def test_edit_an_outcome_changes_only_the_fields_given_then_undo(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    new = edit_outcome(db, ids["job"], OutcomeEdit(title="A contract", kind="client"), TODAY)
    assert (new.title, new.kind, new.occurred_on) == ("A contract", "client", "2026-03-01")
    assert (new.value_minor, new.value_currency) == (1200000, "USD")
    assert len(new.credits) == 2
    assert db.execute("SELECT note FROM outcomes").fetchone()[0] == "via the shift"
    undo(db)
    assert kept_rows(db) == before


def test_delete_an_outcome_then_undo(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    delete_outcome(db, ids["job"])
    # the outcome and its 2 credits (Ana, Food Bank) go
    assert db.execute("SELECT count(*) FROM outcome_credits").fetchone()[0] == 0
    undo(db)
    assert kept_rows(db) == before


def test_a_box_of_organisations_keeps_names_that_contain_a_comma(db: Database) -> None:
    """The outcome form shows its organisations comma-separated; saved again unchanged, "Food
    Bank, Inc." must stay one organisation (split, the edit credited "Food Bank" and "Inc.")."""
    add_outcome(
        db,
        title="Winter drive",
        occurred_on=TODAY,
        today=TODAY,
        kind="other",
        organisations=["Food Bank, Inc.", "Code Club"],
    )
    assert organisation_names(db, "Food Bank, Inc., Code Club") == ["Food Bank, Inc.", "Code Club"]
    assert organisation_names(db, " food bank ,  inc. ,code club,") == [
        "Food Bank, Inc.",
        "code club",
    ]
    assert organisation_names(db, "Food Bank, Oxfam") == ["Food Bank", "Oxfam"]
    assert organisation_names(db, "") == []
