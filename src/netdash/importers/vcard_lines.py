"""The content-line syntax of vCard (RFC 2426, RFC 6350, and 2.1 as phones write it): lines
unfolded, each split into group, name, parameters and value, and values unescaped.

Lines arrive as bytes (one Latin-1 character a byte, see
:func:`netdash.importers.lines.byte_lines`): folds and quoted-printable soft breaks are joined
before anything is decoded, so a UTF-8 character split by a fold comes out whole (RFC 6350
§3.2), and each value is decoded by its own ``CHARSET=`` (2.1) or else as the file's text.

What the properties mean, and how a card becomes a contact, is :mod:`netdash.importers.vcard`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from netdash.importers import limits
from netdash.importers.source import BadExport

BREAK = re.compile(r"\r\n|\r|\n")
_NAME = re.compile(r"[A-Za-z0-9_-]+")
_QUOTED_PRINTABLE = re.compile(r"(?i)(?:^|;)\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?:;|$)")
_QP_RUN = re.compile(r"(?:=[0-9A-Fa-f]{2})+")
BASE64_LINE = re.compile(r"[A-Za-z0-9+/=\s]+")
_CONTINUED = re.compile(r"[A-Za-z0-9_.-]+[;:]")
"""How a content line starts; a line after a 2.1 backslash that does not is its continuation."""
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})


@dataclass
class ContentLine:
    """One unfolded content line; ``value`` is still escaped (quoted-printable is decoded)."""

    number: int
    group: str
    name: str
    params: dict[str, list[str]]
    value: str

    def types(self) -> list[str]:
        return [kind.strip().lower() for kind in self.params.get("TYPE", []) if kind.strip()]

    @property
    def binary(self) -> bool:
        return any(e.upper() in ("B", "BASE64") for e in self.params.get("ENCODING", []))


VALUE_CHARS = 2 * limits.MAX_NOTE_CHARS + 2
"""How much of a value is kept as written: escapes (``\\n``) take two characters for one, so
this still holds one character more than limits.MAX_NOTE_CHARS of any value that has them."""

LINE_BYTES = 512
"""What holding one content line of the card being read costs besides its value."""


UNUSED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
"""Properties that can be large and that netdash does not read: not kept while a card is read."""


def unfold(lines: Iterable[tuple[int, str]], label: str) -> Iterator[tuple[int, str]]:
    """Content lines with the physical line each starts on: folds and QP soft breaks joined.

    A photo (or any base64 value) longer than limits.MAX_ENTRY_BYTES is cut short, as it is not
    read; any other content line that long is refused."""
    number = 0
    parts: list[str] = []
    size = 0
    cut = False
    for physical, raw in lines:
        raw = raw.rstrip("\r\n")
        if parts:
            if parts[-1].endswith("=") and _QUOTED_PRINTABLE.search(_head("".join(parts[:2]))):
                parts[-1] = parts[-1][:-1]  # 2.1 soft line break: the next line goes on as is
                size = _grow(parts, raw, size, number, label, cut)
                cut = size < 0
                continue
            if raw[:1] in (" ", "\t"):
                if not cut:
                    size = _grow(parts, raw[1:], size, number, label, cut)
                    cut = size < 0
                continue
            if parts[-1].endswith("\\") and raw.strip() and not _CONTINUED.match(raw):
                # 2.1 as Android reads it: a backslash at the end goes on with the next line
                size = _grow(parts, "n" + raw, size, number, label, cut)
                cut = size < 0
                continue
            yield number, "".join(parts)
            parts, size, cut = [], 0, False
        if raw.strip():
            number, parts, size = physical, [raw], len(raw)
    if parts:
        yield number, "".join(parts)


def _grow(parts: list[str], more: str, size: int, number: int, label: str, cut: bool) -> int:
    """Add a continuation; -1 once a long photo has been cut short (the rest is not kept)."""
    if cut:
        return -1
    size += len(more)
    if size <= limits.MAX_ENTRY_BYTES:
        parts.append(more)
        return size
    head = _head("".join(parts[:2]))
    name = head.split(";", 1)[0].rpartition(".")[2].strip().upper()
    if name in UNUSED or re.search(r"(?i)ENCODING\s*=\s*(B|BASE64)\b|;\s*BASE64\b", head):
        del parts[1:]
        parts[0] = head + ":"
        return -1
    raise BadExport(
        f"{label}: line {number}",
        f"{name or 'a property'} is longer than {limits.size(limits.MAX_ENTRY_BYTES)};"
        " no real address book has one that long",
    )


def _head(line: str) -> str:
    """The name and parameters: up to the first colon that is not inside a quoted parameter."""
    colon = _colon(line)
    return line if colon is None else line[:colon]


def _colon(line: str) -> int | None:
    first = line.find(":")
    if first < 0:
        return None
    if '"' not in line[:first]:
        return first
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return first  # an unbalanced quote: the first colon is the best guess


def _split_unquoted(text: str, separator: str) -> list[str]:
    pieces: list[str] = []
    quoted = False
    start = 0
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces


class Charsets:
    """How the values of one file become text: by their ``CHARSET=``, else UTF-8 where it
    decodes, else the file's legacy code page, guessed once (``guess``) when first needed."""

    def __init__(self, label: str, guess: Callable[[], str] = lambda: "cp1252") -> None:
        self.label = label
        self.guess = guess
        self.legacy: str | None = None
        self.said: list[str] = []
        self._unknown: set[str] = set()

    def decode(self, raw: str, declared: str | None = None, number: int = 0) -> str:
        """``raw`` (bytes as Latin-1 characters) as text; bytes a charset lacks become U+FFFD."""
        if raw.isascii():
            return raw
        data = raw.encode("latin-1")
        if declared:
            codec = _codec(declared)
            if codec is not None:
                try:
                    return data.decode(codec, errors="replace")
                except (UnicodeError, LookupError, ValueError):
                    codec = None  # a codec that refuses everything ("undefined")
            if codec is None and declared.upper() not in self._unknown:
                self._unknown.add(declared.upper())
                self.said.append(
                    f"{self.label}: line {number}: CHARSET {declared!r} is not a character set"
                    " netdash knows; read as the file's own"
                )
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            if self.legacy is None:
                self.legacy = _codec(self.guess()) or "cp1252"
            return data.decode(self.legacy, errors="replace")


def _codec(name: str) -> str | None:
    """Python's codec for a charset name, None if unknown. UTF-16 and UTF-32 name the file's
    text, already turned into UTF-8 by the reader, and text codecs only (no ``rot13``)."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    if info.name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def parse_line(raw: str, number: int, label: str, charsets: Charsets | None = None) -> ContentLine:
    """``group.NAME;PARAM=a,b;PARAM2="x,y":value``, and 2.1's bare ``TEL;CELL:``; ``raw`` is
    bytes as Latin-1 characters, and the value and parameters come out decoded."""
    charsets = charsets or Charsets(label)
    colon = _colon(raw)
    if colon is None:
        raise BadExport(f"{label}: line {number}", f"no ':' in {snippet(charsets.decode(raw))}")
    head, value = raw[:colon], raw[colon + 1 :]
    pieces = _split_unquoted(head, ";")
    group, _, name = pieces[0].strip().rpartition(".")
    if not _NAME.fullmatch(name):
        shown = charsets.decode(name)
        raise BadExport(f"{label}: line {number}", f"{shown!r} is not a property name")
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, equals, given = piece.partition("=")
        key = key.strip().upper()
        if not key:
            continue
        if not equals:
            params.setdefault("ENCODING" if key in _ENCODINGS else "TYPE", []).append(key)
            continue
        values = [charsets.decode(v.strip().strip('"')) for v in _split_unquoted(given, ",")]
        if key == "TYPE":  # TYPE="cell,voice" means two types
            values = [part for v in values for part in v.split(",")]
        params.setdefault(key, []).extend(values)
    line = ContentLine(number, charsets.decode(group.strip()), name.upper(), params, value)
    declared = (params.get("CHARSET") or [""])[0]
    if any(e.upper() == "QUOTED-PRINTABLE" for e in params.get("ENCODING", [])):
        value = _QP_RUN.sub(_qp_bytes, value)
    line.value = charsets.decode(value, declared, number)
    return line


def _qp_bytes(match: re.Match[str]) -> str:
    return bytes.fromhex(match.group().replace("=", "")).decode("latin-1")


def snippet(raw: str) -> str:
    return repr(raw if len(raw) <= 40 else raw[:40] + "...")


def split_escaped(value: str, separator: str | None) -> list[str]:
    """Split on unescaped ``separator`` (None: do not split), then undo ``\\, \\; \\\\ \\n``.

    By regular expression, not a character at a time: a 40,000-character note takes no time."""
    if "\\" not in value:
        return [value] if separator is None else value.split(separator)
    pieces: list[str] = []
    start = 0
    if separator is not None:
        for match in re.finditer(r"\\.|" + re.escape(separator), value, re.DOTALL):
            if match.group() == separator:
                pieces.append(_ESCAPE.sub(_unescape, value[start : match.start()]))
                start = match.end()
    pieces.append(_ESCAPE.sub(_unescape, value[start:]))
    return pieces


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(match: re.Match[str]) -> str:
    following = match.group(1)
    if following in "nN":
        return "\n"
    return following if following in ",;:\\" else match.group()


def text_value(value: str) -> str:
    return split_escaped(value, None)[0].replace("\r\n", "\n").replace("\r", "\n").strip()
