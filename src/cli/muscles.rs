//! `tpcoach muscles`: the muscles, by region.

use std::path::Path;

use serde::Serialize;
use tpcoach::library::Library;
use tpcoach::model::{Muscle, Text};

use super::{context, output};

/// List the muscles, optionally of one region.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tpcoach muscles\n  tpcoach muscles --region neck\n  tpcoach muscles --region calf --json"
)]
pub struct Args {
    /// Only the muscles of this region (id, name or alias, e.g. "low back").
    #[arg(long, short, value_name = "REGION")]
    pub region: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    region: &'a str,
    refers_to: &'a [Text],
    techniques: Vec<&'a str>,
    stretch: bool,
    information_only: bool,
}

/// The muscles to list, in region order, then most commonly involved first, then by name.
fn listed<'a>(library: &'a Library, region: Option<&str>) -> Vec<&'a Muscle> {
    let mut muscles: Vec<(usize, &Muscle)> = library
        .muscles
        .iter()
        .filter(|m| region.is_none_or(|r| m.region == r))
        .map(|m| {
            let order = library
                .regions
                .iter()
                .position(|r| r.id == m.region)
                .unwrap_or(usize::MAX);
            (order, m)
        })
        .collect();
    muscles.sort_by(|(ra, a), (rb, b)| (ra, a.priority, &a.name).cmp(&(rb, b.priority, &b.name)));
    muscles.into_iter().map(|(_, m)| m).collect()
}

/// Pain area ids as display names.
pub fn area_names(library: &Library, ids: &[Text]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            library
                .pain_area(id)
                .map_or(id.to_string(), |p| p.name.to_lowercase())
        })
        .collect()
}

/// Runs `tpcoach muscles`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    let region = match &args.region {
        Some(query) => Some(library.find_region(query)?.id.as_str()),
        None => None,
    };
    let muscles = listed(library, region);
    if args.json {
        let rows: Vec<Row> = muscles
            .iter()
            .map(|m| Row {
                id: &m.id,
                name: &m.name,
                region: &m.region,
                refers_to: &m.refers_to.primary,
                techniques: m.techniques.iter().map(|t| t.technique.as_str()).collect(),
                stretch: m.stretch.is_some(),
                information_only: m.information_only,
            })
            .collect();
        return output::json(&rows);
    }
    let mut table = output::table(&["Muscle", "Region", "Sends pain to", "Work it with"]);
    for m in muscles {
        let region_name = library
            .region(&m.region)
            .map_or(m.region.as_str(), |r| &r.name);
        let mut work: Vec<String> = m
            .techniques
            .iter()
            .map(|t| {
                library
                    .technique(&t.technique)
                    .map_or(t.technique.to_string(), |t| t.name.to_lowercase())
            })
            .collect();
        if m.stretch.is_some() {
            work.push("stretching".into());
        }
        if m.information_only {
            work = vec!["information only: see a professional".into()];
        }
        table.add_row(vec![
            m.name.to_string(),
            region_name.to_string(),
            area_names(library, &m.refers_to.primary).join(", "),
            work.join(", "),
        ]);
    }
    output::print(table)?;
    Ok(())
}
