"""The TUI open in one terminal, 1,000 `log` writes from another process: all land, none fail."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from netdash.store.db import open_db
from netdash.tui.app import NetdashApp
from netdash.tui.widgets.numbers import NumberTable
from tests.tui.conftest import static_text
from tests.tui.waits import wait_for

WRITER = """
import sys
from datetime import date
from netdash.store.db import open_db
from netdash.store.journal import NewPerson, log_interaction

db = open_db(sys.argv[1])
today = date(2026, 11, 26)
for index in range(int(sys.argv[2])):
    # one transaction per write, as 1,000 separate `netdash log` commands would make
    who = NewPerson(f"Person {index}") if index < 50 else index % 50 + 1
    log_interaction(db, people=[who], occurred_on=today, today=today, kind="call")
db.close()
"""


async def test_a_thousand_writes_from_another_process(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0.1)
    async with app.run_test(size=(120, 40)) as pilot:
        writer = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            WRITER,
            str(path),
            "1000",
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        # the TUI keeps reading and redrawing meanwhile
        await wait_for(pilot, lambda: writer.returncode is not None, "the writer", timeout=120)
        _, errors = await writer.communicate()
        assert writer.returncode == 0, errors.decode()[-2000:]
        numbers = app.screen.query_one("#depth-numbers", NumberTable)
        await wait_for(pilot, lambda: "1,000" in static_text(numbers), "all 1,000 entries shown")
    count = db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]
    db.close()
    assert count == 1000
