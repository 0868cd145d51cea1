//! The core's typed errors. Their text is what the person reads: it names the file, line or item
//! and says what to do next.

use std::fmt;
use std::path::PathBuf;

/// Everything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A library folder holds no YAML files.
    #[error("{} holds no .yaml files: point --library at a folder of library files", path.display())]
    EmptyLibrary {
        /// The folder.
        path: PathBuf,
    },
    /// The library has problems; every one found is listed.
    #[error("{0}")]
    Invalid(Problems),
    /// A name matched nothing.
    #[error("{}", not_found_text(kind, query, suggestions))]
    NotFound {
        /// What was looked for ("muscle", "region, pain area or symptom").
        kind: &'static str,
        /// What the person typed.
        query: String,
        /// The closest names, best first.
        suggestions: Vec<String>,
    },
    /// An argument's value cannot be used.
    #[error("{0}")]
    BadInput(String),
}

fn not_found_text(kind: &str, query: &str, suggestions: &[String]) -> String {
    let mut text = format!("no {kind} matches \"{query}\"");
    if !suggestions.is_empty() {
        text.push_str("; did you mean ");
        let quoted: Vec<String> = suggestions.iter().map(|s| format!("\"{s}\"")).collect();
        text.push_str(&quoted.join(", "));
        text.push('?');
    }
    text
}

/// One problem found in a library file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, as the person would find it (a path, or `data/...` for the built-in library).
    pub file: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The 1-based column, when known.
    pub column: Option<usize>,
    /// The entry and field concerned, e.g. `muscles[upper_trapezius].techniques[0].dose`.
    pub item: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if self.item.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": {}: {}", self.item, self.message)
        }
    }
}

/// All the problems found in one load: the files that could not be parsed first, then the
/// rest in file and line order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    /// Every problem found.
    pub problems: Vec<Problem>,
    /// The files with problems that references from elsewhere may point into, with how many
    /// such references were not checked (they are not reported as problems of their own).
    pub unchecked: Vec<Unchecked>,
    /// The files passed over without being read.
    pub warnings: Vec<Warning>,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "the library has {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            writeln!(f, "  {problem}")?;
        }
        for unchecked in &self.unchecked {
            writeln!(f, "  {unchecked}")?;
        }
        write!(f, "fix them and run `tpcoach check` again")
    }
}

/// References that may point into a file with problems, and so were not checked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unchecked {
    /// The file.
    pub file: String,
    /// How many references were not checked.
    pub references: usize,
}

impl fmt::Display for Unchecked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.references {
            1 => write!(f, "1 reference into {} was not checked", self.file),
            n => write!(f, "{n} references into {} were not checked", self.file),
        }
    }
}

/// Something in a library folder that was passed over without being read, such as a named pipe
/// with a `.yaml` name. The load goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The path, as the person would find it.
    pub path: String,
    /// What it is, and why it was passed over.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skipped {}: {}", self.path, self.message)
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
