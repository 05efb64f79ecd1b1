"""Hostile files stay small and end: every import and restore reads within the caps of
netdash.importers.limits, refuses what is not a regular readable file, and says what is wrong in
one line with exit code 2, writing nothing. Files are generated here and small: the caps are
lowered to kilobytes instead, and the memory tests use ~1 MB zips of 300 MB and sparse files."""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import textwrap
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from netdash.cli import cli
from netdash.importers import limits
from tests.conftest import connected
from tests.importers.conftest import FIXTURES

NETDASH = (sys.executable, "-m", "netdash")


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.output


def journal(tmp_path: Path) -> Path:
    """A journal with one person in it, to show a refused file changes nothing."""
    db = tmp_path / "journal.db"
    code, output = run(db, "people", "add", "Ada Lovelace", "--handle", "twitter:ada")
    assert code == 0, output
    return db


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with connected(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names}


def refused(db: Path, *args: str, expect: str) -> str:
    """Run an import or restore that must be refused: exit 2, one line naming the problem, and
    the journal exactly as it was."""
    before = rows(db)
    code, output = run(db, *args)
    assert code == 2, output
    assert output.count("\n") == 1, output
    assert expect in output, output
    assert rows(db) == before
    return output


def zipped(target: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def twitter_members() -> dict[str, bytes]:
    folder = FIXTURES / "twitter"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


# ----------------------------------------------------------------------------- member caps


def test_a_manifest_larger_than_its_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 4096)
    db = journal(tmp_path)
    members = twitter_members()
    members["data/manifest.js"] = b'window.__THAR_CONFIG = {"x": "' + b" " * 10_000 + b'"}'
    archive = zipped(tmp_path / "twitter.zip", members)
    refused(db, "import", "twitter", str(archive), expect="data/manifest.js: is larger than 4 KB")
    lying = lie_about_size(tmp_path / "lying.zip", "data/follower.js", 100)
    refused(db, "import", "twitter", str(lying), expect="data/follower.js: cannot be read")


def lie_about_size(target: Path, member: str, declared: int) -> Path:
    """A Twitter archive whose ``member`` holds 50 KB while the central directory and the local
    header say ``declared`` bytes: what is read is counted, never what a header says."""
    members = twitter_members()
    members[member] = b"window.YTD.follower.part0 = [" + b" " * 50_000 + b"]"
    archive = zipped(target, members)
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo(member)
    real = struct.pack("<I", info.file_size)
    name = member.encode()
    for start in (info.header_offset, data.rindex(b"PK\x01\x02", 0, data.rindex(name))):
        at = data.index(real, start, start + 46)  # the uncompressed size in that header
        data[at : at + 4] = struct.pack("<I", declared)
    archive.write_bytes(bytes(data))
    return archive


def test_one_entry_longer_than_its_cap_is_refused_without_reading_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ENTRY_BYTES", 2048)
    db = journal(tmp_path)
    folder = tmp_path / "instagram"
    shutil.copytree(FIXTURES / "instagram", folder)
    followers = next(folder.rglob("followers_1.json"))
    followers.write_text('[{"string_list_data": [{"value": "' + "a" * 5000 + '"}]}]')
    refused(db, "import", "instagram", str(folder), "--account", "ada", expect="longer than 2 KB")


def test_an_account_id_longer_than_any_real_one_is_not_stored(tmp_path: Path) -> None:
    db = journal(tmp_path)
    members = twitter_members()
    members["data/follower.js"] = (
        b'window.YTD.follower.part0 = [{"follower": {"accountId": "' + b"7" * 5000 + b'"}}]'
    )
    archive = zipped(tmp_path / "twitter.zip", members)
    refused(db, "import", "twitter", str(archive), expect="data/follower.js: item 0")


def test_a_csv_without_line_breaks_is_refused_at_the_line_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ENTRY_BYTES", 4096)
    db = journal(tmp_path)
    sparse = tmp_path / "Connections.csv"
    sparse.write_bytes(b"First Name,Last Name,URL\n" + b"\0" * 20_000)
    refused(db, "import", "linkedin", str(sparse), expect="Connections.csv: line 2: is longer")


@pytest.mark.parametrize(
    ("name", "source", "cap"),
    [
        ("Connections.csv", "linkedin", "MAX_TABLE_BYTES"),
        ("following_accounts.csv", "mastodon", "MAX_TABLE_BYTES"),
        ("contacts.csv", "google-contacts", "MAX_TABLE_BYTES"),
        ("contacts.vcf", "vcard", "MAX_ADDRESS_BOOK_BYTES"),
    ],
)
def test_a_table_larger_than_its_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str, cap: str
) -> None:
    monkeypatch.setattr(limits, cap, 8192)
    db = journal(tmp_path)
    first = {
        "linkedin": "First Name,Last Name,URL\r\n",
        "mastodon": "Account address,Show boosts\r\n",
        "google-contacts": "First Name,Last Name,Labels\r\n",
        "vcard": "",
    }[source]
    row = {
        "linkedin": "Ada,L{n},https://www.linkedin.com/in/ada{n}\r\n",
        "mastodon": "ada{n}@example.social,true\r\n",
        "google-contacts": "Ada,L{n},* myContacts\r\n",
        "vcard": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada L{n}\r\nEND:VCARD\r\n",
    }[source]
    path = tmp_path / name
    path.write_text(first + "".join(row.format(n=n) for n in range(2000)))
    refused(db, "import", source, str(path), expect="is larger than 8 KB")


def test_too_many_contacts_or_archive_members_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    monkeypatch.setattr(limits, "MAX_ARCHIVE_MEMBERS", 5)
    db = journal(tmp_path)
    book = tmp_path / "book.vcf"
    book.write_text("".join(f"BEGIN:VCARD\r\nFN:Person {n}\r\nEND:VCARD\r\n" for n in range(9)))
    refused(db, "import", "vcard", str(book), expect="more than 5 cards")
    archive = tmp_path / "mastodon.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(FIXTURES / "mastodon" / "archive" / "actor.json", "actor.json")
        for n in range(9):
            extra = tmp_path / f"media{n}.txt"
            extra.write_text("x")
            tar.add(extra, f"media/{n}.txt")
    refused(db, "import", "mastodon", str(archive), expect="holds more than 5 files")


# --------------------------------------------------------------------------------- nesting


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("member", "text"),
    [
        ("data/manifest.js", "window.__THAR_CONFIG = " + DEEP),
        ("data/follower.js", "window.YTD.follower.part0 = [" + DEEP + "]"),
    ],
    ids=["manifest", "follower"],
)
def test_deeply_nested_json_is_a_bad_file_not_a_crash(
    tmp_path: Path, member: str, text: str
) -> None:
    db = journal(tmp_path)
    members = twitter_members()
    members[member] = text.encode()
    archive = zipped(tmp_path / "twitter.zip", members)
    output = refused(db, "import", "twitter", str(archive), expect=f"{member}: ")
    assert output.rstrip().endswith("nested too deeply"), output


def test_deeply_nested_instagram_and_mastodon_files(tmp_path: Path) -> None:
    db = journal(tmp_path)
    folder = tmp_path / "instagram"
    shutil.copytree(FIXTURES / "instagram", folder)
    next(folder.rglob("followers_1.json")).write_text(DEEP)
    refused(db, "import", "instagram", str(folder), "--account", "ada", expect="nested too deeply")
    actor = tmp_path / "mastodon" / "actor.json"
    actor.parent.mkdir()
    actor.write_text('{"type": "Person", "x": ' + DEEP + "}")
    refused(db, "import", "mastodon", str(actor.parent), expect="actor.json: nested too deeply")


# ------------------------------------------------------------------------------------- NUL


def test_nul_is_removed_from_contacts_and_said(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    book = tmp_path / "book.vcf"
    book.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\x00 Lovelace\r\nNOTE:first\x00note\r\n"
        b"EMAIL:ada@example.org\x00\r\nEND:VCARD\r\n"
    )
    code, output = run(db, "import", "vcard", str(book))
    assert code == 0, output
    assert "removed 3 NUL characters" in output
    csv_book = tmp_path / "google.csv"
    csv_book.write_bytes(b"First Name,Last Name,Labels,Notes\r\nBo\x00b,Jones,,a\x00b\r\n")
    code, output = run(db, "import", "google-contacts", str(csv_book))
    assert code == 0 and "removed 2 NUL characters" in output, output
    with connected(db) as conn:
        text = repr(conn.execute("SELECT name, notes FROM people ORDER BY name").fetchall())
        points = repr(conn.execute("SELECT value FROM contact_points").fetchall())
    assert text == "[('Ada Lovelace', 'firstnote'), ('Bob Jones', 'ab')]"
    assert "\\x00" not in points


def test_nul_in_a_linkedin_file_is_removed_and_in_a_username_refused(tmp_path: Path) -> None:
    db = journal(tmp_path)
    connections = tmp_path / "Connections.csv"
    connections.write_bytes(
        b"First Name,Last Name,URL,Company\nPri\x00ya,Raman,https://www.linkedin.com/in/pr,N\x00W\n"
    )
    code, output = run(db, "import", "linkedin", str(connections), "--account", "me")
    assert code == 0 and "removed 2 NUL characters" in output, output
    with connected(db) as conn:
        assert conn.execute("SELECT name, company FROM connections").fetchall() == [
            ("Priya Raman", "NW")
        ]
    folder = tmp_path / "instagram"
    shutil.copytree(FIXTURES / "instagram", folder)
    next(folder.rglob("followers_1.json")).write_text(
        '[{"string_list_data": [{"value": "bad\\u0000name"}]}]'
    )
    refused(db, "import", "instagram", str(folder), "--account", "ada", expect="NUL")


# ------------------------------------------------------------------- not a file, unreadable


def subprocess_netdash(
    db: Path, *args: str, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command, with at most 1 GB of memory and 60 seconds, so the code of old (which
    read /dev/zero until the machine ran out, and waited forever on a FIFO) fails, not hangs."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        if preexec is not None:
            preexec()

    try:
        return subprocess.run(
            [*NETDASH, "--db", str(db), *args],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"netdash {' '.join(args)} did not end")


def test_devices_and_fifos_are_refused_at_once(tmp_path: Path) -> None:
    db = journal(tmp_path)
    fifo = tmp_path / "export.zip"
    os.mkfifo(fifo)
    before = rows(db)
    for args in (
        ("import", "twitter", "/dev/zero"),
        ("import", "/dev/zero"),
        ("import", str(fifo)),
        ("import", "vcard", str(fifo)),
        ("restore", str(fifo)),
    ):
        result = subprocess_netdash(db, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "is not a regular file" in result.stderr and result.stderr.count("\n") == 1
    assert rows(db) == before


def _without_root_override() -> None:
    """As root, give up the right to read any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) for
    the command about to run, so a chmod 000 file is unreadable to it as to anyone else."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_an_unreadable_file_says_permission_denied(tmp_path: Path) -> None:
    db = journal(tmp_path)
    archive = zipped(tmp_path / "twitter.zip", twitter_members())
    book = tmp_path / "book.vcf"
    book.write_text("BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\n")
    export = tmp_path / "export.json"
    export.write_text("{}")
    for path in (archive, book, export):
        path.chmod(0)
    before = rows(db)
    preexec = _without_root_override if os.geteuid() == 0 else None
    for args in (
        ("import", "twitter", str(archive)),
        ("import", str(archive)),
        ("import", str(book)),
        ("restore", str(export)),
    ):
        result = subprocess_netdash(db, *args, preexec=preexec)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.strip().endswith("permission denied"), (args, result.stderr)
    assert rows(db) == before


# ------------------------------------------------------------------------------------ restore


def export_of(tmp_path: Path, **tables: list[dict[str, object]]) -> Path:
    source = journal(tmp_path / "source")
    path = tmp_path / "export.json"
    code, output = run(source, "export", "-o", str(path))
    assert code == 0, output
    data = json.loads(path.read_text())
    data["tables"].update(tables)
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        (
            [{"id": 1, "name": "A" * (1 << 20), "notes": "", "created_at": "x", "updated_at": "x"}],
            "line 1: an entry is longer than 1 MB",
        ),
        (
            [{"id": 1, "name": "A" * 300_000, "notes": "", "created_at": "x", "updated_at": "x"}],
            "tables.people[0].name: name is 300,000 characters long; 200 is the most",
        ),
        (
            [{"id": 1, "name": "Ada", "closeness": 2.5, "created_at": "x", "updated_at": "x"}],
            "tables.people[0].closeness: 2.5 is not a whole number",
        ),
        (
            [{"id": 1, "name": "Ada\u0000", "notes": "", "created_at": "x", "updated_at": "x"}],
            "tables.people[0].name: holds a NUL character",
        ),
        (
            [{"id": 1, "name": 7, "notes": "", "created_at": "x", "updated_at": "x"}],
            "tables.people[0].name: 7 is not text",
        ),
    ],
    ids=["1 MB name", "long name", "float count", "NUL", "number as name"],
)
def test_restore_refuses_rows_the_cli_would_never_write(
    tmp_path: Path, people: list[dict[str, object]], expected: str
) -> None:
    (tmp_path / "source").mkdir()
    path = export_of(tmp_path, people=people, handles=[])
    empty = tmp_path / "restored.db"
    assert run(empty, "people", "list")[0] == 0  # an empty journal to restore into
    refused(empty, "restore", str(path), expect=expected)


def test_restore_refuses_a_row_longer_than_its_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ENTRY_BYTES", 4096)
    (tmp_path / "source").mkdir()
    note = {"id": 1, "name": "Ada", "notes": "n" * 10_000, "created_at": "x", "updated_at": "x"}
    path = export_of(tmp_path, people=[note], handles=[])
    empty = tmp_path / "restored.db"
    run(empty, "people", "list")
    refused(empty, "restore", str(path), expect="longer than 4 KB")


# ---------------------------------------------------------------------- memory, for real


MEASURE = textwrap.dedent(
    """
    import resource, subprocess, sys
    def limit():  # a regression fails the test instead of taking the machine's memory
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    try:
        done = subprocess.run(
            sys.argv[1:], capture_output=True, text=True, preexec_fn=limit, timeout=120
        )
        code, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired:
        code, output = -1, "did not end in 120 seconds"
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(code, peak // 1024, output.strip().replace(chr(10), " "))
    """
)


def peak_rss(db: Path, *args: str) -> tuple[int, int, str]:
    """Exit code, peak resident memory in MB, and output of the real command in a child."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *NETDASH, "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    code, peak, output = result.stdout.split(" ", 2)
    return int(code), int(peak), output


def bomb(target: Path, member: str, head: bytes, size: int) -> Path:
    """A zip whose one member is ``head`` then ``size`` bytes of spaces: ~1 MB on disk."""
    with (
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open(member, "w", force_zip64=True) as out,
    ):
        out.write(head)
        block = b" " * (1 << 20)
        for _ in range(size >> 20):
            out.write(block)
    return target


@pytest.mark.parametrize(
    ("member", "head", "source"),
    [
        ("data/manifest.js", b'window.__THAR_CONFIG = {"a": "', "twitter"),
        ("data/follower.js", b'window.YTD.follower.part0 = [{"follower": {"accountId": "1', ""),
        ("connections/followers_and_following/followers_1.json", b"[", "instagram"),
        ("Connections.csv", b"First Name,Last Name,URL\n", "linkedin"),
        ("your_friends.json", b'{"friends_v2": [{"name": "', "facebook"),
    ],
    ids=["twitter manifest", "twitter followers", "instagram", "linkedin", "facebook"],
)
def test_zip_bombs_stay_under_300_mb(tmp_path: Path, member: str, head: bytes, source: str) -> None:
    archive = bomb(tmp_path / "bomb.zip", member, head, 300 << 20)
    assert archive.stat().st_size < 2 << 20
    db = tmp_path / "journal.db"
    started = time.monotonic()
    code, peak, output = peak_rss(db, "import", *([source] if source else []), str(archive))
    assert code == 2, output
    assert peak < 300, f"{peak} MB: {output}"
    assert time.monotonic() - started < 120
    assert not db.exists()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("contacts.csv", ("import", "google-contacts")),
        ("contacts.vcf", ("import", "vcard")),
        ("Connections.csv", ("import", "linkedin")),
    ],
    ids=["google-contacts", "vcard", "linkedin"],
)
def test_a_2_gb_sparse_file_ends_at_once_in_little_memory(
    tmp_path: Path, name: str, args: tuple[str, ...]
) -> None:
    """Two gigabytes of NUL bytes that take no disk space: no line break, ever."""
    sparse = tmp_path / name
    with sparse.open("wb") as out:
        out.truncate(2 << 30)
    db = tmp_path / "journal.db"
    started = time.monotonic()
    code, peak, output = peak_rss(db, *args, str(sparse))
    assert code == 2, output
    assert peak < 300, f"{peak} MB: {output}"
    assert time.monotonic() - started < 30, output
    assert name in output


# ------------------------------------------------ what is kept, walked and inflated (review)


EMOJI = "\U0001f600"


def test_a_linkedin_file_under_every_read_cap_is_refused_before_it_takes_300_mb(
    tmp_path: Path,
) -> None:
    """63 MB of connections with an emoji in every value: Python holds each of those values at
    4 bytes a character, so what is kept is budgeted as held (485 MB peak before)."""
    folder = tmp_path / "linkedin"
    folder.mkdir()
    with (folder / "Connections.csv").open("w", newline="") as out:
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
        for n in range(44_165):
            out.write(
                f"{EMOJI}{'F' * 98},{EMOJI}{'L' * 98},"
                f"https://www.linkedin.com/in/u{n}{'x' * 150}{EMOJI},e{n}@x.com,"
                f"{'C' * 498}{EMOJI},{'P' * 498}{EMOJI},01 Jan 2024\r\n"
            )
    db = tmp_path / "journal.db"
    code, peak, output = peak_rss(db, "import", "linkedin", str(folder), "--account", "me")
    assert code == 2, output
    assert "Connections.csv: line " in output and "to keep in memory" in output, output
    assert peak < 300, f"{peak} MB: {output}"
    assert not db.exists()


def test_long_notes_in_an_address_book_are_cut_and_said(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    book = tmp_path / "book.vcf"
    escaped = "n\\n" * 15_000  # 15,000 escaped line breaks: 30,000 characters as read
    book.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nNOTE:short\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\nNOTE:{EMOJI}{escaped}\r\nEND:VCARD\r\n"
    )
    code, output = run(db, "import", "vcard", str(book))
    assert code == 0, output
    assert "book.vcf: card 2, line 6: note cut to 20,000 characters" in output, output
    google = tmp_path / "google.csv"
    google.write_text(f"First Name,Last Name,Labels,Notes\r\nCy,D,,{EMOJI}{'g' * 30_000}\r\n")
    code, output = run(db, "import", "google-contacts", str(google))
    assert code == 0, output
    assert "google.csv: line 2: note cut to 20,000 characters" in output, output
    with connected(db) as conn:
        notes = dict(conn.execute("SELECT name, notes FROM people").fetchall())
    assert notes["Ada"] == "short"
    assert notes["Bo"] == EMOJI + "n\n" * 9_999 + "n"
    assert notes["Cy D"] == EMOJI + "g" * 19_999


def test_an_address_book_of_900_000_character_notes_stays_under_300_mb(tmp_path: Path) -> None:
    """69 cards with a 900,000-character note each (an emoji in it): 340 MB before; each note
    is now cut as it is read."""
    book = tmp_path / "notes.vcf"
    with book.open("w") as out:
        for n in range(69):
            out.write(f"BEGIN:VCARD\r\nFN:P{n}\r\nNOTE:{EMOJI}{'n' * 899_999}\r\nEND:VCARD\r\n")
    db = tmp_path / "journal.db"
    code, peak, output = peak_rss(db, "import", "vcard", str(book))
    assert code == 0, output
    assert "card 69, line 273: note cut to 20,000 characters" in output, output
    assert peak < 300, f"{peak} MB: {output}"
    with connected(db) as conn:
        assert conn.execute("SELECT max(length(notes)) FROM people").fetchone() == (20_000,)


def test_the_kept_budget_refuses_an_address_book_naming_the_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_KEPT_BYTES", 64 * 1024)
    db = journal(tmp_path)
    book = tmp_path / "book.vcf"
    book.write_text(
        "".join(
            f"BEGIN:VCARD\r\nFN:P{n}\r\nNOTE:{EMOJI}{'n' * 5000}\r\nEND:VCARD\r\n" for n in range(9)
        )
    )
    # an import streams a vCard file: the cards are written as read, not held, so the budget
    # for what is held (a Google CSV's rows, read whole) does not refuse it
    code, output = run(db, "import", "vcard", str(book))
    assert code == 0 and "added 9 people" in output, output
    google = tmp_path / "google.csv"
    google.write_text(
        "First Name,Last Name,Labels,Notes\r\n"
        + "".join(f"P{n},L,,{EMOJI}{'n' * 5000}\r\n" for n in range(9))
    )
    refused(db, "import", "google-contacts", str(google), expect="google.csv: line 5: more than")


def test_a_folder_past_the_file_cap_is_refused_without_walking_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """700,000 files took 438 MB and 10 s, listed and sorted before they were counted."""
    monkeypatch.setattr(limits, "MAX_ARCHIVE_MEMBERS", 5)
    db = journal(tmp_path)
    folder = tmp_path / "many"
    for part in range(4):
        (folder / f"d{part}").mkdir(parents=True)
        for n in range(50):
            (folder / f"d{part}" / f"f{n}.txt").write_text("x")
    seen = 0
    real_scandir = os.scandir

    class Counted:
        def __init__(self, path: object) -> None:
            self.entries = real_scandir(path)  # type: ignore[call-overload]

        def __enter__(self) -> Counted:
            return self

        def __exit__(self, *_: object) -> None:
            self.entries.close()

        def close(self) -> None:
            self.entries.close()

        def __iter__(self) -> Counted:
            return self

        def __next__(self) -> os.DirEntry[str]:
            nonlocal seen
            entry: os.DirEntry[str] = next(self.entries)
            seen += 1
            return entry

    monkeypatch.setattr(os, "scandir", Counted)
    refused(db, "import", "linkedin", str(folder), expect="many: holds more than 5 files")
    assert seen <= 6 + 2  # the walk stops at the cap (the journal's own folder aside)


def twitter_bomb(target: Path, size: int) -> Path:
    """The test archive whose follower.js lists one account ``size`` bytes over: 100 KB."""
    members = twitter_members()
    del members["data/follower.js"]
    archive = zipped(target, members)
    entry = b'{"follower":{"accountId":"1"}},' * 32_768
    with (
        zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as opened,
        opened.open("data/follower.js", "w", force_zip64=True) as out,
    ):
        out.write(b"window.YTD.follower.part0 = [")
        for _ in range(size // len(entry)):
            out.write(entry)
        out.write(b'{"follower":{"accountId":"2"}}]')
    return archive


@pytest.mark.parametrize("source", ["twitter", "linkedin"])
def test_a_member_that_inflates_like_a_zip_bomb_is_refused_within_seconds(
    tmp_path: Path, source: str
) -> None:
    """A 100 KB zip with 40 MB of one follower (2 minutes' import of one account before), or of
    one LinkedIn row; real exports compress 3 to 15 times."""
    if source == "twitter":
        archive = twitter_bomb(tmp_path / "bomb.zip", 40 << 20)
        member = "data/follower.js"
    else:
        row = b"A,B,https://www.linkedin.com/in/ab,,C,P,01 Jan 2024\n" * 20_000
        archive = tmp_path / "bomb.zip"
        with (
            zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as opened,
            opened.open("Connections.csv", "w", force_zip64=True) as out,
        ):
            out.write(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
            for _ in range((40 << 20) // len(row)):
                out.write(row)
        member = "Connections.csv"
    assert archive.stat().st_size < 200_000
    db = journal(tmp_path)
    output = refused(db, "import", source, str(archive), "--account", "me", expect=member)
    assert "times its compressed size" in output, output
    # refused early, not after inflating it all: the count of bytes read is in the message
    # (a clock here would measure the machine's load, not the reader)
    found = re.search(r"\(([\d,]+) bytes from", output)
    assert found, output
    read = int(found.group(1).replace(",", ""))
    assert read < 8 << 20, f"read {read:,} of {40 << 20:,} bytes before refusing"


def test_accounts_listed_counts_each_account_once(tmp_path: Path) -> None:
    """A follower list naming one account 3,000 times lists one account, not 3,000."""
    members = twitter_members()
    members["data/follower.js"] = (
        b"window.YTD.follower.part0 = ["
        + b'{"follower":{"accountId":"1"}},' * 3_000
        + b'{"follower":{"accountId":"2"}}]'
    )
    archive = zipped(tmp_path / "twitter.zip", members)
    code, output = run(tmp_path / "journal.db", "import", "twitter", str(archive))
    assert code == 0, output
    assert "2 accounts listed" in output, output
