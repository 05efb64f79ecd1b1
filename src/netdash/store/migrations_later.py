"""The migrations from m010 on, each in a module of its own, in the order they run: kept here so
:mod:`netdash.store.migrations` (the first nine, written out) stays readable as it grows."""

from __future__ import annotations

from netdash.store.depth_dirty import m010_depth_dirty
from netdash.store.journal_keys import m013_journal_keys
from netdash.store.lookup_indexes import m012_lookup_indexes
from netdash.store.migration_alias_kind import m018_person_alias_kind
from netdash.store.migration_cadence_limit import m021_cadence_limit
from netdash.store.migration_contact_parts import m017_contact_parts
from netdash.store.migration_depth_reads import m026_depth_reads
from netdash.store.migration_depth_slots import m014_depth_slots
from netdash.store.migration_depth_sums import m016_depth_sums
from netdash.store.migration_drop_name_words import m022_drop_name_words
from netdash.store.migration_entry_count import m027_entry_count
from netdash.store.migration_evidence import m023_evidence
from netdash.store.migration_follow_ups import m019_follow_ups
from netdash.store.migration_follower_days import m025_follower_days
from netdash.store.migration_known_followers import m024_known_followers
from netdash.store.migration_list_counts import m015_follower_list_counts
from netdash.store.migration_search import m020_search
from netdash.store.migration_user_revision import m011_user_revision

LATER = (
    m010_depth_dirty,
    m011_user_revision,
    m012_lookup_indexes,
    m013_journal_keys,
    m014_depth_slots,
    m016_depth_sums,
    m015_follower_list_counts,  # after m016, already released: they run in this order
    m017_contact_parts,
    m018_person_alias_kind,
    m019_follow_ups,
    m020_search,
    m021_cadence_limit,
    m022_drop_name_words,
    m023_evidence,
    m024_known_followers,
    m025_follower_days,
    m026_depth_reads,
    m027_entry_count,
)
