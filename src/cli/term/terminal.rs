//! Giving the terminal back as it was (its settings as they were when the session started,
//! cursor shown, styles reset) on every path out: the guard's drop, the panic hook, and the
//! signal thread.
//!
//! The settings are saved once, before anything changes them, and put back as a whole: raw mode
//! may have been turned on by crossterm (the guard) or by dialoguer's prompts (which do it
//! themselves, out of crossterm's sight, while they wait for a key), and a signal can come
//! during either.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use rustix::termios::{self, OptionalActions, Termios};

/// Shows the cursor and resets styles.
const SHOW_CURSOR: &str = "\x1b[0m\x1b[?25h";
/// Hides the cursor.
const HIDE_CURSOR: &str = "\x1b[?25l";

/// Whether this process turned raw mode on and has not turned it off yet.
static RAW: AtomicBool = AtomicBool::new(false);
/// Whether the session uses the terminal interactively (prompts may hide the cursor).
static INTERACTIVE: AtomicBool = AtomicBool::new(false);
/// The terminal's settings (of stdin, the terminal the session reads) when the interactive
/// session started.
static SAVED: OnceLock<Termios> = OnceLock::new();

/// Marks the terminal as used interactively from now on, and saves its settings: [`restore`]
/// puts them back and shows the cursor again. Called once, before the first prompt. `--plain`
/// never calls it, so it never writes a control code or touches the settings.
pub fn mark_interactive() {
    if let Ok(saved) = termios::tcgetattr(io::stdin()) {
        let _ = SAVED.set(saved);
    }
    INTERACTIVE.store(true, Ordering::SeqCst);
}

/// Raw mode with the cursor hidden, for as long as the guard lives.
pub struct RawMode(());

impl RawMode {
    /// Turns raw mode on and hides the cursor.
    pub fn enter() -> io::Result<RawMode> {
        crossterm::terminal::enable_raw_mode()?;
        RAW.store(true, Ordering::SeqCst);
        let guard = RawMode(());
        let mut out = io::stdout().lock();
        write!(out, "{HIDE_CURSOR}")?;
        out.flush()?;
        Ok(guard)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back: its saved settings (whoever changed them since) and the cursor
/// shown. Safe to call more than once and from any thread; errors are ignored (the terminal may
/// be gone).
pub fn restore() {
    if RAW.swap(false, Ordering::SeqCst) {
        // Also clears crossterm's own note of raw mode.
        let _ = crossterm::terminal::disable_raw_mode();
    }
    if let Some(saved) = SAVED.get() {
        let _ = termios::tcsetattr(io::stdin(), OptionalActions::Now, saved);
    }
    if !INTERACTIVE.load(Ordering::SeqCst) {
        return;
    }
    // Through the terminal device, so a lock held on stdout elsewhere cannot block it.
    match std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        Ok(mut tty) => {
            let _ = tty.write_all(SHOW_CURSOR.as_bytes());
        }
        Err(_) => {
            let _ = io::stderr().write_all(SHOW_CURSOR.as_bytes());
        }
    }
}

/// Restores the terminal before a panic's message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
