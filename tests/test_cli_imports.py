"""The one-shot reads import only what they use: each cut here is checked so it cannot come back.

Each check runs a fresh interpreter and looks at ``sys.modules`` when it is done: the modules
named here cost milliseconds a command (`bench/cli_after_write.py` measures the whole), and a
top-level import added anywhere on the way would bring them back silently.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from netdash.store.db import open_db
from netdash.store.migrations import known_migration_names, migrations
from netdash.store.migrations_known import STEPS, applied_steps, is_current

MODULES_AFTER = """
import json, sys
{code}
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

RUN_CLI = """
from netdash.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="netdash")
except SystemExit:
    pass
"""


def modules_after(code: str, *args: str) -> set[str]:
    """Every module imported once ``code`` has run in a fresh interpreter (``sys.argv[1:]`` is
    ``args``)."""
    done = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER.format(code=code), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def is_migration_step(module: str) -> bool:
    return module in {"netdash.store.migrations", "netdash.store.migrations_later"} or (
        module.startswith("netdash.store.migration_")
    )


@pytest.fixture
def current(journal_path: Path) -> Path:
    """A journal at the current schema, with one person and one entry."""
    open_db(journal_path).close()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "netdash",
            "--db",
            str(journal_path),
            "log",
            "today: coffee with Ana",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return journal_path


def test_the_steps_written_out_are_the_steps_registered() -> None:
    assert list(STEPS) == known_migration_names()
    assert [m.name for m in migrations._migrations] == list(STEPS)


def test_a_current_journal_opens_without_importing_a_migration(current: Path) -> None:
    loaded = modules_after(
        "from netdash.store.db import open_db; open_db(sys.argv[1]).close()", str(current)
    )
    assert "netdash.store.db" in loaded
    assert not {module for module in loaded if is_migration_step(module)}


def test_a_journal_behind_is_still_upgraded(tmp_path: Path) -> None:
    """The steps are imported to run them: a journal made by the netdash before the last step
    (whichever it is) gets it, and only then is current."""
    from sqlite_utils import Database

    from netdash.store.migrations import migrations

    path = tmp_path / "behind.db"
    older = Database(path)
    migrations.apply(older, stop_before=STEPS[-1])
    assert applied_steps(older.conn)[-1] == STEPS[-2]
    assert not is_current(applied_steps(older.conn))
    older.close()
    upgraded = open_db(path)
    try:
        assert applied_steps(upgraded.conn) == list(STEPS)
    finally:
        upgraded.close()


def test_a_journal_with_a_step_unknown_here_is_refused_untouched(current: Path) -> None:
    from netdash.store.errors import SchemaTooNewError

    database = open_db(current)
    database.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('netdash', 'm999_from_the_future', '2030-01-01')"
    )
    database.conn.commit()
    database.close()
    before = current.read_bytes()
    with pytest.raises(SchemaTooNewError, match="m999_from_the_future"):
        open_db(current).close()
    assert current.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [("stats", "--json"), ("reach-out",), ("people", "show", "Ana")],
    ids=["stats", "reach-out", "people show"],
)
def test_a_one_shot_read_imports_no_write_module(current: Path, args: tuple[str, ...]) -> None:
    """No list of migration steps, no trash (nothing goes to it), no journal write module
    (the timeline is read by `store.journal_rows`), and never Textual. (A step's module may
    be there for a helper of its own: `people` reads addresses with m017's.)"""
    loaded = modules_after(RUN_CLI, "--db", str(current), *args)
    assert "netdash.store.depth_reads" in loaded  # it did run: it read the scores
    assert not loaded & {"netdash.store.migrations", "netdash.store.migrations_later"}
    assert not loaded & {"netdash.store.trash", "netdash.store.journal", "textual"}


def test_no_config_file_no_toml_parser(tmp_path: Path) -> None:
    loaded = modules_after(
        "from pathlib import Path; from netdash.config import load_config;"
        " assert load_config(Path(sys.argv[1])).trash_days == 30",
        str(tmp_path / "config.toml"),
    )
    assert "netdash.config" in loaded
    assert "tomllib" not in loaded and "netdash.store.trash" not in loaded


def test_the_configs_trash_default_is_the_stores() -> None:
    from netdash.domain.vocabulary import DEFAULT_TRASH_DAYS
    from netdash.store.trash import DEFAULT_KEEP_DAYS

    assert DEFAULT_TRASH_DAYS == DEFAULT_KEEP_DAYS == 30


def test_the_default_file_holds_the_defaults_and_is_read_without_the_parser(tmp_path: Path) -> None:
    """The file ensure_config writes is taken as the defaults unparsed: parsed (a comment added
    makes it another text), it gives the same config."""
    from netdash.config import DEFAULT_FILE, Config, ensure_config, load_config

    path = ensure_config(tmp_path / "config.toml")
    assert path.read_text(encoding="utf-8") == DEFAULT_FILE
    changed = tmp_path / "changed.toml"
    changed.write_text(DEFAULT_FILE + "# mine\n", encoding="utf-8")
    assert load_config(changed) == load_config(path) == Config()
    loaded = modules_after(
        "from pathlib import Path; from netdash.config import load_config, Config;"
        " assert load_config(Path(sys.argv[1])) == Config()",
        str(path),
    )
    assert "tomllib" not in loaded
    loaded = modules_after(
        "from pathlib import Path; from netdash.config import load_config;"
        " load_config(Path(sys.argv[1]))",
        str(changed),
    )
    assert "tomllib" in loaded


RECORDS = {"netdash.domain.models"}
"""The person's records (Person, Interaction, ContactPoint, PersonRow): seven frozen dataclasses,
about half a millisecond each to make; the vocabularies, the naming records and the follower
count live in modules of their own."""

PEOPLES_EDITS = {
    "netdash.store.people",
    "netdash.store.aliases",
    "netdash.store.person_details",
    "netdash.domain.log_words",
    "netdash.domain.known_names",
}
"""What :mod:`netdash.store.people` brings for its edits (the log line's words, aliases, contact
details), none of which a read that only names people uses."""


def test_stats_builds_no_person_record(current: Path) -> None:
    loaded = modules_after(RUN_CLI, "--db", str(current), "stats", "--json")
    assert "netdash.store.stats" in loaded  # it did run
    assert not loaded & (RECORDS | PEOPLES_EDITS)
    assert "netdash.domain.refs" not in loaded  # Handle is made by the account's writes only
    assert "netdash.store.journal_check" not in loaded  # `check`'s report, not a summary's


def test_reach_out_names_people_without_the_people_store(current: Path) -> None:
    loaded = modules_after(RUN_CLI, "--db", str(current), "reach-out")
    assert "netdash.store.person_names" in loaded  # it did name them
    assert not loaded & (RECORDS | PEOPLES_EDITS)


def test_the_old_names_still_import() -> None:
    """Every name moved out of :mod:`netdash.domain.models` and ``names_by_id`` out of
    :mod:`netdash.store.people` is still importable where it was, as the same object."""
    from netdash.domain import audience_row, models, refs, vocabulary
    from netdash.store import people, person_names

    assert models.AudienceRow is audience_row.AudienceRow
    assert (models.Handle, models.PersonRef) == (refs.Handle, refs.PersonRef)
    assert models.LAYERS == vocabulary.LAYERS == (5, 15, 50, 150)
    assert models.check_layer is vocabulary.check_layer
    assert models.KINDS["video"] == "video call"
    assert people.names_by_id is person_names.names_by_id


def test_the_grammars_compile_their_patterns_when_first_used(current: Path) -> None:
    """`stats` uses the cadence module's arithmetic and the audience store's reads, never their
    grammars: no pattern of theirs is compiled on its way; parsing one compiles it."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN_CLI.replace(
                "from netdash.cli import cli", "import sys\nfrom netdash.cli import cli"
            )
            + "\nfrom netdash.domain import cadence\nfrom netdash.store import audience\n"
            "lazy = [cadence._ONE, cadence._RANGE, cadence._LIMIT, cadence._NUMBER_WORD,"
            " audience._GITHUB_LOGIN, audience._LABEL, audience._MASTODON_USER,"
            " audience._DID_PLC]\n"
            "print([f.cache_info().currsize for f in lazy], file=sys.stderr)\n"
            "cadence.parse_cadence('every 4 weeks, at worst 6')\n"
            "print(cadence._LIMIT.cache_info().currsize, file=sys.stderr)\n",
            "--db",
            str(current),
            "stats",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.strip().splitlines()[-2:] == ["[0, 0, 0, 0, 0, 0, 0, 0]", "1"]


def test_people_show_compiles_none_of_the_quick_log_grammar(current: Path) -> None:
    """`people show` resolves a name through the aliases, which check names against the
    quick-log grammar's word tables, but reads no line: none of the grammar's eight patterns
    is compiled on its way (about 7M instructions); reading a line compiles them."""
    code = (
        RUN_CLI.replace("from netdash.cli import cli", "import sys\nfrom netdash.cli import cli")
        + "\nfrom netdash.domain import log_words, quicklog\n"
        "lazy = [log_words.HELPED_ME, log_words.THEY_STARTED, log_words.BOTH_STARTED]\n"
        "lazy += [pattern for _, pattern in log_words.DEPTH_WORDS]\n"
        "print(sum(f.cache_info().currsize for f in lazy), file=sys.stderr)\n"
        "from datetime import date\n"
        "quicklog.parse_quick_log('a deep talk with Ada, she called me', date(2026, 11, 26))\n"
        "print(sum(f.cache_info().currsize for f in lazy), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", str(current), "people", "show", "Ana"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.startswith("Ana (#"), done.stdout + done.stderr  # it did show her
    compiled = done.stderr.strip().splitlines()[-2:]
    assert compiled[0] == "0" and int(compiled[1]) > 0, done.stderr


def test_a_read_keeps_its_scores_without_a_fsync_and_a_write_keeps_full_sync(
    current: Path,
) -> None:
    """A command that only reads writes nothing but the day's scores: its commits skip the
    log's fsync (SQLite's NORMAL, 1, consistent in WAL mode); every other command's connection
    keeps SQLite's default, FULL (2)."""
    from netdash.cli.kit import Context

    with Context(current).db(writes=False) as database:
        assert database.execute("PRAGMA synchronous").fetchone()[0] == 1
    with Context(current).db() as database:
        assert database.execute("PRAGMA synchronous").fetchone()[0] == 2
