"""The mbox reader: headers only, bulk and automatic mail skipped, the user told from the file.

Expected days and people were worked out by hand from each message's Date header and the
user's zone (Europe/Berlin, UTC+1 in March 2024), not taken from the reader's output.
"""

from __future__ import annotations

import mailbox
import shutil
import zipfile
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.backfill import mbox, mbox_lines
from netdash.domain.evidence import ReadOptions, Tally, Trace
from netdash.importers.source import BadExport

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "backfill" / "mbox"
BERLIN = ReadOptions(time_zone="Europe/Berlin")


def traces(path: Path, options: ReadOptions = BERLIN) -> tuple[list[Trace], Tally]:
    tally = Tally()
    return list(mbox.read(path, options, tally)), tally


def test_takeout_mail_kept_and_skipped() -> None:
    found, tally = traces(HERE / "takeout.mbox")
    # skipped: a list, a no-reply sender, bulk, spam, an auto-reply, no date, a broken date,
    # a chat, a note to self
    assert tally.skipped == 9 and len(found) == 7
    assert tally.me == {"me@gmail.example"}  # Delivered-To, and the sender of Sent mail
    first, reply = found[0], found[1]
    assert first.on == date(2024, 3, 10)  # 23:30 UTC on the 9th is 00:30 in Berlin
    assert not first.from_me and first.conversation == "m1@example.org"
    assert [(p.kind, p.value, p.name) for p in first.people] == [
        ("email", "ana@example.org", "Ana Souza")
    ]
    assert reply.from_me and reply.conversation == "m1@example.org"  # one thread
    assert [p.value for p in reply.people] == ["ana@example.org", "bo@example.net"]
    assert reply.group_size == 3 and reply.channel == "mail" and reply.unit == "mail"
    assert found[2].people[0].value == "carla@example.org"  # Auto-Submitted: no is a person


def test_encoded_names_thread_roots_and_odd_headers() -> None:
    found = traces(HERE / "takeout.mbox")[0]
    jose = found[3]  # 20:30 at -0500 on the 10th is 02:30 on the 11th in Berlin
    assert jose.on == date(2024, 3, 11)
    assert [(p.value, p.name) for p in jose.people] == [
        ("jose@example.com", "José Müller"),
        ("ana@example.org", "Ana Souza"),
    ]
    assert jose.conversation == "j0@example.com"  # the root of References
    evil = found[4]
    assert evil.people[0].value == "evil@example.com"
    assert evil.people[0].name == "\x1b[31mEvil\x1b[0m"  # kept as given; the display strips
    no_id = found[5]
    assert no_id.conversation.startswith("sha1:")
    assert no_id.conversation == traces(HERE / "takeout.mbox")[0][5].conversation  # stable
    assert found[6].people[0].value == "eli@example.org"  # CR LF line endings


def test_never_subject_or_body() -> None:
    for trace in traces(HERE / "takeout.mbox")[0]:
        text = repr(trace)
        assert not any(word in text for word in ("secret", "lunch", "weekend", "body", "Hi!"))


def test_unquoted_from_in_a_body_is_not_a_new_message() -> None:
    # CPython's own test mailbox: "From time to time" in the body; no Date, so skipped
    found, tally = traces(HERE / "mailbox_01.mbox")
    assert found == [] and tally.skipped == 1


def test_me_given_wins(tmp_path: Path) -> None:
    found, tally = traces(
        HERE / "takeout.mbox", ReadOptions(me=("ana@example.org",), time_zone="Europe/Berlin")
    )
    assert tally.me == {"ana@example.org"}
    assert found[0].from_me and found[0].people[0].value == "me@gmail.example"


def _message(sender: str, to: str, day: int, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "plans"
    message["Date"] = f"Tue, {day} Apr 2024 12:00:00 +0000"
    message["Message-ID"] = f"<{day}@mail.example>"
    message.set_content(body)
    return message


def test_a_mail_clients_mbox_and_the_most_frequent_address(tmp_path: Path) -> None:
    """Written by Python's mailbox module (an mboxo writer that quotes From in bodies), with
    no Delivered-To and no labels: the user is the address in the most messages."""
    path = tmp_path / "Inbox"
    box = mailbox.mbox(path)
    box.add(_message("Ana <ana@example.org>", "me@example.com", 2, "From me to you\n"))
    box.add(_message("me@example.com", "Bo <bo@example.net>", 3, "hello\n"))
    box.add(_message("Cy <cy@example.com>", "me@example.com, bo@example.net", 4, "hi\n"))
    box.close()
    found, tally = traces(path)
    assert tally.me == {"me@example.com"} and tally.skipped == 0
    assert [(t.on, t.from_me) for t in found] == [
        (date(2024, 4, 2), False),
        (date(2024, 4, 3), True),
        (date(2024, 4, 4), False),
    ]
    assert [p.value for p in found[2].people] == ["cy@example.com", "bo@example.net"]


def test_folder_zip_and_renamed(tmp_path: Path) -> None:
    folder = tmp_path / "Takeout" / "Mail"
    folder.mkdir(parents=True)
    shutil.copy(HERE / "takeout.mbox", folder / "All mail Including Spam and Trash.mbox")
    (folder / "user_settings.json").write_text("{}")
    assert mbox.looks_like(tmp_path / "Takeout")
    assert len(traces(tmp_path / "Takeout")[0]) == 7
    archive = tmp_path / "takeout-20240311.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(folder / "All mail Including Spam and Trash.mbox", "Takeout/Mail/all.mbox")
    assert mbox.looks_like(archive) and len(traces(archive)[0]) == 7
    renamed = tmp_path / "mail.txt"
    shutil.copy(HERE / "takeout.mbox", renamed)
    assert mbox.looks_like(renamed) and len(traces(renamed)[0]) == 7


def test_not_an_mbox(tmp_path: Path) -> None:
    path = tmp_path / "notes.mbox"
    path.write_text("Hello\nFrom: a@b.example\n")
    assert not mbox.looks_like(path)
    assert not mbox.looks_like(tmp_path / "missing")
    assert not mbox.looks_like(HERE.parent / "sms_backup")
    with pytest.raises(BadExport, match=r"notes\.mbox:1: does not start with a 'From ' line"):
        traces(path)
    empty = tmp_path / "Trash"
    empty.write_bytes(b"")
    assert traces(empty)[0] == []  # a mail client's empty folder


def test_cannot_tell_who_the_user_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mbox, "SURVEY_MESSAGES", 1)
    path = tmp_path / "box.mbox"
    path.write_bytes(
        b"From x Sat Jan  1 00:00:00 2000\nFrom: nobody\n\nbody\n\n"
        b"From x Sat Jan  1 00:00:00 2000\nFrom: a@example.org\nTo: b@example.org\n"
        b"Date: Sat, 1 Jan 2000 00:00:00 +0000\n\nbody\n"
    )
    with pytest.raises(BadExport, match="--me"):
        traces(path)
    found = traces(path, ReadOptions(me=("b@example.org",), time_zone="UTC"))[0]
    assert [(t.on, t.from_me) for t in found] == [(date(2000, 1, 1), False)]


def test_long_lines_and_huge_headers(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    head = b"From x Sat Jan  1 00:00:00 2000\nFrom: a@example.org\nTo: b@example.org\n"
    path.write_bytes(
        head + b"To: " + b"c@example.org, " * 20_000 + b"\nDate: Sat, 1 Jan 2000 10:00:00 +0000\n\n"
        b"body\n\n"
        + head
        + b"Date: Sat, 1 Jan 2000 12:00:00 +0000\n\n"
        + b"A" * 3_000_000  # a body line of 3 MB without a break
        + b"\n\n"
        + head
        + b"Date: Sun, 2 Jan 2000 12:00:00 +0000\n\nbye\n"
    )
    found, tally = traces(path, ReadOptions(me=("b@example.org",), time_zone="UTC"))
    assert tally.skipped == 1  # the header block over 256 KB
    assert [t.on for t in found] == [date(2000, 1, 1), date(2000, 1, 2)]


def test_automatic_senders() -> None:
    automatic = [
        "no-reply@x.example",
        "noreply-maps@google.example",
        "do_not_reply@x.example",
        "MAILER-DAEMON@x.example",
        "notifications@github.example",
        "bounces+1@x.example",
        "alerts@bank.example",
        "calendar-noreply@x.example",
        "postmaster@x.example",
    ]
    people = ["ana@example.org", "reply@x.example", "newsome@x.example", "info@bakery.example"]
    assert all(mbox.automatic(address.lower()) for address in automatic)
    assert not any(mbox.automatic(address) for address in people)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=600), st.booleans())
def test_any_bytes_give_traces_or_bad_export(tmp_path: Path, data: bytes, prefixed: bool) -> None:
    path = tmp_path / "fuzz.mbox"
    path.write_bytes((b"From x Sat Jan  1 00:00:00 2000\n" if prefixed else b"") + data)
    try:
        found = traces(path, ReadOptions(me=("me@x.example",)))[0]
    except BadExport:
        return
    assert all(isinstance(trace, Trace) for trace in found)


_LINE = st.sampled_from(
    [
        "From: ",
        "To: ",
        "Cc: ",
        "Date: ",
        "References: ",
        "Message-ID: ",
        "X-Gmail-Labels: ",
        "List-Id: ",
        " ",
        "From x Sat Jan  1 00:00:00 2000",
        "",
        "Delivered-To: ",
    ]
)
_VALUE = st.text(alphabet='abc@.<>",;:=?QB_ \t\x1b\u00e9+-0123456789()', max_size=30)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(_LINE, _VALUE), max_size=20))
def test_any_headers_give_traces_or_bad_export(
    tmp_path: Path, lines: list[tuple[str, str]]
) -> None:
    path = tmp_path / "headers.mbox"
    text = "From x Sat Jan  1 00:00:00 2000\n" + "".join(f"{a}{b}\n" for a, b in lines)
    path.write_text(text, encoding="utf-8")
    try:
        found = traces(path)[0]
    except BadExport:
        return
    assert all(isinstance(trace, Trace) for trace in found)


@pytest.mark.parametrize("chunk", [1, 2, 5, 7, 64, 1000])
def test_chunk_boundaries_change_nothing(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """Every separator, blank line and header cut by the end of a read, at every place."""
    whole, whole_tally = traces(HERE / "takeout.mbox")
    monkeypatch.setattr(mbox_lines, "CHUNK", chunk)
    cut, cut_tally = traces(HERE / "takeout.mbox")
    assert cut == whole and cut_tally.skipped == whole_tally.skipped == 9


def test_delivered_to_beats_the_busiest_address(tmp_path: Path) -> None:
    path = tmp_path / "box.mbox"
    path.write_bytes(
        b"".join(
            b"From x Sat Jan  1 00:00:00 2000\n"
            b"Delivered-To: me@example.com\n"
            + f"From: p{n}@example.org\nTo: me@example.com\nCc: boss@example.org\n".encode()
            + f"Date: Sat, {n} Jan 2000 10:00:00 +0000\n\nbody\n\n".encode()
            for n in (1, 2, 3)
        )
        + b"From x Sat Jan  1 00:00:00 2000\nFrom: boss@example.org\nTo: p1@example.org\n"
        b"Date: Tue, 4 Jan 2000 10:00:00 +0000\n\n"  # no body, and the next message at once
        b"From x Sat Jan  1 00:00:00 2000\nFrom: p1@example.org\nTo: me@example.com\n"
        b"Date: Wed, 5 Jan 2000 10:00:00 +0000\n"
        b"From x Sat Jan  1 00:00:00 2000\nFrom: p2@example.org\nTo: me@example.com\n"
        b"Date: Thu, 6 Jan 2000 10:00:00 +0000\n\n"
    )
    found, tally = traces(path, ReadOptions(time_zone="UTC"))
    assert tally.me == {"me@example.com"}
    assert [t.on.day for t in found] == [1, 2, 3, 4, 5, 6]
    assert [p.value for p in found[3].people] == ["boss@example.org", "p1@example.org"]
