"""Start-up launches for bench/frames.py: each kind in its own journal copy, checked to be in its
case before it is launched.

Kinds: the bare app; netdash with scores cached (page cache warm, and a copy whose pages were
dropped: "cold"); after a write (an entry logged by `netdash log` into its copy: the next read
rescores the people it touched); a new day (a copy whose scores were cached on ``TODAY``,
nothing written since, launched on ``NEXT_DAY``: so no entry is dated after the day stored, as
for a user opening netdash the morning after, where a copy stored the day before ``TODAY`` had
the 96 entries the demo dates ``TODAY``, and their 127 people scored from all their entries,
pessimistic for every tree). Every tree (this one, and
``--base``'s) launches on copies of its own master (bench/harness.py's tree_master), so
neither pays an upgrade or a backup.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench.harness import Terminal, cold_copy, copy_with_wal, interleave, tree_env, tree_master

TODAY = "2026-11-26"
NEXT_DAY = (date.fromisoformat(TODAY) + timedelta(days=1)).isoformat()
"""The new day's launches: its copies' scores are stored on ``TODAY``."""
LAUNCH_TIMEOUT = 30.0
BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

Bare().run()
"""
FIRST = {"first": r"People in your journal"}
FILLED = {
    **FIRST,
    "layers": r"Inner 5",
    "reach-out": r"\d+ days? past (?:a|the)|Nobody is overdue",  # a cadence, or a limit
    "layer chart": r" 5: [\d,]+→",
    "follower chart": r"[a-z]+: [\d,]+→[\d,]+",
    # the breadth panel's "… you know among …" (its last word wraps): without it one whose known
    # followers come last would count as filled while its panel still said "…"
    "known followers": r"you know among [\d,]+",
}
KINDS = ("cached", "cached-cold", "write", "newday")

Marks = dict[str, float]


def netdash(src: Path, today: str, *args: str) -> None:
    env = {**tree_env(src), "NETDASH_TODAY": today}
    command = [sys.executable, "-m", "netdash", *args]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)


def launch(src: Path | None, path: Path, today: str = TODAY) -> Marks:
    """Seconds from launch to each mark of FILLED (the bare app when ``src`` is None: "first"
    is its "Hello"), its peak memory at the last mark ("filled MB") and once settled ("peak
    MB", :func:`settled_peak`), before the kill."""
    if src is None:
        terminal = Terminal([sys.executable, "-c", BARE_APP])
        patterns = {"first": r"Hello"}
    else:
        os.environ["PYTHONPATH"] = str(src)
        os.environ["NETDASH_TODAY"] = today
        terminal = Terminal([sys.executable, "-m", "netdash", "--db", str(path)])
        patterns = FILLED
    try:
        marks = terminal.wait_for(patterns, LAUNCH_TIMEOUT)
        marks["filled MB"] = terminal.peak_rss()
        marks["peak MB"] = settled_peak(terminal)
        return marks
    finally:
        terminal.kill()


SETTLE_QUIET = 1.0
"""Seconds the peak must stand still before it is read: netdash reads everyone's depth after
the filled frame (the People screen's, the standing a write re-ranks), within 0.1-0.3 s of it
on the large journal; a peak read at the filled frame would leave that out and flatter."""
SETTLE_MOST = 10.0


def settled_peak(terminal: Terminal) -> float:
    """The process's peak memory (VmHWM, MB) once it has not grown for SETTLE_QUIET seconds
    (at most SETTLE_MOST after the last mark): what the start costs with its deferred reads
    done. The bare app is read the same way."""
    peak, since = terminal.peak_rss(), time.perf_counter()
    deadline = since + SETTLE_MOST
    while time.perf_counter() - since < SETTLE_QUIET and time.perf_counter() < deadline:
        time.sleep(0.05)
        terminal.drain()
        now = terminal.peak_rss()
        if now > peak:
            peak, since = now, time.perf_counter()
    return peak


def cache_state(path: Path, today: str) -> str:
    """What a netdash launched on ``today`` finds in the score cache of ``path``: "cached" (a slot
    keyed with today and the journal's revision), "write" (today's slot, a revision later, a few
    people marked), "newday" (no slot for today; the newest is the day before, nothing marked),
    or what else it is. Read before each launch, so no row is timed in another case."""
    connection = sqlite3.connect(path)
    try:
        revision = connection.execute("SELECT revision FROM journal_revision").fetchone()[0]
        keys = [row[0] for row in connection.execute("SELECT key FROM depth_cache_key")]
        try:
            dirty = connection.execute("SELECT COUNT(*) FROM depth_dirty").fetchone()[0]
        except sqlite3.OperationalError:  # an older tree: no marks, every write rescores all
            dirty = -1
    finally:
        connection.close()
    days = {key.split("|")[0]: int(key.split("|")[1]) for key in keys}
    if days.get(today) == revision and dirty <= 0:
        return "cached"
    if today in days and days[today] < revision and dirty != 0 and dirty < 100:
        return "write"
    newest = max(days, default="")
    previous = (date.fromisoformat(today) - timedelta(days=1)).isoformat()
    if today not in days and newest == previous and days[newest] == revision and dirty <= 0:
        return "newday"
    return f"other (days {days}, revision {revision}, {dirty} marked)"


def prepared(kind: str, src: Path, copies: dict[str, Path], number: int) -> Path:
    """The copy to launch ``kind`` on, made ready (untimed) and checked to be in its case."""
    if kind == "cached-cold":
        cold_copy(copies["cached"], copies["cached-cold"])
    elif kind == "write":
        entry = f"today: coffee with Bench Start {number}"
        netdash(src, TODAY, "--db", str(copies["write"]), "log", entry)
    elif kind == "newday":
        copy_with_wal(copies["newday-master"], copies["newday"])
    expected = "cached" if kind.startswith("cached") else kind
    state = cache_state(copies[kind], launch_day(kind))
    if state != expected:
        raise RuntimeError(f"{kind} launch would find its cache {state}, not {expected}")
    return copies[kind]


def tree_copies(source: Path, src: Path, folder: Path) -> dict[str, Path]:
    """Each kind's copy of the tree's master, warmed: scores cached for today in "cached" and
    "write", and in the new day's master (a launch on it is on ``NEXT_DAY``)."""
    folder.mkdir(exist_ok=True)
    master = tree_master(source, src)
    copies = {kind: folder / f"{kind}.db" for kind in (*KINDS, "newday-master")}
    copy_with_wal(master, copies["cached"])
    launch(src, copies["cached"])  # scores cached for today, pages warm for every kind
    copy_with_wal(copies["cached"], copies["write"])
    copy_with_wal(copies["cached"], copies["newday-master"])
    return copies


def launch_day(kind: str) -> str:
    """The day ``kind`` is launched on (NETDASH_TODAY)."""
    return NEXT_DAY if kind == "newday" else TODAY


def bench_start(
    source: Path, trees: dict[str, Path], runs: int, scratch: Path
) -> dict[str, list[Marks]]:
    """Every kind's launches for every tree (label "" this one: "cached", "cached before", ...),
    interleaved."""
    copies = {
        label: tree_copies(source, src, scratch / (label or "now")) for label, src in trees.items()
    }
    launch(None, scratch)
    kinds = ["bare"] + [f"{kind}{label}" for label in trees for kind in KINDS]
    results: dict[str, list[Marks]] = {kind: [] for kind in kinds}
    for number, name in enumerate(interleave(kinds, runs)):
        if name == "bare":
            results[name].append(launch(None, scratch))
        else:
            kind, space, rest = name.partition(" ")
            label = space + rest
            path = prepared(kind, trees[label], copies[label], number)
            results[name].append(launch(trees[label], path, launch_day(kind)))
        print(f"  {name}: {results[name][-1]}", flush=True)
    return results
