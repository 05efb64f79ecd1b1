"""The first frame's floor: what a Textual app showing the dashboard's frame costs with no
netdash code, step by step up to netdash, and where netdash's own first frame goes.

    python bench/floor.py [--people 10000|150|50000] [--runs N] [--base OTHER_TREE]

Launched interleaved, each in a real pseudo-terminal (120x40) to the rendered frame, killed:
1. bare: bench/start.py's one-Static app (the figures' baseline); then the same app after
   ``import sqlite_utils``, and after importing every module netdash's first frame has loaded
   (LEAN: the leanest first frame any dashboard on this stack could draw);
2. tree: a Textual app with the dashboard's widget tree (the classes Textual ships, subclassed
   only for their names so the same CSS applies: netdash.tcss and each netdash widget's
   DEFAULT_CSS), showing the text the real one showed, the same footer keys (in the first
   frame, as netdash's) and breakpoints, and no netdash import; it saves the styling netdash
   saves (no second style pass on the screen's first resume, the footer's keys made compact),
   and freezes the collector after its imports as netdash's launch does, so a phase where
   netdash beats the floor is noise, not a floor set too high;
3. tree + ``import sqlite_utils`` (the store's interface; it imports click);
4. (3) + the journal opened with sqlite3 and the SQL the real first frame ran, replayed: the
   open's before the app, the reads in the screen's on_mount, where netdash makes them;
5. the filled floor: (4) with the tree, texts and rows of the dashboard with every panel filled
   and every read the filled dashboard ran (in any thread; its writes and transactions left
   out), replayed in the screen's on_mount: one frame, drawn filled (the floor of the "every
   panel filled" row, timed to bench/start.py's FILLED patterns); then (5) after importing
   every module netdash's first frame has loaded, netdash's own code among them;
6. netdash, scores cached, page cache warm (with --base, the base tree's too), timed to its
   first frame and to every panel filled.
Each launch's peak memory (VmHWM, read as bench/harness.py's Terminal.peak_rss reads it, when
the frame is seen and before the kill) beside its time: the first frame's for 1-4, the filled
frame's for 5, both for netdash. The tree, CSS, keys and SQL are captured from the real
dashboard at the start of each run (bench/floor_capture.py; for 5 at its filled frame), so the
floors cannot drift from it. Then a profile of netdash's first
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

from bench.floor_profile import floor_modules, floor_profiled, netdash_profiled, profile_table
from bench.frames import SCALES, journal
from bench.harness import (
    ROOT,
    Row,
    Terminal,
    compile_bytecode,
    copy_with_wal,
    interleave,
    median,
    table,
    tree_env,
    tree_master,
)
from bench.start import BARE_APP, FILLED, FIRST, LAUNCH_TIMEOUT, TODAY, settled_peak

HERE = Path(__file__).resolve().parent
LEVELS = {
    "tree": 2,
    "tree + sqlite_utils": 3,
    "tree + sqlite_utils + reads": 4,
    "filled floor (every read, filled tree)": 5,
}
FILLED_FLOOR = "filled floor (every read, filled tree)"
FILLED_OWN = "filled floor + the first frame's modules"
"""(5) after netdash's own code (and all else its first frame imports) is loaded: below this
netdash's filled dashboard cannot go without leaving its own code out."""
LEAN = ("bare + sqlite_utils", "bare + the first frame's modules")
"""The leanest first frames netdash could draw: the bare app (one Static, not the dashboard's
tree) after ``import sqlite_utils`` (the core's interface, which the design card fixes), then
after every module netdash's first frame has loaded (Textual's, sqlite_utils', netdash's own).
Below the first no dashboard on this stack can go, however few widgets it composed; below the
second, none that loads netdash's code as it is (the module list is the headless capture's:
the CLI's few entry modules are missing, the headless driver is there)."""
READS = ("SELECT", "WITH", "PRAGMA")
"""The statements the filled floor replays: the reads (its copy stays as it was; a write, or a
transaction's BEGIN and COMMIT, would change it or need the real code's order)."""

FLOOR_APP = '''
import sys
import time
from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
{imports}
# the profile's marks (bench/floor_profile.py's FLOOR_PROFILE defines them), else nothing
mark = getattr(sys.modules["__main__"], "mark", lambda name: None)
read = getattr(sys.modules["__main__"], "read", lambda seconds: None)
CAPTURE = {capture!r}
if {level} >= 3:
    import sqlite_utils
mark("module top")
if {level} >= 4:
    import sqlite3
    CONNECTION = sqlite3.connect({path!r}, timeout=5.0)
    for statement in CAPTURE["open_sql"]:
        CONNECTION.execute(statement).fetchall()
    mark("journal opened")


def shown(base):
    """A Textual widget class that draws the text the real one drew."""

    class Shown(base):
        def __init__(self, text, **kwargs):
            super().__init__(**kwargs)
            self.text = Text(text)

        def render(self):
            return self.text

    return Shown


def keys_compact(base):
    """Textual's footer, its keys made with the class their ``compact`` gives them once
    mounted (as netdash's footer makes them): else each is styled twice."""
    from textual.widgets._footer import FooterKey

    class Keys(base):
        def compose(self):
            for widget in super().compose():
                if isinstance(widget, FooterKey):
                    compact = self.compact or widget.has_class("-command-palette")
                    widget.set_class(compact, "-compact", update=False)
                yield widget

    return Keys


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
        # its keys in the first frame, as netdash's (Textual's own composes them only once
        # the screen's bindings change, after that frame: a floor without them flattered)
        widget._bindings_ready = True
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

    _resumed = False

    async def on_event(self, event):
        # as netdash's dashboard: its first ScreenResume does not restyle the screen its
        # widgets were styled on as they mounted, a moment before
        if isinstance(event, events.ScreenResume) and not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        await super().on_event(event)

    def compose(self):
        mark("compose start")
        for index, node in enumerate(NODES):
            if node["parent"] == -1:
                yield build(index)
        mark("compose end")

    def on_mount(self):
        if {level} >= 4:
            started = time.perf_counter()
            for statement in CAPTURE["read_sql"]:
                CONNECTION.execute(statement).fetchall()
            read(time.perf_counter() - started)
        for node in NODES:
            if node["id"] is None:
                continue
            widget = self.query_one("#" + node["id"])
            widget.border_title = node["border_title"]
            widget.border_subtitle = node["border_subtitle"]
            # as Text, as netdash gives them: a string is parsed as markup (and that imports
            # rich's table of emoji, 10 ms)
            for label, width in node.get("columns", ()):
                widget.add_column(Text(label), width=width)
            for row in node.get("rows", ()):
                tallest = max((cell.count("\\n") + 1 for cell in row), default=1)
                widget.add_row(*map(Text, row), height=tallest)
        mark("on_mount end")


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


# as netdash's launch: the imports' objects out of the collector's reach
import gc
gc.freeze()
APP = FloorApp()
mark("app made")
APP.run()
'''


def floor_app(capture: dict[str, Any], level: int, path: Path, folder: Path) -> Path:
    """The module of floor ``level`` (2-5), written into ``folder`` and compiled there; 5 is
    given the filled capture."""
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
        made = f"keys_compact({base})" if base == "Footer" else made
        css = capture["default_css"].get(name, "")
        classes.append(f"CLASSES[{name!r}] = type({name!r}, ({made},), {{'DEFAULT_CSS': {css!r}}})")
    open_sql, read_sql = split_sql(capture["sql"])
    if level >= 5:
        read_sql = [sql for sql in read_sql if sql.split(None, 1)[0].upper() in READS]
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


def every_module(modules: list[str]) -> str:
    """Source importing each module netdash's first frame had loaded, then freezing the
    collector as netdash's launch does."""
    # the private top-level ones (C accelerators) are left to the modules that import them:
    # ``_asyncio`` imported before ``asyncio`` left two current-task registries, and Textual's
    # lock failed its assertion at the first recompose
    ours = [m for m in modules if not m.startswith(("_", "bench", "floor_"))]
    return (
        "import importlib\n"
        f"for name in {ours!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError:  # a platform's module another platform lists\n"
        "        pass\n"
        "import gc\n"
        "gc.freeze()\n"
    )


def lean_apps(modules: list[str]) -> dict[str, list[str]]:
    """LEAN's launches: the bare app's source after the imports of each."""
    preludes = dict(zip(LEAN, ("import sqlite_utils\n", every_module(modules)), strict=True))
    return {name: [sys.executable, "-c", prelude + BARE_APP] for name, prelude in preludes.items()}


def split_sql(statements: list[str]) -> tuple[list[str], list[str]]:
    """The open's statements (to the first made after open_db returned: the app's read of
    ``data_version``) and the first frame's reads."""
    cut = next((i for i, sql in enumerate(statements) if sql == "PRAGMA data_version"), 0)
    return statements[:cut], statements[cut:]


def capture(src: Path, path: Path, *mode: str) -> dict[str, Any]:
    env = {**tree_env(src), "NETDASH_TODAY": TODAY}
    done = subprocess.run(
        [sys.executable, str(HERE / "floor_capture.py"), str(path), *mode],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def frames(argv: list[str], first: dict[str, str] | None, filled: bool) -> dict[str, float]:
    """Seconds to the first frame (``first``'s "first" pattern) and, if ``filled``, to every
    panel filled (the last of FILLED's patterns to appear, as bench/frames.py times it), each
    with the peak memory in MB: when the first frame was seen ("first MB"), and once settled
    after the filled one ("filled MB", as bench/frames.py reads it: netdash reads everyone's
    scores after that frame, and the floor is read the same way); a frame not seen is
    infinitely late, never dropped."""
    terminal = Terminal(argv)
    marks: dict[str, float] = {}
    try:
        if first is not None:
            marks["first"] = terminal.wait_for(first, LAUNCH_TIMEOUT).get("first", math.inf)
            marks["first MB"] = terminal.peak_rss()
        if filled:
            seen = terminal.wait_for(FILLED, LAUNCH_TIMEOUT)
            marks["filled"] = max(seen.values()) if seen.keys() >= FILLED.keys() else math.inf
            marks["filled MB"] = settled_peak(terminal)  # netdash reads more after that frame
        return marks
    finally:
        terminal.kill()


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
        captured_filled = capture(trees[""], paths[""], "--filled")
        argv: dict[str, list[str]] = {"bare": [sys.executable, "-c", BARE_APP]}
        argv.update(lean_apps(captured["modules"]))
        for name, level in LEVELS.items():
            taken = captured_filled if level >= 5 else captured
            floor_app(json.loads(json.dumps(taken)), level, paths[""], folder)
            load = f"import sys; sys.path.insert(0, {str(folder)!r}); import floor_level{level}"
            argv[name] = [sys.executable, "-c", load]
            if level >= 5:
                prelude = every_module(captured["modules"])
                argv[FILLED_OWN] = [sys.executable, "-c", prelude + load]
        floor = f"floor_level{LEVELS['tree + sqlite_utils + reads']}"
        loaded = floor_modules(folder, floor, folder / "marks.json")
        kinds = [*argv, *(f"netdash{label}" for label in trees), "profile", "floor profile"]
        runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
        phases: dict[str, list[dict[str, float]]] = {"profile": [], "floor profile": []}
        for kind in interleave(kinds, args.runs):
            os.environ["PYTHONPATH"] = str(trees[""])
            if kind == "profile":
                marks = folder / "marks.json"
                phases[kind].append(netdash_profiled(paths[""], captured["modules"], marks))
                continue
            if kind == "floor profile":
                marks = folder / "marks.json"
                phases[kind].append(floor_profiled(folder, floor, loaded, marks))
                continue
            if kind.startswith("netdash"):
                label = kind.removeprefix("netdash")
                os.environ["PYTHONPATH"] = str(trees[label])
                command = [sys.executable, "-m", "netdash", "--db", str(paths[label])]
                runs[kind].append(frames(command, FIRST, filled=True))
            elif kind in (FILLED_FLOOR, FILLED_OWN):
                runs[kind].append(frames(argv[kind], None, filled=True))
            else:
                pattern = {"first": "Hello"} if kind == "bare" or kind in LEAN else FIRST
                runs[kind].append(frames(argv[kind], pattern, filled=False))
            print(f"  {kind}: {runs[kind][-1]}", flush=True)
    loads = os.getloadavg()
    runs.pop("profile")
    runs.pop("floor profile")
    print(f"\n{args.people:,} people, {args.runs} rounds, load {loads[0]:.2f} {loads[1]:.2f}\n")
    print(results(runs))
    print("\nnetdash's first frame and the floor's (4), phase by phase (their own launches,")
    print("instrumented):\n")
    print(profile_table(phases["profile"], phases["floor profile"]))


def results(runs: dict[str, list[dict[str, float]]]) -> str:
    """The table of every kind's frames and peaks against the bare app's, and netdash against
    the floors: the first frame against floor (4), every panel filled against floor (5)."""
    bare = runs["bare"]
    rows = []
    for kind, marks in runs.items():
        for mark, what in (("first", "first frame"), ("filled", "every panel filled")):
            if kind == "bare" and mark == "filled":
                continue
            if marks and mark in marks[0]:
                values = [m[mark] for m in marks]
                rows.append(Row(f"{kind}, {what} ÷ bare", values, [m["first"] for m in bare]))
                peaks = [m[f"{mark} MB"] for m in marks]
                base = [m["first MB"] for m in bare]
                rows.append(Row(f"{kind}, peak at {what} ÷ bare", peaks, base, unit="MB"))
    lines = [table(rows), ""]
    floors = {
        ("first", "its floor"): runs["tree + sqlite_utils + reads"],
        ("filled", "its floor"): runs[FILLED_FLOOR],
        ("filled", "its floor with its modules"): runs[FILLED_OWN],
    }
    for kind in (k for k in runs if k.startswith("netdash")):
        for (mark, name), floor in floors.items():
            for unit in ("", " MB"):
                ours = median([m[mark + unit] for m in runs[kind]])
                least = median([m[mark + unit] for m in floor])
                lines.append(f"{kind} {mark}{unit or ' time'} ÷ {name}: {ours / least:.2f}x")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
