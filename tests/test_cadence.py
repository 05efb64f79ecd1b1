"""Issue 16: a keep-in-touch cadence as people say it, "every 4 weeks, at worst 6", and the
on track / due / late it gives."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netdash.domain.cadence import (
    Cadence,
    describe,
    in_touch,
    late_in,
    overdue_reason,
    parse_cadence,
    status_of,
    status_words,
)
from netdash.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("typed", "ideal", "maximum"),
    [
        ("30", 30, None),  # --cadence N (days) as it always was
        ("30d", 30, None),
        ("30 days", 30, None),
        ("1 day", 1, None),
        ("4w", 28, None),
        ("4 weeks", 28, None),
        ("every 4 weeks", 28, None),
        ("every week", 7, None),
        ("weekly", 7, None),
        ("fortnightly", 14, None),
        ("every other week", 14, None),
        ("2 months", 60, None),
        ("monthly", 30, None),
        ("1y", 365, None),
        ("every 4 weeks, at worst 6", 28, 42),  # the words: 6 takes the ideal's unit
        ("Every 4 weeks at worst 6 weeks", 28, 42),
        ("every 4 weeks, at most 6", 28, 42),
        ("4w max 6w", 28, 42),
        ("every 10 days, at worst 3 weeks", 10, 21),
        ("6 months, at most a year", 180, 365),
        ("every two weeks", 14, None),  # number words, as "in two weeks" and "two weeks ago"
        ("4 weeks, at worst six", 28, 42),
        ("every three weeks, at worst a month", 21, 30),
        ("30, at worst 45", 30, 45),
        ("4-6 weeks", 28, 42),  # a range: the bare 4 takes the 6's unit
        ("4 to 6 weeks", 28, 42),
        ("4w-6w", 28, 42),
        ("2w-3w", 14, 21),
        ("28-42", 28, 42),
        ("4\u20136 weeks", 28, 42),  # an en dash, as a phone's keyboard types it
        ("every 4 weeks, at worst 4", 28, 28),  # strict: late the day after the ideal
    ],
)
def test_what_people_type_reads_as_they_mean(typed: str, ideal: int, maximum: int | None) -> None:
    assert parse_cadence(typed) == Cadence(ideal, maximum)


@pytest.mark.parametrize("typed", ["none", "None", "", "  ", "off"])
def test_none_clears(typed: str) -> None:
    assert parse_cadence(typed) is None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("0", "from 1 to 3650, not 0"),
        ("5000", "not 5000"),
        ("-7", "not a number of days netdash reads"),
        ("soon", "not a number of days netdash reads; try 30, 4w"),
        ("4 parsecs", "not a number of days netdash reads"),
        ("every", "not a number of days netdash reads"),
        ("6 weeks, at worst 4", "at worst 28 days is sooner than the ideal, 42 days"),
        ("6-4 weeks", "sooner than the ideal"),
    ],
)
def test_anything_else_is_refused_saying_what_works(typed: str, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_cadence(typed, field="cadence")
    assert words in str(refused.value)
    assert refused.value.field == "cadence"


@pytest.mark.parametrize(
    ("ideal", "maximum", "words"),
    [
        (28, 42, "every 4 weeks, at worst 6"),
        (7, None, "every week"),
        (30, None, "every 30 days"),
        (10, 21, "every 10 days, at worst 3 weeks"),
        (14, 20, "every 2 weeks, at worst 20 days"),
        (7, 7, "every week, at worst 1"),
    ],
)
def test_a_cadence_is_described_as_it_can_be_typed(
    ideal: int, maximum: int | None, words: str
) -> None:
    assert describe(ideal, maximum) == words
    assert parse_cadence(words) == Cadence(ideal, maximum)


@given(st.integers(1, 3650), st.none() | st.integers(0, 3650))
def test_every_description_reads_back(ideal: int, extra: int | None) -> None:
    maximum = None if extra is None else min(3650, ideal + extra)
    assert parse_cadence(describe(ideal, maximum)) == Cadence(ideal, maximum)


@given(st.text(max_size=40))
def test_arbitrary_text_is_read_or_refused_never_a_crash(text: str) -> None:
    try:
        said = parse_cadence(text)
    except InvalidInput:
        return
    assert said is None or 1 <= said.ideal <= (said.maximum or said.ideal) <= 3650


def test_due_past_the_ideal_late_past_the_maximum() -> None:
    assert status_of(28, 28, 42) == "on track"  # the ideal's own day is still on track
    assert status_of(29, 28, 42) == "due"
    assert status_of(42, 28, 42) == "due"
    assert status_of(43, 28, 42) == "late"
    assert status_of(400, 28, None) == "due"  # no maximum: due however long, as "overdue" was
    assert status_of(None, 28, 42) is None  # nothing logged yet
    assert status_of(10, None, None) is None  # no cadence


def test_the_reason_says_how_far_past_and_when_late_comes() -> None:
    assert overdue_reason(20, 7, None) == "13 days past a 7-day cadence"  # as before
    assert overdue_reason(31, 28, 42) == "3 days past a 28-day cadence"
    assert late_in(31, 28 + 14) == "late in 12 days"  # on day 43
    assert late_in(42, 42) == "late in 1 day"
    assert late_in(43, 42) == late_in(10, None) == late_in(None, 42) == ""
    assert overdue_reason(47, 28, 42) == "5 days past the 42-day limit"


def test_the_status_line_says_the_cadence_whence_and_where_they_stand() -> None:
    own = "set for them"
    assert status_words(28, 42, own, 10) == "every 4 weeks, at worst 6 (set for them) · on track"
    assert status_words(28, 42, own, 31) == (
        "every 4 weeks, at worst 6 (set for them) · due, late in 12 days"
    )
    assert status_words(28, 42, own, 50) == "every 4 weeks, at worst 6 (set for them) · late"
    assert status_words(7, None, "default for the 2 layer", 20) == (
        "every week (default for the 2 layer) · due"  # no maximum: never late
    )
    assert status_words(28, 42, own, None) == (
        "every 4 weeks, at worst 6 (set for them) · nothing logged yet"
    )
    assert status_words(28, None, own, 40, date(2026, 12, 1)) == (
        "every 4 weeks (set for them) · due, snoozed until 2026-12-01"
    )


def test_the_maximum_leaves_overdue_and_urgency_as_they_were() -> None:
    # 40 days since, ideal 28: overdue; urgency (40 / 28) * (0.5 + 60 / 100) = 1.571
    assert in_touch((28, 42), (7, "default"), 40, False, 60.0) == (
        28,
        42,
        "set for them",
        True,
        1.571,
    )
    assert in_touch((28, None), (7, "d"), 40, False, 60.0) == (
        28,
        None,
        "set for them",
        True,
        1.571,
    )
    # no cadence of their own: the layer's, never with a maximum
    assert in_touch((None, None), (7, "default for the 5 layer"), 8, False, 0.0) == (
        7,
        None,
        "default for the 5 layer",
        True,
        0.571,  # (8 / 7) * 0.5
    )
    assert in_touch((28, 42), (None, ""), 50, True, 60.0)[3:] == (False, 0.0)  # snoozed
    assert in_touch((None, None), (None, ""), 50, False, 60.0) == (None, None, "", False, 0.0)
