//! Point where it hurts, in the terminal: draws the core's [`Picker`] full screen (the figure,
//! the area under the cursor filled and named, the keys) and feeds it the keys, in raw mode on
//! the alternate screen; the terminal is given back on every way out (a choice, Esc or q,
//! Ctrl-C, SIGTERM or SIGHUP, an error, a panic).

use std::io::{self, Write};

use crossterm::event::{self, Event};
use crossterm::{cursor, queue, terminal as ct};
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;
use tpcoach::body_map::picker::{Direction, Input, Outcome, Picker};
use tpcoach::body_map::view_name;
use tpcoach::library::Library;
use tpcoach::model::Text;

use super::term::keys::{self, Arrow, Key};
use super::term::terminal::{self, RawMode};

/// The keys, as shown below the figure.
const KEYS: &str = "arrows or hjkl move, Tab front/back, Enter choose, s suggest, q or Esc leave";

/// Set to `picker` to make the picker panic after its first frame (for the tests of the
/// terminal given back after a panic).
const PANIC_ENV: &str = "TPCOACH_TEST_PANIC";

/// Leaves the alternate screen.
const LEAVE_SCREEN: &str = "\x1b[?1049l";

/// What a person chose in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Show the muscles that send pain to this pain area (its id): Enter.
    Area(Text),
    /// Suggest a routine for this pain area (its id): s.
    Suggest(Text),
}

/// Lets a person point at where it hurts; what they chose, or `None` if they left.
pub fn pick(library: &Library) -> anyhow::Result<Option<Choice>> {
    let Some(mut picker) = Picker::new(library) else {
        anyhow::bail!("the library's body map has no pain area shapes to point at");
    };
    terminal::mark_interactive();
    terminal::install_panic_hook();
    leave_screen_on_panic();
    give_back_on_signals()?;
    let raw = RawMode::enter()?;
    let mut out = io::stdout();
    queue!(out, ct::EnterAlternateScreen)?;
    let result = (|| -> anyhow::Result<Option<Choice>> {
        let mut first = true;
        loop {
            draw(&mut out, library, &picker)?;
            if std::mem::take(&mut first) && std::env::var(PANIC_ENV).as_deref() == Ok("picker") {
                panic!("{PANIC_ENV}=picker: a panic for the tests");
            }
            let Some(input) = input(&event::read()?) else {
                continue;
            };
            match picker.input(input) {
                Outcome::Choosing => {}
                Outcome::Picked(area) => return Ok(Some(Choice::Area(area))),
                Outcome::Suggest(area) => return Ok(Some(Choice::Suggest(area))),
                Outcome::Cancelled => return Ok(None),
            }
        }
    })();
    queue!(out, ct::LeaveAlternateScreen)?;
    out.flush()?;
    drop(raw);
    result
}

/// What a key means in the picker (keys decoded by the terminal layer, as in the session).
fn input(event: &Event) -> Option<Input> {
    Some(match keys::key(event)? {
        Key::Arrow(Arrow::Up) | Key::Char('k') => Input::Move(Direction::Up),
        Key::Arrow(Arrow::Down) | Key::Char('j') => Input::Move(Direction::Down),
        Key::Arrow(Arrow::Left) | Key::Char('h') => Input::Move(Direction::Left),
        Key::Arrow(Arrow::Right) | Key::Char('l') => Input::Move(Direction::Right),
        Key::Tab => Input::Turn,
        Key::Enter => Input::Pick,
        Key::Char('s' | 'S') => Input::Suggest,
        Key::Esc | Key::CtrlC | Key::Char('q' | 'Q') => Input::Cancel,
        _ => return None,
    })
}

/// Draws one frame: a heading, the figure, the area under the cursor, the keys.
fn draw(out: &mut impl Write, library: &Library, picker: &Picker) -> io::Result<()> {
    let (width, height) = ct::size().unwrap_or((80, 24));
    let scene = picker.scene(library);
    let map = super::map::render(&scene, width, height.saturating_sub(4));
    queue!(out, cursor::MoveTo(0, 0), ct::Clear(ct::ClearType::All))?;
    write!(
        out,
        "Point where it hurts ({} view)\r\n",
        view_name(picker.view())
    )?;
    match map {
        Some(map) => {
            for line in map.lines() {
                write!(out, "{line}\r\n")?;
            }
        }
        None => write!(out, "(the terminal is too small to draw the figure)\r\n")?,
    }
    write!(
        out,
        "\r\nUnder the cursor: {}\r\n{KEYS}",
        super::output::bold(&picker.current().label)
    )?;
    out.flush()
}

/// Leaves the alternate screen before a panic's message is printed (the terminal layer's hook,
/// installed first, gives the settings and the cursor back after this).
fn leave_screen_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = io::stderr().write_all(LEAVE_SCREEN.as_bytes());
        previous(info);
    }));
}

/// SIGTERM or SIGHUP while the picker is open: the terminal back as it was, then exit with
/// 128 + the signal. (In raw mode Ctrl-C is a key.)
fn give_back_on_signals() -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("tpcoach-picker-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _ = io::stderr().write_all(LEAVE_SCREEN.as_bytes());
                terminal::restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn arrows_and_hjkl_move_tab_turns_enter_picks_s_suggests_and_esc_q_ctrl_c_leave() {
        let none = KeyModifiers::NONE;
        for (code, dir) in [
            (KeyCode::Up, Direction::Up),
            (KeyCode::Char('k'), Direction::Up),
            (KeyCode::Down, Direction::Down),
            (KeyCode::Char('j'), Direction::Down),
            (KeyCode::Left, Direction::Left),
            (KeyCode::Char('h'), Direction::Left),
            (KeyCode::Right, Direction::Right),
            (KeyCode::Char('l'), Direction::Right),
        ] {
            assert_eq!(input(&key(code, none)), Some(Input::Move(dir)));
        }
        assert_eq!(input(&key(KeyCode::Tab, none)), Some(Input::Turn));
        assert_eq!(input(&key(KeyCode::Enter, none)), Some(Input::Pick));
        assert_eq!(input(&key(KeyCode::Char('s'), none)), Some(Input::Suggest));
        assert_eq!(input(&key(KeyCode::Esc, none)), Some(Input::Cancel));
        assert_eq!(input(&key(KeyCode::Char('q'), none)), Some(Input::Cancel));
        assert_eq!(
            input(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Input::Cancel)
        );
        assert_eq!(input(&key(KeyCode::Char('x'), none)), None);
        assert_eq!(input(&key(KeyCode::Char('l'), KeyModifiers::CONTROL)), None);
    }
}
