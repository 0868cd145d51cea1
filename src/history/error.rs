//! The history store's typed errors. Each names the database file and says what to do next.

use std::path::PathBuf;

/// Everything the history store can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder that holds the database could not be created or used.
    #[error("cannot create the folder {} for your history: {source}; set TPCOACH_HOME to a folder you can write to", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The database file could not be created, read or protected.
    #[error("cannot use {}: {source}; check that it is a file you own and can write to", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a tpcoach history database. It is left exactly as it was.
    #[error("{} is not a tpcoach history database ({what}); tpcoach leaves it untouched: move it away, or set TPCOACH_HOME to another folder", path.display())]
    Foreign {
        /// The file.
        path: PathBuf,
        /// What it looks like instead.
        what: String,
    },
    /// The file is a damaged database. It is never overwritten or recreated.
    #[error("{} is damaged and cannot be read ({detail}); tpcoach will not overwrite it: move it away to start a new history, and keep the copy (`sqlite3 FILE .recover` may rescue its sessions)", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// The file was written by a newer tpcoach whose schema this one does not know.
    #[error("{} was written by a newer tpcoach (history schema {found}; this one reads up to {supported}): update tpcoach", path.display())]
    TooNew {
        /// The file.
        path: PathBuf,
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// Another tpcoach kept the database locked for longer than the busy timeout.
    #[error("{} is busy: another tpcoach kept it locked for more than {seconds} s; try again", path.display())]
    Busy {
        /// The file.
        path: PathBuf,
        /// The busy timeout, in seconds.
        seconds: u64,
    },
    /// A session id that is not in the database.
    #[error("session {id} is not in {}", path.display())]
    UnknownSession {
        /// The file.
        path: PathBuf,
        /// The id asked for.
        id: i64,
    },
    /// A value that cannot be saved (a tenderness above 10, a negative time).
    #[error("cannot save to {}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Any other database failure.
    #[error("cannot use the history database {}: {source}", path.display())]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
}
