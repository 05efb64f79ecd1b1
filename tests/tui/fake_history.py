"""A backfill reader for the TUI's tests, registered in their place of the real ones.

A ``.fakechat`` file is one message a line: ``2026-03-02 09:00|me|Ana Souza`` (or ``them``, and
``phone:+44 7700 900123:Zoe`` for someone seen by a number). ``GATE``, when set by a test, holds
the reading after the first line, so the test can look at the screen while an import runs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace
from netdash.importers.source import BadExport

GATE: threading.Event | None = None
"""Set by a test to hold the reader after its first line until the test opens the gate."""


def looks_like(path: Path) -> bool:
    return path.suffix == ".fakechat"


def _who(text: str) -> Counterpart:
    if text.startswith("phone:"):
        _, number, name = text.split(":", 2)
        return Counterpart("phone", number, name)
    return Counterpart("name", text, text)


def read(path: Path, options: ReadOptions, tally: Tally) -> Iterator[Trace]:
    lines = path.read_text(encoding="utf-8").splitlines()
    tally.total = len(lines)
    tally.me.update(options.me)
    for number, line in enumerate(lines, 1):
        if line.startswith("#"):
            tally.skipped += 1
            continue
        try:
            when, side, who = line.split("|")
            at = datetime.fromisoformat(when)
        except ValueError:
            raise BadExport(f"{path.name}:{number}", "not a message line") from None
        yield Trace("whatsapp", path.stem, at.date(), at, (_who(who),), side == "me", "message")
        tally.advance(number)
        if number == 1 and GATE is not None:
            GATE.wait(30)
