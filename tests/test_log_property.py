"""The log line, as a property: any text parses or is refused with a reason, a refusal writes
nothing, and every `netdash log` the README shows does what the README says it does."""

from __future__ import annotations

import re
import shlex
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.models import DEPTHS, INITIATORS, KINDS
from netdash.domain.quicklog import parse_quick_log
from netdash.store.aliases import JournalNames
from netdash.store.db import memory_db
from netdash.store.journal import log_interaction
from netdash.store.mentions import resolve_mentions
from netdash.store.people import add_person, update_person
from tests.conftest import TODAY, Run

README = Path(__file__).resolve().parent.parent / "README.md"

WORDS = (
    "with w/ W/ met called me and , . : Dr. Prof my sister mom MOM Mom the landlord Ana ana"
    " souza Souza Ana's Bo bo will Will José García-López Élodie #tag #1 #99 (#2) @ada @ghost"
    " yesterday today on friday last 3 days ago 2026-11-20 2099-01-01 deep talk quick chat"
    " heart to heart long call coffee zoom helped introduced to we both called me reached out"
    " [b]Bob[/b] [/ \x1b[2J \u202e"
).split(" ")
lines = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join),
    st.tuples(
        st.lists(st.sampled_from(WORDS), max_size=6), st.text(max_size=12), st.sampled_from(WORDS)
    ).map(lambda parts: " ".join([*parts[0], parts[1], parts[2]])),
)


@cache
def journal() -> Database:
    """One journal for every example (migrations are the slow part): Ana Souza, Bo Chen, a
    "mom", "my sister", and Ada with a handle."""
    db = memory_db()
    for name, aliases in (("Ana Souza", []), ("Bo Chen", []), ("Rosa Lopez", ["mom"])):
        update_person(db, add_person(db, name), add_aliases=aliases)
    update_person(db, add_person(db, "Maria Lopez"), add_aliases=["my sister"])
    return db


def counts(db: Database) -> tuple[int, ...]:
    return tuple(
        int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        for table in ("people", "interactions", "interaction_people", "tags", "person_aliases")
    )


@settings(max_examples=300, deadline=None)
@given(lines)
def test_any_line_logs_or_is_refused_and_a_refusal_writes_nothing(line: str) -> None:
    db = journal()
    before = counts(db)
    try:
        parsed = parse_quick_log(line, TODAY, JournalNames(db))
        assert parsed.mentions and parsed.kind in KINDS and parsed.initiated_by in INITIATORS
        assert parsed.depth is None or parsed.depth in DEPTHS
        assert parsed.occurred_on <= TODAY
        logged = log_interaction(
            db,
            people=resolve_mentions(db, parsed.mentions),
            occurred_on=parsed.occurred_on,
            today=TODAY,
            kind=parsed.kind,
            initiated_by=parsed.initiated_by,
            depth=parsed.depth or 2,
            note=parsed.note,
            tags=parsed.tags,
        )
    except InvalidInput as refusal:
        assert str(refusal) and "\n" not in str(refusal).strip()
        assert counts(db) == before
        return
    assert logged.people
    assert counts(db)[1] == before[1] + 1


# ----------------------------------------------------------------- the README's own examples

Step = tuple[list[str], list[str]]


def readme_transcripts(text: str) -> list[list[Step]]:
    """Every shell block of the README with a `netdash log` in it, as steps: a command's words
    and the output the README shows under it (its "# " lines). Lines that describe a syntax
    rather than run (``[--json]``, ``A|B``, ``…``) are left out."""
    blocks = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        if "netdash log" not in block:
            continue
        steps: list[Step] = []
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("netdash "):
                command = line.split("  #", 1)[0]
                if re.search(r"\[|…|\|", shlex.join(shlex.split(command, comments=True))):
                    continue
                steps.append((shlex.split(command, comments=True)[1:], []))
            elif line.startswith("#") and steps:
                steps[-1][1].append(line[2:])
        blocks.append(steps)
    return blocks


def readme_inline_logs(text: str) -> list[list[str]]:
    """`netdash log "…"` written in the README's prose, each as its words."""
    return [shlex.split(code)[1:] for code in re.findall(r"`(netdash log [^`…]+)`", text)]


def test_the_readme_has_log_examples() -> None:
    assert readme_transcripts(README.read_text())


def test_every_log_line_in_the_readme_does_what_it_says(run: Run) -> None:
    text = README.read_text()
    assert run("people", "add", "Ada Lovelace", "--handle", "mastodon:@ada@example.social")
    for steps in readme_transcripts(text):
        for words, shown in steps:
            result = run(*words)
            if shown and shown[0].startswith("netdash: "):
                assert result.exit_code == 2, (words, result.output)
            else:
                assert result.exit_code == 0, (words, result.output)
            if shown:
                assert result.output.splitlines() == shown, words
    for words in readme_inline_logs(text):
        assert run(*words, "--dry-run").exit_code == 0, words


def test_transcripts_are_read_as_written() -> None:
    text = (
        "```sh\n"
        'netdash people edit "Rosa Lopez" --alias mom   # once\n'
        "netdash people show ada [--json]\n"
        'netdash log "long call with mom" \\\n'
        "    --depth 4\n"
        "# Logged 2026-11-26 (today): call, initiated by me\n"
        "#   with: Rosa Lopez (alias 'mom')\n"
        "```\n"
        'and `netdash log "tea with Bo"` too.'
    )
    assert readme_transcripts(text) == [
        [
            (["people", "edit", "Rosa Lopez", "--alias", "mom"], []),
            (
                ["log", "long call with mom", "--depth", "4"],
                [
                    "Logged 2026-11-26 (today): call, initiated by me",
                    "  with: Rosa Lopez (alias 'mom')",
                ],
            ),
        ]
    ]
    assert readme_inline_logs(text) == [["log", "tea with Bo"]]
