//! SIGINT, SIGTERM and SIGHUP (the terminal closed): stop the session, save what was done, give
//! the terminal back, say how far it got, and exit. A thread blocked on the signals does it; it
//! sleeps until one comes. (In raw mode Ctrl-C is a key, read by the session itself.)

use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

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

/// Ctrl-C at a screening question, seen by the prompt itself (which also raised SIGINT): the
/// first of the prompt and the signal thread to get here says so; the other only exits.
pub fn stopped_before(shared: &Shared) -> ExitCode {
    let mut stage = shared.lock().unwrap_or_else(PoisonError::into_inner);
    if matches!(*stage, Stage::Before) {
        *stage = Stage::Over;
        say_stopped_before();
    }
    ExitCode::from(EXIT_CTRL_C)
}

/// Starts the thread that waits for the signals.
pub fn install(shared: Shared) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("tpcoach-signals".into())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
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
