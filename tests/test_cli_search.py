"""`netdash search TEXT [--json] [--limit N]` (issue 16): grouped, marked, safe, never refused
for what the user typed."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from netdash.cli import cli
from netdash.domain.models import Handle
from netdash.store.community import add_contribution
from netdash.store.db import open_db
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person
from tests.conftest import TERMINAL_ACTIVE, Run, seed_hostile
from tests.test_cli import run_real
from tests.test_cli_lazy import cli_modules

TODAY = date(2026, 11, 26)


def seed(journal_path: Path) -> dict[str, int]:
    db = open_db(journal_path)
    try:
        ana = add_person(db, "Ana Souza", handles=[Handle("mastodon", "ana@example.social")])
        first = log_interaction(db, people=[ana], occurred_on=date(2026, 1, 5), today=TODAY,
                                kind="call", note="about the Lisbon trip")  # fmt: skip
        second = log_interaction(db, people=[ana], occurred_on=date(2026, 5, 1), today=TODAY,
                                 kind="call", note="Lisbon again")  # fmt: skip
        given = add_contribution(db, organisation="Lisbon Food Bank", occurred_on=TODAY,
                                 today=TODAY, minutes=120)  # fmt: skip
        outcome = add_outcome(db, title="Talk in Lisbon", occurred_on=date(2026, 3, 3),
                              today=TODAY)  # fmt: skip
    finally:
        db.close()
    return {
        "ana": ana,
        "first": first.interaction_id,
        "second": second.interaction_id,
        "given": given.contribution_id,
        "outcome": outcome,
    }


def test_hits_are_grouped_people_first_with_ids_and_dates(run: Run, journal_path: Path) -> None:
    ids = seed(journal_path)
    result = run("search", "lisbon")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Entries",
        f"  #{ids['second']}  2026-05-01  Ana Souza  Lisbon again",
        f"  #{ids['first']}  2026-01-05  Ana Souza  about the Lisbon trip",
        "Community work",
        f"  #{ids['given']}  2026-11-26  Lisbon Food Bank",
        "Outcomes",
        f"  #{ids['outcome']}  2026-03-03  Talk in Lisbon",
    ]
    result = run("search", "sou")
    assert result.output.splitlines() == ["People", f"  #{ids['ana']}  Ana Souza"]


def test_none_found_says_so_and_exits_0(run: Run, journal_path: Path) -> None:
    seed(journal_path)
    for text in ("nobody", '"', "*", "NEAR(", "AND"):
        result = run("search", text)
        assert (result.exit_code, result.output) == (0, f"no matches for {text!r}\n"), text


def test_json_gives_text_and_the_offsets_of_each_match(run: Run, journal_path: Path) -> None:
    ids = seed(journal_path)
    result = run("search", "lisbon", "--json", "--limit", "1")
    document = json.loads(result.output)
    assert document["query"] == "lisbon"
    assert document["more"] == ["entry"]
    assert [(r["kind"], r["id"], r["date"]) for r in document["results"]] == [
        ("entry", ids["second"], "2026-05-01"),
        ("contribution", ids["given"], "2026-11-26"),
        ("outcome", ids["outcome"], "2026-03-03"),
    ]
    entry = document["results"][0]
    assert (entry["title"], entry["title_marks"]) == ("Ana Souza", [])
    assert (entry["snippet"], entry["snippet_marks"]) == ("Lisbon again", [[0, 6]])
    outcome = document["results"][2]
    assert (outcome["title"], outcome["title_marks"]) == ("Talk in Lisbon", [[8, 14]])
    assert json.loads(run("search", "nobody", "--json").output)["results"] == []


def test_a_bad_limit_is_one_line_and_exit_2(run: Run, journal_path: Path) -> None:
    seed(journal_path)
    result = run("search", "ana", "--limit", "0")
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output


def test_matches_are_bold_on_a_terminal_and_user_text_never_acts(journal_path: Path) -> None:
    db = open_db(journal_path)
    try:
        seed_hostile(db)
    finally:
        db.close()
    runner = CliRunner()
    for text in ("mallory", "eve", "food", "contract", "line"):
        result = runner.invoke(cli, ["--db", str(journal_path), "search", text], color=True)
        assert result.exit_code == 0, result.output
        assert "\x1b[1m\x1b[4m" in result.output, text  # the match, bold and underlined
        ours = re.sub(r"\x1b\[(?:1|4|0)m", "", result.output).replace("\n", "")
        assert not set(ours) & TERMINAL_ACTIVE, (text, ours)


def test_search_imports_only_its_own_command_module(journal_path: Path) -> None:
    seed(journal_path)
    assert cli_modules(journal_path, "search", "ana") == [
        "netdash.cli.kit",
        "netdash.cli.lazy",
        "netdash.cli.search",
    ]


def test_search_never_imports_textual(journal_path: Path) -> None:
    seed(journal_path)
    result = run_real("search", "ana", env_extra={"NETDASH_DB": str(journal_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "sqlite_utils" in imported  # the probe works
    assert not any(name == "textual" or name.startswith("textual.") for name in imported)
