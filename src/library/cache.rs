//! A cache of parsed library files, so that a large library folder (`--library`, the overlay)
//! is not parsed from YAML on every run. One entry per source path, holding the hash of the
//! text it was parsed from; an entry whose hash differs, or that cannot be read, is ignored and
//! rewritten. Only files that parsed without a problem are cached, and validation always runs.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::SourceFile;
use crate::model::LibraryFile;

/// A hash of `parts`, of the version and of the model's source (set by `build.rs`): a build with
/// another model never reads an older one's entries.
fn hash(parts: &[&[u8]]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    env!("TPCOACH_MODEL_HASH").hash(&mut hasher);
    for part in parts {
        part.hash(&mut hasher);
    }
    hasher.finish()
}

/// The entry for a source file: named by a hash of its path.
fn entry(dir: &Path, file: &SourceFile) -> PathBuf {
    dir.join(format!("{:016x}.json", hash(&[file.name.as_bytes()])))
}

/// The cached parse of `file`, if there is a current one.
pub fn read(dir: &Path, file: &SourceFile) -> Option<LibraryFile> {
    let text = std::fs::read_to_string(entry(dir, file)).ok()?;
    let (stamp, json) = text.split_once('\n')?;
    if stamp != format!("{:016x}", hash(&[file.text.as_bytes()])) {
        return None;
    }
    serde_json::from_str(json).ok()
}

/// Caches the parse of `file`. Best effort: a cache that cannot be written is simply not used.
pub fn write(dir: &Path, file: &SourceFile, parsed: &LibraryFile) {
    let Ok(json) = serde_json::to_string(parsed) else {
        return;
    };
    let path = entry(dir, file);
    let text = format!("{:016x}\n{json}", hash(&[file.text.as_bytes()]));
    // Written beside the entry and renamed over it, so a reader never sees half an entry.
    let partial = path.with_extension(format!("{}.partial", std::process::id()));
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&partial, text))
        .and_then(|()| std::fs::rename(&partial, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            name: "lib/regions.yaml".into(),
            text: text.to_string().into(),
        }
    }

    #[test]
    fn a_cached_parse_is_used_until_the_text_changes() {
        let dir = tempfile::tempdir().unwrap();
        let text = "regions:\n  - {id: a, name: A, description: x}\n";
        let parsed: LibraryFile = serde_yaml::from_str(text).unwrap();
        assert!(read(dir.path(), &source(text)).is_none());
        write(dir.path(), &source(text), &parsed);
        let cached = read(dir.path(), &source(text)).expect("a cached parse");
        assert_eq!(cached.regions, parsed.regions);
        assert!(read(dir.path(), &source("regions: []\n")).is_none());
    }

    #[test]
    fn a_damaged_entry_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = source("regions: []\n");
        std::fs::write(entry(dir.path(), &file), "not a cache entry").unwrap();
        assert!(read(dir.path(), &file).is_none());
    }
}
