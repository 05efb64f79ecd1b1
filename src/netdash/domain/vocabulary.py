"""The journal's vocabularies: kinds of entry, who started one, how deep, outcomes, contact
points, Dunbar's layers.

Apart from the records in :mod:`netdash.domain.models` so that a module that needs a word list
or ``LAYERS`` (the scores, the one-shot commands, the first frame) does not build every record
class: each frozen dataclass costs about half a millisecond to make at import.
"""

from __future__ import annotations

from netdash.domain.errors import InvalidInput

#: Kinds of interaction, slug -> label. Order is the order forms offer them in.
KINDS: dict[str, str] = {
    "in_person": "in person",
    "call": "call",
    "video": "video call",
    "message": "message",
    "event": "event",
    "helped_them": "helped them",
    "helped_me": "they helped me",
    "introduction": "introduction",
    "other": "other",
}
DEFAULT_KIND = "in_person"

#: Who started the interaction.
INITIATORS: dict[str, str] = {"me": "me", "them": "them", "mutual": "both"}
DEFAULT_INITIATOR = "me"

#: How deep it went, 1-5; the depth model (a later issue) reads these as intimacy.
DEPTHS: dict[int, str] = {
    1: "small talk",
    2: "catch-up",
    3: "real talk",
    4: "personal",
    5: "heart to heart",
}
DEFAULT_DEPTH = 2

#: What an outcome can be, and how a person can have helped bring it about.
OUTCOME_KINDS = (
    "job",
    "client",
    "collaboration",
    "introduction",
    "talk",
    "money_raised",
    "advice",
    "other",
)
CREDIT_ROLES = ("introduced", "referred", "advised", "collaborated")


CONTACT_KINDS = ("email", "phone", "url", "address")
"""What a contact point can be; the journal keeps any number of each per person."""


#: Dunbar's layers: how many people fit each circle of closeness, innermost first.
LAYERS = (5, 15, 50, 150)


def check_layer(layer: int | None) -> int | None:
    """A layer a person can be pinned to: one of :data:`LAYERS`, or None for none."""
    if layer not in (None, *LAYERS):
        raise InvalidInput(f"a layer is 5, 15, 50 or 150, not {layer}", field="pinned_layer")
    return layer


DEFAULT_TRASH_DAYS = 30
"""How many days a deleted item stays in the trash unless the config's ``[trash] days`` says
otherwise: here, with no imports, for the config and the trash alike."""
