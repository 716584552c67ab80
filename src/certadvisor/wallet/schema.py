"""The store's tables, one migration per schema version (entry N takes version N-1 to N).

Version 3 adds what issue 16 records: renewals filed (with the cycle each one renewed and the
one it started), annual fees paid, and the history of edits to CE entries.
"""

SCHEMA_VERSION = 3

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
        """CREATE TABLE person (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL) STRICT""",
        """CREATE TABLE credential (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            track TEXT NOT NULL CHECK (length(track) BETWEEN 1 AND 64),
            earned TEXT NOT NULL CHECK (date(earned) IS earned),
            number TEXT,
            added_at TEXT NOT NULL,
            UNIQUE (person_id, track)) STRICT""",
        """CREATE TABLE ce_entry (
            id INTEGER PRIMARY KEY,
            credential_id INTEGER NOT NULL REFERENCES credential(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date(date) IS date),
            points REAL NOT NULL CHECK (points > 0),
            category TEXT NOT NULL CHECK (length(category) > 0),
            title TEXT NOT NULL CHECK (length(title) > 0),
            provider TEXT,
            approved_by TEXT,
            certificate_sha256 TEXT CHECK (certificate_sha256 IS NULL
                                           OR length(certificate_sha256) = 64),
            certificate_name TEXT,
            added_at TEXT NOT NULL) STRICT""",
        "CREATE INDEX ce_entry_by_credential ON ce_entry (credential_id, date)",
    ),
    (
        """CREATE TABLE checklist_mark (
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            track TEXT NOT NULL CHECK (length(track) BETWEEN 1 AND 64),
            step INTEGER NOT NULL CHECK (step >= 1),
            marked_at TEXT NOT NULL,
            PRIMARY KEY (person_id, track, step)) STRICT, WITHOUT ROWID""",
    ),
    (
        """CREATE TABLE ce_change (
            id INTEGER PRIMARY KEY,
            ce_id INTEGER NOT NULL REFERENCES ce_entry(id) ON DELETE CASCADE,
            changed_at TEXT NOT NULL,
            what TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 2000)) STRICT""",
        "CREATE INDEX ce_change_by_entry ON ce_change (ce_id, id)",
        """CREATE TABLE renewal (
            id INTEGER PRIMARY KEY,
            credential_id INTEGER NOT NULL REFERENCES credential(id) ON DELETE CASCADE,
            cycle_index INTEGER NOT NULL CHECK (cycle_index >= 0),
            cycle_start TEXT NOT NULL CHECK (date(cycle_start) IS cycle_start),
            cycle_end TEXT NOT NULL CHECK (date(cycle_end) IS cycle_end),
            filed TEXT NOT NULL CHECK (date(filed) IS filed),
            fee REAL CHECK (fee IS NULL OR fee >= 0),
            next_start TEXT NOT NULL CHECK (date(next_start) IS next_start),
            next_end TEXT NOT NULL CHECK (date(next_end) IS next_end),
            recorded_at TEXT NOT NULL,
            UNIQUE (credential_id, cycle_index)) STRICT""",
        """CREATE TABLE fee_payment (
            id INTEGER PRIMARY KEY,
            credential_id INTEGER NOT NULL REFERENCES credential(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('annual')),
            due TEXT NOT NULL CHECK (date(due) IS due),
            paid TEXT NOT NULL CHECK (date(paid) IS paid),
            amount REAL CHECK (amount IS NULL OR amount >= 0),
            recorded_at TEXT NOT NULL,
            UNIQUE (credential_id, kind, due)) STRICT""",
    ),
)
assert len(MIGRATIONS) == SCHEMA_VERSION
