"""What bench/floor.py's floors copy from the real dashboard, taken from it once per run so they
cannot drift from it: run as a script with the tree's ``src`` on PYTHONPATH, it opens the journal
as ``netdash`` does, runs the app headless at 120x40 to its first frame and prints, as JSON, the
screen's widget tree (each widget's nearest Textual class, id, classes, display, border titles
and what it showed), the CSS (the app's file and every netdash widget's DEFAULT_CSS), the keys
the footer showed, the SQL run on the main thread before that frame, and the modules then
loaded. With ``--filled``, the same at the first frame where every panel is filled (the screen
shows each of bench/start.py's FILLED patterns), and the SQL every thread ran until then: the
filled dashboard's reads happen in workers after the first frame.

    PYTHONPATH=src python bench/floor_capture.py JOURNAL [--filled]
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

MAIN = threading.get_ident()
STATEMENTS: list[str] = []
FILLED = "--filled" in sys.argv


def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    connection: sqlite3.Connection = real_connect(*args, **kwargs)
    connection.set_trace_callback(
        lambda sql: STATEMENTS.append(sql) if FILLED or threading.get_ident() == MAIN else None
    )
    return connection


real_connect = sqlite3.connect
sqlite3.connect = traced  # type: ignore[assignment]


def textual_class(widget: Any) -> type:
    return next(c for c in type(widget).__mro__ if c.__module__.startswith("textual."))


def shown_text(widget: Any) -> list[str]:
    """The lines the widget drew inside its padding and border, as plain text."""
    from textual.geometry import Region

    region, content = widget.region, widget.content_region
    crop = Region(content.x - region.x, content.y - region.y, content.width, content.height)
    return [strip.text.rstrip() for strip in widget.render_lines(crop)]


def node(widget: Any, parents: dict[int, int]) -> dict[str, Any]:
    from textual.widgets import DataTable

    base = textual_class(widget)
    entry: dict[str, Any] = {
        "name": type(widget).__name__,
        "base": f"{base.__module__}.{base.__name__}",
        "parent": parents.get(id(widget.parent), -1),
        "id": widget.id,
        "classes": sorted(widget.classes),
        "display": widget.display,
        "border_title": str(widget.border_title) if widget.border_title else None,
        "border_subtitle": str(widget.border_subtitle) if widget.border_subtitle else None,
    }
    if isinstance(widget, DataTable):
        entry["columns"] = [
            [column.label.plain, column.width if not column.auto_width else None]
            for column in widget.ordered_columns
        ]
        entry["rows"] = [
            [str(getattr(cell, "plain", cell)) for cell in widget.get_row_at(index)]
            for index in range(widget.row_count)
        ]
        entry["cursor_type"], entry["zebra"] = widget.cursor_type, widget.zebra_stripes
        entry["show_header"] = widget.show_header
    elif not widget.children and base.__name__ not in ("Header", "Footer"):
        entry["text"] = shown_text(widget)
    return entry


def capture(app: Any) -> dict[str, Any]:
    from textual.widgets import Footer, Header

    screen = app.screen
    nodes: list[dict[str, Any]] = []
    parents: dict[int, int] = {id(screen): -1}
    css: dict[str, str] = {}
    for widget in screen.walk_children(with_self=False):
        if widget.parent is not screen and id(widget.parent) not in parents:
            continue  # inside a Header or Footer: Textual makes those itself
        parents[id(widget)] = len(nodes)
        nodes.append(node(widget, parents))
        if isinstance(widget, Header | Footer):
            parents.pop(id(widget))
    for widget in [screen, *screen.walk_children(with_self=False)]:
        own = [c for c in type(widget).__mro__ if c.__module__.startswith("netdash.")]
        css[type(widget).__name__] = "\n".join(c.__dict__.get("DEFAULT_CSS", "") for c in own)
    return {
        "screen": {
            "name": type(screen).__name__,
            "horizontal": screen.HORIZONTAL_BREAKPOINTS,
            "vertical": screen.VERTICAL_BREAKPOINTS,
        },
        "app_css": Path(app.css_path[0]).read_text(encoding="utf-8"),
        "title": app.title,
        "sub_title": app.sub_title,
        "nodes": nodes,
        "default_css": css,
        "keys": [
            [binding.binding.key, binding.binding.description, binding.binding.key_display]
            for binding in screen.active_bindings.values()
            if binding.binding.show
        ],
        "sql": STATEMENTS,
        "modules": sorted(sys.modules),
    }


def filled(app: Any) -> bool:
    """Whether the screen shows every panel filled, as bench/start.py's FILLED tells it."""
    import re

    from bench.start import FILLED as PATTERNS

    text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    return all(re.search(pattern, text) for pattern in PATTERNS.values())


def main(path: Path) -> None:
    from textual.app import App

    from netdash.store.db import open_db
    from netdash.tui.app import NetdashApp

    shown = App._display

    def display(app: Any, screen: Any, renderable: Any) -> None:
        shown(app, screen, renderable)
        # in the start-up batch nothing is drawn
        if renderable is not None and not app._batch_count and (not FILLED or filled(app)):
            modules = sorted(sys.modules)
            print(json.dumps({**capture(app), "modules": modules}), flush=True)
            os._exit(0)

    App._display = display  # type: ignore[method-assign,assignment]
    NetdashApp(open_db(path), db_path=path, watch_interval=0).run(headless=True, size=(120, 40))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.start's patterns
    main(Path(sys.argv[1]))
