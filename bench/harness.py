"""What every honest benchmark here shares: statistics, interleaving, cold copies, a real terminal.

The issue's critique of the old benchmarks (fastest run, clock stopped before the frame, a
baseline paying teardown the app skipped) is answered here once: figures are medians and
inclusive p95s of interleaved repetitions, and a frame is detected in a real pseudo-terminal by
the text it puts on the screen, the same way for netdash and for its baseline.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ANSI = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """The 95th percentile by inclusive quantiles: interpolated between runs, never beyond the
    slowest (with one value, that value)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def interleave(kinds: Sequence[str], repetitions: int) -> list[str]:
    """Every kind once a round, in a rotated order each round, so neither drift in the machine's
    load nor always going first or second favours one kind."""
    order: list[str] = []
    for round_ in range(repetitions):
        shift = round_ % len(kinds)
        order.extend([*kinds[shift:], *kinds[:shift]])
    return order


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure, its measurements, its baseline's and its target."""

    figure: str
    values: Sequence[float]
    baseline: Sequence[float] = ()
    target: float | None = None
    target_text: str = ""
    judge: str = "ratio"  # "ratio" (median ÷ baseline median), "p95" or "max" (absolute, s)
    unit: str = "s"  # or "MB"
    before: Sequence[float] = ()  # the same figure from the --base tree, in the same loop
    median_target: float | None = None  # a second bound on the median (s), as Enter's < 30 ms

    def ratio(self) -> float | None:
        if not self.values or not self.baseline:
            return None
        return median(self.values) / median(self.baseline)

    def judged(self) -> float | None:
        if not self.values:
            return None
        if self.judge == "ratio":
            return self.ratio()
        return p95(self.values) if self.judge == "p95" else max(self.values)

    def passed(self) -> str:
        judged = self.judged()
        if self.target is None:
            return "—"
        if judged is None:
            return "FAIL (none)"
        over_median = self.median_target is not None and median(self.values) > self.median_target
        return "pass" if judged <= self.target and not over_median else "FAIL"


def amount(value: float, unit: str) -> str:
    if unit == "MB":
        return "missed" if value == float("inf") else f"{value:,.0f} MB"
    return ms(value)


def ms(seconds: float) -> str:
    if seconds == float("inf"):
        return "missed"  # the frame never came within the time given
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def table(rows: Sequence[Row]) -> str:
    """One Markdown table: figure, now (median / p95), baseline, ratio, target, pass/fail; with
    a base tree's figures, its median / p95 and this tree's median ÷ its median as well."""
    compared = any(row.before for row in rows)
    head = "| figure | now (median / p95) | baseline (median) | ratio | target | |"
    lines = [
        head + (" before (median / p95) | now ÷ before |" if compared else ""),
        "|---|---|---|---|---|---|" + ("---|---|" if compared else ""),
    ]
    for row in rows:
        base = amount(median(row.baseline), row.unit) if row.baseline else "—"
        ratio = row.ratio()
        line = (
            f"| {row.figure} ({len(row.values)} runs) | {spread(row.values, row.unit)} | {base} |"
            f" {f'{ratio:.2f}x' if ratio is not None else '—'} | {row.target_text} |"
            f" {row.passed()} |"
        )
        if compared:
            change = "—"
            if row.values and row.before and 0 < median(row.before) < float("inf"):
                change = f"{median(row.values) / median(row.before):.2f}x"
            # a row the base tree did not run (the CLI's) is not measured, not "never" shown
            before = spread(row.before, row.unit) if row.before else "not run"
            line += f" {before} | {change} |"
        lines.append(line)
    return "\n".join(lines)


def spread(values: Sequence[float], unit: str) -> str:
    """Median / p95 of ``values``, or "never" when there are none."""
    if not values:
        return "never"
    return " / ".join(amount(value, unit) for value in (median(values), p95(values)))


def timed_run(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds of one Python process (``python -c ...`` or ``python -m ...``) from launch
    to exit (both sides pay their teardown) and its peak resident memory in MB, its own VmHWM
    written by ``bench/peak.py`` as it exits (not ``wait4``'s ru_maxrss, which on Linux keeps
    the launching benchmark's high-water mark across exec)."""
    if not argv or argv[0] != sys.executable or argv[1] not in ("-c", "-m"):
        raise ValueError(f"timed_run runs python -c/-m command lines, not {list(argv)[:3]}")
    with tempfile.TemporaryDirectory() as folder:
        noted = Path(folder) / "peak"
        started = time.perf_counter()
        returncode = subprocess.call(
            [argv[0], str(Path(__file__).with_name("peak.py")), str(noted), *argv[1:]],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - started
        if returncode != 0:
            raise subprocess.CalledProcessError(returncode, list(argv))
        return elapsed, int(noted.read_text(encoding="ascii")) / 1024


UPGRADE = "import sys; from netdash.store.db import open_db; open_db(sys.argv[1]).close()"


def tree_copy(source: Path, src: Path, target: Path) -> Path:
    """``source`` copied to ``target`` and upgraded by the netdash in ``src`` (a tree's src/), so
    each tree runs on the schema its own migrations make, never on one another tree left behind
    (a baseline paying triggers it never had, or missing an index it adds). ``source`` itself is
    never opened for writing."""
    for side in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        side.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    subprocess.run([sys.executable, "-c", UPGRADE, str(target)], env=tree_env(src), check=True)
    for leftover in target.parent.glob(f"{target.stem}.before-*"):
        leftover.unlink()  # the backup the upgrade wrote: ``source`` is the original
    settle(target)
    return target


MIGRATIONS = (
    "import sys; from netdash.store.migrations import migrations;"
    " print(' '.join(m.name for m in migrations._migrations))"
)


def tree_env(src: Path) -> dict[str, str]:
    """The environment that runs the netdash in ``src`` (PYTHONPATH comes before the venv's
    editable install)."""
    return {**os.environ, "PYTHONPATH": str(src)}


def tree_master(source: Path, src: Path) -> Path:
    """``source`` upgraded once by the netdash in ``src``, kept beside it under a name its
    migrations give (``large.m014_depth_slots.db``): copies of it open with no upgrade to pay
    and no backup file written, and a tree with other migrations gets its own. ``source``
    itself is never opened for writing; a master is rebuilt when it is older than ``source``."""
    names = subprocess.run(
        [sys.executable, "-c", MIGRATIONS], env=tree_env(src), check=True, capture_output=True
    ).stdout.split()
    last = names[-1].decode() if names else "none"
    master = source.with_name(f"{source.stem}.{last}.{len(names)}{source.suffix}")
    if not master.exists() or master.stat().st_mtime < source.stat().st_mtime:
        print(f"upgrading {source.name} once to {last} for {src.parent.name} ...", flush=True)
        building = master.with_name(f"{master.name}.building")
        tree_copy(source, src, building)
        building.replace(master)
    return master


def copy_with_wal(source: Path, target: Path) -> Path:
    """``source`` and its write-ahead log copied to ``target``: a killed netdash leaves its
    last writes (today's scores) in the log, and a copy without it would lose them. Synced
    (:func:`settle`)."""
    for side in ("-wal", "-shm"):
        Path(f"{target}{side}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    if Path(f"{source}-wal").exists():
        shutil.copyfile(f"{source}-wal", f"{target}-wal")
    settle(target)
    return target


def settled_copy(source: Path, target: Path) -> Path:
    """``source`` copied to ``target`` and synced (:func:`settle`)."""
    shutil.copyfile(source, target)
    settle(target)
    return target


def settle(path: Path) -> None:
    """The file's pages written to the disk before anything is timed on it. A copy of the
    large journal is 200-300 MB of dirty page cache, which the kernel writes back about 30 s
    later: then a sync of the file (a checkpoint's, a commit's) waits for all of it, 250-370 ms
    where a user's journal takes 30 ms (measured). A user's journal was not just copied."""
    for side in (path, Path(f"{path}-wal")):
        if side.exists():
            fd = os.open(side, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def compile_bytecode(src: Path = ROOT / "src") -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=False)


def cold_copy(source: Path, target: Path) -> None:
    """A copy of ``source`` whose pages are not in the OS page cache: written, synced, then
    dropped with posix_fadvise(DONTNEED) for this file alone (dropping every cache needs root and
    would slow the other people sharing the machine). The write-ahead log is copied with it: a
    killed netdash leaves its last writes (today's scores) there, and a copy without it would be
    a journal with scores invalid."""
    copy_with_wal(source, target)
    evict(target)


def evict(path: Path) -> None:
    for side in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if side.exists():
            fd = os.open(side, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


class Terminal:
    """A fresh process in its own pseudo-terminal, ``size`` columns by rows, whose output is
    read as a terminal would get it; text is searched with the escape sequences taken out."""

    def __init__(self, argv: Sequence[str], size: tuple[int, int] = (120, 40)) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0])}
        env["LINES"] = str(size[1])
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.raw = b""

    def wait_for(self, patterns: dict[str, str], timeout: float) -> dict[str, float]:
        """Seconds from launch until each regular expression first appeared on the screen's
        output; patterns not seen within ``timeout`` are left out."""
        seen: dict[str, float] = {}
        deadline = self.started + timeout
        while len(seen) < len(patterns) and time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                break
            now = time.perf_counter() - self.started
            self.raw = (self.raw + chunk)[-(1 << 17) :]
            text = ANSI.sub(b"", self.raw).decode("utf-8", "replace")
            for name, pattern in patterns.items():
                if name not in seen and re.search(pattern, text):
                    seen[name] = now
        return seen

    def drain(self) -> None:
        """Read what the process wrote meanwhile, unsearched: a full pseudo-terminal would
        block it mid-frame (while its memory is awaited, say)."""
        while select.select([self.master], [], [], 0)[0]:
            try:
                if not os.read(self.master, 1 << 16):
                    return
            except OSError:
                return

    def peak_rss(self) -> float:
        """The process's peak resident memory so far (VmHWM), in MB; read before :meth:`kill`,
        since a reaped process has no /proc entry. Infinite when it cannot be read."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return float("inf")
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(found.group(1)) / 1024 if found else float("inf")

    def kill(self) -> None:
        """Killed, not quit: neither netdash nor its baseline pays the interpreter's teardown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)


def to_terminal(app: Any, renderable: Any) -> str:
    """The frame's terminal sequence, built as App._display builds it before driver.write. Under
    Pilot the driver is headless and _display returns before this work, so a clock stopped at the
    compositor's update would leave it out; driver.write itself only queues the text for
    Textual's writer thread, so after this nothing more is done on the app's thread."""
    from textual._compositor import CompositorUpdate

    if isinstance(renderable, CompositorUpdate):
        return str(renderable.render_segments(app.console))
    return str(app.console._render_buffer(app.console.render(renderable)))


def script_runs(
    scripts: dict[str, str], path: Path, runs: int, env: dict[str, str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Each of ``scripts`` run ``runs`` times on ``path``, interleaved, each run in a fresh
    interpreter (so no run warms the next one's imports or memory) that prints one JSON object
    of its figures, "seconds" and "peak_mb" among them, timed from after its imports."""
    results: dict[str, list[dict[str, Any]]] = {kind: [] for kind in scripts}
    for kind in interleave(list(scripts), runs):
        done = subprocess.run(
            [sys.executable, "-c", scripts[kind], str(path)],
            capture_output=True, text=True, check=False, cwd=ROOT, env=env,
        )  # fmt: skip
        if done.returncode:
            sys.exit(f"{kind}: {done.stderr.strip()}")
        results[kind].append(json.loads(done.stdout))
    return results


def reader_table(results: dict[str, list[dict[str, Any]]], **baselines: str) -> str:
    """netdash's reader against each baseline run in the same loop (``results`` keyed by the
    keyword, its value what the baseline is): the time and the peak memory, medians and p95s,
    and their ratios."""
    ours = results["netdash"]
    rows = []
    for key, what in baselines.items():
        theirs = results[key]
        rows += [
            Row(
                f"read every trace ÷ {what}",
                [run["seconds"] for run in ours],
                [run["seconds"] for run in theirs],
            ),
            Row(
                f"peak RSS ÷ {what}",
                [run["peak_mb"] for run in ours],
                [run["peak_mb"] for run in theirs],
                unit="MB",
            ),
        ]
    return table(rows)
