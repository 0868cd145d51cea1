//! The person's private record: every session and every step, kept in one SQLite database that
//! only its owner can read, and what that record says (progress per muscle, hints for routines).
//!
//! The store never reads the clock: every time is passed in as Unix seconds. Each step is written
//! as it ends, in its own transaction, so a crash or a closed terminal loses at most the step in
//! progress. Several tpcoach processes may use the database at once (WAL, a busy timeout).
//! A file that is not a tpcoach database, or a damaged one, is refused with an error naming it,
//! and is never overwritten.
//!
//! ```
//! use tpcoach::history::{NewSession, SessionStatus, StepRecord, Store};
//! use tpcoach::routine::Side;
//!
//! let dir = std::env::temp_dir().join(format!("tpcoach-doc-{}", std::process::id()));
//! let store = Store::open(&dir.join("tpcoach.db"))?;
//! let session = store.begin_session(&NewSession {
//!     started_at: 1_800_000_000,
//!     query: "neck".into(),
//!     matched: "neck (region)".into(),
//!     plain: false,
//! })?;
//! store.record_step(session, &StepRecord {
//!     index: 0,
//!     muscle: "upper_trapezius".into(),
//!     side: Side::Left,
//!     technique: "static_compression".into(),
//!     planned_seconds: 70,
//!     actual_seconds: 72,
//!     before: Some(6),
//!     after: Some(3),
//!     skipped: false,
//!     ended_at: 1_800_000_080,
//! })?;
//! store.finish_session(session, 1_800_000_100, SessionStatus::Completed)?;
//! assert_eq!(store.session_count()?, 1);
//! # drop(store);
//! # std::fs::remove_dir_all(&dir).ok();
//! # Ok::<(), tpcoach::history::StoreError>(())
//! ```

pub mod calendar;
mod error;
mod file;
mod hints;
pub mod plans;
pub mod progress;
mod read;
pub mod resume;
pub mod safety;
pub mod schema;
mod worked;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{params, Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::routine::Side;

pub use error::StoreError;
pub use hints::{
    SpotAdvice, GENTLE_WITHIN_SECONDS, HELPFUL_DROP, MODERATELY_TENDER, REST_WITHIN_SECONDS,
    STILL_TENDER, UNHELPFUL_LOOKBACK_SECONDS, UNHELPFUL_SESSIONS,
};
pub use progress::{MuscleProgress, TrendPoint, Verdict};
pub use read::{rating, round1, SessionFilter, SessionRecord, SessionSummary};
pub use safety::{SafetyAnswer, ScreeningStop};

/// How long a write waits for another tpcoach to finish its own before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The pause before trying again to open a database that another process is setting up.
const OPEN_RETRY_PAUSE: Duration = Duration::from_millis(10);

/// The highest tenderness on the 0-10 scale.
pub const MAX_TENDERNESS: u8 = 10;

/// A session's id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SessionId(pub i64);

/// A session as it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// When it started (Unix seconds).
    pub started_at: i64,
    /// What the person typed ("neck").
    pub query: String,
    /// How it was understood ("neck (region)").
    pub matched: String,
    /// Run with `--plain` (no ratings).
    pub plain: bool,
}

/// One step as it ended (or was skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    /// The step's place in the session's routine, from 0.
    pub index: u32,
    /// The muscle's id.
    pub muscle: String,
    /// The side worked.
    pub side: Side,
    /// The technique's id.
    pub technique: String,
    /// Seconds the step was planned to take.
    pub planned_seconds: u32,
    /// Seconds it took.
    pub actual_seconds: u32,
    /// Tenderness before, 0-10 (`None` when not asked or not answered).
    pub before: Option<u8>,
    /// Tenderness after, 0-10 (`None` when not asked or not answered).
    pub after: Option<u8>,
    /// The person skipped it.
    pub skipped: bool,
    /// When it ended (Unix seconds).
    pub ended_at: i64,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SessionStatus {
    /// Every step was done or skipped.
    Completed,
    /// Stopped before the end (q, Ctrl-C).
    Partial,
    /// Run with `--plain`: no ratings were asked.
    Unrated,
}

impl SessionStatus {
    /// "completed", "partial" or "unrated", as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Completed => "completed",
            SessionStatus::Partial => "partial",
            SessionStatus::Unrated => "unrated",
        }
    }

    fn parse(text: &str) -> Option<SessionStatus> {
        match text {
            "completed" => Some(SessionStatus::Completed),
            "partial" => Some(SessionStatus::Partial),
            "unrated" => Some(SessionStatus::Unrated),
            _ => None,
        }
    }
}

/// What `forget` removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Forgotten {
    /// Sessions removed.
    pub sessions: u64,
    /// Steps removed.
    pub steps: u64,
    /// Plans removed (with their check-in answers).
    pub plans: u64,
}

/// Reads a stored side.
fn parse_side(text: &str) -> Option<Side> {
    match text {
        "left" => Some(Side::Left),
        "right" => Some(Side::Right),
        _ => None,
    }
}

/// The history database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What an existing file turned out to be.
enum Found {
    /// A tpcoach database at this schema version.
    Ours(i64),
    /// An empty database: ours to set up.
    Blank,
}

impl Store {
    /// Opens (creating on first use, 0700 folder / 0600 file, migrations, WAL, busy timeout) the
    /// database at `path`. A file that is not ours or is damaged: an error naming the file, and
    /// the file left exactly as it was.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // Setting up a new file (the switch to WAL, the first migration) takes locks that SQLite
        // may refuse at once, without waiting, while another process does the same: try again
        // until the busy timeout has passed.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match Store::open_once(path) {
                Err(StoreError::Busy { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(OPEN_RETRY_PAUSE);
                }
                result => return result,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Store, StoreError> {
        file::prepare(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sql_error(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.error(e))?;
        // Until the file is known to be ours, closing must not checkpoint a write-ahead log
        // into it.
        store
            .conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .map_err(|e| store.error(e))?;
        let found = store.identify()?;
        store
            .conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)
            .map_err(|e| store.error(e))?;
        // Only now, once the file is known to be ours, is anything written to it.
        store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(|e| store.error(e))?;
        store
            .conn
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(|e| store.error(e))?;
        store.migrate(found)?;
        Ok(store)
    }

    /// Opens the database at `path` if the file exists; `None` when there is no history yet
    /// (nothing is created).
    pub fn open_if_exists(path: &Path) -> Result<Option<Store>, StoreError> {
        match fs::symlink_metadata(path) {
            Ok(_) => Store::open(path).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StoreError::File {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Opens the database at `path` for reading only: nothing is created, migrated or written
    /// (for `tpcoach due`, which runs at every shell prompt). `None` when there is no file yet.
    /// A file that is not ours, or from a newer tpcoach, is an error as for [`Store::open`]; one
    /// from an older tpcoach is read as it is (it has no plans).
    pub fn open_read_only(path: &Path) -> Result<Option<Store>, StoreError> {
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(StoreError::Foreign {
                    path: path.to_path_buf(),
                    what: "a folder".into(),
                })
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StoreError::File {
                    path: path.to_path_buf(),
                    source,
                })
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sql_error(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.error(e))?;
        match store.identify()? {
            Found::Ours(_) => Ok(Some(store)),
            // An empty file another tpcoach is about to set up: nothing in it yet.
            Found::Blank => Ok(None),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Turns a SQLite error into the store's error, naming the file.
    fn error(&self, e: rusqlite::Error) -> StoreError {
        sql_error(&self.path, e)
    }

    /// Reads the file's marks (without writing anything) and decides whether it is ours.
    fn identify(&self) -> Result<Found, StoreError> {
        // One read transaction, so that all three reads see the same state: another process
        // may be setting the file up at this very moment.
        let snapshot = self
            .conn
            .unchecked_transaction()
            .map_err(|e| self.error(e))?;
        let pragma = |name: &str| -> Result<i64, StoreError> {
            snapshot
                .query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))
                .map_err(|e| self.error(e))
        };
        let application_id = pragma("application_id")?;
        let version = pragma("user_version")?;
        if application_id == schema::APPLICATION_ID {
            if version > schema::latest() {
                return Err(StoreError::TooNew {
                    path: self.path.clone(),
                    found: version,
                    supported: schema::latest(),
                });
            }
            return Ok(Found::Ours(version));
        }
        if application_id != 0 {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
                what: format!(
                    "a SQLite database of another program, application id {application_id:#x}"
                ),
            });
        }
        let objects: i64 = snapshot
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
            .map_err(|e| self.error(e))?;
        if objects == 0 && version == 0 {
            Ok(Found::Blank)
        } else {
            Err(StoreError::Foreign {
                path: self.path.clone(),
                what: "a SQLite database of another program".into(),
            })
        }
    }

    /// Brings the schema up to date, in one transaction that other processes wait for.
    fn migrate(&mut self, found: Found) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| sql_error(&path, e);
        let version = |conn: &Connection| -> Result<(i64, i64), rusqlite::Error> {
            Ok((
                conn.query_row("PRAGMA application_id", [], |row| row.get(0))?,
                conn.query_row("PRAGMA user_version", [], |row| row.get(0))?,
            ))
        };
        if matches!(found, Found::Ours(v) if v == schema::latest()) {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        // Another process may have set the file up while this one waited.
        let (application_id, current) = version(&tx).map_err(err)?;
        if application_id != 0 && application_id != schema::APPLICATION_ID {
            return Err(StoreError::Foreign {
                path: path.clone(),
                what: "a SQLite database of another program".into(),
            });
        }
        let Ok(applied) = usize::try_from(current) else {
            return Err(StoreError::Damaged {
                path: path.clone(),
                detail: format!("schema version {current}"),
            });
        };
        if current > schema::latest() {
            return Err(StoreError::TooNew {
                path: path.clone(),
                found: current,
                supported: schema::latest(),
            });
        }
        for migration in schema::MIGRATIONS.iter().skip(applied) {
            tx.execute_batch(migration).map_err(err)?;
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = {};",
            schema::APPLICATION_ID,
            schema::latest()
        ))
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Starts a session and returns its id.
    pub fn begin_session(&self, s: &NewSession) -> Result<SessionId, StoreError> {
        self.conn
            .execute(
                "INSERT INTO session (started_at, query, matched, plain) VALUES (?1, ?2, ?3, ?4)",
                params![s.started_at, s.query, s.matched, s.plain],
            )
            .map_err(|e| self.error(e))?;
        Ok(SessionId(self.conn.last_insert_rowid()))
    }

    /// Saves one step of `session`. Written as each step ends, so a crash loses at most the step
    /// in progress. Recording the same `index` again replaces that step.
    pub fn record_step(&self, session: SessionId, step: &StepRecord) -> Result<(), StoreError> {
        for (name, rating) in [("before", step.before), ("after", step.after)] {
            if let Some(r) = rating.filter(|&r| r > MAX_TENDERNESS) {
                return Err(StoreError::Invalid {
                    path: self.path.clone(),
                    message: format!(
                        "step {} of session {}: tenderness {name} is {r}, but the scale is 0-{MAX_TENDERNESS}",
                        step.index, session.0
                    ),
                });
            }
        }
        let result = self.conn.execute(
            "INSERT OR REPLACE INTO step (session_id, idx, muscle, side, technique, planned_seconds,
                 actual_seconds, before, after, skipped, ended_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                session.0,
                step.index,
                step.muscle,
                step.side.as_str(),
                step.technique,
                step.planned_seconds,
                step.actual_seconds,
                step.before,
                step.after,
                step.skipped,
                step.ended_at,
            ],
        );
        match result {
            Ok(_) => Ok(()),
            Err(e) if is_foreign_key(&e) => Err(StoreError::UnknownSession {
                path: self.path.clone(),
                id: session.0,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Marks `session` as ended at `ended_at` with `status`.
    pub fn finish_session(
        &self,
        session: SessionId,
        ended_at: i64,
        status: SessionStatus,
    ) -> Result<(), StoreError> {
        let changed = self
            .conn
            .execute(
                "UPDATE session SET ended_at = ?1, status = ?2 WHERE id = ?3",
                params![ended_at, status.as_str(), session.0],
            )
            .map_err(|e| self.error(e))?;
        if changed == 0 {
            return Err(StoreError::UnknownSession {
                path: self.path.clone(),
                id: session.0,
            });
        }
        Ok(())
    }

    /// Deletes `session` if it has no steps (a session stopped before anything was done);
    /// whether it did.
    pub fn discard_if_empty(&self, session: SessionId) -> Result<bool, StoreError> {
        let deleted = self
            .conn
            .execute(
                "DELETE FROM session WHERE id = ?1
                   AND NOT EXISTS (SELECT 1 FROM step WHERE session_id = ?1)",
                params![session.0],
            )
            .map_err(|e| self.error(e))?;
        Ok(deleted > 0)
    }

    /// When every general screening question was last answered "no" at once (the all-clear).
    pub fn screening_cleared_at(&self) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row("SELECT max(at) FROM screening_clear", [], |row| row.get(0))
            .map_err(|e| self.error(e))
    }

    /// Remembers that every general screening question was answered "no" at `at`.
    pub fn record_screening_clear(&self, at: i64) -> Result<(), StoreError> {
        self.conn
            .execute("INSERT INTO screening_clear (at) VALUES (?1)", [at])
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// What the person answered to the general screening questions before (for the 30-day
    /// memory; [`crate::session::screening::Memory`]).
    pub fn screening_memory(&self) -> Result<crate::session::screening::Memory, StoreError> {
        let err = |e| self.error(e);
        let cleared_at = self
            .conn
            .query_row("SELECT max(at) FROM screening_clear", [], |row| row.get(0))
            .map_err(err)?;
        let mut statement = self
            .conn
            .prepare("SELECT question, yes, at FROM screening_answer")
            .map_err(err)?;
        let answers = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    (row.get::<_, bool>(1)?, row.get::<_, i64>(2)?),
                ))
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        Ok(crate::session::screening::Memory {
            cleared_at,
            answers,
        })
    }

    /// Remembers answers to general screening questions: (question id, "yes", when), each
    /// replacing the one remembered before.
    pub fn remember_screening(&self, answers: &[(String, bool, i64)]) -> Result<(), StoreError> {
        self.write_batch(|store| {
            for (question, yes, at) in answers {
                store
                    .conn
                    .execute(
                        "INSERT OR REPLACE INTO screening_answer (question, yes, at) VALUES (?1, ?2, ?3)",
                        params![question, yes, at],
                    )
                    .map_err(|e| store.error(e))?;
            }
            Ok(())
        })
    }

    /// The remembered value of the setting `name`, if any.
    pub fn setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM setting WHERE name = ?1", [name], |row| {
                row.get(0)
            })
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Remembers `value` for the setting `name` at `at`, replacing what was remembered before.
    pub fn remember_setting(&self, name: &str, value: &str, at: i64) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO setting (name, value, at) VALUES (?1, ?2, ?3)",
                params![name, value, at],
            )
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Forgets the setting `name`; true when there was one.
    pub fn forget_setting(&self, name: &str) -> Result<bool, StoreError> {
        let deleted = self
            .conn
            .execute("DELETE FROM setting WHERE name = ?1", [name])
            .map_err(|e| self.error(e))?;
        Ok(deleted > 0)
    }

    /// Runs `write` in one transaction: everything it records is saved together, or nothing is
    /// (for imports and generated data; a session records each step on its own instead).
    pub fn write_batch<T>(
        &self,
        write: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.error(e))?;
        let value = write(self)?;
        tx.commit().map_err(|e| self.error(e))?;
        Ok(value)
    }

    /// How many sessions are saved.
    pub fn session_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM session", [], |row| row.get(0))
            .map_err(|e| self.error(e))
    }

    /// How many steps are saved.
    pub fn step_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM step", [], |row| row.get(0))
            .map_err(|e| self.error(e))
    }

    /// Deletes every session, step, screening answer and plan, and compacts the file so that
    /// the deleted data does not linger in it. The (empty) database stays.
    pub fn forget(&self) -> Result<Forgotten, StoreError> {
        self.forget_keeping(false)
    }

    /// Like [`Store::forget`], keeping the plans (and their check-in answers) when `keep_plans`.
    pub fn forget_keeping(&self, keep_plans: bool) -> Result<Forgotten, StoreError> {
        let err = |e| self.error(e);
        self.conn
            .execute_batch("PRAGMA secure_delete = ON")
            .map_err(err)?;
        let forgotten = self.write_batch(|store| {
            let gone = Forgotten {
                sessions: store.session_count()?,
                steps: store.step_count()?,
                plans: if keep_plans { 0 } else { store.plan_count()? },
            };
            store
                .conn
                .execute_batch(
                    "DELETE FROM session_safety; DELETE FROM step; DELETE FROM session; \
                     DELETE FROM screening_stop_answer; DELETE FROM screening_stop; \
                     DELETE FROM screening_clear; \
                     DELETE FROM screening_answer; DELETE FROM setting;",
                )
                .map_err(|e| store.error(e))?;
            if !keep_plans {
                store
                    .conn
                    .execute_batch("DELETE FROM plan_checkin; DELETE FROM plan;")
                    .map_err(|e| store.error(e))?;
            }
            Ok(gone)
        })?;
        self.conn.execute_batch("VACUUM").map_err(err)?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(err)?;
        Ok(forgotten)
    }
}

/// Turns a SQLite error into the store's error for the file at `path`.
fn sql_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy {
            path: path.to_path_buf(),
            seconds: BUSY_TIMEOUT.as_secs(),
        },
        _ => StoreError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

fn is_foreign_key(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
    )
}

#[cfg(test)]
mod tests;
