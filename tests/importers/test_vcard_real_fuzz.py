"""The vCard reader over arbitrary bytes and charsets: never a traceback, only a refusal
(BadExport, exit code 2) that leaves the journal as it was, or an import."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.cli import cli
from netdash.importers.contact_files import read_contacts_file
from netdash.importers.source import BadExport
from tests.conftest import connected

CHARSETS = ["UTF-8", "windows-1252", "ISO-8859-1", "Shift_JIS", "windows-1251", "KLINGON", ""]
PROPERTIES = ["FN", "N", "NOTE", "ORG", "EMAIL", "TEL", "ADR", "X-messaging/aim-All", "#", "AGENT"]


@st.composite
def vcard_bytes(draw: st.DrawFn) -> bytes:
    """Cards whose values are in assorted charsets, declared or not, folded at any byte, with
    odd lines, nesting and cut-offs; the whole sometimes in UTF-16."""
    lines: list[bytes] = []
    for _ in range(draw(st.integers(0, 3))):
        lines.append(b"BEGIN:VCARD")
        lines.append(draw(st.sampled_from([b"VERSION:2.1", b"VERSION:3.0", b"VERSION:9", b""])))
        for _ in range(draw(st.integers(0, 5))):
            name = draw(st.sampled_from(PROPERTIES))
            charset = draw(st.sampled_from(CHARSETS))
            value = draw(st.text(max_size=20))
            encoded = (
                value.encode(charset or "utf-8", errors="replace")
                if charset != "KLINGON"
                else value.encode("utf-8", "surrogatepass")
            )
            params = f";CHARSET={charset}" if charset else ""
            if draw(st.booleans()):
                params += ";ENCODING=QUOTED-PRINTABLE"
                encoded = b"".join(b"=%02X" % byte for byte in encoded)
            line = f"{name}{params}:".encode() + encoded
            cut = draw(st.integers(0, len(line)))
            if draw(st.booleans()) and 0 < cut < len(line):
                line = line[:cut] + b"\r\n " + line[cut:]  # a fold, anywhere, even in a character
            lines.append(line)
        if draw(st.booleans()):
            lines.append(draw(st.binary(max_size=30)))
        if draw(st.integers(0, 9)):
            lines.append(b"END:VCARD")
    data = b"\r\n".join(lines)
    wrap = draw(st.sampled_from(["none", "utf-16", "utf-16-le", "bom8", "raw"]))
    if wrap == "raw":
        return draw(st.binary(max_size=200))
    if wrap == "bom8":
        return b"\xef\xbb\xbf" + data
    if wrap != "none":
        return data.decode("utf-8", errors="replace").encode(wrap)
    return data


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=vcard_bytes())
def test_the_reader_never_crashes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.vcf"
    path.write_bytes(data)
    skipped: list[str] = []
    try:
        contacts = read_contacts_file(path, "vcard", skipped)
    except BadExport as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
        return
    assert contacts and all(contact.name for contact in contacts)


def _dump(db: Path) -> list[str]:
    with connected(db) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("journal") / "kept.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "people", "add", "Ada Lovelace"])
    assert result.exit_code == 0, result.output
    return db


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=vcard_bytes())
def test_a_refused_file_leaves_the_journal_as_it_was(
    tmp_path: Path, journal: Path, data: bytes
) -> None:
    db = tmp_path / "j.db"
    shutil.copyfile(journal, db)
    before = _dump(db)
    path = tmp_path / "fuzz.vcf"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["--db", str(db), "import", "vcard", str(path)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 2:
        assert result.output.startswith("netdash: ") and result.output.count("\n") == 1
        assert _dump(db) == before
