//! The terminal layer shared by the interactive parts (the session, the picker): raw mode and
//! giving the terminal back on every path out ([`terminal`]), key presses ([`keys`]), and the
//! signals that stop an interactive run ([`signals`]).

pub mod keys;
pub mod signals;
pub mod terminal;

/// The session's coach, which [`signals`] stops and reports when a signal comes.
use super::session::coach;
