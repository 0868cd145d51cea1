//! The command line: clap types, one module per subcommand, and the terminal parts.

mod check;
mod completions;
mod context;
mod due;
mod guide;
mod history;
mod map;
mod muscles;
mod output;
mod picker;
mod plan;
mod progress;
mod regions;
mod report;
mod session;
mod show;
mod source;
mod suggest;
mod technique;
mod techniques;
mod term;
mod today;
#[path = "where_.rs"]
mod where_;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status for bad input or usage (clap uses it too).
pub const EXIT_USAGE: u8 = 2;
/// Exit status for a failure (a broken library, an unreadable file).
pub const EXIT_FAILURE: u8 = 1;

/// A self-guided trigger point massage coach for the terminal.
///
/// Self-care guidance, not a diagnosis. Start with `tpcoach suggest neck`.
#[derive(Debug, Parser)]
#[command(name = "tpcoach", version, about, long_about = None)]
#[command(after_help = EXAMPLES)]
pub struct Cli {
    /// Load the library from this folder instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR", env = "TPCOACH_LIBRARY")]
    pub library: Option<PathBuf>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The examples after `tpcoach -h`; `--help` adds the evidence note (see [`parse`]).
const EXAMPLES: &str = "Examples:\n  tpcoach guide\n  tpcoach suggest neck\n  tpcoach where temple\n  tpcoach muscles --region neck\n  tpcoach show upper trapezius\n  tpcoach check";

/// Parses the command line; the long `--help` ends with the examples and the evidence note.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let long = format!(
        "{EXAMPLES}\n\n{} More: `tpcoach guide evidence`.",
        tpcoach::guide::EVIDENCE_NOTE
    );
    let matches = Cli::command().after_long_help(long).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// tpcoach's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Suggest a short routine for a region, pain area or symptom.
    Suggest(suggest::Args),
    /// Which muscles commonly send pain to a spot.
    Where(where_::Args),
    /// List the techniques and their default doses.
    Techniques(techniques::Args),
    /// List the body regions.
    Regions(regions::Args),
    /// List the muscles, optionally of one region.
    Muscles(muscles::Args),
    /// Show one muscle, region or technique in full.
    Show(show::Args),
    /// Short answers to the first questions: how hard, how often, is it safe, will it help.
    Guide(guide::Args),
    /// A guided, timed session: safety questions, then each step with a countdown.
    Session(session::Args),
    /// Your past sessions, newest first; --forget deletes them all.
    History(history::Args),
    /// Tenderness over your sessions, per muscle and side, and whether it is helping.
    Progress(progress::Args),
    /// A record to take to a clinician: one self-contained HTML page of your sessions.
    Report(report::Args),
    /// Start a plan: a few short sessions a day for about two weeks, then a check-in.
    Plan(plan::Args),
    /// The day at a glance: what each plan asks of today, and how it is going.
    Today(today::Args),
    /// Print a short marker when a session of a plan is due (for your shell prompt).
    Due(due::Args),
    /// Validate a library and list its problems.
    Check(check::Args),
    /// Print a shell completion script.
    Completions(completions::Args),
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let library = cli.library;
    match cli.command {
        Command::Session(args) => return session::run(&args, library.as_deref()),
        Command::Suggest(args) => suggest::run(&args, library.as_deref()),
        Command::Where(args) => where_::run(&args, library.as_deref()),
        Command::Techniques(args) => techniques::run(&args, library.as_deref()),
        Command::Regions(args) => regions::run(&args, library.as_deref()),
        Command::Muscles(args) => muscles::run(&args, library.as_deref()),
        Command::Show(args) => show::run(&args, library.as_deref()),
        Command::Guide(args) => guide::run(&args, library.as_deref()),
        Command::History(args) => history::run(&args, library.as_deref()),
        Command::Progress(args) => progress::run(&args, library.as_deref()),
        Command::Report(args) => report::run(&args, library.as_deref()),
        Command::Plan(args) => plan::run(&args, library.as_deref()),
        Command::Today(args) => today::run(&args, library.as_deref()),
        Command::Due(args) => due::run(&args),
        Command::Check(args) => check::run(&args, library.as_deref()),
        Command::Completions(args) => completions::run(&args),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// An error and its causes on one line, each said once. Many errors already include their
/// cause's text ("cannot read FILE: permission denied", whose cause is "permission denied"); a
/// cause that the error before it already says is left out.
fn said_once(error: &anyhow::Error) -> String {
    let mut text = String::new();
    let mut previous = String::new();
    for cause in error.chain() {
        let said = cause.to_string();
        if !previous.contains(&said) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&said);
        }
        previous = said;
    }
    text
}

/// Prints an error once, on stderr, and returns its exit status. A closed pipe (`| head`) ends
/// quietly.
pub fn report(error: &anyhow::Error) -> ExitCode {
    for cause in error.chain() {
        let kind = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => Some(io.kind()),
            // `--json` output fails inside serde_json, which keeps the io error to itself.
            None => cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind),
        };
        if kind == Some(std::io::ErrorKind::BrokenPipe) {
            return ExitCode::SUCCESS;
        }
    }
    let text = format!("error: {}", said_once(error));
    match output::error_width() {
        Some(width) => eprintln!("{}", output::wrap_prose_to(&text, width)),
        None => eprintln!("{text}"),
    }
    let usage = error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<tpcoach::Error>(),
            Some(tpcoach::Error::NotFound { .. } | tpcoach::Error::BadInput(_))
        )
    });
    ExitCode::from(if usage { EXIT_USAGE } else { EXIT_FAILURE })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_that_includes_its_cause_says_it_once() {
        let io = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        );
        let error = anyhow::Error::from(tpcoach::Error::Read {
            path: "lib/a.yaml".into(),
            source: io,
        })
        .context("cannot load the library in lib");
        assert_eq!(
            said_once(&error),
            "cannot load the library in lib: cannot read lib/a.yaml: stream did not contain valid UTF-8"
        );
        let plain = anyhow::anyhow!("inner").context("outer");
        assert_eq!(said_once(&plain), "outer: inner");
    }
}
