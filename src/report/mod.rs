//! The record to take to a clinician (`tpcoach report`): what was worked, when, how often, how
//! tender before and after, the trend per muscle and side, the safety answers on record (and
//! those that changed each session), and what tpcoach is and is not, as one self-contained HTML
//! page.
//!
//! The figures are not computed again here: the sessions and their summaries are
//! [`Store::sessions`] and [`SessionRecord::summary`] (as `tpcoach history` shows them), the
//! trends and verdicts [`Store::progress_keeping`] (as `tpcoach progress` shows them, with more
//! points per chart). [`Report`] gathers them; [`html::render`] writes the page, drawing the body
//! map with [`crate::body_map::svg`] and the charts with the same helpers.
//!
//! ```
//! use tpcoach::history::calendar::Zone;
//! use tpcoach::library::{Base, Library, LoadOptions};
//! use tpcoach::report::{html, Options, Report};
//!
//! let library = Library::load(&LoadOptions { base: Base::Embedded, overlay: None })?;
//! let options = Options { since: None, region: None, now: 1_800_000_000 };
//! let report = Report::build(&library, None, &options).expect("no database to read");
//! let page = html::render(&report, &library, &0_i64);
//! assert!(page.contains("No sessions saved yet"));
//! # Ok::<(), tpcoach::Error>(())
//! ```

mod chart;
pub mod html;

use std::collections::BTreeSet;

use crate::history::progress::MuscleProgress;
use crate::history::{
    SafetyAnswer, ScreeningStop, SessionFilter, SessionRecord, SessionSummary, Store, StoreError,
};
use crate::library::Library;
use crate::model::{Region, ScreeningOutcome};

/// How many rated sessions a muscle's chart shows at most (the newest): a long history is
/// summarised, not drawn point by point.
pub const CHART_SESSIONS: usize = 60;
/// How many sessions the table lists at most (the newest); the summary counts them all.
pub const TABLE_SESSIONS: usize = 60;

/// What the report covers.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Only sessions started at or after this time (Unix seconds); all when `None`.
    pub since: Option<i64>,
    /// Only sessions that worked a muscle of this region (as `history --region`), and only its
    /// muscles' progress.
    pub region: Option<&'a Region>,
    /// Now (Unix seconds): the end of the period, and what the verdicts are judged against.
    pub now: i64,
}

/// One session as the table shows it.
#[derive(Debug, Clone)]
pub struct SessionLine {
    /// The session as saved.
    pub record: SessionRecord,
    /// Its figures, as `history` computes them.
    pub summary: SessionSummary,
}

/// One muscle and side as the progress part shows it.
#[derive(Debug, Clone)]
pub struct MuscleLine {
    /// The muscle's name (its id when the library no longer has it).
    pub name: String,
    /// Its progress over the whole record, as `progress` computes it, with up to
    /// [`CHART_SESSIONS`] trend points.
    pub progress: MuscleProgress,
}

/// A general safety answer on record that changes or stops a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyNote {
    /// The question's id.
    pub question: String,
    /// The question as asked.
    pub text: String,
    /// What a "yes" means for a session (stop, limit, advise), in a few words.
    pub effect: &'static str,
    /// What the person was told to do.
    pub action: String,
    /// When it was answered (Unix seconds).
    pub at: i64,
}

/// A safety answer that changed sessions in the period (or let them go on with advice), with
/// the sessions it was given for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyChange {
    /// The answer, as saved with the sessions.
    pub answer: SafetyAnswer,
    /// When those sessions started (Unix seconds), newest first.
    pub dates: Vec<i64>,
}

/// Everything the page shows, computed once.
#[derive(Debug, Clone)]
pub struct Report {
    /// When it was made (Unix seconds).
    pub now: i64,
    /// The start of the period asked for, if any.
    pub since: Option<i64>,
    /// The region asked for (its name), if any.
    pub region: Option<String>,
    /// Every session in the period, newest first.
    pub sessions: Vec<SessionLine>,
    /// Seconds of work over those sessions.
    pub total_seconds: u32,
    /// The muscles worked in the period (steps done, not skipped), by name.
    pub muscles_worked: Vec<String>,
    /// Progress per muscle and side (the muscles worked in the period), by name, left before
    /// right.
    pub progress: Vec<MuscleLine>,
    /// The general safety answers on record that stop, limit or qualify a session.
    pub safety: Vec<SafetyNote>,
    /// The safety answers saved with the period's sessions, the same answer (same words, same
    /// change) once: the most recently given first.
    pub changes: Vec<SafetyChange>,
    /// When every general safety question was last answered "no", if ever.
    pub screening_cleared_at: Option<i64>,
    /// The screenings that stopped a session before its first step in the period (for the
    /// region asked, if any), newest first. Not sessions: no count above includes them.
    pub stops: Vec<ScreeningStop>,
}

/// The ids of a region's muscles (what `--region` keeps).
pub fn region_muscles(library: &Library, region: &Region) -> BTreeSet<String> {
    library
        .muscles
        .iter()
        .filter(|m| m.region == region.id)
        .map(|m| m.id.to_string())
        .collect()
}

/// A muscle's display name, or its id when the library no longer has it.
fn muscle_name(library: &Library, id: &str) -> String {
    library
        .muscle(id)
        .map_or(id.to_string(), |m| m.name.to_string())
}

/// Progress rows ordered as `progress` shows them: by muscle name, then left before right.
pub fn by_name(library: &Library, rows: Vec<MuscleProgress>) -> Vec<(String, MuscleProgress)> {
    let mut out: Vec<(String, MuscleProgress)> = rows
        .into_iter()
        .map(|p| (muscle_name(library, &p.muscle), p))
        .collect();
    out.sort_by(|(a, pa), (b, pb)| (a, &pa.muscle, pa.side).cmp(&(b, &pb.muscle, pb.side)));
    out
}

impl Report {
    /// Reads what the report shows from `store` (`None`: no history yet, an empty report).
    pub fn build(
        library: &Library,
        store: Option<&Store>,
        options: &Options<'_>,
    ) -> Result<Report, StoreError> {
        let muscles = options.region.map(|r| region_muscles(library, r));
        let (records, progress, memory, mut stops) = match store {
            Some(store) => (
                store.sessions(&SessionFilter {
                    since: options.since,
                    muscles: muscles.clone(),
                })?,
                store.progress_keeping(muscles.as_ref(), options.now, CHART_SESSIONS)?,
                Some(store.screening_memory()?),
                store.screening_stops(options.since.unwrap_or(i64::MIN))?,
            ),
            None => (Vec::new(), Vec::new(), None, Vec::new()),
        };
        // With a region: the stops of a session asked for that region.
        if let Some(region) = options.region {
            stops.retain(|stop| {
                library
                    .find_region(&stop.query)
                    .is_ok_and(|r| r.id == region.id)
            });
        }
        stops.reverse();
        // Inserted one by one: collecting into the set would first sort every step of a long
        // history (100,000 of them), where the set itself holds a few hundred.
        let mut worked: BTreeSet<(&str, &str)> = BTreeSet::new();
        for step in records.iter().flat_map(|s| &s.steps) {
            if !step.skipped && muscles.as_ref().is_none_or(|m| m.contains(&step.muscle)) {
                worked.insert((step.muscle.as_str(), step.side.as_str()));
            }
        }
        let mut muscles_worked: Vec<String> = worked
            .iter()
            .map(|(id, _)| muscle_name(library, id))
            .collect();
        muscles_worked.sort();
        muscles_worked.dedup();
        let progress = by_name(library, progress)
            .into_iter()
            .filter(|(_, p)| worked.contains(&(p.muscle.as_str(), p.side.as_str())))
            .map(|(name, progress)| MuscleLine { name, progress })
            .collect();
        let mut safety = Vec::new();
        let mut screening_cleared_at = None;
        if let Some(memory) = memory {
            screening_cleared_at = memory.cleared_at;
            for question in &library.screening_questions {
                let Some(&(true, at)) = memory.answers.get(question.id.as_str()) else {
                    continue;
                };
                safety.push(SafetyNote {
                    question: question.id.to_string(),
                    text: question.question.to_string(),
                    effect: match question.if_yes {
                        ScreeningOutcome::Stop => "no session while this holds",
                        ScreeningOutcome::Limit => "sessions changed",
                        ScreeningOutcome::Advise => "sessions go on, with advice",
                    },
                    action: question.action.to_string(),
                    at,
                });
            }
        }
        let mut changes: Vec<SafetyChange> = Vec::new();
        for record in &records {
            for answer in &record.safety {
                match changes.iter_mut().find(|c| c.answer == *answer) {
                    Some(change) => change.dates.push(record.started_at),
                    None => changes.push(SafetyChange {
                        answer: answer.clone(),
                        dates: vec![record.started_at],
                    }),
                }
            }
        }
        let sessions: Vec<SessionLine> = records
            .into_iter()
            .map(|record| SessionLine {
                summary: record.summary(),
                record,
            })
            .collect();
        Ok(Report {
            now: options.now,
            since: options.since,
            region: options.region.map(|r| r.name.to_string()),
            total_seconds: sessions.iter().map(|s| s.summary.seconds).sum(),
            sessions,
            muscles_worked,
            progress,
            safety,
            changes,
            screening_cleared_at,
            stops,
        })
    }

    /// The rows that advise seeing a professional.
    pub fn warnings(&self) -> impl Iterator<Item = &MuscleLine> {
        self.progress
            .iter()
            .filter(|m| m.progress.verdict.see_a_professional())
    }
}

/// "1 h 5 min", "12 min", "45 s".
pub fn duration(seconds: u32) -> String {
    match (seconds / 3600, seconds % 3600 / 60, seconds % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests;
