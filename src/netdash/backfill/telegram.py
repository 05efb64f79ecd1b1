"""Telegram Desktop's JSON export (``result.json``): one chat, or the whole account.

Only who, when and what kind are read: a message's ``text`` is passed over undecoded into
anything kept. Every message and call of a personal chat or a group becomes a trace; system
lines (joins, pins, renames) are skipped and counted, Saved Messages, channels and bots are
passed over whole (nobody else is in them), and so are ``left_chats``. The file is streamed:
a 500 MB export is read a megabyte at a time, each message decoded on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from netdash.backfill.clock import minutes, moment, user_zone
from netdash.backfill.jsonwalk import local_naive, skip, stream_of
from netdash.backfill.members import sizes
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace, Unit
from netdash.importers.meta import single_member, sniff
from netdash.importers.source import BadExport, ExportSource
from netdash.importers.stream import JsonStream

SOURCE = "telegram"
CHANNEL = "telegram"
READ_TYPES = frozenset(
    {"personal_chat", "private_group", "private_supergroup", "public_supergroup"}
)
"""Chats with other people in them; saved_messages, channels and bot_chat are passed over."""
MISSED = frozenset({"missed", "busy"})
CHAT_TYPE = re.compile(
    r'"type"\s*:\s*"(personal_chat|\w+_group|\w+_supergroup|\w+_channel|'
    r'saved_messages|bot_chat)"'
)


@dataclass
class _Chat:
    """What a chat says about itself before its messages (Telegram writes name, type, id first)."""

    name: str = ""
    kind: str = ""
    id: int | None = None


@dataclass
class _Me:
    """Who the user is: the export's own user id, ``--me``, or learnt from a personal chat."""

    ids: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    said: bool = False
    """Whether the export or the user said it (then a personal chat teaches nothing)."""

    @classmethod
    def told(cls, options: ReadOptions) -> _Me:
        me = cls()
        for given in options.me:
            value = given.strip().removeprefix("telegram:")
            if _digits(value):
                me.ids.add(f"user{value}")
            elif value.startswith("user") and _digits(value[4:]):
                me.ids.add(value)
            elif value:
                me.names.add(value.casefold())
        me.said = bool(me.ids or me.names)
        return me

    def known(self) -> bool:
        return bool(self.ids or self.names)

    def matches(self, sender_id: str, sender: str) -> bool:
        return sender_id in self.ids or (bool(sender) and sender.casefold() in self.names)


def _result_member(source: ExportSource) -> str | None:
    member = source.find("result.json") or single_member(source)
    return member if member is not None and _is_telegram(sniff(source, member)) else None


def _is_telegram(text: str) -> bool:
    """The start of Telegram Desktop's JSON: the account export's greeting, its personal
    information, or one chat's name, type and messages."""
    if not text.startswith("{"):
        return False
    head = text[:400]
    if re.match(r'\{\s*"about"\s*:\s*"[^"]*Telegram', head) or re.match(
        r'\{\s*"personal_information"\s*:\s*\{', head
    ):
        return True
    return bool(CHAT_TYPE.search(head)) and '"messages"' in text


def looks_like(path: Path) -> bool:
    """Whether ``path`` is (or holds) a Telegram Desktop JSON export, by its first bytes."""
    try:
        with ExportSource(path) as source:
            return _result_member(source) is not None
    except Exception:  # a probe: whatever the file is, the answer is "not this"
        return False


def read(path: Path, options: ReadOptions, tally: Tally) -> Iterator[Trace]:
    """Each message and call of every chat with other people in it, in file order."""
    zone = user_zone(options)
    with ExportSource(path) as source:
        member = _result_member(source)
        if member is None:
            raise BadExport(str(path), "not a Telegram Desktop JSON export (no result.json)")
        tally.total = sizes(source, [member])[member]
        with source.open(member) as handle:
            stream = stream_of(handle, source.where(member), tally)
            reader = _Reader(stream, zone, options, tally)
            yield from reader.document()
            stream.end()


class _Reader:
    def __init__(
        self, stream: JsonStream, zone: tzinfo | None, options: ReadOptions, tally: Tally
    ) -> None:
        self.stream = stream
        self.zone = zone
        self.me = _Me.told(options)
        self.tally = tally
        tally.me.update(given.strip() for given in options.me if given.strip())

    def document(self) -> Iterator[Trace]:
        """The top object: one chat's own fields, or the account's information and chat list."""
        if self.stream.peek() != "{":
            raise self.stream.fail("expected Telegram's export object ('{')")
        chat = _Chat()
        for key in self.stream.members("the export"):
            if key == "personal_information":
                self._personal(self.stream.value())
            elif key == "chats" and self.stream.peek() == "{":
                yield from self._chat_list()
            elif key in ("name", "type", "id", "messages"):
                yield from self._chat_field(key, chat)
            else:
                skip(self.stream)  # left_chats, contacts, frequent_contacts, sessions…

    def _personal(self, info: object) -> None:
        """The account's own user id: the surest way to know which messages are the user's."""
        if not isinstance(info, dict):
            return
        user = info.get("user_id")
        if isinstance(user, int) and not isinstance(user, bool):
            self.me.ids.add(f"user{user}")
            self.me.said = True
            self.tally.me.add(f"telegram:user{user}")
            parts = (info.get("first_name"), info.get("last_name"))
            name = " ".join(part for part in parts if isinstance(part, str) and part)
            if name:
                self.tally.me.add(name)

    def _chat_list(self) -> Iterator[Trace]:
        for key in self.stream.members("chats"):
            if key != "list" or self.stream.peek() != "[":
                skip(self.stream)
                continue
            for _ in self.stream.element_starts("the chat list"):
                if self.stream.peek() != "{":
                    skip(self.stream)
                    self.tally.skipped += 1
                    continue
                chat = _Chat()
                for field_name in self.stream.members("a chat"):
                    yield from self._chat_field(field_name, chat)

    def _chat_field(self, key: str, chat: _Chat) -> Iterator[Trace]:
        value: object
        if key == "messages":
            if chat.kind in READ_TYPES and chat.id is not None and self.stream.peek() == "[":
                yield from self._messages(chat)
            elif chat.kind == "" or (chat.id is None and chat.kind in READ_TYPES):
                raise self.stream.fail("a chat's messages come before its type and id")
            else:
                skip(self.stream)  # saved messages, a channel, a bot: nobody else
            return
        value = self.stream.value()
        if key == "name" and isinstance(value, str):
            chat.name = value
        elif key == "type" and isinstance(value, str):
            chat.kind = value
        elif key == "id" and isinstance(value, int) and not isinstance(value, bool):
            chat.id = value

    def _messages(self, chat: _Chat) -> Iterator[Trace]:
        if chat.kind != "personal_chat" and not self.me.known():
            raise self.stream.fail(
                f"cannot tell which sender is you in the group {chat.name[:60]!r}:"
                " pass --me NAME (your name as Telegram shows it)"
            )
        for _ in self.stream.element_starts("the messages"):
            trace = self._trace(self.stream.value(), chat)
            if trace is None:
                self.tally.skipped += 1
            else:
                yield trace

    def _trace(self, message: object, chat: _Chat) -> Trace | None:
        """A message or call as a trace; None for a system line or a message naming nobody."""
        if not isinstance(message, dict):
            return None
        unit: Unit = "message"
        minutes: float | None = None
        if message.get("type") == "service":
            if message.get("action") != "phone_call":
                return None
            sender_id, sender = message.get("actor_id"), message.get("actor")
            unit, minutes = _call(message)
        elif message.get("type") == "message":
            sender_id, sender = message.get("from_id"), message.get("from")
        else:
            return None
        if isinstance(sender_id, int) and not isinstance(sender_id, bool):
            sender_id = f"user{sender_id}"  # exports before 2021 wrote a bare number
        when = self._when(message)
        if when is None or not isinstance(sender_id, str) or not _is_user(sender_id):
            return None  # no date, or a channel posting in a group: no person to credit
        name = sender if isinstance(sender, str) else ""
        from_me = self._from_me(sender_id, name, chat)
        people: tuple[Counterpart, ...] = ()
        if not from_me:
            people = (Counterpart("handle", f"telegram:{sender_id}", name),)
        elif chat.kind == "personal_chat":
            people = (Counterpart("handle", f"telegram:user{chat.id}", chat.name),)
        return Trace(
            channel=CHANNEL,
            conversation=f"telegram:{chat.id}",
            on=when.date(),
            at=when,
            people=people,
            from_me=from_me,
            unit=unit,
            minutes=minutes,
            group_size=2 if chat.kind == "personal_chat" else None,
        )

    def _from_me(self, sender_id: str, name: str, chat: _Chat) -> bool:
        if self.me.known() and (self.me.said or chat.kind != "personal_chat"):
            return self.me.matches(sender_id, name)
        # a personal chat's id is the other person's user id: whoever else writes is the user
        mine = sender_id != f"user{chat.id}"
        if mine and sender_id not in self.me.ids:
            self.me.ids.add(sender_id)
            self.tally.me.add(name or f"telegram:{sender_id}")
        return mine

    def _when(self, message: dict[str, object]) -> datetime | None:
        """The unix time on the user's clock; the export's local time when there is none."""
        unix = message.get("date_unixtime")
        if isinstance(unix, str) and _digits(unix) and len(unix) < 16:
            return moment(int(unix), self.zone)
        date = message.get("date")
        return local_naive(date, self.zone) if isinstance(date, str) and len(date) < 40 else None


def _is_user(sender_id: str) -> bool:
    return sender_id.startswith("user") and _digits(sender_id[4:])


def _digits(text: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also takes ``²`` and ``٣``, which int() refuses or
    reads as another number."""
    return text.isascii() and text.isdigit()


def _call(message: dict[str, object]) -> tuple[Unit, float | None]:
    """A call's unit and minutes: missed or busy is an attempt, not a conversation."""
    reason = message.get("discard_reason")
    if isinstance(reason, str) and reason in MISSED:  # any other JSON value is not a reason
        return "missed_call", None
    seconds = message.get("duration_seconds")
    if isinstance(seconds, int) and not isinstance(seconds, bool):
        return "call", minutes(seconds)
    return "call", None
