//! Keys: what a key press means at each point of the session, and typing a tenderness rating
//! (one key for 0 and 2-9; 1 then Enter for 1; 1 then 0 for 10).

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tpcoach::session::{Input, Waiting};

/// A key press, as the session reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Enter.
    Enter,
    /// A printable character.
    Char(char),
    /// Backspace.
    Backspace,
    /// Ctrl-C.
    CtrlC,
    /// An arrow key.
    Arrow(Arrow),
    /// Tab or Shift-Tab.
    Tab,
    /// Escape.
    Esc,
}

/// Which arrow key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    /// Up.
    Up,
    /// Down.
    Down,
    /// Left.
    Left,
    /// Right.
    Right,
}

/// The key in a terminal event, if it is a key press.
pub fn key(event: &Event) -> Option<Key> {
    let Event::Key(KeyEvent {
        code,
        modifiers,
        kind,
        ..
    }) = event
    else {
        return None;
    };
    if *kind == KeyEventKind::Release {
        return None;
    }
    match code {
        KeyCode::Char('c') | KeyCode::Char('C') if modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Key::CtrlC)
        }
        _ if modifiers.contains(KeyModifiers::CONTROL) => None,
        KeyCode::Enter => Some(Key::Enter),
        KeyCode::Backspace => Some(Key::Backspace),
        KeyCode::Char(c) => Some(Key::Char(*c)),
        KeyCode::Up => Some(Key::Arrow(Arrow::Up)),
        KeyCode::Down => Some(Key::Arrow(Arrow::Down)),
        KeyCode::Left => Some(Key::Arrow(Arrow::Left)),
        KeyCode::Right => Some(Key::Arrow(Arrow::Right)),
        KeyCode::Tab | KeyCode::BackTab => Some(Key::Tab),
        KeyCode::Esc => Some(Key::Esc),
        _ => None,
    }
}

/// What a key means while a quit waits for its confirmation: y, q or Ctrl-C quit, any other
/// key goes on.
pub fn quit_answer(key: Key) -> Input {
    match key {
        Key::CtrlC | Key::Char('y' | 'Y' | 'q' | 'Q') => Input::Quit,
        _ => Input::KeepGoing,
    }
}

/// What a key means while the session waits for `waiting` (ratings aside, see [`Rating`]).
pub fn input(waiting: Waiting, key: Key) -> Option<Input> {
    match (waiting, key) {
        (_, Key::CtrlC) => Some(Input::Quit),
        (_, Key::Char('q' | 'Q')) => Some(Input::AskQuit),
        (Waiting::Spot, Key::Enter) => Some(Input::OnTheSpot),
        (Waiting::Spot, Key::Char('s' | 'S')) => Some(Input::Skip),
        (Waiting::Timer, Key::Char(' ' | 'p' | 'P')) => Some(Input::Pause),
        (Waiting::Timer, Key::Char('s' | 'S')) => Some(Input::Skip),
        (Waiting::Timer, Key::Char('+' | '=')) => Some(Input::AddTime),
        _ => None,
    }
}

/// What a key did to a rating being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// The rating is given (`None`: left out with Enter or s).
    Done(Option<u8>),
    /// A "1" waits for Enter (1) or 0 (10).
    One,
    /// The key means nothing here.
    Ignored,
}

/// A tenderness rating being typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rating {
    one: bool,
}

impl Rating {
    /// Whether a "1" is waiting for Enter or 0.
    pub fn pending(&self) -> bool {
        self.one
    }

    /// Takes a key.
    pub fn key(&mut self, key: Key) -> Typed {
        match key {
            Key::Char(c @ '0'..='9') => {
                let d = c as u8 - b'0';
                match (self.one, d) {
                    (true, 0) => {
                        self.one = false;
                        Typed::Done(Some(10))
                    }
                    (true, _) => Typed::Ignored,
                    (false, 1) => {
                        self.one = true;
                        Typed::One
                    }
                    (false, d) => Typed::Done(Some(d)),
                }
            }
            Key::Enter if self.one => {
                self.one = false;
                Typed::Done(Some(1))
            }
            Key::Enter | Key::Char('s' | 'S' | '-') => {
                self.one = false;
                Typed::Done(None)
            }
            Key::Backspace => {
                self.one = false;
                Typed::Ignored
            }
            _ => Typed::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[Key]) -> Vec<Typed> {
        let mut rating = Rating::default();
        keys.iter().map(|k| rating.key(*k)).collect()
    }

    #[test]
    fn one_key_gives_most_ratings_and_ten_is_typeable() {
        assert_eq!(typed(&[Key::Char('7')]), [Typed::Done(Some(7))]);
        assert_eq!(typed(&[Key::Char('0')]), [Typed::Done(Some(0))]);
        assert_eq!(
            typed(&[Key::Char('1'), Key::Char('0')]),
            [Typed::One, Typed::Done(Some(10))]
        );
        assert_eq!(
            typed(&[Key::Char('1'), Key::Enter]),
            [Typed::One, Typed::Done(Some(1))]
        );
        assert_eq!(
            typed(&[Key::Char('1'), Key::Char('5'), Key::Enter]),
            [Typed::One, Typed::Ignored, Typed::Done(Some(1))]
        );
        assert_eq!(
            typed(&[Key::Char('1'), Key::Backspace, Key::Char('4')]),
            [Typed::One, Typed::Ignored, Typed::Done(Some(4))]
        );
        assert_eq!(typed(&[Key::Enter]), [Typed::Done(None)]);
        assert_eq!(typed(&[Key::Char('x')]), [Typed::Ignored]);
    }

    #[test]
    fn a_quit_is_confirmed_by_y_or_a_second_q_and_any_other_key_goes_on() {
        assert_eq!(quit_answer(Key::Char('y')), Input::Quit);
        assert_eq!(quit_answer(Key::Char('q')), Input::Quit);
        assert_eq!(quit_answer(Key::CtrlC), Input::Quit);
        assert_eq!(quit_answer(Key::Char('n')), Input::KeepGoing);
        assert_eq!(quit_answer(Key::Enter), Input::KeepGoing);
        assert_eq!(quit_answer(Key::Char(' ')), Input::KeepGoing);
    }

    #[test]
    fn keys_mean_what_the_help_line_says() {
        assert_eq!(input(Waiting::Timer, Key::Char(' ')), Some(Input::Pause));
        assert_eq!(input(Waiting::Timer, Key::Char('p')), Some(Input::Pause));
        assert_eq!(input(Waiting::Timer, Key::Char('+')), Some(Input::AddTime));
        assert_eq!(input(Waiting::Timer, Key::Char('s')), Some(Input::Skip));
        assert_eq!(input(Waiting::Timer, Key::Enter), None);
        assert_eq!(input(Waiting::Spot, Key::Enter), Some(Input::OnTheSpot));
        assert_eq!(input(Waiting::Spot, Key::Char('s')), Some(Input::Skip));
        assert_eq!(input(Waiting::Spot, Key::CtrlC), Some(Input::Quit));
        assert_eq!(input(Waiting::Timer, Key::Char('q')), Some(Input::AskQuit));
        assert_eq!(input(Waiting::Timer, Key::CtrlC), Some(Input::Quit));
    }
}
