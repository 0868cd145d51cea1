//! A person whose screening answers took their tools away (blood thinners, weak bones:
//! `ScreeningLimits::fingers_only`) is given hands work only, and nothing a routine shows them
//! tells them to use a ball, a cane or a roller.

use std::collections::BTreeSet;

use tpcoach::library::{Base, Library, LoadOptions};
use tpcoach::model::ScreeningLimits;
use tpcoach::routine::{self, Options, Routine, Sides};

/// Words before a device's name that make the sentence a prohibition ("no balls here", "don't
/// put a ball below the knee"), not an instruction to use one; "keep ... off" is one too.
const NEGATIONS: &[&str] = &["no", "not", "never", "don't", "nothing", "without", "avoid"];

fn library() -> Library {
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library loads")
}

/// A person who owns every tool but has been told to use their hands only.
fn hands_only(library: &Library, sides: Sides) -> Options {
    Options {
        minutes: routine::MAX_MINUTES,
        equipment: library
            .tools
            .iter()
            .map(|t| t.equipment.to_string())
            .collect(),
        sides,
        limits: ScreeningLimits {
            fingers_only: true,
            ..ScreeningLimits::default()
        },
        history: None,
        technique: Default::default(),
        settle_seconds: tpcoach::routine::SETTLE_SECONDS,
    }
}

/// The words that name a device: the equipment of every tool that is not the hands (ball, cane,
/// roller in the built-in library).
fn device_words(library: &Library) -> BTreeSet<String> {
    library
        .tools
        .iter()
        .filter(|t| !t.is_hands())
        .map(|t| t.equipment.to_lowercase())
        .collect()
}

/// The first sentence of `text` that names a device without forbidding it.
fn device_instruction(text: &str, devices: &BTreeSet<String>) -> Option<String> {
    text.split(['.', ';', ':', '!', '?']).find_map(|sentence| {
        let lower = sentence.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let at = words.iter().position(|w| {
            devices.contains(*w) || w.strip_suffix('s').is_some_and(|s| devices.contains(s))
        })?;
        let negated = words[..at].iter().any(|w| NEGATIONS.contains(w));
        // "Keep balls, canes and firm pressure off this groove": the devices are what is kept off.
        let kept_off = words[..at].contains(&"keep")
            && words[at..]
                .iter()
                .take_while(|w| **w != "on")
                .any(|w| *w == "off");
        (!(negated || kept_off)).then(|| sentence.trim().to_string())
    })
}

/// Every way the routine breaks the hands-only answer, one line each.
fn breaches(library: &Library, routine: &Routine) -> Vec<String> {
    let devices = device_words(library);
    let mut out = Vec::new();
    for step in &routine.steps {
        let name = format!("{} / {} ({})", routine.query, step.muscle, step.technique);
        if let Some(id) = &step.tool {
            match library.tool(id) {
                Some(tool) if tool.is_hands() => {}
                _ => out.push(format!("{name}: tool {id} is not the hands")),
            }
        }
        let texts = std::iter::once(("find", step.find.as_str()))
            .chain(step.how.iter().map(|h| ("how", h.as_str())))
            .chain(step.cautions.iter().map(|c| ("caution", c.as_str())));
        for (field, text) in texts {
            if let Some(sentence) = device_instruction(text, &devices) {
                out.push(format!("{name}: {field} says \"{sentence}\""));
            }
        }
    }
    out
}

#[test]
fn the_detector_tells_an_instruction_from_a_prohibition() {
    let devices: BTreeSet<String> = ["ball", "cane", "roller"].map(String::from).into();
    for text in [
        "Lie on your back on a firm ball.",
        "Press with the thumb. Or use the cane.",
        "Keep the ball on muscle, never on the bony knobs of the spine.",
        "Keep the ball or cane on muscle, off the bony knobs of the spine.",
        "Roll the calf over two rollers",
    ] {
        assert!(device_instruction(text, &devices).is_some(), "{text}");
    }
    for text in [
        "Press with your fingertips and hold.",
        "Fingers only here: no ball, cane or device.",
        "Don't put a ball just below the back of the knee.",
        "Keep balls, canes and firm pressure off this groove, and stop if tingling runs into the arm.",
        "Lie on the floor near a wall; hook your fingers under the edge.",
    ] {
        assert_eq!(device_instruction(text, &devices), None, "{text}");
    }
}

#[test]
fn no_region_routine_gives_a_device_to_a_person_told_hands_only() {
    let library = library();
    let mut problems = Vec::new();
    let mut steps = 0;
    for region in &library.regions {
        // One side leaves room in the time budget for more of the region's muscles.
        for sides in [Sides::Both, Sides::Left] {
            let routine = routine::build(&library, &region.id, &hands_only(&library, sides))
                .unwrap_or_else(|e| panic!("{}: {e}", region.id));
            steps += routine.steps.len();
            problems.extend(breaches(&library, &routine));
        }
    }
    assert!(steps > 0, "hands-only routines have steps");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_pain_area_routine_gives_a_device_to_a_person_told_hands_only() {
    let library = library();
    let mut problems = Vec::new();
    for area in &library.pain_areas {
        // A pain area with no hands-workable muscle has no routine; that is not a breach.
        if let Ok(routine) = routine::build(&library, &area.id, &hands_only(&library, Sides::Left))
        {
            problems.extend(breaches(&library, &routine));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
