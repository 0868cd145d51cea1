//! Reading a dose: how long it takes and how it reads in a routine ("hold 30 s x 2").

use crate::model::{Dose, TechniqueKind, LIGHT_PRESSURE};

/// Seconds to ease out and rest between two stretch holds when the dose sets no rest.
pub const STRETCH_EASE_SECONDS: u32 = 5;
/// The stroke pace when a dose sets none, in seconds per stroke.
pub const DEFAULT_STROKE_SECONDS: u32 = 3;

/// A muscle's dose for a technique: the technique's `default` with the muscle's `own` values
/// over it, and a light dose's pressure held to [`LIGHT_PRESSURE`]. Routines and `show` both read
/// a muscle's dose through this, so they never disagree.
pub fn for_muscle(default: &Dose, own: Option<&Dose>) -> Dose {
    let mut d = own.map_or_else(|| default.clone(), |own| default.overlaid(own));
    if d.light == Some(true) {
        d.pressure_target = d.pressure_target.map(|t| t.min(LIGHT_PRESSURE));
        d.pressure_ceiling = d.pressure_ceiling.map(|c| c.min(LIGHT_PRESSURE));
    }
    d
}

/// How many repetitions a dose asks for (at least one).
pub fn repetitions(dose: &Dose) -> u32 {
    dose.repetitions.unwrap_or(1).max(1)
}

/// Seconds of rest between two repetitions (a stretch eases out for a few seconds when the
/// dose sets no rest).
pub fn rest_seconds(kind: TechniqueKind, dose: &Dose) -> u32 {
    match kind {
        TechniqueKind::Stretch => dose.rest_seconds.unwrap_or(STRETCH_EASE_SECONDS),
        TechniqueKind::Compression | TechniqueKind::Stroking => dose.rest_seconds.unwrap_or(0),
    }
}

/// Seconds per stroke (at least one).
pub fn stroke_seconds(dose: &Dose) -> u32 {
    dose.stroke_seconds.unwrap_or(DEFAULT_STROKE_SECONDS).max(1)
}

/// Seconds one repetition's work takes: the hold, or the strokes at their pace.
pub fn work_seconds(kind: TechniqueKind, dose: &Dose) -> u32 {
    match kind {
        TechniqueKind::Compression | TechniqueKind::Stretch => dose.hold_seconds.unwrap_or(0),
        TechniqueKind::Stroking => dose
            .strokes
            .unwrap_or(0)
            .saturating_mul(stroke_seconds(dose)),
    }
}

/// Seconds a dose takes on one side: every repetition's work plus the rests between them. The
/// session times exactly these phases (see `session::plan`), so a routine's total is what the
/// timers run.
pub fn seconds(kind: TechniqueKind, dose: &Dose) -> u32 {
    let reps = repetitions(dose);
    work_seconds(kind, dose)
        .saturating_mul(reps)
        .saturating_add(rest_seconds(kind, dose).saturating_mul(reps - 1))
}

/// How many settle-in counts a session puts before a dose's work on one side: one before the
/// first repetition, and one after each rest (repetitions that follow each other without a rest
/// need none between them). The session inserts exactly these (see `session::Session`).
pub fn settles(kind: TechniqueKind, dose: &Dose) -> u32 {
    if rest_seconds(kind, dose) > 0 {
        repetitions(dose)
    } else {
        1
    }
}

/// The dose in a few words: "hold 30 s x 2", "12 slow strokes", "stretch 30 s x 2".
pub fn summary(kind: TechniqueKind, dose: &Dose) -> String {
    let reps = dose.repetitions.unwrap_or(1);
    let times = if reps > 1 {
        format!(" x {reps}")
    } else {
        String::new()
    };
    match kind {
        TechniqueKind::Compression => format!("hold {} s{times}", dose.hold_seconds.unwrap_or(0)),
        TechniqueKind::Stroking => format!("{} slow strokes{times}", dose.strokes.unwrap_or(0)),
        TechniqueKind::Stretch => format!("stretch {} s{times}", dose.hold_seconds.unwrap_or(0)),
    }
}

/// Pressure advice from a dose: "about 5/10, never above 7/10".
pub fn pressure(dose: &Dose) -> Option<String> {
    match (dose.pressure_target, dose.pressure_ceiling) {
        (Some(target), Some(ceiling)) if target >= ceiling => {
            Some(format!("about {target}/10, no more"))
        }
        (Some(target), Some(ceiling)) => {
            Some(format!("about {target}/10, never above {ceiling}/10"))
        }
        (None, Some(ceiling)) => Some(format!("never above {ceiling}/10")),
        (Some(target), None) => Some(format!("about {target}/10")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dose(hold: u32, reps: u32, rest: u32) -> Dose {
        Dose {
            hold_seconds: Some(hold),
            repetitions: Some(reps),
            rest_seconds: Some(rest),
            ..Dose::default()
        }
    }

    #[test]
    fn compression_time_counts_rests_between_holds_only() {
        assert_eq!(seconds(TechniqueKind::Compression, &dose(30, 2, 30)), 90);
        assert_eq!(seconds(TechniqueKind::Compression, &dose(45, 1, 30)), 45);
    }

    #[test]
    fn a_stretch_without_a_rest_eases_out_between_holds() {
        let d = Dose {
            hold_seconds: Some(30),
            repetitions: Some(2),
            ..Dose::default()
        };
        assert_eq!(seconds(TechniqueKind::Stretch, &d), 65);
        assert_eq!(seconds(TechniqueKind::Compression, &d), 60);
    }

    #[test]
    fn huge_doses_saturate_instead_of_overflowing() {
        let d = dose(u32::MAX, u32::MAX, u32::MAX);
        assert_eq!(seconds(TechniqueKind::Compression, &d), u32::MAX);
    }

    #[test]
    fn stroking_time_is_strokes_times_pace() {
        let d = Dose {
            strokes: Some(12),
            stroke_seconds: Some(3),
            ..Dose::default()
        };
        assert_eq!(seconds(TechniqueKind::Stroking, &d), 36);
        assert_eq!(summary(TechniqueKind::Stroking, &d), "12 slow strokes");
    }

    #[test]
    fn pressure_advice_names_the_ceiling_only_above_the_target() {
        let light = Dose {
            pressure_target: Some(4),
            pressure_ceiling: Some(4),
            ..Dose::default()
        };
        assert_eq!(pressure(&light).as_deref(), Some("about 4/10, no more"));
        let usual = Dose {
            pressure_target: Some(5),
            pressure_ceiling: Some(7),
            ..Dose::default()
        };
        assert_eq!(
            pressure(&usual).as_deref(),
            Some("about 5/10, never above 7/10")
        );
    }

    #[test]
    fn summaries_read_like_the_routine_table() {
        assert_eq!(
            summary(TechniqueKind::Compression, &dose(45, 2, 0)),
            "hold 45 s x 2"
        );
        assert_eq!(
            summary(TechniqueKind::Stretch, &dose(30, 2, 0)),
            "stretch 30 s x 2"
        );
    }
}
