"""Export and restore: the whole journal out and back in, identical; every format owner-only."""

from __future__ import annotations

import csv
import json
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.cli import cli
from netdash.demo import build_demo
from netdash.export.dump import FORMAT, VERSION
from netdash.store.migrations import known_migration_names
from tests.conftest import MARKUP_NAME, TODAY, connected, table_rows

FIXTURES = Path(__file__).parent / "fixtures"
NOT_COMPARED = {
    "_sqlite_migrations", "journal_revision", "depth_cache", "depth_cache_key", "trash",
    "user_revision", "layer_history", "known_followers",
}  # fmt: skip
"""When each migration ran, a counter of writes, caches rebuilt on demand (scores, the layers'
months, the known-follower count with its counter), and undo's copies of rows (not exported: one
item may be far over the 1 MB a restored row may be)."""


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.output


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {name: rows for name, rows in table_rows(path).items() if name not in NOT_COMPARED}


@pytest.fixture(scope="module")
def rich_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo journal plus everything the demo lacks: contacts, vouches, imports,
    LinkedIn connections, goals, a dismissed duplicate and a name that looks like markup."""
    path = tmp_path_factory.mktemp("rich") / "journal.db"
    build_demo(path, scale="normal", seed=7, today=TODAY)
    steps = [
        ("import", str(FIXTURES / "contacts" / "contacts_v3.vcf")),
        ("import", "linkedin", str(FIXTURES / "linkedin"), "--account", "me"),
        ("connections", "promote", "Wei Zhang"),
        ("people", "add", MARKUP_NAME, "--notes", "line one\nline two [/]", "--email", "b@x.org"),
        ("vouch", "give", MARKUP_NAME, "Rust & *markdown*"),
        ("people", "different", "#1", "#2"),
        ("outcome", "A grant", "--credit", "Priya Raman:introduced", "--value", "1000 EUR"),
    ]
    for step in steps:
        code, output = run(path, *step)
        assert code == 0, (step, output)
    return path


def test_json_round_trip_gives_back_every_table(rich_journal: Path, tmp_path: Path) -> None:
    exported = tmp_path / "out.json"
    code, output = run(rich_journal, "export", "-o", str(exported))
    assert code == 0 and "Wrote" in output, output
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    document = json.loads(exported.read_text())
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    assert document["schema"] == known_migration_names()[-1]
    restored = tmp_path / "restored.db"
    code, output = run(restored, "restore", str(exported))
    assert code == 0 and "Restored" in output, output
    assert not list(tmp_path.glob(".restore-*"))  # the scratch journal beside it is gone
    before, after = tables(rich_journal), tables(restored)
    assert set(before) == set(after)
    assert table_rows(rich_journal)["trash"] and not table_rows(restored)["trash"]
    for name, rows in before.items():
        assert after[name] == rows, name
    assert all(before[name] for name in ("contact_points", "vouches", "connections", "imports"))
    again = tmp_path / "again.json"
    run(restored, "export", "-o", str(again))
    assert json.loads(again.read_text())["tables"] == document["tables"]


def test_the_layer_history_is_left_out_and_skipped_in_older_files(
    rich_journal: Path, tmp_path: Path
) -> None:
    """The months are rebuilt from the journal on the next read: an export written before they
    were left out restores without them (its months could be stale, and the history's triggers
    delete months as the rows they count are inserted)."""
    from netdash.domain.scoring import DepthSettings
    from netdash.store.db import open_db
    from netdash.store.history import layer_history

    journal = tmp_path / "journal.db"
    shutil.copyfile(rich_journal, journal)
    db = open_db(journal)
    try:
        assert layer_history(db, TODAY, DepthSettings())
    finally:
        db.close()
    assert table_rows(journal)["layer_history"]
    exported = tmp_path / "out.json"
    code, output = run(journal, "export", "-o", str(exported))
    assert code == 0, output
    document = json.loads(exported.read_text())
    assert "layer_history" not in document["tables"]
    counts = dict.fromkeys(("inner5", "inner15", "inner50", "inner150"), 9)
    stale = {"month_end": "2026-10-31", "settings": "stale", **counts}
    document["tables"]["layer_history"] = [stale]  # as netdash wrote exports before
    exported.write_text(json.dumps(document))
    restored = tmp_path / "restored.db"
    code, output = run(restored, "restore", str(exported))
    assert code == 0 and "Restored" in output, output
    assert not table_rows(restored)["layer_history"]
    assert tables(restored) == tables(journal)


def test_any_key_order_restores_and_a_cut_file_is_refused(
    rich_journal: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "out.json"
    run(rich_journal, "export", "-o", str(exported))
    document = json.loads(exported.read_text())
    reordered = tmp_path / "sorted.json"  # as jq -S would write it: "tables" before "version"
    reordered.write_text(json.dumps(document, sort_keys=True))
    code, output = run(tmp_path / "a.db", "restore", str(reordered))
    assert code == 0, output
    assert tables(tmp_path / "a.db") == tables(rich_journal)
    text = exported.read_text()
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) * 2 // 3])
    code, output = run(tmp_path / "b.db", "restore", str(cut))
    assert code == 2 and "cut short" in output and output.count("\n") == 1, output
    assert all(not rows for rows in tables(tmp_path / "b.db").values())


def test_restore_refuses_a_journal_with_data(rich_journal: Path, tmp_path: Path) -> None:
    exported = tmp_path / "out.json"
    run(rich_journal, "export", "-o", str(exported))
    target = tmp_path / "busy.db"
    run(target, "people", "add", "Someone")
    code, output = run(target, "restore", str(exported))
    assert code == 2 and "not empty" in output and output.count("\n") == 1
    assert tables(target)["people"][0][1] == "Someone" and len(tables(target)["people"]) == 1


def test_an_export_from_an_older_schema_is_upgraded_on_the_way_in(tmp_path: Path) -> None:
    old = json.loads(
        json.dumps(
            {
                "format": FORMAT,
                "version": 1,
                "schema": "m005_goals",
                "tables": {
                    "people": [
                        {
                            "id": 1,
                            "name": "Ada",
                            "notes": "",
                            "created_at": "2020-01-01T00:00:00Z",
                            "updated_at": "2020-01-01T00:00:00Z",
                            "interaction_count": 9,  # wrong on purpose: recounted
                        }
                    ],
                    "handles": [
                        {"id": 1, "person_id": 1, "platform": "email", "handle": "ada@x.org"},
                        {"id": 2, "person_id": 1, "platform": "github", "handle": "ada"},
                    ],
                },
            }
        )
    )
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    target = tmp_path / "new.db"
    code, output = run(target, "restore", str(path))
    assert code == 0, output
    after = tables(target)
    assert [row[1:3] for row in after["contact_points"]] == [(1, "email")]
    assert [row[2] for row in after["handles"]] == ["github"]
    assert after["people"][0][1] == "Ada"
    with connected(target) as conn:
        assert conn.execute("SELECT interaction_count FROM people").fetchone() == (0,)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "cut short"),
        ('{"format": "netdash-export" "version": 1}', "line 1: expected ',' or '}'"),
        ("[]", "not a netdash export"),
        ('{"format": "netdash-export", "version": 99}', "newer than this netdash"),
        ('{"format": "netdash-export", "version": 1, "schema": "m999_x"}', "newer netdash"),
        ('{"format": "netdash-export", "version": 1, "schema": "m001_initial"}', '"tables"'),
        (
            '{"format": "netdash-export", "version": 1, "schema": "m001_initial",'
            ' "tables": {"secrets": []}}',
            "table 'secrets'",
        ),
        (
            '{"format": "netdash-export", "version": 1, "schema": "m001_initial",'
            ' "tables": {"people": [{"id": 1, "nme": "x"}]}}',
            "tables.people[0]: column 'nme'",
        ),
        (
            '{"format": "netdash-export", "version": 1, "schema": "m001_initial",'
            ' "tables": {"people": [{"id": 1, "name": " ", "created_at": "x",'
            ' "updated_at": "x"}]}}',
            "tables.people[0]: CHECK constraint failed",
        ),
        (
            '{"format": "netdash-export", "version": 1, "schema": "m001_initial",'
            ' "tables": {"handles": [{"id": 1, "person_id": 7, "platform": "x",'
            ' "handle": "y"}]}}',
            "points at a missing people row",
        ),
    ],
)
def test_bad_exports_are_refused_whole(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    target = tmp_path / "j.db"
    code, output = run(target, "restore", str(path))
    assert code == 2 and message in output and output.count("\n") == 1, output
    assert output.startswith(f"netdash: {path}")
    assert all(not rows for rows in tables(target).values())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.dictionaries(
            st.sampled_from(["id", "name", "notes", "created_at", "updated_at", "closeness"]),
            st.one_of(st.none(), st.integers(-(2**70), 2**70), st.text(max_size=5), st.booleans()),
        ),
        max_size=3,
    )
)
def test_fuzzed_rows_restore_whole_or_not_at_all(tmp_path: Path, rows: list[object]) -> None:
    document = {"format": FORMAT, "version": 1, "schema": "m006_contacts"}
    restores_whole_or_not_at_all(
        tmp_path, json.dumps({**document, "tables": {"people": rows}}), len(rows)
    )


def restores_whole_or_not_at_all(tmp_path: Path, text: str, people_in_it: int) -> None:
    """Restore fuzzed text into a fresh journal: all of it lands, or one line and nothing."""
    path = tmp_path / "fuzz.json"
    path.write_text(text)
    target = tmp_path / "fuzz.db"
    for suffix in ("", "-wal", "-shm"):  # a journal deleted with its log: a fresh start
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    code, output = run(target, "restore", str(path))
    assert code in (0, 2), output
    if code == 2:
        assert output.startswith(f"netdash: {path}") and output.count("\n") == 1, output
        assert not target.exists()  # nothing written, not even an empty journal
    else:
        assert len(tables(target)["people"]) == people_in_it


def test_csv_markdown_and_vcard_exports(rich_journal: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    code, output = run(rich_journal, "export", "--format", "csv", "-o", str(folder))
    assert code == 0, output
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    with (folder / "people.csv").open(newline="") as handle:
        people = list(csv.DictReader(handle))
    assert len(people) == len(tables(rich_journal)["people"])
    assert stat.S_IMODE((folder / "people.csv").stat().st_mode) == 0o600
    assert "line one\nline two [/]" in {row["notes"] for row in people}

    markdown = tmp_path / "journal.md"
    code, output = run(rich_journal, "export", "--format", "markdown", "-o", str(markdown))
    assert code == 0, output
    text = markdown.read_text()
    assert text.startswith("# netdash journal\n")
    assert "### \\[b\\]Bob\\[/b\\] \\[/" in text  # the markup-looking name, literal
    for heading in ("## People", "## Journal", "## Community", "## Outcomes", "## Audience"):
        assert f"\n{heading}\n" in text
    assert "Birthday --04-15" in text and "E-mail: priya@example.net" in text

    cards = tmp_path / "people.vcf"
    code, output = run(rich_journal, "export", "--format", "vcard", "-o", str(cards))
    assert code == 0, output
    assert stat.S_IMODE(cards.stat().st_mode) == 0o600
    raw = cards.read_bytes()
    assert raw.count(b"BEGIN:VCARD\r\n") == len(people)
    # the cards come back as the same people, with their details
    fresh = tmp_path / "fresh.db"
    code, output = run(fresh, "import", "vcard", str(cards))
    # everyone, the demo's two people who share an e-mail address included: cards of one file
    # are never merged with each other
    assert code == 0 and f"added {len(people)} people, updated 0," in output, output
    code, shown = run(fresh, "people", "show", "Priya Raman")
    assert "birthday: --04-15" in shown and "email: priya@example.net" in shown
    assert "linkedin:linkedin.com/in/priya-raman-4b1a2c" in shown


def test_export_never_overwrites_without_force(rich_journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me")
    code, output = run(rich_journal, "export", "-o", str(target))
    assert code == 2 and "already exists" in output
    assert target.read_text() == "keep me"
    code, _ = run(rich_journal, "export", "-o", str(target), "--force")
    assert code == 0 and json.loads(target.read_text())["format"] == FORMAT
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir() if path.name != "home"] == [
        "out.json"
    ]  # no temporary file left


def test_export_to_standard_output(rich_journal: Path) -> None:
    code, output = run(rich_journal, "export", "--format", "markdown", "-o", "-")
    assert code == 0 and output.startswith("# netdash journal")


def test_the_readme_tools_open_a_backup(rich_journal: Path, tmp_path: Path) -> None:
    """The README's sqlite-utils commands work on a backup as written."""
    import subprocess
    import sys

    copy = tmp_path / "journal.db"
    code, output = run(rich_journal, "backup", str(copy))
    assert code == 0, output
    tool = Path(sys.executable).parent / "sqlite-utils"
    counts = subprocess.run(
        [str(tool), "tables", str(copy), "--counts"], capture_output=True, text=True, check=True
    )
    people = len(tables(rich_journal)["people"])
    assert {"table": "people", "count": people} in json.loads(counts.stdout)
    recent = subprocess.run(
        [str(tool), "query", str(copy), "select name, last_contact_on from people order by 2 desc"
         " limit 10"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert len(json.loads(recent.stdout)) == 10


SMALL_EXPORT = json.dumps(
    {
        "format": FORMAT,
        "version": 1,
        "schema": "m006_contacts",
        "tables": {
            "people": [
                {"id": 1, "name": "Ada", "created_at": "x", "updated_at": "x"},
                {"id": 2, "name": "Bo", "created_at": "x", "updated_at": "x", "introduced_by": 1},
            ],
            "handles": [{"id": 1, "person_id": 2, "platform": "github", "handle": "bo"}],
        },
    },
    indent=1,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(0, len(SMALL_EXPORT)),
    insert=st.text(max_size=3),
    at=st.integers(0, len(SMALL_EXPORT)),
)
def test_fuzzed_export_files_restore_whole_or_not_at_all(
    tmp_path: Path, cut: int, insert: str, at: int
) -> None:
    text = SMALL_EXPORT[:at] + insert + SMALL_EXPORT[at:cut] if cut > at else SMALL_EXPORT[:cut]
    restores_whole_or_not_at_all(tmp_path, text, 2)


def test_export_paths_that_cannot_work_are_refused_in_one_line(
    rich_journal: Path, tmp_path: Path
) -> None:
    keep = tmp_path / "documents"
    keep.mkdir()
    (keep / "thesis.txt").write_text("years of work")
    code, output = run(rich_journal, "export", "--format", "csv", "-o", str(keep), "--force")
    assert code == 2 and "not an export's CSV file" in output and output.count("\n") == 1
    assert (keep / "thesis.txt").read_text() == "years of work"
    a_file = tmp_path / "afile"
    a_file.write_text("x")
    for args in (
        ("-o", str(a_file / "out.json")),
        ("--format", "csv", "-o", str(a_file), "--force"),
        ("--format", "csv", "-o", "-"),
    ):
        code, output = run(rich_journal, "export", *args)
        assert code == 2 and output.startswith("netdash: ") and output.count("\n") == 1, output
    deep = tmp_path / "new" / "deep" / "journal.md"
    code, output = run(rich_journal, "export", "--format", "markdown", "-o", str(deep))
    assert code == 0, output
    for folder in (tmp_path / "new", tmp_path / "new" / "deep"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    again = tmp_path / "tables"
    assert run(rich_journal, "export", "--format", "csv", "-o", str(again))[0] == 0
    code, output = run(rich_journal, "export", "--format", "csv", "-o", str(again), "--force")
    assert code == 0, output  # an earlier export's folder is replaced


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('{"id": 1, "name": "A", "created_at": "x", "updated_at": "x", "birthday": "soon"}',
         "birthday 'soon' is not a date"),
        ('{"id": 1, "name": "A", "created_at": "x", "updated_at": "x", "met_on": "2024-02-30"}',
         "met_on '2024-02-30' is not a date"),
        ('{"id": 1, "name": "A", "created_at": "x", "updated_at": "x", "closeness": NaN}',
         "is not a number netdash keeps"),
        ('{"id": 1, "name": "A", "created_at": "x", "updated_at": "x", "closeness": 1e400}',
         "is not a number netdash keeps"),
    ],
)  # fmt: skip
def test_restore_refuses_values_the_screens_could_not_show(
    tmp_path: Path, row: str, message: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(
        '{"format": "netdash-export", "version": 1, "schema": "m006_contacts",'
        f' "tables": {{"people": [{row}]}}}}'
    )
    target = tmp_path / "new.db"
    code, output = run(target, "restore", str(path))
    assert code == 2 and message in output and output.count("\n") == 1, output
    assert not target.exists()  # a journal this command created is not left behind


def test_usage_mistakes_are_one_line_too(tmp_path: Path) -> None:
    for args in (("outcome", "--person", "x", "y"), ("people", "merge"), ("nosuch",)):
        code, output = run(tmp_path / "j.db", *args)
        assert code == 2 and output.count("\n") == 1 and "--help" in output, output
    contacts = str(FIXTURES / "contacts" / "contacts_v3.vcf")
    code, output = run(tmp_path / "j.db", "import", "vcard", contacts, "--dry-run")
    assert code == 0 and not (tmp_path / "j.db").exists()  # a dry run leaves no journal behind


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "netdash-export", "version": 1, "schema": "m006_contacts", "tables":'
         ' {"people": [{"id": 1, "name": "A\\ud800B", "created_at": "x", "updated_at": "x"}]}}',
         "broken character"),
        ('{"format": "netdash-export", "version": 1, "schema": "m006_contacts", "x": '
         + "[" * 100_000 + "]" * 100_000 + ', "tables": {}}', "nested too deeply"),
        ('{"format": "netdash-export", "version": 1, "schema": "m006_contacts", "tables":'
         ' {"people": [{"id": ' + "9" * 5000 + "}]}}", "cannot be read"),
    ],
)  # fmt: skip
def test_hostile_exports_are_refused_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text)
    target = tmp_path / "j.db"
    code, output = run(target, "restore", str(path))
    assert code == 2 and message in output and output.count("\n") == 1, output[:300]
    assert not target.exists()


def test_special_and_linked_outputs(rich_journal: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = tmp_path / "received.md"
    with received.open("wb") as sink:  # a file, not a pipe back to us: that would fill and stall
        reader = subprocess.Popen(["cat", str(pipe)], stdout=sink)
        code, output = run(rich_journal, "export", "--format", "markdown", "-o", str(pipe))
        reader.wait(timeout=30)
    text = received.read_text()
    assert code == 0 and text.startswith("# netdash journal") and pipe.is_fifo(), output
    real = tmp_path / "real"
    run(rich_journal, "export", "--format", "csv", "-o", str(real))
    link = tmp_path / "link"
    link.symlink_to(real)
    code, output = run(rich_journal, "export", "--format", "csv", "-o", str(link), "--force")
    assert code == 0 and link.is_symlink() and (real / "people.csv").exists(), output
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "netdash", "--db", str(rich_journal), "export", "-o", "-"],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "standard output: cannot be written" in result.stderr


def test_a_new_journal_gets_private_folders_and_a_failed_one_leaves_none(
    tmp_path: Path,
) -> None:
    good = tmp_path / "nd" / "sub" / "x.db"
    assert run(good, "people", "add", "Ada")[0] == 0
    for folder in (tmp_path / "nd", tmp_path / "nd" / "sub"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    bad = tmp_path / "nd2" / "sub" / "x.db"
    code, _ = run(bad, "people", "add", "Ada", "--birthday", "soon")
    assert code == 2 and not (tmp_path / "nd2").exists()


def test_groups_without_a_command_show_their_help_and_odd_ids_are_refused(
    tmp_path: Path,
) -> None:
    code, output = run(tmp_path / "j.db", "connections")
    assert code == 0 and output.startswith("Usage: ") and "promote" in output
    for reference in ("#99999999999999999999", "#\u00b2"):
        code, output = run(tmp_path / "j.db", "people", "merge", reference, "#1", "--yes")
        assert code == 2 and output.count("\n") == 1 and "no person with id" in output, output


def test_a_failed_first_command_removes_only_what_it_made(tmp_path: Path) -> None:
    import os

    keep = tmp_path / "keepme"
    keep.mkdir()
    roundabout = tmp_path / "new" / ".." / "keepme" / "x.db"
    code, _ = run(roundabout, "people", "add", "Ada", "--birthday", "soon")
    assert code == 2 and keep.is_dir() and not (keep / "x.db").exists()
    synced = tmp_path / "synced"
    synced.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(synced / "netdash.db")
    code, _ = run(link, "people", "add", "Ada", "--birthday", "soon")
    assert code == 2 and link.is_symlink() and not (synced / "netdash.db").exists()
    assert os.readlink(link) == str(synced / "netdash.db")


def test_export_through_a_link_to_standard_output_and_never_onto_the_journal(
    rich_journal: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    out.symlink_to("/proc/self/fd/1")
    result = subprocess.run(
        [sys.executable, "-m", "netdash", "--db", str(rich_journal), "export",
         "--format", "markdown", "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# netdash journal")
    code, output = run(rich_journal, "export", "-o", str(rich_journal), "--force")
    assert code == 2 and "a journal of yours" in output
    assert run(rich_journal, "stats")[0] == 0  # still a journal


def test_export_into_a_pipe_closed_early_and_folders_named_roundabout(
    rich_journal: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "netdash", "--db", str(rich_journal), "export"]
    shell = f"{' '.join(command)} -o /dev/stdout | head -c 100 > /dev/null; echo $?"
    piped = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, check=False
    )
    assert piped.stdout.strip() == "0" and "Error" not in piped.stderr, piped.stderr
    whole = subprocess.run(
        [*command, "-o", "/dev/stdout"], capture_output=True, text=True, check=False
    )
    assert json.loads(whole.stdout)["format"] == FORMAT  # the summary went to stderr
    assert "Wrote" in whole.stderr
    roundabout = tmp_path / "a" / "b" / ".." / ".." / "x.db"
    code, _ = run(roundabout, "people", "add", "Ada", "--birthday", "soon")
    assert code == 2 and sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == []


def test_journal_paths_through_dot_dot_work_and_clean_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(Path("new/../x.db"), "people", "add", "Ada")[0] == 0
    assert (tmp_path / "x.db").exists()
    code, _ = run(Path("other/../y.db"), "people", "add", "Bo", "--birthday", "soon")
    # the path is resolved before anything is made: "new/" and "other/" are never created
    assert (
        code == 2
        and sorted(p.name for p in tmp_path.iterdir() if p.is_dir() and p.name != "home") == []
    )


def test_an_export_at_todays_schema_is_written_once_with_no_scratch_journal(
    rich_journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only an older export needs the scratch journal (to upgrade it): today's rows go straight
    into the journal, in one transaction, and restore the same tables as the export holds."""
    import netdash.export.dump as dump
    from netdash.store.db import open_db

    exported = tmp_path / "out.json"
    code, output = run(rich_journal, "export", "-o", str(exported))
    assert code == 0, output

    def no_scratch(path: Path) -> None:
        raise AssertionError(f"a scratch journal at {path}")

    monkeypatch.setattr(dump, "create_scratch", no_scratch)
    restored = tmp_path / "restored.db"
    db = open_db(restored)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    counts = dump.restore(db, exported)
    db.conn.set_trace_callback(None)
    db.close()
    assert not any(s.upper().startswith("ATTACH") for s in statements)
    assert sum(s.upper().startswith("COMMIT") for s in statements) == 1
    from netdash.store.dump import REBUILT

    before, after = tables(rich_journal), tables(restored)
    for name in REBUILT & set(before):  # marks and caches the journal makes for itself
        del before[name], after[name]
    assert before == after
    assert counts == {
        name: len(rows) for name, rows in json.loads(exported.read_text())["tables"].items()
    }


def test_a_refused_row_at_todays_schema_leaves_the_journal_empty(
    rich_journal: Path, tmp_path: Path
) -> None:
    from netdash.store.db import open_db
    from netdash.store.dump import is_empty

    exported = tmp_path / "out.json"
    code, output = run(rich_journal, "export", "-o", str(exported))
    assert code == 0, output
    document = json.loads(exported.read_text())
    document["tables"]["interactions"][-1]["occurred_on"] = "not a day"
    exported.write_text(json.dumps(document))
    target = tmp_path / "target.db"
    code, output = run(target, "restore", str(exported))
    assert code != 0 and "is not a date" in output, output
    db = open_db(target)
    assert is_empty(db)
    db.close()


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.text(max_size=8).map(lambda text: text + "\0"),
    st.sampled_from(["\ud800", "x" * 300, "é" * 300]),
    st.lists(st.integers(), max_size=1),
)


@given(
    st.sampled_from(["people", "tags", "interactions"]),
    st.dictionaries(st.sampled_from(["id", "name", "note", "weight", "nope"]), VALUES),
)
def test_the_quick_row_check_refuses_exactly_what_the_full_checks_refuse(
    table: str, row: dict[str, object]
) -> None:
    from netdash.domain.errors import InvalidInput
    from netdash.export.dump import _check_row, _check_values

    columns = {"id": "INTEGER", "name": "TEXT", "note": "TEXT", "weight": "REAL"}

    def outcome(check: object) -> str:
        try:
            check("f", table, 3, row, columns)  # type: ignore[operator]
        except InvalidInput as error:
            return str(error)
        return "ok"

    assert outcome(_check_row) == outcome(_check_values)
