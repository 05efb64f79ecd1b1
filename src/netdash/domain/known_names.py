"""Names the journal already knows, found anywhere in a log line and in any case.

A new name needs capitals and a place where names go ("coffee with Ana Souza"), so ordinary
words never become people. A name the journal knows needs neither: "call with ana souza", "mom
called me", "lunch. ana paid". The parser stays pure: it asks a :class:`KnownNames` (the store
implements it over its indexes) which of the line's phrases name someone, all in one question,
so a line costs a few index probes however large the journal is.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple, Protocol

from netdash.domain.log_words import COMMON_WORDS, PARTICLES, POSSESSIVES, RESERVED, TITLES

#: The longest phrase asked about, in words: longer names are rare, and they are still found
#: when written with capitals after "with".
MAX_WORDS = 6
#: Marks a word may end with ("Ana," "Bo)." "Souza's'") that are not part of it.
TRAILING = ".,;:!?)\"'"
_ENDS = ".,;:!?)"
DESCRIBING = POSSESSIVES | {"the"}
HOWS = ("name", "alias", "first name", "former name")
"""How a phrase can name someone, the surest first: a full name, an alias the user taught, the
first word(s) of a name, a name the person had before a rename or a merge."""


class KnownNames(Protocol):
    """What the parser may ask the journal: which of these phrases (case-folded, single-spaced
    words) name someone, each with how (one of :data:`HOWS`). Phrases naming nobody are left
    out of the answer."""

    def known(self, phrases: Collection[str]) -> Mapping[str, str]: ...


class Span(NamedTuple):
    """Tokens ``start`` to ``end`` (not included) name someone the journal knows. ``weak``: a
    single everyday word ("will", "may") or one the grammar reads ("tea", "friday"), written
    in lower case or opening a sentence: a person only where a name is expected."""

    start: int
    end: int
    text: str
    how: str
    weak: bool


def bare(token: str) -> str:
    """A token without the marks around it: '("Ana),' is Ana."""
    return token.rstrip(TRAILING).lstrip("(\"'")


def drop_possessive(text: str) -> str:
    """Text without a closing possessive: "Ana's", with a straight or a curly quote, is Ana."""
    for suffix in ("'s", "\u2019s"):
        if text.lower().endswith(suffix):
            return text[: -len(suffix)]
    return text


def is_title(token: str) -> bool:
    """A title written before a name ("Dr.", "prof"): never a name itself."""
    return bare(token).rstrip(".").lower() in TITLES


def is_name_word(token: str) -> bool:
    """A word written as part of a name: capitalised, and not "I" or a title ("Dr.")."""
    word = bare(token)
    return (
        bool(word)
        and word[0].isupper()
        and word[0].isalpha()
        and word not in ("I", "I'm")
        and not is_title(token)
    )


def word_key(token: str) -> str:
    """A token as the journal's phrases are compared: bare, case-folded, without a possessive
    ("Ana's" is Ana); empty for a tag, an id, a handle or punctuation alone."""
    if token[:1] in "#@":
        return ""
    return drop_possessive(bare(token)).casefold()


def _phrases(keys: Sequence[str], tokens: Sequence[str]) -> dict[tuple[int, int], str]:
    """Every run of up to MAX_WORDS words that no punctuation breaks, by (start, end)."""
    found: dict[tuple[int, int], str] = {}
    for start in range(len(keys)):
        for end in range(start + 1, min(start + MAX_WORDS, len(keys)) + 1):
            if not keys[end - 1]:
                break
            found[(start, end)] = " ".join(keys[start:end])
            if tokens[end - 1].rstrip("\"'")[-1:] in _ENDS or tokens[end - 1].endswith("'s"):
                break  # "Ana, Bo" is two people, never the phrase "ana bo"
    return found


def _sentence_start(tokens: Sequence[str], index: int) -> bool:
    return index == 0 or tokens[index - 1].rstrip("\"')")[-1:] in ".!?:"


def known_spans(tokens: Sequence[str], known: KnownNames | None) -> dict[int, Span]:
    """The people the journal knows in ``tokens``, longest phrase first, by the token each
    starts at. A known name that a capitalised word continues ("Ana Souza Lima" when only Ana
    is known) is left to the name reader: the line names someone else."""
    if known is None or not tokens:
        return {}
    keys = [word_key(token) for token in tokens]
    phrases = _phrases(keys, tokens)
    answers = known.known(set(phrases.values()))
    spans: dict[int, Span] = {}
    index = 0
    while index < len(tokens):
        span = _longest(tokens, keys, phrases, answers, index)
        if span is None:
            index += 1
            continue
        spans[index] = span
        index = span.end
    return spans


def _longest(
    tokens: Sequence[str],
    keys: Sequence[str],
    phrases: Mapping[tuple[int, int], str],
    answers: Mapping[str, str],
    start: int,
) -> Span | None:
    for end in range(min(start + MAX_WORDS, len(tokens)), start, -1):
        phrase = phrases.get((start, end))
        if phrase is None or phrase not in answers:
            continue
        words = tokens[start:end]
        written = all(is_name_word(t) or keys[start + i] in PARTICLES for i, t in enumerate(words))
        last = tokens[end - 1]
        goes_on = (
            end < len(tokens)
            and is_name_word(tokens[end])
            and last.rstrip(TRAILING) == last
            and not last.endswith("'s")
        )
        if written and goes_on:
            return None  # "Ana Souza Lima": a longer name than the one known
        if goes_on and keys[start] in DESCRIBING:
            return None  # "my sister Maria" is Maria: the words only describe her
        single_lower = end - start == 1 and (
            not is_name_word(words[0]) or _sentence_start(tokens, start)
        )
        weak = single_lower and (phrase in COMMON_WORDS or phrase in RESERVED)
        text = " ".join(bare(token) for token in words)
        return Span(start, end, drop_possessive(text), answers[phrase], weak)
    return None
