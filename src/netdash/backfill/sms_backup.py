"""SMS Backup & Restore (Android, SyncTech): ``sms-*.xml`` and ``calls-*.xml`` as traces.

Texts and MMS become ``sms`` messages, calls ``phone`` calls with their direction and length;
a missed, rejected or voicemail call is the caller's attempt (``missed_call``), and so is an
outgoing call nobody answered (duration 0, from the user). The files reach gigabytes (MMS
media is inlined as base64), so they are parsed as a stream of elements, each dropped once
read; a message's ``body`` and its parts' ``text`` and ``data`` are never looked at.

XML safety: a file that declares a DOCTYPE or an entity before its root is refused (the app
never writes one); beyond that, ElementTree resolves no external entity, and the bundled
expat (2.4 and later) stops entity-expansion ("billion laughs") attacks on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import IO, cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from netdash.backfill import clock, members
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace, Unit
from netdash.importers.source import BadExport, ExportSource

SOURCE = "sms-backup"
CHUNK = 1 << 20

_ROOT = re.compile(rb"<(smses|calls)[\s>/]")
_PROLOG = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", re.DOTALL)
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]")
_POSITION = re.compile(r":? line \d+, column \d+$")
_NO_NAME = frozenset({"", "(unknown)", "null", "unknown"})

SENT_TYPES = {"1": False, "2": True}
"""``sms`` type: 1 received, 2 sent; 3 draft, 4 outbox, 5 failed, 6 queued are skipped."""
MMS_BOXES = {"1": False, "2": True}
"""``mms`` msg_box: 1 inbox, 2 sent; drafts, outbox and failed are skipped."""
CALL_TYPES = frozenset({"1", "2", "3", "4", "5", "7"})
ANSWERED = frozenset({"1", "7"})
MMS_FROM = "137"
"""An ``addr`` of type 137 is the sender (151 to, 130 cc, 129 bcc)."""


def looks_like(path: Path) -> bool:
    """Whether ``path`` holds an SMS or call-log backup (by its root element); never raises."""
    try:
        with ExportSource(path) as source:
            return bool(members.matching(source, (".xml",), _kind))
    except Exception:  # looks_like answers; the import itself says what is wrong
        return False


def _kind(start: bytes) -> str | None:
    """``smses`` or ``calls`` when the first element after the prolog is one of them (a
    DOCTYPE is passed over here, so that reading refuses it by name)."""
    rest = _PROLOG.sub(b"", start.removeprefix(b"\xef\xbb\xbf")).lstrip()
    found = _ROOT.match(rest)
    return found.group(1).decode() if found else None


def read(path: Path, options: ReadOptions, tally: Tally) -> Iterator[Trace]:
    """Every sent or received text, MMS and call, oldest file first. Several backups in one
    folder overlap (each is a full backup): a record met twice is yielded once, which costs
    about 60 bytes a record while they are read (a single backup costs nothing)."""
    zone = clock.user_zone(options)
    with ExportSource(path) as source:
        found = members.matching(source, (".xml",), _kind)
        if not found:
            raise BadExport(str(path), "no SMS Backup & Restore file (<smses> or <calls>) in it")
        tally.total = sum(members.sizes(source, [member for member, _ in found]).values())
        kinds = [kind for _, kind in found]
        overlap = len(set(kinds)) < len(kinds)  # several sms (or calls) backups
        state = _State(zone, tally, seen=set() if overlap else None)
        for raw in options.me:
            if (key := _key(raw)) is not None and ("@" in raw or _DIGITS.search(raw)):
                state.mine.add(_match_key(key))
                tally.me.add(raw)
        for member, kind in found:
            for element in _elements(source, member, kind, state):
                trace = _trace(element, state)
                if trace is None or state.repeated(trace):
                    tally.skipped += trace is None
                    continue
                yield trace


@dataclass
class _State:
    zone: tzinfo | None
    tally: Tally
    seen: set[int] | None
    """Hashes of records already yielded, when several backups may repeat them."""
    mine: set[str] = field(default_factory=set)
    """The user's own numbers (match keys), from ``--me`` and from MMS address lists."""
    done: int = 0

    def repeated(self, trace: Trace) -> bool:
        if self.seen is None:
            return False
        mark = hash((trace.conversation, trace.at, trace.unit, trace.from_me, trace.minutes))
        if mark in self.seen:
            return True
        self.seen.add(mark)
        return False

    def is_mine(self, key: str) -> bool:
        return _match_key(key) in self.mine


def _elements(source: ExportSource, member: str, kind: str, state: _State) -> Iterator[Element]:
    """Each record (a child of the root) of one backup, parsed a megabyte at a time; the root
    is emptied after each, so memory holds one record whatever the file's size."""
    where = source.where(member)
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    depth = 0
    root: Element | None = None
    mender = _Mender()
    with source.open(member) as handle:
        while True:
            read = _read(handle, where)
            chunk = mender.mend(read)
            if root is None and (declared := _DECLARATION.search(chunk)) is not None:
                line = chunk.count(b"\n", 0, declared.start()) + 1
                raise BadExport(f"{where}:{line}", "declares a DOCTYPE or entity; no backup does")
            state.done += len(read)
            state.tally.advance(state.done)
            try:
                parser.feed(chunk) if chunk else parser.close()
                for pair in parser.read_events():
                    event, element = cast(tuple[str, Element], pair)  # start, end: an element
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            root = _check_root(element, kind, where)
                        continue
                    depth -= 1
                    if depth == 1 and root is not None:
                        yield element
                        root.clear()
            except ParseError as error:
                line = error.position[0]
                problem = _POSITION.sub("", str(error))
                raise BadExport(f"{where}:{line}", f"is not well-formed XML ({problem})") from None
            if not read:
                return


class _Mender:
    """Makes the app's XML parseable: it writes an emoji as two character references to UTF-16
    surrogates (``&#55357;&#56832;``) and copies control characters from message bodies, both
    of which XML forbids. A pair is joined into its character, any other forbidden reference
    becomes U+FFFD, and a raw control byte a space. A reference cut by the end of a chunk is
    carried to the next."""

    def __init__(self) -> None:
        self.carry = b""

    def mend(self, chunk: bytes) -> bytes:
        data = self.carry + chunk
        self.carry = b""
        if chunk:
            cut = data.rfind(b"&", max(0, len(data) - 40))
            if cut >= 0 and b";" not in data[cut:]:
                data, self.carry = data[:cut], data[cut:]
        return _REFERENCE.sub(_mend_reference, data.translate(_CONTROLS))


def _mend_reference(found: re.Match[bytes]) -> bytes:
    first = _number(found.group(1), found.group(2))
    second = _number(found.group(3), found.group(4)) if found.group(0).count(b";") == 2 else None
    if second is not None and 0xD800 <= first < 0xDC00 and 0xDC00 <= second < 0xE000:
        return b"&#%d;" % (0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    mended = b"&#%d;" % first if _allowed(first) else b"&#xFFFD;"
    if second is not None:
        mended += b"&#%d;" % second if _allowed(second) else b"&#xFFFD;"
    return mended


def _number(hexadecimal: bytes | None, decimal: bytes | None) -> int:
    return int(hexadecimal, 16) if hexadecimal else int(decimal or b"0")


def _allowed(code: int) -> bool:
    """A character XML 1.0 allows."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


_ONE = rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));"
_REFERENCE = re.compile(_ONE + rb"(?:" + _ONE + rb")?")
_CONTROLS = bytes(32 if byte < 32 and byte not in (9, 10, 13) else byte for byte in range(256))


def _read(handle: IO[bytes], where: str) -> bytes:
    try:
        chunk = handle.read(CHUNK)
    except BadExport:
        raise
    except (OSError, EOFError, ValueError) as error:
        raise BadExport(where, f"cannot be read ({error})") from None
    return bytes(chunk)


def _check_root(element: Element, kind: str, where: str) -> Element:
    if element.tag != kind:
        raise BadExport(f"{where}:1", f"expected <{kind}> as the root, found <{element.tag}>")
    return element


def _trace(element: Element, state: _State) -> Trace | None:
    """The trace of one record, or None for one to skip (a draft, a private number, no date)."""
    moment = _moment(element.get("date"), state.zone)
    if moment is None:
        return None
    if element.tag == "sms":
        return _sms(element, moment)
    if element.tag == "mms":
        return _mms(element, moment, state)
    if element.tag == "call":
        return _call(element, moment)
    return None


def _moment(value: str | None, zone: tzinfo | None) -> datetime | None:
    """``date`` is epoch milliseconds (an MMS of some phones says seconds: told by its size)."""
    try:
        stamp = int((value or "").strip())
    except ValueError:
        return None
    if not 0 < stamp <= clock.LAST_SECOND * 1000:  # past it, stamp / 1000 overflows a float
        return None
    return clock.moment(stamp / 1000 if stamp >= 10**11 else stamp, zone)


def _sms(element: Element, moment: datetime) -> Trace | None:
    from_me = SENT_TYPES.get((element.get("type") or "").strip())
    if from_me is None:
        return None
    others = _others(element.get("address"), element.get("contact_name"))
    return _message(others, moment, from_me)


def _mms(element: Element, moment: datetime, state: _State) -> Trace | None:
    """An MMS names the others in ``address`` (``~`` between them in a group) and everyone,
    the user included, in ``addrs``: a number there and not in ``address`` is the user's."""
    from_me = MMS_BOXES.get((element.get("msg_box") or "").strip())
    if from_me is None:
        return None
    others = _others(element.get("address"), element.get("contact_name"))
    listed = {_match_key(key) for key, _ in others}
    sender: str | None = None
    everyone = []
    for addr in element.iter("addr"):
        identity = _identity(addr.get("address") or "", "")
        if identity is None:
            continue
        everyone.append((addr.get("type"), identity))
        if addr.get("type") == MMS_FROM:
            sender = _match_key(identity[0])
        match = _match_key(identity[0])
        if listed and match not in listed and match not in state.mine and match.isdigit():
            state.mine.add(match)
            state.tally.me.add(identity[1].value)
    if not others:  # no ``address``: everyone in ``addrs`` but the user (and a sent one's sender)
        others = [
            identity
            for kind, identity in everyone
            if not state.is_mine(identity[0]) and not (from_me and kind == MMS_FROM)
        ]
    if not from_me and sender is not None:  # the sender first: who wrote it
        others.sort(key=lambda other: _match_key(other[0]) != sender)
    return _message(others, moment, from_me)


def _message(
    others: list[tuple[str, Counterpart]], moment: datetime, from_me: bool
) -> Trace | None:
    unique = {key: who for key, who in others}
    if not unique:
        return None
    return Trace(
        channel="sms",
        conversation="sms:" + ",".join(sorted(unique)),
        on=moment.date(),
        at=moment,
        people=tuple(unique.values()),
        from_me=from_me,
        unit="message",
        group_size=len(unique) + 1,
    )


def _call(element: Element, moment: datetime) -> Trace | None:
    """Types: 1 incoming, 2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked (skipped),
    7 answered on another device (a call like an incoming one)."""
    kind = (element.get("type") or "").strip()
    identity = _identity(element.get("number") or "", element.get("contact_name") or "")
    if identity is None or _DIGITS.search(identity[0]) is None or kind not in CALL_TYPES:
        return None
    try:
        seconds = max(0, int((element.get("duration") or "0").strip()))
    except ValueError:
        seconds = 0
    from_me = kind == "2"
    unit: Unit = "call" if kind in ANSWERED or (from_me and seconds > 0) else "missed_call"
    return Trace(
        channel="phone",
        conversation="phone:" + identity[0],
        on=moment.date(),
        at=moment,
        people=(identity[1],),
        from_me=from_me,
        unit=unit,
        minutes=clock.minutes(seconds) if unit == "call" else None,
        group_size=2,
    )


def _others(address: str | None, contact_name: str | None) -> list[tuple[str, Counterpart]]:
    """(match key, counterpart) for each address of a ``~``-joined list; a group's names come
    comma-joined in the same order, and are used only when they are as many as the numbers."""
    parts = [part for part in (address or "").split("~") if part.strip()]
    name = (contact_name or "").strip()
    names = [name] if len(parts) == 1 else name.split(", ")
    if len(names) != len(parts):
        names = [""] * len(parts)
    found = []
    for part, part_name in zip(parts, names, strict=True):
        identity = _identity(part, part_name)
        if identity is not None:
            found.append(identity)
    return found


def _identity(address: str, name: str) -> tuple[str, Counterpart] | None:
    """(match key, counterpart): an e-mail (an MMS may go to one), a phone number as written
    (key: its digits), or a sender id like ``OTP Bank`` (a name); None for a hidden number."""
    address = address.strip()
    shown = "" if name.strip().lower() in _NO_NAME else name.strip()
    key = _key(address)
    if key is None:
        return None
    if "@" in address:
        return key, Counterpart("email", key, shown)
    if _DIGITS.search(address):
        return key, Counterpart("phone", address, shown)
    return key, Counterpart("name", address, shown or address)


def _key(address: str) -> str | None:
    """Digits of a number (three at least: ``-2`` is a private caller), an e-mail lower-cased,
    a sender id as written; None for nothing usable."""
    address = address.strip()
    if "@" in address:
        return address.lower()
    digits = "".join(_DIGITS.findall(address))
    if digits:
        return digits if len(digits) >= 3 else None
    return address if any(char.isalpha() for char in address) else None


def _match_key(key: str) -> str:
    """Numbers compared by their last nine digits: +15555550001 and 5555550001 are one."""
    return key[-9:] if key.isdigit() else key
