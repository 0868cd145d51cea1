//! `tpcoach due`: for shell prompts and status bars. Prints one short marker (`tp: neck`) when a
//! session of a plan is due, or a plan's check-in is, and nothing otherwise. It writes nothing:
//! the database is opened read-only (no file at all means nothing to say), and the library is
//! not loaded.

use tpcoach::history::plans::rhythm;
use tpcoach::history::Store;

use super::context;
use super::history::LocalTime;

/// Print a short marker when a session of a plan is due (for your shell prompt).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Prints `tp: neck` when a session of your neck plan is due, `tp: neck check-in` when its check-in is, `+N` when more plans are; nothing otherwise. Exit status 0 either way.\n\nExamples:\n  PS1='$(tpcoach due 2>/dev/null) \\$ '          # bash\n  set -g status-right '#(tpcoach due)'           # tmux"
)]
pub struct Args {}

/// The marker for the plans that are due (labels, in plan order), if any.
pub fn marker(due: &[String]) -> Option<String> {
    let (first, rest) = due.split_first()?;
    Some(match rest.len() {
        0 => format!("tp: {first}"),
        n => format!("tp: {first} +{n}"),
    })
}

/// Runs `tpcoach due`.
pub fn run(_args: &Args) -> anyhow::Result<()> {
    let Some(path) = context::database_path() else {
        return Ok(());
    };
    let Some(store) = Store::open_read_only(&path)? else {
        return Ok(());
    };
    let plans = store.plans()?;
    if plans.is_empty() {
        return Ok(());
    }
    let now = context::now()?;
    let local = LocalTime::new()?;
    let mut due = Vec::new();
    for plan in plans.iter().filter(|p| !rhythm::stopped(p, now)) {
        if rhythm::checkin_due(plan, now, &local).is_some() {
            due.push(format!("{} check-in", plan.label));
            continue;
        }
        let (status, _) = super::plan::status(&store, plan, now, &local, &|_| true)?;
        if status.due_now() {
            due.push(plan.label.clone());
        }
    }
    if let Some(marker) = marker(&due) {
        super::output::print_raw(marker)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_names_the_first_plan_and_counts_the_rest() {
        assert_eq!(marker(&[]), None);
        assert_eq!(marker(&["neck".into()]).as_deref(), Some("tp: neck"));
        assert_eq!(
            marker(&["neck".into(), "jaw check-in".into(), "heel".into()]).as_deref(),
            Some("tp: neck +2")
        );
    }
}
