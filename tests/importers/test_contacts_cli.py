"""`netdash import vcard|google-contacts`, LinkedIn promotion, duplicates and merge, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.cli import cli
from tests.conftest import connected
from tests.importers.conftest import FIXTURES

CONTACTS = FIXTURES / "contacts"


def run(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], input=stdin)
    return result.exit_code, result.output


def count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    with connected(db) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def show(db: Path, name: str) -> dict[str, object]:
    code, output = run(db, "people", "show", name, "--json")
    assert code == 0, output
    document: dict[str, object] = json.loads(output)
    return document


def test_every_address_book_fixture_imports_and_is_detected(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    for name in ("contacts_v3.vcf", "contacts_v4.vcf", "contacts_v21.vcf"):
        code, output = run(db, "import", str(CONTACTS / name))  # detected by its suffix
        assert code == 0 and "contacts in" in output, output
    code, output = run(db, "import", str(CONTACTS / "google_contacts.csv"))  # by its header
    assert code == 0 and "updated" in output, output
    priya = show(db, "Priya Raman")
    assert priya["birthday"] == "--04-15"
    assert {"kind": "email", "value": "priya@example.net", "label": "other", "preferred": True} in (
        priya["contact"]  # type: ignore[operator]
    )
    assert {"platform": "linkedin", "handle": "linkedin.com/in/priya-raman-4b1a2c"} in (
        priya["handles"]  # type: ignore[operator]
    )
    tomas = show(db, "Tomás Reyes")
    assert tomas["birthday"] == "1988-11-03"
    emails = {p["value"] for p in tomas["contact"] if p["kind"] == "email"}  # type: ignore[attr-defined, index]
    assert emails == {"tomas.reyes@example.org", "tomas@example.net"}  # the CSV added one
    wei = show(db, "Wei Zhang")
    assert (wei["company"], wei["job_title"], wei["birthday"]) == (
        "Fabrikam, Inc.",
        "Head of Partnerships",
        "--07-09",
    )
    code, output = run(db, "import", "google-contacts", str(CONTACTS / "google_contacts.csv"))
    assert code == 0 and "Already imported" in output


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    code, output = run(db, "import", "vcard", str(CONTACTS / "contacts_v3.vcf"), "--dry-run")
    assert code == 0 and "would add 3 people" in output and "nothing written" in output
    assert count(db, "people") == 0 and count(db, "imports") == 0
    code, output = run(db, "import", "twitter", str(FIXTURES / "twitter"), "--dry-run")
    assert code == 2 and "address books" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n", "line 1"),
        ("hello\r\n", "line 1"),
        ("First Name,Last Name\r\nAda,Lovelace\r\n", "line 1"),
    ],
)
def test_bad_address_books_are_refused_in_one_line(
    tmp_path: Path, content: str, message: str
) -> None:
    source = "google-contacts" if content.startswith("First") else "vcard"
    path = tmp_path / ("bad.csv" if source == "google-contacts" else "bad.vcf")
    path.write_text(content, newline="")
    db = tmp_path / "j.db"
    code, output = run(db, "import", source, str(path))
    assert code == 2 and output.count("\n") == 1 and str(path) in output, output
    assert message in output
    assert count(db, "people") == 0


def test_a_file_refused_at_its_first_card_is_never_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import's identity (a hash of every byte) is taken only of a file that starts well:
    a huge file of rubbish is refused after its first megabyte, not after a reading of all."""
    import netdash.importers.source as source

    def hashed(path: Path) -> str:
        raise AssertionError(f"{path} was hashed")

    monkeypatch.setattr(source, "sha256_of", hashed)
    rubbish = tmp_path / "contacts.vcf"
    rubbish.write_bytes(b"\0" * (2 << 20))
    code, output = run(tmp_path / "j.db", "import", "vcard", str(rubbish))
    assert code == 2 and "line 1: is longer than 1 MB" in output, output
    assert not (tmp_path / "j.db").exists()  # nor was the journal made for it


def test_a_file_in_a_legacy_code_page_is_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "latin1.vcf"
    path.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tomás\r\nEND:VCARD\r\n".encode("latin-1"))
    code, output = run(tmp_path / "j.db", "import", str(path))
    assert code == 0 and "added 1 people" in output
    assert run(tmp_path / "j.db", "people", "show", "Tomás")[0] == 0


def _mutations() -> st.SearchStrategy[tuple[str, str]]:
    """A fixture with lines dropped, repeated, cut or garbled."""
    texts = {
        "vcard": (CONTACTS / "contacts_v3.vcf").read_text(encoding="utf-8"),
        "google-contacts": (CONTACTS / "google_contacts.csv").read_text(encoding="utf-8"),
    }

    @st.composite
    def mutate(draw: st.DrawFn) -> tuple[str, str]:
        source = draw(st.sampled_from(sorted(texts)))
        lines = texts[source].split("\n")
        for _ in range(draw(st.integers(1, 4))):
            index = draw(st.integers(0, len(lines) - 1))
            action = draw(st.sampled_from(["drop", "repeat", "cut", "garble"]))
            if action == "drop" and len(lines) > 1:
                del lines[index]
            elif action == "repeat":
                lines.insert(index, lines[index])
            elif action == "cut":
                lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
            else:
                lines[index] = draw(st.text(max_size=30))
        return source, "\n".join(lines)

    return mutate()


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=_mutations())
def test_fuzzed_address_books_never_crash_or_write_half(
    tmp_path: Path, case: tuple[str, str]
) -> None:
    source, text = case
    path = tmp_path / "fuzz.txt"
    path.write_text(text, encoding="utf-8", newline="")
    db = tmp_path / "fuzz.db"
    db.unlink(missing_ok=True)
    code, output = run(db, "import", source, str(path))
    assert code in (0, 2), output
    if code == 2:
        assert output.startswith("netdash: ") and output.count("\n") == 1, output
        assert count(db, "people") == 0 and count(db, "imports") == 0


def test_promote_linkedin_connections_from_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    run(db, "import", "linkedin", str(FIXTURES / "linkedin"), "--account", "me")
    code, output = run(db, "connections", "list")
    assert code == 0 and "Priya Raman — Director, Data Platform, Northwind Analytics" in output
    code, output = run(db, "connections", "promote", "Tomás Reyes")
    assert code == 0 and "added 1 people" in output
    tomas = show(db, "Tomás Reyes")
    assert tomas["met_on"] == "2019-11-03" and tomas["how_met"] == "LinkedIn"
    assert tomas["company"] == "Contoso"
    code, output = run(db, "connections", "promote", "--all", "--dry-run")
    assert "would add 3 people" in output and count(db, "people") == 1
    code, output = run(db, "connections", "list", "--unlinked", "--json")
    assert len(json.loads(output)) == 3
    code, output = run(db, "connections", "promote", "Nobody Here")
    assert code == 2 and "no connection named" in output
    code, output = run(db, "connections", "promote")
    assert code == 2


def test_duplicates_merge_and_different_from_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    run(db, "people", "add", "Tomás Reyes", "--email", "tomas@example.org", "--tag", "work")
    run(db, "people", "add", "Tom R", "--email", "TOMAS@example.org", "--handle", "github:tr")
    run(db, "log", "yesterday: coffee with Tom R")
    run(db, "people", "add", "Ada Lovelace")
    run(db, "people", "add", "Ada  lovelace", "--allow-same-name")  # refused without it
    code, output = run(db, "people", "duplicates", "--json")
    pairs = json.loads(output)
    assert [
        (p["first"]["name"], p["second"]["name"], p["strength"], p["reasons"]) for p in pairs
    ] == [
        ("Tom R", "Tomás Reyes", "strong", ["same e-mail tomas@example.org"]),
        ("Ada Lovelace", "Ada lovelace", "medium", ["same name"]),
    ]
    code, output = run(db, "people", "merge", "Tomás Reyes", "Tom R", stdin="n\n")
    assert code == 2 and count(db, "people") == 4
    code, output = run(db, "people", "merge", "Tomás Reyes", "Tom R", "--yes")
    assert code == 0 and "1 interactions, 1 handles" in output, output
    tomas = show(db, "Tomás Reyes")
    assert tomas["interaction_count"] == 1
    assert tomas["handles"] == [{"platform": "github", "handle": "tr"}]
    code, output = run(db, "people", "different", "#3", "#4")
    assert code == 0
    code, output = run(db, "people", "duplicates")
    assert "No likely duplicates" in output
    code, output = run(db, "people", "merge", "#3", "#3", "--yes")
    assert code == 2 and "same person" in output
