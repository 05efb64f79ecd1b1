"""vCard 2.1, 3.0 and 4.0 address books (RFC 2426, RFC 6350), read into :class:`Contact` values.

Written here rather than taken from a library: netdash needs a small subset, and that subset has
to survive what real exports do (Apple's omit-year birthdays and ``itemN.`` labels, Android's
quoted-printable 2.1 cards, folded lines). Structural damage rejects the file with the line to
look at; a value netdash cannot use (an odd birthday, a social profile it cannot read) is skipped,
so one strange card does not cost the user the whole address book.

This module reads the file's cards (what is skipped and what refuses the file);
:mod:`netdash.importers.vcard_card` gives each card's properties their meaning and
:mod:`netdash.importers.vcard_lines` reads the line syntax beneath them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator

from netdash.importers import limits
from netdash.importers.lines import byte_lines, wide_codec
from netdash.importers.source import BadExport
from netdash.importers.vcard_card import card_contact, contact_size
from netdash.importers.vcard_lines import (
    BASE64_LINE,
    LINE_BYTES,
    UNUSED,
    VALUE_CHARS,
    Charsets,
    ContentLine,
    parse_line,
    snippet,
    unfold,
)
from netdash.store.contact import Contact


def looks_like_vcard(start: bytes | str) -> bool:
    """Whether a file's first bytes are a vCard's ``BEGIN:VCARD``, in UTF-8, UTF-16 or UTF-32
    (with a byte-order mark or without) or any 8-bit charset."""
    if isinstance(start, bytes):
        codec = wide_codec(start[:4])
        text = start.decode(codec or "latin-1", errors="ignore")
    else:
        text = start
    return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


def read_vcards(text: str, label: str, skipped: list[str] | None = None) -> list[Contact]:
    """Every card in ``text`` (a whole .vcf file); ``label`` names the file in messages."""
    data = io.BytesIO(text.encode("utf-8", errors="surrogatepass"))
    return read_vcard_lines(byte_lines(data, label, len(data.getvalue())), label, skipped)


def read_vcard_lines(
    lines: Iterable[tuple[int, str]],
    label: str,
    skipped: list[str] | None = None,
    charsets: Charsets | None = None,
) -> list[Contact]:
    """Every card of a .vcf file (see :func:`iter_vcard_lines`), kept in bounded memory: at most
    limits.MAX_KEPT_BYTES of text (photos are read past)."""
    cards: list[Contact] = []
    kept = 0  # what the contacts read so far take

    def held() -> int:
        return kept

    for contact in iter_vcard_lines(lines, label, skipped, charsets, held):
        cards.append(contact)
        kept += limits.KEPT_ROW_BYTES + contact_size(contact)
    return cards


class _Card:
    """The card being read: its lines, where it began, and what holding them costs."""

    def __init__(self, begun: int) -> None:
        self.lines: list[ContentLine] = []
        self.begun = begun
        self.size = 0
        self.nested = 0  # depth inside a card nested in this one (2.1 AGENT), skipped whole
        self.nested_begun = 0


def iter_vcard_lines(  # long: one state machine over the lines, clearer whole
    lines: Iterable[tuple[int, str]],
    label: str,
    skipped: list[str] | None = None,
    charsets: Charsets | None = None,
    held: Callable[[], int] = lambda: 0,
) -> Iterator[Contact]:
    """The cards of a .vcf file given as (number, line as bytes, see
    :func:`netdash.importers.lines.byte_lines`), one contact at a time, so a file of any size
    is read in bounded memory: at most limits.MAX_ROWS cards, no property longer than
    limits.MAX_ENTRY_BYTES, and no value longer than :data:`VALUE_CHARS` kept. ``held`` says
    what the caller keeps of the cards before (limits.MAX_KEPT_BYTES counts it with the card
    being read, so a refusal names the line that goes past it).

    One odd card does not cost the file: a line that is no property, a nested card, or a card
    with nothing to name the contact by is left out and said in ``skipped`` with its line. A
    file that does not begin as a vCard, or is cut off inside a card, is refused."""
    said = skipped if skipped is not None else []
    charsets = charsets or Charsets(label)
    card: _Card | None = None
    count = 0
    previous: ContentLine | None = None
    for number, raw in unfold(lines, label):
        if previous is not None and previous.binary and BASE64_LINE.fullmatch(raw):
            continue  # base64 that a 2.1 writer forgot to indent: part of a photo, unused
        try:
            line = parse_line(raw, number, label, charsets)
        except BadExport as error:
            if card is None and count == 0:
                raise _not_a_card(label, number, charsets.decode(raw)) from None
            if card is None or not card.nested:
                _say(said, f"{error}; skipped")
            continue
        previous = line
        keyword = line.value.strip().upper()
        if card is not None and card.nested:
            card.nested += {"BEGIN": 1, "END": -1}.get(line.name, 0)
            if not card.nested:
                _say(said, f"{label}: line {card.nested_begun}: a card inside a card; skipped")
        elif line.name == "BEGIN":
            if card is not None:  # 2.1's AGENT, or a card nested by mistake
                card.nested, card.nested_begun = 1, number
            elif keyword != "VCARD":
                raise _not_a_card(label, number, charsets.decode(raw))
            else:
                card = _Card(number)
        elif line.name == "END":
            if card is None:
                raise BadExport(f"{label}: line {number}", "END:VCARD without a BEGIN:VCARD")
            if keyword != "VCARD":
                _say(said, f"{label}: line {number}: END:{line.value.strip()!r} in a card; skipped")
                continue
            count += 1
            if count > limits.MAX_ROWS:
                raise BadExport(
                    f"{label}: line {number}",
                    f"more than {limits.MAX_ROWS:,} cards; no real address book has as many",
                )
            try:
                contact = card_contact(card.lines, label, count, card.begun)
            except BadExport as error:
                _say(said, f"{error}; card skipped")
            else:
                yield contact
            card = None
        elif card is None:
            if count == 0:
                raise _not_a_card(label, number, charsets.decode(raw))
            shown = snippet(charsets.decode(raw))
            _say(said, f"{label}: line {number}: {shown} is outside any card; skipped")
        elif line.name == "AGENT" and keyword.startswith("BEGIN:VCARD"):
            _say(said, f"{label}: line {number}: AGENT, a card inside a card; skipped")
        elif not line.binary and line.name not in UNUSED:
            if len(line.value) > VALUE_CHARS:
                line.value = line.value[:VALUE_CHARS]
            card.lines.append(line)
            card.size += LINE_BYTES + limits.kept_size(line.value)
            if held() + card.size > limits.MAX_KEPT_BYTES:
                raise _too_much_text(f"{label}: line {number}")
    for note in charsets.said:
        _say(said, note)
    if card is not None:
        raise BadExport(
            f"{label}: line {card.begun}",
            "BEGIN:VCARD has no END:VCARD: the file is cut off inside this card",
        )
    if count == 0:
        raise BadExport(f"{label}: line 1", "empty: no BEGIN:VCARD, so not a vCard file")


MAX_SAID = 200
"""How many skipped lines and cards are named one by one; past it, only counted."""


def _say(said: list[str], note: str) -> None:
    """Add a note, naming at most MAX_SAID: a file of a million odd lines is not held twice."""
    if len(said) < MAX_SAID:
        said.append(note)
    elif len(said) == MAX_SAID:
        said.append("more lines or cards skipped besides; the first ones are named above")


def _not_a_card(label: str, number: int, text: str) -> BadExport:
    return BadExport(
        f"{label}: line {number}",
        f"{snippet(text)} where a vCard's BEGIN:VCARD should be; not a vCard file",
    )


def _too_much_text(where: str) -> BadExport:
    return BadExport(
        where,
        f"more than {limits.size(limits.MAX_KEPT_BYTES)} of text besides photos to keep in"
        " memory (a character with an emoji in its value counts 4 bytes); no real address book"
        " has as much",
    )
