//! The session's record in the history: each step saved as it ends, then how the session ended.
//! A failure to save does not stop the session; it is reported at the end.

use std::time::Instant;

use tpcoach::history::{SafetyAnswer, SessionId, SessionStatus, StepRecord, Store, StoreError};
use tpcoach::session::{Finish, StepOutcome};

/// The session's record in the history: each step as it ends, then how it ended.
pub struct Recorder {
    store: Store,
    id: SessionId,
    /// When the session started, in Unix seconds and on the monotonic clock.
    started: (i64, Instant),
    plain: bool,
    finished: bool,
    /// Stopped before anything was done: the empty session was taken out of the history.
    discarded: bool,
    error: Option<StoreError>,
}

impl Recorder {
    /// Records into `id` of `store`; the session started at `started_at` (Unix seconds).
    pub fn new(store: Store, id: SessionId, started_at: i64, plain: bool) -> Recorder {
        Recorder {
            store,
            id,
            started: (started_at, Instant::now()),
            plain,
            finished: false,
            discarded: false,
            error: None,
        }
    }

    /// Saves, with the session, the safety answers that changed it or came with advice.
    pub fn with_safety(mut self, answers: &[SafetyAnswer]) -> Recorder {
        if !answers.is_empty() {
            let result = self.store.record_safety(self.id, answers);
            self.keep(result);
        }
        self
    }

    /// Unix seconds now, counted on from the start.
    fn now(&self) -> i64 {
        let elapsed = i64::try_from(self.started.1.elapsed().as_secs()).unwrap_or(0);
        self.started.0.saturating_add(elapsed)
    }

    fn keep(&mut self, result: Result<(), StoreError>) {
        if let Err(e) = result {
            self.error.get_or_insert(e);
        }
    }

    /// Saves a step as it ends.
    pub fn step(&mut self, o: &StepOutcome) {
        let record = StepRecord {
            index: u32::try_from(o.step).unwrap_or(u32::MAX),
            muscle: o.muscle.clone(),
            side: o.side,
            technique: o.technique.clone(),
            planned_seconds: o.planned_seconds,
            actual_seconds: o.actual_seconds,
            before: o.before,
            after: o.after,
            skipped: o.skipped,
            ended_at: self.now(),
        };
        let result = self.store.record_step(self.id, &record);
        self.keep(result);
    }

    /// Saves how the session ended (once).
    pub fn finish(&mut self, finish: Finish) {
        if self.finished {
            return;
        }
        self.finished = true;
        let status = match (finish.completed, self.plain) {
            (false, _) => SessionStatus::Partial,
            (true, true) => SessionStatus::Unrated,
            (true, false) => SessionStatus::Completed,
        };
        let result = self.store.finish_session(self.id, self.now(), status);
        self.keep(result);
        if !finish.completed {
            match self.store.discard_if_empty(self.id) {
                Ok(discarded) => self.discarded = discarded,
                Err(e) => self.keep(Err(e)),
            }
        }
    }

    /// Whether the session stopped before anything was done, and so was not kept.
    pub fn discarded(&self) -> bool {
        self.discarded
    }

    /// Whether the session was run with `--plain`.
    pub fn plain(&self) -> bool {
        self.plain
    }

    /// The first failure to save, if any.
    pub fn error(&self) -> Option<&StoreError> {
        self.error.as_ref()
    }
}
