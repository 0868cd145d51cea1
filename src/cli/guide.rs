//! `tpcoach guide [TOPIC]`: the first questions, answered in one screen each.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;
use tpcoach::guide::{self, Topic};

use super::{context, output};

/// Short answers to a newcomer's first questions: what this is, how hard, how often, is it safe.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tpcoach guide\n  tpcoach guide pressure\n  tpcoach guide how hard\n  tpcoach guide safety --json"
)]
pub struct Args {
    /// The topic: its id ("pressure"), words of its title or an alias ("how hard", "safety");
    /// without one, the topics are listed.
    #[arg(value_name = "TOPIC")]
    pub topic: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(flatten)]
    topic: &'a Topic,
    text: String,
}

/// Runs `tpcoach guide`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    if args.topic.is_empty() {
        return list(args.json);
    }
    let topic = guide::find(&args.topic.join(" "))?;
    let library = context::load(library)?;
    let text = topic.text(library)?;
    if args.json {
        return output::json(&Page { topic, text });
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", output::bold(topic.title));
    let _ = writeln!(out, "{text}\n");
    let _ = write!(out, "Sources: {}.", topic.sources.join(", "));
    output::print(output::wrap_prose(&out))?;
    Ok(())
}

/// The topics: id, title and what each covers.
fn list(json: bool) -> anyhow::Result<()> {
    if json {
        return output::json(&guide::TOPICS);
    }
    let mut table = output::table(&["Topic", "Question", "What it covers"]);
    let cells: Vec<Vec<String>> = guide::TOPICS
        .iter()
        .map(|t| vec![t.id.to_string(), t.title.to_string(), t.summary.to_string()])
        .collect();
    output::fit(&mut table, &cells, &[0], 2);
    table.add_rows(cells);
    output::print(table)?;
    output::print(output::wrap_prose(
        "Read one with `tpcoach guide TOPIC`, e.g. `tpcoach guide pressure` or `tpcoach guide how hard`.",
    ))?;
    Ok(())
}
