"""The first frame's floor: what a Textual app showing the dashboard's frame costs with no
netdash code, step by step up to netdash, and where netdash's own first frame goes.

    python bench/floor.py [--people 10000|150|50000] [--runs N] [--base OTHER_TREE]

Launched interleaved, each in a real pseudo-terminal (120x40) to the rendered frame, killed:
1. bare: bench/start.py's one-Static app (the figures' baseline);
2. tree: a Textual app with the dashboard's widget tree (the classes Textual ships, subclassed
   only for their names so the same CSS applies: netdash.tcss and each netdash widget's
   DEFAULT_CSS), showing the text the real one showed, the same footer keys and breakpoints,
   and no netdash import;
3. tree + ``import sqlite_utils`` (the store's interface; it imports click);
4. (3) + the journal opened with sqlite3 and the SQL the real first frame ran, replayed: the
   open's before the app, the reads in the screen's on_mount, where netdash makes them;
5. netdash, scores cached, page cache warm (with --base, the base tree's too).
The tree, CSS, keys and SQL are captured from the real dashboard at the start of each run
(bench/floor_capture.py), so the floor cannot drift from it. Then a profile of netdash's first
frame, from launches of their own (interleaved with the others): interpreter, each group of
imports, journal open, compose, mount and style, the reads, layout, render, to the terminal.
Medians and inclusive p95s; bytecode compiled; ratios are of medians.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.frames import SCALES, journal
from bench.harness import (
    ROOT,
    Row,
    Terminal,
    compile_bytecode,
    copy_with_wal,
    interleave,
    median,
    p95,
    table,
    tree_env,
    tree_master,
)
from bench.start import BARE_APP, FIRST, LAUNCH_TIMEOUT, TODAY

HERE = Path(__file__).resolve().parent
LEVELS = {"tree": 2, "tree + sqlite_utils": 3, "tree + sqlite_utils + reads": 4}

FLOOR_APP = '''
import sys
from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
{imports}
CAPTURE = {capture!r}
if {level} >= 3:
    import sqlite_utils
if {level} >= 4:
    import sqlite3
    CONNECTION = sqlite3.connect({path!r}, timeout=5.0)
    for statement in CAPTURE["open_sql"]:
        CONNECTION.execute(statement).fetchall()


def shown(base):
    """A Textual widget class that draws the text the real one drew."""

    class Shown(base):
        def __init__(self, text, **kwargs):
            super().__init__(**kwargs)
            self.text = Text(text)

        def render(self):
            return self.text

    return Shown


CLASSES = {{}}
{classes}
NODES = CAPTURE["nodes"]


def build(index):
    node = NODES[index]
    cls = CLASSES[node["name"]]
    kwargs = {{"id": node["id"], "classes": " ".join(node["classes"]) or None}}
    if node["name"] == "Header":
        widget = cls()
    elif node["base"].endswith("Footer"):
        widget = cls(compact="-compact" in node["classes"], **kwargs)
    elif "columns" in node:
        widget = cls(
            cursor_type=node["cursor_type"],
            zebra_stripes=node["zebra"],
            show_header=node["show_header"],
            **kwargs,
        )
    elif "text" in node:
        widget = cls("\\n".join(node["text"]), **kwargs)
    else:
        kids = [build(i) for i, child in enumerate(NODES) if child["parent"] == index]
        widget = cls(*kids, **kwargs)
    widget.display = node["display"]
    return widget


class FloorScreen(Screen):
    HORIZONTAL_BREAKPOINTS = CAPTURE["screen"]["horizontal"]
    VERTICAL_BREAKPOINTS = CAPTURE["screen"]["vertical"]

    def compose(self):
        for index, node in enumerate(NODES):
            if node["parent"] == -1:
                yield build(index)

    def on_mount(self):
        if {level} >= 4:
            for statement in CAPTURE["read_sql"]:
                CONNECTION.execute(statement).fetchall()
        for node in NODES:
            if node["id"] is None:
                continue
            widget = self.query_one("#" + node["id"])
            widget.border_title = node["border_title"]
            widget.border_subtitle = node["border_subtitle"]
            for label, width in node.get("columns", ()):
                widget.add_column(label, width=width)
            for row in node.get("rows", ()):
                widget.add_row(*row)


# named as the dashboard's, for the CSS's type selectors (Textual takes them from the class's
# name as it is made)
Floor = type(
    CAPTURE["screen"]["name"],
    (FloorScreen,),
    {{"DEFAULT_CSS": CAPTURE["default_css"].get(CAPTURE["screen"]["name"], "")}},
)


class FloorApp(App):
    CSS_PATH = {css_path!r}
    TITLE = CAPTURE["title"]
    SUB_TITLE = CAPTURE["sub_title"]
    # an action each: Textual's footer shows one key per action
    BINDINGS = [
        Binding(key, f"notify({{key!r}})", words, key_display=shown)
        for key, words, shown in CAPTURE["keys"]
    ]

    def get_default_screen(self):
        return Floor()


FloorApp().run()
'''


def floor_app(capture: dict[str, Any], level: int, path: Path, folder: Path) -> Path:
    """The module of floor ``level`` (2-4), written into ``folder`` and compiled there."""
    nodes = [node for node in capture["nodes"] if "-textual-system" not in node["classes"]]
    # parents by index into the kept nodes (the system widgets are first and have no children)
    shift = len(capture["nodes"]) - len(nodes)
    for node in nodes:
        node["parent"] = node["parent"] - shift if node["parent"] >= 0 else -1
    bases = sorted({node["base"] for node in nodes})
    imports = "\n".join(
        f"from {module if not module.startswith('textual.widgets.') else 'textual.widgets'}"
        f" import {name}"
        for module, name in (base.rsplit(".", 1) for base in bases)
    )
    classes = []
    for node in nodes:
        name, base = node["name"], node["base"].rsplit(".", 1)[1]
        made = f"shown({base})" if "text" in node and base in ("Widget", "Static") else base
        css = capture["default_css"].get(name, "")
        classes.append(f"CLASSES[{name!r}] = type({name!r}, ({made},), {{'DEFAULT_CSS': {css!r}}})")
    open_sql, read_sql = split_sql(capture["sql"])
    css_path = folder / "netdash.tcss"
    css_path.write_text(capture["app_css"], encoding="utf-8")
    source = FLOOR_APP.format(
        imports=imports,
        classes="\n".join(dict.fromkeys(classes)),
        capture={
            **{key: capture[key] for key in ("title", "sub_title", "keys", "default_css")},
            "screen": capture["screen"],
            "nodes": nodes,
            "open_sql": open_sql,
            "read_sql": read_sql,
        },
        level=level,
        path=str(path),
        css_path=str(css_path),
    )
    module = folder / f"floor_level{level}.py"
    module.write_text(source, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(module)], check=True)
    return module


def split_sql(statements: list[str]) -> tuple[list[str], list[str]]:
    """The open's statements (to the first made after open_db returned: the app's read of
    ``data_version``) and the first frame's reads."""
    cut = next((i for i, sql in enumerate(statements) if sql == "PRAGMA data_version"), 0)
    return statements[:cut], statements[cut:]


def capture(src: Path, path: Path) -> dict[str, Any]:
    env = {**tree_env(src), "NETDASH_TODAY": TODAY}
    done = subprocess.run(
        [sys.executable, str(HERE / "floor_capture.py"), str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


PROFILE = """
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
    with open(os.environ["FLOOR_MARKS"], "w") as out:
        json.dump({"marks": marks, "spent": spent}, out)


App._display = display
app = NetdashApp(db, db_path=__import__("pathlib").Path(path))
marks["app made"] = time.perf_counter()
app.run()
"""

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("click", ("click",)),
    ("sqlite_utils", ("sqlite_utils",)),
    ("textual + rich", ("rich", "textual")),
    ("netdash.domain (+ inert, paths)", ("netdash.domain", "netdash.inert", "netdash.paths")),
    ("netdash.store", ("netdash.store",)),
    ("netdash.cli", ("netdash.cli",)),
    ("netdash.tui", ("netdash.tui",)),
)


def groups(modules: list[str]) -> list[tuple[str, list[str]]]:
    """The import groups of the profile, in the order imported: each the first frame's modules
    under its prefixes (click and sqlite_utils by their top packages: they import what they
    need; netdash.cli by what ``python -m netdash`` loads before the TUI)."""
    out: list[tuple[str, list[str]]] = []
    for name, prefixes in GROUPS:
        chosen = [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]
        if name in ("click", "sqlite_utils"):
            chosen = [name]
        elif name == "netdash.cli":
            chosen = ["netdash.cli", "netdash.cli.kit", "netdash.cli.lazy", "netdash.leftovers"]
        out.append((name, chosen))
    return out


def launch(argv: list[str], patterns: dict[str, str]) -> tuple[Terminal, dict[str, float]]:
    terminal = Terminal(argv)
    try:
        return terminal, terminal.wait_for(patterns, LAUNCH_TIMEOUT)
    finally:
        terminal.kill()


def first(argv: list[str], pattern: dict[str, str] = FIRST) -> float:
    return launch(argv, pattern)[1].get("first", math.inf)


def profiled(path: Path, modules: list[str], marks_file: Path) -> dict[str, float]:
    """One launch of netdash under the PROFILE script: each phase's seconds."""
    os.environ["FLOOR_GROUPS"] = json.dumps(groups(modules))
    os.environ["FLOOR_MARKS"] = str(marks_file)
    marks_file.unlink(missing_ok=True)
    terminal, seen = launch([sys.executable, "-c", PROFILE, str(path)], FIRST)
    if "first" not in seen or not marks_file.exists():
        return {}
    noted = json.loads(marks_file.read_text(encoding="utf-8"))
    marks = {name: at - terminal.started for name, at in noted["marks"].items()}
    spent = noted["spent"]
    phases: dict[str, float] = {"interpreter start": marks["python"]}
    before = marks["python"]
    for name, _ in GROUPS:
        phases[f"import {name}"] = marks[f"import {name}"] - before
        before = marks[f"import {name}"]
    phases["sweep, journal open + migrations check"] = (
        marks["journal open + migrations check"] - before
    )
    phases["NetdashApp() (+ its module's leftovers)"] = (
        marks["app made"] - marks["journal open + migrations check"]
    )
    phases["run → compose (driver, app CSS, app styling)"] = (
        marks["compose start"] - marks["app made"]
    )
    phases["compose"] = marks["compose end"] - marks["compose start"]
    phases["mount + style + on_mount (less the reads)"] = (
        marks["on_mount end"] - marks["compose end"] - spent["reads"]
    )
    phases["the first frame's reads"] = spent["reads"]
    phases["layout → render"] = marks["render start"] - marks["on_mount end"]
    phases["render"] = marks["render end"] - marks["render start"]
    phases["to the terminal"] = seen["first"] - marks["render end"]
    phases["(of all: the config, keys and theme, in the app's on_mount)"] = spent["settings"]
    phases["(of all: CSS parse)"] = spent["css parse"]
    phases["(of all: Stylesheet.apply)"] = spent["styling"]
    phases["total, to the frame"] = seen["first"]
    return phases


def profile_table(runs: list[dict[str, float]]) -> str:
    runs = [run for run in runs if run]
    if not runs:
        return "(no profiled launch reached its frame)"
    total = median([run["total, to the frame"] for run in runs])
    lines = ["| phase | median | p95 | % of the median frame |", "|---|---|---|---|"]
    for phase in runs[0]:
        values = [run[phase] for run in runs]
        lines.append(
            f"| {phase} | {median(values) * 1000:.1f} ms | {p95(values) * 1000:.1f} ms |"
            f" {median(values) / total * 100:.0f}% |"
        )
    return "\n".join(lines)


def warmed(src: Path, source: Path, folder: Path) -> Path:
    """A copy of the tree's master with today's scores cached (one launch to every panel)."""
    from bench.start import launch as launch_netdash

    folder.mkdir(parents=True, exist_ok=True)
    path = copy_with_wal(tree_master(source, src), folder / "cached.db")
    launch_netdash(src, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, choices=sorted(SCALES), default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--base", type=Path, help="another source tree, launched in the loop")
    args = parser.parse_args()
    # stopped with kill, it still kills the launch under way (each is in its own session): one
    # left running spun a core for half an hour under the next run's figures
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    source = journal(args.people)  # built once if missing
    trees = {"": ROOT / "src"}
    if args.base:
        trees[" before"] = args.base.resolve() / "src"
    for src in trees.values():
        compile_bytecode(src)
    os.environ["NETDASH_TODAY"] = TODAY
    with tempfile.TemporaryDirectory(prefix="floor-") as scratch:
        folder = Path(scratch)
        paths = {
            label: warmed(src, source, folder / (label.strip() or "now"))
            for label, src in trees.items()
        }
        captured = capture(trees[""], paths[""])
        argv: dict[str, list[str]] = {"bare": [sys.executable, "-c", BARE_APP]}
        for name, level in LEVELS.items():
            floor_app(json.loads(json.dumps(captured)), level, paths[""], folder)
            load = f"import sys; sys.path.insert(0, {str(folder)!r}); import floor_level{level}"
            argv[name] = [sys.executable, "-c", load]
        kinds = [*argv, *(f"netdash{label}" for label in trees), "profile"]
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        phases: list[dict[str, float]] = []
        for kind in interleave(kinds, args.runs):
            if kind == "profile":
                os.environ["PYTHONPATH"] = str(trees[""])
                phases.append(profiled(paths[""], captured["modules"], folder / "marks.json"))
                continue
            if kind.startswith("netdash"):
                label = kind.removeprefix("netdash")
                os.environ["PYTHONPATH"] = str(trees[label])
                command = [sys.executable, "-m", "netdash", "--db", str(paths[label])]
                times[kind].append(first(command))
            else:
                pattern = {"first": "Hello"} if kind == "bare" else FIRST
                times[kind].append(first(argv[kind], pattern))
            print(f"  {kind}: {times[kind][-1] * 1000:.0f} ms", flush=True)
    loads = os.getloadavg()
    bare = times.pop("bare")
    times.pop("profile")
    print(f"\n{args.people:,} people, {args.runs} rounds, load {loads[0]:.2f} {loads[1]:.2f}\n")
    print(
        table([Row(f"{kind}, first frame ÷ bare", values, bare) for kind, values in times.items()])
    )
    floor = times["tree + sqlite_utils + reads"]
    for kind in (k for k in times if k.startswith("netdash")):
        print(f"\n{kind} ÷ floor (4): {median(times[kind]) / median(floor):.2f}x")
    print("\nnetdash's first frame, phase by phase (its own launches, instrumented):\n")
    print(profile_table(phases))


if __name__ == "__main__":
    main()
