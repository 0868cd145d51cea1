//! `--plain`: the session runs on its own, sleeping to each deadline and printing its cues as
//! plain lines. Ctrl-C (a signal here) is handled by the signal thread.

use std::sync::PoisonError;
use std::time::Instant;

use super::signals::{Shared, Stage};

/// Runs the session in `shared` to its end.
pub fn run(shared: &Shared) -> anyhow::Result<()> {
    let lock = || shared.lock().unwrap_or_else(PoisonError::into_inner);
    if let Stage::Running(coach) = &mut *lock() {
        coach.start();
    }
    loop {
        let wake = match &*lock() {
            Stage::Running(coach) if !coach.done() => coach.wake_at(),
            _ => return Ok(()),
        };
        let Some(wake) = wake else {
            // Plain sessions always have a deadline until they end; nothing left to wait for.
            return Ok(());
        };
        std::thread::sleep(wake.saturating_duration_since(Instant::now()));
        if let Stage::Running(coach) = &mut *lock() {
            coach.tick();
        }
    }
}
