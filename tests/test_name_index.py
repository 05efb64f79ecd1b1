"""Finding people by what is typed so far: any word, any case, accents folded, best first."""

from __future__ import annotations

from dataclasses import replace

from netdash.domain.name_index import NameEntry, NameIndex, fold, words


def _index() -> NameIndex:
    return NameIndex(
        [
            NameEntry(1, "Ana Souza", "Acme", "2026-11-20"),
            NameEntry(2, "José García-López", "", None, also=("Pepe",)),
            NameEntry(3, "Anabel Ortiz", "", "2026-10-01"),
            NameEntry(4, "Bo Lind", "", "2026-11-25", handles=("@bo@example.social",)),
            NameEntry(5, "Ana", "", "2025-01-01"),
            NameEntry(6, "Maria", "", None, also=("my sister",)),
            NameEntry(7, "Élodie O'Neil", "", "2026-11-01"),
            NameEntry(8, "ana souza", "Other", "2026-11-24"),
        ]
    )


def _ids(typed: str) -> list[int]:
    return [entry.id for entry in _index().search(typed)]


def test_fold_takes_off_case_accents_and_extra_spaces() -> None:
    assert fold("  Élodie   GARCÍA ") == "elodie garcia"
    assert words("José García-López") == ["jose", "garcia", "lopez"]
    assert words("Élodie O'Neil") == ["elodie", "o", "neil"]


def test_any_word_from_its_start_in_any_case() -> None:
    assert _ids("souza") == [8, 1]  # both Ana Souzas: the one seen last first
    assert _ids("SOU") == [8, 1]
    assert _ids("ouza") == []  # from a word's start only


def test_accents_and_hyphens_fold() -> None:
    assert _ids("jose") == [2]
    assert _ids("lopez") == [2]
    assert _ids("garcia-lo") == [2]
    assert _ids("elodie") == [7] and _ids("neil") == [7]


def test_the_name_as_typed_first_then_names_starting_with_it_then_words() -> None:
    # "Ana" exactly; then the names starting "ana" (newest contact first); no word-only match
    assert _ids("ana") == [5, 8, 1, 3]
    assert _ids("ana sou") == [8, 1]


def test_every_word_typed_may_start_any_word() -> None:
    assert _ids("lopez jose") == [2]
    assert _ids("jose souza") == []


def test_aliases_and_handles_find_them() -> None:
    assert _ids("pepe") == [2]
    assert _ids("my sis") == [6] and _ids("sister") == [6]
    assert _ids("@bo") == [4] and _ids("bo@ex") == [4]


def test_names_shared_case_aside_are_told_apart() -> None:
    index = _index()
    assert index.shares_name(index.entries[0]) and not index.shares_name(index.entries[1])


def test_nothing_typed_finds_nobody_and_the_limit_holds() -> None:
    assert _ids("") == [] and _ids("  ") == [] and _ids("-") == []
    assert len(_index().search("a", limit=2)) == 2


def test_an_entry_logged_here_updates_the_index_as_a_fresh_read_would() -> None:
    """New people and a newer last contact, taken in without building the index again: every
    search answers as an index built from the updated people does."""
    kept = _index()
    kept.logged(
        [NameEntry(9, "Zoë Anand", "", "2026-11-26"), NameEntry(10, "Ana Souza", "", "2026-11-26")],
        {3: "2026-11-26", 9: "2026-11-26", 10: "2026-11-26", 1: "2026-01-01"},  # Ana's is older
    )
    people = {entry.id: entry for entry in _index().entries}
    people[3] = NameEntry(3, "Anabel Ortiz", "", "2026-11-26")
    people[9] = NameEntry(9, "Zoë Anand", "", "2026-11-26")
    people[10] = NameEntry(10, "Ana Souza", "", "2026-11-26")
    fresh = NameIndex(people.values())
    for typed in ("ana", "zoe", "anand", "souza", "ana souza", "ortiz", "a", "z", "pepe"):
        assert kept.search(typed) == fresh.search(typed), typed
    assert kept.shares_name(people[10]) and [e.id for e in kept.search("zoe")] == [9]


def test_entries_logged_one_after_another_stay_as_a_fresh_read_would() -> None:
    """The places of people kept between entries (so an entry does not walk everyone): a
    person added by one entry and contacted again by a later one gets the later day, and
    so does someone from the first read."""
    kept = _index()
    kept.logged([NameEntry(9, "Zoë Anand", "", "2026-11-20")], {9: "2026-11-20", 2: "2026-11-20"})
    kept.logged([NameEntry(11, "Iris Kahn", "", "2026-11-25")], {9: "2026-11-25", 11: "2026-11-25"})
    kept.logged([], {2: "2026-11-26", 11: "2026-11-19"})  # Iris's older day does not win
    people = {entry.id: entry for entry in _index().entries}
    people[2] = replace(people[2], last_contact="2026-11-26")
    people[9] = NameEntry(9, "Zoë Anand", "", "2026-11-25")
    people[11] = NameEntry(11, "Iris Kahn", "", "2026-11-25")
    assert {entry.id: entry for entry in kept.entries} == people
    fresh = NameIndex(people.values())
    for typed in ("zoe", "iris", "kahn", "a", "i", "jose", "garcia"):
        assert kept.search(typed) == fresh.search(typed), typed
