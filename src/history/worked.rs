//! Which muscles a person has worked before: a session shows a muscle's cautions in full the
//! first time it is worked, and as one line after that.

use std::collections::BTreeSet;

use super::{Store, StoreError};

impl Store {
    /// The muscles (ids, sorted) with at least one step of work done in any saved session: a
    /// step skipped before it began does not count, one cut short does.
    pub fn worked_muscles(&self) -> Result<BTreeSet<String>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT DISTINCT muscle FROM step WHERE skipped = 0 OR actual_seconds > 0")
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<BTreeSet<String>, _>>()
            .map_err(|e| self.error(e))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{NewSession, StepRecord};
    use super::*;
    use crate::routine::Side;

    #[test]
    fn only_muscles_with_work_done_count_as_worked() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(&dir.path().join("tpcoach.db")).expect("opens");
        assert!(store.worked_muscles().expect("reads").is_empty());
        let id = store
            .begin_session(&NewSession {
                started_at: 1_000,
                query: "neck".into(),
                matched: "neck (region)".into(),
                plain: false,
            })
            .expect("begins");
        for (index, muscle, actual, skipped) in [
            (0, "upper_trapezius", 60, false),
            (1, "levator_scapulae", 0, true),
            (2, "scalenes", 12, true),
        ] {
            store
                .record_step(
                    id,
                    &StepRecord {
                        index,
                        muscle: muscle.into(),
                        side: Side::Left,
                        technique: "static_compression".into(),
                        planned_seconds: 70,
                        actual_seconds: actual,
                        before: None,
                        after: None,
                        skipped,
                        ended_at: 1_100,
                    },
                )
                .expect("records");
        }
        let worked = store.worked_muscles().expect("reads");
        let worked: Vec<&str> = worked.iter().map(String::as_str).collect();
        // Skipped before it began: not worked; cut short after 12 s: worked.
        assert_eq!(worked, ["scalenes", "upper_trapezius"]);
    }
}
