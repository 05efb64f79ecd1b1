"""Quick capture: one line of natural text becomes a journal entry.

    yesterday: coffee with Grace Hopper and @ada #navy talked about COBOL

reads as: a date (before a colon, a leading date phrase, or "today", "yesterday", "3 days ago",
"on friday" at the end), people (capitalised names after "with", "w/", "called", "met"... joined
by "and" or commas, titles such as "Dr." left out, "my sister Maria" read as Maria; any @handle;
any ``#12``: a person's id, alone or after their name, which is how two people who share a name
are told apart; and anyone the journal already knows, in any case and anywhere in the line), a
kind guessed from words such as coffee, call or zoom, how deep it went ("quick chat", "deep
talk"), who started it ("called me"), #tags (a tag has a letter in it: ``#12`` is an id,
``#work`` a tag), and the rest as the note.

Parsing is pure: what the journal knows comes in as a ``KnownNames`` (one question for the
whole line, see :mod:`netdash.domain.known_names`), and resolving each mention to a person is
a separate step (``store.mentions.resolve_mentions``), so each can be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from netdash.domain.dates import WEEKDAYS, OutOfRange, parse_date
from netdash.domain.errors import InvalidInput
from netdash.domain.known_names import (
    TRAILING,
    KnownNames,
    Span,
    bare,
    is_name_word,
    is_title,
    known_spans,
)
from netdash.domain.log_words import (
    BOTH_STARTED,
    COMMON_WORDS,
    CONNECTORS,
    DEPTH_WORDS,
    HELPED_ME,
    KIND_WORDS,
    PARTICLES,
    POSSESSIVES,
    RESERVED,
    SUBJECT_VERBS,
    THEY_STARTED,
    THEY_STARTED_VERBS,
    TRIGGERS,
)
from netdash.domain.names import NAMED_ID, shorten
from netdash.domain.vocabulary import DEFAULT_KIND

ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
#: A person's id as typed: ``#12``, or ``(#12)`` as the ambiguity message once suggested.
ID_TOKEN = re.compile(r"\(?#([0-9]{1,18})\)?[.,;:!?]*")
W_SLASH = re.compile(r"(?i)(?<!\S)w/(?=\S)")


@dataclass(frozen=True)
class Mention:
    """A person as written: a name, a handle (stored without its '@'), or an id (``#12``, with
    the name written before it, if any, in ``text``): only an id tells apart people who share
    a name. ``how`` says how the journal knew the words (a known name or alias, see
    :data:`~netdash.domain.known_names.HOWS`); empty when they were read as written."""

    text: str
    is_handle: bool
    person_id: int | None = None
    how: str = ""

    def __str__(self) -> str:
        if self.person_id is not None:
            return f"{self.text} #{self.person_id}" if self.text else f"#{self.person_id}"
        return f"@{self.text}" if self.is_handle else self.text


def _person_id(token: str) -> int | None:
    """The id a ``#12`` or ``(#12)`` token names; None for anything else (``#work`` is a tag)."""
    match = ID_TOKEN.fullmatch(token)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Said:
    """The words of a line that said what kind it was, who started it and how deep it went;
    None where the line said nothing (and the default applies, or the leading subject's verb
    said who started it)."""

    kind: str | None = None
    by: str | None = None
    depth: str | None = None


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
    depth: int | None = None
    """How deep it went, when the words said it ("quick chat" 1 ... "heart to heart" 5)."""
    said: Said = field(default_factory=Said)
    """The words that set the kind, who started it and the depth, as ``--dry-run`` shows."""


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


def _dated_end(words: list[str], size: int) -> bool:
    """Whether the last ``size`` words may be a date at the end of a line: only forms that
    cannot be a note's own words ("texted Bo about Friday" is not dated Friday)."""
    phrase = " ".join(words[-size:]).lower().rstrip(".!")
    before = words[-size - 1].lower() if len(words) > size else ""
    return (
        before == "on"
        or phrase in ("today", "yesterday")
        or bool(ISO_DAY.fullmatch(phrase))
        or phrase.endswith(" ago")
        or (size == 2 and phrase.split()[0] == "last")
    )


def trailing_date(body: str, today: date) -> tuple[date, str | None, str]:
    """A date at the end ("... today", "... 3 days ago", "... on friday"), or a lone "today" or
    "yesterday" anywhere; otherwise today, undated, the body as it was."""
    words = body.split()
    tags: list[str] = []  # "coffee with Bo 3 days ago #work": the date ends the words
    while len(words) > 1 and words[-1].startswith("#") and _person_id(words[-1]) is None:
        tags.insert(0, words.pop())
    for size in (4, 3, 2, 1):
        if len(words) <= size or not _dated_end(words, size):
            continue
        phrase = " ".join(words[-size:]).rstrip(".!")
        try:
            day = parse_date(phrase, today)
        except OutOfRange:
            raise
        except InvalidInput:
            continue
        rest = words[:-size]
        if rest[-1].lower() == "on" and len(rest) > 1:
            rest = rest[:-1]
        return day, phrase, " ".join(rest + tags)
    words += tags
    for index, word in enumerate(words):
        if word.lower().rstrip(".,;!") in ("today", "yesterday") and len(words) > 1:
            phrase = word.rstrip(".,;!")
            return parse_date(phrase, today), phrase, " ".join(words[:index] + words[index + 1 :])
    return today, None, body


def _ends_list(token: str) -> bool:
    """A full stop or other mark (not a comma) after a name ends the list of names."""
    return token.rstrip("\"')")[-1:] in ".;:!?" or token.endswith("'s")


def _skip_to_name(tokens: list[str], index: int, spans: dict[int, Span]) -> int | None:
    """Past a title ("Dr.") or a description ("my sister", "my old friend") to the name that
    follows; None when no name follows a description (the words are not about a name). A title
    is skipped even with no name after it: it is never a name ("with Dr. and Ana" is Ana)."""
    if is_title(tokens[index]):
        return index + 1
    if bare(tokens[index]).lower() not in POSSESSIVES:
        return None
    for ahead in range(index + 1, min(index + 4, len(tokens))):
        if is_name_word(tokens[ahead]) or ahead in spans:
            # a description has words before the name ("my CV" is not one)
            return ahead if ahead > index + 1 else None
        if tokens[ahead - 1] != tokens[ahead - 1].rstrip(TRAILING) and ahead - 1 != index:
            return None  # "my sister, then Bo": the description ended without a name
    return None


Found = list[tuple[int, int, Mention]]
"""Mentions with the tokens they cover: (first, past the last, mention)."""


def _names_after(
    tokens: list[str], start: int, connectors: frozenset[str], spans: dict[int, Span]
) -> tuple[Found, int]:
    """Collect names following a trigger word; stop at the first word that is not part of one.
    An id after a name (``John Smith #12``) says which John Smith; an id alone is a person too.
    A name the journal knows is one in any case ("with ana souza")."""
    names: Found = []
    current: list[str] = []
    begun = start
    index = start
    while index < len(tokens):
        token = tokens[index]
        word = bare(token)
        if not current and (span := spans.get(index)) is not None:
            if span.end < len(tokens) and _person_id(tokens[span.end]) is not None:
                current, begun, index = span.text.split(" "), index, span.end
                continue  # "John Smith #2": the id says which of the known John Smiths
            names.append((index, span.end, Mention(span.text, False, how=span.how)))
            index = span.end
            if _ends_list(tokens[span.end - 1]):
                break
            continue
        if not current and (ahead := _skip_to_name(tokens, index, spans)) is not None:
            index = ahead
            continue
        ends_name = token != word and token.rstrip(TRAILING) != token
        person_id = _person_id(token)
        if person_id is not None:
            names.append((begun, index + 1, Mention(" ".join(current), False, person_id)))
            current = []
            index += 1
            if token.rstrip(")")[-1] in ".;:!?":
                break  # "with #12. Then..." ends the list, as a full stop after a name does
            continue
        if is_name_word(token) or (
            current
            and word.lower() in PARTICLES
            and index + 1 < len(tokens)
            and is_name_word(tokens[index + 1])
        ):
            if not current:
                begun = index
            current.append(word)
        elif word.lower() in connectors or token == "," or token.startswith("@"):
            if current:
                names.append((begun, index, Mention(" ".join(current), is_handle=False)))
                current = []
        else:
            break
        index += 1
        if ends_name and current:
            names.append((begun, index, Mention(" ".join(current), is_handle=False)))
            current = []
            if not token.endswith(","):
                break  # a full stop or other mark ends the list of names
    if current:
        names.append((begun, index, Mention(" ".join(current), is_handle=False)))
    return names, index


@dataclass
class _Found:
    """What the left-to-right pass has gathered so far, shared by its steps."""

    mentions: dict[Mention, int] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)
    tags: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)

    def mention(self, item: Mention, first: int, end: int) -> None:
        """Keep a person once, where first named (an id is the same person however written)."""
        self.taken.update(range(first, end))
        if item.person_id is not None and any(
            item.person_id == known.person_id for known in self.mentions
        ):
            return
        self.mentions.setdefault(item, first)

    def in_order(self) -> tuple[Mention, ...]:
        return tuple(sorted(self.mentions, key=lambda item: self.mentions[item]))


def _handle(token: str) -> Mention | None:
    """An ``@handle`` token as a mention (stored lower-case, without the '@')."""
    if token.startswith("@") and len(bare(token)) > 1:
        return Mention(bare(token)[1:].lower(), is_handle=True)
    return None


def _leading_subject(tokens: list[str], found: _Found, spans: dict[int, Span]) -> str:
    """Names opening a sentence about them ("Ana helped me"); who started it, by the verb."""
    leading, verb_at = _names_after(tokens, 0, CONNECTORS, spans)
    if not (leading and verb_at < len(tokens)):
        return "me"
    verb = bare(tokens[verb_at]).lower()
    if verb not in SUBJECT_VERBS:
        return "me"
    for first, end, name in leading:
        found.mention(name, first, end)
    return "them" if verb in THEY_STARTED_VERBS else "me"


def _after_trigger(tokens: list[str], index: int, found: _Found, spans: dict[int, Span]) -> int:
    """Names after the trigger word at ``index``; the index of the first token past them."""
    # "introduced Ana to Bo" names both people
    trigger = bare(tokens[index]).lower()
    connectors = CONNECTORS | {"to"} if trigger == "introduced" else CONNECTORS
    names, stop = _names_after(tokens, index + 1, connectors, spans)
    for first, end, name in names:
        found.mention(name, first, end)
    for at in range(index + 1, stop):
        later = tokens[at]
        if handle := _handle(later):
            found.mention(handle, at, at + 1)
        if _person_id(later) is None and later.startswith("#") and len(bare(later)) > 1:
            found.tags.append(bare(later)[1:])
        else:
            found.note.append(later)
    return stop


def _scan(tokens: list[str], found: _Found, spans: dict[int, Span]) -> None:
    """Sort every token into a tag, a mention or the note (mentions stay in the note)."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (person_id := _person_id(token)) is not None:
            found.mention(Mention("", is_handle=False, person_id=person_id), index, index + 1)
        elif token.startswith("#") and len(bare(token)) > 1:
            tag = bare(token)[1:]
            if tag.lower() not in (t.lower() for t in found.tags):
                found.tags.append(tag)
            index += 1
            continue
        found.note.append(token)
        if handle := _handle(token):
            found.mention(handle, index, index + 1)
        elif bare(token).lower() in TRIGGERS:
            index = _after_trigger(tokens, index, found, spans)
            continue
        index += 1
    for start, span in spans.items():  # known to the journal: a person anywhere in the line
        if not span.weak and not found.taken.intersection(range(start, span.end)):
            found.mention(Mention(span.text, False, how=span.how), start, span.end)


def _kind_of(lowered: str) -> tuple[str, str | None]:
    """The kind the note's words suggest, and the word: "helped me" first, then the most
    specific keyword."""
    if match := HELPED_ME().search(lowered):
        return "helped_me", match.group(0)
    words = lowered.split()
    for candidate, keywords in KIND_WORDS:
        for word in words:
            if word in keywords:
                return candidate, word
    return DEFAULT_KIND, None


def _started(lowered: str, leading: str) -> tuple[str, str | None]:
    """Who started it, and the words that say so ("called me", "we both")."""
    if match := THEY_STARTED().search(lowered):
        return "them", match.group(0)
    if match := BOTH_STARTED().search(lowered):
        return "mutual", match.group(0)
    return leading, None


def _depth_of(lowered: str) -> tuple[int | None, str | None]:
    """How deep the words say it went, and the words; (None, None) when they do not say."""
    for depth, pattern in DEPTH_WORDS:
        if match := pattern().search(lowered):
            return depth, match.group(0)
    return None, None


def _nobody(body: str, tokens: list[str]) -> InvalidInput:
    """Why a line names no one, and what would work: for "call with mom", the alias to teach."""
    for index, token in enumerate(tokens[:-1]):
        if bare(token).lower() not in TRIGGERS:
            continue
        said = _described(tokens[index + 1 : index + 4])
        if said and said[0].isalpha() and said[0].islower():
            return InvalidInput(
                f"no one named in {shorten(body)!r}: {shorten(said)!r} is nobody in the journal"
                " yet; write their name with a capital (call with Maria Souza), or say once who"
                f" it is: netdash people edit 'Maria Souza' --alias '{shorten(said)}'",
                field="people",
            )
    return InvalidInput(
        f"no one named in {shorten(body)!r}: write a capitalised name after 'with' "
        "(coffee with Ana Souza), an @handle, or someone already in the journal",
        field="people",
    )


def _described(tokens: list[str]) -> str:
    """The words after a trigger that may mean a person: "mom", "my sister", "grace hopper",
    up to a mark or an everyday word ("about", "at")."""
    words: list[str] = []
    for token in tokens:
        word = bare(token)
        if words and (word.lower() in COMMON_WORDS or word.lower() in RESERVED):
            break
        words.append(word)
        if token != word:
            break
    return " ".join(words)


def _spaced(text: str) -> str:
    """One space between words, and "w/Ana" as "w/ Ana"."""
    return " ".join(W_SLASH.sub("w/ ", text).split())


def parse_quick_log(text: str, today: date, known: KnownNames | None = None) -> QuickLog:
    """Read one line of quick capture; raise InvalidInput with a fix the user can make.

    ``known`` answers which of the line's words name people already in the journal (any case,
    anywhere); without it only written names count (capitalised, after "with" and the like)."""
    text = _spaced(text)
    if not text:
        raise InvalidInput("nothing to log: write who you saw, e.g. 'coffee with Ana Souza'")
    occurred_on, date_text, body = split_date(text, today)
    if date_text is None:
        occurred_on, date_text, body = trailing_date(body, today)
    tokens = body.split(" ") if body else []
    spans = known_spans(tokens, known)
    found = _Found()
    initiated_by = _leading_subject(tokens, found, spans)
    _scan(tokens, found, spans)
    if not found.mentions:
        raise _nobody(body, tokens)
    lowered = " ".join(bare(token).lower() for token in found.note)
    kind, kind_text = _kind_of(lowered)
    initiated_by, by_text = _started(lowered, initiated_by)
    depth, depth_text = _depth_of(lowered)
    return QuickLog(
        occurred_on=occurred_on,
        date_text=date_text,
        mentions=found.in_order(),
        kind=kind,
        initiated_by=initiated_by,
        tags=tuple(found.tags),
        note=" ".join(found.note),
        depth=depth,
        said=Said(kind_text, by_text, depth_text),
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
