"""Where the dashboard's start-up memory goes (issue 14's peak-memory rows), step by step.

    python bench/memory.py [--kinds bare,cached,invalid,newday,rebuild] [--runs N] [--trace]
                           [--serial] [--before SRC]

Each run is a fresh interpreter started on its own copy of the large journal, the dashboard run
headless (120x40) to every panel filled (scores, known followers, both charts), then closed. At
each step it prints the process's resident memory now (VmRSS) and at most so far (VmHWM), what
SQLite holds (sqlite3_memory_used, through ctypes: Python's sqlite3 has no status call), what
malloc holds in use and free (mallinfo2, every arena), the threads alive and the connections
opened so far. ``--trace`` adds tracemalloc's current and peak (it slows the run and adds its own
memory: read its figures for sizes, not the RSS beside them) and the top allocation sites of the
largest steps. ``--serial`` runs each of the dashboard's reads alone, one after another, on the
main thread, resetting VmHWM before each (``/proc/self/clear_refs``), so each read's own peak shows
without the workers overlapping.

Kinds: ``bare`` a Textual app of Header, Static and Footer (issue 14's baseline); ``cached`` the
dashboard with today's scores cached (a launch before it scored them); ``invalid`` after one
``netdash log`` (an incremental rescore); ``newday`` the same journal a day later (a new day:
the full rescore and the layer history's current month rebuilt); ``rebuild`` the cached start
with every month of the layer history to build again (the first start of a month, a write dated
in an earlier month, new settings). Set MALLOC_ARENA_MAX in the environment to try fewer malloc
arenas; it is passed on to the children. ``--before SRC`` runs each kind on another tree's
``src`` too (a copy of main's: ``git archive main src | tar -x -C /tmp/base``), in turn with
this one, and prints both trees' peaks.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LARGE = HERE / ".cache" / "large.db"
TODAY = "2026-11-26"
MB = 1024 * 1024
TIMEOUT = 120.0


# ------------------------------------------------------------------------ what the process holds


class Mallinfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


_libc = ctypes.CDLL(ctypes.util.find_library("c"))
_libc.mallinfo2.restype = Mallinfo2


def _sqlite_lib() -> Any:
    """The libsqlite3 the sqlite3 module links, for its process-wide memory counters."""
    import sqlite3  # noqa: F401  (loads the library)

    for line in Path("/proc/self/maps").read_text().splitlines():
        if "libsqlite3" in line:
            lib = ctypes.CDLL(line.split()[-1])
            lib.sqlite3_memory_used.restype = ctypes.c_int64
            lib.sqlite3_memory_highwater.restype = ctypes.c_int64
            lib.sqlite3_memory_highwater.argtypes = [ctypes.c_int]
            return lib
    return None


def status_kb(*names: str) -> dict[str, int]:
    text = Path("/proc/self/status").read_text()
    return {name: int(re.search(rf"^{name}:\s+(\d+)", text, re.M).group(1)) for name in names}  # type: ignore[union-attr]


def rss_by_kind() -> dict[str, float]:
    """Resident MB by mapping: shared libraries and other files, the brk heap (the main malloc
    arena), anonymous maps (pymalloc's arenas, other threads' malloc arenas, large blocks,
    thread stacks) and the main stack."""
    kinds = {"file": 0, "heap": 0, "anon": 0}
    kind = "anon"
    for line in Path("/proc/self/smaps").read_text().splitlines():
        first = line.split(maxsplit=6)
        if "-" in first[0] and len(first) >= 5 and ":" in first[3]:
            name = first[5] if len(first) > 5 else ""
            kind = "heap" if name == "[heap]" else "file" if name.startswith("/") else "anon"
        elif first[0] == "Rss:":
            kinds[kind] += int(first[1])
    return {name: kb / 1024 for name, kb in kinds.items()}


def reset_hwm() -> None:
    Path("/proc/self/clear_refs").write_text("5")


class Steps:
    """The step table of one run, recorded from any thread."""

    def __init__(self, trace: bool) -> None:
        self.rows: list[dict[str, Any]] = []
        self.sites: dict[str, list[tuple[str, float, int]]] = {}
        self.trace = trace
        self.started = time.perf_counter()
        self.lock = threading.Lock()
        self.sqlite = _sqlite_lib()
        self.connections = 0
        self.cache_kib: list[int] = []

    def mark(self, step: str) -> None:
        kb = status_kb("VmRSS", "VmHWM")
        info = _libc.mallinfo2()
        row: dict[str, Any] = {
            "step": step,
            "s": time.perf_counter() - self.started,
            "rss": kb["VmRSS"] / 1024,
            "hwm": kb["VmHWM"] / 1024,
            "malloc used": info.uordblks / MB + info.hblkhd / MB,
            "malloc free": info.fordblks / MB,
            "sqlite": self.sqlite.sqlite3_memory_used() / MB if self.sqlite else 0.0,
            "sqlite peak": self.sqlite.sqlite3_memory_highwater(0) / MB if self.sqlite else 0.0,
            "threads": threading.active_count(),
            "connections": self.connections,
            "thread": threading.current_thread().name[:12],
            **rss_by_kind(),
        }
        if self.trace and tracemalloc.is_tracing():
            current, peak = tracemalloc.get_traced_memory()
            row["traced"], row["traced peak"] = current / MB, peak / MB
        with self.lock:
            self.rows.append(row)

    def top_sites(self, step: str, snapshot: tracemalloc.Snapshot, limit: int = 12) -> None:
        stats = snapshot.statistics("lineno")[:limit]
        self.sites[step] = [
            (f"{Path(s.traceback[0].filename).name}:{s.traceback[0].lineno}", s.size / MB, s.count)
            for s in stats
        ]


STEPS: Steps | None = None


def wrap(owner: Any, name: str, label: str, *, before: bool = False, sites: bool = False) -> None:
    """Record a step after ``owner.name`` returns (and before it starts, if asked); with
    tracemalloc, ``sites`` keeps the largest allocation sites alive at its end (its result
    included) and the traced peak within it."""
    original = getattr(owner, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        assert STEPS is not None
        if before:
            STEPS.mark(f"{label} …")
        result = original(*args, **kwargs)
        STEPS.mark(label)
        if sites and STEPS.trace:
            STEPS.top_sites(label, tracemalloc.take_snapshot())
        return result

    setattr(owner, name, wrapped)


def count_connections() -> None:
    """Count every SQLite connection the process opens, and the page cache each is allowed."""
    import sqlite3

    connect = sqlite3.connect

    def counted(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = connect(*args, **kwargs)
        assert STEPS is not None
        with STEPS.lock:
            STEPS.connections += 1
        STEPS.cache_kib.append(int(conn.execute("PRAGMA cache_size").fetchone()[0]))
        return conn

    sqlite3.connect = counted  # type: ignore[assignment]


# ------------------------------------------------------------------------ one run, in a child

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()
"""


def child_bare(steps: Steps) -> None:
    import textual.app

    steps.mark("import textual.app")
    namespace: dict[str, Any] = {}
    exec(BARE_APP, namespace)
    steps.mark("import textual.widgets")
    app = namespace["Bare"]()
    original = textual.app.App._display
    shown: list[bool] = []

    def display(self: Any, screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is not None and not shown:
            shown.append(True)
            steps.mark("first frame")
            self.call_later(self.exit)

    textual.app.App._display = display  # type: ignore[method-assign]
    app.run(headless=True, size=(120, 40))
    steps.mark("closed")


def child_netdash(steps: Steps, path: Path) -> None:  # long: one hook per step, in run order
    import textual.app

    steps.mark("import textual.app")
    from netdash.tui.app import NetdashApp

    steps.mark("import netdash.tui.app")
    import netdash.store.depth as store_depth
    import netdash.store.history as store_history
    import netdash.store.time_budget as store_time_budget
    from netdash.store.db import open_db
    from netdash.tui.screens import dashboard

    count_connections()
    db = open_db(path)
    steps.mark("open_db")
    app = NetdashApp(db, db_path=path, watch_interval=0)
    steps.mark("NetdashApp()")

    screen = dashboard.DashboardScreen
    mounted = screen.on_mount

    def on_mount(self: Any) -> None:  # Textual passes the message to a handler taking *args
        steps.mark("compose (dashboard's widgets built)")
        mounted(self)
        steps.mark("on_mount done (the UI thread's reads)")

    screen.on_mount = on_mount  # type: ignore[method-assign]
    for name in ("depth_numbers", "latest_counts", "list_interactions", "year_numbers"):
        wrap(dashboard, name, f"read {name} (UI)")
    wrap(store_depth, "depth_standing", "worker: depth_standing", before=True, sites=True)
    wrap(store_time_budget, "time_budget", "worker: time_budget (90 days)", before=True, sites=True)
    wrap(dashboard, "known_followers", "worker: known_followers", before=True, sites=True)
    wrap(store_history, "layer_history", "worker: layer_history", before=True, sites=True)
    wrap(store_history, "follower_history", "worker: follower_history", before=True)

    original = textual.app.App._display
    shown: list[str] = []
    landed: set[str] = set()

    def display(self: Any, screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is not None and not shown:
            shown.append("first")
            steps.mark("first frame")
        if landed == {"depth", "known", "history"} and "filled" not in shown:
            shown.append("filled")
            steps.mark("filled frame")
            self.call_later(self.exit)

    textual.app.App._display = display  # type: ignore[method-assign]

    def landing(owner: Any, name: str, what: str, label: str) -> None:
        before = getattr(owner, name)

        def landed_then(self: Any, *args: Any) -> None:
            before(self, *args)
            landed.add(what)
            steps.mark(label)

        setattr(owner, name, landed_then)

    landing(NetdashApp, "_depth_ready", "depth", "UI: layers + reach-out shown")
    landing(screen, "_show_known", "known", "UI: known followers shown")
    landing(screen, "_show_history", "history", "UI: charts shown")
    app.run(headless=True, size=(120, 40))
    steps.mark("closed")
    db.close()


def child_serial(steps: Steps, path: Path) -> None:  # long: each read of the start, in turn
    """Each read the start makes, alone on the main thread, its own VmHWM and traced peak."""
    import netdash.tui.app  # noqa: F401  (the same imports as the dashboard)

    steps.mark("import netdash.tui.app")
    from netdash.config import load_config
    from netdash.store.audience import latest_counts
    from netdash.store.db import open_db
    from netdash.store.depth import cached_depth
    from netdash.store.follower_lists import known_followers
    from netdash.store.history import follower_history, layer_history
    from netdash.store.journal import list_interactions
    from netdash.store.stats import depth_numbers, year_numbers
    from netdash.store.time_budget import time_budget

    count_connections()
    settings = load_config(None).depth
    today = date.fromisoformat(os.environ["NETDASH_TODAY"])
    db = open_db(path)
    steps.mark("open_db")
    kept: dict[str, Any] = {}
    reads: list[tuple[str, Callable[[], Any]]] = [
        ("depth_numbers", lambda: depth_numbers(db, today)),
        ("latest_counts", lambda: latest_counts(db)),
        ("list_interactions(12)", lambda: list_interactions(db, limit=12)),
        ("year_numbers", lambda: year_numbers(db, today.year)),
        ("cached_depth", lambda: cached_depth(db, today, settings)),
        ("time_budget", lambda: time_budget(db, kept["cached_depth"], today)),
        ("known_followers", lambda: known_followers(db, names=False)),
        ("layer_history", lambda: layer_history(db, today, settings)),
        (
            "follower_history",
            lambda: follower_history(db, [p.day for p in kept["layer_history"]]),
        ),
    ]
    for name, read in reads:
        reset_hwm()
        if steps.sqlite:
            steps.sqlite.sqlite3_memory_highwater(1)
        if steps.trace:
            tracemalloc.reset_peak()
        kept[name] = read()
        steps.mark(name)
        if steps.trace:
            steps.top_sites(name, tracemalloc.take_snapshot())
    db.close()


def child(kind: str, path: Path | None, trace: bool) -> None:
    global STEPS
    if trace:
        tracemalloc.start(1)
    STEPS = Steps(trace)
    STEPS.mark("interpreter")
    if kind == "bare":
        child_bare(STEPS)
    elif kind == "serial":
        assert path is not None
        child_serial(STEPS, path)
    else:
        assert path is not None
        child_netdash(STEPS, path)
    print(
        json.dumps(
            {"rows": STEPS.rows, "sites": STEPS.sites, "cache_kib": STEPS.cache_kib},
        ),
        flush=True,
    )
    os._exit(0)  # neither kind pays teardown; every figure is already taken


# ------------------------------------------------------------------------ the parent


def netdash(path: Path, today: str, *args: str) -> None:
    env = {**os.environ, "NETDASH_TODAY": today}
    command = [sys.executable, "-m", "netdash", "--db", str(path), *args]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, timeout=600)


def run_child(
    kind: str, path: Path | None, today: str, trace: bool, src: Path = ROOT / "src"
) -> dict[str, Any]:
    env = {**os.environ, "NETDASH_TODAY": today, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--child", kind, "--path", str(path or "")]
    if trace:
        command.append("--trace")
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def prepare(kind: str, scratch: Path) -> tuple[Path, str]:
    """A copy of the large journal in the state ``kind`` starts from, and the day to start on."""
    path = scratch / f"{kind}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(LARGE, path)
    run_child("cached", path, TODAY, trace=False)  # what one start leaves: today's caches
    if kind == "invalid":
        netdash(path, TODAY, "log", "today: coffee with Memory Bench")
    if kind == "rebuild":
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("DELETE FROM layer_history")
    day = TODAY
    if kind == "newday":
        day = (date.fromisoformat(TODAY) + timedelta(days=1)).isoformat()
    return path, day


def show(kind: str, result: dict[str, Any]) -> None:
    rows = result["rows"]
    traced = any("traced" in row for row in rows)
    head = (
        f"{'step':<36} {'s':>6} {'RSS':>6} {'HWM':>6} {'m.used':>6} {'m.free':>6} "
        f"{'sqlite':>6} {'sq.pk':>6} {'thr':>3} {'conn':>4} {'file':>5} {'heap':>5} {'anon':>5}"
    )
    if traced:
        head += f" {'traced':>6} {'tr.pk':>6}"
    print(f"\n## {kind} (MB; sq.pk = SQLite's high-water since its last reset)\n{head}")
    for row in rows:
        line = (
            f"{row['step'][:36]:<36} {row['s']:6.2f} {row['rss']:6.1f} {row['hwm']:6.1f} "
            f"{row['malloc used']:6.1f} {row['malloc free']:6.1f} {row['sqlite']:6.1f} "
            f"{row['sqlite peak']:6.1f} {row['threads']:3d} {row['connections']:4d}"
            f" {row['file']:5.1f} {row['heap']:5.1f} {row['anon']:5.1f}"
        )
        if traced:
            line += f" {row.get('traced', 0):6.1f} {row.get('traced peak', 0):6.1f}"
        print(line)
    if result.get("cache_kib"):
        print(f"connections' cache_size: {result['cache_kib']}")
    for step, sites in result["sites"].items():
        print(f"\n  top allocations alive after '{step}':")
        for where, size, count in sites:
            print(f"    {size:7.2f} MB {count:8d} blocks  {where}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default="bare,cached,invalid,newday,rebuild")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--serial", action="store_true", help="each read alone, in turn")
    parser.add_argument("--before", type=Path, help="another tree's src, run in turn")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.path) if args.path else None, args.trace)
        return
    kinds = args.kinds.split(",")
    trees = {"": ROOT / "src"} | ({"before ": args.before} if args.before else {})
    summary: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="netdash-memory-") as scratch:
        for round_ in range(args.runs):
            for kind in kinds[round_ % len(kinds) :] + kinds[: round_ % len(kinds)]:
                names = list(trees)[round_ % len(trees) :] + list(trees)[: round_ % len(trees)]
                for tree in names:
                    path, day = (None, TODAY) if kind == "bare" else prepare(kind, Path(scratch))
                    child_kind = "serial" if args.serial and kind != "bare" else kind
                    result = run_child(child_kind, path, day, args.trace, trees[tree])
                    label = f"{tree}{kind}{' (serial)' if args.serial else ''}, run {round_ + 1}"
                    show(label, result)
                    summary.setdefault(tree + kind, []).append(
                        max(row["hwm"] for row in result["rows"])
                    )
    print_summary(summary)


def print_summary(summary: dict[str, list[float]]) -> None:
    """Each kind's peaks, and its median against the median of the same tree's bare app."""
    print("\n## peak (VmHWM) per run, MB, and median ÷ bare's median")
    for name, peaks in summary.items():
        bare = summary.get("before bare" if name.startswith("before ") else "bare")
        ratio = f"  {statistics.median(peaks) / statistics.median(bare):.2f}x" if bare else ""
        print(f"{name:<16} {' '.join(f'{p:6.1f}' for p in peaks)}{ratio}")


if __name__ == "__main__":
    main()
