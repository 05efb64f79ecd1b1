"""Issue 14: the first frame imports only what it shows, and the year in review hides the
dashboard instead of blending it into every frame.

Startup time is mostly imports and styling; a module imported at the top of the dashboard (or of
anything it imports) is paid before the first frame on every launch. The app is started in a
fresh interpreter, to its first frame, and the modules loaded then are checked, so a new import
cannot slow the start without a test saying so."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from netdash import cli
from netdash.store.db import open_db
from netdash.store.journal import NewPerson, log_interaction
from netdash.tui import entries
from netdash.tui.app import NetdashApp
from netdash.tui.screens import dashboard
from netdash.tui.screens.review import ReviewScreen
from tests.conftest import TODAY

FIRST_FRAME = """
import json, os, sys
from pathlib import Path
from textual.app import App
from netdash.store.db import open_db
from netdash.tui.app import NetdashApp

shown = App._display

def display(app, screen, renderable):
    shown(app, screen, renderable)
    if renderable is not None and not app._batch_count:  # in the start-up batch: not drawn
        print(json.dumps(sorted(sys.modules)), flush=True)
        os._exit(0)

App._display = display
path = Path(sys.argv[1])
NetdashApp(open_db(path), db_path=path, watch_interval=0).run(headless=True, size=(120, 40))
"""

NOT_BEFORE_THE_FIRST_FRAME = (
    "netdash.actions",
    "netdash.cli",
    "netdash.demo",
    "netdash.export",
    "netdash.fetch",
    "netdash.importers",
    "netdash.review",
    "netdash.domain.goals",
    "netdash.store.community",
    "netdash.store.history",
    "netdash.store.strangers",
    "netdash.tui.entries",
    "netdash.tui.import_job",
    "netdash.tui.providers",
    "netdash.tui.undo",
    "netdash.tui.widgets.completers",
    "netdash.tui.widgets.completion",
    "netdash.tui.widgets.line_view",
    "netdash.tui.widgets.note_area",
    "netdash.tui.widgets.paged_table",
    "netdash.tui.widgets.text_input",
    "netdash.tui.widgets.window_table",
    "textual.widgets._markdown",
    "textual.widgets._text_area",
)
"""Packages and modules the first frame does not use (a package stands for all it holds): the
community store is its forms' writes (the dashboard's one count of it is in the stats store);
the layer history and the Who's this? count are read once the frame is drawn; the inputs,
completions and paged tables are other screens' widgets."""

FIRST_FRAME_SCREENS = {
    "netdash.tui.screens.dashboard",
    "netdash.tui.screens.dashboard_figures",
    "netdash.tui.screens.welcome",
}
"""The dashboard, its figures and its empty journal's words; every other screen is imported
where it is pushed (the History screen's module, which reads the charts' history, once the
frame is drawn)."""


def modules_loaded(tmp_path: Path, script: str) -> set[str]:
    """The modules ``script`` prints as loaded, run on a journal with one entry."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    log_interaction(
        db, people=[NewPerson("Ana Souza")], occurred_on=TODAY, today=TODAY, kind="in_person"
    )
    db.close()
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_first_frame_imports_only_what_it_shows(tmp_path: Path) -> None:
    loaded = modules_loaded(tmp_path, FIRST_FRAME)
    assert "netdash.tui.screens.dashboard" in loaded  # the frame was the dashboard's
    early = sorted(
        name
        for name in loaded
        for unwanted in NOT_BEFORE_THE_FIRST_FRAME
        if name == unwanted or name.startswith(unwanted + ".")
    )
    assert early == []
    screens = {name for name in loaded if name.startswith("netdash.tui.screens.")}
    assert screens <= FIRST_FRAME_SCREENS


SCORES_IN = """
import json, os, sys
from pathlib import Path
from netdash.store.db import open_db
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen

landed = set()

def landing(owner, name):
    before = getattr(owner, name)

    def then(self, *args):
        before(self, *args)
        landed.add(name)
        if landed == {"_depth_ready", "_show_history"}:  # the last of the start's reads
            print(json.dumps(sorted(sys.modules)), flush=True)
            os._exit(0)

    setattr(owner, name, then)

landing(NetdashApp, "_depth_ready")
landing(DashboardScreen, "_show_history")
path = Path(sys.argv[1])
NetdashApp(open_db(path), db_path=path, watch_interval=0).run(headless=True, size=(120, 40))
"""


def test_the_start_s_reads_import_no_migrations(tmp_path: Path) -> None:
    """A current journal runs no migration: the layer history's read snapshot once came from
    the export's module, which imports every migration (18 modules, 0.2 MB held)."""
    loaded = modules_loaded(tmp_path, SCORES_IN)
    assert "netdash.store.history" in loaded  # the layer history was read
    assert not {"netdash.store.migrations", "netdash.store.dump"} & loaded


def test_the_launch_freezes_what_the_imports_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TUI's launch moves the imports' objects out of the collector's reach before the app
    runs: else a full collection walked them all in the first frame's styling."""
    frozen: list[int] = []
    monkeypatch.setattr(NetdashApp, "run", lambda app: frozen.append(gc.get_freeze_count()))
    monkeypatch.setattr(cli, "_tui_closed", False)  # restored: later tests' cli.main must exit
    gc.unfreeze()
    try:
        cli.launch_tui(tmp_path / "journal.db")
    finally:
        gc.unfreeze()
    assert len(frozen) == 1
    assert frozen[0] > 10_000  # some 500 modules' functions, classes and dicts


def test_the_dashboard_when_column_is_the_journal_s() -> None:
    """The dashboard keeps its own copy so as not to import the Journal's module."""
    assert dashboard.WHEN_WIDTH == entries.WHEN_WIDTH


async def test_the_review_hides_the_dashboard_under_it(tmp_path: Path) -> None:
    """A see-through modal makes Textual blend every cell of the screen under it into each of
    its frames (0.1-0.3 s when the review opened over the large journal's dashboard)."""
    path = tmp_path / "journal.db"
    app = NetdashApp(open_db(path), db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.styles.background.a == 1
