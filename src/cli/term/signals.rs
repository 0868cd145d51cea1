//! SIGINT, SIGTERM and SIGHUP (the terminal closed): stop the session, save what was done, give
//! the terminal back, say how far it got, and exit. A thread blocked on the signals does it; it
//! sleeps until one comes. (In raw mode Ctrl-C is a key, read by the session itself.)
//!
//! A signal that comes while a safety question waits for its key interrupts the prompt too,
//! which then raises SIGINT as if Ctrl-C had been typed: the thread goes by the signal that came
//! (SIGTERM exits 143, not 130), and the interrupted prompt leaves the exit to the thread.

use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::coach::{Coach, StopBy, EXIT_CTRL_C};
use super::terminal;

/// Where the session is, for a signal that comes.
pub enum Stage {
    /// Before the first step (loading, screening): nothing to save.
    Before,
    /// The session runs.
    Running(Box<Coach>),
    /// The session has been reported: nothing more to do.
    Over,
}

/// The stage, shared by the session and the signal thread.
pub type Shared = Arc<Mutex<Stage>>;

fn say_stopped_before() {
    terminal::restore();
    eprintln!("\nStopped before the first step; nothing was saved.");
}

/// How long an interrupted safety question waits for the signal thread to end the process.
const GRACE: Duration = Duration::from_secs(3);

/// A screening question was interrupted, by Ctrl-C or by a signal; either way the prompt raised
/// SIGINT, and the signal thread ends the process with the status of the signal that came. This
/// waits for it (raising SIGINT again, in case the prompt did not), so that the thread's status
/// is the one the process exits with. Only if the thread has not ended the process by then does
/// this say so and return the status for Ctrl-C.
pub fn stopped_before(shared: &Shared) -> ExitCode {
    let _ = signal_hook::low_level::raise(SIGINT);
    std::thread::sleep(GRACE);
    let mut stage = shared.lock().unwrap_or_else(PoisonError::into_inner);
    if matches!(*stage, Stage::Before) {
        *stage = Stage::Over;
        say_stopped_before();
    }
    ExitCode::from(EXIT_CTRL_C)
}

/// Waits for the signals; of those that came together, SIGTERM or SIGHUP rather than SIGINT (a
/// prompt they interrupt raises SIGINT after them). `None` if the signals are closed.
fn next(signals: &mut Signals) -> Option<i32> {
    loop {
        let came: Vec<i32> = signals.wait().collect();
        if let Some(&signal) = came.iter().find(|&&s| s != SIGINT).or(came.first()) {
            return Some(signal);
        }
        if signals.is_closed() {
            return None;
        }
    }
}

/// Starts the thread that waits for the signals.
pub fn install(shared: Shared) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("tpcoach-signals".into())
        .spawn(move || {
            let Some(signal) = next(&mut signals) else {
                return;
            };
            let by = if signal == SIGINT {
                StopBy::CtrlC
            } else {
                StopBy::Signal(signal)
            };
            let fallback = u8::try_from(128 + signal).unwrap_or(1);
            let mut stage = shared.lock().unwrap_or_else(PoisonError::into_inner);
            let code = match &mut *stage {
                Stage::Running(coach) => coach.interrupt(by),
                Stage::Before => {
                    *stage = Stage::Over;
                    say_stopped_before();
                    fallback
                }
                Stage::Over => fallback,
            };
            std::process::exit(i32::from(code));
        })?;
    Ok(())
}
