//! `tpcoach regions`: the body regions and what people call them.

use std::path::Path;

use serde::Serialize;

use super::{context, output};

/// List the body regions.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  tpcoach regions\n  tpcoach muscles --region \"low back\"")]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [tpcoach::model::Text],
    muscles: usize,
    advanced: bool,
}

/// Runs `tpcoach regions`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    let rows: Vec<Row> = library
        .regions
        .iter()
        .map(|r| Row {
            id: &r.id,
            name: &r.name,
            aliases: &r.aliases,
            muscles: library.muscles.iter().filter(|m| m.region == r.id).count(),
            advanced: r.advanced,
        })
        .collect();
    if args.json {
        return output::json(&rows);
    }
    let mut table = output::table(&["Region", "Also called", "Muscles", "Note"]);
    for row in &rows {
        table.add_row(vec![
            row.name.to_string(),
            row.aliases.join(", "),
            row.muscles.to_string(),
            if row.advanced {
                "advanced: asks its own safety questions first".into()
            } else {
                String::new()
            },
        ]);
    }
    output::print(table)?;
    Ok(())
}
