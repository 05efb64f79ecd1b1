"""WhatsApp's "Export chat": one trace per message, who wrote it and when, never what it said.

Android shares ``WhatsApp Chat with NAME.txt``; iOS a zip ``WhatsApp Chat - NAME.zip`` holding
``_chat.txt`` (and the media, never opened). A folder or zip holding several exported chats is
read chat by chat. The file is read twice, streaming: first for what only the whole file tells
(the order of its dates, its senders, so who the user is), then for the traces.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from netdash.backfill.members import HEAD_BYTES, Counted, sizes
from netdash.backfill.whatsapp_lines import MARKS, Evidence, Line, moment, parse
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace
from netdash.importers.lines import text_lines
from netdash.importers.source import BadExport, ExportSource

SOURCE = "whatsapp"
CHANNEL = "whatsapp"

MAX_CHAT_BYTES = 1 << 30
"""A chat's text (media are separate files): ten years of a busy chat is about 50 MB."""

MAX_SENDERS = 10_000
"""Distinct senders remembered from one chat (a WhatsApp group holds at most 1,024 members at
a time); past it the chat is taken for a group and the rest are not remembered."""

_CHAT_FILE = re.compile(
    r"(?:WhatsApp[ -]Chat(?: with| mit| con| avec| com| met)?(?: -)?|Chat de WhatsApp con"
    r"|Conversa do WhatsApp com|Discussion WhatsApp avec|Chat WhatsApp con)"
    r" +(?P<name>.+?)(?: ?\(\d+\))?",
    re.IGNORECASE,
)
"""The chat's name in the file the app wrote, in its languages (a second download's `` (1)``
dropped): ``WhatsApp Chat with Ana Souza.txt``, ``WhatsApp Chat - Ana Souza.zip``."""

_PHONE = re.compile(r"\+?[\d ()\-.\u00a0]{6,}")


def looks_like(path: Path) -> bool:
    """Whether ``path`` holds a WhatsApp chat export: a text file (or one in a folder or zip)
    whose first line starts with a date and time the way the app writes them."""
    try:
        with ExportSource(path) as source:
            return any(_head_is_chat(source, member) for member in _chats(source)[:1])
    except Exception:  # whatever the file, the answer is only "not this format"
        return False


def read(path: Path, options: ReadOptions, tally: Tally) -> Iterator[Trace]:
    """Each message of each chat in ``path``, oldest first; see the module's docstring."""
    with ExportSource(path) as source:
        members = _chats(source)
        if not members:
            raise BadExport(
                str(path), "holds no WhatsApp chat export (a .txt whose lines start with a date)"
            )
        size_of = sizes(source, members)
        tally.total = 2 * sum(size_of.values())
        offset = 0
        for member in members:
            yield from _read_chat(source, member, options, tally, offset)
            offset += 2 * size_of[member]


def _chats(source: ExportSource) -> list[str]:
    """The members to read: a file given alone whatever its name, else every ``.txt`` in the
    folder or zip whose first line is dated (a README beside them is passed over)."""
    if len(source.names) == 1 and source.names[0] == source.path.name:
        return source.names
    return [
        name
        for name in source.names
        if name.lower().endswith(".txt") and _head_is_chat(source, name)
    ]


def _head_is_chat(source: ExportSource, member: str) -> bool:
    with source.open(member) as handle:
        head = handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
    first = next((line for line in head.splitlines() if line.strip(MARKS + " \t")), "")
    return parse(first) is not None


def _dated(
    source: ExportSource, member: str, tally: Tally, offset: int
) -> Iterator[tuple[int, Line | None, str]]:
    """(line number, the dated line or None for a continuation, the text) of a member."""
    with source.open(member) as handle:
        counted = Counted(handle, tally, offset)
        for number, text in text_lines(counted.reading(), source.where(member), MAX_CHAT_BYTES):
            yield number, parse(text), text


@dataclass
class _Scan:
    """What the first pass learns of a chat."""

    evidence: Evidence = field(default_factory=Evidence)
    senders: set[str] = field(default_factory=set)
    crowded: bool = False
    notice: str = ""
    """The sender of iOS's end-to-end notice on the first line: the chat's name."""
    group: bool = False


def _scan(source: ExportSource, member: str, tally: Tally, offset: int) -> _Scan:
    scan = _Scan()
    started = False
    where = source.where(member)
    for number, line, text in _dated(source, member, tally, offset):
        if line is None:
            if not started and text.strip(MARKS + " \t\r\n"):
                raise BadExport(
                    f"{where}:{number}",
                    "not a WhatsApp chat export: its first line does not start with a date",
                )
            continue
        if not started and line.notice:
            scan.notice = line.sender
        started = True
        scan.evidence.add(line)
        scan.group = scan.group or line.group
        if line.kind == "message" and line.sender not in scan.senders:
            if len(scan.senders) < MAX_SENDERS:
                scan.senders.add(line.sender)
            else:
                scan.crowded = True
    if not started:
        raise BadExport(f"{where}:1", "is empty: not a WhatsApp chat export")
    return scan


@dataclass(frozen=True)
class _Chat:
    """Who is who in one chat: the user's senders, the other person of a 1:1 chat, its id."""

    me: frozenset[str]
    counterpart: Counterpart | None
    conversation: str


def _read_chat(
    source: ExportSource, member: str, options: ReadOptions, tally: Tally, offset: int
) -> Iterator[Trace]:
    scan = _scan(source, member, tally, offset)
    day_first = scan.evidence.day_first(options.day_first)
    chat = _who(scan, _chat_name(member, source.path) or scan.notice, options, source.where(member))
    tally.me |= chat.me or set(options.me)
    size = tally.done - offset
    people: dict[str, tuple[Counterpart, ...]] = {}
    for _, line, _ in _dated(source, member, tally, offset + size):
        if line is None:
            continue
        stamp = moment(line, day_first) if line.kind == "message" else None
        if stamp is None:
            tally.skipped += 1  # a system line, a deleted message, a date no calendar has
            continue
        from_me = line.sender in chat.me
        if chat.counterpart is not None:
            with_whom: tuple[Counterpart, ...] = (chat.counterpart,)
        elif from_me:
            with_whom = ()
        else:
            with_whom = people.get(line.sender) or (identity(line.sender),)
            if len(people) < MAX_SENDERS:
                people[line.sender] = with_whom
        yield Trace(CHANNEL, chat.conversation, stamp.date(), stamp, with_whom, from_me, "message")


def _chat_name(member: str, path: Path) -> str:
    """The chat's name from the file the app wrote, or from the zip or folder around
    ``_chat.txt``; "" when the file was renamed."""
    for name in (PurePosixPath(member).name, path.name):
        stem = re.sub(r"\.(txt|zip)$", "", name, flags=re.IGNORECASE)
        found = _CHAT_FILE.fullmatch(stem.strip())
        if found:
            return found["name"].strip(MARKS + " ")
    return ""


def _who(scan: _Scan, chat_name: str, options: ReadOptions, where: str) -> _Chat:
    """Which senders are the user: those ``--me`` names; else, in a 1:1 chat (named by its file
    or iOS's notice, and no system line about a group), the one sender who is not the chat's
    name; else, with one sender only and a ``--me`` that is not them, nobody. Otherwise the
    chat is refused: nothing in the export says which member wrote it, and a ``--me`` that
    names no sender would make the user a stranger in their own chat.
    """
    senders = scan.senders
    named = {sender for sender in senders if same(sender, chat_name)} if chat_name else set()
    me = {sender for sender in senders if any(same(sender, mine) for mine in options.me)}
    one_named = chat_name and not scan.group and not scan.crowded
    if not me and one_named and len(senders - named) <= 1:
        me = senders - named
    elif not me and len(senders) > (1 if options.me else 0):
        shown = ", ".join(sorted(senders)[:4]) + (", …" if len(senders) > 4 else "")
        told = f"--me {', '.join(options.me)} is none of its senders ({shown})"
        asked = f"cannot tell which of its senders ({shown}) is you"
        raise BadExport(
            where,
            f"{told if options.me else asked}: pass --me NAME, your name as the chat shows it",
        )
    others = senders - me
    one_to_one = not scan.group and not scan.crowded and len(others) <= 1
    if one_to_one and chat_name and others <= named:
        return _Chat(frozenset(me), identity(chat_name), chat_name)
    if one_to_one and len(others) == 1 and not chat_name:
        (other,) = others
        return _Chat(frozenset(me), identity(other), other)
    return _Chat(frozenset(me), None, chat_name or _group_id(others))


def _group_id(others: set[str]) -> str:
    """A group chat's id when its file was renamed: its other senders, which a newer export of
    the same chat repeats (a long list is hashed)."""
    joined = ", ".join(sorted(others))
    if len(joined) <= 200:
        return joined
    return "group " + hashlib.sha256(joined.encode("utf-8", "replace")).hexdigest()[:16]


def identity(sender: str) -> Counterpart:
    """A sender as the matcher takes them: a number shown for someone not in the phone's
    contacts (``+49 151 2345678``) is a phone, anything else the name the phone shows."""
    if _PHONE.fullmatch(sender) and sum(char.isdigit() for char in sender) >= 7:
        return Counterpart("phone", sender)
    return Counterpart("name", sender, sender)


def same(sender: str, given: str) -> bool:
    """Whether a sender is someone named on the command line or in the file name: the same
    name, whatever its case, or the same number (the last nine digits, so ``0151 2345678``
    and ``+49 151 2345678`` agree)."""
    given = given.strip(MARKS + " ~")
    if sender.casefold() == given.casefold():
        return True
    mine = "".join(char for char in given if char.isdigit())
    theirs = "".join(char for char in sender if char.isdigit())
    if len(mine) < 7 or len(theirs) < 7 or not _PHONE.fullmatch(sender):
        return False
    return mine[-9:] == theirs[-9:]
