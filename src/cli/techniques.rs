//! `tpcoach techniques`: the techniques and their default doses.

use std::path::Path;

use serde::Serialize;
use tpcoach::{dose, model::Dose};

use super::{context, output};

/// List the techniques and their default doses.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  tpcoach techniques\n  tpcoach show static compression")]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    kind: tpcoach::model::TechniqueKind,
    dose: &'a Dose,
    max_hold_seconds: Option<u32>,
    seconds_per_side: u32,
}

/// Runs `tpcoach techniques`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    let rows: Vec<Row> = library
        .techniques
        .iter()
        .map(|t| Row {
            id: &t.id,
            name: &t.name,
            kind: t.kind,
            dose: &t.dose,
            max_hold_seconds: t.max_hold_seconds,
            seconds_per_side: dose::seconds(t.kind, &t.dose),
        })
        .collect();
    if args.json {
        return output::json(&rows);
    }
    let mut table = output::table(&["Technique", "What it is", "Default dose", "Pressure"]);
    for t in &library.techniques {
        let mut dose_text = dose::summary(t.kind, &t.dose);
        if let Some(rest) = t.dose.rest_seconds.filter(|_| t.dose.repetitions > Some(1)) {
            dose_text.push_str(&format!(", rest {rest} s"));
        }
        if let Some(max) = t.max_hold_seconds {
            dose_text.push_str(&format!(" (never over {max} s)"));
        }
        if let Some(pace) = t.dose.stroke_seconds {
            dose_text.push_str(&format!(", about {pace} s each"));
        }
        if t.dose.per_side == Some(true) {
            dose_text.push_str(", each side");
        }
        table.add_row(vec![
            t.name.to_string(),
            t.summary.to_string(),
            dose_text,
            dose::pressure(&t.dose).unwrap_or_else(|| "gentle: to mild tightness".into()),
        ]);
    }
    output::print(table)?;
    output::print(output::wrap_prose(&format!(
        "\n{} More: `tpcoach guide evidence`.",
        tpcoach::guide::EVIDENCE_NOTE
    )))?;
    Ok(())
}
