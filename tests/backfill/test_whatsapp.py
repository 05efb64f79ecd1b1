"""WhatsApp's exported chats: the days, senders and directions the journal will show.

Expectations are read off the fixtures by hand (tests/fixtures/backfill/whatsapp/PROVENANCE.md
says what each holds); the property tests check that no file, however damaged, gets out of the
reader as anything but traces or a BadExport.
"""

from __future__ import annotations

import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.backfill import whatsapp
from netdash.backfill.whatsapp_lines import parse
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace
from netdash.importers.source import BadExport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "backfill" / "whatsapp"
ANA = Counterpart("name", "Ana Souza", "Ana Souza")


def read(path: Path, *me: str, day_first: bool | None = None) -> tuple[list[Trace], Tally]:
    tally = Tally()
    traces = list(whatsapp.read(path, ReadOptions(me=me, day_first=day_first), tally))
    return traces, tally


def summary(traces: list[Trace]) -> list[tuple[str, bool, tuple[str, ...]]]:
    """(local day and time, from me, who else) of each trace."""
    return [
        (
            trace.at.isoformat(sep=" ") if trace.at else "",
            trace.from_me,
            tuple(person.value for person in trace.people),
        )
        for trace in traces
    ]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_android_en_us_one_to_one() -> None:
    traces, tally = read(FIXTURES / "WhatsApp Chat with Ana Souza.txt")
    assert summary(traces) == [
        ("2025-12-28 21:41:00", True, ("Ana Souza",)),
        ("2025-12-28 21:58:00", False, ("Ana Souza",)),
        ("2025-12-29 00:05:00", False, ("Ana Souza",)),  # 12:05 AM, <Media omitted>
        ("2025-12-30 08:15:00", True, ("Ana Souza",)),  # edited: still a message
        ("2026-01-02 23:59:00", True, ("Ana Souza",)),  # only the user wrote that day
        ("2026-01-03 12:00:00", False, ("Ana Souza",)),  # 12:00 PM is noon
    ]
    assert tally.skipped == 2  # the encryption notice, the deleted message
    assert tally.me == {"Rui Costa"}
    assert tally.done == tally.total > 0
    for trace in traces:
        assert (trace.channel, trace.conversation, trace.unit) == (
            "whatsapp",
            "Ana Souza",
            "message",
        )
        assert trace.people == (ANA,) and trace.group_size is None and trace.minutes is None
        assert trace.at is not None and trace.on == trace.at.date()


def test_ios_zip_with_media() -> None:
    traces, tally = read(FIXTURES / "WhatsApp Chat - Ana Souza.zip")
    assert summary(traces) == [
        ("2025-12-31 21:41:05", True, ("Ana Souza",)),
        ("2025-12-31 21:42:10", False, ("Ana Souza",)),  # <attached: …jpg>
        ("2026-01-01 10:00:00", False, ("Ana Souza",)),  # image omitted
        ("2026-01-01 10:01:00", False, ("Ana Souza",)),  # two lines, one message
        ("2026-01-03 07:00:00", True, ("Ana Souza",)),
    ]
    assert tally.skipped == 2  # the notice, a missed call
    assert tally.me == {"Rui Costa"}
    assert {trace.conversation for trace in traces} == {"Ana Souza"}


def test_a_renamed_ios_zip_takes_the_chats_name_from_its_notice(tmp_path: Path) -> None:
    copy = tmp_path / "backup.zip"
    copy.write_bytes((FIXTURES / "WhatsApp Chat - Ana Souza.zip").read_bytes())
    traces, tally = read(copy)
    assert {trace.conversation for trace in traces} == {"Ana Souza"}
    assert tally.me == {"Rui Costa"} and len(traces) == 5


def test_an_unzipped_folder_reads_like_the_zip(tmp_path: Path) -> None:
    folder = tmp_path / "WhatsApp Chat - Ana Souza"
    with zipfile.ZipFile(FIXTURES / "WhatsApp Chat - Ana Souza.zip") as archive:
        archive.extractall(folder)
    (folder / "notes.txt").write_text("not a chat\n", encoding="utf-8")
    traces, _ = read(folder)
    assert summary(traces) == summary(read(FIXTURES / "WhatsApp Chat - Ana Souza.zip")[0])


def test_german_group_needs_me_and_counts_senders() -> None:
    path = FIXTURES / "WhatsApp Chat mit Familie.txt"
    with pytest.raises(BadExport, match="--me NAME"):
        read(path)
    traces, tally = read(path, "jonas berg")
    assert summary(traces) == [
        ("2025-01-03 18:10:00", False, ("Lena Berg",)),
        ("2025-01-03 18:11:00", False, ("+49 151 2345678",)),
        ("2025-01-04 09:00:00", True, ()),
        ("2025-01-13 21:45:00", True, ()),
    ]
    assert traces[1].people == (Counterpart("phone", "+49 151 2345678"),)
    assert {trace.conversation for trace in traces} == {"Familie"}
    assert tally.skipped == 4  # notice, created the group, added someone, a deleted message
    assert tally.me == {"Jonas Berg"}


def test_me_by_number() -> None:
    traces, tally = read(FIXTURES / "WhatsApp Chat mit Familie.txt", "0151 2345678")
    assert tally.me == {"+49 151 2345678"}
    assert [trace.from_me for trace in traces] == [False, True, False, False]


def test_spanish_dates_without_a_day_over_12_are_read_day_first() -> None:
    path = FIXTURES / "Chat de WhatsApp con Marta Díaz.txt"
    traces, tally = read(path)
    assert summary(traces) == [
        ("2025-01-03 21:41:00", False, ("Marta Díaz",)),
        ("2025-01-03 21:50:00", True, ("Marta Díaz",)),
        ("2025-01-04 00:15:00", False, ("Marta Díaz",)),
        ("2025-02-07 18:30:00", True, ("Marta Díaz",)),
    ]
    assert tally.skipped == 2 and tally.me == {"Pablo Ruiz"}
    # the user can say otherwise for a file that never shows its order
    month_first, _ = read(path, day_first=False)
    assert [trace.on for trace in month_first] == [
        date(2025, 3, 1),
        date(2025, 3, 1),
        date(2025, 4, 1),
        date(2025, 7, 2),
    ]


def test_french_and_brazilian_layouts() -> None:
    traces, tally = read(FIXTURES / "Discussion WhatsApp avec Claire Martin.txt")
    assert summary(traces) == [
        ("2025-12-31 21:41:00", False, ("Claire Martin",)),
        ("2026-01-01 00:02:00", True, ("Claire Martin",)),
        ("2026-01-01 00:03:00", True, ("Claire Martin",)),
    ]
    assert tally.skipped == 1 and tally.me == {"Luc Petit"}
    traces, tally = read(FIXTURES / "Conversa do WhatsApp com Bia Lima.txt")
    assert summary(traces) == [
        ("2025-12-31 21:41:00", False, ("Bia Lima",)),
        ("2025-12-31 21:43:00", True, ("Bia Lima",)),
    ]
    assert tally.skipped == 2 and tally.me == {"Caio Alves"}


def test_ios_en_us_group_renamed() -> None:
    path = FIXTURES / "ios_en_us_renamed.txt"
    with pytest.raises(BadExport, match="--me NAME"):
        read(path)
    traces, tally = read(path, "Eli Moss")
    assert summary(traces) == [
        ("2025-12-31 21:45:00", False, ("Dee Park",)),
        ("2026-01-01 10:02:13", True, ()),
        ("2026-01-01 10:05:00", False, ("Fay Lund",)),  # shown as "~ Fay Lund"
        ("2026-01-01 10:06:00", False, ("Dee Park",)),  # a sticker
    ]
    assert {trace.conversation for trace in traces} == {"Book club"}
    assert tally.skipped == 2


CHAT_MINER = [
    "chat-miner_ddmmyy_24hrs.txt",
    "chat-miner_mmddyy_24hrs.txt",
    "chat-miner_mmddyyyy_12hrs.txt",
    "chat-miner_yyyymmdd_24hrs.txt",
    "chat-miner_bracket_mmddyy_24hrs.txt",
]


@pytest.mark.parametrize("name", CHAT_MINER)
def test_chat_miners_five_layouts_of_one_group(name: str) -> None:
    """The same group in five layouts: the same days and senders from each."""
    traces, tally = read(FIXTURES / name, "John Doe")
    assert summary(traces) == [
        ("2019-01-01 11:25:00", True, ()),
        ("2019-01-20 11:23:00", True, ()),  # "John Doe:." an empty message
        ("2019-01-30 20:49:00", False, ("Jahn Doe",)),
        ("2020-06-10 15:55:00", False, ("John-John Doe",)),
        ("2021-12-10 10:10:00", False, ("John Doe 🤓",)),
        ("2021-12-20 12:10:00", False, ("🤓",)),
        ("2021-12-30 22:01:00", True, ()),  # the last line has no line break
    ]
    assert tally.skipped == 2  # created group, you were added
    assert len({trace.conversation for trace in traces}) == 1


def test_the_conversation_of_a_renamed_group_is_its_senders_in_any_export() -> None:
    first, _ = read(FIXTURES / CHAT_MINER[0], "John Doe")
    second, _ = read(FIXTURES / CHAT_MINER[3], "John Doe")
    assert (
        first[0].conversation
        == second[0].conversation
        == ("Jahn Doe, John Doe 🤓, John-John Doe, 🤓")
    )


def test_an_ambiguous_file_is_read_in_the_order_that_never_goes_back(tmp_path: Path) -> None:
    """en-IN writes the day first with a 12-hour clock: 10, 11, 12 January then 1 February;
    read month first it would jump back from December to January."""
    path = write(
        tmp_path,
        "WhatsApp Chat with Ana Souza.txt",
        "10/1/25, 9:00 am - Ana Souza: hi\n11/1/25, 9:00 am - Me: hi\n"
        "12/1/25, 9:00 am - Ana Souza: hi\n1/2/25, 9:00 pm - Me: hi\n",
    )
    traces, _ = read(path)
    assert [trace.on for trace in traces] == [
        date(2025, 1, 10),
        date(2025, 1, 11),
        date(2025, 1, 12),
        date(2025, 2, 1),
    ]
    assert traces[-1].at == datetime(2025, 2, 1, 21, 0)


def test_an_en_us_file_with_nothing_to_tell_is_read_month_first(tmp_path: Path) -> None:
    path = write(tmp_path, "WhatsApp Chat with Ana Souza.txt", "3/4/25, 9:41\u202fPM - Me: hi\n")
    assert [trace.on for trace in read(path)[0]] == [date(2025, 3, 4)]
    assert [trace.on for trace in read(path, day_first=True)[0]] == [date(2025, 4, 3)]


def test_a_renamed_one_to_one_chat_needs_me(tmp_path: Path) -> None:
    text = "31/12/2025, 21:41 - Ana Souza: hi\n31/12/2025, 21:42 - Rui Costa: hello\n"
    path = write(tmp_path, "chat.txt", text)
    with pytest.raises(BadExport, match="--me NAME"):
        read(path)
    traces, tally = read(path, "Rui Costa")
    assert [trace.people for trace in traces] == [(ANA,), (ANA,)]
    assert {trace.conversation for trace in traces} == {"Ana Souza"}
    assert tally.me == {"Rui Costa"}


def test_a_me_naming_no_sender_is_not_taken_for_a_stranger(tmp_path: Path) -> None:
    text = "31/12/2025, 21:41 - Ana Souza: hi\n31/12/2025, 21:42 - Rui Costa: hello\n"
    named = write(tmp_path, "WhatsApp Chat with Ana Souza.txt", text)
    traces, tally = read(named, "Rui")  # a 1:1 chat: the user is who is not Ana
    assert [(t.from_me, t.people) for t in traces] == [(False, (ANA,)), (True, (ANA,))]
    assert tally.me == {"Rui Costa"}
    with pytest.raises(BadExport, match=r"--me Rui is none of its senders \(Ana Souza, Rui"):
        read(write(tmp_path, "chat.txt", text), "Rui")
    alone = write(tmp_path, "alone.txt", "31/12/2025, 21:41 - Ana Souza: hi\n")
    assert [(t.from_me, t.people) for t in read(alone, "Rui")[0]] == [(False, (ANA,))]


def test_names_with_terminal_escapes_are_kept_as_given(tmp_path: Path) -> None:
    name = "Ana \x1b[31mSouza\x1b[0m"
    path = write(tmp_path, f"WhatsApp Chat with {name}.txt", f"31/12/2025, 21:41 - {name}: hi\n")
    traces, _ = read(path)
    assert traces[0].people == (Counterpart("name", name, name),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (b"", "1: is empty"),
        (b"\n\n", "1: is empty"),
        (b"Dear Ana,\n31/12/2025, 21:41 - Ana: hi\n", "1: not a WhatsApp chat export"),
        (b"\n[2019-12-24, 12:23] Jane Doe: Hello\n", "2: not a WhatsApp"),  # Signal's export
        (b"31/12/2025, 21:41 - Ana: hi\n\xff\n", "line 2: is not UTF-8"),
    ],
)
def test_what_is_not_a_chat_is_refused_with_file_and_line(
    tmp_path: Path, text: bytes, problem: str
) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(text)
    with pytest.raises(BadExport, match=problem) as caught:
        read(path, "Me")
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize(
    "subject",
    [
        'Ana changed the subject from "Trip" to "Trip: day 2"',
        "Ana hat den Betreff von \u201eReise\u201c zu \u201eReise: Tag 2\u201c ge\u00e4ndert",
        "Ana changed the subject to \u201cTrip: day 2\u201d",
        "Ana a modifi\u00e9 le sujet en \u00ab Voyage : jour 2 \u00bb",
        "Ana a modifi\u00e9 le sujet de \u00abVoyage\u00bb en \u00abVoyage: jour 2\u00bb",
    ],
)
def test_a_system_line_quoting_a_colon_is_no_message(subject: str) -> None:
    line = parse(f"15/01/2024, 10:30 - {subject}")
    assert line is not None and line.kind == "system"


def test_looks_like_decides_by_content() -> None:
    for name in [*CHAT_MINER, "WhatsApp Chat - Ana Souza.zip", "ios_en_us_renamed.txt"]:
        assert whatsapp.looks_like(FIXTURES / name), name
    assert not whatsapp.looks_like(FIXTURES / "PROVENANCE.md")
    assert not whatsapp.looks_like(FIXTURES / "missing.txt")
    assert not whatsapp.looks_like(FIXTURES.parent.parent / "twitter")


def test_progress_is_reported_against_a_total() -> None:
    seen: list[tuple[int, int]] = []
    tally = Tally(progress=lambda done, total: seen.append((done, total)))
    list(whatsapp.read(FIXTURES / "WhatsApp Chat with Ana Souza.txt", ReadOptions(), tally))
    size = (FIXTURES / "WhatsApp Chat with Ana Souza.txt").stat().st_size
    assert seen[-1] == (2 * size, 2 * size)  # two passes over the file
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_progress_over_a_zip_of_two_chats(tmp_path: Path) -> None:
    chats = {
        "WhatsApp Chat with Ana Souza.txt": "31/12/2025, 21:41 - Ana Souza: hi\n",
        "WhatsApp Chat with Rui Costa.txt": "31/12/2025, 21:42 - Rui Costa: hello there\n" * 3,
    }
    archive = tmp_path / "chats.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in chats.items():
            out.writestr(name, text)
    seen: list[tuple[int, int]] = []
    tally = Tally(progress=lambda done, total: seen.append((done, total)))
    list(whatsapp.read(archive, ReadOptions(), tally))
    total = 2 * sum(len(text) for text in chats.values())  # two passes, uncompressed
    assert seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_no_trace_carries_what_was_said() -> None:
    traces, _ = read(FIXTURES / "WhatsApp Chat with Ana Souza.txt")
    said = ("around", "Tuesday", "new year", "You too", "Media")
    for trace in traces:
        assert not any(word in repr(trace) for word in said)


def check_anything(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        whatsapp.looks_like(path)
        try:
            for trace in whatsapp.read(path, ReadOptions(me=("Ana",)), Tally()):
                assert isinstance(trace, Trace)
        except BadExport:
            pass


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_give_traces_or_bad_export(data: bytes) -> None:
    check_anything(data, "WhatsApp Chat with Ana.txt")


pieces = st.sampled_from(
    [
        "31/12/2025, 21:41 - ",
        "12/31/25, 9:41\u202fPM - ",
        "[31.12.25, 21:41:05] ",
        "[1/2/26, 0:00:00 p. m.] ",
        "2019/13/45, 25:61 - ",
        "99/99/99, 99:99 - ",
        "\u200e",
        "Ana: ",
        "Bo: ",
        "+49 151 2345678: ",
        '"x: ',
        ": ",
        ":",
        "hi",
        "\x1b[2J",
        "\r",
        "\n",
        "This message was deleted",
        "\u200eimage omitted",
    ]
)


@FUZZ
@given(st.lists(pieces, max_size=40), st.sampled_from(["chat.txt", "WhatsApp Chat with Ana.txt"]))
def test_lines_made_of_the_formats_pieces_give_traces_or_bad_export(
    parts: list[str], name: str
) -> None:
    check_anything("".join(parts).encode(), name)


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat - Ana.zip"
    line = b"31/12/2025, 21:41 - Ana: " + b"a" * 200 + b"\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", line * 200_000)
    with pytest.raises(BadExport, match="zip bomb"):
        read(path)


def test_a_folder_of_several_exported_chats_reads_each(tmp_path: Path) -> None:
    for name in ["WhatsApp Chat with Ana Souza.txt", "Discussion WhatsApp avec Claire Martin.txt"]:
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    traces, tally = read(tmp_path)
    by_chat = {
        chat: sum(t.conversation == chat for t in traces) for chat in ("Ana Souza", "Claire Martin")
    }
    assert by_chat == {"Ana Souza": 6, "Claire Martin": 3} and len(traces) == 9
    assert tally.me == {"Rui Costa", "Luc Petit"}
    assert tally.skipped == 3
