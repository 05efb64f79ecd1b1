"""The line reader under every text importer: a broken byte is reported at its own line."""

from __future__ import annotations

import io

import pytest

from netdash.importers.lines import text_lines
from netdash.importers.source import BadExport

BLOCK = 1 << 16  # what text_lines reads at a time


def refusal(data: bytes) -> str:
    with pytest.raises(BadExport) as caught:
        for _ in text_lines(io.BytesIO(data), "chat.txt", 1 << 30):
            pass
    return str(caught.value)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xff", 1),
        (b"a\nb\n\xff\n", 3),
        (b"\xef\xbb\xbfa\r\nb\r\nc\xffd\n", 3),  # after a BOM, in CR LF text
        (b"a\rb\rc\xff\r", 3),  # old Mac line ends
        (b"a\n\n\nb\xc3(\n", 4),  # a lead byte without its continuation
        (b"a\nb\xe2\x82", 2),  # a character cut short by the end of the file
        # the bad byte far into a 64 KB block: line 1 is 70,000 bytes long, so the block
        # that holds the bad byte began inside it
        (b"x" * 70_000 + b"\n" + b"y\n" * 10 + b"\xc3(", 12),
        # a CR LF split by the block boundary counts once
        (b"z" * (BLOCK - 1) + b"\r\n" + b"ok\n" + b"\xff\n", 3),
        # 20,000 lines, then an empty one, then the bad one
        (b"line\n" * 20_000 + b"\r\nz\xe2\x82\n", 20_002),
    ],
)
def test_a_byte_that_is_not_utf8_is_reported_at_its_line(data: bytes, line: int) -> None:
    assert refusal(data) == f"chat.txt: line {line}: is not UTF-8 text"
