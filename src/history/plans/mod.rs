//! Plans: a daily rhythm of short sessions for one query ("neck") over about two weeks, then a
//! check-in on whether it helped. Plans live in the history database beside the sessions; the
//! sessions of a plan are the saved sessions whose query was understood the same way (their
//! `matched`), whether they were started with the plan in mind or not.
//!
//! The store keeps plans and answers; [`rhythm`] says what is due and when, and [`checkin`]
//! judges a plan at its end. Neither reads the clock or the time zone: both are passed in.
//!
//! ```
//! use tpcoach::history::plans::{rhythm, NewPlan};
//! use tpcoach::history::Store;
//!
//! let dir = std::env::temp_dir().join(format!("tpcoach-plan-doc-{}", std::process::id()));
//! let store = Store::open(&dir.join("tpcoach.db"))?;
//! let start = 1_800_000_000;
//! store.create_plan(&NewPlan {
//!     query: "neck".into(),
//!     target: "region:neck".into(),
//!     matched: "neck (region)".into(),
//!     label: "neck".into(),
//!     started_at: start,
//!     days: 14,
//!     per_day: 1,
//!     minutes: 10,
//!     muscles: vec!["upper_trapezius".into()],
//! })?;
//! let plan = &store.plans()?[0];
//! let sessions = store.plan_sessions(&plan.matched, start - 86_400)?;
//! // UTC (offset 0); no spot is resting.
//! let status = rhythm::status(plan, &sessions, start + 60, &0, None);
//! assert!(status.due_now());
//! # drop(store);
//! # std::fs::remove_dir_all(&dir).ok();
//! # Ok::<(), tpcoach::history::StoreError>(())
//! ```

pub mod checkin;
pub mod defaults;
pub mod rhythm;

use rusqlite::params;

use super::{read::step_from_row, SessionId, StepRecord, Store, StoreError};

/// A plan's id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlanId(pub i64);

/// A plan as it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    /// What the person typed ("neck").
    pub query: String,
    /// The query as resolved: kind and id ("region:neck").
    pub target: String,
    /// How it was understood ("neck (region)"), as its sessions store it.
    pub matched: String,
    /// A word or two for a prompt marker ("neck").
    pub label: String,
    /// When it started (Unix seconds).
    pub started_at: i64,
    /// How many local calendar days it runs, the first being the day it started.
    pub days: u32,
    /// Sessions a day.
    pub per_day: u32,
    /// Minutes per session.
    pub minutes: u32,
    /// The muscles its routine works (ids).
    pub muscles: Vec<String>,
}

/// An answer at a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// Keep going as planned (an ended plan gets another [`defaults::CHECK_IN_DAYS`] days).
    CarryOn,
    /// Stop the plan now.
    Stop,
    /// A few more days (by default [`defaults::EXTEND_DAYS`]) before judging again.
    Extend,
}

impl Answer {
    /// "carry_on", "stop" or "extend", as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::CarryOn => "carry_on",
            Answer::Stop => "stop",
            Answer::Extend => "extend",
        }
    }

    /// "carry-on", "stop" or "extend", as typed.
    pub fn word(self) -> &'static str {
        match self {
            Answer::CarryOn => "carry-on",
            Answer::Stop => "stop",
            Answer::Extend => "extend",
        }
    }

    /// Reads an answer as typed ("carry-on", "carry on", "stop", "extend") or as stored.
    pub fn parse(text: &str) -> Option<Answer> {
        match crate::lookup::normalize(text).replace(' ', "_").as_str() {
            "carry_on" | "carryon" | "continue" => Some(Answer::CarryOn),
            "stop" => Some(Answer::Stop),
            "extend" => Some(Answer::Extend),
            _ => None,
        }
    }
}

/// An answer given at a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinAnswer {
    /// When it was given (Unix seconds).
    pub at: i64,
    /// What it was.
    pub answer: Answer,
    /// The plan's length in days after it.
    pub days: u32,
}

/// A saved plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Its id.
    pub id: PlanId,
    /// What the person typed.
    pub query: String,
    /// The query as resolved ("region:neck").
    pub target: String,
    /// How it was understood, as its sessions store it.
    pub matched: String,
    /// A word or two for a prompt marker.
    pub label: String,
    /// When it started (Unix seconds).
    pub started_at: i64,
    /// How many local calendar days it runs (check-in answers may have lengthened it).
    pub days: u32,
    /// Sessions a day.
    pub per_day: u32,
    /// Minutes per session.
    pub minutes: u32,
    /// The muscles its routine works (ids).
    pub muscles: Vec<String>,
    /// When it was stopped, if it was.
    pub stopped_at: Option<i64>,
    /// The answers given at its check-ins, oldest first.
    pub checkins: Vec<CheckinAnswer>,
}

/// A saved session as a plan sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSession {
    /// Its id.
    pub id: SessionId,
    /// When it started (Unix seconds).
    pub started_at: i64,
    /// When it ended: its end, else its last step's (a session that never finished).
    pub ended_at: i64,
    /// Its steps (at least one done, not skipped).
    pub steps: Vec<StepRecord>,
}

impl PlanSession {
    /// Seconds of work done in it.
    pub fn seconds(&self) -> u32 {
        self.steps
            .iter()
            .fold(0u32, |sum, s| sum.saturating_add(s.actual_seconds))
    }
}

/// The changes `plan --edit` may make.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanChange {
    /// A new length in days.
    pub days: Option<u32>,
    /// New sessions a day.
    pub per_day: Option<u32>,
    /// New minutes per session.
    pub minutes: Option<u32>,
    /// The muscles of the routine those minutes make.
    pub muscles: Option<Vec<String>>,
}

impl Store {
    /// Whether this database has plans at all (a file from before plans has none).
    fn has_plan_table(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'plan'",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|e| self.error(e))
    }

    /// Saves a new plan and returns its id.
    pub fn create_plan(&self, plan: &NewPlan) -> Result<PlanId, StoreError> {
        self.conn
            .execute(
                "INSERT INTO plan (query, target, matched, label, started_at, days, per_day,
                                   minutes, muscles)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    plan.query,
                    plan.target,
                    plan.matched,
                    plan.label,
                    plan.started_at,
                    plan.days,
                    plan.per_day,
                    plan.minutes,
                    plan.muscles.join(" "),
                ],
            )
            .map_err(|e| self.error(e))?;
        Ok(PlanId(self.conn.last_insert_rowid()))
    }

    /// Every saved plan, oldest first (by start, then id), with its check-in answers.
    pub fn plans(&self) -> Result<Vec<Plan>, StoreError> {
        if !self.has_plan_table()? {
            return Ok(Vec::new());
        }
        let err = |e| self.error(e);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT id, query, target, matched, label, started_at, days, per_day, minutes,
                        muscles, stopped_at
                 FROM plan ORDER BY started_at, id",
            )
            .map_err(err)?;
        let mut plans: Vec<Plan> = statement
            .query_map([], |row| {
                let muscles: String = row.get(9)?;
                Ok(Plan {
                    id: PlanId(row.get(0)?),
                    query: row.get(1)?,
                    target: row.get(2)?,
                    matched: row.get(3)?,
                    label: row.get(4)?,
                    started_at: row.get(5)?,
                    days: row.get(6)?,
                    per_day: row.get(7)?,
                    minutes: row.get(8)?,
                    muscles: muscles.split_whitespace().map(String::from).collect(),
                    stopped_at: row.get(10)?,
                    checkins: Vec::new(),
                })
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        let mut answers = self
            .conn
            .prepare_cached(
                "SELECT plan_id, at, answer, days FROM plan_checkin ORDER BY plan_id, at, rowid",
            )
            .map_err(err)?;
        let mut rows = answers.query([]).map_err(err)?;
        while let Some(row) = rows.next().map_err(err)? {
            let id: i64 = row.get(0).map_err(err)?;
            let answer: String = row.get(2).map_err(err)?;
            let Some(answer) = Answer::parse(&answer) else {
                continue;
            };
            if let Some(plan) = plans.iter_mut().find(|p| p.id.0 == id) {
                plan.checkins.push(CheckinAnswer {
                    at: row.get(1).map_err(err)?,
                    answer,
                    days: row.get(3).map_err(err)?,
                });
            }
        }
        Ok(plans)
    }

    /// How many plans are saved.
    pub fn plan_count(&self) -> Result<u64, StoreError> {
        if !self.has_plan_table()? {
            return Ok(0);
        }
        self.conn
            .query_row("SELECT count(*) FROM plan", [], |row| row.get(0))
            .map_err(|e| self.error(e))
    }

    /// Stops plan `id` at `at`.
    pub fn stop_plan(&self, id: PlanId, at: i64) -> Result<(), StoreError> {
        self.change_plan_rows(
            "UPDATE plan SET stopped_at = ?2 WHERE id = ?1",
            params![id.0, at],
            id,
        )
    }

    /// Applies `change` to plan `id`.
    pub fn edit_plan(&self, id: PlanId, change: &PlanChange) -> Result<(), StoreError> {
        self.write_batch(|store| {
            if let Some(days) = change.days {
                store.change_plan_rows(
                    "UPDATE plan SET days = ?2 WHERE id = ?1",
                    params![id.0, days],
                    id,
                )?;
            }
            if let Some(per_day) = change.per_day {
                store.change_plan_rows(
                    "UPDATE plan SET per_day = ?2 WHERE id = ?1",
                    params![id.0, per_day],
                    id,
                )?;
            }
            if let Some(minutes) = change.minutes {
                store.change_plan_rows(
                    "UPDATE plan SET minutes = ?2 WHERE id = ?1",
                    params![id.0, minutes],
                    id,
                )?;
            }
            if let Some(muscles) = &change.muscles {
                store.change_plan_rows(
                    "UPDATE plan SET muscles = ?2 WHERE id = ?1",
                    params![id.0, muscles.join(" ")],
                    id,
                )?;
            }
            Ok(())
        })
    }

    /// Saves the answer to plan `id`'s check-in, given at `at`; `days` is the plan's length
    /// after it (see [`rhythm::days_after`]). "Stop" stops the plan.
    pub fn answer_checkin(
        &self,
        id: PlanId,
        at: i64,
        answer: Answer,
        days: u32,
    ) -> Result<(), StoreError> {
        self.write_batch(|store| {
            store.change_plan_rows(
                "UPDATE plan SET days = ?2 WHERE id = ?1",
                params![id.0, days],
                id,
            )?;
            store
                .conn
                .execute(
                    "INSERT INTO plan_checkin (plan_id, at, answer, days) VALUES (?1, ?2, ?3, ?4)",
                    params![id.0, at, answer.as_str(), days],
                )
                .map_err(|e| store.error(e))?;
            if answer == Answer::Stop {
                store.stop_plan(id, at)?;
            }
            Ok(())
        })
    }

    fn change_plan_rows(
        &self,
        sql: &str,
        values: impl rusqlite::Params,
        id: PlanId,
    ) -> Result<(), StoreError> {
        let changed = self.conn.execute(sql, values).map_err(|e| self.error(e))?;
        if changed == 0 {
            return Err(StoreError::Invalid {
                path: self.path.clone(),
                message: format!("plan {} is not saved", id.0),
            });
        }
        Ok(())
    }

    /// The sessions understood as `matched` that started at or after `from`, oldest first, with
    /// their steps; sessions with no step done are left out.
    pub fn plan_sessions(&self, matched: &str, from: i64) -> Result<Vec<PlanSession>, StoreError> {
        let err = |e| self.error(e);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT s.id, s.started_at, s.ended_at,
                        t.idx, t.muscle, t.side, t.technique, t.planned_seconds, t.actual_seconds,
                        t.before, t.after, t.skipped, t.ended_at
                 FROM session s JOIN step t ON t.session_id = s.id
                 WHERE s.matched = ?1 AND s.started_at >= ?2
                 ORDER BY s.started_at, s.id, t.idx",
            )
            .map_err(err)?;
        let mut rows = statement.query(params![matched, from]).map_err(err)?;
        let mut out: Vec<(i64, PlanSession)> = Vec::new();
        while let Some(row) = rows.next().map_err(err)? {
            let id: i64 = row.get(0).map_err(err)?;
            let step = step_from_row(row, 3).map_err(err)?;
            if out.last().is_none_or(|(last, _)| *last != id) {
                let started_at: i64 = row.get(1).map_err(err)?;
                let ended_at: Option<i64> = row.get(2).map_err(err)?;
                out.push((
                    id,
                    PlanSession {
                        id: SessionId(id),
                        started_at,
                        ended_at: ended_at.unwrap_or(started_at),
                        steps: Vec::new(),
                    },
                ));
            }
            if let Some((_, session)) = out.last_mut() {
                session.ended_at = session.ended_at.max(step.ended_at);
                session.steps.push(step);
            }
        }
        Ok(out
            .into_iter()
            .map(|(_, mut s)| {
                s.steps.retain(|step| !step.skipped);
                s
            })
            .filter(|s| !s.steps.is_empty())
            .collect())
    }
}

#[cfg(test)]
mod tests;
