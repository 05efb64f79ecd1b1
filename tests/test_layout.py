"""The shape of the code, checked: SQL only in the store, modules and functions a reader can hold.

Each rule is a function over source text, tested first on a snippet that breaks it (so the rule
can fail), then over every module in ``src/netdash``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "netdash"
STORE = SRC / "store"

#: Methods that run SQL, whatever the receiver (sqlite3 connections and cursors, sqlite_utils).
SQL_METHODS = frozenset({"execute", "executemany", "executescript", "iterdump"})
#: sqlite_utils entry points that are only SQL when called on a database: ``db.query(...)``,
#: ``db.table(...)``; Textual's ``self.query(...)`` walks widgets and stays allowed.
DATABASE_METHODS = frozenset({"query", "table", "create_table", "enable_wal", "vacuum"})
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
#: A longer function carries this comment, with its reason, on its ``def`` line or the line above.
LONG_MARK = "# long:"


def _names_a_database(node: ast.expr) -> bool:
    """``db``, ``self.db``, ``conn``, ``journal_db``...: a receiver that is a database."""
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return name in {"db", "conn", "connection"} or name.endswith(("_db", "_conn"))


def sql_sites(source: str) -> list[int]:
    """Lines that run SQL or reach a table directly (``db["people"]``)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            if method in SQL_METHODS or (
                method in DATABASE_METHODS and _names_a_database(node.func.value)
            ):
                lines.append(node.lineno)
        elif isinstance(node, ast.Subscript) and _names_a_database(node.value):
            lines.append(node.lineno)
    return sorted(lines)


def sqlite_imports(source: str) -> list[int]:
    """Lines that import the sqlite3 module: above the store, SQLite is not named at all."""
    return sorted(
        node.lineno
        for node in ast.walk(ast.parse(source))
        if (isinstance(node, ast.Import) and any(a.name == "sqlite3" for a in node.names))
        or (isinstance(node, ast.ImportFrom) and node.module == "sqlite3")
    )


def long_functions(source: str) -> list[tuple[str, int]]:
    """Functions over MAX_FUNCTION_LINES lines whose ``def`` carries no reason for it."""
    text = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        nearby = text[max(first - 2, 0) : node.lineno]
        if length > MAX_FUNCTION_LINES and not any(LONG_MARK in line for line in nearby):
            found.append((node.name, length))
    return found


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_the_sql_rule_sees_every_way_of_running_sql() -> None:
    source = """
db.execute("SELECT 1")
self.db.executemany("INSERT", rows)
conn.executescript("BEGIN")
rows = db.query("SELECT 2")
db["people"].insert({})
self.query(Input)  # Textual's DOM query: not SQL
cursor.execute("SELECT 3")
"""
    assert sql_sites(source) == [2, 3, 4, 5, 6, 8]


def test_no_module_outside_the_store_runs_sql() -> None:
    offenders = {
        str(path.relative_to(SRC)): sites
        for path in modules()
        if STORE not in path.parents and (sites := sql_sites(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, f"SQL belongs in netdash.store; found it at (file: lines) {offenders}"


def test_only_the_store_names_sqlite() -> None:
    assert sqlite_imports("import os, sqlite3\nfrom sqlite3 import Row\nimport sqlite_utils\n") == [
        1,
        2,
    ]
    offenders = {
        str(path.relative_to(SRC)): lines
        for path in modules()
        if STORE not in path.parents and (lines := sqlite_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, (
        f"only netdash.store may import sqlite3; found (file: lines) {offenders}"
    )


def test_the_function_rule_counts_lines_and_accepts_a_reason() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    unexplained = f"def grown():\n{body}\n"
    explained = f"{LONG_MARK} one table of cases, clearer whole\ndef grown():\n{body}\n"
    assert long_functions(unexplained) == [("grown", MAX_FUNCTION_LINES + 1)]
    assert long_functions(explained) == []


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(SRC)))
def test_modules_and_functions_stay_readable(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path.name}: split it by responsibility"
    assert long_functions(source) == [], f"split these, or say why next to the def ({LONG_MARK})"
