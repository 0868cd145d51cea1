//! The session's clock: monotonic, and scaled by `TPCOACH_TIME_SCALE` for tests and dry runs.
//!
//! The state machine counts in coach time (a 30 s hold is 30 s); the clock maps it to real
//! time, so with a scale of 0.01 a 30 s hold passes in 0.3 s and still reads "30 s".

use std::time::{Duration, Instant};

/// The environment variable that scales every timer.
pub const SCALE_VAR: &str = "TPCOACH_TIME_SCALE";

/// A monotonic clock, started when the session command starts (before the library loads and
/// the questions): the session reads times from it, and only differences count.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    base: Instant,
    scale: f64,
}

impl Clock {
    /// A clock starting now, scaled by `TPCOACH_TIME_SCALE` (a number above 0, at most 1000;
    /// 1 when unset).
    pub fn from_env() -> Result<Clock, tpcoach::Error> {
        let scale = match std::env::var(SCALE_VAR) {
            Err(_) => 1.0,
            Ok(text) if text.trim().is_empty() => 1.0,
            Ok(text) => match text.trim().parse::<f64>() {
                Ok(s) if s.is_finite() && s > 0.0 && s <= 1000.0 => s,
                _ => {
                    return Err(tpcoach::Error::BadInput(format!(
                        "{SCALE_VAR}={text} is not a time scale: use a number above 0 and at most 1000, e.g. 0.01 for a quick dry run (1 is real time)"
                    )))
                }
            },
        };
        Ok(Clock {
            base: Instant::now(),
            scale,
        })
    }

    /// Coach time now.
    pub fn now(&self) -> Duration {
        self.base.elapsed().div_f64(self.scale)
    }

    /// The real instant of a coach-time moment.
    pub fn instant_at(&self, at: Duration) -> Instant {
        self.base + at.mul_f64(self.scale)
    }

    /// A coach-time span in real time.
    pub fn real(&self, span: Duration) -> Duration {
        span.mul_f64(self.scale)
    }
}
