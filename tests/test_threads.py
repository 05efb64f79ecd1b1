"""netdash.threads: a job's outcome, whatever it is, reaches the thread waiting for it."""

from __future__ import annotations

import threading

import pytest

from netdash.threads import in_thread


def test_the_result_comes_back_from_a_thread_of_that_name() -> None:
    ran_in: list[str] = []

    def job() -> int:
        ran_in.append(threading.current_thread().name)
        return 42

    assert in_thread(job, "netdash-test").result(timeout=10) == 42
    assert ran_in == ["netdash-test"]
    assert ran_in[0] != threading.current_thread().name


def test_what_the_job_raises_is_raised_to_the_waiter() -> None:
    def job() -> None:
        raise KeyboardInterrupt  # even a BaseException: the thread never dies silently

    with pytest.raises(KeyboardInterrupt):
        in_thread(job, "netdash-test").result(timeout=10)
