"""One routing for both faces' imports: history first, then an address book, else followers."""

from __future__ import annotations

from pathlib import Path

from netdash.actions.imports import import_route

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CHAT = FIXTURES / "backfill" / "whatsapp" / "WhatsApp Chat with Ana Souza.txt"


def test_history_is_named_or_detected_from_the_content() -> None:
    assert import_route(None, CHAT) == ("history", "whatsapp")
    assert import_route("telegram", CHAT) == ("history", "telegram")  # named wins


def test_an_address_book_then_followers() -> None:
    assert import_route("vcard", CHAT) == ("people", "vcard")
    assert import_route("twitter", CHAT) == ("followers", "twitter")
    assert import_route(None, FIXTURES / "twitter") == ("followers", None)
