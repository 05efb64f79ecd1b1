"""Regression tests for review findings in the store: each names the defect it pins down."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlite_utils import Database

from netdash.store.community import add_contribution, add_goal
from netdash.store.contributions import ContributionEdit, edit_contribution, get_contribution
from netdash.store.goals import edit_goal, get_goal
from netdash.store.journal import NewPerson
from netdash.store.organisations import find_organisation, rename_organisation
from netdash.store.people import add_person
from netdash.store.trash import list_trash, undo
from tests.conftest import TODAY, kept_rows


def test_undo_of_a_contribution_edit_takes_out_the_organisation_and_person_it_created(
    db: Database,
) -> None:
    ana = add_person(db, "Ana Souza")
    first = add_contribution(
        db, organisation="Food Bank", occurred_on=date(2026, 2, 1), today=TODAY, minutes=60,
        people=[ana],
    ).contribution_id  # fmt: skip
    before = kept_rows(db)
    edit = ContributionEdit(organisation="Shelter Run", people=[NewPerson("Bo Lima")])
    edited = edit_contribution(db, first, edit, TODAY)
    assert (edited.organisation, edited.people) == ("Shelter Run", ("Bo Lima",))
    undo(db)
    # the organisation and the person the edit created go with it; the contribution is back
    assert kept_rows(db) == before
    assert get_contribution(db, first).people == ("Ana Souza",)


def test_undo_of_a_goal_edit_takes_out_the_organisation_it_created(db: Database) -> None:
    add_contribution(
        db, organisation="Food Bank", occurred_on=date(2026, 2, 1), today=TODAY, minutes=60
    )
    goal = add_goal(db, 2026, hours=Decimal(10), organisation="Food Bank")
    before = kept_rows(db)
    assert edit_goal(db, goal, organisation="Shelter Run").organisation == "Shelter Run"
    undo(db)
    assert kept_rows(db) == before
    assert get_goal(db, goal).organisation == "Food Bank"


def test_an_edit_that_changes_nothing_puts_nothing_in_the_trash(db: Database) -> None:
    first = add_contribution(
        db, organisation="Food Bank", occurred_on=date(2026, 2, 1), today=TODAY, minutes=60
    ).contribution_id
    goal = add_goal(db, 2026, hours=Decimal(10), organisation="Food Bank")
    food = find_organisation(db, "food bank")[0]
    before = kept_rows(db)
    rename_organisation(db, food, "Food Bank")
    edit_contribution(db, first, ContributionEdit(), TODAY)
    edit_goal(db, goal)
    # the next undo must not "undo" an edit that did nothing
    assert list_trash(db) == []
    assert kept_rows(db) == before
