//! `tpcoach progress`: per muscle and side, how many sessions, tenderness before and after over
//! the recent sessions as a sparkline, the average drop, days since last worked, and plain advice
//! to see a professional when it is not improving or keeps rising.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use comfy_table::ColumnConstraint;
use serde::Serialize;
use tpcoach::history::progress::{
    MuscleProgress, JUDGE_WINDOW_DAYS, REGULAR_SESSIONS, TREND_POINTS,
};
use tpcoach::history::{Store, Verdict};
use tpcoach::library::Library;
use tpcoach::lookup;

use super::context::{database, muscle_name, now};
use super::history::{rating, round1, LocalTime};
use super::{context, output};

/// The sparkline's bars, lowest (tenderness 0) to highest (10).
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Tenderness over your sessions, per muscle and side.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tpcoach progress\n  tpcoach progress neck\n  tpcoach progress upper trapezius\n  tpcoach progress tension headache --json"
)]
pub struct Args {
    /// Only these muscles: a muscle ("upper traps"), a region ("neck"), a pain area ("temple")
    /// or a symptom ("tension headache"). All muscles you have worked when left out.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The muscles a query names, and how it was understood.
fn muscles_for(library: &Library, query: &str) -> tpcoach::Result<(BTreeSet<String>, String)> {
    if let Some(muscle) = lookup::find(&library.muscles, query) {
        return Ok((
            BTreeSet::from([muscle.id.to_string()]),
            muscle.name.to_string(),
        ));
    }
    match library.understand(query) {
        Ok(target) => Ok((
            library
                .ranked(target)
                .into_iter()
                .map(|r| r.muscle.id.to_string())
                .collect(),
            target.describe(library),
        )),
        Err(tpcoach::Error::NotFound {
            query, suggestions, ..
        }) => {
            let mut close =
                lookup::suggestions(&library.muscles.iter().collect::<Vec<_>>(), &query, 2);
            close.extend(suggestions);
            Err(tpcoach::Error::NotFound {
                kind: "muscle, region, pain area or symptom",
                query,
                suggestions: close,
            })
        }
        Err(other) => Err(other),
    }
}

/// Tenderness values as a sparkline on the 0-10 scale; `·` where a session has no rating.
fn sparkline(values: impl Iterator<Item = Option<f64>>) -> String {
    values
        .map(|v| match v {
            Some(v) => BARS[((v.clamp(0.0, 10.0) / 10.0) * 7.0).round() as usize],
            None => '·',
        })
        .collect()
}

/// A sparkline and its first and last values: "▆▅▄ 6→4".
pub fn trend_cell(values: &[Option<f64>]) -> String {
    let rated: Vec<f64> = values.iter().flatten().copied().collect();
    match (rated.first(), rated.last()) {
        (Some(first), Some(last)) if rated.len() > 1 => format!(
            "{} {}→{}",
            sparkline(values.iter().copied()),
            rating(*first),
            rating(*last)
        ),
        (Some(only), _) => format!("{} {}", sparkline(values.iter().copied()), rating(*only)),
        _ => "-".to_string(),
    }
}

#[derive(Serialize)]
struct JsonPoint {
    session: i64,
    at: i64,
    before: Option<f64>,
    after: Option<f64>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    muscle: &'a str,
    name: String,
    side: &'static str,
    sessions: u32,
    steps: u32,
    last_worked_at: i64,
    days_since_last_worked: i64,
    average_drop: Option<f64>,
    trend: Vec<JsonPoint>,
    verdict: Verdict,
    see_a_professional: bool,
    advice: Option<&'static str>,
}

/// Orders rows by muscle name, then left before right.
fn sorted<'a>(library: &Library, rows: &'a [MuscleProgress]) -> Vec<(String, &'a MuscleProgress)> {
    let mut out: Vec<(String, &MuscleProgress)> = rows
        .iter()
        .map(|p| (muscle_name(library, &p.muscle), p))
        .collect();
    out.sort_by(|(a, pa), (b, pb)| (a, &pa.muscle, pa.side).cmp(&(b, &pb.muscle, pb.side)));
    out
}

/// Runs `tpcoach progress`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    let query = args.query.join(" ");
    let (muscles, heading) = if query.trim().is_empty() {
        (None, "every muscle you have worked".to_string())
    } else {
        let (set, heading) = muscles_for(library, &query)?;
        (Some(set), heading)
    };
    let now = now()?;
    let path = database()?;
    let rows = match Store::open_if_exists(&path)? {
        Some(store) => store.progress(muscles.as_ref(), now)?,
        None => Vec::new(),
    };
    let local = LocalTime::new()?;
    let rows = sorted(library, &rows);
    if args.json {
        let json: Vec<JsonRow> = rows
            .iter()
            .map(|(name, p)| JsonRow {
                muscle: &p.muscle,
                name: name.clone(),
                side: p.side.as_str(),
                sessions: p.sessions,
                steps: p.steps,
                last_worked_at: p.last_worked_at,
                days_since_last_worked: local.days_ago(p.last_worked_at, now).0.max(0),
                average_drop: p.average_drop.map(round1),
                trend: p
                    .trend
                    .iter()
                    .map(|t| JsonPoint {
                        session: t.session.0,
                        at: t.at,
                        before: t.before.map(round1),
                        after: t.after.map(round1),
                    })
                    .collect(),
                verdict: p.verdict,
                see_a_professional: p.verdict.see_a_professional(),
                advice: p.verdict.advice(),
            })
            .collect();
        return output::json(&json);
    }
    if rows.is_empty() {
        let text = match muscles {
            None => "No sessions saved yet: `tpcoach session neck` saves each step as you go."
                .to_string(),
            Some(_) => format!("No saved sessions have worked {heading} yet."),
        };
        output::print(text)?;
        return Ok(());
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", output::bold(&format!("Progress: {heading}")));
    let mut table = output::table(&[
        "Muscle",
        "Sessions",
        "Tenderness 0-10",
        "Avg drop",
        "Last worked",
        "Trend",
    ]);
    // The sparklines keep their width; names and words wrap instead.
    if let Some(column) = table.column_mut(2) {
        column.set_constraint(ColumnConstraint::ContentWidth);
    }
    for (name, p) in &rows {
        let before: Vec<Option<f64>> = p.trend.iter().map(|t| t.before).collect();
        let after: Vec<Option<f64>> = p.trend.iter().map(|t| t.after).collect();
        table.add_row(vec![
            format!("{name}\n{}", p.side.as_str()),
            p.sessions.to_string(),
            format!(
                "before {}\nafter  {}",
                trend_cell(&before),
                trend_cell(&after)
            ),
            p.average_drop
                .map_or("-".to_string(), |d| format!("{d:.1}")),
            local.days_ago(p.last_worked_at, now).1,
            p.verdict.describe().to_string(),
        ]);
    }
    let _ = writeln!(out, "{table}");
    let _ = writeln!(
        out,
        "Tenderness: before and after the work on the spot, per session, oldest to newest (the last {TREND_POINTS} rated sessions). Avg drop: before minus after, within a session. Trend: tenderness before each session over the last {JUDGE_WINDOW_DAYS} days; it takes {REGULAR_SESSIONS} rated sessions over about two weeks to tell."
    );
    let warned: Vec<String> = rows
        .iter()
        .filter_map(|(name, p)| {
            p.verdict
                .advice()
                .map(|text| format!("{name} ({}): {text}", p.side.as_str()))
        })
        .collect();
    if !warned.is_empty() {
        let _ = writeln!(out);
        for line in warned {
            let _ = writeln!(out, "{line}");
        }
    }
    output::print(out.trim_end())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_maps_the_whole_scale() {
        assert_eq!(
            sparkline([0.0, 5.0, 10.0].map(Some).into_iter()),
            "▁▅█".to_string()
        );
        assert_eq!(sparkline([Some(3.0), None].into_iter()), "▃·");
    }

    #[test]
    fn trend_cell_shows_first_and_last() {
        assert_eq!(trend_cell(&[Some(6.0), Some(4.5), Some(3.0)]), "▅▄▃ 6→3");
        assert_eq!(trend_cell(&[Some(6.0)]), "▅ 6");
        assert_eq!(trend_cell(&[None]), "-");
    }
}
