//! The database file itself: created on first use with permissions for its owner alone, and
//! checked before SQLite touches it, so that a file of another program is never written to.

use std::fs;
use std::io::Read as _;
use std::path::Path;

use super::StoreError;

/// The first 16 bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Makes sure `path` is a file that may be ours: creates it (and its folder) on first use, with
/// permissions for its owner alone, or checks that an existing one starts like a SQLite database.
pub(super) fn prepare(path: &Path) -> Result<(), StoreError> {
    let file_error = |source| StoreError::File {
        path: path.to_path_buf(),
        source,
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(StoreError::Foreign {
            path: path.to_path_buf(),
            what: "a folder".into(),
        }),
        Ok(meta) => {
            if meta.len() > 0 {
                let mut head = Vec::with_capacity(SQLITE_MAGIC.len());
                fs::File::open(path)
                    .and_then(|f| f.take(SQLITE_MAGIC.len() as u64).read_to_end(&mut head))
                    .map_err(file_error)?;
                if head != SQLITE_MAGIC {
                    return Err(StoreError::Foreign {
                        path: path.to_path_buf(),
                        what: "not a SQLite database".into(),
                    });
                }
            }
            owner_only(path, &meta).map_err(file_error)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                create_folder(folder).map_err(|source| StoreError::Folder {
                    path: folder.to_path_buf(),
                    source,
                })?;
            }
            match create_file(path) {
                Ok(()) => Ok(()),
                // Another tpcoach created it a moment ago.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                Err(e) => Err(file_error(e)),
            }
        }
        Err(e) => Err(file_error(e)),
    }
}

#[cfg(unix)]
fn create_folder(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

#[cfg(not(unix))]
fn create_folder(folder: &Path) -> std::io::Result<()> {
    fs::create_dir_all(folder)
}

#[cfg(unix)]
fn create_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
}

#[cfg(not(unix))]
fn create_file(path: &Path) -> std::io::Result<()> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
}

/// Takes away any access by others to an existing database (SQLite gives its `-wal` and `-shm`
/// files the same permissions as the database).
#[cfg(unix)]
fn owner_only(path: &Path, meta: &fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if meta.permissions().mode() & 0o077 != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn owner_only(_path: &Path, _meta: &fs::Metadata) -> std::io::Result<()> {
    Ok(())
}
