//! Reading a library folder (`--library DIR`, `check DIR`, the overlay): every `.yaml`/`.yml`
//! file under it, sorted by path. Only regular files (and links to them) are read; anything else
//! with a YAML name (a named pipe, a socket, a device, a link that leads nowhere) is passed over
//! with a warning, without ever being opened, since opening a named pipe waits for a writer
//! forever. A file that is too large, unreadable or not UTF-8 is a problem of that file, so the
//! other files are still checked.

use std::collections::BTreeSet;
use std::fs::FileType;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::bounds::MAX_FILE_BYTES;
use super::SourceFile;
use crate::error::{Error, Problem, Result, Warning};

/// A file to load: its text, or the problem that kept it from being read.
#[derive(Debug, Clone)]
pub(super) struct Input {
    /// The file; for a file not read as a whole, whatever of its text could be recovered (the
    /// text of a file that is not UTF-8, with the bad bytes replaced; nothing for one too large).
    pub file: SourceFile,
    /// Why the file could not be read as it is.
    pub unread: Option<Problem>,
}

impl From<SourceFile> for Input {
    fn from(file: SourceFile) -> Input {
        Input { file, unread: None }
    }
}

/// The files of a folder, and what was passed over.
#[derive(Debug, Default)]
pub(super) struct Folder {
    /// The `.yaml`/`.yml` files, sorted by path.
    pub files: Vec<Input>,
    /// What was passed over.
    pub warnings: Vec<Warning>,
}

/// Reads every `.yaml`/`.yml` file under `dir`, recursively, sorted by path.
pub(super) fn read(dir: &Path) -> Result<Folder> {
    let (mut paths, warnings) = list(dir)?;
    paths.sort();
    Ok(Folder {
        files: paths.iter().map(|path| read_file(path)).collect(),
        warnings,
    })
}

/// The paths of the `.yaml`/`.yml` regular files under `dir`, and what was passed over.
pub(super) fn list(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Warning>)> {
    let mut paths = Vec::new();
    let mut warnings = Vec::new();
    let mut seen = BTreeSet::new();
    collect(dir, &mut paths, &mut warnings, &mut seen)?;
    warnings.sort();
    Ok((paths, warnings))
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn collect(
    dir: &Path,
    paths: &mut Vec<PathBuf>,
    warnings: &mut Vec<Warning>,
    seen: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    // A folder reached twice (through a link back up the tree) is read once.
    if let Ok(real) = dir.canonicalize() {
        if !seen.insert(real) {
            return Ok(());
        }
    }
    let read_error = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let path = entry.path();
        let mut kind = entry.file_type().map_err(read_error)?;
        if kind.is_symlink() {
            // Where the link leads, without opening it.
            match std::fs::metadata(&path) {
                Ok(target) => kind = target.file_type(),
                Err(e) => {
                    if is_yaml(&path) {
                        warnings.push(Warning {
                            path: path.display().to_string(),
                            message: format!("a link that cannot be followed ({e})"),
                        });
                    }
                    continue;
                }
            }
        }
        if kind.is_dir() {
            collect(&path, paths, warnings, seen)?;
        } else if !is_yaml(&path) {
            continue;
        } else if kind.is_file() {
            paths.push(path);
        } else {
            warnings.push(Warning {
                path: path.display().to_string(),
                message: format!("{}, not a regular file", describe(kind)),
            });
        }
    }
    Ok(())
}

/// What a file that is neither a regular file nor a folder is.
fn describe(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

/// Reads one regular file, no more than [`MAX_FILE_BYTES`] of it.
fn read_file(path: &Path) -> Input {
    let name = path.display().to_string();
    let refused = |text: String, line, column, message: String| Input {
        file: SourceFile {
            name: name.clone(),
            text: text.into(),
        },
        unread: Some(Problem {
            file: name.clone(),
            line,
            column,
            item: String::new(),
            message,
        }),
    };
    let too_large = |size: u64| {
        format!(
            "the file is {}, more than a library file may be ({}); split it into smaller files",
            size_text(size),
            limit_text()
        )
    };
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| {
        let size = file.metadata()?.len();
        if size <= MAX_FILE_BYTES {
            // Read one byte past the limit, to notice a file that grew meanwhile.
            file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        }
        Ok(size)
    });
    match read {
        Err(e) => return refused(String::new(), None, None, format!("cannot read it: {e}")),
        Ok(size) if size > MAX_FILE_BYTES => {
            return refused(String::new(), None, None, too_large(size))
        }
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => {
            return refused(String::new(), None, None, too_large(bytes.len() as u64))
        }
        Ok(_) => {}
    }
    match String::from_utf8(bytes) {
        Ok(text) => Input {
            file: SourceFile {
                name,
                text: text.into(),
            },
            unread: None,
        },
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let before = &bytes[..at];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = at
                - before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1)
                + 1;
            let message = format!(
                "not UTF-8 text (byte 0x{:02x}); save the file as UTF-8",
                bytes[at]
            );
            let text = String::from_utf8_lossy(bytes).into_owned();
            refused(text, Some(line), Some(column), message)
        }
    }
}

/// The size limit as a person reads it ("4 MiB").
pub(super) fn limit_text() -> String {
    format!("{} MiB", MAX_FILE_BYTES >> 20)
}

/// A size in bytes as a person reads it: "812 bytes", "40.0 MB".
pub(super) fn size_text(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}
