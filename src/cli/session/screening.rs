//! The safety questions before the first step: the core's [`Flow`] decides what to ask and
//! what the answers mean; this asks it with dialoguer, or lists the questions as plain lines
//! for `--plain`.

use dialoguer::console::Term;
use dialoguer::Confirm;
use tpcoach::history::SafetyAnswer;
use tpcoach::library::Library;
use tpcoach::model::{ScreeningLimits, ScreeningOutcome};
use tpcoach::routine::{Options, Routine};
use tpcoach::session::screening::{self, Asked, Decision, Flow, Memory, Next};

use super::words;
use crate::cli::output;

/// What the screening decided.
pub enum Screened {
    /// Go ahead with this routine, built within the limits the answers set.
    Go(Routine),
    /// No session today (exit 3): why, when no single answer stopped it (the answers left
    /// nothing to work on), else empty.
    Stopped(String),
    /// The person chose not to go on after the advice (exit 0).
    Declined,
    /// Ctrl-C at a question, or a signal while it waited.
    Interrupted,
}

/// The screening's result, and the answers to remember for 30 days.
pub struct Screening {
    /// What it decided.
    pub screened: Screened,
    /// General answers to remember: (question id, "yes", when).
    pub remember: Vec<(String, bool, i64)>,
    /// The answers that changed the routine or advised, to save with the session.
    pub changed: Vec<SafetyAnswer>,
    /// Every "yes", the one that stopped the session among them, to save when it stopped.
    pub given: Vec<SafetyAnswer>,
}

/// Prints lines, each wrapped to the terminal's width (see [`output::wrap_prose`]).
fn say(lines: &[String]) {
    let term = Term::stdout();
    for line in lines {
        // The prompts just worked on this terminal; a failed write shows up at the next prompt.
        let _ = term.write_line(&output::wrap_prose(line));
    }
}

/// The warning-sign block for the session's places.
fn warning_signs(library: &Library, routine: &Routine) -> Vec<String> {
    let signs = crate::cli::suggest::warning_signs(library, routine);
    if signs.is_empty() {
        return Vec::new();
    }
    let mut lines = vec!["Warning signs: see someone instead of self-treating if".to_string()];
    lines.extend(signs.into_iter().map(|l| format!("  {l}")));
    lines
}

/// Asks a yes/no question (`default_yes` for a confirmation). A long question is wrapped here,
/// its last line left to the prompt, so the prompt redraws cleanly. `None` after Ctrl-C, or a
/// signal that came while it waited (the prompt raised SIGINT either way).
fn ask(term: &Term, question: &str, default_yes: bool) -> anyhow::Result<Option<bool>> {
    let width = usize::from(term.size().1).saturating_sub(8);
    let mut lines = words::wrap(question, width, "");
    let last = lines.pop().unwrap_or_default();
    say(&lines);
    let mut prompt = Confirm::new().with_prompt(last);
    if default_yes {
        prompt = prompt.default(true);
    }
    match prompt.interact_on(term) {
        Ok(yes) => Ok(Some(yes)),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The limits in a few words: "hands only, pressure at most 3/10, no work on the neck".
fn describe(library: &Library, limits: &ScreeningLimits) -> String {
    tpcoach::history::safety::describe_limits(library, limits, &[])
}

/// What a "yes" means, said right after it (the warning signs come once, at the end).
fn yes_line(asked: &Asked<'_>) -> String {
    format!("  -> {}", asked.action())
}

/// Asks the questions for a session on `query`, as the core's [`Flow`] puts them: `memory`
/// is what was answered before (`None` with `--fresh`), `now` is Unix seconds.
pub fn interactive(
    library: &Library,
    query: &str,
    options: Options,
    routine: Routine,
    memory: Option<Memory>,
    now: i64,
) -> anyhow::Result<Screening> {
    let term = Term::stdout();
    let mut flow = Flow::new(library, query, options, routine.clone(), memory, now)?;
    let mut intro = vec!["Safety questions first: answer y or n.".to_string()];
    if flow.remembers() {
        intro.push(format!(
            "(Answers you gave within the last {} days are remembered; --fresh asks everything again.)",
            screening::MEMORY_DAYS
        ));
    }
    say(&intro);
    let done = |flow: &Flow, screened| Screening {
        screened,
        remember: flow.to_remember(),
        changed: SafetyAnswer::from_flow(library, flow),
        given: SafetyAnswer::all_from_flow(library, flow),
    };
    loop {
        match flow.next_question() {
            Next::Ask(asked) => {
                let Some(yes) = ask(&term, asked.text(), asked.confirm)? else {
                    return Ok(done(&flow, Screened::Interrupted));
                };
                flow.answer(yes);
                if yes && asked.if_yes() != ScreeningOutcome::Stop {
                    say(&[yes_line(&asked)]);
                }
            }
            Next::GoOn => {
                let mut lines = Vec::new();
                if *flow.applied_limits() != ScreeningLimits::default() {
                    lines.push(format!(
                        "Adjusted for your answers: {}.",
                        describe(library, flow.applied_limits())
                    ));
                }
                if let Some(u) = flow.headline() {
                    lines.push(words::urgency(u).to_string());
                }
                lines.extend(warning_signs(library, &routine));
                say(&lines);
                let Some(go) = ask(&term, "With that in mind, go on with the session?", false)?
                else {
                    return Ok(done(&flow, Screened::Interrupted));
                };
                flow.answer(go);
            }
            Next::Done => break,
        }
    }
    let screened = match flow.decision() {
        Some(Decision::Go(routine)) => Screened::Go(routine.clone()),
        Some(Decision::Declined) => {
            say(&["Stopped before the first step, as you chose; nothing was saved.".to_string()]);
            Screened::Declined
        }
        Some(Decision::NothingLeft(why)) => {
            say(&[
                String::new(),
                format!("No session today: your answers leave nothing to work on ({why})."),
            ]);
            Screened::Stopped(format!("your answers leave nothing to work on ({why})"))
        }
        Some(Decision::Stopped) | None => {
            let mut lines = vec![String::new(), "No session today.".to_string()];
            if let Some(u) = flow.headline() {
                lines.push(words::urgency(u).to_string());
            }
            // Every "yes", most urgent first: what each one means.
            let mut yes: Vec<Asked> = flow.yes().collect();
            yes.sort_by_key(|a| (a.urgency().is_none(), a.urgency()));
            lines.extend(yes.iter().map(yes_line));
            lines.extend(warning_signs(library, &routine));
            say(&lines);
            Screened::Stopped(String::new())
        }
    };
    Ok(done(&flow, screened))
}

/// For `--plain`, which asks nothing: every question a session could ask (none taken from
/// memory, since nothing is answered), most urgent first, then the warning signs.
pub fn plain_lines(
    library: &Library,
    query: &str,
    options: Options,
    routine: &Routine,
) -> anyhow::Result<Vec<String>> {
    let mut flow = Flow::new(library, query, options, routine.clone(), None, 0)?;
    let mut lines = vec![format!(
        "Safety first. If the answer to any of these is yes, do not go on: stop now (Ctrl-C) and run `tpcoach session {query}` in a terminal, which asks them and says what to do."
    )];
    while let Next::Ask(asked) = flow.next_question() {
        lines.push(format!("- {}", asked.text()));
        flow.answer(false);
    }
    lines.extend(
        warning_signs(library, routine)
            .into_iter()
            .map(|l| l.trim_start().to_string()),
    );
    Ok(lines)
}
