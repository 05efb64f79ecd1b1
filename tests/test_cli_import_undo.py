"""`netdash import` says whether undo can take the import back, and `netdash undo` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdash.store import imports
from tests.conftest import Run, kept_rows
from tests.importers.conftest import FIXTURES, zip_folder


def test_import_then_undo_restores_and_the_file_can_come_again(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    assert run("people", "add", "Ana Souza").exit_code == 0
    before = kept_rows(journal_path)
    archive = zip_folder(FIXTURES / "twitter", tmp_path / "twitter-2025-03-02.zip")
    imported = run("import", str(archive))
    assert imported.exit_code == 0, imported.output
    assert imported.output.splitlines()[-1] == "  ctrl+z / netdash undo takes it back"
    listed = run("undo", "--list").output
    assert "  twitter-2025-03-02.zip: 4 followers of ada_example" in listed  # names its platform
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
    again = run("import", str(archive))
    assert "Already imported" not in again.output and "4 followers" in again.output


def test_a_list_over_the_limit_says_it_is_not_kept(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "KEEP_LIST_UP_TO", 3)
    archive = zip_folder(FIXTURES / "twitter", tmp_path / "twitter.zip")
    imported = run("import", "twitter", str(archive))
    assert imported.exit_code == 0, imported.output
    # the wording names the constant the CLI reads (100,000), not the patched one
    assert imported.output.splitlines()[-1] == (
        "  not kept in the trash: over 100,000 followers"
        " — take a `netdash backup` before a large import"
    )
    assert "The trash is empty" in run("undo", "--list").output


def test_an_address_book_import_then_undo(run: Run, journal_path: Path) -> None:
    assert run("people", "add", "Ana Souza").exit_code == 0
    before = kept_rows(journal_path)
    imported = run("import", str(FIXTURES / "contacts" / "contacts_v3.vcf"))
    assert imported.exit_code == 0, imported.output
    assert imported.output.splitlines()[-1] == "  ctrl+z / netdash undo takes it back"
    assert "contacts_v3.vcf: 3 people added, 0 enriched" in run("undo", "--list").output
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
    dry = run("import", str(FIXTURES / "contacts" / "contacts_v3.vcf"), "--dry-run")
    assert "undo" not in dry.output
