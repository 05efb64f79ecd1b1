"""Every printing command shows hostile names and notes inert: no escape leaves netdash.

The journal (tests/conftest.py ``seed_hostile``) holds CSI, OSC 0/2/8/52 ended by BEL and by ST,
C1 CSI and OSC, bidi overrides and lone C0 controls in every field a command prints. Whatever a
command prints, on stdout or stderr, carries none of them; JSON still means the exact strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netdash.cli import cli
from netdash.store.db import open_db
from tests.conftest import (
    HOSTILE,
    HOSTILE_NAME,
    HOSTILE_OTHER,
    HOSTILE_PARTS,
    HOSTILE_TITLE,
    TERMINAL_ACTIVE,
    seed_hostile,
)

OBEYED = TERMINAL_ACTIVE - {"\n", "\t"}
"""What may not reach a terminal: line breaks and tabs are only layout."""


@pytest.fixture
def hostile_path(journal_path: Path) -> Path:
    db = open_db(journal_path)
    seed_hostile(db)
    db.close()
    return journal_path


def run(path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(path), *args], catch_exceptions=False)


def obeyed(text: str) -> list[str]:
    return sorted({repr(ch) for ch in text if ch in OBEYED})


def arg(text: str) -> str:
    """Hostile text as a command line can carry it: no NUL."""
    return text.replace("\x00", "")


COMMANDS: list[tuple[str, ...]] = [
    ("people", "list"),
    ("people", "list", "--sort", "last-contact"),
    ("people", "list", "--search", "mal"),
    ("people", "show", HOSTILE_OTHER),
    ("people", "show", HOSTILE_NAME),  # two people: the refusal names both
    ("people", "duplicates"),
    ("people", "add", f"Zed {HOSTILE_PARTS[0]}{HOSTILE_PARTS[6]}"),
    ("log", f"yesterday: call with {HOSTILE_OTHER} {HOSTILE_PARTS[1]} #x{HOSTILE_PARTS[7]}"),
    ("log", "--dry-run", f"call with Newt {HOSTILE_PARTS[3]}"),
    ("log", f"call with {HOSTILE_NAME}"),  # refused: which Mallory?
    ("stats",),
    ("reach-out", "--all"),
    ("review",),
    ("export", "--format", "markdown", "-o", "-"),
    ("connections", "list"),
    ("accounts", "list"),
    ("goal", "list"),
    ("vouch", "give", HOSTILE_OTHER, f"topic {HOSTILE_PARTS[5]}", "--note", arg(HOSTILE)),
    ("give", f"saturday: 2h at Soup Kitchen, 12 meals{HOSTILE_PARTS[0]} served, with Eve"),
    ("outcome", arg(HOSTILE_TITLE), "--credit", f"{HOSTILE_OTHER}:advised"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args)[:40])
def test_printing_commands_show_control_characters_inert(
    hostile_path: Path, args: tuple[str, ...]
) -> None:
    result = run(hostile_path, *args)
    assert result.output.strip(), "the command printed nothing to check"
    assert obeyed(result.output) == []


def test_the_hostile_text_is_shown_not_dropped(hostile_path: Path) -> None:
    output = run(hostile_path, "people", "show", HOSTILE_OTHER).output
    assert "Eve ␛]52;c;cm0gLXJmIH4v␛\\\\u009d52" in output


def strings(value: object) -> Iterator[str]:
    """Every string in parsed JSON, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


JSON_COMMANDS: list[tuple[str, ...]] = [
    ("people", "list", "--json"),
    ("people", "show", "--json", HOSTILE_OTHER),
    ("people", "duplicates", "--json"),
    ("stats", "--json"),
    ("reach-out", "--json", "--all"),
    ("connections", "list", "--json"),
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_json_is_inert_and_means_the_same_strings(
    hostile_path: Path, args: tuple[str, ...]
) -> None:
    result = run(hostile_path, *args)
    assert result.exit_code == 0
    assert obeyed(result.output) == []
    # the characters are in the data, written as JSON escapes: parsed, they are all there
    assert any(set(text) & OBEYED for text in strings(json.loads(result.stdout)))


def test_json_round_trips_every_character(hostile_path: Path) -> None:
    person = json.loads(run(hostile_path, "people", "show", "--json", HOSTILE_OTHER).stdout)
    assert person["name"] == HOSTILE_OTHER
    assert person["notes"] == HOSTILE
    people = json.loads(run(hostile_path, "people", "list", "--json").stdout)
    assert HOSTILE_NAME in {row["name"] for row in people}


@pytest.mark.parametrize("format_name", ["json", "vcard"])
def test_export_to_standard_output_is_inert(hostile_path: Path, format_name: str) -> None:
    result = run(hostile_path, "export", "--format", format_name, "-o", "-")
    assert result.exit_code == 0
    assert obeyed(result.output) == []


def test_a_vcard_file_keeps_every_character_so_it_reads_back_as_the_same_people(
    hostile_path: Path, tmp_path: Path
) -> None:
    """Only what may reach a terminal is made inert: a vCard file is data, written exactly,
    so importing your own export finds the same people instead of making new ones."""
    from netdash.importers.vcard import read_vcards

    out = tmp_path / "people.vcf"
    assert run(hostile_path, "export", "--format", "vcard", "-o", str(out)).exit_code == 0
    read_back = sorted(c.name for c in read_vcards(out.read_text(encoding="utf-8"), str(out)))
    db = open_db(hostile_path)
    stored = sorted(row["name"] for row in db.table("people").rows)
    db.close()
    assert HOSTILE_NAME in stored and read_back == stored
