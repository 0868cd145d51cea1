//! A hidden measurement for the README's figures: with `TPCOACH_TIMING_LOG=FILE`, each work
//! phase that ran without a pause or added time appends one line to FILE: its planned and
//! measured length (from the moment it started to the moment its end was shown), the error,
//! how late the wake-up came after the deadline, and the CPU time the session thread used.

use std::io::Write;
use std::time::Instant;

use tpcoach::session::{Event, PhaseKind};

use super::clock::Clock;

/// The environment variable naming the file.
const TIMING_VAR: &str = "TPCOACH_TIMING_LOG";

/// The open log and the phase being measured.
pub struct Timing {
    file: std::fs::File,
    start: Option<(Instant, Option<u64>)>,
}

/// Nanoseconds this thread has run on a CPU (Linux).
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

impl Timing {
    /// The log named by `TPCOACH_TIMING_LOG`, if set and writable.
    pub fn from_env() -> Option<Timing> {
        let path = std::env::var_os(TIMING_VAR).filter(|v| !v.is_empty())?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()?;
        Some(Timing { file, start: None })
    }

    /// Follows the session's events (after they were shown).
    pub fn event(&mut self, event: &Event, clock: &Clock) {
        match event {
            Event::PhaseStarted { phase, .. } if phase.kind.is_work() => {
                self.start = Some((Instant::now(), thread_cpu_ns()));
            }
            Event::Paused
            | Event::TimeAdded { .. }
            | Event::AtLongestHold { .. }
            | Event::Finished(_) => self.start = None,
            Event::PhaseEnded { phase, at, .. } if phase.kind.is_work() => {
                let ended = Instant::now();
                let Some((started, cpu)) = self.start.take() else {
                    return;
                };
                let planned = clock.real(phase.length).as_secs_f64();
                let measured = (ended - started).as_secs_f64();
                let late = ended.saturating_duration_since(clock.instant_at(*at));
                let cpu_ms = match (cpu, thread_cpu_ns()) {
                    (Some(a), Some(b)) => format!("{:.3}", b.saturating_sub(a) as f64 / 1e6),
                    _ => "-".to_string(),
                };
                let kind = match phase.kind {
                    PhaseKind::Strokes { .. } => "strokes",
                    PhaseKind::Stretch => "stretch",
                    _ => "hold",
                };
                let _ = writeln!(
                    self.file,
                    "phase={kind} planned_s={planned:.3} measured_s={measured:.6} error_ms={:+.3} late_ms={:.3} cpu_ms={cpu_ms}",
                    (measured - planned) * 1e3,
                    late.as_secs_f64() * 1e3,
                );
            }
            _ => {}
        }
    }
}
