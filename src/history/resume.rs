//! A session stopped part-way, found again so that the next run of the same query can take it
//! up: the newest session for the query, if it started within a day and was stopped (quit or
//! Ctrl-C) before its end, with the steps it finished. A read-only query; the clock is passed in.

use rusqlite::{params, OptionalExtension};

use super::{parse_side, SessionId, Store, StoreError};
use crate::routine::Side;

/// How long a stopped session stays on offer: a day from its start.
pub const RESUME_WITHIN_SECONDS: i64 = 24 * 3_600;

/// One step a stopped session saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedStep {
    /// Its place in that session's routine, from 0.
    pub index: u32,
    /// The muscle's id.
    pub muscle: String,
    /// The side.
    pub side: Side,
    /// The technique's id.
    pub technique: String,
    /// Worked to its end (not skipped, not cut short).
    pub done: bool,
}

/// A session stopped part-way that may be taken up again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resumable {
    /// The session.
    pub session: SessionId,
    /// When it started (Unix seconds).
    pub started_at: i64,
    /// What the person typed ("neck").
    pub query: String,
    /// The steps it saved, in their order.
    pub steps: Vec<SavedStep>,
}

impl Resumable {
    /// The last step worked to its end, from 0; `None` when none was.
    pub fn last_done(&self) -> Option<u32> {
        self.steps.iter().filter(|s| s.done).map(|s| s.index).max()
    }

    /// Whether it worked this muscle, side and technique to the end.
    pub fn did(&self, muscle: &str, side: Side, technique: &str) -> bool {
        self.steps
            .iter()
            .any(|s| s.done && s.muscle == muscle && s.side == side && s.technique == technique)
    }
}

impl Store {
    /// The newest session for `matched` (the query as it was understood, "neck (region)"), if
    /// it started within [`RESUME_WITHIN_SECONDS`] before `now`, was stopped before its end and
    /// finished at least one step. `None` when the newest one completed, is older, or did
    /// nothing.
    pub fn resumable(&self, matched: &str, now: i64) -> Result<Option<Resumable>, StoreError> {
        let newest = self
            .conn
            .query_row(
                "SELECT id, started_at, query, status FROM session
                  WHERE matched = ?1 AND started_at >= ?2 AND started_at <= ?3
                  ORDER BY started_at DESC, id DESC LIMIT 1",
                params![matched, now - RESUME_WITHIN_SECONDS, now],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, Option<String>>(3)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.error(e))?;
        let Some((id, started_at, query, Some(status))) = newest else {
            return Ok(None);
        };
        if status != super::SessionStatus::Partial.as_str() {
            return Ok(None);
        }
        let mut statement = self
            .conn
            .prepare(
                "SELECT idx, muscle, side, technique, skipped FROM step
                  WHERE session_id = ?1 ORDER BY idx",
            )
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map(params![id], |row| {
                Ok((
                    row.get::<_, u32>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, bool>(4)?,
                ))
            })
            .map_err(|e| self.error(e))?;
        let mut steps = Vec::new();
        for row in rows {
            let (index, muscle, side, technique, skipped) = row.map_err(|e| self.error(e))?;
            let side = parse_side(&side).ok_or_else(|| StoreError::Invalid {
                path: self.path.clone(),
                message: format!(
                    "step {index} of session {id} has the side {side:?} (left or right)"
                ),
            })?;
            steps.push(SavedStep {
                index,
                muscle,
                side,
                technique,
                done: !skipped,
            });
        }
        let resumable = Resumable {
            session: SessionId(id),
            started_at,
            query,
            steps,
        };
        Ok(resumable.last_done().is_some().then_some(resumable))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{NewSession, SessionStatus, StepRecord};

    const NOW: i64 = 1_800_000_000;
    const NECK: &str = "neck (region)";

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = Store::open(&dir.path().join("tpcoach.db")).expect("a store");
        (dir, store)
    }

    /// A session for `matched` started at `at`, with steps `(done, skipped)` in order, ended
    /// with `status`.
    fn session(
        store: &Store,
        matched: &str,
        at: i64,
        skipped: &[bool],
        status: SessionStatus,
    ) -> SessionId {
        let id = store
            .begin_session(&NewSession {
                started_at: at,
                query: "neck".into(),
                matched: matched.into(),
                plain: false,
            })
            .expect("begins");
        for (i, &skipped) in skipped.iter().enumerate() {
            let index = u32::try_from(i).expect("small");
            store
                .record_step(
                    id,
                    &StepRecord {
                        index,
                        muscle: format!("muscle_{i}"),
                        side: Side::Left,
                        technique: "static_compression".into(),
                        planned_seconds: 60,
                        actual_seconds: if skipped { 10 } else { 60 },
                        before: None,
                        after: None,
                        skipped,
                        ended_at: at + 60 * i64::from(index + 1),
                    },
                )
                .expect("records");
        }
        store
            .finish_session(id, at + 600, status)
            .expect("finishes");
        id
    }

    #[test]
    fn a_session_stopped_within_the_day_is_offered_with_the_steps_it_finished() {
        let (_dir, store) = store();
        let id = session(
            &store,
            NECK,
            NOW - 3_600,
            &[false, false, false, true],
            SessionStatus::Partial,
        );
        let found = store.resumable(NECK, NOW).expect("reads").expect("offered");
        assert_eq!(found.session, id);
        assert_eq!(found.query, "neck");
        assert_eq!(found.steps.len(), 4);
        assert_eq!(found.last_done(), Some(2), "the step cut short is not done");
        assert!(found.did("muscle_1", Side::Left, "static_compression"));
        assert!(!found.did("muscle_3", Side::Left, "static_compression"));
        assert!(!found.did("muscle_1", Side::Right, "static_compression"));
    }

    #[test]
    fn no_offer_after_a_completed_session_even_with_a_stopped_one_before_it() {
        let (_dir, store) = store();
        session(&store, NECK, NOW - 7_200, &[false], SessionStatus::Partial);
        session(
            &store,
            NECK,
            NOW - 3_600,
            &[false, false],
            SessionStatus::Completed,
        );
        assert_eq!(store.resumable(NECK, NOW).expect("reads"), None);
    }

    #[test]
    fn no_offer_for_another_query() {
        let (_dir, store) = store();
        session(&store, NECK, NOW - 60, &[false], SessionStatus::Partial);
        assert_eq!(
            store.resumable("heel (pain area)", NOW).expect("reads"),
            None
        );
    }

    #[test]
    fn no_offer_when_the_stopped_session_is_older_than_a_day() {
        let (_dir, store) = store();
        let at = NOW - RESUME_WITHIN_SECONDS;
        session(&store, NECK, at - 1, &[false], SessionStatus::Partial);
        assert_eq!(store.resumable(NECK, NOW).expect("reads"), None);
        // A day to the second is still within it.
        session(&store, NECK, at, &[false], SessionStatus::Partial);
        assert!(store.resumable(NECK, NOW).expect("reads").is_some());
    }

    #[test]
    fn no_offer_when_nothing_was_finished_or_the_session_is_unrated_or_still_running() {
        let (_dir, store) = store();
        session(&store, NECK, NOW - 300, &[true], SessionStatus::Partial);
        assert_eq!(store.resumable(NECK, NOW).expect("reads"), None);
        session(&store, NECK, NOW - 200, &[false], SessionStatus::Unrated);
        assert_eq!(store.resumable(NECK, NOW).expect("reads"), None);
        store
            .begin_session(&NewSession {
                started_at: NOW - 100,
                query: "neck".into(),
                matched: NECK.into(),
                plain: false,
            })
            .expect("begins");
        assert_eq!(store.resumable(NECK, NOW).expect("reads"), None);
    }
}
