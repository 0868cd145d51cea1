//! `tpcoach today`: the day at a glance. Any check-in that is due first; then for each plan the
//! sessions done and due, when the next is due, the spots resting and why, the minutes left under
//! the day's limit, the days followed so far and the trend of the plan's sessions.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;
use tpcoach::history::calendar::{Date, Zone};
use tpcoach::history::plans::checkin::{points, Outcome};
use tpcoach::history::plans::rhythm::{self, Next, Status, Wait};
use tpcoach::history::plans::{defaults, Plan, PlanSession};
use tpcoach::history::progress::{judge, TREND_POINTS};
use tpcoach::history::{SpotAdvice, Store, Verdict};
use tpcoach::library::Library;
use tpcoach::routine::{Advice, Side};

use super::history::{round1, LocalTime};
use super::plan::{self, checkin};
use super::progress::trend_cell;
use super::suggest::duration;
use super::{context, output};

/// The day at a glance: what each plan asks of today, and how the plan is going.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tpcoach today\n  tpcoach today --json")]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// One plan's day, computed once for text and JSON.
struct PlanDay {
    plan: Plan,
    status: Status,
    resting: BTreeMap<(String, Side), SpotAdvice>,
    /// Per spot: tenderness before each of the plan's rated sessions, oldest first, and the
    /// verdict on them.
    trend: Vec<(String, Side, Vec<Option<f64>>, Verdict)>,
}

fn plan_day(
    store: &Store,
    library: &Library,
    plan: Plan,
    now: i64,
    zone: &dyn Zone,
) -> anyhow::Result<PlanDay> {
    let known = |m: &str| library.muscle(m).is_some();
    let (status, sessions) = plan::status(store, &plan, now, zone, &known)?;
    let resting = store.spot_advice(&|m| known(m) && plan.muscles.iter().any(|p| p == m), now)?;
    let from = zone.start_of_day(rhythm::first_day(&plan, zone));
    let in_plan: Vec<PlanSession> = sessions
        .into_iter()
        .filter(|s| s.started_at >= from && s.started_at <= now)
        .collect();
    let trend = points(&in_plan)
        .into_iter()
        .map(|((muscle, side), points)| {
            let verdict = judge(&points, now);
            let skip = points.len().saturating_sub(TREND_POINTS);
            let before = points[skip..].iter().map(|p| p.before).collect();
            (muscle, side, before, verdict)
        })
        .filter(
            |(_, _, before, _): &(String, Side, Vec<Option<f64>>, Verdict)| {
                before.iter().any(Option::is_some)
            },
        )
        .collect();
    Ok(PlanDay {
        plan,
        status,
        resting,
        trend,
    })
}

/// The days of the plan as one character each: `█` every session done, `▄` some, `·` none (a
/// missed day), `░` still to come.
fn days_line(day: &PlanDay) -> String {
    let today = day.status.day;
    (0..i64::from(day.plan.days))
        .map(|d| match day.status.calendar.get(d as usize) {
            Some(c) if c.sessions >= day.plan.per_day => '█',
            Some(c) if c.sessions > 0 => '▄',
            Some(_) if d < today => '·',
            _ => '░',
        })
        .collect()
}

/// Days so far for "followed": the days before today, and today once it has a session.
fn days_so_far(day: &PlanDay) -> usize {
    // The calendar runs from the first day to today (or the last day).
    let past = day
        .status
        .calendar
        .len()
        .min(usize::try_from(day.status.day).unwrap_or(0));
    let today_done = day.status.done_today > 0 && day.status.day < i64::from(day.plan.days);
    past + usize::from(today_done)
}

fn render(library: &Library, day: &PlanDay, local: &LocalTime, now: i64) -> String {
    let plan = &day.plan;
    let status = &day.status;
    let mut out = String::new();
    let state = if status.day >= i64::from(plan.days) {
        "ended".to_string()
    } else {
        format!("day {} of {}", status.day + 1, plan.days)
    };
    let _ = writeln!(
        out,
        "{}",
        output::bold(&format!(
            "{}: {state}, {} a day, {} min each",
            plan.label,
            plan::sessions(plan.per_day),
            plan.minutes
        ))
    );
    if status.day < i64::from(plan.days) {
        let _ = writeln!(
            out,
            "  Today: {} of {} done; {}.",
            status.done_today,
            plan.per_day,
            plan::next_text(local, status, now)
        );
        let _ = writeln!(
            out,
            "  Minutes left today: {} of {} min.",
            duration(status.seconds_left()),
            plan.per_day * plan.minutes,
        );
        for (end, start) in &status.too_close {
            let minutes = (start - end).max(0) / 60;
            let _ = writeln!(
                out,
                "  Too close: a session started {minutes} min after the one before ended; leave at least {} hours between them.",
                defaults::SPACING_SECONDS / 3600
            );
        }
    }
    for ((muscle, side), spot) in &day.resting {
        let (word, rule) = match spot.advice {
            Advice::Rest => ("Resting", "rest it"),
            Advice::Gentle => ("Gentler", "a gentler dose"),
        };
        let _ = writeln!(
            out,
            "  {word}: {} ({}): {}/10 after your session at {}; {rule} until {}.",
            context::muscle_name(library, muscle),
            side.as_str(),
            spot.after,
            plan::when(local, spot.worked_at, now),
            plan::when(local, spot.until(), now)
        );
    }
    let followed = match days_so_far(day) {
        0 => "none yet".to_string(),
        so_far => format!("{} of {so_far}", status.days_followed()),
    };
    let _ = writeln!(out, "  Days followed: {followed}  {}", days_line(day));
    if !day.trend.is_empty() {
        let _ = writeln!(out, "  Tenderness before each session of the plan:");
        for (muscle, side, before, verdict) in &day.trend {
            let _ = writeln!(
                out,
                "    {} ({}): {}, {}",
                context::muscle_name(library, muscle),
                side.as_str(),
                trend_cell(before),
                verdict.describe()
            );
        }
    }
    if status.left_today > 0 {
        let _ = writeln!(
            out,
            "  Next: tpcoach session {} --minutes {}",
            plan.query, plan.minutes
        );
    }
    out
}

#[derive(Serialize)]
struct JsonToday<'a> {
    now: i64,
    checkins: Vec<JsonCheckin<'a>>,
    plans: Vec<JsonPlan<'a>>,
}

#[derive(Serialize)]
struct JsonCheckin<'a> {
    query: &'a str,
    matched: &'a str,
    at_end: bool,
    outcome: Outcome,
    spots: Vec<JsonSpotCheck>,
    text: String,
}

#[derive(Serialize)]
struct JsonSpotCheck {
    muscle: String,
    name: String,
    side: &'static str,
    sessions: usize,
    first: Option<f64>,
    last: Option<f64>,
    verdict: Verdict,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    query: &'a str,
    matched: &'a str,
    label: &'a str,
    started_at: i64,
    ends_at: i64,
    day: i64,
    days: u32,
    per_day: u32,
    minutes: u32,
    done_today: u32,
    left_today: u32,
    due_now: bool,
    next: &'static str,
    next_due_at: Option<i64>,
    waiting_for: Option<&'static str>,
    seconds_today: u32,
    limit_seconds: u32,
    seconds_left: u32,
    too_close: Vec<[i64; 2]>,
    resting: Vec<JsonRest>,
    calendar: Vec<JsonDay>,
    days_followed: usize,
    trend: Vec<JsonTrend>,
    checkin_due: bool,
}

#[derive(Serialize)]
struct JsonRest {
    muscle: String,
    name: String,
    side: &'static str,
    advice: &'static str,
    worked_at: i64,
    after: u8,
    until: i64,
}

#[derive(Serialize)]
struct JsonDay {
    date: String,
    sessions: u32,
}

#[derive(Serialize)]
struct JsonTrend {
    muscle: String,
    name: String,
    side: &'static str,
    before: Vec<Option<f64>>,
    verdict: Verdict,
}

fn json_plan<'a>(library: &Library, day: &'a PlanDay) -> JsonPlan<'a> {
    let s = &day.status;
    let (next, at, why) = match s.next {
        Next::Now => ("now", None, None),
        Next::Later { at, why } => (
            "later",
            Some(at),
            Some(match why {
                Wait::Spacing => "spacing",
                Wait::Resting => "resting",
            }),
        ),
        Next::Tomorrow { at } => ("tomorrow", Some(at), None),
        Next::Complete => ("complete", None, None),
        Next::Ended => ("ended", None, None),
        Next::Stopped => ("stopped", None, None),
    };
    JsonPlan {
        query: &day.plan.query,
        matched: &day.plan.matched,
        label: &day.plan.label,
        started_at: day.plan.started_at,
        ends_at: s.ends_at,
        day: s.day,
        days: day.plan.days,
        per_day: day.plan.per_day,
        minutes: day.plan.minutes,
        done_today: s.done_today,
        left_today: s.left_today,
        due_now: s.due_now(),
        next,
        next_due_at: at,
        waiting_for: why,
        seconds_today: s.seconds_today,
        limit_seconds: s.limit_seconds,
        seconds_left: s.seconds_left(),
        too_close: s.too_close.iter().map(|&(a, b)| [a, b]).collect(),
        resting: day
            .resting
            .iter()
            .map(|((muscle, side), spot)| JsonRest {
                muscle: muscle.clone(),
                name: context::muscle_name(library, muscle),
                side: side.as_str(),
                advice: match spot.advice {
                    Advice::Rest => "rest",
                    Advice::Gentle => "gentle",
                },
                worked_at: spot.worked_at,
                after: spot.after,
                until: spot.until(),
            })
            .collect(),
        calendar: s
            .calendar
            .iter()
            .map(|d| JsonDay {
                date: Date::from_days(d.day).to_string(),
                sessions: d.sessions,
            })
            .collect(),
        days_followed: s.days_followed(),
        trend: day
            .trend
            .iter()
            .map(|(muscle, side, before, verdict)| JsonTrend {
                muscle: muscle.clone(),
                name: context::muscle_name(library, muscle),
                side: side.as_str(),
                before: before.iter().map(|b| b.map(round1)).collect(),
                verdict: *verdict,
            })
            .collect(),
        checkin_due: s.checkin.is_some(),
    }
}

/// Runs `tpcoach today`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    let now = context::now()?;
    let local = LocalTime::new()?;
    let store = Store::open_if_exists(&context::database()?)?;
    let (pending, days) = match &store {
        Some(store) => {
            let pending = checkin::pending(store, None, now, &local)?;
            let mut days = Vec::new();
            for plan in store.plans()? {
                if !rhythm::stopped(&plan, now) {
                    days.push(plan_day(store, library, plan, now, &local)?);
                }
            }
            (pending, days)
        }
        None => (Vec::new(), Vec::new()),
    };
    if args.json {
        return output::json(&JsonToday {
            now,
            checkins: pending
                .iter()
                .map(|p| JsonCheckin {
                    query: &p.plan.query,
                    matched: &p.plan.matched,
                    at_end: p.checkpoint.at_end,
                    outcome: p.checkin.outcome,
                    spots: p
                        .checkin
                        .spots
                        .iter()
                        .map(|s| JsonSpotCheck {
                            muscle: s.muscle.clone(),
                            name: context::muscle_name(library, &s.muscle),
                            side: s.side.as_str(),
                            sessions: s.sessions,
                            first: s.first.map(round1),
                            last: s.last.map(round1),
                            verdict: s.verdict,
                        })
                        .collect(),
                    text: checkin::text(library, p, &local),
                })
                .collect(),
            plans: days.iter().map(|d| json_plan(library, d)).collect(),
        });
    }
    if days.is_empty() {
        output::print("No plans running: `tpcoach plan neck` starts one (`tpcoach plan --list` shows past ones).")?;
        return Ok(());
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        output::bold(&format!("Today, {}", local.date_time(now)))
    );
    for p in &pending {
        let _ = writeln!(out, "\n{}", checkin::text(library, p, &local));
        let _ = writeln!(out, "{}", checkin::how_to_answer(&p.plan));
    }
    for day in &days {
        let _ = write!(out, "\n{}", render(library, day, &local, now));
    }
    let _ = write!(
        out,
        "\nDays: █ every session done, ▄ some, · none, ░ to come. Sessions at least {} hours apart; a spot still tender after the last one rests.",
        defaults::SPACING_SECONDS / 3600
    );
    output::print(output::wrap_prose(&out))?;
    Ok(())
}
