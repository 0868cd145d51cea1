//! The state machine driven by a fake clock and scripted inputs.

use std::time::Duration;

use super::*;
use crate::model::{Dose, TechniqueKind};
use crate::routine::{Side, Step, TRANSITION_SECONDS};

fn s(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn step(kind: TechniqueKind, side: Side, dose: Dose) -> Step {
    Step {
        muscle: "upper_trapezius".into(),
        technique: match kind {
            TechniqueKind::Compression => "static_compression",
            TechniqueKind::Stroking => "deep_stroking",
            TechniqueKind::Stretch => "stretching",
        }
        .into(),
        kind,
        tool: None,
        side,
        both_sides: false,
        dose_text: String::new(),
        seconds: 0,
        dose,
        find: "the shoulder ridge".into(),
        how: None,
        cautions: Vec::new(),
        max_hold_seconds: None,
    }
}

fn hold(hold: u32, reps: u32, rest: u32) -> Dose {
    Dose {
        hold_seconds: Some(hold),
        repetitions: Some(reps),
        rest_seconds: Some(rest),
        pressure_target: Some(5),
        pressure_ceiling: Some(7),
        ..Dose::default()
    }
}

fn compression(side: Side, dose: Dose) -> Step {
    step(TechniqueKind::Compression, side, dose)
}

/// A fake clock: the session sees only the times it is given.
struct Run {
    session: Session,
    log: Vec<(Duration, Event)>,
}

impl Run {
    fn new(steps: Vec<Step>, mode: Mode) -> Run {
        Run {
            session: Session::new(steps, mode),
            log: Vec::new(),
        }
    }

    fn settled(steps: Vec<Step>, settle: Duration) -> Run {
        Run {
            session: Session::new(steps, Mode::Interactive).with_settle(settle),
            log: Vec::new(),
        }
    }

    fn keep(&mut self, at: Duration, events: Vec<Event>) {
        self.log.extend(events.into_iter().map(|e| (at, e)));
    }

    fn start(&mut self, at: Duration) {
        let events = self.session.start(at);
        self.keep(at, events);
    }

    fn input(&mut self, input: Input, at: Duration) {
        self.advance(at);
        let events = self.session.input(input, at);
        self.keep(at, events);
    }

    /// Wakes at every deadline up to `until`, as the terminal does, logging each event at the
    /// deadline it fired on.
    fn advance(&mut self, until: Duration) {
        while let Some(at) = self.session.next_deadline() {
            if at > until {
                break;
            }
            let events = self.session.advance(at);
            self.keep(at, events);
        }
    }

    /// The times at which events matching `f` happened.
    fn times(&self, f: impl Fn(&Event) -> bool) -> Vec<Duration> {
        self.log
            .iter()
            .filter(|(_, e)| f(e))
            .map(|(t, _)| *t)
            .collect()
    }

    /// Each count word with its time: (when, seconds left).
    fn counts(&self) -> Vec<(Duration, u32)> {
        self.log
            .iter()
            .filter_map(|(t, e)| match e {
                Event::Count { left, .. } => Some((*t, *left)),
                _ => None,
            })
            .collect()
    }

    fn phases(&self) -> Vec<(Duration, PhaseKind, u32, u32)> {
        self.log
            .iter()
            .filter_map(|(t, e)| match e {
                Event::PhaseStarted { phase, .. } => Some((*t, phase.kind, phase.rep, phase.of)),
                _ => None,
            })
            .collect()
    }
}

#[test]
fn repetitions_and_rests_follow_each_other_on_their_deadlines() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 3, 20))],
        Mode::Interactive,
    );
    run.start(s(0));
    assert_eq!(run.session.waiting(), Waiting::Spot);
    run.input(Input::OnTheSpot, s(4));
    assert_eq!(run.session.waiting(), Waiting::Tenderness(When::Before));
    run.input(Input::Tenderness(Some(6)), ms(5_250));
    assert_eq!(run.session.waiting(), Waiting::Timer);
    run.advance(s(1_000));
    let t0 = ms(5_250);
    assert_eq!(
        run.phases(),
        vec![
            (t0, PhaseKind::Hold, 1, 3),
            (t0 + s(30), PhaseKind::Rest, 2, 3),
            (t0 + s(50), PhaseKind::Hold, 2, 3),
            (t0 + s(80), PhaseKind::Rest, 3, 3),
            (t0 + s(100), PhaseKind::Hold, 3, 3),
        ]
    );
    assert_eq!(
        run.times(|e| matches!(e, Event::HalfTime { .. })),
        vec![t0 + s(15), t0 + s(65), t0 + s(115)]
    );
    // Each hold's last three seconds are counted, one a second, and so are the rests' (no
    // settle-in count follows them here): 3 s, 2 s and 1 s before each end.
    let ends = [30, 50, 80, 100, 130];
    let expected: Vec<(Duration, u32)> = ends
        .iter()
        .flat_map(|end| {
            (1..=3)
                .rev()
                .map(move |left| (t0 + s(end - left), left as u32))
        })
        .collect();
    assert_eq!(run.counts(), expected);
    assert!(run
        .times(|e| matches!(e, Event::LastSeconds { .. }))
        .is_empty());
    let bells: Vec<Duration> = run
        .log
        .iter()
        .filter(|(_, e)| matches!(e, Event::PhaseEnded { phase, .. } if phase.kind.is_work()))
        .map(|(t, _)| *t)
        .collect();
    assert_eq!(bells, vec![t0 + s(30), t0 + s(80), t0 + s(130)]);
    assert_eq!(run.session.waiting(), Waiting::Tenderness(When::After));
    run.input(Input::Tenderness(Some(3)), s(200));
    let outcome = &run.session.outcomes()[0];
    assert_eq!(outcome.actual_seconds, 130);
    assert_eq!(outcome.planned_seconds, 130);
    assert_eq!((outcome.before, outcome.after), (Some(6), Some(3)));
    assert!(!outcome.skipped && !outcome.no_relief());
    assert_eq!(
        run.session.finish(),
        Some(Finish {
            completed: true,
            stopped_at: 1
        })
    );
}

#[test]
fn a_late_wake_up_does_not_shift_the_following_phases() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(60, 2, 30))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(1));
    run.input(Input::Tenderness(None), s(2));
    // The caller oversleeps by 40 s: the rest still began at 62 s and the second hold at 92 s.
    let events = run.session.advance(s(102));
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::PhaseStarted { phase, .. } if phase.rep == 2 && phase.kind == PhaseKind::Hold)));
    let timer = run.session.timer(s(102)).expect("the second hold runs");
    assert_eq!(timer.elapsed, s(10));
    assert_eq!(run.session.next_deadline(), Some(s(92 + 30)));
}

#[test]
fn a_pause_does_not_count_and_moves_every_deadline() {
    let mut run = Run::new(
        vec![compression(Side::Right, hold(60, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(5)), s(0));
    run.input(Input::Pause, s(10));
    assert_eq!(
        run.session.next_deadline(),
        None,
        "nothing is due while paused"
    );
    let timer = run.session.timer(s(500)).expect("paused timer");
    assert!(timer.paused);
    assert_eq!(timer.elapsed, s(10));
    run.input(Input::Pause, ms(25_500));
    // Half time was at 30 s; 15.5 s of pause moves it to 45.5 s.
    assert_eq!(run.session.next_deadline(), Some(ms(45_500)));
    run.advance(s(1_000));
    assert_eq!(
        run.times(|e| matches!(e, Event::PhaseEnded { .. })),
        vec![ms(75_500)]
    );
    assert!(run.log.iter().any(|(_, e)| *e == Event::Paused));
    assert!(run.log.iter().any(|(_, e)| *e == Event::Resumed));
    run.input(Input::Tenderness(Some(5)), s(2_000));
    let outcome = &run.session.outcomes()[0];
    assert_eq!(outcome.actual_seconds, 60);
    assert!(outcome.no_relief(), "5 then 5 did not drop");
}

#[test]
fn added_time_stops_at_the_techniques_longest_hold_and_moves_the_half_time_cue() {
    let mut step = compression(Side::Left, hold(80, 1, 0));
    step.max_hold_seconds = Some(90);
    let mut run = Run::new(vec![step], Mode::Interactive);
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    run.input(Input::AddTime, s(10));
    assert!(run
        .log
        .iter()
        .any(|(_, e)| *e == Event::TimeAdded { seconds: 10 }));
    run.input(Input::AddTime, s(11));
    run.input(Input::AddTime, s(12));
    assert_eq!(
        run.log
            .iter()
            .filter(|(_, e)| *e == Event::AtLongestHold { seconds: 90 })
            .count(),
        1,
        "said once a phase"
    );
    assert_eq!(
        run.session.timer(s(11)).expect("the hold runs").remaining,
        s(79)
    );
    run.advance(s(1_000));
    assert_eq!(
        run.times(|e| matches!(e, Event::HalfTime { .. })),
        vec![s(45)]
    );
    run.input(Input::Tenderness(Some(4)), s(1_000));
    assert_eq!(run.session.outcomes()[0].actual_seconds, 90);
}

#[test]
fn adding_time_during_the_count_counts_again_at_the_new_end() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 2, 30))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(7)), s(0));
    run.advance(ms(28_500));
    assert_eq!(run.counts(), [(s(27), 3), (s(28), 2)]);
    // + at 1.5 s left: the "1" due at 29 s is not said; the hold now ends at 45 s.
    run.input(Input::AddTime, ms(28_500));
    assert!(run.log.iter().any(|(_, e)| *e
        == Event::TimeAdded {
            seconds: ADD_SECONDS
        }));
    let timer = run.session.timer(ms(28_500)).expect("the hold runs");
    assert_eq!(timer.remaining, ms(16_500));
    run.advance(s(1_000));
    assert_eq!(
        run.counts(),
        [
            (s(27), 3),
            (s(28), 2),
            (s(42), 3),
            (s(43), 2),
            (s(44), 1),
            // The rest leads straight into the next hold (no settle-in): counted too.
            (s(72), 3),
            (s(73), 2),
            (s(74), 1),
            (s(102), 3),
            (s(103), 2),
            (s(104), 1),
        ]
    );
    assert_eq!(
        run.phases()
            .iter()
            .map(|(t, k, rep, _)| (*t, *k, *rep))
            .collect::<Vec<_>>(),
        vec![
            (s(0), PhaseKind::Hold, 1),
            (s(45), PhaseKind::Rest, 2),
            (s(75), PhaseKind::Hold, 2)
        ]
    );
    run.input(Input::Tenderness(Some(4)), s(2_000));
    assert_eq!(run.session.outcomes()[0].actual_seconds, 105);
    assert_eq!(run.session.outcomes()[0].planned_seconds, 90);
}

#[test]
fn time_added_before_the_count_moves_it_and_none_added_at_the_longest_hold_keeps_it() {
    let mut step = compression(Side::Left, hold(30, 1, 0));
    step.max_hold_seconds = Some(40);
    let mut run = Run::new(vec![step], Mode::Interactive);
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    // 10 s is all the technique allows: the count moves to the new end, once.
    run.input(Input::AddTime, s(5));
    run.advance(s(38));
    assert_eq!(run.counts(), [(s(37), 3), (s(38), 2)]);
    // At the longest hold already: nothing is added and the count goes on as it was.
    run.input(Input::AddTime, ms(38_500));
    run.advance(s(100));
    assert_eq!(run.counts(), [(s(37), 3), (s(38), 2), (s(39), 1)]);
    assert_eq!(
        run.times(|e| matches!(e, Event::PhaseEnded { .. })),
        [s(40)]
    );
}

#[test]
fn a_pause_during_the_count_stops_it_and_it_goes_on_from_where_it_stood() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    // Paused half a second after the "3".
    run.input(Input::Pause, ms(27_500));
    run.advance(s(500));
    assert_eq!(
        run.counts(),
        [(s(27), 3)],
        "nothing is counted while paused"
    );
    run.input(Input::Pause, s(100));
    run.advance(s(1_000));
    assert_eq!(
        run.counts(),
        [(s(27), 3), (ms(100_500), 2), (ms(101_500), 1)]
    );
    assert_eq!(
        run.times(|e| matches!(e, Event::PhaseEnded { .. })),
        [ms(102_500)]
    );
}

#[test]
fn a_short_hold_counts_only_the_seconds_after_its_half_time() {
    // (hold, the seconds left that are counted)
    let cases: [(u32, &[u32]); 6] = [
        (10, &[3, 2, 1]),
        (7, &[3, 2, 1]),
        (6, &[2, 1]),
        (3, &[1]),
        (2, &[]),
        (1, &[]),
    ];
    for (length, expected) in cases {
        let mut run = Run::new(
            vec![compression(Side::Left, hold(length, 1, 0))],
            Mode::Interactive,
        );
        run.start(s(0));
        run.input(Input::OnTheSpot, s(0));
        run.input(Input::Tenderness(Some(6)), s(0));
        run.advance(s(100));
        let half = run.times(|e| matches!(e, Event::HalfTime { .. }));
        let counts = run.counts();
        let left: Vec<u32> = counts.iter().map(|(_, l)| *l).collect();
        assert_eq!(left, expected, "a {length} s hold");
        for (at, l) in counts {
            assert_eq!(at, s(u64::from(length - l)), "a {length} s hold");
            assert!(half.iter().all(|h| *h < at), "after half time: {length} s");
        }
    }
}

#[test]
fn a_stroke_set_is_counted_by_its_strokes_and_its_last_seconds_marked_once() {
    let dose = Dose {
        strokes: Some(4),
        stroke_seconds: Some(3),
        ..Dose::default()
    };
    let mut run = Run::settled(vec![step(TechniqueKind::Stroking, Side::Left, dose)], s(5));
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    run.advance(s(100));
    // The settle-in's 3, 2, 1 only; the strokes (5 s to 17 s) are not counted down.
    assert_eq!(run.counts(), [(s(2), 3), (s(3), 2), (s(4), 1)]);
    assert_eq!(
        run.times(|e| matches!(e, Event::LastSeconds { .. })),
        [s(14)]
    );
}

#[test]
fn skipping_at_the_spot_prompt_moves_on_with_a_skipped_step() {
    let mut run = Run::new(
        vec![
            compression(Side::Left, hold(30, 1, 0)),
            compression(Side::Right, hold(30, 1, 0)),
        ],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::Skip, s(3));
    let first = &run.session.outcomes()[0];
    assert!(first.skipped && !first.begun);
    assert_eq!(
        (first.actual_seconds, first.before, first.after),
        (0, None, None)
    );
    assert_eq!(run.session.current_step(), Some(1));
    assert_eq!(run.session.waiting(), Waiting::Spot);
}

#[test]
fn skipping_during_the_timer_keeps_the_rating_and_the_time_done() {
    let mut run = Run::new(
        vec![
            compression(Side::Left, hold(30, 2, 30)),
            compression(Side::Right, hold(30, 2, 30)),
        ],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(1));
    run.input(Input::Tenderness(Some(6)), s(2));
    run.input(Input::Skip, s(44));
    let first = &run.session.outcomes()[0];
    assert!(first.skipped && first.begun, "cut short");
    assert_eq!(
        (first.actual_seconds, first.before, first.after),
        (42, Some(6), None)
    );
    assert_eq!(run.session.current_step(), Some(1));
    assert_eq!(
        run.session.next_deadline(),
        None,
        "no timer until on the spot"
    );
}

#[test]
fn quitting_mid_hold_keeps_the_done_steps_and_the_one_under_way() {
    let mut run = Run::new(
        vec![
            compression(Side::Left, hold(30, 1, 0)),
            compression(Side::Right, hold(30, 1, 0)),
            compression(Side::Right, hold(30, 1, 0)),
        ],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    run.input(Input::Tenderness(Some(4)), s(31));
    run.input(Input::OnTheSpot, s(40));
    run.input(Input::Tenderness(Some(5)), s(41));
    run.input(Input::Quit, ms(53_400));
    let outcomes = run.session.outcomes();
    assert_eq!(outcomes.len(), 2);
    assert!(!outcomes[0].skipped);
    assert_eq!(
        (
            outcomes[1].skipped,
            outcomes[1].actual_seconds,
            outcomes[1].before
        ),
        (true, 12, Some(5))
    );
    assert_eq!(
        run.session.finish(),
        Some(Finish {
            completed: false,
            stopped_at: 1
        })
    );
    assert_eq!(run.session.next_deadline(), None);
    // Nothing happens after the end.
    assert!(run.session.input(Input::Skip, s(60)).is_empty());
}

#[test]
fn quitting_at_a_prompt_saves_nothing_for_the_step_not_begun() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(1));
    run.input(Input::Quit, s(2));
    assert!(run.session.outcomes().is_empty());
    assert_eq!(
        run.session.finish(),
        Some(Finish {
            completed: false,
            stopped_at: 0
        })
    );
}

#[test]
fn quitting_at_the_after_rating_keeps_the_finished_work() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    run.advance(s(40));
    run.input(Input::Quit, s(40));
    let outcome = &run.session.outcomes()[0];
    assert_eq!(
        (outcome.skipped, outcome.actual_seconds, outcome.after),
        (false, 30, None)
    );
}

#[test]
fn both_sides_are_worked_in_order() {
    let library = crate::library::Library::load(&crate::library::LoadOptions {
        base: crate::library::Base::Embedded,
        overlay: None,
    })
    .expect("built-in library");
    let options = crate::routine::Options {
        minutes: 10,
        equipment: ["fingers".to_string(), "ball".to_string()].into(),
        sides: crate::routine::Sides::Both,
        limits: Default::default(),
        history: None,
        technique: Default::default(),
        settle_seconds: crate::routine::SETTLE_SECONDS,
    };
    let routine = crate::routine::build(&library, "neck", &options).expect("a routine");
    let n = routine.steps.len();
    let mut run = Run::new(routine.steps.clone(), Mode::Interactive);
    let mut t = s(0);
    run.start(t);
    for _ in 0..n {
        t += s(5);
        run.input(Input::OnTheSpot, t);
        run.input(Input::Tenderness(Some(5)), t);
        t += s(600);
        run.advance(t);
        run.input(Input::Tenderness(Some(3)), t);
    }
    let sides: Vec<(String, Side)> = run
        .session
        .outcomes()
        .iter()
        .map(|o| (o.muscle.clone(), o.side))
        .collect();
    let planned: Vec<(String, Side)> = routine
        .steps
        .iter()
        .map(|s| (s.muscle.to_string(), s.side))
        .collect();
    assert_eq!(sides, planned);
    assert_eq!(sides[0].1, Side::Left);
    assert_eq!(sides[1], (sides[0].0.clone(), Side::Right));
    assert!(run.session.finish().is_some_and(|f| f.completed));
    assert!(run
        .session
        .outcomes()
        .iter()
        .all(|o| o.actual_seconds == o.planned_seconds && !o.skipped));
}

#[test]
fn strokes_tick_at_their_pace_and_added_time_adds_strokes() {
    let dose = Dose {
        strokes: Some(12),
        stroke_seconds: Some(3),
        pressure_target: Some(5),
        ..Dose::default()
    };
    let mut run = Run::new(
        vec![step(TechniqueKind::Stroking, Side::Left, dose)],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(10));
    run.advance(s(16));
    let strokes: Vec<(Duration, u32, u32)> = run
        .log
        .iter()
        .filter_map(|(t, e)| match e {
            Event::Stroke { n, of, .. } => Some((*t, *n, *of)),
            _ => None,
        })
        .collect();
    assert_eq!(
        strokes,
        vec![(s(10), 1, 12), (s(13), 2, 12), (s(16), 3, 12)]
    );
    assert_eq!(
        run.session.timer(s(17)).and_then(|t| t.stroke()),
        Some((3, 12))
    );
    run.input(Input::AddTime, s(17));
    assert_eq!(
        run.session.timer(s(17)).and_then(|t| t.stroke()),
        Some((3, 17))
    );
    run.advance(s(1_000));
    let last = run
        .log
        .iter()
        .rev()
        .filter_map(|(t, e)| match e {
            Event::Stroke { n, of, .. } => Some((*t, *n, *of)),
            _ => None,
        })
        .next();
    assert_eq!(last, Some((s(10 + 16 * 3), 17, 17)));
    assert_eq!(
        run.times(|e| matches!(e, Event::PhaseEnded { .. })),
        vec![s(10 + 17 * 3)]
    );
    assert!(run
        .times(|e| matches!(e, Event::HalfTime { .. }))
        .is_empty());
}

#[test]
fn a_stretch_eases_out_between_holds() {
    let dose = Dose {
        hold_seconds: Some(30),
        repetitions: Some(2),
        per_side: Some(true),
        ..Dose::default()
    };
    let mut run = Run::new(
        vec![step(TechniqueKind::Stretch, Side::Right, dose)],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.advance(s(1_000));
    assert_eq!(
        run.phases(),
        vec![
            (s(0), PhaseKind::Stretch, 1, 2),
            (s(30), PhaseKind::Rest, 2, 2),
            (s(35), PhaseKind::Stretch, 2, 2),
        ]
    );
}

#[test]
fn a_stretch_asks_no_tenderness_rating_and_ends_on_its_own() {
    let mut run = Run::new(
        vec![
            step(TechniqueKind::Stretch, Side::Left, hold(20, 1, 0)),
            compression(Side::Left, hold(10, 1, 0)),
        ],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(1));
    assert_eq!(run.session.waiting(), Waiting::Timer);
    run.advance(s(21));
    assert!(!run
        .log
        .iter()
        .any(|(_, e)| matches!(e, Event::AskTenderness { step: 0, .. })));
    let stretch = &run.session.outcomes()[0];
    assert_eq!((stretch.before, stretch.after), (None, None));
    assert_eq!((stretch.actual_seconds, stretch.skipped), (20, false));
    // The next step, a pressure one, asks as before.
    assert_eq!(run.session.current_step(), Some(1));
    run.input(Input::OnTheSpot, s(22));
    assert_eq!(run.session.waiting(), Waiting::Tenderness(When::Before));
}

#[test]
fn a_settle_in_count_comes_before_each_hold_and_after_each_rest() {
    let mut run = Run::settled(vec![compression(Side::Left, hold(30, 2, 10))], s(5));
    run.start(s(0));
    run.input(Input::OnTheSpot, s(1));
    run.input(Input::Tenderness(Some(6)), s(2));
    run.advance(s(1_000));
    assert_eq!(
        run.phases(),
        vec![
            (s(2), PhaseKind::Settle, 1, 2),
            (s(7), PhaseKind::Hold, 1, 2),
            (s(37), PhaseKind::Rest, 2, 2),
            (s(47), PhaseKind::Settle, 2, 2),
            (s(52), PhaseKind::Hold, 2, 2),
        ]
    );
    // 3, 2, 1 out loud, each on its second.
    let counts: Vec<(Duration, u32)> = run
        .log
        .iter()
        .filter_map(|(t, e)| match e {
            Event::Count { left, .. } => Some((*t, *left)),
            _ => None,
        })
        .collect();
    // The holds count their own last seconds; the rest does not (the settle-in after it
    // does), and nothing else marks them.
    assert_eq!(
        counts,
        [
            (s(4), 3),
            (s(5), 2),
            (s(6), 1),
            (s(34), 3),
            (s(35), 2),
            (s(36), 1),
            (s(49), 3),
            (s(50), 2),
            (s(51), 1),
            (s(79), 3),
            (s(80), 2),
            (s(81), 1)
        ]
    );
    assert!(run
        .times(|e| matches!(e, Event::LastSeconds { .. }))
        .is_empty());
    // The count is not work: the step's time is its holds and the rest between.
    assert_eq!(run.session.waiting(), Waiting::Tenderness(When::After));
    run.input(Input::Tenderness(Some(3)), s(83));
    assert_eq!(run.session.outcomes()[0].actual_seconds, 70);
}

#[test]
fn a_paused_settle_in_count_waits_and_takes_no_added_time() {
    let mut run = Run::settled(vec![compression(Side::Left, hold(30, 1, 0))], s(5));
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    run.input(Input::AddTime, s(1));
    assert!(!run
        .log
        .iter()
        .any(|(_, e)| matches!(e, Event::TimeAdded { .. })));
    run.input(Input::Pause, s(1));
    run.advance(s(100));
    assert_eq!(run.session.next_deadline(), None);
    run.input(Input::Pause, s(101));
    run.advance(s(1_000));
    assert_eq!(
        run.phases(),
        vec![
            (s(0), PhaseKind::Settle, 1, 1),
            (s(105), PhaseKind::Hold, 1, 1)
        ]
    );
    // The settle-in's "3" after the pause, then the hold's (30 s from 105 s).
    assert_eq!(
        run.times(|e| matches!(e, Event::Count { left: 3, .. })),
        [s(102), s(132)]
    );
}

#[test]
fn quitting_or_skipping_in_the_settle_in_count_counts_no_work() {
    let mut run = Run::settled(
        vec![
            compression(Side::Left, hold(30, 2, 10)),
            compression(Side::Right, hold(30, 1, 0)),
        ],
        s(5),
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    // Into the second repetition's count: the first hold and the rest are kept, no more.
    run.input(Input::Skip, s(48));
    assert_eq!(run.session.outcomes()[0].actual_seconds, 40);
    run.input(Input::OnTheSpot, s(49));
    run.input(Input::Tenderness(Some(6)), s(49));
    run.input(Input::Quit, s(52));
    assert_eq!(run.session.outcomes()[1].actual_seconds, 0);
}

#[test]
fn a_short_settle_in_counts_only_the_seconds_it_has() {
    let mut run = Run::settled(vec![compression(Side::Left, hold(10, 1, 0))], s(2));
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    run.advance(s(100));
    // A 2 s settle-in has room for "1" only; the 10 s hold from 2 s counts 3, 2, 1.
    assert_eq!(run.counts(), [(s(1), 1), (s(9), 3), (s(10), 2), (s(11), 1)]);
}

#[test]
fn plain_mode_runs_on_its_own_with_time_to_find_each_spot() {
    let mut run = Run::new(
        vec![
            compression(Side::Left, hold(30, 1, 0)),
            compression(Side::Right, hold(30, 1, 0)),
        ],
        Mode::Plain,
    );
    run.start(s(0));
    assert_eq!(
        run.log[0].1,
        Event::StepStarted {
            step: 0,
            find_seconds: Some(TRANSITION_SECONDS)
        }
    );
    // Prompts' inputs mean nothing in plain mode.
    run.input(Input::OnTheSpot, s(1));
    assert_eq!(run.session.waiting(), Waiting::Spot);
    run.advance(s(10_000));
    let t = u64::from(TRANSITION_SECONDS);
    assert_eq!(
        run.times(|e| matches!(e, Event::StepStarted { .. })),
        vec![s(0), s(t + 30)]
    );
    assert_eq!(
        run.times(|e| matches!(e, Event::PhaseStarted { .. })),
        vec![s(t), s(2 * t + 30)]
    );
    assert!(run
        .log
        .iter()
        .all(|(_, e)| !matches!(e, Event::AskTenderness { .. })));
    let outcomes = run.session.outcomes();
    assert_eq!(outcomes.len(), 2);
    assert!(outcomes
        .iter()
        .all(|o| o.before.is_none() && o.after.is_none() && o.actual_seconds == 30));
    assert_eq!(
        run.times(|e| matches!(e, Event::Finished(_))),
        vec![s(2 * t + 60)]
    );
}

#[test]
fn inputs_that_mean_nothing_where_they_come_are_ignored() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    assert!(run.session.input(Input::Pause, s(1)).is_empty());
    assert!(run.session.input(Input::AddTime, s(1)).is_empty());
    assert!(run
        .session
        .input(Input::Tenderness(Some(3)), s(1))
        .is_empty());
    run.input(Input::OnTheSpot, s(2));
    assert!(run.session.input(Input::OnTheSpot, s(3)).is_empty());
    assert!(run.session.input(Input::Pause, s(3)).is_empty());
    run.input(Input::Tenderness(Some(12)), s(4));
    run.input(Input::Quit, s(5));
    assert_eq!(
        run.session.outcomes()[0].before,
        Some(10),
        "ratings stop at 10"
    );
}

#[test]
fn an_empty_routine_finishes_at_once() {
    let mut session = Session::new(Vec::new(), Mode::Interactive);
    let events = session.start(s(0));
    assert_eq!(
        events,
        vec![Event::Finished(Finish {
            completed: true,
            stopped_at: 0
        })]
    );
}

#[test]
fn a_spot_that_pressure_made_sorer_gets_no_more_pressure_this_session() {
    let mut run = Run::new(
        vec![
            compression(Side::Left, hold(10, 1, 0)),
            step(TechniqueKind::Stretch, Side::Left, hold(10, 1, 0)),
            step(
                TechniqueKind::Stroking,
                Side::Left,
                Dose {
                    strokes: Some(3),
                    stroke_seconds: Some(2),
                    ..Dose::default()
                },
            ),
            compression(Side::Right, hold(10, 1, 0)),
        ],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(5)), s(0));
    run.advance(s(10));
    run.input(Input::Tenderness(Some(7)), s(11));
    assert!(run.session.outcomes()[0].sorer());
    // The stretch on that side still comes; so does the other side.
    assert_eq!(run.session.current_step(), Some(1));
    // A stretch asks no rating: it ends on its own.
    run.input(Input::OnTheSpot, s(12));
    run.advance(s(22));
    assert!(run
        .log
        .iter()
        .any(|(_, e)| *e == Event::LeftOutSorer { step: 2 }));
    assert_eq!(run.session.current_step(), Some(3));
    let left_out = &run.session.outcomes()[2];
    assert!(left_out.skipped && !left_out.begun);
}

#[test]
fn a_spot_that_eased_or_stayed_the_same_keeps_its_steps() {
    let mut run = Run::new(
        vec![
            compression(Side::Left, hold(10, 1, 0)),
            compression(Side::Left, hold(10, 1, 0)),
        ],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(5)), s(0));
    run.advance(s(10));
    run.input(Input::Tenderness(Some(5)), s(11));
    assert_eq!(run.session.current_step(), Some(1));
    assert!(!run
        .log
        .iter()
        .any(|(_, e)| matches!(e, Event::LeftOutSorer { .. })));
}

#[test]
fn q_asks_first_and_the_hold_stands_still_until_a_second_q_quits() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    run.input(Input::AskQuit, s(10));
    assert!(run.session.quit_asked());
    assert_eq!(run.log.last().map(|(_, e)| e), Some(&Event::QuitAsked));
    assert_eq!(run.session.finish(), None, "only asked");
    // The hold stands still while the question waits: nothing falls due.
    assert_eq!(run.session.next_deadline(), None, "no cue while asked");
    run.input(Input::AskQuit, s(20));
    assert_eq!(
        run.session.finish(),
        Some(Finish {
            completed: false,
            stopped_at: 0
        })
    );
    // What is saved is what was done before the question.
    assert_eq!(run.session.outcomes()[0].actual_seconds, 10);
    assert!(!run.session.quit_asked());
}

#[test]
fn a_quit_not_confirmed_runs_the_hold_on_from_where_it_stood() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::OnTheSpot, s(0));
    run.input(Input::Tenderness(Some(6)), s(0));
    run.input(Input::AskQuit, s(10));
    // Space answers "go on": the hold runs again, not paused a second time.
    run.input(Input::Pause, s(25));
    assert!(!run.session.quit_asked());
    assert!(!run.log.iter().any(|(_, e)| *e == Event::Paused));
    // Half time was 5 s away when asked; it is 5 s away again now.
    assert_eq!(run.session.next_deadline(), Some(s(30)));
    // A pause the person had set stays theirs: asked and cancelled, it is still paused.
    run.input(Input::Pause, s(31));
    run.input(Input::AskQuit, s(32));
    run.input(Input::KeepGoing, s(40));
    assert_eq!(run.session.next_deadline(), None, "still paused");
}

#[test]
fn a_quit_not_confirmed_goes_on_and_the_next_q_asks_again() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::AskQuit, s(1));
    run.input(Input::KeepGoing, s(2));
    assert!(!run.session.quit_asked());
    assert!(run.log.iter().any(|(_, e)| *e == Event::QuitCancelled));
    assert_eq!(run.session.waiting(), Waiting::Spot);
    // Any other input also cancels the question, and is applied.
    run.input(Input::AskQuit, s(3));
    run.input(Input::OnTheSpot, s(4));
    assert!(!run.session.quit_asked());
    assert_eq!(run.session.waiting(), Waiting::Tenderness(When::Before));
    // Asked again, then confirmed by Quit (y): stops at once.
    run.input(Input::AskQuit, s(5));
    assert_eq!(run.session.finish(), None);
    run.input(Input::Quit, s(6));
    assert!(run.session.finish().is_some());
}

#[test]
fn quit_stops_at_once_without_asking() {
    let mut run = Run::new(
        vec![compression(Side::Left, hold(30, 1, 0))],
        Mode::Interactive,
    );
    run.start(s(0));
    run.input(Input::Quit, s(1));
    assert!(run.session.finish().is_some());
    assert!(!run.log.iter().any(|(_, e)| *e == Event::QuitAsked));
}
