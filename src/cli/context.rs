//! Where tpcoach keeps its files, and loading the library the way every command does.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tpcoach::library::{Base, Library, LoadOptions};

/// `$TPCOACH_HOME` when set: every file tpcoach reads or writes of the person's goes under it.
fn home() -> Option<PathBuf> {
    std::env::var_os("TPCOACH_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The person's overlay folder: `$TPCOACH_HOME/library`, else the platform config folder's
/// `tpcoach/library` (e.g. `~/.config/tpcoach/library`).
pub fn overlay_dir() -> Option<PathBuf> {
    match home() {
        Some(home) => Some(home.join("library")),
        None => directories::ProjectDirs::from("", "", "tpcoach")
            .map(|dirs| dirs.config_dir().join("library")),
    }
}

/// The history database: `$TPCOACH_HOME/tpcoach.db`, else the platform data folder's
/// `tpcoach.db` (e.g. `~/.local/share/tpcoach/tpcoach.db`); `None` when there is no home folder.
pub fn database_path() -> Option<PathBuf> {
    match home() {
        Some(home) => Some(home.join("tpcoach.db")),
        None => directories::ProjectDirs::from("", "", "tpcoach")
            .map(|dirs| dirs.data_dir().join("tpcoach.db")),
    }
}

/// Where parsed copies of library folders are kept: `$TPCOACH_HOME/cache`, else the platform
/// cache folder (e.g. `~/.cache/tpcoach`).
pub fn cache_dir() -> Option<PathBuf> {
    match home() {
        Some(home) => Some(home.join("cache")),
        None => directories::ProjectDirs::from("", "", "tpcoach")
            .map(|dirs| dirs.cache_dir().to_path_buf()),
    }
}

/// What `--library` and the environment ask to load.
pub fn load_options(library: Option<&Path>) -> LoadOptions {
    LoadOptions {
        base: match library {
            Some(dir) => Base::Dir(dir.to_path_buf()),
            None => Base::Embedded,
        },
        overlay: overlay_dir(),
    }
}

/// Loads the library every command uses, refusing a broken one.
///
/// The library lives as long as the process, so it is never dropped: freeing a large library
/// entry by entry at exit would only cost time.
pub fn load(library: Option<&Path>) -> anyhow::Result<&'static Library> {
    load_with(library, Library::open)
}

/// Like [`load`], checking the built-in library too (for `tpcoach check`).
pub fn load_checked(library: Option<&Path>) -> anyhow::Result<&'static Library> {
    load_with(library, Library::load_cached)
}

fn load_with(
    library: Option<&Path>,
    load: fn(&LoadOptions, Option<&Path>) -> tpcoach::Result<Library>,
) -> anyhow::Result<&'static Library> {
    let options = load_options(library);
    let loaded = load(&options, cache_dir().as_deref());
    warn(&loaded);
    let library = loaded.with_context(|| match &options.base {
        Base::Embedded => "cannot load the built-in library with your overlay".to_string(),
        Base::Dir(dir) => format!("cannot load the library in {}", dir.display()),
    })?;
    Ok(Box::leak(Box::new(library)))
}

/// Prints on stderr what a load passed over, whether or not it succeeded.
pub fn warn(loaded: &tpcoach::Result<Library>) {
    let warnings = match loaded {
        Ok(library) => &library.warnings,
        Err(tpcoach::Error::Invalid(problems)) => &problems.warnings,
        Err(_) => return,
    };
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

/// The hidden variable that fixes "now" (Unix seconds), for tests and reproducible runs.
const NOW_VARIABLE: &str = "TPCOACH_NOW";

/// "Now" in Unix seconds: the clock, read once, or `TPCOACH_NOW` when set.
pub fn now() -> anyhow::Result<i64> {
    if let Some(value) = std::env::var_os(NOW_VARIABLE).filter(|v| !v.is_empty()) {
        return value
            .to_str()
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| {
                tpcoach::Error::BadInput(format!(
                    "{NOW_VARIABLE} must be a time in Unix seconds, e.g. 1793491200"
                ))
                .into()
            });
    }
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("the system clock is set before 1970")?;
    Ok(i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
}

/// The history database's path, or an error saying how to choose one.
pub fn database() -> anyhow::Result<PathBuf> {
    database_path().ok_or_else(|| {
        anyhow::anyhow!("cannot find a folder for your history: set TPCOACH_HOME to one")
    })
}

/// A muscle's display name, or its id when the library no longer has it.
pub fn muscle_name(library: &Library, id: &str) -> String {
    library
        .muscle(id)
        .map_or(id.to_string(), |m| m.name.to_string())
}
