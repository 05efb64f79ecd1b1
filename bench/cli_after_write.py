"""The CLI right after a write: `stats --json`, `reach-out`, `people show NAME` ÷ importing
sqlite_utils, with scores invalid (an entry logged by `netdash log` just before), on a new day,
and cached (page cache warm and cold).

    python bench/cli_after_write.py [--people 10000|150|50000] [--runs N] [--base OTHER_TREE]

Each run is a fresh process timed from launch to exit, so the commands and the baseline
(`python -c "import sqlite_utils"`) both pay start-up and teardown; peak memory is the process's
own VmHWM (bench/peak.py). CPU time (user + system, the child's own rusage) is reported beside
wall time: on a machine shared by several people the wall time waits for a core, the CPU time
is what the process itself spent. Kinds are interleaved round by round in a rotated order.
"Invalid" runs use a copy that `netdash log` writes to before each (untimed); "new day" runs a
copy each a day later than the last, with the day before stored first (untimed: an entry logged
and a read that day, since a one-shot read of a new day stores nothing), so the scores stored
are a day old; "cached" runs a copy each command has read once, so its scores are stored for
the day; "cached-cold" the same on a copy dropped from the page cache before each run (the
journal, its write-ahead log and their shared-memory index alone, as bench/start.py's cold
launches: the interpreter's and the libraries' files stay cached, for the baseline too).
--base times another source tree's commands in the same loop, each tree on copies it
upgraded itself. Also a part of `bench/frames.py`'s table.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    ROOT,
    Row,
    compile_bytecode,
    evict,
    interleave,
    table,
    timed_run,
    tree_copy,
    tree_env,
)

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-26"
BASELINE = "import sqlite_utils"
COMMANDS = {"stats --json": ["stats", "--json"], "reach-out": ["reach-out"], "people show": []}

Results = dict[str, list[tuple[float, float, float]]]
"""Each kind's runs: wall seconds, peak MB, CPU seconds."""


def cpu_timed_run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """:func:`timed_run`, with the CPU seconds (user and system) the process spent: this
    process's children's rusage before and after it (it starts no other child meanwhile)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, megabytes = timed_run(argv, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, megabytes, cpu


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


STATES = ("invalid", "new day", "cached", "cached-cold")
SHOWN = {"cached-cold": "cached, cold file"}
"""A state's words in the table, where it differs from its name."""


def bench_cli(source: Path, runs: int, scratch: Path, base: Path | None = None) -> Results:
    """Seconds and peak MB of each kind's runs: "baseline", and "COMMAND, STATE" for each
    command and state, with " before" after the state for the ``base`` tree's (a source tree
    such as an older ``git worktree``; each tree on its own copies, upgraded by itself).

    "invalid" follows an entry `netdash log` wrote (untimed); "new day" is each run a day later
    than the last, the day before stored first (untimed), so the scores stored are a day old;
    "cached" reads today's stored scores."""
    trees = {"": ROOT / "src"} | ({" before": base.resolve() / "src"} if base else {})
    name = unique_name(source)
    argv = {label: [*args] or ["people", "show", name] for label, args in COMMANDS.items()}
    copies: dict[tuple[str, str], Path] = {}
    envs: dict[str, dict[str, str]] = {}
    for tree, src in trees.items():
        compile_bytecode(src)
        envs[tree] = {**tree_env(src), "NETDASH_TODAY": TODAY}
        for state in STATES:
            copies[tree, state] = tree_copy(source, src, scratch / f"cli-{state}{tree}.db")

    def netdash(
        tree: str, state: str, args: list[str], day: str = TODAY
    ) -> tuple[float, float, float]:
        env = {**envs[tree], "NETDASH_TODAY": day}
        path = copies[tree, state]
        return cpu_timed_run([sys.executable, "-m", "netdash", "--db", str(path), *args], env)

    for tree in trees:
        for args in argv.values():  # every score the commands read, stored for today
            for state in ("cached", "cached-cold", "new day"):
                netdash(tree, state, args)
    kinds = ["baseline"] + [
        f"{label}, {state}{tree}" for label in argv for state in STATES for tree in trees
    ]
    results: Results = {kind: [] for kind in kinds}
    days = {tree: 0 for tree in trees}
    for number, kind in enumerate(interleave(kinds, runs)):
        if kind == "baseline":
            results[kind].append(cpu_timed_run([sys.executable, "-c", BASELINE], envs[""]))
        else:
            label, state = kind.rsplit(", ", 1)
            tree = " before" if state.endswith(" before") else ""
            state = state.removesuffix(" before")
            day = TODAY
            if state == "cached-cold":
                evict(copies[tree, state])
            elif state == "invalid":
                netdash(tree, state, ["log", f"today: coffee with Bench Cli {number}"])
            elif state == "new day":
                days[tree] += 1
                stored = date.fromisoformat(TODAY) + timedelta(days=days[tree] - 1)
                day = (stored + timedelta(days=1)).isoformat()
                if days[tree] > 1:  # a write and a read the day before store that day
                    write = ["log", f"today: coffee with Bench Day {number}"]
                    netdash(tree, state, write, stored.isoformat())
                    netdash(tree, state, argv[label], stored.isoformat())
            results[kind].append(netdash(tree, state, argv[label], day))
        wall, peak, cpu = results[kind][-1]
        print(f"  {kind}: {wall:.3f} s, CPU {cpu:.3f} s, {peak:.0f} MB", flush=True)
    return results


def cli_rows(results: Results) -> list[Row]:
    """A time row for each command and state, a CPU-time row beside each (no target: the wall
    time is judged), and a peak-memory row for each after a write; with a base tree's runs in
    ``results``, each row carries them as ``before``."""
    base = results["baseline"]
    seconds = [run[0] for run in base]
    megabytes = [run[1] for run in base]
    cpu = [run[2] for run in base]

    def runs(kind: str, index: int) -> list[float]:
        return [run[index] for run in results.get(kind, [])]

    out = []
    for label in COMMANDS:
        for state in STATES:
            kind = f"{label}, {state}"
            figure = f"`{label}` ÷ `{BASELINE}`, scores {SHOWN.get(state, state)}"
            before = runs(f"{kind} before", 0)
            out.append(Row(figure, runs(kind, 0), seconds, 1.5, "< 1.5x", before=before))
            figure = f"… its CPU time ÷ `{BASELINE}`'s, `{label}`, scores {SHOWN.get(state, state)}"
            out.append(Row(figure, runs(kind, 2), cpu, before=runs(f"{kind} before", 2)))
    for label in COMMANDS:
        kind = f"{label}, invalid"
        figure = f"… its peak memory ÷ `{BASELINE}`'s, `{label}`, scores invalid"
        out.append(
            Row(figure, runs(kind, 1), megabytes, unit="MB", before=runs(f"{kind} before", 1))
        )
    return out


def main() -> None:
    from bench.frames import SCALES, journal

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000, choices=sorted(SCALES))
    parser.add_argument("--runs", type=int, default=11, help="runs of each kind (default 11)")
    parser.add_argument("--base", type=Path, help="another source tree, timed in the same loop")
    args = parser.parse_args()
    source = journal(args.people)
    with tempfile.TemporaryDirectory(dir=HERE / ".cache") as folder:
        results = bench_cli(source, args.runs, Path(folder), args.base)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\n{args.people:,} people; {os.cpu_count()} cores; load average {load}")
    print(f"before: {args.base}\n" if args.base else "")
    print(table(cli_rows(results)))


if __name__ == "__main__":
    main()
