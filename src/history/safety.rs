//! The safety answers that changed a saved session: each "yes" that limited its routine (light
//! pressure only, hands only, a region left out) or let it go on with advice (a warning sign met,
//! with what to do about it). They are kept with the session in the words the person was given
//! then, so the record still says what happened after the library changes; a clinician reading
//! the report needs them.

use std::collections::BTreeSet;

use rusqlite::params;

use super::{SessionId, Store, StoreError};
use crate::library::Library;
use crate::model::{ScreeningLimits, ScreeningOutcome, Urgency};
use crate::session::screening::Flow;

/// A "yes" that changed a session's routine or came with advice, as saved with the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyAnswer {
    /// The question's id in the library (`g3_blood_thinners`).
    pub question: String,
    /// What it is about, in a few words ("blood thinners").
    pub topic: String,
    /// The question as it was asked (a region's variant, or the one-key confirmation).
    pub asked: String,
    /// What the "yes" did: [`ScreeningOutcome::Limit`] or [`ScreeningOutcome::Advise`] for a
    /// session's answers; a stopped screening's ([`ScreeningStop`]) may also hold
    /// [`ScreeningOutcome::Stop`].
    pub outcome: ScreeningOutcome,
    /// How urgently it said to seek care, if it did.
    pub urgency: Option<Urgency>,
    /// What it changed in the routine, in a few words ("hands only, no tools, pressure at most
    /// 3/10"); empty when it only advised.
    pub changed: String,
    /// What the person was told to do.
    pub advice: String,
}

/// Safety questions that stopped a session before its first step, as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreeningStop {
    /// When (Unix seconds).
    pub at: i64,
    /// What the person typed ("neck").
    pub query: String,
    /// How the query was understood ("Neck").
    pub matched: String,
    /// Why, when no single answer stopped it ("your answers leave nothing to work on: ...");
    /// empty when a "yes" among [`ScreeningStop::answers`] did.
    pub reason: String,
    /// Every "yes" given, in the order asked.
    pub answers: Vec<SafetyAnswer>,
}

/// The limits in a few words: "hands only, no tools, pressure at most 3/10, no work on the
/// neck". `worked` names the regions left out because the session was to work there (for an
/// answer about "where you plan to work").
pub fn describe_limits(library: &Library, limits: &ScreeningLimits, worked: &[String]) -> String {
    let mut parts = Vec::new();
    if limits.fingers_only {
        parts.push("hands only, no tools".to_string());
    }
    if let Some(c) = limits.pressure_ceiling {
        parts.push(format!("pressure at most {c}/10"));
    }
    let name = |id: &str| {
        library
            .region(id)
            .map_or(id.to_string(), |r| r.name.to_lowercase())
    };
    if !limits.exclude_regions.is_empty() {
        let names: Vec<String> = limits.exclude_regions.iter().map(|id| name(id)).collect();
        parts.push(format!("no work on the {}", names.join(", ")));
    }
    if limits.exclude_worked_regions {
        if worked.is_empty() {
            parts.push("no work where the session was to work".to_string());
        } else {
            let names: Vec<String> = worked.iter().map(|id| name(id)).collect();
            parts.push(format!(
                "no work on the {} (where the session was to work)",
                names.join(", ")
            ));
        }
    }
    parts.join(", ")
}

impl SafetyAnswer {
    /// The answers of a finished screening that changed the session or advised: every "yes"
    /// that did not stop it, in the order asked.
    pub fn from_flow(library: &Library, flow: &Flow<'_>) -> Vec<SafetyAnswer> {
        Self::given(library, flow, false)
    }

    /// Every "yes" of a screening that stopped the session, the one that stopped it among them,
    /// in the order asked (for [`Store::record_screening_stop`]).
    pub fn all_from_flow(library: &Library, flow: &Flow<'_>) -> Vec<SafetyAnswer> {
        Self::given(library, flow, true)
    }

    /// The "yes" answers given in `flow`, with those that stop a session when `stops`.
    fn given(library: &Library, flow: &Flow<'_>, stops: bool) -> Vec<SafetyAnswer> {
        let yes: Vec<_> = flow
            .given()
            .iter()
            .filter(|g| g.yes && (stops || g.asked.if_yes() != ScreeningOutcome::Stop))
            .collect();
        // The regions left out because the session was to work there: those in force that no
        // answer names itself.
        let named: BTreeSet<&str> = yes
            .iter()
            .filter_map(|g| g.asked.limits())
            .flat_map(|l| l.exclude_regions.iter().map(|r| r.as_str()))
            .collect();
        let worked: Vec<String> = flow
            .applied_limits()
            .exclude_regions
            .iter()
            .filter(|r| !named.contains(r.as_str()))
            .map(|r| r.to_string())
            .collect();
        yes.into_iter()
            .map(|g| {
                let q = g.asked.question;
                SafetyAnswer {
                    question: q.id.to_string(),
                    topic: q
                        .topic
                        .as_ref()
                        .map_or_else(|| q.id.replace('_', " "), |t| t.to_string()),
                    asked: g.asked.text().to_string(),
                    outcome: g.asked.if_yes(),
                    urgency: g.asked.urgency(),
                    changed: g
                        .asked
                        .limits()
                        .map_or(String::new(), |l| describe_limits(library, l, &worked)),
                    advice: g.asked.action().to_string(),
                }
            })
            .collect()
    }
}

fn outcome_text(outcome: ScreeningOutcome) -> &'static str {
    match outcome {
        ScreeningOutcome::Stop => "stop",
        ScreeningOutcome::Limit => "limit",
        ScreeningOutcome::Advise => "advise",
    }
}

fn parse_outcome(text: &str) -> Option<ScreeningOutcome> {
    match text {
        "stop" => Some(ScreeningOutcome::Stop),
        "limit" => Some(ScreeningOutcome::Limit),
        "advise" => Some(ScreeningOutcome::Advise),
        _ => None,
    }
}

fn urgency_text(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Emergency => "emergency",
        Urgency::SameDay => "same_day",
        Urgency::Soon => "soon",
        Urgency::Advice => "advice",
    }
}

fn parse_urgency(text: &str) -> Option<Urgency> {
    match text {
        "emergency" => Some(Urgency::Emergency),
        "same_day" => Some(Urgency::SameDay),
        "soon" => Some(Urgency::Soon),
        "advice" => Some(Urgency::Advice),
        _ => None,
    }
}

/// The parameters of one saved answer: its owner's id (a session's or a stopped screening's),
/// its place in the order asked, and the answer.
fn answer_params(owner: i64, idx: usize, a: &SafetyAnswer) -> impl rusqlite::Params + '_ {
    (
        owner,
        i64::try_from(idx).unwrap_or(i64::MAX),
        a.question.as_str(),
        a.topic.as_str(),
        a.asked.as_str(),
        outcome_text(a.outcome),
        a.urgency.map(urgency_text),
        a.changed.as_str(),
        a.advice.as_str(),
    )
}

/// One saved answer as (owner id, answer), from the columns owner, question, topic, asked,
/// outcome, urgency, changed, advice.
fn answer_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, SafetyAnswer)> {
    let outcome: String = row.get(4)?;
    let urgency: Option<String> = row.get(5)?;
    Ok((
        row.get(0)?,
        SafetyAnswer {
            question: row.get(1)?,
            topic: row.get(2)?,
            asked: row.get(3)?,
            outcome: parse_outcome(&outcome).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    4,
                    rusqlite::types::Type::Text,
                    format!("unknown outcome \"{outcome}\"").into(),
                )
            })?,
            urgency: urgency.as_deref().and_then(parse_urgency),
            changed: row.get(6)?,
            advice: row.get(7)?,
        },
    ))
}

impl Store {
    /// Whether the database has the table of safety answers per session (one opened read-only
    /// from an older tpcoach does not).
    fn has_safety_table(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'session_safety'",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|e| self.error(e))
    }

    /// Whether the database has the table of stopped screenings (one opened read-only from an
    /// older tpcoach does not).
    fn has_stop_table(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'screening_stop'",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|e| self.error(e))
    }

    /// Saves a screening that stopped a session before its first step, with its answers, all
    /// together. It is not a session: no count of sessions includes it.
    pub fn record_screening_stop(&self, stop: &ScreeningStop) -> Result<(), StoreError> {
        self.write_batch(|store| {
            let err = |e| store.error(e);
            store
                .conn
                .execute(
                    "INSERT INTO screening_stop (at, query, matched, reason) VALUES (?1, ?2, ?3, ?4)",
                    params![stop.at, stop.query, stop.matched, stop.reason],
                )
                .map_err(err)?;
            let id = store.conn.last_insert_rowid();
            for (idx, a) in stop.answers.iter().enumerate() {
                store
                    .conn
                    .execute(
                        "INSERT INTO screening_stop_answer (stop_id, idx, question, topic, asked,
                             outcome, urgency, changed, advice)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        answer_params(id, idx, a),
                    )
                    .map_err(err)?;
            }
            Ok(())
        })
    }

    /// The screenings that stopped a session at or after `since`, oldest first, each with its
    /// answers in the order asked.
    pub fn screening_stops(&self, since: i64) -> Result<Vec<ScreeningStop>, StoreError> {
        if !self.has_stop_table()? {
            return Ok(Vec::new());
        }
        let err = |e| self.error(e);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT id, at, query, matched, reason FROM screening_stop
                 WHERE at >= ?1 ORDER BY at, id",
            )
            .map_err(err)?;
        let mut stops: Vec<(i64, ScreeningStop)> = statement
            .query_map([since], |row| {
                Ok((
                    row.get(0)?,
                    ScreeningStop {
                        at: row.get(1)?,
                        query: row.get(2)?,
                        matched: row.get(3)?,
                        reason: row.get(4)?,
                        answers: Vec::new(),
                    },
                ))
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT stop_id, question, topic, asked, outcome, urgency, changed, advice
                 FROM screening_stop_answer
                 WHERE stop_id IN (SELECT id FROM screening_stop WHERE at >= ?1)
                 ORDER BY stop_id, idx",
            )
            .map_err(err)?;
        let answers: Vec<(i64, SafetyAnswer)> = statement
            .query_map([since], answer_row)
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        for (id, answer) in answers {
            if let Some((_, stop)) = stops.iter_mut().find(|(s, _)| *s == id) {
                stop.answers.push(answer);
            }
        }
        Ok(stops.into_iter().map(|(_, stop)| stop).collect())
    }

    /// Saves the safety answers that changed `session`, in order, together (replacing any saved
    /// before for it).
    pub fn record_safety(
        &self,
        session: SessionId,
        answers: &[SafetyAnswer],
    ) -> Result<(), StoreError> {
        self.write_batch(|store| {
            let err = |e| store.error(e);
            store
                .conn
                .execute(
                    "DELETE FROM session_safety WHERE session_id = ?1",
                    [session.0],
                )
                .map_err(err)?;
            for (idx, a) in answers.iter().enumerate() {
                let result = store.conn.execute(
                    "INSERT INTO session_safety (session_id, idx, question, topic, asked, outcome,
                         urgency, changed, advice)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    answer_params(session.0, idx, a),
                );
                match result {
                    Ok(_) => {}
                    Err(e) if super::is_foreign_key(&e) => {
                        return Err(StoreError::UnknownSession {
                            path: store.path.clone(),
                            id: session.0,
                        })
                    }
                    Err(e) => return Err(err(e)),
                }
            }
            Ok(())
        })
    }

    /// The safety answers saved with each session started at or after `since`, by session id,
    /// each session's in the order asked (for `history --json`).
    pub fn safety_by_session(
        &self,
        since: i64,
    ) -> Result<std::collections::BTreeMap<i64, Vec<SafetyAnswer>>, StoreError> {
        let mut out: std::collections::BTreeMap<i64, Vec<SafetyAnswer>> = Default::default();
        for (id, answer) in self.safety_since(since)? {
            out.entry(id).or_default().push(answer);
        }
        Ok(out)
    }

    /// The safety answers saved with the sessions started at or after `since`, as (session id,
    /// answer), by session and then in the order asked.
    pub(super) fn safety_since(&self, since: i64) -> Result<Vec<(i64, SafetyAnswer)>, StoreError> {
        if !self.has_safety_table()? {
            return Ok(Vec::new());
        }
        let err = |e| self.error(e);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT session_id, question, topic, asked, outcome, urgency, changed, advice
                 FROM session_safety
                 WHERE session_id IN (SELECT id FROM session WHERE started_at >= ?1)
                 ORDER BY session_id, idx",
            )
            .map_err(err)?;
        let rows = statement
            .query_map([since], answer_row)
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests;
