"""Real vCard files from other projects' test suites and real producers (tests/data/real/vcard,
provenance and licence of each in PROVENANCE.tsv beside them): every one imports with as many
contacts as an independent parser counts cards, or is refused for a reason a person would accept.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import vobject  # type: ignore[import-untyped]  # no stubs; used only to count cards

from netdash.importers.contact_files import read_contacts_file
from netdash.importers.source import BadExport
from netdash.store.contact import Contact

REAL = Path(__file__).parent.parent / "data" / "real" / "vcard"
FILES = sorted(path.name for path in REAL.glob("*.vcf"))

REFUSED = {
    # cut off: the test suites keep them as broken files, and so they are
    "evolution-data-server__vcard-7.vcf": "line 1: 'VERSION:3.0' where a vCard's BEGIN:VCARD",
    "evolution-data-server__vcard-8.vcf": "line 1: BEGIN:VCARD has no END:VCARD: the file is cut",
    "evolution-data-server__vcard-9.vcf": "line 1: BEGIN:VCARD has no END:VCARD: the file is cut",
    "khard__unparsable.vcf": "line 1: BEGIN:VCARD has no END:VCARD: the file is cut off",
    # the only card says nothing to name a person by (custom Android rows, notes, a photo)
    "android_frameworks_opt_vcard__v21_android_custom_prop.vcf": "no FN, N, NICKNAME, ORG,",
    "android_frameworks_opt_vcard__v21_im.vcf": "no FN, N, NICKNAME, ORG, EMAIL or TEL",
    "gammu__char-escaping.vcf": "no FN, N, NICKNAME, ORG, EMAIL or TEL to name the contact by",
    "kcontacts__vcard7.vcf": "no FN, N, NICKNAME, ORG, EMAIL or TEL to name the contact by",
    "vobject__issue64.vcf": "no FN, N, NICKNAME, ORG, EMAIL or TEL to name the contact by",
}

VOBJECT_REFUSES = {
    # vobject 0.9.9 gives up on these whole (a QP value it cannot decode, a 2.1 continuation,
    # an incomplete N): their cards are counted as BEGIN:VCARD lines at nesting level 0
    "evolution-data-server__vcard-5.vcf",
    "ez-vcard__John_Doe_ANDROID.vcf",
    "ez-vcard__John_Doe_LOTUS_NOTES.vcf",
    "ical4j-vcard__vcard-incompletenproperty.vcf",
    "roundcubemail__thebat.vcf",
}


def _text(data: bytes) -> str:
    """Enough of the file as text for a parser to count cards (the structure is ASCII)."""
    wide = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"\x00B", "utf-16-be"))
    for start, codec in wide:
        if data.startswith(start):
            return data.decode(codec)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _level0_cards(text: str) -> int:
    depth = count = 0
    for line in re.split(r"\r\n|\r|\n", text):
        keyword = line.strip().upper()
        if keyword == "BEGIN:VCARD":
            count += depth == 0
            depth += 1
        elif keyword == "END:VCARD":
            depth = max(0, depth - 1)
    return count


def independent_count(name: str) -> int:
    text = _text((REAL / name).read_bytes())
    if name in VOBJECT_REFUSES:
        with pytest.raises(Exception):  # noqa: B017  (keeps the list honest)
            list(vobject.readComponents(text, ignoreUnreadable=True))
        return _level0_cards(text)
    cards = vobject.readComponents(text, ignoreUnreadable=True)
    return sum(1 for card in cards if card.name == "VCARD")


def read(name: str) -> tuple[list[Contact], list[str]]:
    skipped: list[str] = []
    contacts = read_contacts_file(REAL / name, "vcard", skipped)
    return contacts, [note.removeprefix(f"{REAL / name}: ") for note in skipped]


def test_the_corpus_is_large_varied_and_redistributable() -> None:
    with (REAL / "PROVENANCE.tsv").open(encoding="utf-8", newline="") as handle:
        rows = {row["local_path"]: row for row in csv.DictReader(handle, delimiter="\t")}
    assert sorted(rows) == FILES
    assert len(FILES) >= 100
    producers = {row["repository"] for row in rows.values()}
    assert len(producers) >= 8
    allowed = ("GPL", "LGPL", "MIT", "BSD", "Apache", "MPL")
    assert all(row["licence"].startswith(allowed) for row in rows.values())


@pytest.mark.parametrize("name", FILES)
def test_every_real_file_imports_every_card_or_is_refused_for_a_reason(name: str) -> None:
    if name in REFUSED:
        with pytest.raises(BadExport) as refused:
            read(name)
        assert REFUSED[name] in str(refused.value)
        return
    contacts, skipped = read(name)
    assert not [note for note in skipped if "card skipped" in note]
    assert len(contacts) == independent_count(name)
    assert all(contact.name and "\ufffd" not in contact.name for contact in contacts)


def names(name: str) -> list[str]:
    return [contact.name for contact in read(name)[0]]


def test_an_undeclared_legacy_code_page_is_read_as_windows_1252() -> None:
    # Apple Address Book wrote SAP's demo contacts in Windows-1252 (Mac Roman would make
    # "Spaßlund" into "Spaﬂlund")
    read_names = names("ical4j-vcard__vcard-vCards-SAP.vcf")
    assert {"Ingrid Spaßlund", "Günther Blümchen", "Berit Müller"} <= set(read_names)
    assert names("roundcubemail__johndoe.vcf") == ["John Doë"]


def test_shift_jis_declared_or_not_is_read() -> None:
    # CHARSET=SHIFT_JIS on some properties: the file's undeclared ones are Shift_JIS too
    assert names("android_frameworks_opt_vcard__v21_japanese_1.vcf") == ["安藤ロイド"]
    assert "安藤ロイド3" in names("android_frameworks_opt_vcard__v21_multiple_entry.vcf")


def test_utf16_without_a_bom_and_a_fold_inside_a_utf8_character() -> None:
    assert names("roundcubemail__utf-16_sample.vcf") == ["Ǽgean ĽdaMonté"]
    (contact,), _ = read("kcontacts__vcard9.vcf")
    assert contact.notes.startswith("Длинный комментарий на русском языке")


def test_odd_lines_and_nested_cards_are_skipped_with_their_own_line() -> None:
    contacts, skipped = read("kcontacts__vcard_legacy_messaging_fields.vcf")
    assert [c.name for c in contacts] == ["My Name"]
    assert skipped == [
        f"line {n}: 'X-messaging/{kind}-All' is not a property name; skipped"
        for n, kind in ((6, "twitter"), (7, "irc"), (8, "xmpp"))
    ]
    contacts, skipped = read("android_frameworks_opt_vcard__v21_invalid_comment_line.vcf")
    assert [note.split(":")[0] for note in skipped] == ["line 6", "line 9"]
    contacts, skipped = read("android_frameworks_opt_vcard__v21_nest.vcf")
    assert [c.name for c in contacts] == ["parent"]
    assert [c.value for c in contacts[0].points] == ["1"]
    assert skipped == [f"line {n}: a card inside a card; skipped" for n in (4, 8)]


def test_a_21_backslash_continues_the_address_on_the_next_line() -> None:
    (contact,), skipped = read("android_frameworks_opt_vcard__v21_adr_multiple_line.vcf")
    addresses = [point.value for point in contact.of_kind("address")]
    assert "Hermann v. Brevern, 9999999, Packstation 999, Hamburg, 99999, Deutschland" in addresses
    assert skipped == []
