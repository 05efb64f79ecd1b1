"""The CLI right after a write: `stats --json`, `reach-out`, `people show NAME` ÷ importing
sqlite_utils, with scores invalid (an entry logged by `netdash log` just before) and cached.

    python bench/cli_after_write.py [--people 10000|150|50000] [--runs N]

Each run is a fresh process timed from launch to exit, so the commands and the baseline
(`python -c "import sqlite_utils"`) both pay start-up and teardown; peak memory is the kernel's
ru_maxrss. Kinds are interleaved round by round in a rotated order. "Invalid" runs use a copy that
`netdash log` writes to before each (untimed); "cached" runs a copy each command has read once, so
its scores are stored for the day. Also a part of `bench/frames.py`'s table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Row, compile_bytecode, interleave, table, timed_run

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-26"
BASELINE = "import sqlite_utils"
COMMANDS = {"stats --json": ["stats", "--json"], "reach-out": ["reach-out"], "people show": []}

Results = dict[str, list[tuple[float, float]]]


def unique_name(path: Path) -> str:
    """A name one person has, so `people show` shows a person rather than a choice."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        found = connection.execute(
            "SELECT name FROM people GROUP BY name HAVING COUNT(*) = 1 ORDER BY MIN(id) LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    return str(found[0])


def bench_cli(source: Path, runs: int, scratch: Path) -> Results:
    """Seconds and peak MB of each kind's runs ("baseline", and each command "cached"/"invalid")."""
    env = {**os.environ, "NETDASH_TODAY": TODAY}
    cached, invalid = scratch / "cli-cached.db", scratch / "cli-invalid.db"
    shutil.copyfile(source, cached)
    shutil.copyfile(source, invalid)
    name = unique_name(source)
    argv = {label: [*args] or ["people", "show", name] for label, args in COMMANDS.items()}

    def netdash(path: Path, args: list[str]) -> tuple[float, float]:
        return timed_run([sys.executable, "-m", "netdash", "--db", str(path), *args], env)

    for args in argv.values():  # every score the commands read, stored for today
        netdash(cached, args)
    kinds = ["baseline"] + [
        f"{label}, {state}" for label in argv for state in ("invalid", "cached")
    ]
    results: Results = {kind: [] for kind in kinds}
    for number, kind in enumerate(interleave(kinds, runs)):
        if kind == "baseline":
            results[kind].append(timed_run([sys.executable, "-c", BASELINE], env))
        else:
            label, state = kind.rsplit(", ", 1)
            if state == "invalid":
                netdash(invalid, ["log", f"today: coffee with Bench Cli {number}"])
            results[kind].append(netdash(invalid if state == "invalid" else cached, argv[label]))
        print(f"  {kind}: {results[kind][-1][0]:.3f} s, {results[kind][-1][1]:.0f} MB", flush=True)
    return results


def cli_rows(results: Results) -> list[Row]:
    """A time row for each command and state, and a peak-memory row for each after a write."""
    base = results["baseline"]
    seconds = [run[0] for run in base]
    megabytes = [run[1] for run in base]
    out = []
    for label in COMMANDS:
        for state in ("invalid", "cached"):
            runs = [run[0] for run in results[f"{label}, {state}"]]
            figure = f"`{label}` ÷ `{BASELINE}`, scores {state}"
            out.append(Row(figure, runs, seconds, 1.5, "< 1.5x"))
    for label in COMMANDS:
        runs = [run[1] for run in results[f"{label}, invalid"]]
        figure = f"… its peak memory ÷ `{BASELINE}`'s, `{label}`, scores invalid"
        out.append(Row(figure, runs, megabytes, unit="MB"))
    return out


def main() -> None:
    from bench.frames import SCALES, journal

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000, choices=sorted(SCALES))
    parser.add_argument("--runs", type=int, default=11, help="runs of each kind (default 11)")
    args = parser.parse_args()
    compile_bytecode()
    source = journal(args.people)
    with tempfile.TemporaryDirectory(dir=HERE / ".cache") as folder:
        results = bench_cli(source, args.runs, Path(folder))
    print(f"\n{args.people:,} people; {os.cpu_count()} cores\n")
    print(table(cli_rows(results)))


if __name__ == "__main__":
    main()
