//! The check-in at a plan's end (or at two weeks), as `today`, `suggest` and `session` show it:
//! per spot the first days' tenderness against the last days', what that means, and how to
//! answer; and saving the answer.

use std::fmt::Write as _;

use tpcoach::history::calendar::Zone;
use tpcoach::history::plans::checkin::{evaluate, Checkin, Outcome};
use tpcoach::history::plans::rhythm::{self, Checkpoint};
use tpcoach::history::plans::{defaults, Answer, Plan, PlanSession};
use tpcoach::history::progress::REGULAR_SESSIONS;
use tpcoach::history::{Store, Verdict};
use tpcoach::library::Library;

use super::super::context;
use super::super::history::{rating, LocalTime};

/// A check-in that is due, with what it found.
pub struct Pending {
    /// The plan.
    pub plan: Plan,
    /// Which check-in.
    pub checkpoint: Checkpoint,
    /// What the plan's sessions say.
    pub checkin: Checkin,
    /// The plan's sessions.
    pub sessions: Vec<PlanSession>,
}

/// The check-in due for the plan whose sessions are understood as `matched` (any plan when
/// `None`), as of `now`.
pub fn pending(
    store: &Store,
    matched: Option<&str>,
    now: i64,
    zone: &dyn Zone,
) -> anyhow::Result<Vec<Pending>> {
    let mut out = Vec::new();
    for plan in store.plans()? {
        if matched.is_some_and(|m| m != plan.matched) {
            continue;
        }
        let Some(checkpoint) = rhythm::checkin_due(&plan, now, zone) else {
            continue;
        };
        let from = zone.start_of_day(rhythm::first_day(&plan, zone));
        let sessions: Vec<PlanSession> = store
            .plan_sessions(&plan.matched, from)?
            .into_iter()
            .filter(|s| s.started_at <= now)
            .collect();
        let checkin = evaluate(&sessions, now);
        out.push(Pending {
            plan,
            checkpoint,
            checkin,
            sessions,
        });
    }
    Ok(out)
}

/// What the check-in found and advises, as lines (without how to answer).
pub fn text(library: &Library, pending: &Pending, local: &LocalTime) -> String {
    let plan = &pending.plan;
    let zone: &dyn Zone = local;
    let followed = pending
        .sessions
        .iter()
        .map(|s| zone.day(s.started_at))
        .collect::<std::collections::BTreeSet<i64>>()
        .len();
    let started = &local.date_time(plan.started_at)[..10];
    let mut out = String::new();
    let when = if pending.checkpoint.at_end {
        format!("your plan for {} has ended", plan.label)
    } else {
        format!(
            "two weeks into your {}-day plan for {}",
            plan.days, plan.label
        )
    };
    let _ = writeln!(
        out,
        "Check-in: {when} (from {started}: {} on {} day{}).",
        super::sessions(pending.sessions.len() as u32),
        followed,
        if followed == 1 { "" } else { "s" }
    );
    let checkin = &pending.checkin;
    if checkin.spots.iter().any(|s| s.first.is_some()) {
        let _ = writeln!(out, "Tenderness before a session, first days → last days:");
        for spot in &checkin.spots {
            let numbers = match (spot.first, spot.last) {
                (Some(first), Some(last)) => format!("{} → {}", rating(first), rating(last)),
                _ => "too few ratings".to_string(),
            };
            let _ = writeln!(
                out,
                "  - {} ({}): {numbers}, {}",
                context::muscle_name(library, &spot.muscle),
                spot.side.as_str(),
                spot.verdict.describe()
            );
        }
    }
    let worried: Vec<String> = checkin
        .spots
        .iter()
        .filter(|s| s.verdict.see_a_professional())
        .map(|s| {
            format!(
                "{} ({}, {})",
                context::muscle_name(library, &s.muscle),
                s.side.as_str(),
                s.verdict.describe()
            )
        })
        .collect();
    match checkin.outcome {
        Outcome::Improving => {
            let taper = if plan.per_day > 1 {
                format!(
                    "taper: fewer sessions a day as it settles (`tpcoach plan --edit {} --per-day {}`)",
                    plan.query,
                    plan.per_day - 1
                )
            } else {
                "taper: stop once it no longer bothers you".to_string()
            };
            let _ = writeln!(out, "It is helping. Carry on, or {taper}.");
        }
        Outcome::SeeProfessional => {
            let rising = checkin.spots.iter().any(|s| s.verdict == Verdict::Rising);
            let _ = writeln!(
                out,
                "Not improving: {}. {}See a professional (your doctor or a physiotherapist) rather than carrying on alone: other causes can feel the same, and they can check.",
                worried.join(", "),
                if rising { "Ease off (lighter pressure, fewer sessions). " } else { "" }
            );
        }
        Outcome::TooEarly => {
            let _ = writeln!(
                out,
                "Too few rated sessions to tell whether it helps (it takes {REGULAR_SESSIONS} over about two weeks). Extend to give it a little longer, rating each spot before and after; if the pain is no better, see a professional (your doctor or a physiotherapist)."
            );
        }
    }
    out.trim_end().to_string()
}

/// How to answer, for output that cannot ask.
pub fn how_to_answer(plan: &Plan) -> String {
    format!(
        "Answer with `tpcoach plan --checkin {q} carry-on`, `... {q} stop` or `... {q} extend` ({} more days; --days N for another number).",
        defaults::EXTEND_DAYS,
        q = plan.query
    )
}

/// Saves `answer` for `plan`'s check-in; the line that says what it did.
pub fn save(
    store: &Store,
    plan: &Plan,
    answer: Answer,
    extra: Option<u32>,
    now: i64,
    local: &LocalTime,
) -> anyhow::Result<String> {
    let days = rhythm::days_after(plan, answer, extra, now, local);
    store.answer_checkin(plan.id, now, answer, days)?;
    let zone: &dyn Zone = local;
    let last = zone.start_of_day(rhythm::first_day(plan, zone) + i64::from(days)) - 1;
    let until = &local.date_time(last)[..10];
    Ok(match answer {
        Answer::Stop => format!(
            "Stopped the plan for {}. Its sessions stay in your history.",
            plan.matched
        ),
        Answer::CarryOn => format!("Carrying on with the plan for {} to {until}.", plan.matched),
        Answer::Extend => format!("Extended the plan for {} to {until}.", plan.matched),
    })
}

/// The check-in for `suggest`: its text and how to answer, when one is due for `matched`.
/// Reading it never creates the database.
pub fn for_routine(library: &Library, matched: &str) -> anyhow::Result<Option<String>> {
    let Some(path) = context::database_path() else {
        return Ok(None);
    };
    let Some(store) = Store::open_if_exists(&path)? else {
        return Ok(None);
    };
    let local = LocalTime::new()?;
    let now = context::now()?;
    Ok(pending(&store, Some(matched), now, &local)?
        .first()
        .map(|p| format!("{}\n{}", text(library, p, &local), how_to_answer(&p.plan))))
}

/// What the session's check-in question came to.
pub enum Asked {
    /// Answered, or nothing to ask: go on with the session.
    Go,
    /// Ctrl-C at the question.
    Interrupted,
}

/// Asks the check-in due for `matched` (if any) before a session, saves the answer, and says
/// what it did. `plain`: only shows it, with how to answer.
pub fn ask_in_session(
    store: &Store,
    library: &Library,
    matched: &str,
    now: i64,
    plain: bool,
) -> anyhow::Result<Asked> {
    let local = LocalTime::new()?;
    let Some(p) = pending(store, Some(matched), now, &local)?
        .into_iter()
        .next()
    else {
        return Ok(Asked::Go);
    };
    let term = dialoguer::console::Term::stdout();
    let mut lines = text(library, &p, &local);
    if plain {
        lines.push('\n');
        lines.push_str(&how_to_answer(&p.plan));
    }
    for line in lines.lines() {
        term.write_line(&super::super::output::wrap_prose(line))?;
    }
    if plain {
        term.write_line("")?;
        return Ok(Asked::Go);
    }
    let items = [
        "Carry on".to_string(),
        format!("Extend by {} days", defaults::EXTEND_DAYS),
        "Stop the plan".to_string(),
        "Decide later".to_string(),
    ];
    let chosen = match dialoguer::Select::new()
        .with_prompt("Your answer (this session goes ahead either way)")
        .items(&items)
        .default(0)
        .interact_on_opt(&term)
    {
        Ok(chosen) => chosen,
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            return Ok(Asked::Interrupted)
        }
        Err(e) => return Err(e.into()),
    };
    let answer = match chosen {
        Some(0) => Answer::CarryOn,
        Some(1) => Answer::Extend,
        Some(2) => Answer::Stop,
        _ => {
            term.write_line(&format!("Later, then: {}", how_to_answer(&p.plan)))?;
            return Ok(Asked::Go);
        }
    };
    let line = save(store, &p.plan, answer, None, now, &local)?;
    term.write_line(&line)?;
    Ok(Asked::Go)
}
