"""Issue 15, platform exports: files known by content under any name, the older LinkedIn and
Mastodon layouts, the date an import is dated by, and the account on first use.

Expectations are counted by hand from the fixtures (LinkedIn: synthetic names, no licensed real
export exists) and from Mastodon's own test fixtures in tests/data/real/mastodon/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from netdash.cli import cli
from netdash.importers.registry import read_export
from netdash.importers.source import BadExport
from tests.conftest import connected
from tests.importers.conftest import FIXTURES, tar_folder, zip_folder

REAL = Path(__file__).resolve().parent.parent / "data" / "real" / "mastodon"


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.output


def renamed(source: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(source, target)
    return target


@pytest.mark.parametrize(
    ("fixture", "name", "platform"),
    [
        (FIXTURES / "linkedin" / "Connections.csv", "Connections (2).csv", "linkedin"),
        (FIXTURES / "linkedin_2018" / "Connections.csv", "export.csv", "linkedin"),
        (
            FIXTURES / "mastodon" / "following_accounts.csv",
            "following_accounts (1).csv",
            "mastodon",
        ),
        (REAL / "mastodon__imports.txt", "follows.txt", "mastodon"),
    ],
)
def test_a_renamed_file_is_known_by_its_content(
    tmp_path: Path, fixture: Path, name: str, platform: str
) -> None:
    path = renamed(fixture, tmp_path, name)
    assert read_export(path).platform == platform  # detected
    assert read_export(path, platform).platform == platform  # named


def test_a_named_source_that_does_not_fit_says_what_it_looked_for(tmp_path: Path) -> None:
    path = renamed(FIXTURES / "mastodon" / "following_accounts.csv", tmp_path, "x (1).csv")
    with pytest.raises(BadExport, match=r"does not look like a linkedin export \(looked for Link"):
        read_export(path, "linkedin")
    other = tmp_path / "notes.csv"
    other.write_text("Who,What\nx,y\n")
    with pytest.raises(BadExport, match=r"not an export netdash knows.*First Name,Last Name"):
        read_export(other)


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (
            "linkedin_2018",
            {"Amara Okafor": "2017-03-12", "Lars Berg": "2018-01-30", "Noor Haddad": "2016-02-05"},
        ),
        ("linkedin_2022", {"Mei Tanaka": "2022-08-17", "Owen Price": "2021-06-02"}),
    ],
)
def test_linkedin_without_the_url_column(folder: str, expected: dict[str, str]) -> None:
    snapshot = read_export(FIXTURES / folder / "Connections.csv")
    assert snapshot.followers == len(expected)
    assert {c.name: c.connected_on for c in snapshot.candidates} == expected
    assert all(c.url is None for c in snapshot.candidates)
    assert any("without profile URLs" in note for note in snapshot.notes)
    newest = max(expected.values())
    assert snapshot.observed_at == f"{newest}T23:59:59Z"
    assert snapshot.dated_by == "the newest connection"
    if folder == "linkedin_2018":
        lars = next(c for c in snapshot.candidates if c.name == "Lars Berg")
        assert (lars.company, lars.email) == ("Initech, AB", None)


def test_linkedin_blank_rows_are_counted_and_said() -> None:
    snapshot = read_export(FIXTURES / "linkedin_hidden" / "Connections.csv")
    assert snapshot.followers == 2  # Isla and Ravi
    # the header is line 4; the rows naming nobody are lines 6, 8 and 9
    note = next(note for note in snapshot.notes if "naming nobody" in note)
    assert ": 3 skipped (" in note and note.endswith("lines 6, 8, 9)")


def test_linkedin_zip_gives_its_date_and_the_account_from_profile(tmp_path: Path) -> None:
    archive = zip_folder(
        FIXTURES / "linkedin_hidden", tmp_path / "Basic_LinkedInDataExport_03-05-2024 (1).zip"
    )
    snapshot = read_export(archive)
    assert (snapshot.observed_at, snapshot.dated_by) == ("2024-03-05T00:00:00Z", "the zip's name")
    assert snapshot.account == "ada-example"  # Profile.csv: no LinkedIn address in it


def test_linkedin_without_any_date_falls_back_to_the_file_time(tmp_path: Path) -> None:
    path = tmp_path / "Connections (3).csv"
    path.write_text("First Name,Last Name,URL\nAda,Example,https://www.linkedin.com/in/ada-ex\n")
    os.utime(path, (1_700_000_000, 1_700_000_000))  # 2023-11-14T22:13:20Z
    snapshot = read_export(path)
    assert snapshot.observed_at == "2023-11-14T22:13:20Z"
    assert snapshot.dated_by.startswith("the file's time")


@pytest.mark.parametrize(
    ("name", "following"),
    [
        ("mastodon__following_accounts.csv", 2),  # header, blank lines between rows
        ("mastodon__imports.txt", 2),  # before 2019: no header, one address a line
        ("mastodon__new-following-imports.txt", 2),  # "bob": an account on the user's server
    ],
)
def test_mastodon_own_fixtures(name: str, following: int) -> None:
    snapshot = read_export(REAL / name, "mastodon")
    assert snapshot.following == following


def test_mastodon_refuses_other_lists_and_junk(tmp_path: Path) -> None:
    muted = tmp_path / "muted_accounts.csv"
    muted.write_text("Account address,Hide notifications\nx@y.example,true\n")
    with pytest.raises(BadExport, match="does not look like a mastodon export"):
        read_export(muted, "mastodon")
    (tmp_path / "folder").mkdir()
    misnamed = muted.rename(tmp_path / "folder" / "following_accounts.csv")
    with pytest.raises(BadExport, match="line 1: a list of accounts with 'Hide notifications'"):
        read_export(misnamed)
    junk = tmp_path / "following_accounts.csv"
    junk.write_text("alice@a.example\nnot an address\n")
    with pytest.raises(BadExport, match="line 2: 'not an address' is not an account address"):
        read_export(junk)


def test_mastodon_archive_dated_by_its_name(tmp_path: Path) -> None:
    name = "archive-20240301120501-0123456789abcdef0123456789abcdef.tar.gz"
    snapshot = read_export(tar_folder(FIXTURES / "mastodon" / "archive", tmp_path / name))
    assert (snapshot.observed_at, snapshot.dated_by) == (
        "2024-03-01T12:05:01Z",
        "the archive's name",
    )
    assert snapshot.account == "ada@mastodon.example"


def test_first_use_needs_no_account_and_the_account_can_be_renamed(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    first = renamed(FIXTURES / "linkedin" / "Connections.csv", tmp_path, "Connections (2).csv")
    code, output = run(db, "import", str(first))
    assert code == 0, output
    assert "Imported Connections (2).csv for linkedin (me) as of 2025-02-14" in output
    assert "(the newest connection)" in output
    assert "made one called 'me'" in output
    assert "netdash accounts rename me YOUR-HANDLE --platform linkedin" in output
    code, output = run(
        db, "accounts", "rename", "me", "linkedin.com/in/ada", "--platform", "linkedin"
    )
    assert code == 0, output
    code, output = run(db, "import", str(FIXTURES / "linkedin_2018" / "Connections.csv"))
    assert code == 0 and "for linkedin (linkedin.com/in/ada)" in output, output
    assert "made one" not in output
    with connected(db) as conn:
        assert conn.execute("SELECT platform, handle FROM accounts").fetchall() == [
            ("linkedin", "linkedin.com/in/ada")
        ]
        assert conn.execute("SELECT COUNT(*) FROM connections").fetchone() == (7,)
    code, output = run(db, "accounts", "edit", "linkedin.com/in/ada", "ada2")  # older spelling
    assert code == 0 and "Renamed linkedin.com/in/ada to ada2" in output
    assert "edit" not in run(db, "accounts", "--help")[1].split("Commands:")[1]


def test_first_use_of_a_mastodon_follows_file(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    path = renamed(REAL / "mastodon__imports.txt", tmp_path, "following_accounts (1).csv")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    code, output = run(db, "import", "mastodon", str(path))
    assert code == 0, output
    assert "for mastodon (me) as of 2023-11-14 (the file's time: the export has no date)" in output
    assert "2 following" in output
