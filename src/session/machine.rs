//! The session state machine. It is given the time (`now`, a monotonic [`Duration`] since any
//! fixed start) and the person's inputs, and answers with [`Event`]s to show and the next
//! deadline to wake at. Every timer runs on deadlines: a phase ends at its start plus its length
//! (plus any pause), and the next phase starts at that deadline, not when it was noticed, so a
//! session never drifts however late the caller wakes.

use std::collections::BTreeSet;
use std::time::Duration;

use super::events::{
    Event, Finish, Input, Mode, StepOutcome, Timer, Waiting, When, ADD_SECONDS, LAST_SECONDS,
};
use super::plan::{self, Phase, PhaseKind};
use crate::model::Text;
use crate::routine::{Side, Step, TRANSITION_SECONDS};

fn secs(s: u32) -> Duration {
    Duration::from_secs(u64::from(s))
}

/// Whole seconds, rounded to the nearest.
fn whole_seconds(d: Duration) -> u32 {
    u32::try_from((d.as_millis() + 500) / 1000).unwrap_or(u32::MAX)
}

/// Whole seconds, rounded up.
fn ceil_seconds(d: Duration) -> u32 {
    u32::try_from(d.as_nanos().div_ceil(1_000_000_000)).unwrap_or(u32::MAX)
}

/// How many of a phase's last seconds are counted out loud (up to [`LAST_SECONDS`]: 3, 2, 1):
/// in a settle-in count, a hold, a stretch, and a rest that leads straight into work (with no
/// settle-in count after it, which would count it instead). A stroke set is counted by its
/// strokes. A count never starts on the phase's first instant, nor, in a hold or a stretch,
/// before or at half time: a short phase counts only the seconds it has room for (a 6 s hold
/// counts 2, 1; a 2 s hold nothing), so a count word never falls on the instant of another
/// cue.
fn counted(phase: &Phase, next: Option<&Phase>) -> u32 {
    let room = match phase.kind {
        PhaseKind::Hold | PhaseKind::Stretch => phase.length / 2,
        PhaseKind::Settle => phase.length,
        PhaseKind::Rest if next.is_some_and(|n| n.kind.is_work()) => phase.length,
        PhaseKind::Rest | PhaseKind::Strokes { .. } => return 0,
    };
    // The whole seconds n with n < room.
    LAST_SECONDS.min(ceil_seconds(room).saturating_sub(1))
}

/// A step's work under way.
#[derive(Debug, Clone)]
struct Work {
    step: usize,
    phases: Vec<Phase>,
    phase: usize,
    /// When the phase started, moved on by the length of each pause.
    start: Duration,
    paused_since: Option<Duration>,
    /// When the half-time cue is due, from the phase's start.
    half_at: Duration,
    half_done: bool,
    /// The stroke set's last seconds were marked (or the phase has none to mark).
    last_done: bool,
    strokes_done: u32,
    /// The lengths of the phases already over.
    done: Duration,
    /// The longest a hold or stretch may last, time added included.
    longest: Option<Duration>,
    /// The person was told this phase is as long as it may be (said once a phase).
    longest_told: bool,
    /// The next whole second left to count out loud, 3, 2, 1 (0: none left to count).
    count_next: u32,
}

impl Work {
    fn current(&self) -> Phase {
        self.phases[self.phase]
    }

    fn elapsed(&self, now: Duration) -> Duration {
        self.paused_since
            .unwrap_or(now)
            .saturating_sub(self.start)
            .min(self.current().length)
    }

    /// The step's time worked by `now`: its phases done and the one under way, settle-in
    /// counts left out.
    fn worked(&self, now: Duration) -> Duration {
        match self.current().kind {
            PhaseKind::Settle => self.done,
            _ => self.done + self.elapsed(now),
        }
    }
}

/// The next thing due in a phase. The order is the order of firing when several fall together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Due {
    FindOver,
    Half,
    Count,
    Stroke,
    Last,
    End,
}

#[derive(Debug, Clone)]
enum State {
    Ready,
    Finding {
        step: usize,
        until: Option<Duration>,
    },
    RatingBefore {
        step: usize,
    },
    Working(Work),
    RatingAfter {
        step: usize,
        worked: Duration,
    },
    Done(Finish),
}

/// A guided session through a routine's steps.
#[derive(Debug, Clone)]
pub struct Session {
    steps: Vec<Step>,
    mode: Mode,
    state: State,
    before: Option<u8>,
    outcomes: Vec<StepOutcome>,
    /// (muscle, side) that came out of pressure work more tender than they went in: no more
    /// pressure there this session.
    sorer: BTreeSet<(Text, Side)>,
    /// The settle-in count before each hold, stroke set or stretch.
    settle: Duration,
    /// q was pressed and the quit waits for its confirmation.
    quit_asked: bool,
    /// The timer was running when the quit was asked, and stands still until it is answered.
    quit_paused: bool,
}

impl Session {
    /// A session through `steps`, not started yet.
    pub fn new(steps: Vec<Step>, mode: Mode) -> Session {
        Session {
            steps,
            mode,
            state: State::Ready,
            before: None,
            outcomes: Vec::new(),
            sorer: BTreeSet::new(),
            settle: Duration::ZERO,
            quit_asked: false,
            quit_paused: false,
        }
    }

    /// The same session with a settle-in count of `settle` before each hold, stroke set or
    /// stretch (and before each repetition after a rest): time to get from the keyboard into
    /// position, so that no key is needed once the work has begun. None when zero (the
    /// default).
    pub fn with_settle(mut self, settle: Duration) -> Session {
        self.settle = settle;
        self
    }

    /// Whether a quit was asked for (q) and waits for its confirmation.
    pub fn quit_asked(&self) -> bool {
        self.quit_asked
    }

    /// The steps.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The steps that have ended so far, in order.
    pub fn outcomes(&self) -> &[StepOutcome] {
        &self.outcomes
    }

    /// How the session ended, once it has.
    pub fn finish(&self) -> Option<Finish> {
        match self.state {
            State::Done(f) => Some(f),
            _ => None,
        }
    }

    /// The step under way.
    pub fn current_step(&self) -> Option<usize> {
        match &self.state {
            State::Ready | State::Done(_) => None,
            State::Finding { step, .. }
            | State::RatingBefore { step }
            | State::RatingAfter { step, .. } => Some(*step),
            State::Working(w) => Some(w.step),
        }
    }

    /// What the session waits for.
    pub fn waiting(&self) -> Waiting {
        match &self.state {
            State::Ready => Waiting::Start,
            State::Finding { .. } => Waiting::Spot,
            State::RatingBefore { .. } => Waiting::Tenderness(When::Before),
            State::Working(_) => Waiting::Timer,
            State::RatingAfter { .. } => Waiting::Tenderness(When::After),
            State::Done(_) => Waiting::Nothing,
        }
    }

    /// The running timer at `now`, if one is running or paused.
    pub fn timer(&self, now: Duration) -> Option<Timer> {
        match &self.state {
            State::Working(w) => {
                let elapsed = w.elapsed(now);
                let phase = w.current();
                Some(Timer {
                    step: w.step,
                    phase,
                    elapsed,
                    remaining: phase.length.saturating_sub(elapsed),
                    paused: w.paused_since.is_some(),
                })
            }
            _ => None,
        }
    }

    /// Starts the first step.
    pub fn start(&mut self, now: Duration) -> Vec<Event> {
        let mut events = Vec::new();
        if matches!(self.state, State::Ready) {
            self.begin_step(0, now, &mut events);
        }
        events
    }

    /// When [`Session::advance`] must next be called; `None` while waiting for the person only
    /// (a prompt, or a paused timer).
    pub fn next_deadline(&self) -> Option<Duration> {
        self.due().map(|(at, _)| at)
    }

    /// Fires everything due at or before `now`, each at its own deadline.
    pub fn advance(&mut self, now: Duration) -> Vec<Event> {
        let mut events = Vec::new();
        self.advance_into(now, &mut events);
        events
    }

    fn advance_into(&mut self, now: Duration, events: &mut Vec<Event>) {
        while let Some((at, due)) = self.due() {
            if at > now {
                break;
            }
            self.fire(due, at, events);
        }
    }

    /// Applies an input given at `now`, after firing whatever fell due before it. Inputs that
    /// mean nothing at this point (a pause at a prompt) are ignored.
    pub fn input(&mut self, input: Input, now: Duration) -> Vec<Event> {
        let mut events = Vec::new();
        self.advance_into(now, &mut events);
        let interactive = self.mode == Mode::Interactive;
        if matches!(self.state, State::Done(_)) {
            return events;
        }
        // A quit waiting for its confirmation: a second q quits, anything else goes on (and is
        // applied, so a key meant for the session is not lost). The timer stood still while the
        // question was up, so that what is saved is what was done; it runs on from where it
        // stopped, and a pause key that answers the question does not pause it again.
        if self.quit_asked && !matches!(input, Input::AskQuit | Input::Quit) {
            self.quit_asked = false;
            events.push(Event::QuitCancelled);
            if std::mem::take(&mut self.quit_paused) {
                if let State::Working(w) = &mut self.state {
                    if let Some(since) = w.paused_since.take() {
                        w.start += now.saturating_sub(since);
                    }
                }
                if input == Input::Pause {
                    return events;
                }
            }
        }
        match (&mut self.state, input) {
            (State::Done(_), _) | (_, Input::KeepGoing) => {}
            (_, Input::Quit) => self.quit(now, &mut events),
            (_, Input::AskQuit) if self.quit_asked || !interactive => self.quit(now, &mut events),
            (_, Input::AskQuit) => {
                self.quit_asked = true;
                if let State::Working(w) = &mut self.state {
                    if w.paused_since.is_none() {
                        w.paused_since = Some(now);
                        self.quit_paused = true;
                    }
                }
                events.push(Event::QuitAsked);
            }
            (State::Finding { step, .. }, Input::OnTheSpot) if interactive => {
                let step = *step;
                // A rating belongs to a spot that is pressed: a stretch has none.
                if !self.steps[step].kind.is_pressure() {
                    self.start_work(step, now, &mut events);
                    return events;
                }
                self.state = State::RatingBefore { step };
                events.push(Event::AskTenderness {
                    step,
                    when: When::Before,
                });
            }
            (State::Finding { step, .. }, Input::Skip) => {
                let step = *step;
                self.end_step(step, Duration::ZERO, None, true, false, &mut events);
                self.begin_step(step + 1, now, &mut events);
            }
            (State::RatingBefore { step }, Input::Tenderness(rating)) => {
                let step = *step;
                self.before = rating.map(|r| r.min(10));
                self.start_work(step, now, &mut events);
            }
            (State::RatingAfter { step, worked }, Input::Tenderness(rating)) => {
                let (step, worked) = (*step, *worked);
                self.end_step(
                    step,
                    worked,
                    rating.map(|r| r.min(10)),
                    false,
                    true,
                    &mut events,
                );
                self.begin_step(step + 1, now, &mut events);
            }
            (State::Working(w), Input::Pause) => match w.paused_since.take() {
                Some(since) => {
                    w.start += now.saturating_sub(since);
                    events.push(Event::Resumed);
                }
                None => {
                    w.paused_since = Some(now);
                    events.push(Event::Paused);
                }
            },
            (State::Working(w), Input::AddTime) => {
                let elapsed = w.elapsed(now);
                let longest = w.longest;
                let phase = &mut w.phases[w.phase];
                let added = match &mut phase.kind {
                    PhaseKind::Strokes { count, pace } => {
                        let pace_ns = pace.as_nanos().max(1);
                        let strokes = u32::try_from(secs(ADD_SECONDS).as_nanos().div_ceil(pace_ns))
                            .unwrap_or(1)
                            .max(1);
                        *count += strokes;
                        *pace * strokes
                    }
                    // A hold or a stretch never grows past the technique's longest hold.
                    PhaseKind::Hold | PhaseKind::Stretch => match longest {
                        Some(max) => secs(ADD_SECONDS).min(max.saturating_sub(phase.length)),
                        None => secs(ADD_SECONDS),
                    },
                    PhaseKind::Rest => secs(ADD_SECONDS),
                    // The settle-in count is not lengthened: pause it instead.
                    PhaseKind::Settle => return events,
                };
                if added.is_zero() {
                    if !w.longest_told {
                        w.longest_told = true;
                        events.push(Event::AtLongestHold {
                            seconds: whole_seconds(phase.length),
                        });
                    }
                    return events;
                }
                // The half-time cue moves with the new length while it is still to come.
                if !w.half_done {
                    w.half_at = (phase.length + added) / 2;
                }
                phase.length += added;
                let phase = *phase;
                let remaining = phase.length.saturating_sub(elapsed);
                // A stroke set's last seconds are marked again at its new end.
                if matches!(phase.kind, PhaseKind::Strokes { .. }) && remaining > secs(LAST_SECONDS)
                {
                    w.last_done = false;
                }
                // The count comes again at the new end: the seconds still ahead (a count
                // under way starts over from 3).
                let next = w.phases.get(w.phase + 1);
                w.count_next = counted(&phase, next).min(ceil_seconds(remaining).saturating_sub(1));
                events.push(Event::TimeAdded {
                    seconds: whole_seconds(added),
                });
            }
            (State::Working(w), Input::Skip) => {
                let (step, worked) = (w.step, w.worked(now));
                self.end_step(step, worked, None, true, true, &mut events);
                self.begin_step(step + 1, now, &mut events);
            }
            _ => {}
        }
        events
    }

    fn quit(&mut self, now: Duration, events: &mut Vec<Event>) {
        self.quit_asked = false;
        self.quit_paused = false;
        let stopped_at = self.current_step().unwrap_or(0);
        match &self.state {
            State::Working(w) => {
                let (step, worked) = (w.step, w.worked(now));
                self.end_step(step, worked, None, true, true, events);
            }
            State::RatingAfter { step, worked } => {
                let (step, worked) = (*step, *worked);
                self.end_step(step, worked, None, false, true, events);
            }
            _ => {}
        }
        let finish = Finish {
            completed: false,
            stopped_at,
        };
        self.state = State::Done(finish);
        events.push(Event::Finished(finish));
    }

    fn begin_step(&mut self, step: usize, at: Duration, events: &mut Vec<Event>) {
        self.before = None;
        // Pressure on a spot that pressure made sorer is left out for the rest of the session.
        let mut step = step;
        while let Some(s) = self.steps.get(step) {
            if !s.kind.is_pressure() || !self.sorer.contains(&(s.muscle.clone(), s.side)) {
                break;
            }
            events.push(Event::LeftOutSorer { step });
            self.end_step(step, Duration::ZERO, None, true, false, events);
            step += 1;
        }
        if step >= self.steps.len() {
            let finish = Finish {
                completed: true,
                stopped_at: self.steps.len(),
            };
            self.state = State::Done(finish);
            events.push(Event::Finished(finish));
            return;
        }
        let find_seconds = (self.mode == Mode::Plain).then_some(TRANSITION_SECONDS);
        self.state = State::Finding {
            step,
            until: find_seconds.map(|s| at + secs(s)),
        };
        events.push(Event::StepStarted { step, find_seconds });
    }

    fn start_work(&mut self, step: usize, at: Duration, events: &mut Vec<Event>) {
        let phases = self.with_settles(plan::phases(&self.steps[step]));
        if phases.is_empty() {
            self.work_done(step, Duration::ZERO, at, events);
            return;
        }
        let mut work = Work {
            step,
            phases,
            phase: 0,
            start: at,
            paused_since: None,
            half_at: Duration::ZERO,
            half_done: false,
            last_done: false,
            strokes_done: 0,
            done: Duration::ZERO,
            longest: self.steps[step].max_hold_seconds.map(secs),
            longest_told: false,
            count_next: 0,
        };
        Self::enter_phase(&mut work, 0, at, events);
        self.state = State::Working(work);
    }

    /// The phases with a settle-in count before the first work and before each work after a
    /// rest.
    fn with_settles(&self, phases: Vec<Phase>) -> Vec<Phase> {
        if self.settle.is_zero() {
            return phases;
        }
        let mut out = Vec::with_capacity(phases.len() * 2);
        let mut before_work = true;
        for phase in phases {
            if phase.kind.is_work() && before_work {
                out.push(Phase {
                    kind: PhaseKind::Settle,
                    length: self.settle,
                    ..phase
                });
            }
            before_work = phase.kind == PhaseKind::Rest;
            out.push(phase);
        }
        out
    }

    fn enter_phase(work: &mut Work, index: usize, at: Duration, events: &mut Vec<Event>) {
        work.phase = index;
        work.start = at;
        work.paused_since = None;
        let phase = work.current();
        work.half_at = phase.length / 2;
        work.half_done = !matches!(phase.kind, PhaseKind::Hold | PhaseKind::Stretch);
        // Only a stroke set has its last seconds marked as one; the others count them out
        // loud, 3, 2, 1, each on its second (or, a rest a settle-in follows, not at all).
        work.last_done = !matches!(phase.kind, PhaseKind::Strokes { .. });
        work.longest_told = false;
        work.strokes_done = 0;
        work.count_next = counted(&phase, work.phases.get(index + 1));
        events.push(Event::PhaseStarted {
            step: work.step,
            phase,
            at,
        });
        if let PhaseKind::Strokes { count, .. } = phase.kind {
            if count > 0 {
                work.strokes_done = 1;
                events.push(Event::Stroke {
                    step: work.step,
                    n: 1,
                    of: count,
                });
            }
        }
    }

    fn work_done(&mut self, step: usize, worked: Duration, at: Duration, events: &mut Vec<Event>) {
        match self.mode {
            Mode::Interactive if self.steps[step].kind.is_pressure() => {
                self.state = State::RatingAfter { step, worked };
                events.push(Event::AskTenderness {
                    step,
                    when: When::After,
                });
            }
            Mode::Interactive | Mode::Plain => {
                self.end_step(step, worked, None, false, true, events);
                self.begin_step(step + 1, at, events);
            }
        }
    }

    fn end_step(
        &mut self,
        step: usize,
        worked: Duration,
        after: Option<u8>,
        skipped: bool,
        begun: bool,
        events: &mut Vec<Event>,
    ) {
        let s = &self.steps[step];
        let outcome = StepOutcome {
            step,
            muscle: s.muscle.to_string(),
            side: s.side,
            technique: s.technique.to_string(),
            planned_seconds: plan::planned_seconds(s),
            actual_seconds: whole_seconds(worked),
            before: self.before,
            after,
            skipped,
            begun,
        };
        if s.kind.is_pressure() && outcome.sorer() {
            self.sorer.insert((s.muscle.clone(), s.side));
        }
        self.outcomes.push(outcome.clone());
        events.push(Event::StepEnded(outcome));
    }

    fn due(&self) -> Option<(Duration, Due)> {
        match &self.state {
            State::Finding {
                until: Some(at), ..
            } => Some((*at, Due::FindOver)),
            State::Working(w) if w.paused_since.is_none() => {
                let phase = w.current();
                let mut due = vec![(w.start + phase.length, Due::End)];
                if !w.half_done {
                    due.push((w.start + w.half_at, Due::Half));
                }
                if w.count_next > 0 {
                    due.push((
                        w.start + phase.length.saturating_sub(secs(w.count_next)),
                        Due::Count,
                    ));
                }
                if !w.last_done {
                    due.push((
                        w.start + phase.length.saturating_sub(secs(LAST_SECONDS)),
                        Due::Last,
                    ));
                }
                if let PhaseKind::Strokes { count, pace } = phase.kind {
                    if w.strokes_done < count {
                        due.push((w.start + pace * w.strokes_done, Due::Stroke));
                    }
                }
                due.into_iter().min()
            }
            _ => None,
        }
    }

    fn fire(&mut self, due: Due, at: Duration, events: &mut Vec<Event>) {
        if due == Due::FindOver {
            if let State::Finding { step, .. } = self.state {
                self.start_work(step, at, events);
            }
            return;
        }
        let State::Working(w) = &mut self.state else {
            return;
        };
        let step = w.step;
        match due {
            Due::FindOver => {}
            Due::Half => {
                w.half_done = true;
                events.push(Event::HalfTime { step });
            }
            Due::Last => {
                w.last_done = true;
                events.push(Event::LastSeconds { step });
            }
            Due::Count => {
                events.push(Event::Count {
                    step,
                    left: w.count_next,
                });
                w.count_next -= 1;
            }
            Due::Stroke => {
                w.strokes_done += 1;
                if let PhaseKind::Strokes { count, .. } = w.current().kind {
                    events.push(Event::Stroke {
                        step,
                        n: w.strokes_done,
                        of: count,
                    });
                }
            }
            Due::End => {
                let phase = w.current();
                if phase.kind != PhaseKind::Settle {
                    w.done += phase.length;
                }
                events.push(Event::PhaseEnded { step, phase, at });
                if w.phase + 1 < w.phases.len() {
                    let next = w.phase + 1;
                    Self::enter_phase(w, next, at, events);
                } else {
                    let worked = w.done;
                    self.work_done(step, worked, at, events);
                }
            }
        }
    }
}
