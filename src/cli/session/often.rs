//! How often: a session on muscles already worked as many times today as the guide's most a
//! day (two for the neck, jaw, abdomen and hand, three elsewhere) asks before it goes on.

use std::collections::BTreeSet;

use tpcoach::history::plans::{defaults, rhythm};
use tpcoach::history::{calendar, SessionFilter, Store};
use tpcoach::library::Library;
use tpcoach::routine::Routine;

use crate::cli::history::LocalTime;

/// What the person chose.
pub enum Often {
    /// Go on (under the limit, or chosen anyway), with a line to show when it was over.
    Go(Option<String>),
    /// Stop here, as chosen.
    Declined,
    /// Ctrl-C at the question.
    Interrupted,
}

/// How many sessions today (local day, up to `now`) did some work on one of `routine`'s
/// muscles, and the most a day for them.
pub fn today(
    store: &Store,
    library: &Library,
    routine: &Routine,
    now: i64,
) -> anyhow::Result<(usize, u32)> {
    let muscles: BTreeSet<String> = routine.steps.iter().map(|s| s.muscle.to_string()).collect();
    let offset = LocalTime::new()?.offset(now);
    let midnight = calendar::local_day(now, offset) * 86_400 - offset;
    let sessions = store.sessions(&SessionFilter {
        since: Some(midnight),
        muscles: Some(muscles.clone()),
    })?;
    let done = sessions
        .iter()
        .filter(|s| {
            s.steps
                .iter()
                .any(|st| muscles.contains(st.muscle.as_str()) && st.actual_seconds > 0)
        })
        .count();
    let (_, most) = rhythm::per_day_limits(muscles.iter().map(String::as_str), |m| {
        library.muscle(m).map(|m| m.region.as_str())
    });
    Ok((done, most))
}

/// The line for `done` sessions today against `most` a day, when it is at the most or over.
pub fn over(done: usize, most: u32, what: &str) -> Option<String> {
    (done >= usize::try_from(most).unwrap_or(usize::MAX)).then(|| {
        format!(
            "You have worked {what} {done} time{} today; {most} a day at most is the advice, at \
             least {} hours apart (`tpcoach guide dose`). More is not better: the spots need \
             the rest between sessions.",
            if done == 1 { "" } else { "s" },
            defaults::SPACING_SECONDS / 3_600
        )
    })
}

/// In a terminal: asks whether to go on when the muscles were worked `most` times today
/// already (default no). `--plain` asks nothing and gets the line.
pub fn ask(
    store: &Store,
    library: &Library,
    routine: &Routine,
    now: i64,
    plain: bool,
) -> anyhow::Result<Often> {
    let (done, most) = today(store, library, routine, now)?;
    let what = format!("the muscles of a {} session", routine.query);
    let Some(line) = over(done, most, &what) else {
        return Ok(Often::Go(None));
    };
    if plain {
        return Ok(Often::Go(Some(line)));
    }
    let term = dialoguer::console::Term::stdout();
    for part in crate::cli::output::wrap(&line, usize::from(term.size().1).saturating_sub(1), "") {
        let _ = term.write_line(&part);
    }
    let answer = dialoguer::Confirm::new()
        .with_prompt("Go on with another session anyway?")
        .default(false)
        .interact_on(&term);
    match answer {
        Ok(true) => Ok(Often::Go(None)),
        Ok(false) => Ok(Often::Declined),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            Ok(Often::Interrupted)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_comes_at_the_most_a_day_and_not_before() {
        assert_eq!(over(1, 2, "the neck"), None);
        let line = over(2, 2, "the neck").expect("at the most");
        assert!(
            line.starts_with("You have worked the neck 2 times today; 2 a day"),
            "{line}"
        );
        assert!(line.contains("3 hours apart"), "{line}");
        assert!(over(5, 3, "the calf").is_some());
    }
}
