"""Messenger and Instagram direct messages from Meta's JSON download.

Each conversation is a folder ``messages/inbox/<thread>/`` holding ``message_1.json``,
``message_2.json``… (under ``your_facebook_activity/``, ``your_activity_across_facebook/`` or
``your_instagram_activity/`` in newer downloads, at the top in older ones; archived threads and
end-to-end-encrypted ones alike). Only sender, time, call length and the participants are read:
``content``, photos and shares are passed over. Names are repaired (Meta writes UTF-8 bytes as
Latin-1 escapes). Message requests and filtered threads are left out: strangers, not ties.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path, PurePosixPath

from netdash.backfill.clock import LAST_SECOND, minutes, moment, user_zone
from netdash.backfill.jsonwalk import skip, stream_of
from netdash.backfill.members import sizes
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace, Unit
from netdash.importers.meta import first_key, load_json, repair, single_member, sniff
from netdash.importers.source import BadExport, ExportSource
from netdash.importers.stream import JsonStream

SOURCE = "meta-messages"
THREAD_FILE = re.compile(
    r"(?:^|/)messages/(?:inbox|archived_threads|e2ee_cutover)/([^/]+)/message_\d+\.json$"
)
INSTAGRAM_MARKS = ("your_instagram_activity/", "followers_and_following/")
FACEBOOK_MARKS = ("your_facebook_activity/", "your_activity_across_facebook/")
SYSTEM_TYPES = frozenset({"Subscribe", "Unsubscribe"})
"""Someone joined or left a group: a system line, not a message."""
PROFILES = ("profile_information/profile_information.json", "personal_information.json")


@dataclass
class _Thread:
    """One conversation: its stable folder name, its channel, its files, who is in it."""

    key: str
    channel: str
    files: list[str]
    participants: tuple[str, ...] = ()


def _thread_files(source: ExportSource) -> dict[str, list[str]]:
    """Message files by their thread's folder path, in the order Meta numbers them."""
    threads: dict[str, list[str]] = {}
    for name in source.names:
        if THREAD_FILE.search(name):
            threads.setdefault(name.rsplit("/", 1)[0], []).append(name)
    for files in threads.values():
        files.sort(key=_file_number)
    return threads


def _file_number(name: str) -> tuple[int, str]:
    """``message_12.json``'s number as a sort key, compared by length then digits: int() of
    a name with 5,000 digits is refused (Python's limit on converting long numbers)."""
    digits = re.findall(r"\d+", name.rsplit("/", 1)[1])[0]
    return len(digits), digits


def _is_thread_file(text: str) -> bool:
    """A message file the browser saved under another name: participants, then messages."""
    return first_key(text) == "participants" and '"messages"' in text


def _single(source: ExportSource) -> str | None:
    only = single_member(source)
    return only if only is not None and _is_thread_file(sniff(source, only)) else None


def looks_like(path: Path) -> bool:
    """Whether ``path`` is a Meta download with messages, or one message file, by content."""
    try:
        with ExportSource(path) as source:
            return bool(_thread_files(source)) or _single(source) is not None
    except Exception:  # a probe: whatever the file is, the answer is "not this"
        return False


def _channel(folder: str, default: str) -> str:
    if any(mark in folder for mark in INSTAGRAM_MARKS):
        return "instagram"
    if any(mark in folder for mark in FACEBOOK_MARKS):
        return "messenger"
    return default


def _export_channel(source: ExportSource) -> str:
    """Instagram's download, by its folders or its zip's name; else Facebook's."""
    if source.path.name.lower().startswith("instagram"):
        return "instagram"
    if any(mark in name for name in source.names for mark in INSTAGRAM_MARKS):
        return "instagram"
    return "messenger"


def _threads(source: ExportSource) -> list[_Thread]:
    default = _export_channel(source)
    found = _thread_files(source)
    threads = [
        _Thread(PurePosixPath(folder).name, _channel(folder + "/", default), files)
        for folder, files in sorted(found.items())
    ]
    if not threads and (only := _single(source)) is not None:
        threads = [_Thread("", default, [only])]
    for thread in threads:
        names, path = _head(source, thread.files[0], want_path=not thread.key)
        thread.participants = names
        if not thread.key:
            parent = source.path.parent.name if source.path.is_file() else ""
            thread.key = path or parent or PurePosixPath(thread.files[0]).stem
    return threads


def _head(source: ExportSource, member: str, want_path: bool) -> tuple[tuple[str, ...], str]:
    """A thread's participants (names repaired), and its thread_path's folder if asked (it is
    written after the messages, so only a lone renamed file is read to its end for it)."""
    names: tuple[str, ...] = ()
    folder = ""
    with source.open(member) as handle:
        stream = JsonStream(handle, source.where(member))
        if stream.peek() != "{":
            raise stream.fail("expected a message file's object ('{')")
        for key in stream.members("the thread"):
            if key == "participants":
                names = _names(stream.value())
                if not want_path:
                    break
            elif key == "thread_path":
                path = stream.value()  # read once, whatever it is
                folder = PurePosixPath(path).name[:200] if isinstance(path, str) else folder
            else:
                skip(stream)
    return names, folder


def _names(value: object) -> tuple[str, ...]:
    """Participant names: ``[{"name": …}]``, or plain strings in the end-to-end layout."""
    names = []
    for entry in value if isinstance(value, list) else []:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and (name := repair(name).strip()):
            names.append(name)
    return tuple(dict.fromkeys(names))


def _profile_name(source: ExportSource) -> str | None:
    """The account's own name, from Facebook's profile or Instagram's personal information."""
    for relative in PROFILES:
        member = source.find(relative)
        if member is None:
            continue
        try:
            data = load_json(source, member)
        except (BadExport, ValueError):  # ValueError: 10**5000, which json.loads refuses
            continue
        name = _dig(data, "profile_v2", "name", "full_name")
        users = _dig(data, "profile_user")
        if name is None and isinstance(users, list) and users:
            name = _dig(users[0], "string_map_data", "Name", "value")
        if isinstance(name, str) and repair(name).strip():
            return repair(name).strip()
    return None


def _dig(value: object, *keys: str) -> object:
    """``value[k1][k2]…``, or None where the path is not there."""
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _me(
    source: ExportSource, threads: list[_Thread], options: ReadOptions, tally: Tally
) -> set[str]:
    """Who the user is, as folded names: ``--me`` naming a participant; else the one person in
    (nearly) every thread; else the profile's own name; else ``--me`` as given; else refuse."""
    given = {name.strip().casefold(): name.strip() for name in options.me if name.strip()}
    seen = Counter(name.casefold() for t in threads for name in {*t.participants})
    shown = {name.casefold(): name for t in threads for name in t.participants}
    chosen: dict[str, str] = {key: shown[key] for key in given.keys() & seen.keys()}
    if not chosen:
        ranked = seen.most_common(2)
        top, count = ranked[0] if ranked else ("", 0)
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if len(threads) >= 2 and count >= 2 and count > runner_up and 2 * count >= len(threads):
            chosen = {top: shown[top]}
    if not chosen and (profile := _profile_name(source)) is not None:
        chosen = {profile.casefold(): profile}
    if not chosen:
        chosen = given
    if not chosen:
        raise BadExport(
            str(source.path),
            "cannot tell which participant is you: pass --me NAME (your name as Messenger or"
            " Instagram shows it)",
        )
    tally.me.update(chosen.values())
    return set(chosen)


def read(path: Path, options: ReadOptions, tally: Tally) -> Iterator[Trace]:
    """Each message and call of every thread, thread by thread."""
    zone = user_zone(options)
    with ExportSource(path) as source:
        threads = _threads(source)
        if not threads:
            raise BadExport(str(path), "no messages/inbox/…/message_1.json: not Meta's download")
        me = _me(source, threads, options, tally)
        size = sizes(source, [name for t in threads for name in t.files])
        tally.total = sum(size.values())
        before = 0
        for thread in threads:
            for member in thread.files:
                yield from _file(source, member, _Context(thread, me, zone, tally), before)
                before += size[member]


@dataclass
class _Context:
    thread: _Thread
    me: set[str]
    zone: tzinfo | None
    tally: Tally


def _file(source: ExportSource, member: str, context: _Context, before: int) -> Iterator[Trace]:
    with source.open(member) as handle:
        stream = stream_of(handle, source.where(member), context.tally, before)
        if stream.peek() != "{":
            raise stream.fail("expected a message file's object ('{')")
        for key in stream.members("the thread"):
            if key != "messages" or stream.peek() != "[":
                skip(stream)
                continue
            for _ in stream.element_starts("the messages"):
                trace = _trace(stream.value(), context)
                if trace is None:
                    context.tally.skipped += 1
                else:
                    yield trace
        stream.end()


def _trace(message: object, context: _Context) -> Trace | None:
    """A message or call as a trace; None for a system line, an unsent or undated message."""
    if not isinstance(message, dict) or message.get("is_unsent") is True:
        return None
    kind = message.get("type")
    if message.get("isUnsent") is True or (isinstance(kind, str) and kind in SYSTEM_TYPES):
        return None
    sender = message.get("sender_name", message.get("senderName"))
    stamp = message.get("timestamp_ms", message.get("timestamp"))
    if not isinstance(sender, str) or not isinstance(stamp, int) or isinstance(stamp, bool):
        return None
    name = repair(sender).strip()
    when = moment(stamp / 1000, context.zone) if 0 < stamp <= LAST_SECOND * 1000 else None
    if not name or when is None:
        return None
    unit, minutes = _call(message)
    thread = context.thread
    from_me = name.casefold() in context.me
    if from_me:
        others = [n for n in thread.participants if n.casefold() not in context.me]
        people = tuple(Counterpart("name", n, n) for n in others)
    else:
        people = (Counterpart("name", name, name),)
    return Trace(
        channel=thread.channel,
        conversation=f"{thread.channel}:{thread.key}",
        on=when.date(),
        at=when,
        people=people,
        from_me=from_me,
        unit=unit,
        minutes=minutes,
        group_size=len(thread.participants) or None,
    )


def _call(message: dict[str, object]) -> tuple[Unit, float | None]:
    """A call's unit and minutes from ``call_duration`` (0: nobody picked up)."""
    seconds = message.get("call_duration")
    if isinstance(seconds, int) and not isinstance(seconds, bool):
        return ("call", minutes(seconds)) if seconds > 0 else ("missed_call", None)
    if message.get("type") == "Call":
        return "call", None
    return "message", None
