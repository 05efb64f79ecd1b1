"""Benchmark what a write costs the depth cache: log one entry, then read everyone's depth.

    python bench/depth_write.py --baseline-src /tmp/base/src [--rounds 6] [--writes 5]

Each round runs two worker processes one after the other, in an order rotated each round: the
baseline netdash (an older checkout's ``src``) and this one, each on its own copy of the large
journal (bench/.cache/large.db) upgraded by its own tree. The worker fills the cache, then
``--writes`` times logs one entry with a person picked at random and times
:func:`cached_depth` (the dashboard's read after a write). The table gives bench/harness.py's
medians, inclusive p95 and the ratio of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Row, interleave, table, tree_copy

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 26)


def worker(journal: Path, writes: int, seed: int) -> None:
    """Prints the seconds each cached_depth after a write took, as JSON."""
    from netdash.domain.scoring import DepthSettings
    from netdash.store.db import open_db
    from netdash.store.depth import cached_depth
    from netdash.store.journal import log_interaction

    settings = DepthSettings()
    db = open_db(journal)
    cached_depth(db, TODAY, settings)  # fill the cache: the state a running dashboard is in
    people = [row[0] for row in db.execute("SELECT id FROM people").fetchall()]
    rng = random.Random(seed)
    timings = []
    for _ in range(writes):
        log_interaction(
            db, people=[rng.choice(people)], occurred_on=TODAY, today=TODAY, kind="call"
        )
        started = time.perf_counter()
        cached_depth(db, TODAY, settings)
        timings.append(time.perf_counter() - started)
    db.close()
    print(json.dumps(timings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-src", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--writes", type=int, default=5)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.writes, args.seed)
        return
    large = HERE / ".cache" / "large.db"
    scratch = HERE / ".cache" / "depth_write"
    scratch.mkdir(exist_ok=True)
    sources = {"baseline": args.baseline_src.resolve(), "this": HERE.parent / "src"}
    timings: dict[str, list[float]] = {name: [] for name in sources}
    for number, name in enumerate(interleave(list(sources), args.rounds)):
        journal = tree_copy(large, sources[name], scratch / f"{name}.db")
        out = subprocess.run(
            [
                *(sys.executable, __file__, "--worker", str(journal)),
                *("--seed", str(number // len(sources))),  # the same people for both trees
                *("--writes", str(args.writes), "--baseline-src", "-"),
            ],
            env={**os.environ, "PYTHONPATH": str(sources[name])},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        timings[name] += json.loads(out)
    shutil.rmtree(scratch)
    rows = [
        Row(f"{name}: cached_depth after one logged entry", values, timings["baseline"])
        for name, values in timings.items()
    ]
    print(table(rows))


if __name__ == "__main__":
    main()
