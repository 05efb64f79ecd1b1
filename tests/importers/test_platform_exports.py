"""Twitter, Facebook and Instagram exports as people really have them (issue 15): renamed by
the browser, from before the manifest, with the account and date taken from the export itself,
and nothing dropped without a word. Expected values are read off the fixtures by hand."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from netdash.cli import cli
from netdash.importers.meta import repair
from netdash.importers.registry import read_export
from netdash.importers.source import BadExport
from tests.importers.conftest import FIXTURES, zip_folder

REAL_TWITTER = Path(__file__).resolve().parent.parent / "data" / "real" / "twitter"


def test_real_archive_from_before_the_manifest(tmp_path: Path) -> None:
    """dogsheep/twitter-to-sqlite's fixture: two followers, two followed, account simonw."""
    folder = REAL_TWITTER / "zip_contents"
    for path, dated_by in (
        (folder, "the file's time"),
        (zip_folder(folder, tmp_path / "my old archive.zip"), "the file's time"),
        (zip_folder(folder, tmp_path / "twitter-2020-01-02-a1b2c3.zip"), "the zip's name"),
    ):
        snapshot = read_export(path)
        assert snapshot.platform == "twitter"
        assert snapshot.account == "simonw"
        assert snapshot.following == 2
        assert snapshot.follower_list is not None
        assert {f.remote_id for f in snapshot.follower_list} == {"73747798", "386025404"}
        assert snapshot.followers == 2
        assert snapshot.dated_by == dated_by
    assert snapshot.observed_at == "2020-01-02T00:00:00Z"


def test_renamed_twitter_follower_file_and_archive(tmp_path: Path) -> None:
    renamed = tmp_path / "follower (1).js"
    shutil.copy(REAL_TWITTER / "zip_contents" / "follower.js", renamed)
    for source in (None, "twitter"):
        snapshot = read_export(renamed, source)
        assert snapshot.followers == 2 and snapshot.account is None
    archive = zip_folder(FIXTURES / "twitter", tmp_path / "backup.zip")
    snapshot = read_export(archive)
    assert (snapshot.followers, snapshot.account) == (4, "ada_example")
    assert (snapshot.observed_at, snapshot.dated_by) == ("2025-03-02T17:41:09Z", "the manifest")


def test_repair_before_strip_keeps_a_final_a_grave() -> None:
    # "à" is C3 A0 in UTF-8, and U+00A0 is a space to str.strip
    assert repair("Nicol\u00c3\u00a0") == "Nicolà"
    assert repair("Mads Br\u00c3\u00b8ndum") == "Mads Brøndum"
    assert repair("Zoë") == "Zoë"  # already proper text stays


def test_facebook_friends_sharing_a_name_stay_distinct() -> None:
    snapshot = read_export(FIXTURES / "facebook_same_names")
    assert snapshot.follower_list is not None
    ids = {f.remote_id: f.handle for f in snapshot.follower_list}
    # three "Ana Lima" (one lower case), ranked by when they became friends: 2010, 2020, 2021
    assert ids == {
        "name:ana lima": "ana lima",
        "name:ana lima#2": "Ana Lima",
        "name:ana lima#3": "Ana Lima",
        "name:nicolà": "Nicolà",
        "name:jen o'neil": "Jen O'Neil",
    }
    assert snapshot.followers == 5  # six entries, one without a name
    notes = " | ".join(snapshot.notes)
    assert "3 people share a name" in notes
    assert "friends without a name (deleted accounts?): 1 skipped (" in notes
    assert "your_friends.json line 15)" in notes


def test_facebook_account_and_date_from_the_export(tmp_path: Path) -> None:
    folder = FIXTURES / "facebook_same_names"
    snapshot = read_export(folder)
    assert snapshot.account == "ada.example"  # profile_information.json's username
    # the newest friendship: 1634498460 = 2021-10-17T19:21:00Z
    assert (snapshot.observed_at, snapshot.dated_by) == ("2021-10-17T19:21:00Z", "the newest entry")
    named = zip_folder(folder, tmp_path / "facebook-ada.example-2026-10-01-Ab3d.zip")
    snapshot = read_export(named)
    assert (snapshot.observed_at, snapshot.dated_by) == ("2026-10-01T00:00:00Z", "the zip's name")


@pytest.mark.parametrize("source", [None, "facebook"])
def test_renamed_facebook_files(tmp_path: Path, source: str | None) -> None:
    friends = tmp_path / "your_friends (1).json"
    shutil.copy(FIXTURES / "facebook/connections/friends/your_friends.json", friends)
    snapshot = read_export(friends, source)
    assert snapshot.followers == 4 and snapshot.platform == "facebook"
    followers = tmp_path / "people_who_followed_you (2).json"
    shutil.copy(FIXTURES / "facebook/connections/followers/people_who_followed_you.json", followers)
    snapshot = read_export(followers, source)
    assert snapshot.follower_list is not None
    assert {f.handle for f in snapshot.follower_list} == {"Lena Fotografia", "René Dubois"}


@pytest.mark.parametrize("name", ["followers_1 (2).json", "instagram followers.json"])
def test_renamed_instagram_followers(tmp_path: Path, name: str) -> None:
    renamed = tmp_path / name
    shutil.copy(
        FIXTURES / "instagram/connections/followers_and_following/followers_1.json", renamed
    )
    for source in (None, "instagram"):
        snapshot = read_export(renamed, source)
        assert snapshot.platform == "instagram" and snapshot.followers == 4
        # the newest follower: 1718550000 = 2024-06-16T15:00:00Z
        assert snapshot.observed_at == "2024-06-16T15:00:00Z"
        assert snapshot.dated_by == "the newest entry"


def test_instagram_account_date_and_skipped_entries(tmp_path: Path) -> None:
    folder = FIXTURES / "instagram_profile"
    snapshot = read_export(folder)
    assert snapshot.account == "ada.example"  # personal_information.json, lower-cased
    assert snapshot.followers == 4  # five entries, one naming nobody
    assert any(
        note.startswith("followers without a username (deleted accounts?): 1 skipped (")
        and note.endswith("followers_1.json line 13)")
        for note in snapshot.notes
    ), snapshot.notes
    # the entry naming nobody does not date the export: 1718550000 = 2024-06-16T15:00:00Z
    assert snapshot.observed_at == "2024-06-16T15:00:00Z"
    named = zip_folder(FIXTURES / "instagram", tmp_path / "instagram-bo_b-2026-11-01-x1y2 (1).zip")
    snapshot = read_export(named)
    assert snapshot.account == "bo_b"
    assert (snapshot.observed_at, snapshot.dated_by) == ("2026-11-01T00:00:00Z", "the zip's name")


def test_first_import_needs_no_account(tmp_path: Path, fixture_copy: Callable[[str], Path]) -> None:
    db = tmp_path / "j.db"
    runner = CliRunner()
    archive = zip_folder(REAL_TWITTER / "zip_contents", tmp_path / "archive.zip")
    result = runner.invoke(cli, ["--db", str(db), "import", str(archive)])
    assert result.exit_code == 0, result.output
    assert "twitter (simonw)" in result.output
    result = runner.invoke(cli, ["--db", str(db), "import", str(FIXTURES / "facebook_same_names")])
    assert result.exit_code == 0, result.output
    assert "facebook (ada.example)" in result.output and "5 followers" in result.output


def test_manifest_without_a_username_takes_it_from_account_js(
    fixture_copy: Callable[[str], Path],
) -> None:
    folder = fixture_copy("twitter")
    manifest = folder / "data" / "manifest.js"
    manifest.write_text(manifest.read_text().replace('"userName" : "ada_example",', ""))
    assert read_export(folder).account == "ada_example"  # account.js's username


def test_a_broken_account_js_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "archive" / "data"
    shutil.copytree(REAL_TWITTER / "zip_contents", folder)
    (folder / "account.js").write_text('window.YTD.account.part0 = [ { "account" : {')
    with pytest.raises(BadExport, match=r"account\.js: line"):
        read_export(folder.parent)


def test_skipped_entries_are_placed_past_the_first_megabyte(tmp_path: Path) -> None:
    """The reader drops what it has read a megabyte at a time; line numbers must survive it."""
    entry = (
        '  {\n    "title": "",\n    "string_list_data": [\n      {\n        "href":'
        ' "https://www.instagram.com/u%d",\n        "value": "u%d",\n        "timestamp":'
        " 1600000000\n      }\n    ]\n  }"
    )
    blank = '  {\n    "title": "",\n    "string_list_data": []\n  }'
    entries = [entry % (i, i) for i in range(12_000)]
    entries[5] = blank
    entries[11_000] = blank
    text = "[\n" + ",\n".join(entries) + "\n]\n"
    assert len(text) > 2 << 20
    path = tmp_path / "followers_1.json"
    path.write_text(text)
    # independently: the line of each '{' that opens a blank entry
    lines, start = [], 0
    while (found := text.find(blank, start)) >= 0:
        lines.append(text.count("\n", 0, found) + 1)
        start = found + 1
    snapshot = read_export(path)
    assert snapshot.followers == 11_998
    assert f"lines {lines[0]}, {lines[1]})" in " ".join(snapshot.notes), (lines, snapshot.notes)
