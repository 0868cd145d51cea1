//! `tpcoach history`: the saved sessions, newest first, as a table, JSON or CSV; and
//! `--forget`, which deletes them all. Also the clock and local-time helpers `progress` shares.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;
use tpcoach::history::calendar::{self, Date};
use tpcoach::history::{ScreeningStop, SessionFilter, SessionRecord, StepRecord, Store};
use tpcoach::library::Library;
use tpcoach::model::ScreeningOutcome;

use super::suggest::duration;
use super::{context, output};

/// What `--since` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// This many seconds before now.
    Ago(i64),
    /// From the start of this local date.
    Date(Date),
}

impl Since {
    /// The moment it starts, as a Unix time: `now` less the span, or the date's local midnight.
    pub fn start(self, now: i64, local: &LocalTime) -> i64 {
        match self {
            Since::Ago(seconds) => now.saturating_sub(seconds),
            Since::Date(date) => local.start_of(date),
        }
    }
}

/// Reads `--since`: `7d`, `2w` or `2026-11-01`.
pub fn parse_since(text: &str) -> Result<Since, String> {
    let text = text.trim();
    let unit = match text.chars().last() {
        Some('d' | 'D') => Some(86_400),
        Some('w' | 'W') => Some(7 * 86_400),
        _ => None,
    };
    if let Some(unit) = unit {
        let number = &text[..text.len() - 1];
        if let Ok(n) = number.parse::<u32>() {
            return Ok(Since::Ago(i64::from(n) * unit));
        }
    }
    Date::parse(text).map(Since::Date).ok_or_else(|| {
        "give a number of days or weeks ago (7d, 2w) or a date (2026-11-01)".to_string()
    })
}

/// Your past sessions, newest first.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tpcoach history\n  tpcoach history --since 7d --steps\n  tpcoach history --since 2026-11-01 --region neck\n  tpcoach history --csv > sessions.csv\n  tpcoach history --forget"
)]
pub struct Args {
    /// Only sessions since then: days or weeks ago (7d, 2w) or a date (2026-11-01).
    #[arg(long, value_name = "WHEN", value_parser = parse_since, allow_hyphen_values = true)]
    pub since: Option<Since>,
    /// Only sessions that worked a muscle of this region (e.g. neck, "low back").
    #[arg(long, short, value_name = "REGION")]
    pub region: Option<String>,
    /// Show each session's steps: muscle, side, technique, time, tenderness before and after.
    #[arg(long)]
    pub steps: bool,
    /// Print JSON instead of a table.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (one row per session, or per step with --steps), for a spreadsheet.
    #[arg(long)]
    pub csv: bool,
    /// Delete your whole history (every session and the screening date), after asking.
    #[arg(long, conflicts_with_all = ["since", "region", "steps", "json", "csv"])]
    pub forget: bool,
    /// With --forget: do not ask (needed when not in a terminal). Your plans go too, unless
    /// --keep-plans.
    #[arg(long, requires = "forget")]
    pub yes: bool,
    /// With --forget: keep your plans (and their check-in answers); without it, you are asked,
    /// or with --yes they are deleted too.
    #[arg(long, requires = "forget")]
    pub keep_plans: bool,
}

/// Local time as the system sees it (the `TZ` variable, the system zone), asked of SQLite.
pub struct LocalTime {
    conn: rusqlite::Connection,
}

impl LocalTime {
    /// Ready to convert times.
    pub fn new() -> anyhow::Result<LocalTime> {
        Ok(LocalTime {
            conn: rusqlite::Connection::open_in_memory().context("cannot read the time zone")?,
        })
    }

    /// Seconds east of UTC at `at` (0 if the system cannot tell).
    pub fn offset(&self, at: i64) -> i64 {
        self.conn
            .query_row(
                "SELECT CAST(strftime('%s', ?1, 'unixepoch', 'localtime') AS INTEGER) - ?1",
                [at],
                |row| row.get(0),
            )
            .unwrap_or(0)
    }

    /// `at` as a local date and time, "2026-11-01 14:05".
    pub fn date_time(&self, at: i64) -> String {
        calendar::date_time(at, self.offset(at))
    }

    /// The first second of `date`, local time.
    pub fn start_of(&self, date: Date) -> i64 {
        let midnight_utc = date.days() * 86_400;
        let guess = midnight_utc - self.offset(midnight_utc);
        midnight_utc - self.offset(guess)
    }

    /// "today", "yesterday", "3 days ago" for `at` as of `now`.
    pub fn days_ago(&self, at: i64, now: i64) -> (i64, String) {
        let days = calendar::days_between(at, now, self.offset(now));
        let text = match days {
            i64::MIN..=0 => "today".to_string(),
            1 => "yesterday".to_string(),
            n => format!("{n} days ago"),
        };
        (days, text)
    }
}

/// Seconds as "m:ss", e.g. "1:05".
fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

pub use tpcoach::history::{rating, round1};

#[derive(Serialize)]
struct JsonStep<'a> {
    index: u32,
    muscle: &'a str,
    side: &'static str,
    technique: &'a str,
    planned_seconds: u32,
    actual_seconds: u32,
    before: Option<u8>,
    after: Option<u8>,
    skipped: bool,
    ended_at: i64,
}

#[derive(Serialize)]
struct JsonSession<'a> {
    id: i64,
    started_at: i64,
    ended_at: Option<i64>,
    query: &'a str,
    matched: &'a str,
    status: &'static str,
    plain: bool,
    steps_done: usize,
    steps_skipped: usize,
    seconds: u32,
    before: Option<f64>,
    after: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    steps: Option<Vec<JsonStep<'a>>>,
    /// The safety answers that changed this session's routine (or came with advice).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    safety: Vec<JsonSafety<'a>>,
}

/// A safety answer saved with a session.
#[derive(Serialize)]
struct JsonSafety<'a> {
    question: &'a str,
    topic: &'a str,
    changed: &'a str,
    advice: &'a str,
}

fn json_step(step: &StepRecord) -> JsonStep<'_> {
    JsonStep {
        index: step.index,
        muscle: &step.muscle,
        side: step.side.as_str(),
        technique: &step.technique,
        planned_seconds: step.planned_seconds,
        actual_seconds: step.actual_seconds,
        before: step.before,
        after: step.after,
        skipped: step.skipped,
        ended_at: step.ended_at,
    }
}

/// One CSV field, quoted when it needs to be.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}

fn csv(sessions: &[SessionRecord], steps: bool, local: &LocalTime) -> String {
    let mut out = String::new();
    if steps {
        let _ = writeln!(
            out,
            "session,started,query,status,step,muscle,side,technique,planned_seconds,actual_seconds,before,after,skipped,ended"
        );
        for s in sessions {
            for step in &s.steps {
                let line = csv_line(&[
                    s.id.0.to_string(),
                    local.date_time(s.started_at),
                    s.query.clone(),
                    s.status_text().to_string(),
                    (step.index + 1).to_string(),
                    step.muscle.clone(),
                    step.side.as_str().to_string(),
                    step.technique.clone(),
                    step.planned_seconds.to_string(),
                    step.actual_seconds.to_string(),
                    opt(step.before),
                    opt(step.after),
                    step.skipped.to_string(),
                    local.date_time(step.ended_at),
                ]);
                let _ = writeln!(out, "{line}");
            }
        }
    } else {
        let _ = writeln!(
            out,
            "session,started,ended,query,matched,status,steps_done,steps_skipped,seconds,before,after"
        );
        for s in sessions {
            let sum = s.summary();
            let line = csv_line(&[
                s.id.0.to_string(),
                local.date_time(s.started_at),
                opt(s.ended_at.map(|at| local.date_time(at))),
                s.query.clone(),
                s.matched.clone(),
                s.status_text().to_string(),
                sum.done.to_string(),
                sum.skipped.to_string(),
                sum.seconds.to_string(),
                opt(sum.before.map(rating)),
                opt(sum.after.map(rating)),
            ]);
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

fn steps_text(done: usize, skipped: usize) -> String {
    if skipped == 0 {
        done.to_string()
    } else {
        format!("{done} ({skipped} skipped)")
    }
}

fn tenderness(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => format!("{} → {}", rating(b), rating(a)),
        _ => "-".to_string(),
    }
}

fn table(sessions: &[SessionRecord], local: &LocalTime) -> String {
    let mut table = output::table(&["When", "For", "Steps", "Time", "Before → after", "Status"]);
    for s in sessions {
        let sum = s.summary();
        table.add_row(vec![
            local.date_time(s.started_at),
            s.query.clone(),
            steps_text(sum.done, sum.skipped),
            duration(sum.seconds),
            tenderness(sum.before, sum.after),
            s.status_text().to_string(),
        ]);
    }
    table.to_string()
}

fn step_tables(library: &Library, sessions: &[SessionRecord], local: &LocalTime) -> String {
    let mut out = String::new();
    for (n, s) in sessions.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let sum = s.summary();
        let heading = format!(
            "{}  {}  {}, {}",
            local.date_time(s.started_at),
            s.matched,
            s.status_text(),
            duration(sum.seconds)
        );
        let _ = writeln!(out, "{}", output::bold(&heading));
        if s.steps.is_empty() {
            let _ = writeln!(out, "  no steps saved");
            continue;
        }
        let mut table = output::table(&[
            "#",
            "Muscle",
            "Side",
            "Technique",
            "Time",
            "Before",
            "After",
        ]);
        for step in &s.steps {
            let technique = library
                .technique(&step.technique)
                .map_or(step.technique.clone(), |t| t.name.to_string());
            // A step stopped part-way is "cut short", as the session's summary says; one never
            // begun is "skipped".
            let time = if step.skipped && step.actual_seconds > 0 {
                format!(
                    "{} of {} (cut short)",
                    clock(step.actual_seconds),
                    clock(step.planned_seconds)
                )
            } else if step.skipped {
                "skipped".to_string()
            } else {
                format!(
                    "{} of {}",
                    clock(step.actual_seconds),
                    clock(step.planned_seconds)
                )
            };
            table.add_row(vec![
                (step.index + 1).to_string(),
                context::muscle_name(library, &step.muscle),
                step.side.as_str().to_string(),
                technique,
                time,
                opt(step.before),
                opt(step.after),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }
    out
}

/// The screenings that stopped a session, newest first, as lines to follow the sessions:
/// empty when there were none. Each says when, for what, and the answer that stopped it (or
/// why nothing was left to work on).
fn stops_text(stops: &[ScreeningStop], local: &LocalTime) -> String {
    if stops.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\n\nStopped at the safety questions (no session, nothing worked, not counted above):",
    );
    for stop in stops.iter().rev() {
        let topics: Vec<&str> = stop
            .answers
            .iter()
            .filter(|a| a.outcome == ScreeningOutcome::Stop)
            .map(|a| a.topic.as_str())
            .collect();
        let why = match topics.is_empty() {
            true => stop.reason.clone(),
            false => topics.join(", "),
        };
        let _ = write!(
            out,
            "\n- {}  {}: {}",
            local.date_time(stop.at),
            stop.query,
            why
        );
    }
    out
}

/// Deletes everything, after asking (or with `--yes`); the plans only if the person says so.
fn forget(path: &Path, yes: bool, keep_plans: bool) -> anyhow::Result<()> {
    let Some(store) = Store::open_if_exists(path)? else {
        eprintln!("Nothing to forget: no history is saved.");
        return Ok(());
    };
    let sessions = store.session_count()?;
    let plans = store.plan_count()?;
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut keep = keep_plans;
    if !yes {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Err(tpcoach::Error::BadInput(
                "--forget deletes your whole history: add --yes to confirm when not in a terminal \
                 (your plans go too, unless --keep-plans)"
                    .into(),
            )
            .into());
        }
        // The details on their own line(s), so that the prompt itself stays short: a prompt
        // that wraps is drawn twice. Deleting everything takes y and Enter, never one key.
        eprintln!(
            "This deletes all {} and your screening date from {}.",
            plural(sessions, "saved session"),
            path.display()
        );
        let confirmed = dialoguer::Confirm::new()
            .with_prompt("Delete your history? This cannot be undone.")
            .default(false)
            .wait_for_newline(true)
            .interact_on(&dialoguer::console::Term::stderr())
            .context("cannot ask for confirmation")?;
        if !confirmed {
            eprintln!("Kept your history.");
            return Ok(());
        }
        if plans > 0 && !keep_plans {
            eprintln!(
                "You also have {} (what each is for, how many sessions a day, check-in answers).",
                plural(plans, "plan")
            );
            keep = dialoguer::Confirm::new()
                .with_prompt("Keep your plans?")
                .default(false)
                .wait_for_newline(true)
                .interact_on(&dialoguer::console::Term::stderr())
                .context("cannot ask about your plans")?;
        }
    }
    let gone = store.forget_keeping(keep)?;
    let what = format!(
        "{} ({})",
        plural(gone.sessions, "session"),
        plural(gone.steps, "step")
    );
    if gone.plans > 0 {
        eprintln!(
            "Forgot {what}, the screening date and {}{}.",
            plural(gone.plans, "plan"),
            if yes {
                " (--keep-plans keeps them)"
            } else {
                ""
            }
        );
    } else if keep && plans > 0 {
        eprintln!(
            "Forgot {what} and the screening date; kept your {}.",
            plural(plans, "plan")
        );
    } else {
        eprintln!("Forgot {what} and the screening date.");
    }
    Ok(())
}

/// Runs `tpcoach history`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let path = context::database()?;
    if args.forget {
        return forget(&path, args.yes, args.keep_plans);
    }
    let library = context::load(library)?;
    let muscles = match &args.region {
        Some(query) => {
            let region = library.find_region(query)?;
            Some(
                library
                    .muscles
                    .iter()
                    .filter(|m| m.region == region.id)
                    .map(|m| m.id.to_string())
                    .collect(),
            )
        }
        None => None,
    };
    let local = LocalTime::new()?;
    let now = context::now()?;
    let since = args.since.map(|since| since.start(now, &local));
    let store = Store::open_if_exists(&path)?;
    let sessions = match &store {
        Some(store) => store.sessions(&SessionFilter { since, muscles })?,
        None => Vec::new(),
    };
    if args.json {
        let safety = match &store {
            Some(store) => store.safety_by_session(since.unwrap_or(i64::MIN))?,
            _ => Default::default(),
        };
        let rows: Vec<JsonSession> = sessions
            .iter()
            .map(|s| {
                let sum = s.summary();
                JsonSession {
                    id: s.id.0,
                    started_at: s.started_at,
                    ended_at: s.ended_at,
                    query: &s.query,
                    matched: &s.matched,
                    status: s.status_text(),
                    plain: s.plain,
                    steps_done: sum.done,
                    steps_skipped: sum.skipped,
                    seconds: sum.seconds,
                    before: sum.before.map(round1),
                    after: sum.after.map(round1),
                    steps: args.steps.then(|| s.steps.iter().map(json_step).collect()),
                    safety: safety
                        .get(&s.id.0)
                        .into_iter()
                        .flatten()
                        .map(|a| JsonSafety {
                            question: &a.question,
                            topic: &a.topic,
                            changed: &a.changed,
                            advice: &a.advice,
                        })
                        .collect(),
                }
            })
            .collect();
        return output::json(&rows);
    }
    if args.csv {
        let text = csv(&sessions, args.steps, &local);
        output::print_raw(text.trim_end())?;
        return Ok(());
    }
    // With --region: the stops of a session asked for that region (its query names it).
    let region = args
        .region
        .as_ref()
        .map(|query| library.find_region(query).map(|r| r.id.clone()))
        .transpose()?;
    let stops = match &store {
        Some(store) => store
            .screening_stops(since.unwrap_or(i64::MIN))?
            .into_iter()
            .filter(|stop| {
                region
                    .as_ref()
                    .is_none_or(|id| library.find_region(&stop.query).is_ok_and(|r| &r.id == id))
            })
            .collect(),
        None => Vec::new(),
    };
    let stopped = stops_text(&stops, &local);
    if sessions.is_empty() {
        let text = if args.since.is_some() || args.region.is_some() {
            "No saved sessions match."
        } else {
            "No sessions saved yet: `tpcoach session neck` saves each step as you go."
        };
        output::print(format!("{text}{stopped}"))?;
        return Ok(());
    }
    let body = if args.steps {
        step_tables(library, &sessions, &local)
    } else {
        table(&sessions, &local)
    };
    let total: u32 = sessions
        .iter()
        .flat_map(|s| &s.steps)
        .map(|s| s.actual_seconds)
        .sum();
    output::print(format!(
        "{}\n{} session{}, {} of work.{stopped}",
        body.trim_end(),
        sessions.len(),
        if sessions.len() == 1 { "" } else { "s" },
        duration(total)
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_reads_days_weeks_and_dates() {
        assert_eq!(parse_since("7d"), Ok(Since::Ago(7 * 86_400)));
        assert_eq!(parse_since("2w"), Ok(Since::Ago(14 * 86_400)));
        assert_eq!(parse_since("0d"), Ok(Since::Ago(0)));
        assert!(matches!(parse_since("2026-11-01"), Ok(Since::Date(_))));
        for bad in [
            "",
            "d",
            "7",
            "-7d",
            "7days",
            "2026-02-30",
            "yesterday",
            "1.5w",
        ] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("neck"), "neck");
        assert_eq!(csv_field("neck, shoulders"), "\"neck, shoulders\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn ratings_show_one_decimal_only_when_needed() {
        assert_eq!(rating(5.0), "5");
        assert_eq!(rating(5.55), "5.6");
        assert_eq!(rating(3.04), "3");
    }
}
