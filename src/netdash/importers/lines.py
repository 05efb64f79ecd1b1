"""Text exports a line at a time, whatever their size or encoding: the reader under the chat,
vCard and CSV importers. A file is read a block at a time with :class:`CappedReader`'s caps, so
neither a zip bomb nor a file without line breaks is ever held whole, and a byte that is not of
UTF-8 text is reported at its own line (in UTF-16 or UTF-32, at the line its block began).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import IO, Protocol

from netdash.importers import limits
from netdash.importers.source import BadExport, CappedReader


def text_lines(handle: IO[bytes], where: str, cap: int) -> Iterator[tuple[int, str]]:
    """(line number, line with its ending) of UTF-8 text (a BOM dropped) read a block at a time:
    a file over ``cap`` bytes or a line over limits.MAX_ENTRY_BYTES is refused, so neither a
    zip bomb nor a file without line breaks is ever held whole."""
    reader = io.BufferedReader(CappedReader(handle, where, cap), 1 << 16)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    return _split_lines(reader, decoder, where, "is not UTF-8 text")


def _bad_line(decoder: codecs.IncrementalDecoder, block: bytes, pending: str) -> int:
    """How many lines on from the last one read a decoding error in ``block`` lies: the block is
    decoded again a line at a time from the state it met, so the error names the line with the
    bad byte, not the line where the 64 KB block began. (Line breaks are single ASCII bytes in
    UTF-8, never part of a character, so splitting the bytes there is safe.)"""
    text = pending
    for piece in block.splitlines(keepends=True):
        try:
            text += decoder.decode(piece)
        except UnicodeError:
            break
    return 1 + len(_EOL.findall(text))


def byte_lines(handle: IO[bytes], where: str, cap: int) -> Iterator[tuple[int, str]]:
    """(line number, line with its ending) as bytes, each byte held as the character of the same
    number (Latin-1), so that a reader can unfold and split lines before it knows the charset of
    each value (a vCard 2.1 property names its own). A UTF-8 BOM is dropped; UTF-16 and UTF-32,
    with a BOM or without (told by where the NUL bytes are), are turned into UTF-8 bytes first.
    Read a block at a time with the limits of :func:`text_lines`."""
    reader = io.BufferedReader(CappedReader(handle, where, cap), 1 << 16)
    start = reader.peek(4)[:4]
    codec = wide_codec(start)
    decoder: _Decoder
    if codec is None:
        if start.startswith(codecs.BOM_UTF8):
            reader.read(3)
        decoder = codecs.getincrementaldecoder("latin-1")()
        return _split_lines(reader, decoder, where, "cannot be read")
    return _split_lines(reader, _ToUtf8(codec), where, f"is not {codec.upper()} text")


def wide_codec(start: bytes) -> str | None:
    """``utf-16``/``utf-32`` (with a BOM, which the codec reads), ``utf-16-le`` and so on (told by
    the NUL bytes of ``BE`` or ``\r\n``), or None for a file of 8-bit text."""
    if start.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(start) < 4:
        return None
    nul = [byte == 0 for byte in start]
    if nul == [False, True, True, True]:
        return "utf-32-le"
    if nul == [True, True, True, False]:
        return "utf-32-be"
    if nul == [False, True, False, True]:
        return "utf-16-le"
    if nul == [True, False, True, False]:
        return "utf-16-be"
    return None


class _Decoder(Protocol):
    def decode(self, data: bytes, final: bool = ...) -> str: ...


class _ToUtf8:
    """Decodes UTF-16 or UTF-32 and gives the UTF-8 bytes, one Latin-1 character a byte."""

    def __init__(self, codec: str) -> None:
        self.inner = codecs.getincrementaldecoder(codec)()

    def decode(self, data: bytes, final: bool = False) -> str:
        return self.inner.decode(data, final).encode("utf-8").decode("latin-1")


def _split_lines(
    reader: io.BufferedReader[CappedReader], decoder: _Decoder, where: str, problem: str
) -> Iterator[tuple[int, str]]:
    pending = ""
    number = 0
    # a decoder whose state can be set back finds the bad byte's line (UTF-8's)
    codec = decoder if isinstance(decoder, codecs.IncrementalDecoder) else None
    while True:
        block = reader.read1(1 << 16)
        state = codec.getstate() if codec else None
        try:
            pending += decoder.decode(block, final=not block)
        except UnicodeError as error:
            line = number + 1
            if codec and state:
                codec.setstate(state)
                line = number + _bad_line(codec, block, pending)
            raise BadExport(f"{where}: line {line}", problem) from error
        start = 0
        while True:
            end = _line_end(pending, start, final=not block)
            if end is None:
                break
            number += 1
            yield number, pending[start:end]
            start = end
        pending = pending[start:]
        if len(pending) > limits.MAX_ENTRY_BYTES:
            raise BadExport(
                f"{where}: line {number + 1}",
                f"is longer than {limits.size(limits.MAX_ENTRY_BYTES)}; no real line is",
            )
        if not block:
            if pending:
                yield number + 1, pending
            return


def _line_end(text: str, start: int, *, final: bool) -> int | None:
    """Where the line from ``start`` ends (after its CR LF, LF or CR), if it is complete."""
    found = _EOL.search(text, start)
    if found is None:
        return None
    if found.group() == "\r" and found.end() == len(text) and not final:
        return None  # the LF of a CR LF may be in the next block
    return found.end()


_EOL = re.compile(r"\r\n?|\n")
