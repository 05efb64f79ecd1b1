"""What a handle may be: the user's own accounts (strictly for the platforms `netdash fetch`
reads, whose handles go into an API address) and the handles and contact details of people.

A handle that cannot be real is refused where it is recorded, in one line with exit code 2 and
nothing written; a control character is never part of a handle or a contact detail."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from netdash.cli import cli
from netdash.domain.errors import InvalidInput
from netdash.domain.models import ContactPoint, Handle
from netdash.domain.names import clean_point, parse_handle_spec
from netdash.store.audience import account_handle, ensure_account, is_host
from netdash.store.imports import import_snapshot
from netdash.store.snapshot import Snapshot
from tests.conftest import connected

ESC_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;P\x07"


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def refused(result: Result, expect: str) -> None:
    """Exit code 2, one line on stderr saying ``expect``, no control character on it."""
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("netdash: ") and expect in line, line
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def stored_accounts(db: Path) -> list[tuple[str, str]]:
    if not db.exists():
        return []
    with connected(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "accounts" not in tables:
            return []
        return conn.execute("SELECT platform, handle FROM accounts ORDER BY id").fetchall()


@pytest.mark.parametrize(
    ("platform", "typed", "stored"),
    [
        ("github", "ada", "ada"),
        ("github", "Ada-Example", "ada-example"),
        ("github", "a" * 39, "a" * 39),
        ("bluesky", "ada.example.com", "ada.example.com"),
        ("bluesky", "@Lena.bsky.social", "lena.bsky.social"),
        ("bluesky", "did:plc:4x7ynqmzq2ey3bc6kfsvqwx5", "did:plc:4x7ynqmzq2ey3bc6kfsvqwx5"),
        ("bluesky", "did:web:ada.example.com", "did:web:ada.example.com"),
        ("mastodon", "@ada@mastodon.social", "ada@mastodon.social"),
        ("mastodon", "Ada_L@Example.Social", "ada_l@example.social"),
        ("mastodon", "ada.l-x@social.example.org", "ada.l-x@social.example.org"),
        ("mastodon", "ada@bücher.example", "ada@bücher.example"),
        ("mastodon", "ada@192.0.2.7", "ada@192.0.2.7"),
        ("mastodon", "ada@[2001:db8::1]", "ada@[2001:db8::1]"),
    ],
)
def test_real_accounts_are_accepted(platform: str, typed: str, stored: str) -> None:
    assert account_handle(platform, typed) == Handle(platform, stored)


@pytest.mark.parametrize(
    ("platform", "handle", "expect"),
    [
        ("github", "ev/il", "not a GitHub login"),
        ("github", "../orgs/x", "not a GitHub login"),
        ("github", "ada?x=1", "not a GitHub login"),
        ("github", "a--b", "not a GitHub login"),
        ("github", "-ada", "not a GitHub login"),
        ("github", "a" * 40, "not a GitHub login"),
        ("github", "ad\u202ea", "not a handle"),
        ("bluesky", "x/../y", "not a Bluesky handle"),
        ("bluesky", "ada", "not a Bluesky handle"),
        ("bluesky", "ada.example.123", "not a Bluesky handle"),
        ("bluesky", "ada..example.com", "not a Bluesky handle"),
        ("bluesky", "-ada.example.com", "not a Bluesky handle"),
        ("bluesky", "did:plc:short", "not a Bluesky DID"),
        ("bluesky", "did:web:x/../y", "not a Bluesky DID"),
        ("bluesky", f"ada{ESC_CLEAR}.example.com", "not a handle"),
        ("mastodon", "a@[::1", "not a Mastodon account"),
        ("mastodon", "ada", "not a Mastodon account"),
        ("mastodon", "ada@", "not a Mastodon account"),
        ("mastodon", "@ada@host:3000", "not a Mastodon account"),
        ("mastodon", "ada@host/path", "not a Mastodon account"),
        ("mastodon", "ada@evil.example?x", "not a Mastodon account"),
        ("mastodon", "a/b@example.social", "not a Mastodon account"),
        ("mastodon", "ada@1.2.3.999", "not a Mastodon account"),
        ("mastodon", "ada@[fe80::1%eth0]", "not a Mastodon account"),
        ("mastodon", "ada@" + "x" * 64 + ".social", "not a Mastodon account"),
        ("mastodon", f"x{OSC_TITLE}@e{ESC_CLEAR}.social", "not a handle"),
        ("mastodon", "ada@ex\u202eample.social", "not a handle"),
    ],
)
def test_accounts_that_cannot_be_real_are_refused(platform: str, handle: str, expect: str) -> None:
    with pytest.raises(InvalidInput, match=expect.replace("?", r"\?")):
        account_handle(platform, handle)


@pytest.mark.parametrize(
    ("platform", "handle"),
    [
        ("twitter", "ada_example"),
        ("instagram", "ada.lovelace_"),
        ("facebook", "ada.lovelace.5"),
        ("facebook", "100012345678901"),
        ("linkedin", "https://www.linkedin.com/in/ada-lovelace-1a2b3c/"),
        ("linkedin", "linkedin.com/in/josé-garcía"),
        ("youtube", "@AdaMakes"),
        ("mastodon", "me"),  # a manual count may name an account loosely: not fetched as it is
    ],
)
def test_imports_and_manual_counts_keep_every_real_username(
    db: Database, platform: str, handle: str
) -> None:
    ensure_account(db, platform, handle)
    assert db.execute("SELECT COUNT(*) FROM accounts").fetchone() == (1,)


@pytest.mark.parametrize(
    "handle", [f"ada{ESC_CLEAR}", "ada\u202e", "a\x85da", "a d a", "x" * 201, "ada\x00"]
)
def test_any_account_with_a_control_character_a_space_or_too_long_is_refused(
    db: Database, handle: str
) -> None:
    with pytest.raises(InvalidInput):
        ensure_account(db, "instagram", handle)
    snapshot = Snapshot("twitter", "2026-01-01T00:00:00Z", "twitter archive", followers=3)
    with pytest.raises(InvalidInput):
        import_snapshot(db, snapshot, file_name="f", sha256="s", account=handle)
    assert db.execute("SELECT COUNT(*) FROM accounts").fetchone() == (0,)


@pytest.mark.parametrize(
    ("platform", "handle", "expect"),
    [
        ("github", "ev/il", "'ev/il' is not a GitHub login"),
        ("github", "../orgs/x", "not a GitHub login"),
        ("bluesky", "x/../y", "not a Bluesky handle"),
        ("mastodon", "a@[::1", "not a Mastodon account"),
        ("mastodon", "ada", "not a Mastodon account"),
        ("mastodon", f"x{OSC_TITLE}@e{ESC_CLEAR}.social", "not a handle"),
        ("github", "ad\u202ea", "not a handle"),
    ],
)
def test_accounts_add_refuses_in_one_line_and_writes_nothing(
    tmp_path: Path, platform: str, handle: str, expect: str
) -> None:
    db = tmp_path / "j.db"
    assert run(db, "accounts", "add", "github", "ada").exit_code == 0
    refused(run(db, "accounts", "add", platform, handle), expect)
    assert stored_accounts(db) == [("github", "ada")]


def test_accounts_add_says_the_account_as_stored(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    result = run(db, "accounts", "add", "mastodon", "@Ada@Mastodon.Social")
    assert result.exit_code == 0, result.output
    assert result.output == "Added mastodon account ada@mastodon.social\n"
    assert stored_accounts(db) == [("mastodon", "ada@mastodon.social")]


def test_a_manual_count_for_an_account_with_escapes_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    result = run(db, "followers", "set", "youtube", "3", "--account", f"me{ESC_CLEAR}")
    refused(result, "not a handle")
    assert stored_accounts(db) == []


@pytest.mark.parametrize(
    "spec",
    [
        f"mastodon:@x{ESC_CLEAR}@ex.social",
        f"github:ada{OSC_TITLE}",
        "twitter:ada\u202e",
        f"email:a{ESC_CLEAR}@b.c",
    ],
)
def test_a_persons_handle_with_a_control_character_is_refused(spec: str) -> None:
    with pytest.raises(InvalidInput, match="is not a handle"):
        parse_handle_spec(spec)


@pytest.mark.parametrize(
    "point",
    [
        ContactPoint("email", f"a{ESC_CLEAR}@b.c"),
        ContactPoint("email", "a\x9b2J@b.c"),
        ContactPoint("phone", "+44 20 7946 0000 \x07"),
        ContactPoint("url", f"https://ada.example/{OSC_TITLE}"),
    ],
)
def test_a_contact_point_with_a_control_character_is_refused(point: ContactPoint) -> None:
    with pytest.raises(InvalidInput, match="control character"):
        clean_point(point)


def test_contact_points_without_controls_are_kept() -> None:
    assert clean_point(ContactPoint("email", " Ada@Example.org ")).value == "Ada@example.org"
    assert clean_point(ContactPoint("phone", "+44\t20 7946\n0000")).value == "+44 20 7946 0000"


@pytest.mark.parametrize(
    "args",
    [
        ("people", "add", "Mallory", "--handle", f"mastodon:@x{ESC_CLEAR}@ex.social"),
        ("people", "add", "Mallory", "--email", f"a{ESC_CLEAR}@b.c"),
        ("people", "add", "Mallory", "--phone", f"+1 555 0100{OSC_TITLE}"),
        ("people", "edit", "Ada", "--handle", f"github:ada{ESC_CLEAR}"),
        ("people", "edit", "Ada", "--email", f"a{ESC_CLEAR}@b.c"),
    ],
)
def test_people_add_and_edit_refuse_control_characters(tmp_path: Path, args: tuple[str]) -> None:
    db = tmp_path / "j.db"
    assert run(db, "people", "add", "Ada").exit_code == 0
    refused(run(db, *args), "control character" if "--handle" not in args else "not a handle")
    with connected(db) as conn:
        assert conn.execute("SELECT name FROM people").fetchall() == [("Ada",)]
        assert conn.execute("SELECT COUNT(*) FROM handles").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM contact_points").fetchone() == (0,)


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("mastodon.social", True),
        ("localhost", True),
        ("xn--bcher-kva.example", True),
        ("192.0.2.1", True),
        ("[::1]", True),
        ("[::1", False),
        ("::1", False),
        ("[192.0.2.1]", False),
        ("host:443", False),
        ("user@host", False),
        ("", False),
        ("a..b", False),
        ("1.2.3", False),
        ("x" * 64 + ".example", False),
    ],
)
def test_is_host(host: str, ok: bool) -> None:
    assert is_host(host) is ok
