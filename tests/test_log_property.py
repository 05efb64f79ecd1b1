"""The log line, as a property: any text parses or is refused with a reason, a refusal writes
nothing, and every `netdash log` the README shows does what the README says it does."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import event, given, settings
from hypothesis import strategies as st

from netdash.cli import cli
from netdash.domain.models import DEPTHS, INITIATORS, KINDS
from netdash.store.db import open_db
from netdash.store.people import add_person, update_person
from tests.conftest import TODAY, Run, connected

README = Path(__file__).resolve().parent.parent / "README.md"

WORDS = (
    "with w/ W/ met called me and , . : Dr. Prof my sister mom MOM Mom the landlord Ana ana"
    " souza Souza Ana's Bo bo will Will José García-López Élodie #tag #1 #99 (#2) @ada @ghost"
    " yesterday today on friday last 3 days ago 2026-11-20 2099-01-01 deep talk quick chat"
    " heart to heart long call coffee zoom helped introduced to we both called me reached out"
    " follow up check in tomorrow next week in 2 days dec 3 about"
    " [b]Bob[/b] [/ \x1b[2J \u202e"
).split(" ")
lines = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join),
    st.tuples(
        st.lists(st.sampled_from(WORDS), max_size=6), st.text(max_size=12), st.sampled_from(WORDS)
    ).map(lambda parts: " ".join([*parts[0], parts[1], parts[2]])),
    st.tuples(  # a follow-up: "follow up with Ana tomorrow about the intro", more or less
        st.sampled_from(["follow up with", "friday: follow-up", "remind me to follow up w/"]),
        st.sampled_from(["Ana", "mom", "my sister", "bo", "Zed Quill", "@ghost", "#1", ""]),
        st.sampled_from(["tomorrow", "next week", "in 2 days", "dec 3", "yesterday", "2099-01-01"]),
        st.lists(st.sampled_from(WORDS), max_size=6),
    ).map(lambda parts: " ".join([*parts[:3], *parts[3]])),
)
TABLES = ("people", "interactions", "interaction_people", "tags", "person_aliases", "follow_ups")
"""Everything a `netdash log` line can write: an entry, a follow-up, new people, tags."""


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One journal file for every example (migrations are the slow part): Ana Souza, Bo Chen,
    Rosa Lopez known as "mom", and Maria Lopez as "my sister"."""
    from netdash.store import trash

    path = tmp_path_factory.mktemp("property") / "netdash.db"
    db = open_db(path)
    for name, aliases in (("Ana Souza", []), ("Bo Chen", []), ("Rosa Lopez", ["mom"])):
        update_person(db, add_person(db, name), add_aliases=aliases)
    update_person(db, add_person(db, "Maria Lopez"), add_aliases=["my sister"])
    db.close()
    yield path
    trash.keep_trash_for(trash.DEFAULT_KEEP_DAYS)  # the store's setting outlives a command


def counts(path: Path) -> dict[str, int]:
    with connected(path) as conn:
        return {
            table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in TABLES
        }


@pytest.mark.slow
@settings(max_examples=120, deadline=None)
@given(lines)
def test_any_line_logs_or_is_refused_and_a_refusal_writes_nothing(journal: Path, line: str) -> None:
    """Through the command, as typed: a follow-up line, a log line, or a one-line refusal."""
    before = counts(journal)
    result = CliRunner().invoke(
        cli, ["--db", str(journal), "log", "--", line], catch_exceptions=False
    )
    after = counts(journal)
    event("refused" if result.exit_code == 2 else "wrote")
    if result.exit_code == 2:
        assert result.stderr.startswith("netdash: ") and len(result.stderr.splitlines()) == 1
        assert after == before
        return
    assert result.exit_code == 0, result.output
    wrote = {table for table in TABLES if after[table] != before[table]}
    event(f"wrote {'a follow-up' if 'follow_ups' in wrote else 'an entry'}")
    assert ("interactions" in wrote) != ("follow_ups" in wrote), wrote  # one or the other
    if "interactions" in wrote:
        with connected(journal) as conn:
            kind, by, depth, day = conn.execute(
                "SELECT kind, initiated_by, depth, occurred_on FROM interactions"
                " ORDER BY id DESC LIMIT 1"
            ).fetchone()
        assert kind in KINDS and by in INITIATORS and depth in DEPTHS
        assert day <= TODAY.isoformat()


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
