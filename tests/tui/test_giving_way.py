"""Work that gives way to the UI thread (issue 14): the year in review is built in a thread of
lower OS priority, so on a loaded machine its SQL does not hold the screen's frames back."""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

import pytest

from netdash.tui.app import NetdashApp
from netdash.tui.giving_way import NICER, giving_way, thread_priority
from netdash.tui.screens import review
from netdash.tui.screens.review import ReviewScreen
from tests.tui.waits import wait_for

linux = pytest.mark.skipif(sys.platform != "linux", reason="a priority per thread is Linux's")


@linux
def test_the_job_runs_in_a_thread_of_lower_priority_and_the_caller_keeps_its_own() -> None:
    before = thread_priority()
    seen: list[tuple[threading.Thread, int]] = []

    def job() -> str:
        seen.append((threading.current_thread(), thread_priority()))
        return "built"

    assert giving_way(job) == "built"
    ((thread, priority),) = seen
    assert thread is not threading.current_thread()
    assert priority == before + NICER or priority == 19  # nice stops at 19
    assert thread_priority() == before


def test_the_jobs_failure_is_raised_in_the_caller() -> None:
    def job() -> None:
        raise ValueError("no journal")

    with pytest.raises(ValueError, match="no journal"):
        giving_way(job)


def test_where_the_priority_cannot_be_lowered_the_job_still_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(*args: Any) -> None:
        raise PermissionError("not here")

    monkeypatch.setattr(os, "setpriority", refused)
    assert giving_way(lambda: 42) == 42


async def test_the_review_is_built_giving_way(
    ana_app: NetdashApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ana_app
    built_on: list[str] = []
    build = review.build_review

    def noted(*args: Any) -> Any:
        built_on.append(threading.current_thread().name)
        return build(*args)

    monkeypatch.setattr(review, "build_review", noted)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        shown = lambda: isinstance(app.screen, ReviewScreen) and bool(app.screen.source)  # noqa: E731
        await wait_for(pilot, shown, "the review")
        assert built_on == ["giving-way"]
