//! A guided session through a routine, as a state machine with no terminal in it.
//!
//! [`Session`] is given the time and the person's inputs and answers with [`Event`]s: what to
//! show, when to ring the bell, which step ended and how ([`StepOutcome`], for the history).
//! Time is a monotonic [`Duration`](std::time::Duration) passed in by the caller, so tests drive
//! it with a fake clock and the terminal front end sleeps to [`Session::next_deadline`].
//! [`screening`] decides which safety questions to ask and what the answers mean.
//!
//! ```
//! use std::time::Duration;
//! use tpcoach::library::{Base, Library, LoadOptions};
//! use tpcoach::routine::{self, Options, Sides};
//! use tpcoach::session::{Event, Input, Mode, Session};
//!
//! let library = Library::load(&LoadOptions { base: Base::Embedded, overlay: None })?;
//! let options = Options {
//!     minutes: 4,
//!     equipment: ["fingers".to_string()].into(),
//!     sides: Sides::Left,
//!     limits: Default::default(),
//!     history: None,
//!     technique: Default::default(),
//!     settle_seconds: routine::SETTLE_SECONDS,
//! };
//! let routine = routine::build(&library, "neck", &options)?;
//! let mut session = Session::new(routine.steps, Mode::Interactive);
//! let s = Duration::from_secs;
//! session.start(s(0));
//! session.input(Input::OnTheSpot, s(5));
//! session.input(Input::Tenderness(Some(6)), s(6));
//! // The hold ends exactly on its deadline, however late the caller looks.
//! let deadline = session.next_deadline().expect("a timer runs");
//! assert!(deadline > s(6));
//! session.input(Input::Quit, s(20));
//! assert_eq!(session.outcomes()[0].actual_seconds, 14);
//! # Ok::<(), tpcoach::Error>(())
//! ```

mod events;
mod machine;
pub mod plan;
pub mod screening;
#[cfg(test)]
mod tests;

pub use events::{
    Event, Finish, Input, Mode, StepOutcome, Timer, Waiting, When, ADD_SECONDS, LAST_SECONDS,
    SETTLE_SECONDS,
};
pub use machine::Session;
pub use plan::{Phase, PhaseKind};
