"""bench/floor.py's profiles: netdash's first frame and the floor's (4), phase by phase, each
from launches of their own (interleaved with the timed ones), in a real pseudo-terminal to the
rendered frame; and the table of the two side by side, the difference being what netdash's
first frame does that the floor does not."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.harness import Terminal, median, p95
from bench.start import FIRST, LAUNCH_TIMEOUT

TIMED = """
def timed(function, bucket):
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[bucket] += time.perf_counter() - started
    return run


Stylesheet.parse = timed(Stylesheet.parse, "css parse")
Stylesheet.apply = timed(Stylesheet.apply, "styling")
"""
"""Both profiles' timing of CSS parsing and styling, into their ``spent``."""

PROFILE = (
    """
import time
marks = {"python": time.perf_counter()}
import importlib, json, os, sys
path = sys.argv[1]
for name, modules in json.loads(os.environ["FLOOR_GROUPS"]):
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            pass
    marks["import " + name] = time.perf_counter()
from netdash.leftovers import sweep
sweep()
from netdash.store.db import open_db
db = open_db(path)
marks["journal open + migrations check"] = time.perf_counter()
from textual.app import App
from textual.css.stylesheet import Stylesheet
from netdash.tui.app import NetdashApp
from netdash.tui.screens import dashboard
spent = {"css parse": 0.0, "styling": 0.0, "reads": 0.0, "settings": 0.0}


"""
    + TIMED
    + """
NetdashApp._apply_user_settings = timed(NetdashApp._apply_user_settings, "settings")
for name in ("depth_numbers", "latest_counts", "work_logged", "list_interactions",
             "year_numbers", "names_by_id"):
    setattr(dashboard, name, timed(getattr(dashboard, name), "reads"))
compose = dashboard.DashboardScreen.compose
mount = dashboard.DashboardScreen.on_mount


def composed(self):
    marks.setdefault("compose start", time.perf_counter())
    made = list(compose(self))
    marks["compose end"] = time.perf_counter()
    return iter(made)


def mounted(self):
    mount(self)
    marks["on_mount end"] = time.perf_counter()


dashboard.DashboardScreen.compose = composed
dashboard.DashboardScreen.on_mount = mounted
shown = App._display


def display(app, screen, renderable):
    if renderable is None or app._batch_count or "render end" in marks:
        return shown(app, screen, renderable)  # in the start-up batch nothing is drawn
    marks["render start"] = time.perf_counter()
    shown(app, screen, renderable)
    marks["render end"] = time.perf_counter()
    with open(os.environ["FLOOR_MARKS"] + ".part", "w") as out:
        json.dump({"marks": marks, "spent": spent}, out)
    os.replace(os.environ["FLOOR_MARKS"] + ".part", os.environ["FLOOR_MARKS"])


App._display = display
__import__("gc").freeze()  # as netdash.cli.launch_tui does
app = NetdashApp(db, db_path=__import__("pathlib").Path(path))
marks["app made"] = time.perf_counter()
app.run()
"""
)


FLOOR_PROFILE = (
    """
import time
marks = {"python": time.perf_counter()}
import importlib, json, os, sys
for name, modules in json.loads(os.environ["FLOOR_GROUPS"]):
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            pass
    marks["import " + name] = time.perf_counter()
from textual.app import App
from textual.css.stylesheet import Stylesheet
spent = {"css parse": 0.0, "styling": 0.0, "reads": 0.0}


"""
    + TIMED
    + """

def mark(name):
    marks.setdefault(name, time.perf_counter())


def read(seconds):
    spent["reads"] += seconds


shown = App._display


def display(app, screen, renderable):
    if renderable is None or app._batch_count or "render end" in marks:
        return shown(app, screen, renderable)  # in the start-up batch nothing is drawn
    marks["render start"] = time.perf_counter()
    shown(app, screen, renderable)
    marks["render end"] = time.perf_counter()
    with open(os.environ["FLOOR_MARKS"] + ".part", "w") as out:
        json.dump({"marks": marks, "spent": spent, "modules": sorted(sys.modules)}, out)
    os.replace(os.environ["FLOOR_MARKS"] + ".part", os.environ["FLOOR_MARKS"])


App._display = display
sys.path.insert(0, sys.argv[1])
importlib.import_module(sys.argv[2])
"""
)

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("click", ("click",)),
    ("sqlite_utils", ("sqlite_utils",)),
    ("textual + rich", ("rich", "textual")),
    ("netdash.domain (+ inert, paths)", ("netdash.domain", "netdash.inert", "netdash.paths")),
    ("netdash.store", ("netdash.store",)),
    ("netdash.cli", ("netdash.cli",)),
    ("netdash.tui", ("netdash.tui",)),
)


def groups(modules: list[str], floor: bool = False) -> list[tuple[str, list[str]]]:
    """The import groups of the profile, in the order imported: each the first frame's modules
    under its prefixes (click and sqlite_utils by their top packages: they import what they
    need; netdash.cli by what ``python -m netdash`` loads before the TUI); a floor's, the
    first three."""
    out: list[tuple[str, list[str]]] = []
    for name, prefixes in GROUPS[:3] if floor else GROUPS:
        chosen = [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]
        if name in ("click", "sqlite_utils"):
            chosen = [name]
        elif name == "netdash.cli":
            chosen = ["netdash.cli", "netdash.cli.kit", "netdash.cli.lazy", "netdash.leftovers"]
        out.append((name, chosen))
    return out


def run_profile(argv: list[str], marks_file: Path) -> tuple[dict[str, float], dict[str, Any]]:
    """One instrumented launch to the first frame: its marks (seconds from launch, "first" the
    frame seen on the terminal) and what the script noted; empty if no frame came."""
    marks_file.unlink(missing_ok=True)
    terminal = Terminal(argv)
    try:
        seen = terminal.wait_for(FIRST, LAUNCH_TIMEOUT)
        # the marks are written (whole, then renamed) just after the frame is handed to the
        # terminal: a kill at once could come first
        deadline = time.perf_counter() + 5
        while "first" in seen and not marks_file.exists() and time.perf_counter() < deadline:
            time.sleep(0.01)
    finally:
        terminal.kill()
    if "first" not in seen or not marks_file.exists():
        return {}, {}
    noted = json.loads(marks_file.read_text(encoding="utf-8"))
    marks = {name: at - terminal.started for name, at in noted["marks"].items()}
    return {**marks, "first": seen["first"]}, noted


def imported(marks: dict[str, float], names: list[str]) -> tuple[dict[str, float], float]:
    """Each import group's seconds, and when the last ended."""
    phases: dict[str, float] = {"interpreter start": marks["python"]}
    before = marks["python"]
    for name in names:
        phases[f"import {name}"] = marks[f"import {name}"] - before
        before = marks[f"import {name}"]
    return phases, before


def netdash_profiled(path: Path, modules: list[str], marks_file: Path) -> dict[str, float]:
    """One launch of netdash under the PROFILE script: each phase's seconds."""
    os.environ["FLOOR_GROUPS"] = json.dumps(groups(modules))
    os.environ["FLOOR_MARKS"] = str(marks_file)
    marks, noted = run_profile([sys.executable, "-c", PROFILE, str(path)], marks_file)
    if not marks:
        return {}
    spent = noted["spent"]
    phases, before = imported(marks, [name for name, _ in GROUPS])
    phases[OPEN] = marks["journal open + migrations check"] - before
    phases[MADE] = marks["app made"] - marks["journal open + migrations check"]
    return {**phases, **after_made(marks, spent)}


def floor_profiled(folder: Path, module: str, modules: list[str], marks: Path) -> dict[str, float]:
    """One launch of a floor under FLOOR_PROFILE (its marks made by the floor's own code: see
    bench/floor.py's FLOOR_APP): each phase's seconds, named as netdash's are."""
    os.environ["FLOOR_GROUPS"] = json.dumps(groups(modules, floor=True))
    os.environ["FLOOR_MARKS"] = str(marks)
    seen, noted = run_profile([sys.executable, "-c", FLOOR_PROFILE, str(folder), module], marks)
    if not seen:
        return {}
    phases, before = imported(seen, [name for name, _ in GROUPS[:3]])
    opened = seen.get("journal opened", seen["module top"])
    phases[OWN] = seen["module top"] - before + seen["app made"] - opened
    phases[OPEN] = opened - seen["module top"]
    return {**phases, **after_made(seen, noted["spent"])}


def floor_modules(folder: Path, module: str, marks: Path) -> list[str]:
    """The modules a floor has loaded at its first frame (from one untimed launch)."""
    os.environ["FLOOR_GROUPS"] = "[]"
    os.environ["FLOOR_MARKS"] = str(marks)
    argv = [sys.executable, "-c", FLOOR_PROFILE, str(folder), module]
    return list(run_profile(argv, marks)[1].get("modules", []))


OPEN = "journal open (netdash: + sweep, migrations check)"
MADE = "NetdashApp() (+ its module's leftovers)"
OWN = "the floor module's own imports and classes"


def after_made(marks: dict[str, float], spent: dict[str, float]) -> dict[str, float]:
    """The phases from the app made to the frame on the terminal."""
    return {
        "run → compose (driver, app CSS, app styling)": marks["compose start"] - marks["app made"],
        "compose": marks["compose end"] - marks["compose start"],
        "mount + style + on_mount (less the reads)": (
            marks["on_mount end"] - marks["compose end"] - spent["reads"]
        ),
        "the first frame's reads": spent["reads"],
        "layout → render": marks["render start"] - marks["on_mount end"],
        "render": marks["render end"] - marks["render start"],
        "to the terminal": marks["first"] - marks["render end"],
        "(of all: the config, keys and theme, in the app's on_mount)": spent.get("settings", 0.0),
        "(of all: CSS parse)": spent["css parse"],
        "(of all: Stylesheet.apply)": spent["styling"],
        "total, to the frame": marks["first"],
    }


def profile_table(runs: list[dict[str, float]], floor: list[dict[str, float]]) -> str:
    """netdash's phases (median, p95, share of its median frame) beside the floor's medians and
    the difference (a phase one side does not have counts 0 there)."""
    runs, floor = [run for run in runs if run], [run for run in floor if run]
    if not runs or not floor:
        return "(no profiled launch reached its frame)"
    total = median([run["total, to the frame"] for run in runs])
    lines = [
        "| phase | netdash median | p95 | % of its frame | floor (4) median | difference |",
        "|---|---|---|---|---|---|",
    ]
    for phase in dict.fromkeys([*runs[0], *floor[0]]):
        ours = [run.get(phase, 0.0) for run in runs]
        least = median([run.get(phase, 0.0) for run in floor])
        lines.append(
            f"| {phase} | {median(ours) * 1000:.1f} ms | {p95(ours) * 1000:.1f} ms |"
            f" {median(ours) / total * 100:.0f}% | {least * 1000:.1f} ms |"
            f" {(median(ours) - least) * 1000:+.1f} ms |"
        )
    return "\n".join(lines)
