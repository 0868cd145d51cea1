//! Reading sessions back: newest first, with their steps, filtered by date and by muscle.

use std::collections::BTreeSet;

use rusqlite::Row;

use super::{parse_side, SafetyAnswer, SessionId, SessionStatus, StepRecord, Store, StoreError};

/// Which sessions to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionFilter {
    /// Only sessions started at or after this time (Unix seconds).
    pub since: Option<i64>,
    /// Only sessions with at least one step on one of these muscles (ids).
    pub muscles: Option<BTreeSet<String>>,
}

/// A saved session and its steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Its id.
    pub id: SessionId,
    /// When it started (Unix seconds).
    pub started_at: i64,
    /// When it ended; `None` if it never finished (still running, or the process was killed).
    pub ended_at: Option<i64>,
    /// What the person typed.
    pub query: String,
    /// How it was understood.
    pub matched: String,
    /// Run with `--plain`.
    pub plain: bool,
    /// How it ended; `None` if it never finished.
    pub status: Option<SessionStatus>,
    /// Its steps, in order.
    pub steps: Vec<StepRecord>,
    /// The safety answers that changed it or came with advice, in the order asked.
    pub safety: Vec<SafetyAnswer>,
}

/// The figures a session's row shows (`history`, the report): computed once, here.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionSummary {
    /// Steps done (not skipped).
    pub done: usize,
    /// Steps skipped.
    pub skipped: usize,
    /// Seconds of work, over every step.
    pub seconds: u32,
    /// Mean tenderness before, over the steps rated before and after.
    pub before: Option<f64>,
    /// Mean tenderness after, over the same steps.
    pub after: Option<f64>,
}

impl SessionRecord {
    /// "completed", "partial", "unrated" or "unfinished".
    pub fn status_text(&self) -> &'static str {
        self.status.map_or("unfinished", SessionStatus::as_str)
    }

    /// Steps done and skipped, seconds, and the mean tenderness before and after over the
    /// steps rated both times.
    pub fn summary(&self) -> SessionSummary {
        let rated: Vec<&StepRecord> = self
            .steps
            .iter()
            .filter(|s| !s.skipped && s.before.is_some() && s.after.is_some())
            .collect();
        let mean = |f: fn(&StepRecord) -> Option<u8>| {
            (!rated.is_empty()).then(|| {
                rated
                    .iter()
                    .filter_map(|s| f(s))
                    .map(f64::from)
                    .sum::<f64>()
                    / rated.len() as f64
            })
        };
        SessionSummary {
            done: self.steps.iter().filter(|s| !s.skipped).count(),
            skipped: self.steps.iter().filter(|s| s.skipped).count(),
            seconds: self.steps.iter().map(|s| s.actual_seconds).sum(),
            before: mean(|s| s.before),
            after: mean(|s| s.after),
        }
    }
}

/// A tenderness mean as "5" or "5.5" (one decimal only when needed).
pub fn rating(value: f64) -> String {
    let rounded = round1(value);
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// Rounds to one decimal, as `--json` and the report give figures.
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Reads the step columns selected as `idx, muscle, side, technique, planned_seconds,
/// actual_seconds, before, after, skipped, ended_at` from column `at` on.
pub(super) fn step_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<StepRecord> {
    let side: String = row.get(at + 2)?;
    Ok(StepRecord {
        index: row.get(at)?,
        muscle: row.get(at + 1)?,
        side: parse_side(&side).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                at + 2,
                rusqlite::types::Type::Text,
                format!("unknown side \"{side}\"").into(),
            )
        })?,
        technique: row.get(at + 3)?,
        planned_seconds: row.get(at + 4)?,
        actual_seconds: row.get(at + 5)?,
        before: row.get(at + 6)?,
        after: row.get(at + 7)?,
        skipped: row.get(at + 8)?,
        ended_at: row.get(at + 9)?,
    })
}

impl Store {
    /// The sessions that pass `filter`, newest first (by start, then id), each with its steps.
    pub fn sessions(&self, filter: &SessionFilter) -> Result<Vec<SessionRecord>, StoreError> {
        let err = |e| self.error(e);
        let since = filter.since.unwrap_or(i64::MIN);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT id, started_at, ended_at, query, matched, plain, status FROM session
                 WHERE started_at >= ?1 ORDER BY started_at DESC, id DESC",
            )
            .map_err(err)?;
        let mut sessions: Vec<SessionRecord> = statement
            .query_map([since], |row| {
                let status: Option<String> = row.get(6)?;
                Ok(SessionRecord {
                    id: SessionId(row.get(0)?),
                    started_at: row.get(1)?,
                    ended_at: row.get(2)?,
                    query: row.get(3)?,
                    matched: row.get(4)?,
                    plain: row.get(5)?,
                    status: status.as_deref().and_then(SessionStatus::parse),
                    steps: Vec::new(),
                    safety: Vec::new(),
                })
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        let position: std::collections::BTreeMap<i64, usize> = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.0, i))
            .collect();
        let mut steps = self
            .conn
            .prepare_cached(
                "SELECT session_id, idx, muscle, side, technique, planned_seconds, actual_seconds,
                        before, after, skipped, ended_at
                 FROM step WHERE session_id IN (SELECT id FROM session WHERE started_at >= ?1)
                 ORDER BY session_id, idx",
            )
            .map_err(err)?;
        let mut rows = steps.query([since]).map_err(err)?;
        while let Some(row) = rows.next().map_err(err)? {
            let id: i64 = row.get(0).map_err(err)?;
            // A session started by another process after the first query is left out.
            if let Some(&i) = position.get(&id) {
                sessions[i].steps.push(step_from_row(row, 1).map_err(err)?);
            }
        }
        for (id, answer) in self.safety_since(since)? {
            if let Some(&i) = position.get(&id) {
                sessions[i].safety.push(answer);
            }
        }
        if let Some(muscles) = &filter.muscles {
            sessions.retain(|s| s.steps.iter().any(|step| muscles.contains(&step.muscle)));
        }
        Ok(sessions)
    }
}
