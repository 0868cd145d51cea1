//! The interactive session: raw mode, keys read with `crossterm::event::poll` up to the next
//! deadline (no busy loop, no reading thread), the countdown redrawn as its seconds change.
//! Before it, the intro stays on screen until the person is ready ([`wait_to_begin`]).

use std::io::Write;
use std::sync::PoisonError;
use std::time::{Duration, Instant};

use crossterm::event;
use tpcoach::session::{Input, Waiting};

use super::coach::StopBy;
use super::keys::{self, Key, Rating, Typed};
use super::screen::Out;
use super::signals::{Shared, Stage};
use super::terminal::RawMode;

/// An Enter this soon after a one-key rating confirms it rather than answering the next prompt.
/// It is not scaled with the timers: it is about typing, not the session's time.
const CONFIRM_WINDOW: Duration = Duration::from_millis(600);
/// How long to wait for a key when nothing is due (the wait ends at once when a key comes).
const IDLE: Duration = Duration::from_secs(3600);

/// The last stretch before a deadline that is slept rather than polled: `poll` counts its
/// timeout in whole milliseconds, a sleep to the deadline is finer.
const FINE: Duration = Duration::from_millis(2);

/// Waits until `wake` (or for good) for a key; true if one came. A key that comes during the
/// last [`FINE`] stretch is read on the next turn, just after the deadline.
fn wait_for_key(wake: Option<Instant>) -> std::io::Result<bool> {
    let Some(wake) = wake else {
        return event::poll(IDLE);
    };
    let left = wake.saturating_duration_since(Instant::now());
    if left > FINE && event::poll(left - FINE)? {
        return Ok(true);
    }
    std::thread::sleep(wake.saturating_duration_since(Instant::now()));
    Ok(false)
}

/// The line under the session's intro, waiting for the person.
pub const BEGIN_PROMPT: &str = "Enter to begin · q to leave";

/// What the person did at the intro.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Begin {
    /// Enter: the first step.
    Go,
    /// q or Esc: no session today.
    Leave,
    /// Ctrl-C.
    Interrupted,
}

/// Shows [`BEGIN_PROMPT`] under the intro and waits, in raw mode, for Enter (begin), q or Esc
/// (leave) or Ctrl-C; other keys change nothing. The terminal is given back as it was before
/// this returns, and the cursor stays under the prompt.
pub fn wait_to_begin(styled: bool) -> std::io::Result<Begin> {
    let raw = RawMode::enter()?;
    let prompt = if styled {
        format!("\x1b[1m{BEGIN_PROMPT}\x1b[0m")
    } else {
        BEGIN_PROMPT.to_string()
    };
    {
        let mut out = std::io::stdout().lock();
        write!(out, "\r\n{prompt}")?;
        out.flush()?;
    }
    let begin = loop {
        match keys::key(&event::read()?) {
            Some(Key::Enter) => break Begin::Go,
            Some(Key::Char('q' | 'Q') | Key::Esc) => break Begin::Leave,
            Some(Key::CtrlC) => break Begin::Interrupted,
            _ => {}
        }
    };
    drop(raw);
    let mut out = std::io::stdout().lock();
    writeln!(out)?;
    out.flush()?;
    Ok(begin)
}

/// Runs the session in `shared` to its end, or until q or Ctrl-C.
pub fn run(shared: &Shared) -> anyhow::Result<()> {
    let _raw = RawMode::enter()?;
    let lock = || shared.lock().unwrap_or_else(PoisonError::into_inner);
    if let Stage::Running(coach) = &mut *lock() {
        coach.start();
    }
    let mut rating = Rating::default();
    let mut confirm_until: Option<Instant> = None;
    loop {
        let wake = match &*lock() {
            Stage::Running(coach) if !coach.done() => coach.wake_at(),
            _ => return Ok(()),
        };
        if !wait_for_key(wake)? {
            if let Stage::Running(coach) = &mut *lock() {
                coach.tick();
            }
            continue;
        }
        let read = event::read()?;
        let at = Instant::now();
        let mut stage = lock();
        let Stage::Running(coach) = &mut *stage else {
            return Ok(());
        };
        if let event::Event::Resize(width, height) = read {
            if let Out::Screen(screen) = &mut coach.out {
                screen.resize(width, height);
            }
            continue;
        }
        let Some(key) = keys::key(&read) else {
            continue;
        };
        // A quit waiting for its answer takes any key (Esc and the arrows too: they go on).
        if coach.session.quit_asked() {
            confirm_until = None;
            let by = (key == Key::CtrlC).then_some(StopBy::CtrlC);
            coach.input(keys::quit_answer(key), by);
            continue;
        }
        // The session has no use for the picker's navigation keys: they change nothing, not
        // even the window that guards against a stray Enter after a rating.
        if matches!(key, Key::Arrow(_) | Key::Tab | Key::Esc) {
            continue;
        }
        if key == Key::Enter && confirm_until.take().is_some_and(|until| at <= until) {
            continue;
        }
        // `?` again shows the next part of its full text; any other key (or `?` at its last
        // part) brings the step's page back, and then does what it does.
        if let Out::Screen(screen) = &mut coach.out {
            if screen.showing_details() {
                if key == Key::Char('?') && screen.next_details() {
                    coach.refresh(rating.pending());
                    continue;
                }
                screen.back_to_page();
                coach.refresh(rating.pending());
                if key == Key::Char('?') {
                    continue;
                }
            }
        }
        confirm_until = None;
        let waiting = coach.waiting();
        let quit = matches!(key, Key::CtrlC | Key::Char('q' | 'Q'));
        if matches!(waiting, Waiting::Tenderness(_)) && !quit {
            match rating.key(key) {
                Typed::Done(r) => {
                    coach.input(Input::Tenderness(r), None);
                    if r.is_some() && matches!(key, Key::Char(_)) {
                        confirm_until = Some(at + CONFIRM_WINDOW);
                    }
                }
                Typed::One | Typed::Ignored => coach.refresh(rating.pending()),
            }
            continue;
        }
        if key == Key::Char('?') {
            coach.show_everything();
            continue;
        }
        if let Some(input) = keys::input(waiting, key) {
            let by = (key == Key::CtrlC).then_some(StopBy::CtrlC);
            coach.input(input, by);
        }
    }
}
