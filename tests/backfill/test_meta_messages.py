"""The Messenger and Instagram reader against Meta's JSON download: thread folders as stable
conversations, names repaired, calls and missed calls, who the user is, days in their zone."""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.backfill import meta_messages
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace
from netdash.importers.source import BadExport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "backfill" / "meta"
ZOE = Counterpart("name", "Zoë Brøndum", "Zoë Brøndum")
KAI = Counterpart("name", "Kai Ito", "Kai Ito")
LEE = Counterpart("name", "Lee Park", "Lee Park")
RITA = Counterpart("name", "Rita Álvarez", "Rita Álvarez")
BOOK_CLUB = "messenger:thebookclub_5012345678901234"
ZOE_CHAT = "messenger:zoebrndum_10158000000000001"


def read(path: Path, *me: str, zone: str | None = "Europe/Berlin") -> tuple[list[Trace], Tally]:
    tally = Tally()
    traces = list(meta_messages.read(path, ReadOptions(me=me, time_zone=zone), tally))
    return traces, tally


def test_messenger_threads_give_messages_and_calls_with_names_repaired() -> None:
    traces, tally = read(FIXTURES / "messenger")
    assert [(t.conversation, t.on, t.from_me, t.unit, t.minutes, t.people) for t in traces] == [
        (BOOK_CLUB, date(2024, 6, 1), True, "message", None, (ZOE, KAI, LEE)),
        (BOOK_CLUB, date(2024, 6, 1), False, "message", None, (KAI,)),
        (ZOE_CHAT, date(2024, 5, 2), False, "message", None, (ZOE,)),
        (ZOE_CHAT, date(2024, 5, 1), True, "missed_call", None, (ZOE,)),  # call_duration 0
        (ZOE_CHAT, date(2024, 5, 1), True, "call", 5.0, (ZOE,)),
        (ZOE_CHAT, date(2024, 5, 1), False, "message", None, (ZOE,)),  # 22:30 UTC: 00:30 CEST
    ]
    assert {t.channel for t in traces} == {"messenger"}
    assert {t.conversation: t.group_size for t in traces} == {BOOK_CLUB: 4, ZOE_CHAT: 2}
    assert tally.skipped == 2  # Lee joining the group, an unsent message
    # Bo and Zoë are both in both threads: the profile says which is the user
    assert tally.me == {"Bo Lind"}
    assert tally.total == tally.done > 0


def test_message_requests_are_left_out() -> None:
    traces, _ = read(FIXTURES / "messenger")
    assert all("Spam" not in repr(t) for t in traces)


def test_the_day_follows_the_time_zone() -> None:
    traces, _ = read(FIXTURES / "messenger", zone="UTC")
    assert traces[-1].on == date(2024, 4, 30)


def test_instagram_threads_and_the_person_in_every_thread_is_me() -> None:
    traces, tally = read(FIXTURES / "instagram", zone="UTC")
    assert [(t.channel, t.conversation, t.on, t.from_me, t.people) for t in traces] == [
        ("instagram", "instagram:kai.ito_17841400000000001", date(2025, 2, 10), False, (KAI,)),
        ("instagram", "instagram:kai.ito_17841400000000001", date(2025, 2, 10), True, (KAI,)),
        ("instagram", "instagram:rita_17841400000000002", date(2025, 3, 1), False, (RITA,)),
        ("instagram", "instagram:rita_17841400000000002", date(2025, 3, 1), True, (RITA,)),
    ]
    assert tally.me == {"Bo Lind"}
    berlin = read(FIXTURES / "instagram")[0]
    assert [t.on for t in berlin[:2]] == [date(2025, 2, 11), date(2025, 2, 11)]


def test_one_thread_and_no_profile_asks_for_me() -> None:
    with pytest.raises(BadExport, match="--me NAME"):
        read(FIXTURES / "old")
    traces, tally = read(FIXTURES / "old", "bo lind", zone="UTC")
    assert [(t.conversation, t.on, t.from_me, t.people) for t in traces] == [
        ("messenger:leepark_abc123", date(2017, 8, 1), False, (LEE,)),
        ("messenger:leepark_abc123", date(2017, 7, 31), True, (LEE,)),
    ]
    assert tally.me == {"Bo Lind"}  # as the export spells it


def test_me_naming_a_participant_wins_over_the_profile() -> None:
    traces, tally = read(FIXTURES / "messenger", "Zoë Brøndum")
    assert tally.me == {"Zoë Brøndum"}
    assert [t.from_me for t in traces if t.conversation == ZOE_CHAT] == [True, False, False, True]


def test_a_renamed_message_file_keeps_its_thread_from_thread_path(tmp_path: Path) -> None:
    renamed = tmp_path / "download (1).json"
    shutil.copy(
        FIXTURES / "old" / "messages" / "inbox" / "leepark_abc123" / "message_1.json", renamed
    )
    assert meta_messages.looks_like(renamed)
    traces, _ = read(renamed, "Bo Lind")
    assert {t.conversation for t in traces} == {"messenger:leepark_abc123"}


LEE_FILE = FIXTURES / "old" / "messages" / "inbox" / "leepark_abc123" / "message_1.json"


def test_a_thread_path_that_is_not_text_is_passed_over(tmp_path: Path) -> None:
    thread = json.loads(LEE_FILE.read_text())
    thread["thread_path"] = ["inbox", 7]
    thread["title"] = "Lee Park"  # a member after it: read from the right place
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "lee.json").write_text(json.dumps(thread))
    traces, _ = read(folder / "lee.json", "Bo Lind")
    assert {t.conversation for t in traces} == {"messenger:saved"}


def test_a_message_file_numbered_past_python_int_limit_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "facebook.zip"
    inbox = "messages/inbox/leepark_abc123/"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(LEE_FILE, inbox + "message_1.json")
        out.write(LEE_FILE, inbox + f"message_{'9' * 5000}.json")
    traces, _ = read(archive, "Bo Lind")
    assert len(traces) == 4


def test_a_profile_holding_a_huge_number_is_no_name(tmp_path: Path) -> None:
    archive = tmp_path / "facebook.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(LEE_FILE, "messages/inbox/leepark_abc123/message_1.json")
        out.writestr(
            "personal_information/profile_information/profile_information.json",
            '{"profile_v2": {"name": {"full_name": "Bo Lind"}, "born": ' + "9" * 5000 + "}}",
        )
    with pytest.raises(BadExport, match="cannot tell which participant is you"):
        read(archive)


def test_a_zipped_download_reads_the_same(tmp_path: Path) -> None:
    archive = tmp_path / "instagram-bo.lind-2025-03-02-AbCd.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in (FIXTURES / "instagram").rglob("*.json"):
            out.write(file, str(file.relative_to(FIXTURES / "instagram")))
    assert meta_messages.looks_like(archive)
    assert read(archive, zone="UTC")[0] == read(FIXTURES / "instagram", zone="UTC")[0]


def test_the_end_to_end_layout_with_camel_case_keys(tmp_path: Path) -> None:
    thread = tmp_path / "messages" / "e2ee_cutover" / "kaiito_42"
    thread.mkdir(parents=True)
    (thread / "message_1.json").write_text(
        json.dumps(
            {
                "participants": ["Kai Ito", "Bo Lind"],
                "threadName": "Kai Ito",
                "messages": [
                    {
                        "isUnsent": False,
                        "senderName": "Kai Ito",
                        "text": "yo",
                        "timestamp": 1_700_000_000_000,
                    },
                    {
                        "isUnsent": True,
                        "senderName": "Bo Lind",
                        "text": "",
                        "timestamp": 1_700_000_100_000,
                    },
                ],
            }
        )
    )
    traces, tally = read(tmp_path, "Bo Lind", zone="UTC")
    assert [(t.conversation, t.on, t.people) for t in traces] == [
        ("messenger:kaiito_42", date(2023, 11, 14), (KAI,))
    ]
    assert tally.skipped == 1


def test_no_text_reaches_a_trace() -> None:
    text = repr(read(FIXTURES / "messenger")[0] + read(FIXTURES / "instagram")[0])
    for said in ("Tak for", "Chapter", "Done with", "Liked", "olá", "instagram.com", "photos"):
        assert said not in text


def test_other_files_do_not_look_like_meta_messages(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"participants": 3}')
    telegram = FIXTURES.parent / "telegram" / "personal" / "result.json"
    for path in (tmp_path / "x.json", telegram, tmp_path / "missing"):
        assert not meta_messages.looks_like(path)
    with pytest.raises(BadExport, match="not Meta's download"):
        read(telegram)


def test_a_broken_message_file_is_refused_with_its_place(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "instagram", tmp_path / "ig")
    broken = next((tmp_path / "ig").rglob("message_1.json"))
    broken.write_text(broken.read_text()[:-40])
    with pytest.raises(BadExport, match=r"message_1\.json: line \d+"):
        read(tmp_path / "ig")


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.just(10**400)
    | st.floats()
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
MESSAGE = st.fixed_dictionaries(
    {},
    optional={
        "sender_name": st.sampled_from(["Bo Lind", "Kai Ito", "Zo\u00c3\u00ab", ""]) | VALUES,
        "timestamp_ms": st.integers(min_value=-(10**20), max_value=10**20) | VALUES,
        "call_duration": st.integers() | VALUES,
        "is_unsent": VALUES,
        "type": st.sampled_from(["Generic", "Call", "Subscribe"]) | VALUES,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    participants=VALUES,
    messages=st.lists(MESSAGE | VALUES, max_size=6),
    raw=st.binary(max_size=200),
)
def test_any_thread_gives_traces_or_bad_export(
    participants: object, messages: list[object], raw: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inbox = Path(folder) / "messages" / "inbox"
        (inbox / "a_1").mkdir(parents=True)
        (inbox / "b_2").mkdir(parents=True)
        document = {"participants": participants, "messages": messages, "thread_path": raw.hex()}
        (inbox / "a_1" / "message_1.json").write_text(json.dumps(document))
        (inbox / "b_2" / "message_1.json").write_bytes(raw)
        for me in ((), ("Bo Lind",)):
            meta_messages.looks_like(Path(folder))
            try:
                traces, _ = read(Path(folder), *me)
            except BadExport:
                continue
            assert all(isinstance(t, Trace) for t in traces)
