//! `tpcoach show source KEY`: one source in full, with the entries that cite it.

use std::fmt::Write as _;

use serde::Serialize;
use tpcoach::library::Library;
use tpcoach::lookup::Citation;
use tpcoach::model::Source;

use super::output;

/// A source with the entries that cite it, as `--json` prints it.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    source: &'a Source,
    cited_by: Vec<Citation>,
}

/// Prints the source recorded under `key`, or fails with the closest keys.
pub fn run(library: &Library, key: &str, json: bool) -> anyhow::Result<()> {
    let source = library.find_source(key)?;
    let cited_by = library.citations(&source.id);
    if json {
        return output::json(&Shown { source, cited_by });
    }
    Ok(output::print(output::wrap_prose(&text(source, &cited_by)))?)
}

/// What a kind of entry is called in the text.
fn kind_name(kind: &str) -> &str {
    match kind {
        "muscle" => "muscles",
        "technique" => "techniques",
        "danger_zone" => "danger zones",
        "screening_question" => "screening questions",
        "red_flag" => "warning signs",
        other => other,
    }
}

fn text(source: &Source, cited_by: &[Citation]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", output::bold(&source.id), source.title);
    let _ = writeln!(out, "  by: {}", source.by);
    match &source.url {
        Some(url) => {
            let _ = writeln!(out, "  url: {url}");
        }
        None => {
            let _ = writeln!(out, "  url: none");
        }
    }
    if let Some(read) = &source.read {
        let _ = writeln!(out, "  read: {read}");
    }
    let _ = writeln!(out, "  used for: {}", source.used_for);
    if let Some(note) = &source.note {
        let _ = writeln!(out, "  note: {note}");
    }
    let _ = write!(out, "\n{}\n", output::bold("Cited by"));
    if cited_by.is_empty() {
        let _ = writeln!(out, "  no entry of this library");
    }
    let mut kinds: Vec<&str> = cited_by.iter().map(|c| c.kind).collect();
    kinds.dedup();
    for kind in kinds {
        let names: Vec<&str> = cited_by
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.name.as_str())
            .collect();
        let _ = writeln!(out, "  {}: {}", kind_name(kind), names.join("; "));
    }
    out
}
