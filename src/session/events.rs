//! What goes into a session and what comes out: the person's inputs, the events to show, each
//! step's outcome for the history, and the running timer for drawing.

use std::time::Duration;

use super::plan::{Phase, PhaseKind};
use crate::routine::Side;

/// Seconds that `+` adds to the running timer.
pub const ADD_SECONDS: u32 = 15;
/// The last seconds of a timer that are marked (and counted out loud: 3, 2, 1).
pub const LAST_SECONDS: u32 = 3;
/// The settle-in count before each hold, stroke set or stretch, unless set otherwise (the
/// routine's budget counts the same figure).
pub use crate::routine::SETTLE_SECONDS;

/// How a session is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The person answers prompts: Enter on the spot, tenderness before and after, keys during
    /// the timers.
    Interactive,
    /// Nothing is asked: each step gets
    /// [`TRANSITION_SECONDS`](crate::routine::TRANSITION_SECONDS) to find the spot, then its work,
    /// and there are no ratings.
    Plain,
}

/// Before or after a step's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Before the work.
    Before,
    /// After the work.
    After,
}

/// What the person did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Enter: on the spot, start the step (a stretch, which has no rating, starts its work).
    OnTheSpot,
    /// A tenderness rating, 0-10, or none.
    Tenderness(Option<u8>),
    /// Pause, or resume when paused.
    Pause,
    /// Skip the rest of this step.
    Skip,
    /// Add [`ADD_SECONDS`] to the running timer.
    AddTime,
    /// Stop the session here at once, keeping what was done (Ctrl-C, a signal, or a quit the
    /// person confirmed).
    Quit,
    /// q: ask the person to confirm the quit ([`Event::QuitAsked`]); a second one while asked
    /// quits. Timers run on while the question waits.
    AskQuit,
    /// The person does not want to quit after all ([`Event::QuitCancelled`]); nothing when no
    /// quit was asked.
    KeepGoing,
}

/// What happened to one step, as the history keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepOutcome {
    /// The step's place in the routine, from 0.
    pub step: usize,
    /// The muscle's id.
    pub muscle: String,
    /// The side.
    pub side: Side,
    /// The technique's id.
    pub technique: String,
    /// Seconds the work was planned to take (holds or strokes and the rests between).
    pub planned_seconds: u32,
    /// Seconds of work actually timed, pauses left out.
    pub actual_seconds: u32,
    /// Tenderness before, 0-10.
    pub before: Option<u8>,
    /// Tenderness after, 0-10.
    pub after: Option<u8>,
    /// Skipped, or cut short by a skip or a quit.
    pub skipped: bool,
    /// Its work had begun (a skipped step that is true was cut short, not left out).
    pub begun: bool,
}

impl StepOutcome {
    /// Whether the tenderness was rated both times and did not drop.
    pub fn no_relief(&self) -> bool {
        matches!((self.before, self.after), (Some(b), Some(a)) if a >= b)
    }

    /// Whether the tenderness was rated both times and rose: the spot came out sorer.
    pub fn sorer(&self) -> bool {
        matches!((self.before, self.after), (Some(b), Some(a)) if a > b)
    }
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finish {
    /// Every step was reached (done or skipped); false when the person quit.
    pub completed: bool,
    /// The step in progress when it stopped (the number of steps when completed).
    pub stopped_at: usize,
}

/// Something for the person to see or hear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A step begins: show the muscle, side, how to find it, tool and cautions. Interactive
    /// sessions wait for [`Input::OnTheSpot`]; plain ones give `find_seconds` to find the spot.
    StepStarted {
        /// The step.
        step: usize,
        /// Plain mode: seconds until the work starts.
        find_seconds: Option<u32>,
    },
    /// Ask for a tenderness rating.
    AskTenderness {
        /// The step.
        step: usize,
        /// Before or after the work.
        when: When,
    },
    /// A timed phase begins.
    PhaseStarted {
        /// The step.
        step: usize,
        /// The phase.
        phase: Phase,
        /// When it began.
        at: Duration,
    },
    /// Half of a hold or stretch is done.
    HalfTime {
        /// The step.
        step: usize,
    },
    /// The last [`LAST_SECONDS`] of a stroke set begin. (A stroke set is counted by its
    /// strokes; the other phases count their last seconds out loud, [`Event::Count`].)
    LastSeconds {
        /// The step.
        step: usize,
    },
    /// One of a phase's last seconds, counted out loud: `left` whole seconds until it ends
    /// (3, 2, 1, each on its second). A settle-in count, a hold, a stretch and a rest that
    /// leads straight into work are counted; a stroke set is not (its strokes are). The count
    /// never starts on the phase's first instant nor, in a hold or a stretch, at or before half
    /// time, so a short phase counts fewer seconds (a 6 s hold: 2, 1). A pause stops it (it goes
    /// on from where it stood), and time added starts it again at the new end.
    Count {
        /// The step.
        step: usize,
        /// Whole seconds left.
        left: u32,
    },
    /// A stroke begins.
    Stroke {
        /// The step.
        step: usize,
        /// The stroke, from 1.
        n: u32,
        /// How many strokes.
        of: u32,
    },
    /// A timed phase ended on time (the bell, after work).
    PhaseEnded {
        /// The step.
        step: usize,
        /// The phase.
        phase: Phase,
        /// Its deadline, when it ended.
        at: Duration,
    },
    /// q was pressed: ask whether to quit (a second q or a yes quits, anything else goes on).
    QuitAsked,
    /// The quit asked for was not confirmed: the session goes on.
    QuitCancelled,
    /// The timer is paused.
    Paused,
    /// The timer runs again.
    Resumed,
    /// Time was added to the running phase.
    TimeAdded {
        /// Seconds added.
        seconds: u32,
    },
    /// Time was asked for, but the hold or stretch is already as long as the technique allows.
    AtLongestHold {
        /// The phase's length, in seconds.
        seconds: u32,
    },
    /// A pressure step left out because pressure on the same spot made it sorer earlier in the
    /// session (its `StepEnded`, skipped, follows).
    LeftOutSorer {
        /// The step.
        step: usize,
    },
    /// A step is over; save it.
    StepEnded(StepOutcome),
    /// The session is over.
    Finished(Finish),
}

/// What the session waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// [`Session::start`].
    Start,
    /// Enter on the spot (or skip), or in plain mode the end of the time to find it.
    Spot,
    /// A tenderness rating.
    Tenderness(When),
    /// A timer to run out, or a key during it.
    Timer,
    /// Nothing: the session is over.
    Nothing,
}

/// The running timer, for drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    /// The step.
    pub step: usize,
    /// The phase.
    pub phase: Phase,
    /// Time done in this phase, pauses left out.
    pub elapsed: Duration,
    /// Time left in this phase.
    pub remaining: Duration,
    /// Whether it is paused.
    pub paused: bool,
}

impl Timer {
    /// For strokes: the stroke under way (from 1) and how many there are.
    pub fn stroke(&self) -> Option<(u32, u32)> {
        match self.phase.kind {
            PhaseKind::Strokes { count, pace } if !pace.is_zero() => {
                let n = u32::try_from(self.elapsed.as_nanos() / pace.as_nanos())
                    .unwrap_or(u32::MAX)
                    .saturating_add(1);
                Some((n.min(count), count))
            }
            _ => None,
        }
    }

    /// Whether the last seconds are running.
    pub fn last_seconds(&self) -> bool {
        self.remaining <= Duration::from_secs(u64::from(LAST_SECONDS))
    }
}
