//! The check-in at a plan's end (or at two weeks): per spot, the tenderness before its sessions
//! in the plan's first days against its last days, judged by the same rule as `tpcoach progress`
//! ([`crate::history::progress::judge`]); then what to do: carry on or taper when it is
//! improving, see a professional when it is not improving or keeps rising (content reference,
//! section 2.7: no meaningful improvement after about one to two weeks of consistent self-care,
//! or symptoms worsening).

use std::collections::BTreeMap;

use super::PlanSession;
use crate::history::progress::{halves, judge, TrendPoint, Verdict};
use crate::routine::Side;

/// One spot at the check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct SpotCheck {
    /// The muscle's id.
    pub muscle: String,
    /// The side.
    pub side: Side,
    /// Rated sessions of the plan that worked it.
    pub sessions: usize,
    /// The mean tenderness before its sessions in the earlier half of the plan (0-10).
    pub first: Option<f64>,
    /// The same over the later half.
    pub last: Option<f64>,
    /// What the record says.
    pub verdict: Verdict,
}

/// What the check-in advises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every spot judged is improving or low: carry on, or taper (fewer sessions a day).
    Improving,
    /// A spot is not improving or keeps rising: see a professional.
    SeeProfessional,
    /// Too few rated sessions to tell.
    TooEarly,
}

/// A plan's check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    /// Each spot worked in the plan, by muscle id, then left before right.
    pub spots: Vec<SpotCheck>,
    /// The advice.
    pub outcome: Outcome,
}

/// Sums of (before, after) ratings, their counts, and the last step's time.
type Sums = ([f64; 2], [u32; 2], i64);

/// Per spot, one point per session (the mean of its rated steps), oldest first.
pub fn points(sessions: &[PlanSession]) -> BTreeMap<(String, Side), Vec<TrendPoint>> {
    let mut out: BTreeMap<(String, Side), Vec<TrendPoint>> = BTreeMap::new();
    for session in sessions {
        let mut sums: BTreeMap<(&str, Side), Sums> = BTreeMap::new();
        for step in &session.steps {
            let entry = sums.entry((step.muscle.as_str(), step.side)).or_insert((
                [0.0; 2],
                [0; 2],
                step.ended_at,
            ));
            entry.2 = entry.2.max(step.ended_at);
            for (i, rating) in [step.before, step.after].into_iter().enumerate() {
                if let Some(r) = rating {
                    entry.0[i] += f64::from(r);
                    entry.1[i] += 1;
                }
            }
        }
        for ((muscle, side), (sum, n, at)) in sums {
            let mean = |i: usize| (n[i] > 0).then(|| sum[i] / f64::from(n[i]));
            let point = TrendPoint {
                session: session.id,
                at,
                before: mean(0),
                after: mean(1),
            };
            out.entry((muscle.to_string(), side))
                .or_default()
                .push(point);
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|p| (p.at, p.session));
    }
    out
}

/// The check-in for a plan's `sessions` (oldest first), as of `now`.
pub fn evaluate(sessions: &[PlanSession], now: i64) -> Checkin {
    let spots: Vec<SpotCheck> = points(sessions)
        .into_iter()
        .map(|((muscle, side), points)| {
            let (first, last) = halves(&points, now).unzip();
            SpotCheck {
                muscle,
                side,
                sessions: points.iter().filter(|p| p.before.is_some()).count(),
                first,
                last,
                verdict: judge(&points, now),
            }
        })
        .collect();
    let outcome = if spots.iter().any(|s| s.verdict.see_a_professional()) {
        Outcome::SeeProfessional
    } else if spots
        .iter()
        .any(|s| matches!(s.verdict, Verdict::Improving | Verdict::Low))
    {
        Outcome::Improving
    } else {
        Outcome::TooEarly
    };
    Checkin { spots, outcome }
}
