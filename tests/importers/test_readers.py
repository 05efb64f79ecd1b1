"""Each platform's export, read from test files written from FORMATS.md, quirks included."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from netdash.importers.registry import read_export
from netdash.importers.source import BadExport
from tests.importers.conftest import FIXTURES, tar_folder, zip_folder


def test_twitter_archive_counts_from_the_manifest_and_keeps_big_ids_as_text(
    tmp_path: Path,
) -> None:
    for path in (FIXTURES / "twitter", zip_folder(FIXTURES / "twitter", tmp_path / "t.zip")):
        snapshot = read_export(path, "twitter")
        assert (snapshot.followers, snapshot.following) == (4, 3)
        assert snapshot.account == "ada_example"
        assert snapshot.observed_at == "2025-03-02T17:41:09Z"
        assert snapshot.follower_list is not None
        ids = [follower.remote_id for follower in snapshot.follower_list]
        assert "1598273645123456789" in ids  # past 2^53, kept exactly


def test_twitter_sums_every_part_the_manifest_lists(fixture_copy: Callable[[str], Path]) -> None:
    folder = fixture_copy("twitter")
    data = folder / "data"
    manifest = data / "manifest.js"
    config = json.loads(manifest.read_text().split("=", 1)[1])
    config["dataTypes"]["follower"]["files"].append(
        {"fileName": "data/follower-part1.js", "globalName": "YTD.follower.part1", "count": "2"}
    )
    manifest.write_text("window.__THAR_CONFIG = " + json.dumps(config, indent=2))
    (data / "follower-part1.js").write_text(
        'window.YTD.follower.part1 = [ { "follower" : { "accountId" : "11" } },'
        ' { "follower" : { "accountId" : "12" } } ]'
    )
    snapshot = read_export(folder)
    assert snapshot.followers == 6
    assert snapshot.follower_list is not None and len(snapshot.follower_list) == 6


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("2025-03-02T17:41:09.123Z", "2025-03-02T17:41:09Z"),  # as Twitter writes it
        ("2025-03-02T19:41:09+02:00", "2025-03-02T17:41:09Z"),  # an offset is honoured
        ("2025-03-02T17:41:09", "2025-03-02T17:41:09Z"),  # no zone: UTC, as Twitter's are
        ("2022-10-25", "2022-10-25T00:00:00Z"),  # a bare date was stored as "2022-10-25Z"
    ],
)
def test_twitter_generation_date_is_stored_in_the_writers_form(
    fixture_copy: Callable[[str], Path], written: str, stored: str
) -> None:
    """Every stored stamp is ``YYYY-MM-DDTHH:MM:SSZ`` in UTC: the follower history compares
    them as text, and a stamp in another form could not be read back at all."""
    manifest = fixture_copy("twitter") / "data" / "manifest.js"
    manifest.write_text(manifest.read_text().replace("2025-03-02T17:41:09.123Z", written))
    assert read_export(manifest.parent.parent, "twitter").observed_at == stored


def test_twitter_generation_date_that_is_no_date_is_refused(
    fixture_copy: Callable[[str], Path],
) -> None:
    manifest = fixture_copy("twitter") / "data" / "manifest.js"
    manifest.write_text(manifest.read_text().replace("2025-03-02T17:41:09.123Z", "next tuesday"))
    with pytest.raises(BadExport, match="generationDate 'next tuesday' is not a date and time"):
        read_export(manifest.parent.parent, "twitter")


def test_twitter_legacy_archive_without_manifest(tmp_path: Path) -> None:
    snapshot = read_export(FIXTURES / "twitter_legacy_2019")
    assert snapshot.followers == 3
    assert snapshot.follower_list is not None
    assert {f.remote_id for f in snapshot.follower_list} == {"73747798", "386025404", "2984417231"}


def test_mastodon_csv_and_archive(tmp_path: Path) -> None:
    following = read_export(FIXTURES / "mastodon" / "following_accounts.csv")
    assert following.platform == "mastodon"
    assert following.following == 4 and following.followers is None
    archive = tar_folder(FIXTURES / "mastodon" / "archive", tmp_path / "archive-20250301.tar.gz")
    for path in (archive, zip_folder(FIXTURES / "mastodon" / "archive", tmp_path / "a.zip")):
        snapshot = read_export(path)
        assert snapshot.account == "ada@mastodon.example"
        assert snapshot.followers is None  # mainline Mastodon exports no follower count


def test_linkedin_preamble_quotes_and_dates(tmp_path: Path) -> None:
    snapshot = read_export(FIXTURES / "linkedin" / "Connections.csv")
    assert snapshot.platform == "linkedin" and snapshot.followers == 4
    assert snapshot.follower_list is not None
    handles = {follower.handle for follower in snapshot.follower_list}
    assert "linkedin.com/in/priya-raman-4b1a2c" in handles
    crlf_bom = tmp_path / "Connections.csv"
    text = (FIXTURES / "linkedin" / "Connections.csv").read_text()
    crlf_bom.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert read_export(crlf_bom).followers == 4
    no_preamble = tmp_path / "plain" / "Connections.csv"
    no_preamble.parent.mkdir()
    no_preamble.write_text(text.split("\n\n", 1)[1])
    assert read_export(no_preamble).followers == 4


def test_instagram_every_followers_file_and_both_eras(fixture_copy: Callable[[str], Path]) -> None:
    folder = fixture_copy("instagram")
    snapshot = read_export(folder)
    assert (snapshot.followers, snapshot.following) == (4, 3)
    second = folder / "connections" / "followers_and_following" / "followers_2.json"
    second.write_text(
        '[{"title": "", "media_list_data": [], "string_list_data": [{"href":'
        ' "https://www.instagram.com/new.one", "value": "new.one", "timestamp": 1718550001}]}]'
    )
    assert read_export(folder).followers == 5
    legacy = read_export(FIXTURES / "instagram_legacy_2021")
    assert (legacy.followers, legacy.following) == (2, 1)


def test_instagram_username_from_archive_name(tmp_path: Path) -> None:
    path = zip_folder(
        FIXTURES / "instagram", tmp_path / "instagram-ada.example-2026-11-01-x1y2.zip"
    )
    assert read_export(path).account == "ada.example"


def test_facebook_names_repaired_in_every_era() -> None:
    snapshot = read_export(FIXTURES / "facebook")
    assert snapshot.follower_list is not None
    names = {follower.handle for follower in snapshot.follower_list}
    assert {"Ana Luísa Ferreira", "Mads Brøndum", "Jürgen Müller 🌻", "René Dubois"} <= names
    assert snapshot.followers == 6  # four friends and two followers
    legacy = read_export(FIXTURES / "facebook_legacy_2020")
    assert legacy.followers == 3


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("follower.js", "window.YTD.follower.part0 = [ {", "follower.js: line"),
        ("Connections.csv", "Name,Company\nAda,X\n", "no header row"),
        ("your_friends.json", '{"friends_v2": [{"nom": "x"}]}', "item 0"),
        ("following_accounts.csv", "Who,What\nx,y\n", "line 1"),
        ("empty.json", "", "not an export netdash knows"),
        ("notes.txt", "hello", "not an export netdash knows"),
    ],
)
def test_bad_files_name_the_file_and_place(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(BadExport, match=expected):
        read_export(path)


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    whole = zip_folder(FIXTURES / "twitter", tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(BadExport):
        read_export(cut, "twitter")


def test_a_file_of_another_platform_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadExport, match="does not look like a twitter export"):
        read_export(FIXTURES / "linkedin" / "Connections.csv", "twitter")


def test_facebook_2021_layout_and_split_follower_files() -> None:
    assert read_export(FIXTURES / "facebook_2021").followers == 2
    split = read_export(FIXTURES / "facebook_split")
    assert split.follower_list is not None
    assert {f.handle for f in split.follower_list} == {"Lena Fotografia", "René Dubois"}


def test_every_source_the_cli_offers_has_a_reader() -> None:
    from netdash.importers import IMPORT_SOURCES
    from netdash.importers.registry import READERS

    assert tuple(READERS) == IMPORT_SOURCES
