"""Nothing the user owns is destroyed: the journal, files they name, other programs' databases.

Every command that writes a file the user names refuses an existing one without --force, never
writes over the journal (or SQLite's files beside it), and writes through a temporary name; a
killed netdash's temporary files are removed by the next command.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from netdash.cli import cli
from netdash.leftovers import MARK, ledger_folder, temporary_name
from netdash.store.db import open_db
from netdash.store.people import add_person
from tests.conftest import connected


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.output


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "j" / "netdash.db"
    db = open_db(path)
    add_person(db, "Ada Lovelace")
    db.close()
    return path


def assert_journal_intact(path: Path) -> None:
    db = open_db(path)
    try:
        assert [row["name"] for row in db.table("people").rows] == ["Ada Lovelace"]
    finally:
        db.close()


@pytest.mark.parametrize(
    "command",
    [
        ["review", "-o", "{journal}"],
        ["review", "-o", "{journal}", "--force"],
        ["export", "-o", "{journal}", "--force"],
        ["export", "-o", "{journal}-wal", "--force"],
        ["backup", "{journal}", "--force"],
        ["backup", "{journal}-shm", "--force"],
        ["demo", "--rebuild", "--build-only", "--path", "{journal}"],
        ["demo", "--rebuild", "--build-only", "--force", "--path", "{journal}"],
    ],
)
def test_no_command_writes_over_the_journal(journal: Path, command: list[str]) -> None:
    args = [part.format(journal=journal) for part in command]
    code, output = run(journal, *args)
    assert code == 2, output
    assert "journal" in output and output.count("\n") == 1
    assert_journal_intact(journal)


def test_the_journal_named_another_way_is_still_the_journal(journal: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(journal)
    hard = tmp_path / "hard.db"
    os.link(journal, hard)
    for target in (link, hard, journal.parent / ".." / "j" / "netdash.db"):
        code, output = run(journal, "review", "-o", str(target), "--force")
        assert code == 2 and "a journal of yours" in output, output
    assert_journal_intact(journal)


@pytest.mark.parametrize(
    "command",
    [["review", "-o", "{out}"], ["export", "-o", "{out}"], ["backup", "{out}"]],
)
def test_an_existing_file_needs_force(journal: Path, tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "mine.txt"
    out.write_text("my own notes\n")
    code, output = run(journal, *[part.format(out=out) for part in command])
    assert code == 2 and "already exists" in output and "--force" in output, output
    assert out.read_text() == "my own notes\n"
    code, output = run(journal, *[part.format(out=out) for part in command], "--force")
    assert code == 0, output
    assert out.read_bytes() != b"my own notes\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [item for item in tmp_path.iterdir() if MARK in item.name]


def test_review_to_a_new_file_is_private(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    code, output = run(journal, "review", "-o", str(out))
    assert code == 0, output
    assert out.read_text().startswith("#") and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_demo_never_replaces_what_it_did_not_make(journal: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"  # a journal of the user's that is not the one in use
    db = open_db(other)
    add_person(db, "Grace Hopper")
    db.close()
    before = digest(other)
    for extra in ([], ["--force"]):
        code, output = run(
            journal, "demo", "--rebuild", "--build-only", "--path", str(other), *extra
        )
        assert (code == 2 and "not a demo" in output) or "never replaces" in output, output
    assert digest(other) == before

    notes = tmp_path / "notes.txt"
    notes.write_text("not a journal")
    code, output = run(journal, "demo", "--build-only", "--path", str(notes))
    assert code == 2 and "--force" in output
    assert notes.read_text() == "not a journal"
    code, output = run(journal, "demo", "--build-only", "--force", "--path", str(notes))
    assert code == 0, output

    demo = tmp_path / "demo.db"
    assert run(journal, "demo", "--build-only", "--path", str(demo))[0] == 0
    first = digest(demo)
    assert run(journal, "demo", "--rebuild", "--build-only", "--path", str(demo))[0] == 0
    assert (demo.exists() and digest(demo) != first) or digest(demo) == first
    assert_journal_intact(journal)


def test_another_programs_database_is_refused_untouched_from_the_shell(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (x)")  # a clashing table, too
    conn.commit()
    conn.close()
    path.chmod(0o644)
    before = digest(path)
    for command in (["stats"], ["people", "add", "Ada"], ["backup", str(tmp_path / "b.db")]):
        code, output = run(path, *command)
        assert code == 2 and "not a netdash journal" in output, output
        assert output.count("\n") == 1
    assert digest(path) == before and stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(item.name for item in tmp_path.iterdir()) == ["app.sqlite"]


def test_a_backup_that_fails_half_way_leaves_nothing_under_its_name(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netdash.store import db as db_module

    target = tmp_path / "copy.db"
    real_connect = sqlite3.connect

    class Interrupted(Exception):
        pass

    def connect_then_die(name: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection: sqlite3.Connection = real_connect(name, *args, **kwargs)
        if MARK in name:
            connection.execute("CREATE TABLE half (x)")
            connection.commit()
            raise Interrupted
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect_then_die)  # as the journal module sees it
    database = open_db(journal)
    with pytest.raises(Interrupted):
        db_module.backup(database, target)
    database.close()
    assert not target.exists()
    assert not [item for item in tmp_path.iterdir() if MARK in item.name]


def test_what_a_killed_netdash_left_is_removed_by_the_next_command(
    journal: Path, tmp_path: Path
) -> None:
    """Ledger entries nobody holds (their process is gone): their temporary files go, a user's
    file never; what a live netdash is writing stays, whichever process (or namespace) asks."""
    out = tmp_path / "exports"
    out.mkdir()
    leftover = out / f"{temporary_name(out / 'netdash.json')}abc123"
    leftover.write_text("half an export")
    (out / f"{leftover.name}-wal").write_text("x")
    folder_leftover = out / f"{temporary_name(out / 'tables')}def456"
    folder_leftover.mkdir()
    (folder_leftover / "people.csv").write_text("id,name\n")
    users_file = out / "keep-me.txt"
    users_file.write_text("mine")
    ledger = ledger_folder()
    ledger.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate((leftover, folder_leftover, users_file)):
        (ledger / f"99999999-{index}.path").write_text(str(path))
    in_progress = out / f"{temporary_name(out / 'live.json')}ghi789"
    in_progress.write_text("being written right now")
    writer = subprocess.Popen(  # a live netdash writing in_progress, holding its entry
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from netdash.leftovers import tracked\n"
            "with tracked(Path(sys.argv[1])):\n print('ready', flush=True); time.sleep(60)",
            str(in_progress),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        assert run(journal, "stats")[0] == 0
        assert sorted(item.name for item in out.iterdir()) == sorted(
            ["keep-me.txt", in_progress.name]
        )
        assert len(list(ledger.iterdir())) == 1
    finally:
        writer.kill()
        writer.wait()
    assert run(journal, "stats")[0] == 0  # killed: its file goes at the next command
    assert sorted(item.name for item in out.iterdir()) == ["keep-me.txt"]
    assert list(ledger.iterdir()) == []


def test_the_config_file_is_private_whatever_the_umask(tmp_path: Path, journal: Path) -> None:
    from netdash.paths import config_path

    old = os.umask(0)
    try:
        assert run(journal, "stats")[0] == 0  # reads the depth settings: writes the defaults
    finally:
        os.umask(old)
    path = config_path()
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_check_says_ok_for_a_sound_journal(journal: Path) -> None:
    before = digest(journal)
    code, output = run(journal, "check")
    assert code == 0 and ": ok (" in output, output
    assert digest(journal) == before


def damage(path: Path) -> None:
    """Overwrite the page that holds the people table, as a failing disk might: a page every
    read of the journal's data reaches (a page chosen by position may be an index that an
    export never reads, once migrations change the file's layout)."""
    db = open_db(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'").fetchone()[0]
    db.close()
    with path.open("r+b") as handle:
        handle.seek(page_size * (root - 1))
        handle.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def test_a_damaged_journal_is_found_reported_and_never_backed_up(
    journal: Path, tmp_path: Path
) -> None:
    damage(journal)
    code, output = run(journal, "check")
    assert code == 2 and "problems found" in output and "damage:" in output, output
    assert ".recover" in output
    target = tmp_path / "copy.db"
    code, output = run(journal, "backup", str(target))
    assert code == 2 and "damaged" in output and "netdash check" in output, output
    assert not target.exists()
    # a read that reaches the damaged page is one line and exit 2, never a traceback
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from netdash.cli import main; main()",
            "--db",
            str(journal),
            "export",
            "-o",
            str(tmp_path / "out.json"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stderr
    assert "damaged" in result.stderr and result.stderr.count("\n") == 1


def run_without_root_powers(journal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run netdash as an ordinary user would meet file modes: root may write anything, so as
    root the command runs without the capabilities that override file permissions."""
    env = {
        **os.environ,
        "HOME": str(journal.parent),
        "XDG_DATA_HOME": str(journal.parent),
        "XDG_CONFIG_HOME": str(journal.parent),
    }
    command = [
        sys.executable,
        "-c",
        "from netdash.cli import main; main()",
        "--db",
        str(journal),
        *args,
    ]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env)


def test_a_read_only_journal_and_folder_are_said_to_be_so(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    journal = folder / "netdash.db"
    db = open_db(journal)
    add_person(db, "Ada Lovelace")
    db.close()
    journal.chmod(0o444)  # may be read, not written
    folder.chmod(0o555)  # nor may anything be written beside it
    try:
        before = digest(journal)
        result = run_without_root_powers(journal, "people", "add", "Grace Hopper")
        assert result.returncode == 2, result.stderr
        assert "read-only" in result.stderr or "cannot open" in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
        assert digest(journal) == before
    finally:
        folder.chmod(0o700)
        journal.chmod(0o600)


def test_an_unreadable_journal_says_permission_denied(tmp_path: Path) -> None:
    folder = tmp_path / "private"
    folder.mkdir()
    journal = folder / "netdash.db"
    open_db(journal).close()
    journal.chmod(0o000)
    try:
        result = run_without_root_powers(journal, "stats")
        assert result.returncode == 2, result.stderr
        assert "Permission denied" in result.stderr and result.stderr.count("\n") == 1
    finally:
        journal.chmod(0o600)


class Refused(Exception):
    pass


def test_a_refused_first_command_never_removes_a_journal_another_netdash_opened(
    tmp_path: Path,
) -> None:
    """The command that made a journal removes it when it fails, unless another process has
    opened it meanwhile (it may be waiting to write into it: removing it would lose that)."""
    from netdash.cli.kit import Context

    path = tmp_path / "new" / "netdash.db"
    holder = None
    with pytest.raises(Refused), Context(path).db():
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]);"
                " c.execute('SELECT COUNT(*) FROM people').fetchall();"
                " print('open', flush=True); time.sleep(60)",
                str(path),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        raise Refused
    assert holder is not None
    holder.kill()
    holder.wait()
    assert path.exists()  # kept: someone else had it open

    other = tmp_path / "alone" / "netdash.db"
    with pytest.raises(Refused), Context(other).db():
        raise Refused
    assert not other.exists() and not other.parent.exists()  # nobody else: nothing left


def test_a_dry_run_on_a_missing_journal_makes_nothing(tmp_path: Path) -> None:
    from netdash.cli.kit import Context

    path = tmp_path / "new" / "netdash.db"
    with Context(path).db(keep_new=False) as db:
        add_person(db, "Only In Memory")
    assert not path.exists() and not path.parent.exists()


def test_the_default_journal_and_other_journals_are_never_replaced_by_an_export(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--db names one journal; the default (NETDASH_DB) is another of the user's: neither is
    written over, and no export or review replaces any netdash journal, --force or not."""
    default = tmp_path / "default" / "netdash.db"
    db = open_db(default)
    add_person(db, "Carol Default")
    db.close()
    monkeypatch.setenv("NETDASH_DB", str(default))
    before = digest(default)
    for command in (
        ["export", "-o", str(default), "--force"],
        ["review", "-o", str(default), "--force"],
        ["backup", str(default), "--force"],
    ):
        code, output = run(journal, *command)
        assert code == 2 and "a journal of yours" in output, output
    monkeypatch.delenv("NETDASH_DB")
    another = tmp_path / "another.db"
    open_db(another).close()
    for command in (
        ["export", "-o", str(another), "--force"],
        ["review", "-o", str(another), "--force"],
    ):
        code, output = run(journal, *command)
        assert code == 2 and "is a netdash journal" in output, output
    assert digest(default) == before
    code, output = run(journal, "backup", str(another), "--force")  # an older backup: replaced
    assert code == 0, output


def test_check_refuses_what_is_not_a_journal_and_changes_nothing(tmp_path: Path) -> None:
    foreign = tmp_path / "app.sqlite"
    with connected(foreign) as conn:
        conn.execute("CREATE TABLE mine (x)")
    code, output = run(foreign, "check")
    assert code == 2 and "not a netdash journal" in output and output.count("\n") == 1

    # a journal with a log a killed writer left: checking it folds nothing into the file
    journal = tmp_path / "j.db"
    open_db(journal).close()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            " c.execute('PRAGMA wal_autocheckpoint = 0');"
            " c.execute(\"INSERT INTO tags(name) VALUES ('left in the log')\"); c.commit();"
            " os._exit(0)",
            str(journal),
        ],
        check=True,
    )
    before = digest(journal)
    code, output = run(journal, "check")
    assert code == 0 and ": ok (" in output, output
    assert digest(journal) == before and Path(f"{journal}-wal").stat().st_size > 0


def test_check_quotes_the_commands_it_suggests(tmp_path: Path) -> None:
    journal = tmp_path / "a'$(touch PWNED)'.db"
    db = open_db(journal)
    add_person(db, "Ada Lovelace")
    db.close()
    damage(journal)
    code, output = run(journal, "check")
    assert code == 2
    suggested = next(line for line in output.splitlines() if line.strip().startswith("1."))
    command = suggested.split(": ", 1)[1]
    subprocess.run(["sh", "-c", command], cwd=tmp_path, check=True)
    assert not (tmp_path / "PWNED").exists()
    assert Path(f"{journal}.damaged").exists()


def test_a_journal_through_a_link_to_where_it_will_be(tmp_path: Path) -> None:
    (tmp_path / "synced").mkdir()
    link = tmp_path / "netdash.db"
    link.symlink_to(tmp_path / "synced" / "netdash.db")
    code, output = run(link, "people", "add", "Ada Lovelace")
    assert code == 0, output
    assert link.is_symlink() and (tmp_path / "synced" / "netdash.db").is_file()


def test_an_old_journal_waits_for_a_writer_before_it_is_upgraded(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import write_lock_held

    journal = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "journal-m001_initial.db", journal)
    command = [sys.executable, "-m", "netdash", "--db", str(journal), "people", "add", "Up To Date"]
    with write_lock_held(journal):  # held until the command says it waits, however slow its start
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        assert process.stderr is not None
        said = process.stderr.readline()  # blocks until the first line: the waiting notice
        assert "waiting for another write" in said, said
    rest = process.communicate(timeout=60)[1]
    assert process.returncode == 0, said + rest
    assert len(list(tmp_path.glob("old.before-*.db"))) == 1


def test_an_unmarked_demo_in_the_demo_folder_is_still_the_demo(journal: Path) -> None:
    """demo.db in the data folder is the demo's own place: one built before demos were marked
    opens and rebuilds as before, without --force."""
    from netdash.demo import is_demo_journal
    from netdash.paths import demo_db_path

    path = demo_db_path()
    db = open_db(path)
    add_person(db, "Older Demo Person")
    db.close()
    assert run(journal, "demo", "--build-only")[0] == 0
    assert not is_demo_journal(path)  # opened as it was
    code, output = run(journal, "demo", "--rebuild", "--build-only")
    assert code == 0, output
    assert is_demo_journal(path)


def test_dry_runs_on_a_missing_journal_make_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new" / "netdash.db"
    for command in (
        ["log", "yesterday: coffee with Grace Hopper", "--dry-run"],
        ["connections", "promote", "--all", "--dry-run"],
    ):
        code, output = run(path, *command)
        assert code in (0, 2), output
        assert not path.parent.exists(), command


def test_a_deleted_journals_log_is_never_replayed_into_a_new_one(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    (tmp_path / "n.db-wal").write_bytes(b"a log left by a journal that was deleted")
    code, output = run(path, "people", "add", "New Person")
    assert code == 2 and "n.db-wal" in output and output.count("\n") == 1, output
    assert not path.exists()


def test_backup_force_over_an_older_backup_is_exactly_the_journal(
    journal: Path, tmp_path: Path
) -> None:
    """The older backup's leftover log must not be replayed into the new copy."""
    old = tmp_path / "old.db"
    assert run(journal, "backup", str(old))[0] == 0
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            " c.execute('PRAGMA wal_autocheckpoint = 0');"
            " c.execute(\"INSERT INTO tags(name) VALUES ('only in the old log')\"); c.commit();"
            " os._exit(0)",
            str(old),
        ],
        check=True,
    )
    assert Path(f"{old}-wal").exists()
    assert run(journal, "backup", str(old), "--force")[0] == 0
    with connected(old) as copy:
        assert copy.execute("SELECT name FROM tags").fetchall() == []
