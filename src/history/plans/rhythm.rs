//! The rules of a plan's day: which local day of the plan it is, how many sessions are done and
//! left today, when the next one is due (at least [`defaults::SPACING_SECONDS`] after the last,
//! not while every spot is resting), the minutes left under the day's limit, the days followed so
//! far, and when a check-in is due. Every rule takes "now" and the time zone as arguments.
//!
//! Days are local calendar days: a plan's first day is the day it was started, and its last day
//! ends at local midnight, however long the days in between were (a daylight saving change makes
//! one 23 or 25 hours).

use super::{defaults, Answer, Plan, PlanSession};
use crate::history::calendar::Zone;

/// One local day of a plan so far, and how many of its sessions were done that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    /// The local day number (days since 1970-01-01).
    pub day: i64,
    /// Sessions done that day.
    pub sessions: u32,
}

/// Why the next session has to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// At least [`defaults::SPACING_SECONDS`] between sessions.
    Spacing,
    /// Every spot of the plan is resting (see [`crate::history::SpotAdvice`]).
    Resting,
}

/// When the next session of a plan is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Now.
    Now,
    /// At this time (Unix seconds), for this reason.
    Later {
        /// When.
        at: i64,
        /// Why not before.
        why: Wait,
    },
    /// Today's sessions are done; the next is due at this time (local midnight, or later if the
    /// spacing reaches past it).
    Tomorrow {
        /// When.
        at: i64,
    },
    /// The last day's sessions are done: the plan is complete once today ends.
    Complete,
    /// The plan has ended.
    Ended,
    /// The plan was stopped.
    Stopped,
}

/// A check-in that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint {
    /// The local day it became due.
    pub day: i64,
    /// It is the plan's end (rather than a two-week mark within a longer plan).
    pub at_end: bool,
}

/// A plan as of now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Which day of the plan today is, from 0 (at or past `days` once it has ended).
    pub day: i64,
    /// The first second after the plan's last day (Unix seconds).
    pub ends_at: i64,
    /// Sessions done today.
    pub done_today: u32,
    /// Sessions still due today (0 once the plan has ended or stopped).
    pub left_today: u32,
    /// When the next is due.
    pub next: Next,
    /// Seconds of work done today in the plan's sessions.
    pub seconds_today: u32,
    /// The day's limit in seconds: sessions a day times minutes per session.
    pub limit_seconds: u32,
    /// Each day of the plan so far (up to today, or its last day), oldest first.
    pub calendar: Vec<Day>,
    /// Today's pairs of sessions closer together than [`defaults::SPACING_SECONDS`]: the end of
    /// the first and the start of the second (Unix seconds).
    pub too_close: Vec<(i64, i64)>,
    /// The check-in, when one is due.
    pub checkin: Option<Checkpoint>,
}

impl Status {
    /// Whether a session is due now.
    pub fn due_now(&self) -> bool {
        self.next == Next::Now
    }

    /// Seconds left under the day's limit.
    pub fn seconds_left(&self) -> u32 {
        self.limit_seconds.saturating_sub(self.seconds_today)
    }

    /// Days so far with at least one session.
    pub fn days_followed(&self) -> usize {
        self.calendar.iter().filter(|d| d.sessions > 0).count()
    }
}

/// The local day a plan started on.
pub fn first_day(plan: &Plan, zone: &dyn Zone) -> i64 {
    zone.day(plan.started_at)
}

/// The first local day after the plan's last.
pub fn end_day(plan: &Plan, zone: &dyn Zone) -> i64 {
    first_day(plan, zone) + i64::from(plan.days)
}

/// From when sessions matter to the plan (Unix seconds): its first day's midnight, less the
/// spacing (a session late the evening before still spaces the first one).
pub fn sessions_from(plan: &Plan, zone: &dyn Zone) -> i64 {
    zone.start_of_day(first_day(plan, zone)) - defaults::SPACING_SECONDS
}

/// Whether the plan was stopped by `now`.
pub fn stopped(plan: &Plan, now: i64) -> bool {
    plan.stopped_at.is_some_and(|at| at <= now)
}

/// The check-in due as of `now`, if any: at the plan's end, or [`defaults::CHECK_IN_DAYS`] after
/// it started or after the last answer, whichever comes first; none for a stopped plan.
pub fn checkin_due(plan: &Plan, now: i64, zone: &dyn Zone) -> Option<Checkpoint> {
    if stopped(plan, now) {
        return None;
    }
    let end = end_day(plan, zone);
    let anchor = plan
        .checkins
        .last()
        .map_or(first_day(plan, zone), |a| zone.day(a.at));
    let day = end.min(anchor + i64::from(defaults::CHECK_IN_DAYS));
    (zone.day(now) >= day).then_some(Checkpoint {
        day,
        at_end: day == end,
    })
}

/// The plan's length in days after `answer` is given at `now`: "carry on" keeps it (a plan that
/// has ended gets [`defaults::CHECK_IN_DAYS`] more days from today), "extend" adds `extra` days
/// (default [`defaults::EXTEND_DAYS`]) after its end or after today, whichever is later, and
/// "stop" leaves it as it is.
pub fn days_after(
    plan: &Plan,
    answer: Answer,
    extra: Option<u32>,
    now: i64,
    zone: &dyn Zone,
) -> u32 {
    let first = first_day(plan, zone);
    let today = zone.day(now);
    let end = end_day(plan, zone);
    let new_end = match answer {
        Answer::Stop => end,
        Answer::CarryOn if today >= end => today + i64::from(defaults::CHECK_IN_DAYS),
        Answer::CarryOn => end,
        Answer::Extend => end.max(today) + i64::from(extra.unwrap_or(defaults::EXTEND_DAYS)),
    };
    u32::try_from(new_end - first).unwrap_or(plan.days).max(1)
}

/// The plan as of `now`, from its `sessions` (those of [`super::Store::plan_sessions`] from
/// [`sessions_from`], oldest first; later ones are ignored). `resting_until` is set when every
/// spot of the plan is resting: the time the first of them may be worked again.
pub fn status(
    plan: &Plan,
    sessions: &[PlanSession],
    now: i64,
    zone: &dyn Zone,
    resting_until: Option<i64>,
) -> Status {
    let first = first_day(plan, zone);
    let end = end_day(plan, zone);
    let today = zone.day(now);
    let sessions: Vec<&PlanSession> = sessions.iter().filter(|s| s.started_at <= now).collect();
    let on = |day: i64| {
        sessions
            .iter()
            .filter(move |s| zone.day(s.started_at) == day)
    };
    let done_today = on(today).count() as u32;
    let seconds_today = on(today).fold(0u32, |sum, s| sum.saturating_add(s.seconds()));
    let calendar: Vec<Day> = (first..=today.min(end - 1))
        .map(|day| Day {
            day,
            sessions: on(day).count() as u32,
        })
        .collect();
    let today_sessions: Vec<&&PlanSession> = on(today).collect();
    let too_close = today_sessions
        .windows(2)
        .filter(|w| w[1].started_at - w[0].ended_at < defaults::SPACING_SECONDS)
        .map(|w| (w[0].ended_at, w[1].started_at))
        .collect();
    let last_end = sessions.iter().map(|s| s.ended_at).max();
    let spaced = last_end.map(|end| end + defaults::SPACING_SECONDS);
    let active = !stopped(plan, now) && today < end;
    let left_today = if active {
        plan.per_day.saturating_sub(done_today)
    } else {
        0
    };
    let next = if stopped(plan, now) {
        Next::Stopped
    } else if today >= end {
        Next::Ended
    } else if left_today == 0 {
        if today + 1 >= end {
            Next::Complete
        } else {
            let midnight = zone.start_of_day(today + 1);
            Next::Tomorrow {
                at: spaced.map_or(midnight, |s| s.max(midnight)),
            }
        }
    } else {
        let wait = [
            spaced.map(|at| (at, Wait::Spacing)),
            resting_until.map(|at| (at, Wait::Resting)),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|&(at, _)| at);
        match wait {
            Some((at, why)) if at > now => {
                if zone.day(at) >= end {
                    Next::Complete
                } else {
                    Next::Later { at, why }
                }
            }
            _ => Next::Now,
        }
    };
    Status {
        day: today - first,
        ends_at: zone.start_of_day(end),
        done_today,
        left_today,
        next,
        seconds_today,
        limit_seconds: plan.per_day.saturating_mul(plan.minutes).saturating_mul(60),
        calendar,
        too_close,
        checkin: checkin_due(plan, now, zone),
    }
}

/// The most sessions a day for a plan whose routine works `muscles` (ids, with their regions
/// looked up by `region_of`): fewer for the neck, jaw, abdomen and hand
/// ([`defaults::SENSITIVE_MAX_PER_DAY`]), else [`defaults::MAX_PER_DAY`]; and the default.
pub fn per_day_limits<'a>(
    muscles: impl IntoIterator<Item = &'a str>,
    region_of: impl Fn(&str) -> Option<&'a str>,
) -> (u32, u32) {
    let sensitive = muscles.into_iter().any(|m| {
        defaults::HAND_MUSCLES.contains(&m)
            || region_of(m).is_some_and(|r| defaults::SENSITIVE_REGIONS.contains(&r))
    });
    if sensitive {
        (defaults::SENSITIVE_PER_DAY, defaults::SENSITIVE_MAX_PER_DAY)
    } else {
        (defaults::PER_DAY, defaults::MAX_PER_DAY)
    }
}

/// When every spot of `muscles` (both sides) is resting, per `advice` (see
/// [`crate::history::Store::spot_advice`]): the time the first of them may be worked again.
/// `None` when any spot is free, or when there are no muscles.
pub fn resting_until(
    muscles: &[String],
    advice: &std::collections::BTreeMap<(String, crate::routine::Side), crate::history::SpotAdvice>,
) -> Option<i64> {
    use crate::routine::{Advice, Side};
    let mut until: Option<i64> = None;
    for muscle in muscles {
        for side in [Side::Left, Side::Right] {
            let spot = advice
                .get(&(muscle.clone(), side))
                .filter(|a| a.advice == Advice::Rest)?;
            until = Some(until.map_or(spot.until(), |u| u.min(spot.until())));
        }
    }
    until
}
