"""The words the quick-log grammar reads: who, what kind, how deep, who started it.

Kept apart from :mod:`netdash.domain.quicklog` (which reads a line with them) so the tables can
be read and extended at a glance, and so an alias can be checked against them: an alias that is
one of these words would turn every line using the word into a mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from netdash.domain.dates import MONTHS, WEEKDAYS
from netdash.domain.errors import InvalidInput
from netdash.domain.names import MAX_NAME_LENGTH, TITLES_BEFORE, alias_key, shorten
from netdash.domain.patterns import when_used

#: Words after which names follow ("w/" is "with").
TRIGGERS = frozenset(
    "with w/ called met texted messaged emailed phoned helped saw visited thanked introduced"
    " hosted joined".split()
)
#: Lower-case words allowed inside a name when a capitalised word follows ("Ana de Souza").
PARTICLES = frozenset("de da das do dos del della di du van von der den le la bin al ter".split())
CONNECTORS = frozenset(["and", "&", "+"])
#: Titles written before a name: not part of it (one list with the duplicate finder).
TITLES = TITLES_BEFORE
#: Words that open a description before a name ("my sister Maria" is Maria; "his CV" is not).
POSSESSIVES = frozenset(["my", "our"])

#: Kind keywords, most specific first: the first kind with a keyword in the text wins.
KIND_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("introduction", frozenset(["introduced", "intro", "introduction", "introductions"])),
    ("helped_them", frozenset(["helped"])),
    ("video", frozenset("video zoom facetime videocall hangout teams".split())),
    ("call", frozenset("call called phoned phone rang calls".split())),
    (
        "message",
        frozenset("texted messaged emailed email dm dmed message messages wrote text".split()),
    ),
    (
        "event",
        frozenset("event conference meetup party wedding workshop gala concert talk".split()),
    ),
    (
        "in_person",
        frozenset(
            "coffee lunch dinner breakfast brunch drinks beer tea walk met visited saw hike".split()
        ),
    ),
)
#: Verbs after a leading name that make the sentence about them: "Ana helped me move".
SUBJECT_VERBS = frozenset(
    "helped called texted messaged emailed phoned introduced invited visited reached pinged"
    " dropped came stopped wrote".split()
)
THEY_STARTED_VERBS = frozenset(
    "called texted messaged emailed phoned invited reached pinged wrote".split()
)
HELPED_ME = when_used(r"\b(helped me|gave me|they helped|did me a favou?r)\b")
THEY_STARTED = when_used(
    r"\b(reached out to me|called me|texted me|messaged me|emailed me|invited me|pinged me)\b"
)
BOTH_STARTED = when_used(r"\b(we both|both of us|planned it together|arranged it together)\b")

#: How deep it went, in words, most telling first (each pattern compiled when a line is first read:
#: the name lookups that import these tables never use them): "quick catch-up" is small talk, "long
#: catch-up" real talk, a plain "catch-up" the default. The labels of the log form's depth box
#: (1 small talk ... 5 heart to heart) are among them.
DEPTH_WORDS: tuple[tuple[int, Callable[[], re.Pattern[str]]], ...] = (
    (5, when_used(r"\b(heart[ -]to[ -]heart|deep and meaningful)\b")),
    (4, when_used(r"\b(deep (talk|chat|conversation|call)s?|opened up|personal (talk|chat))\b")),
    (
        3,
        when_used(
            r"\b(real talk|good (talk|chat|conversation)"
            r"|long (talk|chat|call|conversation|walk|lunch|dinner|coffee|catch[ -]?up)s?)\b"
        ),
    ),
    (
        1,
        when_used(
            r"\b(small talk|said hi|chit[ -]?chat"
            r"|(quick|brief|short) (chat|hello|hi|call|coffee|talk|word|catch[ -]?up))\b"
        ),
    ),
    (2, when_used(r"\b(catch[ -]?up|caught up)\b")),
)

#: First names that are also everyday words: written in lower case they are a person only where
#: a name is expected ("called will"), not anywhere ("will call back").
COMMON_WORDS = frozenset(
    "will may mark bill rose grace joy hope faith art pat jack frank sue max ray dawn summer"
    " june april august iris ivy lily violet daisy amber ruby pearl sky river chase hunter drew"
    " rich guy gene sunny victor earl miles dean page carol jay kit lane penny eve sal don rob"
    " nick sandy rusty bud buddy chip"
    " i me we you he she they it us them him her the a an to at on in of for about from by"
    " and or but so just then also not no yes all one two good great new old long quick".split()
)

#: Every word the grammar reads: an alias that is one of them is refused.
RESERVED = (
    TRIGGERS
    | CONNECTORS
    | TITLES
    | POSSESSIVES
    | SUBJECT_VERBS
    | frozenset(word for _, words in KIND_WORDS for word in words)
    | frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset(["today", "yesterday", "ago", "last", "me", "i", "we", "you", "us", "them"])
)


def clean_alias(text: str) -> str:
    """An alias as kept and compared: case and spacing set aside ("My  Sister" is "my sister").

    Refused: empty, longer than a name, starting with '@' or '#' (a handle, an id or a tag), a
    control character, no letter, or a single word the log line already reads ("coffee",
    "with", "friday")."""
    key = alias_key(text)
    if not key:
        raise InvalidInput("an alias needs a word, e.g. --alias mom", field="aliases")
    if len(key) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"alias is {len(key):,} characters long; {MAX_NAME_LENGTH} is the most",
            field="aliases",
        )
    if key[0] in "@#" or not any(char.isalpha() for char in key):
        raise InvalidInput(
            f"alias {shorten(text)!r} is not a name: write words (--alias 'my sister')",
            field="aliases",
        )
    if any(not char.isprintable() for char in key):
        raise InvalidInput(
            f"alias {shorten(text)!r} has a control character in it", field="aliases"
        )
    if key in RESERVED:
        raise InvalidInput(
            f"alias {key!r} is a word the log line already reads (a date, kind or verb):"
            " choose words that only mean this person",
            field="aliases",
        )
    return key
