//! Reading a dose: how long it takes and how it reads in a routine ("hold 30 s x 2").

use crate::model::{Dose, TechniqueKind};

/// Seconds a dose takes on one side: holds or strokes plus the rests between repetitions.
pub fn seconds(kind: TechniqueKind, dose: &Dose) -> u32 {
    let reps = dose.repetitions.unwrap_or(1).max(1);
    let rests = dose.rest_seconds.unwrap_or(0) * (reps - 1);
    let work = match kind {
        TechniqueKind::Compression | TechniqueKind::Stretch => dose.hold_seconds.unwrap_or(0),
        TechniqueKind::Stroking => dose.strokes.unwrap_or(0) * dose.stroke_seconds.unwrap_or(0),
    };
    work * reps + rests
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
