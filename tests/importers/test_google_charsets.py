"""Google Contacts CSV files as real programs write them: UTF-8 with or without a byte-order
mark, UTF-16 (Outlook's and Excel's "Unicode text"), or Windows-1252 (Outlook, older Google
exports): each imports under its own name with the names as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import connected
from tests.importers.test_contacts_cli import run

HEADER = "First Name,Last Name,E-mail 1 - Value\r\n"
ROWS = "José,García-Müller,jose@example.org\r\nZoë,Ångström,zoe@example.org\r\n"
NAMES = ["José García-Müller", "Zoë Ångström"]


@pytest.mark.parametrize(
    ("encoding", "said"),
    [
        ("utf-8", ""),
        ("utf-8-sig", ""),
        ("utf-16", ""),  # with its byte-order mark, little-endian on this machine
        ("utf-16-be", ""),  # no byte-order mark: told by where the NUL bytes are
        ("cp1252", "line 2: not UTF-8; read as Windows-1252"),
    ],
)
def test_a_google_csv_in_any_charset_imports_its_names(
    tmp_path: Path, encoding: str, said: str
) -> None:
    book = tmp_path / "contacts (1).csv"  # as a browser renames a second download
    book.write_bytes((HEADER + ROWS).encode(encoding))
    db = tmp_path / "journal.db"
    code, output = run(db, "import", str(book))  # detected by content, not by its name
    assert code == 0, output
    assert said in output
    with connected(db) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM people ORDER BY name")]
    assert names == NAMES


def test_a_csv_that_is_neither_is_still_refused_in_one_line(tmp_path: Path) -> None:
    book = tmp_path / "contacts.csv"
    book.write_bytes("Who,What\r\nJosé,x\r\n".encode("utf-16"))
    db = tmp_path / "journal.db"
    code, output = run(db, "import", "google-contacts", str(book))
    assert code == 2 and len(output.strip().splitlines()) == 1, output
    assert str(book) in output
