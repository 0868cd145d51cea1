//! The safety questions before the first step: asked one by one with dialoguer, or listed as
//! plain lines for `--plain`.

use std::collections::BTreeSet;

use dialoguer::console::Term;
use dialoguer::Confirm;
use tpcoach::library::Library;
use tpcoach::model::{ScreeningLimits, ScreeningQuestion};
use tpcoach::routine::{self, Options, Routine};
use tpcoach::session::screening::{self, Answers};

use super::words;
use crate::cli::output;

/// What the screening decided.
pub enum Screened {
    /// Go ahead with this routine, built within the limits the answers set.
    Go(Routine),
    /// No session today (exit 3).
    Stopped,
    /// Ctrl-C at a question, or a signal while it waited.
    Interrupted,
}

/// The screening's result, and whether the general questions were all answered "no" (to be
/// remembered for 30 days).
pub struct Screening {
    /// What it decided.
    pub screened: Screened,
    /// The general questions were asked and all answered "no".
    pub general_clear: bool,
}

/// Prints lines, each wrapped to the terminal's width (see [`output::wrap_prose`]).
fn say(lines: &[String]) {
    let term = Term::stdout();
    for line in lines {
        // The prompts just worked on this terminal; a failed write shows up at the next prompt.
        let _ = term.write_line(&output::wrap_prose(line));
    }
}

/// The warning signs for the session's places, once: after the first answer that points to
/// seeing someone.
fn warning_signs(library: &Library, routine: &Routine, shown: &mut bool) -> Vec<String> {
    let signs = crate::cli::suggest::warning_signs(library, routine);
    if *shown || signs.is_empty() {
        return Vec::new();
    }
    *shown = true;
    let mut lines = vec!["  Warning signs: see someone instead of self-treating if".to_string()];
    lines.extend(signs.into_iter().map(|l| format!("  {l}")));
    lines
}

fn yes_lines(q: &ScreeningQuestion) -> Vec<String> {
    let mut lines = vec![format!("  -> {}", q.action)];
    if let Some(u) = q.urgency {
        lines.push(format!("     {}", words::urgency(u)));
    }
    lines
}

/// Asks a yes/no question. A long question is wrapped here, its last line left to the prompt,
/// so the prompt redraws cleanly.
/// `None` after Ctrl-C, or a signal that came while it waited (the prompt raised SIGINT either
/// way).
fn ask(term: &Term, question: &str) -> anyhow::Result<Option<bool>> {
    let width = usize::from(term.size().1).saturating_sub(8);
    let mut lines = words::wrap(question, width, "");
    let last = lines.pop().unwrap_or_default();
    say(&lines);
    match Confirm::new().with_prompt(last).interact_on(term) {
        Ok(yes) => Ok(Some(yes)),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The limits in a few words: "hands only, pressure at most 3/10, no work on the neck".
fn describe(library: &Library, limits: &ScreeningLimits) -> String {
    let mut parts = Vec::new();
    if limits.fingers_only {
        parts.push("hands only, no tools".to_string());
    }
    if let Some(c) = limits.pressure_ceiling {
        parts.push(format!("pressure at most {c}/10"));
    }
    if !limits.exclude_regions.is_empty() {
        let names: Vec<String> = limits
            .exclude_regions
            .iter()
            .map(|id| {
                library
                    .region(id)
                    .map_or(id.to_string(), |r| r.name.to_lowercase())
            })
            .collect();
        parts.push(format!("no work on the {}", names.join(", ")));
    }
    parts.join(", ")
}

/// Asks the questions for a session on `query` (the general ones only when `general`), then
/// those of any region a routine rebuilt within the answers' limits brings in.
pub fn interactive(
    library: &Library,
    query: &str,
    mut options: Options,
    mut routine: Routine,
    general: bool,
) -> anyhow::Result<Screening> {
    let target = library.understand(query)?;
    let term = Term::stdout();
    let mut answers = Answers::new();
    let mut signs_shown = false;
    let mut intro = vec!["Safety questions first: answer y or n.".to_string()];
    if !general {
        intro.push(format!(
            "(The general questions were answered all clear within the last {} days.)",
            screening::MEMORY_DAYS
        ));
    }
    say(&intro);
    let stopped = |answers: &Answers| Screening {
        screened: Screened::Stopped,
        general_clear: answers.general_all_clear(library),
    };
    let interrupted = |answers: &Answers| Screening {
        screened: Screened::Interrupted,
        general_clear: answers.general_all_clear(library),
    };
    loop {
        let regions: BTreeSet<String> = screening::regions(library, target, &routine.steps);
        let questions = screening::questions(library, general, &regions, &answers.asked());
        if questions.is_empty() {
            break;
        }
        for q in questions {
            let Some(yes) = ask(&term, &q.question)? else {
                return Ok(interrupted(&answers));
            };
            answers.record(q, yes);
            if answers.stop().is_some() {
                break;
            }
            if yes {
                let mut lines = yes_lines(q);
                if q.urgency.is_some() {
                    lines.extend(warning_signs(library, &routine, &mut signs_shown));
                }
                say(&lines);
            }
        }
        if let Some(stop) = answers.stop() {
            let mut lines = vec![String::new(), "No session today.".to_string()];
            if let Some(u) = stop.urgency {
                lines.push(format!("  {}", words::urgency(u)));
            }
            lines.push(format!("  {}", stop.action));
            lines.extend(warning_signs(library, &routine, &mut signs_shown));
            say(&lines);
            return Ok(stopped(&answers));
        }
        let limits = answers.limits();
        if limits != options.limits {
            options.limits = limits;
            match routine::build(library, query, &options) {
                Ok(r) => routine = r,
                Err(e) => {
                    // What each answer means was said as it was given.
                    say(&[
                        String::new(),
                        format!("No session today: your answers leave nothing to work on ({e})."),
                    ]);
                    return Ok(stopped(&answers));
                }
            }
        }
    }
    if !answers.limited_by().is_empty() {
        say(&[format!(
            "Adjusted for your answers: {}.",
            describe(library, &options.limits)
        )]);
    }
    if !answers.advice().is_empty() || !answers.limited_by().is_empty() {
        let Some(go) = ask(&term, "With that in mind, go on with the session?")? else {
            return Ok(interrupted(&answers));
        };
        if !go {
            say(&["Stopped before the first step; nothing was saved.".to_string()]);
            return Ok(stopped(&answers));
        }
    }
    Ok(Screening {
        screened: Screened::Go(routine),
        general_clear: answers.general_all_clear(library),
    })
}

/// For `--plain`, which asks nothing: the questions as a list, with what a "yes" means.
pub fn plain_lines(
    library: &Library,
    query: &str,
    routine: &Routine,
    general: bool,
) -> anyhow::Result<Vec<String>> {
    let target = library.understand(query)?;
    let regions = screening::regions(library, target, &routine.steps);
    let questions = screening::questions(library, general, &regions, &BTreeSet::new());
    let mut lines = vec![format!(
        "Safety first. If the answer to any of these is yes, do not go on: stop now (Ctrl-C) and run `tpcoach session {query}` in a terminal, which asks them and says what to do."
    )];
    if !general {
        lines.push(format!(
            "(The general questions were answered all clear within the last {} days.)",
            screening::MEMORY_DAYS
        ));
    }
    lines.extend(questions.iter().map(|q| format!("- {}", q.question)));
    let mut shown = false;
    lines.extend(
        warning_signs(library, routine, &mut shown)
            .into_iter()
            .map(|l| l.trim_start().to_string()),
    );
    Ok(lines)
}
