"""The sms-backup reader against a real app's files and the awkward cases of the format.

Expected days, directions and people were read off each file's ``readable_date`` (the phone's
own clock) and the format's documented type codes, not from the reader's output.
"""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.backfill import sms_backup
from netdash.domain.evidence import ReadOptions, Tally, Trace
from netdash.importers.source import BadExport

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "backfill" / "sms_backup"
NEW_YORK = ReadOptions(time_zone="America/New_York")
BERLIN = ReadOptions(time_zone="Europe/Berlin", me=("Me", "+49 151 9999999"))


def traces(path: Path, options: ReadOptions = NEW_YORK) -> tuple[list[Trace], Tally]:
    tally = Tally()
    return list(sms_backup.read(path, options, tally)), tally


def test_real_sms_backup_messages_on_the_phones_days() -> None:
    found, tally = traces(HERE / "sms-test.xml")
    assert len(found) == 15 and tally.skipped == 0
    assert Counter(t.on for t in found)[date(2013, 7, 15)] == 6  # readable_date: Jul 15, 2013
    assert [t.from_me for t in found[:6]] == [False, False, True, False, False, False]
    jane = found[2]
    assert jane.conversation == "sms:15555550000" and jane.channel == "sms"
    assert [(p.kind, p.value, p.name) for p in jane.people] == [
        ("phone", "+15555550000", "Jane Smith")
    ]
    assert found[0].people[0].name == ""  # "(Unknown)" is no name
    assert found[8].people[0].kind == "email"  # an MMS sent to an e-mail address
    assert all(t.unit == "message" and t.minutes is None for t in found)


def test_group_mms_names_everyone_else_sender_first_and_learns_the_users_number() -> None:
    found, tally = traces(HERE / "sms-test.xml")
    group = found[-1]
    assert group.on == date(2015, 4, 16) and not group.from_me  # Apr 16, 2015 9:51:40 PM
    assert group.people[0].value == "+15555550005"  # addr type 137: who sent it
    assert {p.value for p in group.people} == {f"+1555555000{n}" for n in (1, 3, 4, 5)}
    assert {p.name for p in group.people} >= {"Ted Turner", "Antonio Scott"}
    assert group.group_size == 5
    assert group.conversation == "sms:15555550001,15555550003,15555550004,15555550005"
    assert tally.me == {"+15555550002"}  # in addrs, not among the others in address


def test_real_call_log_directions_and_durations() -> None:
    found, tally = traces(HERE / "calls-test.xml")
    assert len(found) == 12 and tally.skipped == 0
    first, john = found[0], found[1]
    assert (first.unit, first.from_me, first.on) == ("missed_call", False, date(2014, 9, 16))
    assert (john.unit, john.from_me, john.minutes) == ("call", False, 38 / 60)
    assert john.conversation == "phone:5555550001" and john.people[0].name == "John Stuart"
    oscar = found[6]  # type 2, 130 s, Sep 21, 2014 4:32:48 PM
    assert (oscar.from_me, oscar.minutes, oscar.on) == (True, 130 / 60, date(2014, 9, 21))
    assert all(t.channel == "phone" and t.group_size == 2 for t in found)


def test_awkward_messages_are_read_or_skipped_and_counted() -> None:
    found, tally = traces(HERE / "sms-awkward.xml", BERLIN)
    # draft, failed, no date, no address, draft MMS and an unknown element
    assert tally.skipped == 6 and len(found) == 7
    night = found[0]  # 23:30 UTC on the 9th is half past midnight in Berlin
    assert night.on == date(2024, 3, 10) and not night.from_me
    assert found[1].from_me and found[1].on == date(2024, 3, 10)
    bank = found[2]
    assert [(p.kind, p.value) for p in bank.people] == [("name", "OTP Bank")]
    assert found[3].people[0].value == "+491517777777"  # escape codes in a name: no crash
    group = found[4]
    assert [(p.value, p.name) for p in group.people] == [
        ("+491511111111", "Bo Berg"),
        ("+491512222222", "Cy Chen"),
    ]
    assert group.group_size == 3
    no_address = found[5]  # the others come from addrs, less the number given with --me
    assert [p.value for p in no_address.people] == ["+491513333333"]
    seconds = found[6]  # an MMS dated in seconds, sent
    assert seconds.on == date(2024, 3, 9) and seconds.from_me


def test_awkward_calls() -> None:
    found, tally = traces(HERE / "calls-awkward.xml", BERLIN)
    assert tally.skipped == 4  # blocked, private, no number, unknown type
    kinds = [(t.unit, t.from_me, t.minutes) for t in found]
    assert kinds == [
        ("call", False, 125 / 60),
        ("missed_call", True, None),  # an outgoing call nobody answered
        ("call", True, 61 / 60),
        ("missed_call", False, None),  # missed
        ("missed_call", False, None),  # voicemail
        ("missed_call", False, None),  # rejected
        ("call", False, 0.5),  # answered on another device
        ("call", False, 0.0),  # a duration that is not a number
    ]
    assert found[3].conversation == "phone:0301234567"
    assert found[3].people[0].value == "030 1234567"


@pytest.mark.parametrize("duration", ["9" * 400, str(8 * 24 * 3600)], ids=["400 digits", "8 days"])
def test_a_call_length_no_call_has_is_no_length(tmp_path: Path, duration: str) -> None:
    path = tmp_path / "calls-long.xml"
    path.write_text(
        f'<calls count="1"><call number="+4915112345678" duration="{duration}"'
        ' date="1700000000000" type="1" /></calls>'
    )
    (trace,) = traces(path)[0]
    assert (trace.unit, trace.minutes) == ("call", None)


def test_a_date_no_calendar_holds_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "sms-far.xml"
    path.write_text(f'<smses count="1"><sms address="1234" date="{"9" * 400}" type="1" /></smses>')
    found, tally = traces(path)
    assert (found, tally.skipped) == ([], 1)


def test_never_content() -> None:
    bodies = ("secret", "morning", "draft", "code is", "group hello", "mms with", "I'm home")
    for name in ("sms-test.xml", "sms-awkward.xml"):
        for trace in traces(HERE / name, BERLIN)[0]:
            text = repr(trace)
            assert not any(body in text for body in bodies), text


def test_time_zone_moves_the_day() -> None:
    tokyo = traces(HERE / "sms-test.xml", ReadOptions(time_zone="Asia/Tokyo"))[0]
    assert tokyo[0].on == date(2013, 7, 16)  # 23:07 UTC
    with pytest.raises(BadExport, match="time zone"):
        traces(HERE / "sms-test.xml", ReadOptions(time_zone="Mars/Olympus"))


def test_folder_zip_and_renamed_file(tmp_path: Path) -> None:
    folder = tmp_path / "SMSBackupRestore"
    folder.mkdir()
    shutil.copy(HERE / "sms-test.xml", folder / "sms-20150418.xml")
    shutil.copy(HERE / "sms-test.xml", folder / "sms-20150419.xml")  # the next day's backup
    shutil.copy(HERE / "calls-test.xml", folder / "calls-20150418.xml")
    (folder / "sms.xsl").write_text("<xsl/>")
    assert sms_backup.looks_like(folder)
    in_folder, tally = traces(folder)
    assert len(in_folder) == 15 + 12 and tally.skipped == 0  # repeats yielded once
    archive = tmp_path / "backup.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in sorted(folder.iterdir()):
            handle.write(path, f"backup/{path.name}")
    assert sms_backup.looks_like(archive)
    assert len(traces(archive)[0]) == 27
    renamed = tmp_path / "messages.txt"
    shutil.copy(HERE / "sms-test.xml", renamed)
    assert sms_backup.looks_like(renamed) and len(traces(renamed)[0]) == 15


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    tally = Tally(progress=lambda done, total: seen.append((done, total)))
    list(sms_backup.read(HERE / "sms-test.xml", NEW_YORK, tally))
    size = (HERE / "sms-test.xml").stat().st_size
    assert seen and seen[-1] == (size, size)


def test_looks_like_refuses_other_files(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?><rss><channel/></rss>")
    mbox = tmp_path / "mail.mbox"
    mbox.write_bytes(b"From a@b Sat Jan  1 00:00:00 2000\nFrom: a@b\n\nhi\n")
    assert not sms_backup.looks_like(other)
    assert not sms_backup.looks_like(mbox)
    assert not sms_backup.looks_like(tmp_path / "missing.xml")
    with pytest.raises(BadExport, match="no SMS Backup"):
        traces(other)


def test_broken_xml_names_the_line(tmp_path: Path) -> None:
    cut = tmp_path / "sms-cut.xml"
    lines = (HERE / "sms-test.xml").read_bytes().splitlines(keepends=True)
    cut.write_bytes(b"".join(lines[:8]) + b'  <sms address="1234" date="13')
    with pytest.raises(BadExport, match=r"sms-cut\.xml:9: is not well-formed XML"):
        traces(cut)


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    laughs = tmp_path / "sms-laughs.xml"
    laughs.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE smses [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<smses count="1"><sms address="1234" date="1" type="1" contact_name="&b;"/></smses>'
    )
    with pytest.raises(BadExport, match=r"sms-laughs\.xml:2: declares a DOCTYPE"):
        traces(laughs)


_HEAD = b"<?xml version='1.0' encoding='UTF-8'?>\n<smses count='3'>\n"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400), st.booleans())
def test_any_bytes_give_traces_or_bad_export(tmp_path: Path, data: bytes, prefixed: bool) -> None:
    path = tmp_path / "sms-fuzz.xml"
    path.write_bytes((_HEAD if prefixed else b"") + data)
    try:
        found = traces(path)[0]
    except BadExport:
        return
    assert all(isinstance(trace, Trace) for trace in found)


_RECORD = st.builds(
    lambda tag, attrs: f"<{tag} {attrs} />",
    st.sampled_from(["sms", "mms", "call"]),
    st.lists(
        st.builds(
            lambda key, value: f'{key}="{value}"',
            st.sampled_from(
                ["address", "number", "date", "type", "msg_box", "duration", "contact_name"]
            ),
            st.text(alphabet="0123456789+-~ ,abc&#;x()\u00b2", max_size=16).map(
                lambda text: text.replace("&", "&amp;")
            )
            | st.just("9" * 400),
        ),
        max_size=6,
        unique_by=lambda attr: attr.split("=")[0],
    ).map(" ".join),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_RECORD, max_size=8), st.sampled_from(["smses", "calls"]))
def test_any_records_give_traces_or_bad_export(
    tmp_path: Path, records: list[str], root: str
) -> None:
    path = tmp_path / "records.xml"
    path.write_text(f"<{root}>" + "".join(records) + f"</{root}>")
    try:
        found, tally = traces(path)
    except BadExport:
        return
    assert len(found) + tally.skipped == len(records)
