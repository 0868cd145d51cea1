//! `tpcoach plan`: start, list, edit and stop plans (a daily rhythm of short sessions for one
//! query over about two weeks), and answer their check-ins. Also what `today`, `due`, `suggest`
//! and `session` share about plans: the local time zone, finding a query's plan, a plan's day.

pub mod checkin;

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;
use tpcoach::history::calendar::{self, Zone};
use tpcoach::history::plans::rhythm::{self, Next, Status, Wait};
use tpcoach::history::plans::{defaults, Answer, NewPlan, Plan, PlanChange};
use tpcoach::history::Store;
use tpcoach::library::Library;
use tpcoach::referral::Target;
use tpcoach::routine;

use super::history::LocalTime;
use super::{context, output};

impl Zone for LocalTime {
    fn offset(&self, at: i64) -> i64 {
        LocalTime::offset(self, at)
    }
}

/// Start a plan: a few short sessions a day for about two weeks, then a check-in.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tpcoach plan neck\n  tpcoach plan outer elbow --per-day 3 --days 10 --minutes 5\n  tpcoach plan --list\n  tpcoach plan --edit neck --per-day 2\n  tpcoach plan --stop neck\n  tpcoach plan --checkin neck carry-on\n\nDefaults (content reference 2.5, addendum 4.7): 2 sessions a day (at most 3), 1 (at most 2) when the routine works the neck, jaw, abdomen or hand; at least 3 hours apart; 14 days; 10 minutes."
)]
pub struct Args {
    /// What the plan is for: a region ("neck"), a pain area ("temple") or a symptom ("tension
    /// headache"), understood as `suggest` understands it. With --checkin, the last word is the
    /// answer: carry-on, stop or extend.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Sessions a day (default 2, at most 3; 1, at most 2, for the neck, jaw, abdomen or hand).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(defaults::MAX_PER_DAY)))]
    pub per_day: Option<u32>,
    /// How many days, today the first (default 14, at most 28); with `--checkin ... extend`, the
    /// days to add (default 7).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(defaults::MAX_DAYS)))]
    pub days: Option<u32>,
    /// Minutes per session (default 10, at most 15).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(routine::MAX_MINUTES)))]
    pub minutes: Option<u32>,
    /// List your plans, newest first.
    #[arg(long, conflicts_with_all = ["stop", "edit", "checkin", "per_day", "days", "minutes"])]
    pub list: bool,
    /// Stop the plan for QUERY.
    #[arg(long, conflicts_with_all = ["edit", "checkin", "per_day", "days", "minutes"])]
    pub stop: bool,
    /// Change the plan for QUERY: --per-day, --days, --minutes.
    #[arg(long, conflicts_with = "checkin")]
    pub edit: bool,
    /// Answer the check-in of the plan for QUERY: its last word is carry-on, stop or extend.
    #[arg(long, conflicts_with_all = ["per_day", "minutes"])]
    pub checkin: bool,
    /// With --list: print JSON.
    #[arg(long, requires = "list")]
    pub json: bool,
}

/// A query resolved the way `suggest` resolves it, with what a plan keeps of it.
struct Resolved {
    target: String,
    matched: String,
    label: String,
    muscles: Vec<String>,
    /// (default, most) sessions a day for its muscles.
    per_day: (u32, u32),
}

/// "region:neck".
fn target_key(target: Target<'_>) -> String {
    match target {
        Target::Region(id) => format!("region:{id}"),
        Target::PainArea(id) => format!("pain_area:{id}"),
        Target::Symptom(id) => format!("symptom:{id}"),
    }
}

/// The target's name in lower case, for a prompt marker ("neck", "tension headache").
fn label(library: &Library, target: Target<'_>) -> String {
    let name = match target {
        Target::Region(id) => library.region(id).map(|r| r.name.as_str()),
        Target::PainArea(id) => library.pain_area(id).map(|p| p.name.as_str()),
        Target::Symptom(id) => library.symptom(id).map(|s| s.name.as_str()),
    };
    name.unwrap_or("plan").to_lowercase()
}

/// Resolves `query` as `suggest` does, building its routine for `minutes` with the default
/// tools and the remembered technique (`--technique`), for the muscles a plan works.
fn resolve(library: &Library, query: &str, minutes: u32) -> anyhow::Result<Resolved> {
    let target = library.understand(query)?;
    let options = routine::Options {
        minutes,
        equipment: routine::parse_equipment(library, &["fingers".into(), "ball".into()])?,
        sides: routine::Sides::Both,
        limits: Default::default(),
        history: None,
        technique: super::technique::resolve(None, false)?.0,
        settle_seconds: routine::SETTLE_SECONDS,
    };
    let built = routine::build(library, query, &options)?;
    let mut muscles: Vec<String> = Vec::new();
    for step in &built.steps {
        if !muscles.iter().any(|m| *m == step.muscle) {
            muscles.push(step.muscle.to_string());
        }
    }
    let per_day = rhythm::per_day_limits(muscles.iter().map(String::as_str), |m| {
        library.muscle(m).map(|m| m.region.as_str())
    });
    Ok(Resolved {
        target: target_key(target),
        matched: built.matched,
        label: label(library, target),
        muscles,
        per_day,
    })
}

/// The plan still running (or waiting for its check-in) for a target, if any: the newest not
/// stopped.
pub fn current(plans: &[Plan], now: i64, by: impl Fn(&Plan) -> bool) -> Option<&Plan> {
    plans
        .iter()
        .rev()
        .find(|p| by(p) && !rhythm::stopped(p, now))
}

/// The plan for `query` (resolved as `suggest` does), or an error naming the plans there are.
fn find<'a>(
    library: &Library,
    plans: &'a [Plan],
    query: &str,
    now: i64,
) -> anyhow::Result<&'a Plan> {
    let target = target_key(library.understand(query)?);
    current(plans, now, |p| p.target == target).ok_or_else(|| {
        let names: Vec<&str> = plans
            .iter()
            .filter(|p| !rhythm::stopped(p, now))
            .map(|p| p.label.as_str())
            .collect();
        let have = if names.is_empty() {
            "you have none running".to_string()
        } else {
            format!("yours: {}", names.join(", "))
        };
        tpcoach::Error::BadInput(format!(
            "no plan for \"{query}\" ({have}); `tpcoach plan {query}` starts one"
        ))
        .into()
    })
}

/// A plan's status as of `now`: its sessions, and whether every spot is resting.
pub fn status(
    store: &Store,
    plan: &Plan,
    now: i64,
    zone: &dyn Zone,
    known: &dyn Fn(&str) -> bool,
) -> anyhow::Result<(Status, Vec<tpcoach::history::plans::PlanSession>)> {
    let sessions = store.plan_sessions(&plan.matched, rhythm::sessions_from(plan, zone))?;
    let mut status = rhythm::status(plan, &sessions, now, zone, None);
    if status.left_today > 0 {
        let advice =
            store.spot_advice(&|m| known(m) && plan.muscles.iter().any(|p| p == m), now)?;
        let until = rhythm::resting_until(&plan.muscles, &advice);
        if until.is_some() {
            status = rhythm::status(plan, &sessions, now, zone, until);
        }
    }
    Ok((status, sessions))
}

/// "1 session", "2 sessions".
pub fn sessions(n: u32) -> String {
    format!("{n} session{}", if n == 1 { "" } else { "s" })
}

/// A time later today as "17:10", else with its date.
pub fn when(local: &LocalTime, at: i64, now: i64) -> String {
    let text = local.date_time(at);
    let zone: &dyn Zone = local;
    match zone.day(at) - zone.day(now) {
        0 => text[11..].to_string(),
        1 => format!("tomorrow {}", &text[11..]),
        _ => text,
    }
}

/// When the next session is due, in words.
pub fn next_text(local: &LocalTime, status: &Status, now: i64) -> String {
    match status.next {
        Next::Now => "a session is due now".into(),
        Next::Later {
            at,
            why: Wait::Spacing,
        } => format!(
            "next due at {} ({} h after the last)",
            when(local, at, now),
            defaults::SPACING_SECONDS / 3600
        ),
        Next::Later {
            at,
            why: Wait::Resting,
        } => format!(
            "next due at {} (every spot is resting until then)",
            when(local, at, now)
        ),
        Next::Tomorrow { at } => {
            let zone: &dyn Zone = local;
            if at == zone.start_of_day(zone.day(now) + 1) {
                "done for today; next due tomorrow".into()
            } else {
                format!("done for today; next due {}", when(local, at, now))
            }
        }
        Next::Complete => "done for today, the plan's last day".into(),
        Next::Ended => "the plan has ended".into(),
        Next::Stopped => "stopped".into(),
    }
}

/// "day 3 of 14" (or "ended 2026-11-14", "stopped 2026-11-03").
fn state(local: &LocalTime, plan: &Plan, status: &Status) -> String {
    if let Some(at) = plan.stopped_at {
        return format!("stopped {}", &local.date_time(at)[..10]);
    }
    if status.day >= i64::from(plan.days) {
        return format!("ended {}", &local.date_time(status.ends_at - 1)[..10]);
    }
    format!("day {} of {}", status.day + 1, plan.days)
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    id: i64,
    query: &'a str,
    target: &'a str,
    matched: &'a str,
    label: &'a str,
    started_at: i64,
    ends_at: i64,
    days: u32,
    per_day: u32,
    minutes: u32,
    muscles: &'a [String],
    stopped_at: Option<i64>,
    checkin_due: bool,
    checkins: Vec<JsonAnswer>,
}

#[derive(Serialize)]
struct JsonAnswer {
    at: i64,
    answer: Answer,
    days: u32,
}

fn list(store: Option<&Store>, library: &Library, json: bool, now: i64) -> anyhow::Result<()> {
    let plans = match store {
        Some(store) => store.plans()?,
        None => Vec::new(),
    };
    let local = LocalTime::new()?;
    let statuses: Vec<Status> = plans
        .iter()
        .map(|p| rhythm::status(p, &[], now, &local, None))
        .collect();
    if json {
        let rows: Vec<JsonPlan> = plans
            .iter()
            .zip(&statuses)
            .rev()
            .map(|(p, s)| JsonPlan {
                id: p.id.0,
                query: &p.query,
                target: &p.target,
                matched: &p.matched,
                label: &p.label,
                started_at: p.started_at,
                ends_at: s.ends_at,
                days: p.days,
                per_day: p.per_day,
                minutes: p.minutes,
                muscles: &p.muscles,
                stopped_at: p.stopped_at,
                checkin_due: s.checkin.is_some(),
                checkins: p
                    .checkins
                    .iter()
                    .map(|a| JsonAnswer {
                        at: a.at,
                        answer: a.answer,
                        days: a.days,
                    })
                    .collect(),
            })
            .collect();
        return output::json(&rows);
    }
    if plans.is_empty() {
        output::print("No plans yet: `tpcoach plan neck` starts one.")?;
        return Ok(());
    }
    let mut table = output::table(&["Plan", "Started", "Rhythm", "Status", "Muscles"]);
    for (p, s) in plans.iter().zip(&statuses).rev() {
        let mut status = state(&local, p, s);
        if s.checkin.is_some() {
            status.push_str(", check-in due");
        }
        let muscles: Vec<String> = p
            .muscles
            .iter()
            .map(|m| context::muscle_name(library, m))
            .collect();
        table.add_row(vec![
            p.label.clone(),
            local.date_time(p.started_at)[..10].to_string(),
            format!("{} a day, {} min", sessions(p.per_day), p.minutes),
            status,
            muscles.join(", "),
        ]);
    }
    output::print(table)?;
    Ok(())
}

fn check_per_day(resolved: &Resolved, per_day: u32) -> anyhow::Result<()> {
    let (_, most) = resolved.per_day;
    if per_day > most {
        return Err(tpcoach::Error::BadInput(format!(
            "at most {} a day for {}: its routine works the neck, jaw, abdomen or hand, where \
             the sources advise fewer sessions than elsewhere (1 to 3 a day)",
            sessions(most),
            resolved.matched
        ))
        .into());
    }
    Ok(())
}

fn start(
    store: &Store,
    library: &Library,
    args: &Args,
    query: &str,
    now: i64,
) -> anyhow::Result<()> {
    let minutes = args.minutes.unwrap_or(defaults::MINUTES);
    let resolved = resolve(library, query, minutes)?;
    let plans = store.plans()?;
    if let Some(plan) = current(&plans, now, |p| p.target == resolved.target) {
        return Err(tpcoach::Error::BadInput(format!(
            "you already have a plan for {} (started {}): `tpcoach plan --edit {query} ...` \
             changes it, `tpcoach plan --stop {query}` stops it",
            plan.matched,
            &LocalTime::new()?.date_time(plan.started_at)[..10]
        ))
        .into());
    }
    let per_day = args.per_day.unwrap_or(resolved.per_day.0);
    check_per_day(&resolved, per_day)?;
    let days = args.days.unwrap_or(defaults::DAYS);
    store.create_plan(&NewPlan {
        query: query.to_string(),
        target: resolved.target.clone(),
        matched: resolved.matched.clone(),
        label: resolved.label.clone(),
        started_at: now,
        days,
        per_day,
        minutes,
        muscles: resolved.muscles.clone(),
    })?;
    let local = LocalTime::new()?;
    let zone: &dyn Zone = &local;
    let last = zone.start_of_day(zone.day(now) + i64::from(days)) - 1;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        output::bold(&format!("Plan: {}", resolved.matched))
    );
    let _ = writeln!(
        out,
        "{} a day, at least {} hours apart, {minutes} min each, for {days} day{} (to {}); then a check-in on whether it helps.",
        sessions(per_day),
        defaults::SPACING_SECONDS / 3600,
        if days == 1 { "" } else { "s" },
        &calendar::date_time(last, zone.offset(last))[..10],
    );
    if per_day < defaults::PER_DAY && args.per_day.is_none() {
        let _ = writeln!(
            out,
            "One a day: the routine works the neck, jaw, abdomen or hand, where fewer sessions are advised."
        );
    }
    let _ = writeln!(
        out,
        "Every `tpcoach session {query}` counts toward it. `tpcoach today` shows the day; `tpcoach due` in your prompt says when a session is due."
    );
    let _ = write!(
        out,
        "Start now: tpcoach session {query} --minutes {minutes}"
    );
    output::print(output::wrap_prose(&out))?;
    Ok(())
}

fn edit(
    store: &Store,
    library: &Library,
    args: &Args,
    query: &str,
    now: i64,
) -> anyhow::Result<()> {
    let plans = store.plans()?;
    let plan = find(library, &plans, query, now)?;
    if args.per_day.is_none() && args.days.is_none() && args.minutes.is_none() {
        return Err(tpcoach::Error::BadInput(
            "say what to change: --per-day N, --days N or --minutes N".into(),
        )
        .into());
    }
    let minutes = args.minutes.unwrap_or(plan.minutes);
    let resolved = resolve(library, &plan.query, minutes)?;
    let per_day = args.per_day.unwrap_or(plan.per_day);
    check_per_day(&resolved, per_day)?;
    store.edit_plan(
        plan.id,
        &PlanChange {
            days: args.days,
            per_day: args.per_day,
            minutes: args.minutes,
            muscles: args.minutes.map(|_| resolved.muscles.clone()),
        },
    )?;
    output::print(format!(
        "Plan for {}: {} a day, {minutes} min each, {} days.",
        plan.matched,
        sessions(per_day),
        args.days.unwrap_or(plan.days)
    ))?;
    Ok(())
}

fn stop(store: &Store, library: &Library, query: &str, now: i64) -> anyhow::Result<()> {
    let plans = store.plans()?;
    let plan = find(library, &plans, query, now)?;
    store.stop_plan(plan.id, now)?;
    output::print(format!(
        "Stopped the plan for {}. Its sessions stay in your history.",
        plan.matched
    ))?;
    Ok(())
}

fn answer(store: &Store, library: &Library, args: &Args, now: i64) -> anyhow::Result<()> {
    let (word, words) = match args.query.split_last() {
        Some((last, rest)) if !rest.is_empty() => (last, rest),
        _ => {
            return Err(tpcoach::Error::BadInput(
                "give the plan and the answer: `tpcoach plan --checkin neck carry-on` (or stop, extend)"
                    .into(),
            )
            .into())
        }
    };
    let Some(answer) = Answer::parse(word) else {
        return Err(tpcoach::Error::BadInput(format!(
            "\"{word}\" is not an answer: the last word is carry-on, stop or extend"
        ))
        .into());
    };
    let query = words.join(" ");
    let plans = store.plans()?;
    let plan = find(library, &plans, &query, now)?;
    let local = LocalTime::new()?;
    if rhythm::checkin_due(plan, now, &local).is_none() {
        let status = rhythm::status(plan, &[], now, &local, None);
        return Err(tpcoach::Error::BadInput(format!(
            "no check-in is due for {} yet ({}); it comes at the plan's end or after two weeks. `tpcoach plan --stop {query}` stops it now",
            plan.matched,
            state(&local, plan, &status)
        ))
        .into());
    }
    let line = checkin::save(store, plan, answer, args.days, now, &local)?;
    output::print(line)?;
    Ok(())
}

/// Runs `tpcoach plan`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    let now = context::now()?;
    let path = context::database()?;
    if args.list {
        let store = Store::open_if_exists(&path)?;
        return list(store.as_ref(), library, args.json, now);
    }
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        return Err(tpcoach::Error::BadInput(
            "say what the plan is for: `tpcoach plan neck` (or --list to see your plans)".into(),
        )
        .into());
    }
    let store = Store::open(&path)?;
    if args.stop {
        stop(&store, library, &query, now)
    } else if args.edit {
        edit(&store, library, args, &query, now)
    } else if args.checkin {
        answer(&store, library, args, now)
    } else {
        start(&store, library, args, &query, now)
    }
}
