"""The journal's schema, as an ordered list of sqlite-utils migrations.

Every change to the schema is a new migration (from m010 in a module of its own, listed in
:mod:`netdash.store.migrations_later`), never an edit to an old one: users' journals are years of
private notes and must upgrade in place without loss.

Dates are ISO-8601 text (``YYYY-MM-DD``; timestamps in UTC with ``Z``) so the file reads well in
Datasette and the ``sqlite-utils`` CLI. Money is an integer count of the currency's minor unit
(cents) beside an ISO 4217 code: never a binary float.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from netdash.store.migration_script import run_script as _run_script
from netdash.store.migrations_later import LATER

migrations = Migrations("netdash")

INITIAL_SCHEMA = """
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    met_on TEXT,
    how_met TEXT,
    introduced_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    closeness INTEGER CHECK (closeness BETWEEN 1 AND 5),
    cadence_days INTEGER CHECK (cadence_days > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- kept by the triggers below, so lists sort by last contact without scanning the journal
    last_contact_on TEXT,
    interaction_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_name ON people(name COLLATE NOCASE);
CREATE INDEX people_last_contact ON people(last_contact_on);

CREATE TABLE handles (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    UNIQUE (platform, handle)
);
CREATE INDEX handles_person ON handles(person_id);
CREATE INDEX handles_handle ON handles(handle COLLATE NOCASE);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE person_tags (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX person_tags_tag ON person_tags(tag_id);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    occurred_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    initiated_by TEXT NOT NULL DEFAULT 'me',
    depth INTEGER NOT NULL DEFAULT 2 CHECK (depth BETWEEN 1 AND 5),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX interactions_occurred ON interactions(occurred_on, id);

CREATE TABLE interaction_people (
    interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (interaction_id, person_id)
) WITHOUT ROWID;
CREATE INDEX interaction_people_person ON interaction_people(person_id, interaction_id);

CREATE TRIGGER interaction_people_added AFTER INSERT ON interaction_people BEGIN
    UPDATE people SET
        interaction_count = interaction_count + 1,
        last_contact_on = max(
            coalesce(last_contact_on, ''),
            (SELECT occurred_on FROM interactions WHERE id = NEW.interaction_id))
    WHERE id = NEW.person_id;
END;

CREATE TRIGGER interaction_people_removed AFTER DELETE ON interaction_people BEGIN
    UPDATE people SET
        interaction_count = interaction_count - 1,
        last_contact_on = (
            SELECT max(i.occurred_on) FROM interaction_people ip
            JOIN interactions i ON i.id = ip.interaction_id WHERE ip.person_id = OLD.person_id)
    WHERE id = OLD.person_id;
END;

CREATE TRIGGER interaction_redated AFTER UPDATE OF occurred_on ON interactions BEGIN
    UPDATE people SET last_contact_on = (
            SELECT max(i.occurred_on) FROM interaction_people ip
            JOIN interactions i ON i.id = ip.interaction_id WHERE ip.person_id = people.id)
    WHERE id IN (SELECT person_id FROM interaction_people WHERE interaction_id = NEW.id);
END;

CREATE TABLE interaction_tags (
    interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (interaction_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX interaction_tags_tag ON interaction_tags(tag_id, interaction_id);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    cause TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE contributions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    occurred_on TEXT NOT NULL,
    minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    money_minor INTEGER NOT NULL DEFAULT 0 CHECK (money_minor >= 0),
    currency TEXT,
    role TEXT NOT NULL DEFAULT '',
    result_quantity TEXT,
    result_unit TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX contributions_org ON contributions(organisation_id, occurred_on);
CREATE INDEX contributions_occurred ON contributions(occurred_on);

CREATE TABLE contribution_people (
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (contribution_id, person_id)
) WITHOUT ROWID;
CREATE INDEX contribution_people_person ON contribution_people(person_id);

CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    occurred_on TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    value_minor INTEGER,
    value_currency TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX outcomes_occurred ON outcomes(occurred_on);

CREATE TABLE outcome_credits (
    id INTEGER PRIMARY KEY,
    outcome_id INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    platform TEXT,
    role TEXT NOT NULL DEFAULT '',
    CHECK ((person_id IS NOT NULL) + (organisation_id IS NOT NULL) + (platform IS NOT NULL) = 1)
);
CREATE INDEX outcome_credits_outcome ON outcome_credits(outcome_id);
CREATE INDEX outcome_credits_person ON outcome_credits(person_id);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (platform, handle)
);

CREATE TABLE follower_counts (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    observed_at TEXT NOT NULL,
    followers INTEGER CHECK (followers >= 0),
    following INTEGER CHECK (following >= 0),
    source TEXT NOT NULL
);
CREATE INDEX follower_counts_account ON follower_counts(account_id, observed_at);

CREATE TABLE follower_accounts (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    remote_id TEXT NOT NULL,
    handle TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (account_id, remote_id)
) WITHOUT ROWID;

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX imports_sha ON imports(sha256);
CREATE INDEX follower_accounts_handle ON follower_accounts(account_id, handle);
"""


@migrations()
def m001_initial(db: Database) -> None:
    """The five things the journal keeps: people, interactions, community, outcomes, audience."""
    _run_script(db, INITIAL_SCHEMA)


def known_migration_names() -> list[str]:
    """Names of every migration this netdash knows, oldest first."""
    return [migration.name for migration in migrations._migrations]


@migrations()
def m002_connections(db: Database) -> None:
    """Contacts an export names (LinkedIn connections): candidates to become people; and which
    account each import was for, so the Audience screen can say when it was last imported."""
    _run_script(
        db,
        """
        CREATE TABLE connections (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            remote_id TEXT NOT NULL,
            name TEXT NOT NULL,
            url TEXT,
            email TEXT,
            company TEXT,
            position TEXT,
            connected_on TEXT,
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            UNIQUE (account_id, remote_id)
        );
        CREATE INDEX connections_person ON connections(person_id);
        ALTER TABLE imports ADD COLUMN account_id INTEGER REFERENCES accounts(id)
            ON DELETE SET NULL;
        CREATE INDEX imports_account ON imports(account_id, imported_at);
        """,
    )


@migrations()
def m003_depth(db: Database) -> None:
    """What the depth model needs from the user: snoozes, pinned layers, and vouches."""
    _run_script(
        db,
        """
        ALTER TABLE people ADD COLUMN snoozed_until TEXT;
        ALTER TABLE people ADD COLUMN pinned_layer INTEGER
            CHECK (pinned_layer IN (5, 15, 50, 150));
        CREATE TABLE vouches (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            direction TEXT NOT NULL CHECK (direction IN ('given', 'received')),
            topic TEXT NOT NULL CHECK (length(trim(topic)) > 0),
            occurred_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX vouches_person ON vouches(person_id, occurred_on);
        """,
    )


DEPTH_SOURCES = (
    "interactions",
    "interaction_people",
    "people",
    "contribution_people",
    "outcome_credits",
)


@migrations()
def m004_depth_cache(db: Database) -> None:
    """A revision counter bumped by every write the depth model reads, and a cache of scores
    keyed by it and the day, so the dashboard and `stats` do not rescore 10,000 people."""
    triggers = "\n".join(
        f"CREATE TRIGGER {table}_{event.lower()}_revision AFTER {event} ON {table} BEGIN"
        " UPDATE journal_revision SET revision = revision + 1; END;"
        for table in DEPTH_SOURCES
        for event in ("INSERT", "UPDATE", "DELETE")
    )
    _run_script(
        db,
        f"""
        CREATE TABLE journal_revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision INTEGER NOT NULL
        );
        INSERT INTO journal_revision VALUES (1, 0);
        {triggers}
        CREATE TABLE depth_cache (
            person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            layer INTEGER,
            days_since INTEGER,
            cadence_days INTEGER,
            cadence_source TEXT NOT NULL,
            snoozed_until TEXT,
            overdue INTEGER NOT NULL,
            urgency REAL NOT NULL,
            hours REAL NOT NULL
        );
        CREATE TABLE depth_cache_key (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            key TEXT NOT NULL
        );
        """,
    )


@migrations()
def m005_goals(db: Database) -> None:
    """Yearly goals for community work: hours, money in a currency, or a result in a unit."""
    _run_script(
        db,
        """
        CREATE TABLE goals (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('hours', 'money', 'result')),
            target TEXT NOT NULL,
            currency TEXT,
            unit TEXT,
            organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        );
        CREATE INDEX goals_year ON goals(year);
        """,
    )


@migrations()
def m006_contacts(db: Database) -> None:
    """What an address book knows: e-mails, phones, web pages and addresses, birthdays, work;
    the other ways a person is known (address-book UIDs, names before a rename or a merge), so a
    later import finds them; and pairs the user said are not duplicates.

    E-mail and phone "handles" typed before this migration move to contact points: they were
    ways to reach someone, not accounts that follow the user.
    """
    _run_script(
        db,
        """
        ALTER TABLE people ADD COLUMN birthday TEXT;
        ALTER TABLE people ADD COLUMN company TEXT;
        ALTER TABLE people ADD COLUMN job_title TEXT;
        CREATE TABLE person_aliases (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('uid', 'name')),
            value TEXT NOT NULL CHECK (length(value) > 0),
            PRIMARY KEY (kind, value, person_id)
        ) WITHOUT ROWID;
        CREATE INDEX person_aliases_person ON person_aliases(person_id);
        CREATE TABLE contact_points (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'url', 'address')),
            value TEXT NOT NULL CHECK (length(trim(value)) > 0),
            label TEXT NOT NULL DEFAULT '',
            preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
            UNIQUE (person_id, kind, value)
        );
        CREATE INDEX contact_points_value ON contact_points(kind, value COLLATE NOCASE);
        INSERT INTO contact_points(person_id, kind, value)
            SELECT person_id, platform, handle FROM handles WHERE platform IN ('email', 'phone');
        DELETE FROM handles WHERE platform IN ('email', 'phone');
        CREATE TABLE not_duplicates (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            other_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            CHECK (person_id < other_id),
            PRIMARY KEY (person_id, other_id)
        ) WITHOUT ROWID;
        CREATE INDEX not_duplicates_other ON not_duplicates(other_id);
        """,
    )


@migrations()
def m007_follower_lists(db: Database) -> None:
    """The day of every follower list imported per account, so "the latest list" and "the list
    before it" are known without scanning a million followers, and a second export of the same
    day can replace the first instead of joining it.

    Older journals get the days their lists still show (every first and last sighting is a list
    day); a list in which nobody arrived or left leaves no trace and is not needed to tell who
    is new or gone.
    """
    _run_script(
        db,
        """
        CREATE TABLE follower_lists (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            observed_at TEXT NOT NULL,
            PRIMARY KEY (account_id, observed_at)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO follower_lists
            SELECT account_id, first_seen FROM follower_accounts
            UNION SELECT account_id, last_seen FROM follower_accounts;
        """,
    )


#: For each write the layer history reads (table | event | the day from which it changes the
#: past): a write dated D changes the months ending on or after D. Closeness and a pinned layer
#: have no date (the journal keeps only their current value), so they change every month.
_HISTORY_WRITES = """
interaction_people|INSERT|(SELECT occurred_on FROM interactions WHERE id = NEW.interaction_id)
interaction_people|DELETE|(SELECT occurred_on FROM interactions WHERE id = OLD.interaction_id)
interaction_people|UPDATE|(SELECT min(occurred_on) FROM interactions
    WHERE id IN (OLD.interaction_id, NEW.interaction_id))
interactions|UPDATE|min(OLD.occurred_on, NEW.occurred_on)
interactions|DELETE|OLD.occurred_on
contribution_people|INSERT|(SELECT occurred_on FROM contributions WHERE id = NEW.contribution_id)
contribution_people|DELETE|(SELECT occurred_on FROM contributions WHERE id = OLD.contribution_id)
contribution_people|UPDATE|(SELECT min(occurred_on) FROM contributions
    WHERE id IN (OLD.contribution_id, NEW.contribution_id))
contributions|UPDATE OF occurred_on|min(OLD.occurred_on, NEW.occurred_on)
contributions|DELETE|OLD.occurred_on
outcome_credits|INSERT|(SELECT occurred_on FROM outcomes WHERE id = NEW.outcome_id)
outcome_credits|DELETE|(SELECT occurred_on FROM outcomes WHERE id = OLD.outcome_id)
outcome_credits|UPDATE|(SELECT min(occurred_on) FROM outcomes
    WHERE id IN (OLD.outcome_id, NEW.outcome_id))
outcomes|UPDATE OF occurred_on|min(OLD.occurred_on, NEW.occurred_on)
outcomes|DELETE|OLD.occurred_on
people|INSERT|min(coalesce(NEW.met_on, NEW.created_at), substr(NEW.created_at, 1, 10))
people|DELETE|min(coalesce(OLD.met_on, OLD.created_at), substr(OLD.created_at, 1, 10))
people|UPDATE OF met_on, created_at|min(coalesce(OLD.met_on, OLD.created_at),
    coalesce(NEW.met_on, NEW.created_at), substr(OLD.created_at, 1, 10))
people|UPDATE OF closeness, pinned_layer|''
"""


@migrations()
def m008_layer_history(db: Database) -> None:
    """How many people were in each layer at the end of each month, kept so the dashboard and
    `stats --history` need not rescore two years of the journal; a write removes only the
    months it changes, which the next reader rebuilds."""
    writes = _HISTORY_WRITES.strip().replace("\n    ", " ").splitlines()
    triggers = "\n".join(
        f"CREATE TRIGGER {table}_{index}_history AFTER {event} ON {table} BEGIN"
        f" DELETE FROM layer_history WHERE month_end >= {since}; END;"
        for index, (table, event, since) in enumerate(line.split("|") for line in writes)
    )
    _run_script(
        db,
        f"""
        CREATE TABLE layer_history (
            month_end TEXT PRIMARY KEY,
            settings TEXT NOT NULL,
            inner5 INTEGER NOT NULL,
            inner15 INTEGER NOT NULL,
            inner50 INTEGER NOT NULL,
            inner150 INTEGER NOT NULL
        ) WITHOUT ROWID;
        {triggers}
        """,
    )


@migrations()
def m009_trash(db: Database) -> None:
    """What a destructive action removed or changed (a person deleted, an entry deleted, two
    people merged or marked different), kept as JSON rows by table so it can be put back
    exactly, ids and links included, until it is older than ``[trash] days``."""
    _run_script(
        db,
        """
        CREATE TABLE trash (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            description TEXT NOT NULL,
            trashed_at TEXT NOT NULL,
            rows TEXT NOT NULL
        );
        CREATE INDEX trash_trashed ON trash(trashed_at);
        """,
    )


for _later in LATER:  # m010 on, each in a module of its own
    migrations()(_later)
