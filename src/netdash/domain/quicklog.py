"""Quick capture: one line of natural text becomes a journal entry.

    yesterday: coffee with Grace Hopper and @ada #navy talked about COBOL

reads as: a date (before a colon, or a leading date phrase), people (capitalised names after
"with", "called", "met"... joined by "and" or commas, any @handle, and any ``#12``: a person's id,
alone or after their name, which is how two people who share a name are told apart), a kind
guessed from words such as coffee, call or zoom, #tags (a tag has a letter in it: ``#12`` is an
id, ``#work`` a tag), and the rest as the note. Parsing is pure; resolving names
against the journal is a separate step (``store.journal.resolve_mentions``), so each can be tested
on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from netdash.domain.dates import WEEKDAYS, OutOfRange, parse_date
from netdash.domain.errors import InvalidInput
from netdash.domain.models import DEFAULT_KIND

#: Words after which capitalised words are people's names.
TRIGGERS = frozenset(
    [
        "with",
        "called",
        "met",
        "texted",
        "messaged",
        "emailed",
        "phoned",
        "helped",
        "saw",
        "visited",
        "thanked",
        "introduced",
        "hosted",
        "joined",
    ]
)
#: Lower-case words allowed inside a name when a capitalised word follows ("Ana de Souza").
PARTICLES = frozenset(
    [
        "de",
        "da",
        "das",
        "do",
        "dos",
        "del",
        "della",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
        "bin",
        "al",
        "ter",
    ]
)
CONNECTORS = frozenset(["and", "&", "+"])

#: Kind keywords, most specific first: the first kind with a keyword in the text wins.
KIND_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("introduction", frozenset(["introduced", "intro", "introduction", "introductions"])),
    ("helped_them", frozenset(["helped"])),
    ("video", frozenset(["video", "zoom", "facetime", "videocall", "hangout", "teams"])),
    ("call", frozenset(["call", "called", "phoned", "phone", "rang", "calls"])),
    (
        "message",
        frozenset(
            [
                "texted",
                "messaged",
                "emailed",
                "email",
                "dm",
                "dmed",
                "message",
                "messages",
                "wrote",
                "text",
            ]
        ),
    ),
    (
        "event",
        frozenset(
            [
                "event",
                "conference",
                "meetup",
                "party",
                "wedding",
                "workshop",
                "gala",
                "concert",
                "talk",
            ]
        ),
    ),
    (
        "in_person",
        frozenset(
            [
                "coffee",
                "lunch",
                "dinner",
                "breakfast",
                "brunch",
                "drinks",
                "beer",
                "tea",
                "walk",
                "met",
                "visited",
                "saw",
                "hike",
            ]
        ),
    ),
)
#: Verbs after a leading name that make the sentence about them: "Ana helped me move".
SUBJECT_VERBS = frozenset(
    [
        "helped",
        "called",
        "texted",
        "messaged",
        "emailed",
        "phoned",
        "introduced",
        "invited",
        "visited",
        "reached",
        "pinged",
        "dropped",
        "came",
        "stopped",
        "wrote",
    ]
)
THEY_STARTED_VERBS = frozenset(
    ["called", "texted", "messaged", "emailed", "phoned", "invited", "reached", "pinged", "wrote"]
)
HELPED_ME = re.compile(r"\b(helped me|gave me|they helped|did me a favou?r)\b")
THEY_STARTED = re.compile(
    r"\b(reached out to me|called me|texted me|messaged me|emailed me|invited me|pinged me)\b"
)
ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
#: A person's id as typed: ``#12``, or ``(#12)`` as the ambiguity message once suggested.
ID_TOKEN = re.compile(r"\(?#([0-9]{1,18})\)?[.,;:!?]*")
#: A form field's person: a name followed by their id ("John Smith #12", "John Smith (#12)").
NAMED_ID = re.compile(r"(?P<name>.*?)\s*\(?#(?P<id>[0-9]{1,18})\)?")
_TRAILING = ".,;:!?)\"'"


@dataclass(frozen=True)
class Mention:
    """A person as written: a name, a handle (stored without its '@'), or an id (``#12``, with
    the name written before it, if any, in ``text``): only an id tells apart people who share
    a name."""

    text: str
    is_handle: bool
    person_id: int | None = None

    def __str__(self) -> str:
        if self.person_id is not None:
            return f"{self.text} #{self.person_id}" if self.text else f"#{self.person_id}"
        return f"@{self.text}" if self.is_handle else self.text


def _person_id(token: str) -> int | None:
    """The id a ``#12`` or ``(#12)`` token names; None for anything else (``#work`` is a tag)."""
    match = ID_TOKEN.fullmatch(token)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class QuickLog:
    """What a line of text says, before any name is looked up."""

    occurred_on: date
    date_text: str | None
    mentions: tuple[Mention, ...]
    kind: str
    initiated_by: str
    tags: tuple[str, ...]
    note: str


def split_date(text: str, today: date) -> tuple[date, str | None, str]:
    """Take a date off the front: the words before a colon, or a leading date phrase."""
    head, colon, rest = text.partition(":")
    if colon and head.strip():
        try:
            return parse_date(head, today), head.strip(), rest.strip()
        except InvalidInput:
            if len(head.split()) <= 4 and not any(ch.isupper() or ch in "@#" for ch in head):
                raise  # "yesterdy: coffee" means a mistyped date, not a note starting "yesterdy"
    words = text.split()
    for size in (4, 3, 2, 1):
        if len(words) <= size:
            continue
        phrase = " ".join(words[:size])
        if size == 1 and not (
            phrase.lower() in ("today", "yesterday")
            or (phrase.lower() in WEEKDAYS and len(phrase) > 4)
            or ISO_DAY.fullmatch(phrase)
        ):
            continue  # a lone "sat" or "may" is a word, not a date, without a colon
        try:
            return parse_date(phrase, today), phrase, " ".join(words[size:])
        except OutOfRange:
            raise  # "2099-01-01 coffee with Ana" is a date, one a journal cannot hold
        except InvalidInput:
            continue
    return today, None, text.strip()


def _bare(token: str) -> str:
    return token.rstrip(_TRAILING).lstrip("(\"'")


def _is_name_word(token: str) -> bool:
    word = _bare(token)
    return bool(word) and word[0].isupper() and word[0].isalpha()


def _names_after(
    tokens: list[str], start: int, connectors: frozenset[str]
) -> tuple[list[Mention], int]:
    """Collect names following a trigger word; stop at the first word that is not part of one.
    An id after a name (``John Smith #12``) says which John Smith; an id alone is a person too."""
    names: list[Mention] = []
    current: list[str] = []
    index = start
    while index < len(tokens):
        token = tokens[index]
        word = _bare(token)
        ends_name = token != word and token.rstrip(_TRAILING) != token
        person_id = _person_id(token)
        if person_id is not None:
            names.append(Mention(" ".join(current), is_handle=False, person_id=person_id))
            current = []
            index += 1
            if token.rstrip(")")[-1] in ".;:!?":
                break  # "with #12. Then..." ends the list, as a full stop after a name does
            continue
        if _is_name_word(token) or (
            current
            and word.lower() in PARTICLES
            and index + 1 < len(tokens)
            and _is_name_word(tokens[index + 1])
        ):
            current.append(word)
        elif word.lower() in connectors or token == "," or token.startswith("@"):
            if current:
                names.append(Mention(" ".join(current), is_handle=False))
                current = []
        else:
            break
        index += 1
        if ends_name and current:
            names.append(Mention(" ".join(current), is_handle=False))
            current = []
            if not token.endswith(","):
                break  # a full stop or other mark ends the list of names
    if current:
        names.append(Mention(" ".join(current), is_handle=False))
    return names, index


@dataclass
class _Found:
    """What the left-to-right pass has gathered so far, shared by its steps."""

    mentions: list[Mention] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)

    def mention(self, item: Mention) -> None:
        """Keep a person once, where first named (an id is the same person however written)."""
        if item.person_id is not None and any(
            item.person_id == known.person_id for known in self.mentions
        ):
            return
        if item not in self.mentions:
            self.mentions.append(item)


def _handle(token: str) -> Mention | None:
    """An ``@handle`` token as a mention (stored lower-case, without the '@')."""
    if token.startswith("@") and len(_bare(token)) > 1:
        return Mention(_bare(token)[1:].lower(), is_handle=True)
    return None


def _leading_subject(tokens: list[str], found: _Found) -> str:
    """Names opening a sentence about them ("Ana helped me"); who started it, by the verb."""
    leading, verb_at = _names_after(tokens, 0, CONNECTORS)
    if not (leading and verb_at < len(tokens)):
        return "me"
    verb = _bare(tokens[verb_at]).lower()
    if verb not in SUBJECT_VERBS:
        return "me"
    for name in leading:
        found.mention(name)
    return "them" if verb in THEY_STARTED_VERBS else "me"


def _after_trigger(tokens: list[str], index: int, found: _Found) -> int:
    """Names after the trigger word at ``index``; the index of the first token past them."""
    # "introduced Ana to Bo" names both people
    trigger = _bare(tokens[index]).lower()
    connectors = CONNECTORS | {"to"} if trigger == "introduced" else CONNECTORS
    names, stop = _names_after(tokens, index + 1, connectors)
    for name in names:
        found.mention(name)
    for later in tokens[index + 1 : stop]:
        if handle := _handle(later):
            found.mention(handle)
        if _person_id(later) is None and later.startswith("#") and len(_bare(later)) > 1:
            found.tags.append(_bare(later)[1:])
        else:
            found.note.append(later)
    return stop


def _scan(tokens: list[str], found: _Found) -> None:
    """Sort every token into a tag, a mention or the note (mentions stay in the note)."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (person_id := _person_id(token)) is not None:
            found.mention(Mention("", is_handle=False, person_id=person_id))
        elif token.startswith("#") and len(_bare(token)) > 1:
            tag = _bare(token)[1:]
            if tag.lower() not in (t.lower() for t in found.tags):
                found.tags.append(tag)
            index += 1
            continue
        found.note.append(token)
        if handle := _handle(token):
            found.mention(handle)
        elif _bare(token).lower() in TRIGGERS:
            index = _after_trigger(tokens, index, found)
            continue
        index += 1


def _kind_of(lowered: str) -> str:
    """The kind the note's words suggest: "helped me" first, then the most specific keyword."""
    if HELPED_ME.search(lowered):
        return "helped_me"
    words = set(lowered.split())
    for candidate, keywords in KIND_WORDS:
        if words & keywords:
            return candidate
    return DEFAULT_KIND


def parse_quick_log(text: str, today: date) -> QuickLog:
    """Read one line of quick capture; raise InvalidInput with a fix the user can make."""
    text = " ".join(text.split())
    if not text:
        raise InvalidInput("nothing to log: write who you saw, e.g. 'coffee with Ana Souza'")
    occurred_on, date_text, body = split_date(text, today)
    tokens = body.split(" ") if body else []
    found = _Found()
    initiated_by = _leading_subject(tokens, found)
    _scan(tokens, found)
    if not found.mentions:
        raise InvalidInput(
            f"no one named in {body!r}: write a capitalised name after 'with' "
            "(coffee with Ana Souza) or an @handle"
        )
    lowered = " ".join(_bare(token).lower() for token in found.note)
    if THEY_STARTED.search(lowered):
        initiated_by = "them"
    return QuickLog(
        occurred_on=occurred_on,
        date_text=date_text,
        mentions=tuple(found.mentions),
        kind=_kind_of(lowered),
        initiated_by=initiated_by,
        tags=tuple(found.tags),
        note=" ".join(found.note),
    )


def mentions_from_names(text: str) -> list[Mention]:
    """People typed into a form field, comma-separated: names, @handles, or ids (``#12``, or
    ``John Smith #12`` as a form fills in a person it already knows)."""
    mentions: list[Mention] = []
    for part in text.split(","):
        name = " ".join(part.split())
        if not name:
            continue
        if named := NAMED_ID.fullmatch(name):
            item = Mention(named["name"], is_handle=False, person_id=int(named["id"]))
        elif name.startswith("@") and len(name) > 1:
            item = Mention(name[1:].lower(), is_handle=True)
        else:
            item = Mention(name, is_handle=False)
        if item not in mentions:
            mentions.append(item)
    return mentions
