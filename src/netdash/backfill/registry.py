"""The backfill readers by source name, and detecting which one an export is for."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import cast

from netdash.domain.evidence import Reader
from netdash.importers.source import BadExport

BACKFILL_SOURCES: dict[str, str] = {
    "calendar": "netdash.backfill.calendar",
    "whatsapp": "netdash.backfill.whatsapp",
    "telegram": "netdash.backfill.telegram",
    "meta-messages": "netdash.backfill.meta_messages",
    "sms-backup": "netdash.backfill.sms_backup",
    "mbox": "netdash.backfill.mbox",
}
"""Source name -> the reader module, imported only when that source is read."""


def reader(source: str) -> Reader:
    return cast(Reader, importlib.import_module(BACKFILL_SOURCES[source]))


def detect_backfill(path: Path) -> str | None:
    """The one backfill source ``path`` looks like by its content, or None."""
    found = []
    for source in BACKFILL_SOURCES:
        if reader(source).looks_like(path):
            found.append(source)
    if len(found) > 1:
        raise BadExport(str(path), f"looks like several exports ({', '.join(found)}); name one")
    return found[0] if found else None
