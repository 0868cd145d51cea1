//! What the coach says: the words for each step, phase and cue, shared by the interactive screen
//! and `--plain`.

use tpcoach::library::Library;
use tpcoach::model::{TechniqueKind, Urgency};
use tpcoach::routine::Step;
use tpcoach::session::{Event, Phase, PhaseKind, StepOutcome, When};

pub use crate::cli::output::wrap;
use crate::cli::suggest::duration;

/// The muscle's display name.
pub fn muscle(library: &Library, id: &str) -> String {
    crate::cli::context::muscle_name(library, id)
}

/// "Step 2 of 6: Upper trapezius, left side".
pub fn step_title(library: &Library, step: &Step, n: usize, total: usize) -> String {
    format!(
        "Step {} of {total}: {}, {}",
        n + 1,
        muscle(library, &step.muscle),
        step.side_words()
    )
}

/// A tenderness before the work from which the coach asks for a lighter touch.
pub const VERY_TENDER: u8 = 9;

/// What to say when a spot is already very tender before the work.
pub const VERY_TENDER_CUE: &str =
    "Very tender already: press more lightly than the cue below, and ease \
    off if it grows. A spot this sore without pressing is worth showing to a doctor or \
    physiotherapist.";

/// What to say when pressure left a spot more tender than before.
pub const SORER: &str = "More tender than before: leave this spot for today (no more pressure on \
    it this session). If it is still worse tomorrow, or numbness, tingling or sharp pain come, \
    stop working it and see a doctor or physiotherapist.";

/// The technique's display name ("Static compression").
pub fn technique_name<'a>(library: &'a Library, step: &'a Step) -> &'a str {
    library
        .technique(&step.technique)
        .map_or(step.technique.as_str(), |t| t.name.as_str())
}

/// "Static compression with the pincer grip: hold 30 s x 2".
pub fn technique(library: &Library, step: &Step) -> String {
    let name = technique_name(library, step);
    match step.tool.as_deref() {
        Some(id) => {
            let tool = library.tool(id).map_or(id, |t| t.name.as_str());
            format!("{name} with {}: {}", tool.to_lowercase(), step.dose_text)
        }
        None => format!("{name}: {}", step.dose_text),
    }
}

/// The pressure to aim for: "about 5/10, it should ease as you hold".
fn pressure(step: &Step) -> Option<String> {
    let target = step.dose.pressure_target?;
    let light = if target <= 3 { " (light)" } else { "" };
    Some(match step.kind {
        TechniqueKind::Stroking => format!("about {target}/10{light}"),
        _ => format!("about {target}/10{light}, it should ease as you hold"),
    })
}

/// The verb for pressure work with the step's tool: a pincer grip squeezes the muscle between
/// thumb and fingers (the SCM is lifted away from the neck, never pressed into it).
fn press(step: &Step) -> &'static str {
    match step.tool.as_deref() {
        Some("pincer_grip") => "squeeze",
        _ => "press",
    }
}

/// What a phase is, said as it starts.
pub fn phase_start(step: &Step, phase: &Phase) -> String {
    let secs = duration(u32::try_from(phase.length.as_secs()).unwrap_or(u32::MAX));
    let of = if phase.of > 1 {
        format!(" {} of {},", phase.rep, phase.of)
    } else {
        " for".to_string()
    };
    match phase.kind {
        PhaseKind::Hold => match pressure(step) {
            Some(p) => format!("Hold{of} {secs}: {} to {p}.", press(step)),
            None => format!("Hold{of} {secs}."),
        },
        PhaseKind::Stretch => {
            format!("Stretch{of} {secs}: ease in to mild tightness, never pain, and hold still.")
        }
        PhaseKind::Strokes { count, pace } => {
            let set = if phase.of > 1 {
                format!(" {} of {}", phase.rep, phase.of)
            } else {
                String::new()
            };
            let mut text = format!(
                "Strokes{set}: {count} slow strokes, one every {}",
                duration(u32::try_from(pace.as_secs()).unwrap_or(u32::MAX))
            );
            if let Some(p) = pressure(step) {
                text.push_str(&format!(", {p}"));
            }
            if let Some(d) = &step.dose.direction {
                text.push_str(&format!("; {d}"));
            }
            text.push('.');
            text
        }
        PhaseKind::Settle => {
            let what = match step.kind {
                TechniqueKind::Compression => press(step),
                TechniqueKind::Stretch => "stretch",
                TechniqueKind::Stroking => "stroke",
            };
            format!("Get into position: {secs}, then {what}.")
        }
        PhaseKind::Rest => {
            let next = match step.kind {
                TechniqueKind::Compression => "hold",
                TechniqueKind::Stretch => "stretch",
                TechniqueKind::Stroking => "strokes",
            };
            // "Let go." (or "Ease out slowly.") was said as the work before it ended.
            format!("Rest {secs}. Next: {next} {} of {}.", phase.rep, phase.of)
        }
    }
}

/// The cue to say out loud for an event (`--speak`), if it has one: short words, said beside
/// the screen's lines.
pub fn spoken(library: &Library, steps: &[Step], event: &Event) -> Option<String> {
    let step = |i: usize| steps.get(i);
    Some(match event {
        Event::StepStarted { step: i, .. } => {
            let s = step(*i)?;
            let tool = s.tool.as_deref().map(|id| {
                library
                    .tool(id)
                    .map_or(id, |t| t.name.as_str())
                    .to_lowercase()
            });
            let what = match tool {
                Some(tool) => format!("{}, {tool}", technique_name(library, s).to_lowercase()),
                None => technique_name(library, s).to_lowercase(),
            };
            let name = muscle(library, &s.muscle).to_lowercase();
            let previous = i.checked_sub(1).and_then(step);
            if previous.is_some_and(|p| {
                p.muscle == s.muscle && p.technique == s.technique && p.side != s.side
            }) {
                format!("Switch sides: {name}, {} side.", s.side.as_str())
            } else {
                format!(
                    "Step {} of {}: {name}, {}, {what}.",
                    i + 1,
                    steps.len(),
                    s.side_words()
                )
            }
        }
        Event::AskTenderness { .. } => "How tender, 0 to 10?".to_string(),
        Event::PhaseStarted { step: i, phase, .. } => {
            let s = step(*i)?;
            match phase.kind {
                PhaseKind::Settle => "Get into position.".to_string(),
                PhaseKind::Hold => match (s.dose.pressure_target, press(s)) {
                    (Some(p), "squeeze") => format!("Squeeze to about {p} out of 10."),
                    (Some(p), _) => format!("Press to about {p} out of 10."),
                    (None, "squeeze") => "Squeeze.".to_string(),
                    (None, _) => "Press.".to_string(),
                },
                PhaseKind::Stretch => "Stretch, gently.".to_string(),
                PhaseKind::Strokes { count, .. } => format!("{count} slow strokes."),
                PhaseKind::Rest => format!("Rest, {} seconds.", phase.length.as_secs()),
            }
        }
        // Each on its second: "3", "2", "1" (engines say the digits as words).
        Event::Count { left, .. } => left.to_string(),
        Event::HalfTime { .. } => "Half time.".to_string(),
        Event::Stroke { n, .. } if *n > 1 => n.to_string(),
        Event::PhaseEnded { phase, .. } => match phase.kind {
            PhaseKind::Hold => "Release.".to_string(),
            PhaseKind::Stretch => "Ease out.".to_string(),
            PhaseKind::Strokes { .. } => "Strokes done.".to_string(),
            PhaseKind::Rest | PhaseKind::Settle => return None,
        },
        Event::StepEnded(outcome)
            if outcome.sorer() && step(outcome.step).is_some_and(|s| s.kind.is_pressure()) =>
        {
            "More tender: leave this spot for today.".to_string()
        }
        Event::LeftOutSorer { .. } => "Left out: that spot came out more tender.".to_string(),
        Event::Finished(finish) if finish.completed => "Session done.".to_string(),
        Event::Finished(_) => "Session stopped.".to_string(),
        _ => return None,
    })
}

/// What to say for the events of one instant, as one cue ("Release. Rest, 30 seconds."), and
/// whether it is a count word ("3", "2", "1"), to be said on its second or not at all.
pub fn spoken_batch(library: &Library, steps: &[Step], events: &[Event]) -> Option<(String, bool)> {
    let cues: Vec<String> = events
        .iter()
        .filter_map(|e| spoken(library, steps, e))
        .collect();
    if cues.is_empty() {
        return None;
    }
    let count = events.iter().any(|e| matches!(e, Event::Count { .. }));
    Some((cues.join(" "), count))
}

/// The cue at half time.
pub fn half_time(step: &Step) -> &'static str {
    match step.kind {
        TechniqueKind::Stretch => "Half time: keep breathing, no bouncing.",
        _ => "Half time: breathe out, let it sink in.",
    }
}

/// What to do as a phase ends.
pub fn phase_end(phase: &Phase) -> Option<&'static str> {
    match phase.kind {
        PhaseKind::Hold => Some("Let go."),
        PhaseKind::Stretch => Some("Ease out slowly."),
        PhaseKind::Strokes { .. } => Some("Strokes done."),
        PhaseKind::Rest | PhaseKind::Settle => None,
    }
}

/// "No relief? The spot may be elsewhere: try the levator scapulae or the suboccipitals."
pub fn no_relief(library: &Library, also_check: &[String]) -> Option<String> {
    let names: Vec<String> = also_check
        .iter()
        .take(2)
        .map(|id| muscle(library, id))
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(format!(
        "No relief? The spot may be elsewhere: try the {} (`tpcoach show {}`).",
        names.join(" or the "),
        names[0].to_lowercase()
    ))
}

/// What `?` shows: a blank line, then how to find the spot (not for a stretch), how to work
/// it, and every caution in full.
pub fn everything(step: &Step) -> Vec<String> {
    let mut lines = vec![String::new()];
    if step.kind != TechniqueKind::Stretch {
        lines.push(format!("  Find it: {}", step.find));
    }
    if let Some(how) = &step.how {
        lines.push(format!("  How: {how}"));
    }
    lines.extend(step.cautions.iter().map(|c| format!("  Caution: {c}")));
    lines
}

/// The prompt as a step starts: Enter once on the spot (in position, for a stretch).
pub fn spot_prompt(stretch: bool) -> String {
    format!(
        "Enter when you are {} · s skip this step · q quit",
        if stretch {
            "in position"
        } else {
            "on the spot"
        }
    )
}

/// The prompt for a tenderness rating (at most 78 columns, so it fits 80 with the typed digit);
/// `one` shows a typed "1" waiting for Enter or 0.
pub fn tenderness_prompt(when: When, one: bool) -> String {
    format!(
        "Tenderness {}, 0-10 (1 Enter = 1, 1 0 = 10, Enter = skip): {}",
        match when {
            When::Before => "now",
            When::After => "now, after the work",
        },
        if one { "1" } else { "" }
    )
}

/// A tenderness rating, or a dash.
pub fn rating(r: Option<u8>) -> String {
    r.map_or_else(|| "-".to_string(), |r| r.to_string())
}

/// One line on how a step ended.
pub fn step_end(outcome: &StepOutcome) -> String {
    let time = duration(outcome.actual_seconds);
    match (outcome.skipped, outcome.before, outcome.after) {
        (true, _, _) if !outcome.begun => "Skipped.".to_string(),
        (true, _, _) => format!("Cut short after {time}."),
        (false, Some(b), Some(a)) => format!("Tenderness {b} -> {a}, {time}."),
        (false, _, Some(a)) => format!("Tenderness after: {a}, {time}."),
        (false, _, None) => format!("Done, {time}."),
    }
}

/// How urgently to seek care, in words.
pub fn urgency(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Emergency => "Call emergency services now.",
        Urgency::SameDay => "Seek medical advice today.",
        Urgency::Soon => {
            "Book an appointment soon, and pause self-treatment of this area until then."
        }
        Urgency::Advice => "Ask a clinician when convenient.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_relief_names_the_next_candidates() {
        let library = tpcoach::library::Library::load(&tpcoach::library::LoadOptions {
            base: tpcoach::library::Base::Embedded,
            overlay: None,
        })
        .expect("built-in library");
        let ids = ["levator_scapulae".to_string(), "suboccipitals".to_string()];
        assert_eq!(
            no_relief(&library, &ids).as_deref(),
            Some("No relief? The spot may be elsewhere: try the Levator scapulae or the Suboccipitals (`tpcoach show levator scapulae`).")
        );
        assert_eq!(no_relief(&library, &[]), None);
    }

    fn builtin() -> tpcoach::library::Library {
        tpcoach::library::Library::load(&tpcoach::library::LoadOptions {
            base: tpcoach::library::Base::Embedded,
            overlay: None,
        })
        .expect("built-in library")
    }

    /// The steps of a 15-minute routine for `query`, both sides, with `tools`.
    fn fifteen_minutes(
        library: &tpcoach::library::Library,
        query: &str,
        tools: &[&str],
    ) -> Vec<Step> {
        use tpcoach::routine::{self, Options, Sides};
        let options = Options {
            minutes: 15,
            equipment: tools.iter().map(|t| t.to_string()).collect(),
            sides: Sides::Both,
            limits: Default::default(),
            history: None,
            technique: Default::default(),
            settle_seconds: routine::SETTLE_SECONDS,
        };
        routine::build(library, query, &options)
            .expect("a routine")
            .steps
    }

    #[test]
    fn switch_sides_is_said_only_for_the_same_work_on_the_other_side() {
        use tpcoach::routine::Side;
        let library = builtin();
        let steps = fifteen_minutes(&library, "neck", &["fingers"]);
        let said = |i: usize| {
            spoken(
                &library,
                &steps,
                &Event::StepStarted {
                    step: i,
                    find_seconds: None,
                },
            )
            .expect("a cue")
        };
        for i in 1..steps.len() {
            let (p, s) = (&steps[i - 1], &steps[i]);
            let same_work = p.muscle == s.muscle && p.technique == s.technique;
            assert_eq!(
                said(i).starts_with("Switch sides"),
                same_work && p.side != s.side,
                "step {i}: {}",
                said(i)
            );
        }
        // The stretch after the right side's pressure work is a new step, not a side switch.
        let stretch = (1..steps.len())
            .find(|&i| {
                steps[i].muscle == steps[i - 1].muscle
                    && steps[i].technique != steps[i - 1].technique
            })
            .expect("a muscle's stretch after its pressure work");
        assert!(said(stretch).starts_with("Step "), "{}", said(stretch));
        assert_eq!(steps[0].side, Side::Left);
    }

    #[test]
    fn a_stretch_of_both_sides_at_once_is_named_so_on_screen_and_aloud() {
        let library = builtin();
        let steps = fifteen_minutes(&library, "low back", &["fingers", "ball"]);
        let i = steps
            .iter()
            .position(|s| s.muscle == "erector_spinae" && s.both_sides)
            .expect("the erector spinae's stretch, once");
        assert_eq!(
            step_title(&library, &steps[i], i, steps.len()),
            format!(
                "Step {} of {}: Erector spinae (iliocostalis, longissimus), both sides at once",
                i + 1,
                steps.len()
            )
        );
        let said = spoken(
            &library,
            &steps,
            &Event::StepStarted {
                step: i,
                find_seconds: None,
            },
        )
        .expect("a cue");
        assert!(said.contains(", both sides at once, "), "{said}");
        // Nothing after it switches to its other side.
        assert!(steps
            .get(i + 1)
            .is_none_or(|n| n.muscle != "erector_spinae"));
    }

    #[test]
    fn a_rest_after_the_work_does_not_say_let_go_again() {
        use std::time::Duration;
        let step = |kind| Step {
            muscle: "upper_trapezius".into(),
            technique: "static_compression".into(),
            kind,
            tool: None,
            side: tpcoach::routine::Side::Left,
            both_sides: false,
            dose_text: String::new(),
            seconds: 0,
            dose: Default::default(),
            find: "the shoulder ridge".into(),
            how: None,
            cautions: Vec::new(),
            max_hold_seconds: None,
        };
        let phase = |kind| Phase {
            kind,
            rep: 2,
            of: 2,
            length: Duration::from_secs(30),
        };
        for (kind, work) in [
            (TechniqueKind::Compression, PhaseKind::Hold),
            (TechniqueKind::Stretch, PhaseKind::Stretch),
        ] {
            let ended = phase_end(&phase(work)).expect("the work's end is said");
            let rest = phase_start(&step(kind), &phase(PhaseKind::Rest));
            assert_eq!(
                rest,
                format!(
                    "Rest 30 s. Next: {} 2 of 2.",
                    match kind {
                        TechniqueKind::Stretch => "stretch",
                        _ => "hold",
                    }
                )
            );
            for words in ["let go", "ease out"] {
                assert!(
                    !(ended.to_lowercase().contains(words) && rest.to_lowercase().contains(words)),
                    "{ended:?} then {rest:?}"
                );
            }
        }
    }

    #[test]
    fn wrapping_keeps_words_whole_and_indents_the_rest() {
        let lines = wrap(
            "Find it: the middle of the shoulder ridge, inside the pinch.",
            24,
            "  ",
        );
        assert_eq!(
            lines,
            [
                "Find it: the middle of",
                "  the shoulder ridge,",
                "  inside the pinch."
            ]
        );
        let indented = wrap(
            "    - stop at once if it tingles or goes numb",
            24,
            "      ",
        );
        assert_eq!(
            indented,
            [
                "    - stop at once if it",
                "      tingles or goes",
                "      numb"
            ]
        );
    }
}
