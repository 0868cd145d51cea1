//! The database's layout and its migrations. `PRAGMA user_version` holds the number of
//! migrations applied; `PRAGMA application_id` marks the file as tpcoach's, so a database of
//! another program is recognised and left alone.

/// The application id written into every tpcoach history database ("tpch" in ASCII).
pub const APPLICATION_ID: i64 = 0x7470_6368;

/// The migrations, in order: migration `n` (1-based) brings the schema to version `n`. A
/// migration is never changed once released; a new one is appended.
pub const MIGRATIONS: &[&str] = &[
    // 1: sessions, their steps (one row per step, written when the step ends) and the dates the
    // general screening was answered all clear.
    "CREATE TABLE session (
        id         INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        ended_at   INTEGER,
        query      TEXT NOT NULL,
        matched    TEXT NOT NULL,
        plain      INTEGER NOT NULL CHECK (plain IN (0, 1)),
        status     TEXT CHECK (status IN ('completed', 'partial', 'unrated'))
    );
    CREATE INDEX session_by_start ON session (started_at);
    CREATE TABLE step (
        session_id      INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        idx             INTEGER NOT NULL,
        muscle          TEXT NOT NULL,
        side            TEXT NOT NULL CHECK (side IN ('left', 'right')),
        technique       TEXT NOT NULL,
        planned_seconds INTEGER NOT NULL CHECK (planned_seconds >= 0),
        actual_seconds  INTEGER NOT NULL CHECK (actual_seconds >= 0),
        before          INTEGER CHECK (before BETWEEN 0 AND 10),
        after           INTEGER CHECK (after BETWEEN 0 AND 10),
        skipped         INTEGER NOT NULL CHECK (skipped IN (0, 1)),
        ended_at        INTEGER NOT NULL,
        PRIMARY KEY (session_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE screening_clear (
        at INTEGER NOT NULL
    );",
    // 2: each general screening answer, remembered on its own (a "yes" too, confirmed with one
    // key next time); screening_clear stays, read as "every general question answered no".
    "CREATE TABLE screening_answer (
        question TEXT PRIMARY KEY,
        yes      INTEGER NOT NULL CHECK (yes IN (0, 1)),
        at       INTEGER NOT NULL
    ) WITHOUT ROWID;",
    // 3: plans (a daily rhythm of sessions for one query over some days) and the answers given
    // at their check-ins. `target` is the resolved query ("region:neck"), `matched` how it was
    // understood, as a session stores it, so the sessions of a plan are found without the
    // library; `muscles` the ids its routine works, space-separated.
    "CREATE TABLE plan (
        id         INTEGER PRIMARY KEY,
        query      TEXT NOT NULL,
        target     TEXT NOT NULL,
        matched    TEXT NOT NULL,
        label      TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        days       INTEGER NOT NULL CHECK (days >= 1),
        per_day    INTEGER NOT NULL CHECK (per_day >= 1),
        minutes    INTEGER NOT NULL CHECK (minutes >= 1),
        muscles    TEXT NOT NULL,
        stopped_at INTEGER
    );
    CREATE TABLE plan_checkin (
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        at      INTEGER NOT NULL,
        answer  TEXT NOT NULL CHECK (answer IN ('carry_on', 'stop', 'extend')),
        days    INTEGER NOT NULL CHECK (days >= 1)
    );
    CREATE INDEX session_by_matched ON session (matched, started_at);",
    // 4: the person's remembered choices, by name (`technique`: compression, stroking or mixed),
    // each with when it was made.
    "CREATE TABLE setting (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        at    INTEGER NOT NULL
    ) WITHOUT ROWID;",
    // 5: the safety answers that changed a session (a "yes" that limited its routine or came
    // with advice), kept with it in the words given then: `changed` says what it changed
    // ("hands only, no tools, pressure at most 3/10"), empty for advice only.
    "CREATE TABLE session_safety (
        session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        idx        INTEGER NOT NULL,
        question   TEXT NOT NULL,
        topic      TEXT NOT NULL,
        asked      TEXT NOT NULL,
        outcome    TEXT NOT NULL CHECK (outcome IN ('stop', 'limit', 'advise')),
        urgency    TEXT CHECK (urgency IN ('emergency', 'same_day', 'soon', 'advice')),
        changed    TEXT NOT NULL,
        advice     TEXT NOT NULL,
        PRIMARY KEY (session_id, idx)
    ) WITHOUT ROWID;",
    // 6: the safety questions that stopped a session before its first step (a "yes" that said
    // not to self-treat today, or answers that left nothing to work on): when, for what, why, and
    // every "yes" given then, in the words given. Kept apart from `session`, so that a stop is
    // never counted as a session worked (in a day's count, a plan's days, the report's minutes).
    "CREATE TABLE screening_stop (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        query   TEXT NOT NULL,
        matched TEXT NOT NULL,
        reason  TEXT NOT NULL
    );
    CREATE INDEX screening_stop_by_at ON screening_stop (at);
    CREATE TABLE screening_stop_answer (
        stop_id  INTEGER NOT NULL REFERENCES screening_stop (id) ON DELETE CASCADE,
        idx      INTEGER NOT NULL,
        question TEXT NOT NULL,
        topic    TEXT NOT NULL,
        asked    TEXT NOT NULL,
        outcome  TEXT NOT NULL CHECK (outcome IN ('stop', 'limit', 'advise')),
        urgency  TEXT CHECK (urgency IN ('emergency', 'same_day', 'soon', 'advice')),
        changed  TEXT NOT NULL,
        advice   TEXT NOT NULL,
        PRIMARY KEY (stop_id, idx)
    ) WITHOUT ROWID;",
];

/// The schema version this build writes and reads.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
