"""The benchmark harness's statistics and order, on made-up numbers (no timings measured)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.harness import Row, interleave, median, p95

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_median_and_inclusive_p95_by_hand() -> None:
    values = [float(v) for v in range(1, 22)]  # 1..21: p95 at rank 0.95 * 20 = 19 -> 20.0
    assert median(values) == 11.0
    assert p95(values) == 20.0
    # Two runs: interpolated between them, never beyond the slowest.
    assert p95([1.0, 2.0]) == 1.95
    assert p95([3.0]) == 3.0
    assert p95([5.0, 1.0, 9.0]) <= 9.0


def test_interleaving_rotates_so_no_kind_always_goes_first() -> None:
    order = interleave(["bare", "cached", "invalid"], 3)
    assert order == [
        "bare", "cached", "invalid",
        "cached", "invalid", "bare",
        "invalid", "bare", "cached",
    ]  # fmt: skip
    assert all(order.count(kind) == 3 for kind in ("bare", "cached", "invalid"))


def test_rows_judge_ratio_of_medians_and_absolute_targets() -> None:
    row = Row("start", [2.0, 3.0, 100.0], [1.0, 2.0, 2.0], 1.3, "<= 1.3x")
    assert row.ratio() == 1.5  # 3.0 / 2.0: medians, so one slow launch does not decide
    assert row.passed() == "FAIL"
    fast = Row("log", [0.01] * 19 + [0.07], (), 0.06, "p95 < 60 ms", "p95")
    # p95 of 20 runs sits at rank 0.95 * 19 = 18.05: 0.01 + 0.05 * (0.07 - 0.01) = 0.013.
    assert abs(p95(fast.values) - 0.013) < 1e-12
    assert fast.passed() == "pass"
    assert Row("burst", [0.01, 0.07], (), 0.06, "every one", "max").passed() == "FAIL"


def test_frames_help_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "frames.py"), "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "--quick" in done.stdout
