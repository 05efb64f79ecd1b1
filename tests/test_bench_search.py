"""bench/search.py runs end to end on a tiny journal (its figures are not judged here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_search_benchmark_runs_on_a_small_journal(tmp_path: Path) -> None:
    journal = ROOT / "tests" / "data" / "journal-m009_trash.db"
    before = journal.read_bytes()
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "search.py"), "--journal", str(journal),
         "--rounds", "1"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert [row.split(" (")[0] for row in rows[1:]] == [
        "| upgrade: m020 builds the index",
        "| store query, per keystroke",
        "| CLI: netdash search 'souza'",
        "| CLI: netdash search 'food bank'",
    ]
    assert "| store query, per keystroke (9 runs)" in done.stdout
    assert journal.read_bytes() == before  # copied, never upgraded in place
