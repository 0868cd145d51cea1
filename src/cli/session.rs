//! `tpcoach session`: a guided, timed self-treatment session in the terminal.
//!
//! The safety questions first, then each step of the routine `suggest` would print: find the
//! spot, rate it, the timed work with its cues, rate it again. Every step is saved as it ends;
//! the terminal is given back as it was on every way out.

mod clock;
pub(super) mod coach;
mod interactive;
mod often;
mod plain;
mod record;
mod screen;
mod screening;
mod sound;
mod speech;
mod timing;
mod words;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use tpcoach::history::{NewSession, ScreeningStop, Store};
use tpcoach::routine;
use tpcoach::session::{Mode, Session};

use self::clock::Clock;
use self::coach::Coach;
use self::record::Recorder;
use self::screen::{Out, Screen};
use self::screening::Screened;
use self::signals::{Shared, Stage};
use super::suggest::{duration, RoutineArgs};
use super::term::{keys, signals, terminal};
use super::{context, output};

/// Exit status when the safety questions rule the session out.
pub const EXIT_STOPPED_FOR_SAFETY: u8 = 3;

/// A guided, timed session: safety questions, then each step with a countdown.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "After the safety questions the plan is shown until you press Enter (q leaves).\nKeys during a timer: space or p pause, s skip the step, + add 15 s, q quit (asks first: y or q again; Ctrl-C stops at once; what was done is saved).\n\nExamples:\n  tpcoach session neck\n  tpcoach session tension headache --minutes 5 --tools fingers\n  tpcoach session heel --side left --no-bell\n  tpcoach session neck --plain > session.log\n\nExit status: 0 done (or stopped with q), 2 bad input or no terminal, 3 stopped for safety (kept in `history`), 130 Ctrl-C.\nTPCOACH_TIME_SCALE=0.01 runs every timer 100 times faster (a dry run)."
)]
pub struct Args {
    /// What to build the routine for, and how (as for `suggest`).
    #[command(flatten)]
    pub routine: RoutineArgs,
    /// Print each step and its cues as plain lines at the right moments: no prompts, no bar, no
    /// control codes, no ratings (for screen readers, logs or a second screen). Saved as unrated.
    #[arg(long)]
    pub plain: bool,
    /// No sounds: no bell and no sound files (the sounds mark the settle-in, press, half time,
    /// the last seconds, release, rest over, switch sides and the end).
    #[arg(long)]
    pub no_bell: bool,
    /// Speak the cues (the step, press, half time, the count, release, the rest, switch sides,
    /// the end) with the platform's speech program (espeak-ng, espeak, spd-say or say), or the
    /// command in TPCOACH_SPEAK_CMD; without one, the session goes on with sounds. Remembered
    /// for the next sessions: --speak=off stops it (so does --fresh).
    #[arg(long, value_name = "on|off", num_args = 0..=1, require_equals = true, default_missing_value = "on")]
    pub speak: Option<speech::SpeakArg>,
    /// Show the countdown in large digits, readable from a distance (lying on the floor with a
    /// ball); the bar alone when the terminal is too small.
    #[arg(long)]
    pub big: bool,
    /// Ignore your history: no rested or gentler spots, ask every safety question again, and
    /// forget the remembered --technique (back to mixed) and --speak (back to silent cues).
    #[arg(long)]
    pub fresh: bool,
    /// Show every caution in full on every step. Without it, the caution that matters most is
    /// in full the first time you work a muscle and one line after that (? shows them all).
    #[arg(long)]
    pub verbose: bool,
    /// Seconds of settle-in count before each hold, stroke set or stretch (and before each
    /// repetition after a rest): time to get from the keyboard into position. 0 for none.
    #[arg(long, value_name = "N", default_value_t = tpcoach::session::SETTLE_SECONDS, value_parser = clap::value_parser!(u32).range(0..=60))]
    pub settle: u32,
}

/// The error for a session without a terminal.
fn needs_terminal() -> anyhow::Error {
    tpcoach::Error::BadInput(
        "`tpcoach session` needs an interactive terminal (stdin and stdout are not one here); \
         run it in a terminal, or use `tpcoach session --plain ...` for plain lines with no prompts"
            .into(),
    )
    .into()
}

/// What came of the offer to take up a stopped session.
enum Resume {
    /// Go on with this routine, and a line saying what was left out if it was taken up.
    Go(Box<routine::Routine>, Option<String>),
    /// Ctrl-C at the question.
    Interrupted,
}

/// Offers to take up the newest session for this query if it was stopped part-way within the
/// day ("Resume the neck session from step 4? [Y/n]"): yes leaves out the steps it finished
/// (the same muscle, side and technique), no starts afresh. No question when nothing of
/// `routine` was finished then, or everything was.
fn offer_resume(
    store: &Store,
    query: &str,
    mut routine: routine::Routine,
    now: i64,
) -> anyhow::Result<Resume> {
    let Some(stopped) = store.resumable(&routine.matched, now)? else {
        return Ok(Resume::Go(Box::new(routine), None));
    };
    let done: Vec<bool> = routine
        .steps
        .iter()
        .map(|s| stopped.did(&s.muscle, s.side, &s.technique))
        .collect();
    let (Some(from), true) = (done.iter().position(|d| !d), done.contains(&true)) else {
        return Ok(Resume::Go(Box::new(routine), None));
    };
    let term = dialoguer::console::Term::stdout();
    let answer = dialoguer::Confirm::new()
        .with_prompt(format!(
            "Resume the {query} session from step {}?",
            from + 1
        ))
        .default(true)
        .interact_on(&term);
    let yes = match answer {
        Ok(yes) => yes,
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            return Ok(Resume::Interrupted)
        }
        Err(e) => return Err(e.into()),
    };
    if !yes {
        return Ok(Resume::Go(Box::new(routine), None));
    }
    let mut finished = done.iter();
    routine
        .steps
        .retain(|_| !finished.next().copied().unwrap_or(false));
    let left_out = done.iter().filter(|d| **d).count();
    let note = format!(
        "Resumed: the {left_out} step{} finished earlier left out.",
        if left_out == 1 { "" } else { "s" }
    );
    Ok(Resume::Go(Box::new(routine), Some(note)))
}

/// Runs `tpcoach session`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<ExitCode> {
    let in_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !args.plain && !in_terminal {
        return Err(needs_terminal());
    }
    let clock = Clock::from_env()?;
    let library = super::context::load(library)?;
    let query = args.routine.query();
    let mut options = args.routine.options(library)?;
    // The settle-in counts this session gives are counted in its budget.
    options.settle_seconds = args.settle;
    let now = context::now()?;
    let store = Store::open(&context::database()?)?;
    let (technique, remembered) = super::technique::resolve(args.routine.technique, args.fresh)?;
    options.technique = technique;
    let (speak, speak_note) = speech::resolve(&store, args.speak, args.fresh)?;
    if !args.fresh {
        let hints = store.hints(library, now)?;
        if hints != routine::HistoryHints::default() {
            options.history = Some(hints);
        }
    }
    let (first, shaped) = routine::build_shaped(library, &query, &options)?;
    let memory = match args.fresh {
        true => None,
        false => Some(store.screening_memory()?),
    };

    if !args.plain {
        // Saves the terminal's settings before the signal thread may need them.
        terminal::mark_interactive();
        terminal::install_panic_hook();
    }
    let shared: Shared = Arc::new(Mutex::new(Stage::Before));
    signals::install(Arc::clone(&shared))?;

    // A plan for this query that has reached its check-in: asked first (shown with --plain).
    if let super::plan::checkin::Asked::Interrupted =
        super::plan::checkin::ask_in_session(&store, library, &first.matched, now, args.plain)
            .inspect_err(|_| terminal::restore())?
    {
        return Ok(signals::stopped_before(&shared));
    }

    // Worked as often today as the guide's most a day: asked first, before the questions.
    let mut intro = Vec::new();
    match often::ask(&store, library, &first, now, args.plain)
        .inspect_err(|_| terminal::restore())?
    {
        often::Often::Go(line) => intro.extend(line),
        often::Often::Declined => return Ok(ExitCode::SUCCESS),
        often::Often::Interrupted => return Ok(signals::stopped_before(&shared)),
    }
    let mut safety = Vec::new();
    let routine = if args.plain {
        intro.extend(screening::plain_lines(library, &query, options, &first)?);
        first
    } else {
        let first_matched = first.matched.clone();
        // Prompts hide the cursor while they wait: give it back on every way out.
        let screening = screening::interactive(library, &query, options, first, memory, now)
            .inspect_err(|_| terminal::restore())?;
        store.remember_screening(&screening.remember)?;
        safety = screening.changed;
        match screening.screened {
            Screened::Go(routine) => routine,
            Screened::Stopped(reason) => {
                // Kept for the record (`history`, the report): not a session, no step.
                store.record_screening_stop(&ScreeningStop {
                    at: now,
                    query: query.clone(),
                    matched: first_matched,
                    reason,
                    answers: screening.given,
                })?;
                return Ok(ExitCode::from(EXIT_STOPPED_FOR_SAFETY));
            }
            Screened::Declined => return Ok(ExitCode::SUCCESS),
            Screened::Interrupted => return Ok(signals::stopped_before(&shared)),
        }
    };

    // The same query stopped part-way within the day: offered again, its finished steps left out.
    let (routine, resumed) = if args.plain {
        (routine, None)
    } else {
        match offer_resume(&store, &query, routine, now).inspect_err(|_| terminal::restore())? {
            Resume::Go(routine, resumed) => (*routine, resumed),
            Resume::Interrupted => return Ok(signals::stopped_before(&shared)),
        }
    };
    intro.extend(resumed);
    intro.push(String::new());
    intro.push(format!(
        "{}: {} step{}, about {} of work.",
        routine.matched,
        routine.steps.len(),
        if routine.steps.len() == 1 { "" } else { "s" },
        duration(
            routine
                .steps
                .iter()
                .map(tpcoach::session::plan::planned_seconds)
                .sum()
        )
    ));
    if shaped {
        intro.push("Adjusted from your history (--fresh to ignore it).".into());
    }
    intro.extend(remembered);
    intro.extend(speak_note);
    intro.extend(routine.notes.iter().map(|n| format!("Note: {n}")));
    intro.push(tpcoach::SELF_CARE_NOTE.to_string());
    if !args.plain {
        intro.push(
            "Keys during a timer: space pause, s skip, + add 15 s, q quit (q again or y to confirm; what is done is saved)."
                .into(),
        );
    }
    let speech: Option<Box<dyn speech::Speaker>> = match speak {
        false => None,
        true => match speech::Engine::find() {
            Ok(engine) => Some(Box::new(engine)),
            Err(missing) => {
                intro.push(missing);
                None
            }
        },
    };
    for line in &intro {
        output::print(output::wrap_prose(line))?;
    }
    // The intro stays on screen until the person is ready: the first step clears it.
    if !args.plain {
        match interactive::wait_to_begin(output::styled()).inspect_err(|_| terminal::restore())? {
            interactive::Begin::Go => {}
            interactive::Begin::Leave => {
                eprintln!("Left before the first step; nothing was saved.");
                return Ok(ExitCode::SUCCESS);
            }
            interactive::Begin::Interrupted => return Ok(signals::stopped_before(&shared)),
        }
    }

    // The muscles worked in earlier sessions (read before this one saves any step): their
    // cautions are shown in one line; --fresh shows them in full, as the first time.
    let worked = match args.fresh {
        true => Default::default(),
        false => store.worked_muscles()?,
    };
    // The session starts now, after the questions: its times pair with the clock's from here.
    let started_at = context::now()?;
    let id = store.begin_session(&NewSession {
        started_at,
        query: query.clone(),
        matched: routine.matched.clone(),
        plain: args.plain,
    })?;
    let mode = if args.plain {
        Mode::Plain
    } else {
        Mode::Interactive
    };
    let out = if args.plain {
        Out::Plain { closed: false }
    } else {
        Out::Screen(Box::new(Screen::new(
            output::styled(),
            !args.no_bell,
            args.big,
        )))
    };
    let coach = Coach::new(
        library,
        Session::new(routine.steps, mode)
            .with_settle(std::time::Duration::from_secs(u64::from(args.settle))),
        routine.also_check,
        clock,
        Recorder::new(store, id, started_at, args.plain).with_safety(&safety),
        out,
    )
    .with_speech(speech)
    .with_sound(sound::find(args.no_bell, &sound::dir()))
    .with_cautions(screen::Cautions {
        worked,
        verbose: args.verbose,
    });
    *shared.lock().unwrap_or_else(PoisonError::into_inner) = Stage::Running(Box::new(coach));

    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if args.plain {
            plain::run(&shared)
        } else {
            interactive::run(&shared)
        }
    }));
    let mut stage = shared.lock().unwrap_or_else(PoisonError::into_inner);
    let Stage::Running(mut coach) = std::mem::replace(&mut *stage, Stage::Over) else {
        return Ok(ExitCode::SUCCESS);
    };
    match ran {
        Ok(Ok(())) => Ok(ExitCode::from(coach.report())),
        Ok(Err(error)) => {
            coach.abandon();
            Err(error.context("the session stopped; what was done so far is saved"))
        }
        Err(panic) => {
            coach.abandon();
            drop(stage);
            std::panic::resume_unwind(panic)
        }
    }
}
