//! A step's timed work as a list of phases: holds, strokes or stretches, with rests between the
//! repetitions.

use std::time::Duration;

use crate::dose;
use crate::model::TechniqueKind;
use crate::routine::Step;

/// What a timed phase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseKind {
    /// Sustained pressure on the spot (static compression).
    Hold,
    /// A held stretch.
    Stretch,
    /// Paced strokes across the spot, one every `pace`.
    Strokes {
        /// How many strokes (grows when time is added).
        count: u32,
        /// Time per stroke.
        pace: Duration,
    },
    /// Rest between two repetitions.
    Rest,
    /// The settle-in count before a hold, a stroke set or a stretch: time to move from the
    /// keyboard to the body and get into position, counted down out loud. Not work, and not
    /// counted in the step's time.
    Settle,
}

impl PhaseKind {
    /// Whether this is work (a hold, a stretch or strokes) rather than a rest; work phases end
    /// with the bell.
    pub fn is_work(self) -> bool {
        !matches!(self, PhaseKind::Rest | PhaseKind::Settle)
    }
}

/// One timed phase of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    /// What it is.
    pub kind: PhaseKind,
    /// The repetition it belongs to, from 1; for a rest, the repetition that comes next.
    pub rep: u32,
    /// How many repetitions the step has.
    pub of: u32,
    /// How long it lasts (time added with `+` included).
    pub length: Duration,
}

/// The phases of a step's work, in order: each repetition, with a rest between two.
pub fn phases(step: &Step) -> Vec<Phase> {
    let d = &step.dose;
    let reps = dose::repetitions(d);
    let secs = |s: u32| Duration::from_secs(u64::from(s));
    let length = secs(dose::work_seconds(step.kind, d));
    let work = match step.kind {
        TechniqueKind::Compression => PhaseKind::Hold,
        TechniqueKind::Stretch => PhaseKind::Stretch,
        TechniqueKind::Stroking => PhaseKind::Strokes {
            count: d.strokes.unwrap_or(0),
            pace: secs(dose::stroke_seconds(d)),
        },
    };
    let rest = dose::rest_seconds(step.kind, d);
    let mut out = Vec::new();
    for rep in 1..=reps {
        if rep > 1 && rest > 0 {
            out.push(Phase {
                kind: PhaseKind::Rest,
                rep,
                of: reps,
                length: secs(rest),
            });
        }
        out.push(Phase {
            kind: work,
            rep,
            of: reps,
            length,
        });
    }
    out
}

/// Seconds a step's work is planned to take: its holds or strokes and the rests between them
/// (the same figure as [`dose::seconds`]).
pub fn planned_seconds(step: &Step) -> u32 {
    dose::seconds(step.kind, &step.dose)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dose::STRETCH_EASE_SECONDS;
    use crate::model::Dose;
    use crate::routine::Side;

    fn step(kind: TechniqueKind, dose: Dose) -> Step {
        Step {
            muscle: "upper_trapezius".into(),
            technique: "static_compression".into(),
            kind,
            tool: Some("pincer_grip".into()),
            side: Side::Left,
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

    #[test]
    fn compression_has_a_rest_between_holds_only() {
        let s = step(
            TechniqueKind::Compression,
            Dose {
                hold_seconds: Some(30),
                repetitions: Some(3),
                rest_seconds: Some(20),
                ..Dose::default()
            },
        );
        let kinds: Vec<(PhaseKind, u32, u64)> = phases(&s)
            .iter()
            .map(|p| (p.kind, p.rep, p.length.as_secs()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (PhaseKind::Hold, 1, 30),
                (PhaseKind::Rest, 2, 20),
                (PhaseKind::Hold, 2, 30),
                (PhaseKind::Rest, 3, 20),
                (PhaseKind::Hold, 3, 30),
            ]
        );
        assert_eq!(planned_seconds(&s), 130);
    }

    #[test]
    fn stretches_ease_out_between_holds_when_the_dose_sets_no_rest() {
        let s = step(
            TechniqueKind::Stretch,
            Dose {
                hold_seconds: Some(30),
                repetitions: Some(2),
                ..Dose::default()
            },
        );
        assert_eq!(planned_seconds(&s), 60 + STRETCH_EASE_SECONDS);
    }

    #[test]
    fn strokes_take_their_count_times_their_pace() {
        let s = step(
            TechniqueKind::Stroking,
            Dose {
                strokes: Some(12),
                stroke_seconds: Some(3),
                ..Dose::default()
            },
        );
        let p = phases(&s);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].length, Duration::from_secs(36));
        assert!(matches!(p[0].kind, PhaseKind::Strokes { count: 12, .. }));
    }
}
