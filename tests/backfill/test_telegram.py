"""The Telegram reader against Telegram Desktop's JSON layouts: days in the user's zone, who
wrote, calls and missed calls, system lines skipped, chats nobody else is in passed over."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.backfill import telegram
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace
from netdash.importers.source import BadExport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "backfill" / "telegram"
ANA = Counterpart("handle", "telegram:user4242", "Ana Souza")
KAI = Counterpart("handle", "telegram:user5150", "Kai Ito")


def read(path: Path, *me: str, zone: str | None = "Europe/Berlin") -> tuple[list[Trace], Tally]:
    tally = Tally()
    traces = list(telegram.read(path, ReadOptions(me=me, time_zone=zone), tally))
    return traces, tally


def test_a_personal_chat_gives_each_message_and_call_on_the_users_day() -> None:
    traces, tally = read(FIXTURES / "personal" / "result.json")
    assert [(t.on, t.from_me, t.unit, t.minutes) for t in traces] == [
        (date(2024, 1, 16), False, "message", None),  # 23:50 UTC is 00:50 in Berlin
        (date(2024, 1, 16), True, "message", None),
        (date(2024, 1, 16), True, "call", 125 / 60),
        (date(2024, 1, 17), False, "missed_call", None),  # discard_reason missed
        (date(2024, 1, 17), False, "message", None),  # a photo is a message too
        (date(2024, 1, 17), True, "missed_call", None),  # busy: an attempt
    ]
    assert {t.people for t in traces} == {(ANA,)}
    assert {(t.channel, t.conversation, t.group_size) for t in traces} == {
        ("telegram", "telegram:4242", 2)
    }
    assert tally.skipped == 1  # the pinned-message line
    assert tally.me == {"Bo Lind"}  # the sender who is not the chat's own id
    assert tally.total == tally.done == (FIXTURES / "personal" / "result.json").stat().st_size


def test_the_day_follows_the_time_zone_asked_for_or_the_machines() -> None:
    path = FIXTURES / "personal" / "result.json"
    new_york = read(path, zone="America/New_York")[0]
    assert [t.on for t in new_york[:2]] == [date(2024, 1, 15), date(2024, 1, 15)]
    assert new_york[0].at is not None and new_york[0].at.hour == 18
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        try:
            local = read(path, zone=None)[0]
        finally:
            patch.undo()
            time.tzset()
    assert [t.on for t in local[:2]] == [date(2024, 1, 15), date(2024, 1, 16)]


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(BadExport, match="not a known time zone"):
        read(FIXTURES / "personal" / "result.json", zone="Mars/Olympus")


@pytest.mark.parametrize("unix", ["\u00b2", "1\u00b2", "\u0663"])
def test_a_unix_time_of_other_digits_falls_back_to_the_local_date(unix: str) -> None:
    message = {"id": 1, "type": "message", "date": "2024-01-15T10:30:00", "from": "Ana"}
    document = {"name": "Ana", "type": "personal_chat", "id": 4242, "messages": [message]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.json"
        path.write_text(
            json.dumps(
                {
                    **document,
                    "messages": [{**message, "from_id": "user4242", "date_unixtime": unix}],
                }
            )
        )
        traces, _ = read(path)
    assert [t.on for t in traces] == [date(2024, 1, 15)]


def test_a_group_needs_to_know_who_the_user_is() -> None:
    with pytest.raises(BadExport, match="--me NAME"):
        read(FIXTURES / "group" / "result.json")


@pytest.mark.parametrize("me", ["Bo Lind", "bo lind", "777", "user777", "telegram:user777"])
def test_a_group_with_me_credits_each_sender(me: str) -> None:
    traces, tally = read(FIXTURES / "group" / "result.json", me, zone="UTC")
    rita = Counterpart("handle", "telegram:user6160", "\x1b[31mRed\x1b[0m Rita")  # kept as given
    deleted = Counterpart("handle", "telegram:user8080", "")
    assert [(t.on, t.from_me, t.people) for t in traces] == [
        (date(2024, 3, 1), False, (KAI,)),
        (date(2024, 3, 1), False, (rita,)),
        (date(2024, 3, 1), True, ()),  # the export does not list a group's members
        (date(2024, 3, 2), False, (deleted,)),
    ]
    assert {(t.conversation, t.group_size, t.unit) for t in traces} == {
        ("telegram:1500900", None, "message")
    }
    assert tally.skipped == 3  # group created, a channel posting, a group call
    assert tally.me == {me}


def test_the_account_export_reads_people_and_groups_and_passes_over_the_rest() -> None:
    traces, tally = read(FIXTURES / "account" / "result.json", zone="UTC")
    by_chat: dict[str, int] = {}
    for trace in traces:
        by_chat[trace.conversation] = by_chat.get(trace.conversation, 0) + 1
    # saved messages (777), the channel (99), the bot (31337) and left_chats (555) passed over
    assert by_chat == {"telegram:4242": 6, "telegram:1500900": 3}
    assert tally.skipped == 1 + 2
    assert {"telegram:user777", "Bo Lind"} <= tally.me
    group = [t for t in traces if t.conversation == "telegram:1500900"]
    assert [t.from_me for t in group] == [False, False, True]  # personal_information's user_id


def test_an_old_export_without_unix_times_keeps_its_own_days() -> None:
    traces, tally = read(FIXTURES / "old" / "result.json", zone="Asia/Tokyo")
    # the first message's from_id is a bare number, as exports before 2021 wrote it
    assert [(t.on, t.from_me, t.people) for t in traces] == [
        (date(2019, 6, 30), False, (KAI,)),
        (date(2019, 7, 1), True, (KAI,)),
        (date(2019, 7, 1), False, (KAI,)),
    ]
    assert tally.skipped == 0


def test_no_text_reaches_a_trace() -> None:
    text = repr(read(FIXTURES / "account" / "result.json")[0])
    for said in ("still up", "example.org", "hello all", "welcome", "note to self", "File not"):
        assert said not in text


def test_found_by_content_in_a_zip_a_folder_or_under_another_name(tmp_path: Path) -> None:
    source = FIXTURES / "account" / "result.json"
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(source, "DataExport_2024-05-01/result.json")
        out.writestr("DataExport_2024-05-01/chats/chat_001/messages.html", "<html></html>")
    renamed = tmp_path / "chat history.txt"
    shutil.copy(FIXTURES / "personal" / "result.json", renamed)
    for path in (archive, FIXTURES / "account", renamed):
        assert telegram.looks_like(path)
    assert len(read(archive)[0]) == 9
    assert len(read(renamed)[0]) == 6


def test_other_files_do_not_look_like_telegram(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text('{"name": "x", "messages": []}')
    (tmp_path / "list.json").write_text("[1, 2, 3]")
    meta = FIXTURES.parent / "meta" / "old"
    for path in (tmp_path / "notes.json", tmp_path / "list.json", meta, tmp_path / "missing"):
        assert not telegram.looks_like(path)
    with pytest.raises(BadExport, match="not a Telegram"):
        read(tmp_path / "notes.json")


def test_a_cut_short_export_is_refused_with_its_line(tmp_path: Path) -> None:
    text = (FIXTURES / "personal" / "result.json").read_text()
    cut = tmp_path / "result.json"
    cut.write_text(text[: len(text) // 2])
    with pytest.raises(BadExport, match=r"result\.json: line \d+"):
        read(cut)


def test_messages_before_the_chats_type_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text('{"name": "A", "messages": [], "type": "personal_chat", "id": 1}')
    with pytest.raises(BadExport, match="before its type"):
        read(path)


MESSAGE_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.just(10**400) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
MESSAGE = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(["message", "service", "other"]) | st.integers(),
        "action": st.sampled_from(["phone_call", "pin_message"]) | MESSAGE_VALUES,
        "from_id": st.sampled_from(["user1", "user2", "channel3", "userx"]) | MESSAGE_VALUES,
        "actor_id": st.sampled_from(["user1", "user2"]) | MESSAGE_VALUES,
        "from": MESSAGE_VALUES,
        "date": st.sampled_from(["2024-01-01T10:00:00", "0001-01-01T00:00:00", "x"])
        | MESSAGE_VALUES,
        "date_unixtime": st.sampled_from(["1700000000", "0", "99999999999999", "-1", "\u00b2"])
        | MESSAGE_VALUES,
        "duration_seconds": MESSAGE_VALUES,
        "discard_reason": st.sampled_from(["missed", "busy"]) | MESSAGE_VALUES,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["personal_chat", "private_group", "saved_messages", "nonsense"]),
    messages=st.lists(MESSAGE | MESSAGE_VALUES, max_size=6),
)
def test_any_messages_give_traces_or_bad_export(kind: str, messages: list[object]) -> None:
    document = {"name": "C", "type": kind, "id": 1, "messages": messages}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.json"
        path.write_text(json.dumps(document))
        try:
            traces, _ = read(path, *(["user1"] if kind == "private_group" else []))
        except BadExport:
            return
    assert all(isinstance(t, Trace) and t.conversation == "telegram:1" for t in traces)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_traces_or_bad_export(data: bytes) -> None:
    prefix = b'{"name": "C", "type": "personal_chat", "id": 1, "messages": ['
    with tempfile.TemporaryDirectory() as folder:
        for body in (data, prefix + data):
            path = Path(folder) / "result.json"
            path.write_bytes(body)
            telegram.looks_like(path)
            with contextlib.suppress(BadExport):
                read(path)
