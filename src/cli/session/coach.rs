//! The coach: runs the session state machine against the clock, says what happens, sounds each
//! transition, and saves each step to the history as it ends.

use std::collections::BTreeSet;
use std::io::Write;
use std::time::{Duration, Instant};

use tpcoach::library::Library;
use tpcoach::model::TechniqueKind;
use tpcoach::session::{Event, Finish, Input, Session, Waiting, When};

use super::clock::Clock;
use super::record::Recorder;
use super::screen::{Cautions, Out, StepPage};
use super::sound::{Moments, Sound};
use super::speech::Speaker;
use super::timing::Timing;
use super::words;
use crate::cli::output;
use crate::cli::suggest::duration;

/// Exit status after Ctrl-C (128 + SIGINT, as shells report it).
pub const EXIT_CTRL_C: u8 = 130;

/// How late (in coach time) a count word ("3", "2", "1") may still start; a word later than
/// that would be heard with the next second, so it is dropped.
const COUNT_LATE: Duration = Duration::from_millis(400);

/// ... and at least this much real time: a speech program's start-up, so that a scaled session
/// (the tests) does not drop count words for the time a process takes to start.
const COUNT_LATE_REAL: Duration = Duration::from_millis(100);

/// The question after q: a second q or y quits, any other key goes on.
pub const QUIT_QUESTION: &str =
    "Quit the session? y or q quits (what is done is saved) · any other key goes on";

/// How the person stopped the session early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopBy {
    /// The q key.
    Q,
    /// Ctrl-C, as a key or a signal.
    CtrlC,
    /// A signal that ends the process (SIGTERM, or SIGHUP when the terminal closes).
    Signal(i32),
}

/// The running session and everything it needs to show and save itself.
pub struct Coach {
    library: &'static Library,
    /// The state machine.
    pub session: Session,
    also_check: Vec<String>,
    clock: Clock,
    recorder: Recorder,
    /// Where the words go.
    pub out: Out,
    told_no_relief: BTreeSet<String>,
    stopped_by: Option<StopBy>,
    timing: Option<Timing>,
    speech: Option<Box<dyn Speaker>>,
    sound: Box<dyn Sound>,
    moments: Moments,
    /// The step whose work has its own screen already (cleared, with the step's header on top).
    work_screen: Option<usize>,
    /// How the last step ended (and any advice after it), carried onto the next step's screen.
    carried: Vec<String>,
    /// How the step pages show cautions (in full the first time a muscle is worked).
    cautions: Cautions,
}

impl Coach {
    /// A coach for `session`, saving through `recorder`.
    pub fn new(
        library: &'static Library,
        session: Session,
        also_check: Vec<String>,
        clock: Clock,
        recorder: Recorder,
        out: Out,
    ) -> Coach {
        let timing = Timing::from_env();
        Coach {
            library,
            session,
            also_check,
            clock,
            recorder,
            out,
            told_no_relief: BTreeSet::new(),
            stopped_by: None,
            timing,
            speech: None,
            sound: Box::new(super::sound::Silent),
            moments: Moments,
            work_screen: None,
            carried: Vec::new(),
            cautions: Cautions::default(),
        }
    }

    /// Whether the step before `step` was the same muscle and technique on the other side.
    fn second_side(&self, step: usize) -> bool {
        let steps = self.session.steps();
        match (
            step.checked_sub(1).and_then(|p| steps.get(p)),
            steps.get(step),
        ) {
            (Some(p), Some(s)) => {
                p.muscle == s.muscle && p.technique == s.technique && p.side != s.side
            }
            _ => false,
        }
    }

    /// A step's screen: cleared, the header on top, how the last step ended, how to find the
    /// spot, the caution that matters most (`?` shows them all) and the map of the spot when
    /// there is room for it (see [`StepPage`]).
    fn step_screen(&mut self, step: usize) {
        let Out::Screen(screen) = &mut self.out else {
            return;
        };
        let Some(mut page) = StepPage::new(
            self.library,
            self.session.steps(),
            step,
            screen.styled(),
            &self.cautions,
        ) else {
            return;
        };
        page.carried = std::mem::take(&mut self.carried);
        screen.show_page(page);
    }

    /// The work's screen: the step's page again without the map, the cues under it.
    fn work_screen(&mut self, step: usize) {
        if self.work_screen == Some(step) {
            return;
        }
        self.work_screen = Some(step);
        if let Out::Screen(screen) = &mut self.out {
            screen.at_work();
        }
    }

    /// `?`: the step under way in full (how to find it, how to work it, every caution).
    pub fn show_everything(&mut self) {
        let Some(s) = self
            .session
            .current_step()
            .and_then(|i| self.session.steps().get(i))
            .cloned()
        else {
            return;
        };
        let lines = words::everything(&s);
        match &mut self.out {
            Out::Screen(screen) => screen.details(&lines),
            out => lines.iter().for_each(|line| out.line(line)),
        }
        self.refresh(false);
    }

    /// The same coach, saying the cues out loud through `speech` too (`--speak`).
    pub fn with_speech(mut self, speech: Option<Box<dyn Speaker>>) -> Coach {
        self.speech = speech;
        self
    }

    /// The same coach, showing cautions on the step pages as `cautions` says.
    pub fn with_cautions(mut self, cautions: Cautions) -> Coach {
        self.cautions = cautions;
        self
    }

    /// The same coach, sounding each transition through `sound`.
    pub fn with_sound(mut self, sound: Box<dyn Sound>) -> Coach {
        self.sound = sound;
        self
    }

    /// Starts the first step.
    pub fn start(&mut self) {
        let events = self.session.start(self.clock.now());
        self.handle(events);
        self.refresh(false);
        self.stop_if_unread();
    }

    /// Applies an input given now.
    pub fn input(&mut self, input: Input, by: Option<StopBy>) {
        let quits = input == Input::Quit || (input == Input::AskQuit && self.session.quit_asked());
        if quits && self.stopped_by.is_none() {
            self.stopped_by = Some(by.unwrap_or(StopBy::Q));
        }
        let very_tender = matches!(input, Input::Tenderness(Some(r)) if r >= words::VERY_TENDER)
            && self.session.waiting() == Waiting::Tenderness(When::Before);
        if very_tender {
            self.out.line(&format!("  {}", words::VERY_TENDER_CUE));
        }
        let events = self.session.input(input, self.clock.now());
        self.handle(events);
        self.refresh(false);
    }

    /// Fires whatever is due now and redraws the status line.
    pub fn tick(&mut self) {
        let mut now = self.clock.now();
        // Woken at a deadline: count it as reached even if the scaled clock rounds a hair short.
        if let Some(deadline) = self.session.next_deadline() {
            if Instant::now() >= self.clock.instant_at(deadline) {
                now = now.max(deadline);
            }
        }
        let events = self.session.advance(now);
        self.handle(events);
        self.refresh(false);
        self.stop_if_unread();
    }

    /// Plain lines that nobody reads any more (a closed pipe): stop quietly, keeping what was
    /// done.
    fn stop_if_unread(&mut self) {
        if matches!(self.out, Out::Plain { closed: true }) {
            self.out = Out::Quiet;
            self.input(Input::Quit, Some(StopBy::Q));
        }
    }

    /// Whether the session is over.
    pub fn done(&self) -> bool {
        self.session.finish().is_some()
    }

    /// When to wake next: the session's next deadline, or the next change of the seconds shown.
    pub fn wake_at(&self) -> Option<Instant> {
        let deadline = self.session.next_deadline();
        let redraw = match (&self.out, self.session.timer(self.clock.now())) {
            (Out::Screen(_), Some(timer)) if !timer.paused && !timer.remaining.is_zero() => {
                // The seconds shown are rounded up: they change when the time left crosses a
                // whole second.
                let r = timer.remaining;
                let whole = Duration::from_secs(r.as_nanos().div_ceil(1_000_000_000) as u64 - 1);
                Some(self.clock.now() + (r - whole))
            }
            _ => None,
        };
        [deadline, redraw]
            .into_iter()
            .flatten()
            .min()
            .map(|at| self.clock.instant_at(at))
    }

    /// What the session waits for.
    pub fn waiting(&self) -> Waiting {
        self.session.waiting()
    }

    fn step_name(&self, step: usize) -> String {
        self.session
            .steps()
            .get(step)
            .map_or_else(String::new, |s| {
                format!(
                    "{}, {}",
                    words::muscle(self.library, &s.muscle),
                    match s.both_sides {
                        true => "both sides",
                        false => s.side.as_str(),
                    }
                )
            })
    }

    fn handle(&mut self, events: Vec<Event>) {
        let mut moments = std::mem::take(&mut self.moments);
        let mut heard = None;
        for event in &events {
            heard = moments.transition(event, |i| self.second_side(i)).or(heard);
            self.save(event);
            self.say(event);
            self.measure(event);
        }
        self.moments = moments;
        // The cues of one instant are said as one ("Release. Rest, 30 seconds."), so the rule
        // for cues that come while one is spoken (only the newest waiting one is said) never
        // drops one of them. A count word that cannot start within COUNT_LATE of its second
        // is dropped instead of said late.
        if let Some(speech) = &mut self.speech {
            match words::spoken_batch(self.library, self.session.steps(), &events) {
                Some((text, true)) => {
                    let late = self.clock.real(COUNT_LATE).max(COUNT_LATE_REAL);
                    speech.say_by(&text, Instant::now() + late);
                }
                Some((text, false)) => speech.say(&text),
                None => {}
            }
        }
        // After the lines are shown (and the end of a hold measured): one sound for the batch,
        // the last transition's.
        if let Some(transition) = heard {
            self.sound.play(transition, self.clock.now(), &mut self.out);
        }
    }

    fn save(&mut self, event: &Event) {
        match event {
            Event::StepEnded(outcome) => self.recorder.step(outcome),
            Event::Finished(finish) => self.recorder.finish(*finish),
            _ => {}
        }
    }

    fn measure(&mut self, event: &Event) {
        if let Some(timing) = &mut self.timing {
            timing.event(event, &self.clock);
        }
    }

    fn say(&mut self, event: &Event) {
        let steps = self.session.steps();
        let total = steps.len();
        let step_of = |i: usize| steps.get(i);
        let mut lines: Vec<String> = Vec::new();
        match event {
            Event::StepStarted { step, .. } if matches!(self.out, Out::Screen(_)) => {
                self.step_screen(*step);
                return;
            }
            Event::StepStarted { step, find_seconds } => {
                let Some(s) = step_of(*step) else { return };
                lines.push(String::new());
                let title = words::step_title(self.library, s, *step, total);
                lines.push(match &self.out {
                    Out::Screen(screen) => screen.bold(&title),
                    _ => title,
                });
                lines.push(format!("  {}", words::technique(self.library, s)));
                if s.kind != TechniqueKind::Stretch {
                    lines.push(format!("  Find it: {}", s.find));
                }
                if let Some(how) = &s.how {
                    lines.push(format!("  How: {how}"));
                }
                for caution in &s.cautions {
                    lines.push(format!("  Caution: {caution}"));
                }
                if let Some(seconds) = find_seconds {
                    lines.push(format!(
                        "  You have {} to {}.",
                        duration(*seconds),
                        if s.kind == TechniqueKind::Stretch {
                            "get into position"
                        } else {
                            "find the spot"
                        }
                    ));
                }
            }
            Event::AskTenderness { .. } => {}
            Event::PhaseStarted { step, phase, .. } => {
                if matches!(self.out, Out::Screen(_)) && self.work_screen != Some(*step) {
                    self.work_screen(*step);
                    return self.say(event);
                }
                let steps = self.session.steps();
                let step_of = |i: usize| steps.get(i);
                if let Some(s) = step_of(*step) {
                    lines.push(format!("  {}", words::phase_start(s, phase)));
                }
            }
            Event::HalfTime { step } => {
                if let Some(s) = step_of(*step) {
                    lines.push(format!("  {}", words::half_time(s)));
                }
            }
            Event::LastSeconds { .. } => {
                if matches!(self.out, Out::Plain { .. }) {
                    lines.push(format!("  {} s left.", tpcoach::session::LAST_SECONDS));
                }
            }
            Event::Count { left, .. } => {
                if matches!(self.out, Out::Plain { .. }) {
                    lines.push(format!("  {left}..."));
                }
            }
            Event::Stroke { n, of, .. } => {
                if matches!(self.out, Out::Plain { .. }) {
                    lines.push(format!("  Stroke {n} of {of}."));
                }
            }
            Event::PhaseEnded { phase, .. } => {
                if let Some(text) = words::phase_end(phase) {
                    lines.push(format!("  {text}"));
                }
            }
            Event::Paused | Event::Resumed | Event::QuitAsked | Event::QuitCancelled => {}
            Event::TimeAdded { seconds } => lines.push(format!("  +{seconds} s.")),
            Event::AtLongestHold { seconds } => lines.push(format!(
                "  This hold is already {seconds} s, the longest this technique allows: no more time."
            )),
            Event::LeftOutSorer { step } => {
                let Some(s) = step_of(*step) else { return };
                lines.push(String::new());
                lines.push(format!(
                    "Left out: step {} of {total}, {} on the {} ({} side): that spot came out \
                     more tender after pressure earlier, so it gets no more pressure this session.",
                    step + 1,
                    words::technique_name(self.library, s).to_lowercase(),
                    words::muscle(self.library, &s.muscle),
                    s.side.as_str(),
                ));
            }
            Event::StepEnded(outcome) => {
                lines.push(format!("  {}", words::step_end(outcome)));
                if outcome.sorer() && step_of(outcome.step).is_some_and(|s| s.kind.is_pressure()) {
                    lines.push(format!("  {}", words::SORER));
                } else if outcome.no_relief()
                    && self.told_no_relief.insert(outcome.muscle.clone())
                {
                    if let Some(text) = words::no_relief(self.library, &self.also_check) {
                        lines.push(format!("  {text}"));
                    }
                }
            }
            Event::Finished(_) => {}
        }
        if matches!(self.out, Out::Screen(_))
            && matches!(event, Event::StepEnded(_) | Event::LeftOutSorer { .. })
        {
            self.carried.extend(lines.iter().cloned());
        }
        for line in lines {
            self.out.line(&line);
        }
    }

    /// Redraws the status line: the timer, or the prompt waiting for the person. `one` shows a
    /// typed "1" waiting for Enter or 0.
    pub fn refresh(&mut self, one: bool) {
        let Out::Screen(screen) = &mut self.out else {
            return;
        };
        let now = self.clock.now();
        if self.session.quit_asked() {
            // The question under the timer (which runs on), or alone at a prompt.
            let mut lines = match self.session.timer(now) {
                Some(timer) => vec![screen.timer_line(&timer)],
                None => Vec::new(),
            };
            lines.push(QUIT_QUESTION.to_string());
            screen.status_lines(&lines);
            return;
        }
        let text = match self.session.waiting() {
            Waiting::Start | Waiting::Nothing => {
                screen.clear_status();
                return;
            }
            Waiting::Spot => words::spot_prompt(
                self.session
                    .current_step()
                    .and_then(|i| self.session.steps().get(i))
                    .is_some_and(|s| s.kind == TechniqueKind::Stretch),
            ),
            Waiting::Tenderness(when) => words::tenderness_prompt(when, one),
            Waiting::Timer => match self.session.timer(now) {
                Some(timer) => {
                    let lines = screen.timer_lines(&timer);
                    screen.status_lines(&lines);
                    return;
                }
                None => return,
            },
        };
        screen.status(&text);
    }

    /// The terminal is gone or a signal came: stop here, save, and say how far it got. Returns
    /// the exit status.
    pub fn interrupt(&mut self, by: StopBy) -> u8 {
        let keep = std::mem::replace(&mut self.out, Out::Quiet);
        if !self.done() {
            self.input(Input::Quit, Some(by));
        }
        super::terminal::restore();
        self.out = match keep {
            Out::Quiet => Out::Quiet,
            _ => Out::Plain { closed: false },
        };
        self.report()
    }

    /// After a failure or a panic: save the session as partial, quietly.
    pub fn abandon(&mut self) {
        self.out = Out::Quiet;
        if !self.done() {
            self.input(Input::Quit, Some(StopBy::Q));
        }
    }

    /// The summary at the end (a table of the steps and how far it got) and the exit status.
    pub fn report(&mut self) -> u8 {
        if let Some(speech) = &mut self.speech {
            // The last cue ("session done") is said before the process ends.
            speech.finish();
        }
        self.sound.finish();
        if let Out::Screen(screen) = &mut self.out {
            screen.clear_status();
        }
        let outcomes = self.session.outcomes().to_vec();
        let total = self.session.steps().len();
        let finish = self.session.finish().unwrap_or(Finish {
            completed: false,
            stopped_at: 0,
        });
        let work: u32 = outcomes.iter().map(|o| o.actual_seconds).sum();
        let done = outcomes.iter().filter(|o| !o.skipped).count();
        let cut = outcomes.iter().filter(|o| o.skipped && o.begun).count();
        let skipped = outcomes.iter().filter(|o| o.skipped && !o.begun).count();
        let mut text = String::new();
        if finish.completed {
            text.push_str(&format!(
                "\nSession done: {done} of {total} steps, {} of work.",
                duration(work)
            ));
        } else {
            text.push_str(&format!(
                "\nStopped at step {} of {total} ({}): {done} done",
                finish.stopped_at + 1,
                self.step_name(finish.stopped_at)
            ));
            if cut > 0 {
                text.push_str(&format!(", {cut} cut short"));
            }
            text.push_str(&format!(", {} of work.", duration(work)));
        }
        if skipped > 0 {
            text.push_str(&format!(" Skipped: {skipped}."));
        }
        let rows: Vec<[String; 7]> = outcomes
            .iter()
            .map(|o| {
                let time = match (o.skipped, o.begun) {
                    (true, false) => "skipped".to_string(),
                    (true, true) => format!("{} (cut short)", duration(o.actual_seconds)),
                    (false, _) => duration(o.actual_seconds),
                };
                [
                    (o.step + 1).to_string(),
                    words::muscle(self.library, &o.muscle),
                    self.library
                        .technique(&o.technique)
                        .map_or_else(|| o.technique.clone(), |t| t.name.to_lowercase()),
                    match self
                        .session
                        .steps()
                        .get(o.step)
                        .is_some_and(|s| s.both_sides)
                    {
                        true => "both".to_string(),
                        false => o.side.as_str().to_string(),
                    },
                    words::rating(o.before),
                    words::rating(o.after),
                    time,
                ]
            })
            .collect();
        let table_text = match (rows.is_empty(), self.recorder.plain()) {
            (true, _) => None,
            // Plain lines for --plain (screen readers, logs): no box drawing.
            (false, true) => Some(
                rows.iter()
                    .map(|[n, muscle, work, side, _, _, time]| {
                        format!("{n}. {muscle}, {work}, {side}: {time}")
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            (false, false) => {
                let headers = ["#", "Muscle", "Work", "Side", "Before", "After", "Time"];
                let mut table = output::table(&headers);
                let cells: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
                // The headers are measured too: "Before" is wider than its ratings.
                let mut measured = vec![headers.iter().map(|h| h.to_string()).collect()];
                measured.extend(cells.iter().cloned());
                output::fit(&mut table, &measured, &[0, 3, 4, 5], 1);
                table.add_rows(cells);
                Some(table.to_string())
            }
        };
        let saved = match (
            &self.recorder.error(),
            finish.completed,
            self.recorder.plain(),
        ) {
            (Some(_), _, _) => None,
            (None, false, _) if self.recorder.discarded() => {
                Some("Nothing was done yet, so nothing was saved.")
            }
            (None, false, _) => Some("Saved as a partial session (`tpcoach history`)."),
            (None, true, true) => Some("Saved as unrated (`tpcoach history`)."),
            (None, true, false) => {
                Some("Saved to your history (`tpcoach history`, `tpcoach progress`).")
            }
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", output::wrap_prose(&text));
        if let Some(table) = table_text {
            let _ = writeln!(out, "{table}");
        }
        if let Some(saved) = saved {
            let _ = writeln!(out, "{saved}");
        }
        let _ = out.flush();
        drop(out);
        if let Some(error) = &self.recorder.error() {
            eprintln!("error: not everything was saved: {error}");
            return crate::cli::EXIT_FAILURE;
        }
        match self.stopped_by {
            Some(StopBy::CtrlC) => EXIT_CTRL_C,
            Some(StopBy::Signal(n)) => u8::try_from(128 + n).unwrap_or(1),
            _ => 0,
        }
    }
}
