"""Issue 15: import → export → parse keeps what an address book said, checked by vobject.

The expectations come from vobject's reading of the original file, not from netdash's reader:
names, ``N`` parts, e-mails, phones, birthdays (with and without a year), addresses and their
parts, notes and categories must come out of netdash's vCard export as they went in. The files
are other projects' test fixtures (``tests/data/real/vcard-export/PROVENANCE.tsv``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import vobject  # type: ignore[import-untyped]  # no stubs published

from netdash.export.vcard import people_as_contacts, write_vcards
from netdash.importers.vcard import read_vcards
from netdash.store.contact_stream import import_contact_stream
from netdash.store.db import memory_db

REAL = Path(__file__).resolve().parent.parent / "data" / "real" / "vcard-export"
FILES = sorted(path.name for path in REAL.glob("*.vcf"))
GOOGLE_GROUPS = {"mycontacts", "starred"}


def text(value: Any) -> str:
    """A vobject component value as one string (lists joined as the vCard writes them)."""
    if isinstance(value, list):
        return ",".join(str(v).strip() for v in value)
    return str(value).strip()


def email(value: str) -> str:
    """The e-mail as netdash must keep it: local part as written, domain in lower case."""
    value = value.strip().removeprefix("mailto:").removeprefix("MAILTO:")
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def birthday(line: Any) -> tuple[str, str, str] | None:
    """(year or '', month, day) read by hand from a BDAY line; None if it is not a date."""
    if "text" in [v.lower() for v in line.params.get("VALUE", [])]:
        return None
    value = str(line.value).strip()
    omit = line.params.get("X-APPLE-OMIT-YEAR", [""])[0]
    if match := re.fullmatch(r"--(\d\d)-?(\d\d)", value):
        return ("", match[1], match[2])
    if match := re.fullmatch(r"(\d{4})-?(\d\d)-?(\d\d)(T.*)?", value):
        year, month, day, _ = match.groups()
        return ("" if year in (omit, "1604") else year, month, day)
    return None


def unescaped(note: str) -> str:
    """A note without the backslashes of escapes vCard does not define (``\\"``, ``\\:``), which
    vobject keeps in some places and drops in others."""
    return re.sub(r"\\([^nN])", r"\1", note)


def card_facts(card: Any) -> dict[str, Any]:
    """What a card says, as vobject reads it."""
    contents = card.contents
    facts: dict[str, Any] = {"fn": text(contents["fn"][0].value) if "fn" in contents else None}
    if "n" in contents:
        n = contents["n"][0].value
        facts["n"] = tuple(
            text(getattr(n, part)) for part in ("family", "given", "additional", "prefix", "suffix")
        )
    facts["emails"] = {
        email(line.value) for line in contents.get("email", []) if line.value.strip()
    }
    facts["phones"] = {  # netdash skips (and says) a "phone number" with no digits
        " ".join(str(line.value).removeprefix("tel:").split())
        for line in contents.get("tel", [])
        if any(char.isdigit() for char in str(line.value))
    }
    facts["addresses"] = {
        tuple(
            text(getattr(line.value, part))
            for part in ("box", "extended", "street", "city", "region", "code", "country")
        )
        for line in contents.get("adr", [])
    }
    facts["addresses"] = {parts for parts in facts["addresses"] if any(parts)}
    bdays = [birthday(line) for line in contents.get("bday", [])]
    facts["birthday"] = bdays[0] if bdays else None
    facts["notes"] = [
        str(line.value).strip() for line in contents.get("note", []) if str(line.value).strip()
    ]
    facts["categories"] = {
        str(tag).strip()
        for line in contents.get("categories", [])
        for tag in line.value
        if str(tag).strip()
        and str(tag).strip().lstrip("*").strip().casefold().replace(" ", "") not in GOOGLE_GROUPS
    }
    return facts


def exported(file_text: str, name: str, version: str) -> str:
    db = memory_db()
    result = import_contact_stream(
        db, lambda: read_vcards(file_text, name), source="vcard", file_name=name, sha256="x"
    )
    assert result.created
    return "".join(write_vcards(people_as_contacts(db), version))


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("name", FILES)
def test_import_export_keeps_what_the_card_said(name: str, version: str) -> None:
    source = (REAL / name).read_bytes().decode("utf-8")
    before = {facts["fn"]: facts for facts in map(card_facts, vobject.readComponents(source))}
    after = {
        facts["fn"]: facts
        for facts in map(card_facts, vobject.readComponents(exported(source, name, version)))
    }
    assert len(after) == len(before)
    for fn, was in before.items():
        # an unescaped comma in FN (invalid, but written) ends vobject's reading of the name
        (now,) = [facts for name, facts in after.items() if name.startswith(fn)]
        if "n" in was and any(was["n"]):
            assert now["n"] == was["n"], fn
        assert now["emails"] == was["emails"], fn
        assert now["phones"] == was["phones"], fn
        assert now["addresses"] == was["addresses"], fn
        assert now["birthday"] == was["birthday"], fn
        assert now["categories"] == was["categories"], fn
        kept = "\n".join(map(unescaped, now["notes"]))
        assert all(unescaped(note) in kept for note in was["notes"]), fn


def test_the_files_are_those_the_provenance_names() -> None:
    listed = [
        line.split("\t")[0] for line in (REAL / "PROVENANCE.tsv").read_text().splitlines()[1:]
    ]
    assert sorted(listed) == FILES
