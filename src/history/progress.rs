//! Progress per muscle and side: how many sessions worked it, tenderness before and after over
//! the recent sessions, the average drop within a session, when it was last worked, and whether
//! the record says it is time to see a professional (content reference, section 2.7: no
//! meaningful improvement after about one to two weeks of consistent self-care, or symptoms
//! worsening).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{parse_side, SessionId, Store, StoreError};
use crate::routine::Side;

const DAY: i64 = 86_400;

/// How many of the most recent rated sessions a trend shows.
pub const TREND_POINTS: usize = 10;
/// Only sessions within this many days of now are judged: the verdict is about the recent
/// weeks, not about something long past.
pub const JUDGE_WINDOW_DAYS: i64 = 21;
/// "Regular work": at least this many rated sessions within the window...
pub const REGULAR_SESSIONS: usize = 4;
/// ...spread over at least this many days ("about two weeks").
pub const REGULAR_SPAN_DAYS: i64 = 12;
/// Tenderness at the start of a session must fall by at least this much (0-10 scale, later
/// sessions against earlier ones) to count as improving.
pub const MEANINGFUL_DROP: f64 = 1.0;
/// At or below this tenderness, a steady level is fine, not a reason to see anyone.
pub const LOW_TENDERNESS: f64 = 3.0;
/// "Keeps rising": the tenderness before each of this many consecutive rated sessions is higher
/// than the one before it...
pub const RISING_RUN: usize = 3;
/// ...and the rise over the run is at least this much.
pub const RISING_TOTAL: f64 = 2.0;

/// One session's tenderness for one muscle and side (the mean over its rated steps).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The session.
    #[serde(serialize_with = "session_id")]
    pub session: SessionId,
    /// When the muscle's last step in it ended (Unix seconds).
    pub at: i64,
    /// Tenderness before, 0-10.
    pub before: Option<f64>,
    /// Tenderness after, 0-10.
    pub after: Option<f64>,
}

fn session_id<S: serde::Serializer>(id: &SessionId, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(id.0)
}

/// What the recent record says about a muscle and side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Too few rated sessions in the last [`JUDGE_WINDOW_DAYS`] days to tell.
    TooFewSessions,
    /// Tenderness before a session is falling.
    Improving,
    /// Tenderness is low and steady.
    Low,
    /// Regular work for about two weeks has not lowered it: see a professional.
    NotImproving,
    /// It keeps rising: see a professional.
    Rising,
}

impl Verdict {
    /// A few words for a table.
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::TooFewSessions => "too early",
            Verdict::Improving => "improving",
            Verdict::Low => "low, steady",
            Verdict::NotImproving => "not improving",
            Verdict::Rising => "rising",
        }
    }

    /// Whether the record says to see a professional.
    pub fn see_a_professional(self) -> bool {
        matches!(self, Verdict::NotImproving | Verdict::Rising)
    }

    /// What to tell the person when the record says to see a professional (`progress`, the
    /// report).
    pub fn advice(self) -> Option<&'static str> {
        match self {
            Verdict::NotImproving => Some(
                "not improving after about two weeks of regular work. See a professional (your doctor or a physiotherapist): other causes can feel the same, and they can check.",
            ),
            Verdict::Rising => Some(
                "tenderness keeps rising. Ease off (lighter pressure, fewer sessions) and see a professional (your doctor or a physiotherapist).",
            ),
            _ => None,
        }
    }
}

/// Progress for one muscle on one side.
#[derive(Debug, Clone, PartialEq)]
pub struct MuscleProgress {
    /// The muscle's id.
    pub muscle: String,
    /// The side.
    pub side: Side,
    /// Sessions in which it was worked (skipped steps do not count).
    pub sessions: u32,
    /// Steps done on it.
    pub steps: u32,
    /// When it was last worked (Unix seconds).
    pub last_worked_at: i64,
    /// The mean of (before - after) over the steps rated both times; positive is better.
    pub average_drop: Option<f64>,
    /// The last [`TREND_POINTS`] rated sessions, oldest first (or as many as asked of
    /// [`Store::progress_keeping`]).
    pub trend: Vec<TrendPoint>,
    /// What the recent record says.
    pub verdict: Verdict,
}

/// Running sums for one session's steps on one muscle and side.
#[derive(Debug, Default)]
struct PointSums {
    before: (f64, u32),
    after: (f64, u32),
    at: i64,
}

impl PointSums {
    fn point(&self, session: i64) -> Option<TrendPoint> {
        let mean = |(sum, n): (f64, u32)| (n > 0).then(|| sum / f64::from(n));
        let point = TrendPoint {
            session: SessionId(session),
            at: self.at,
            before: mean(self.before),
            after: mean(self.after),
        };
        (point.before.is_some() || point.after.is_some()).then_some(point)
    }
}

/// Everything gathered for one muscle and side while reading the steps.
#[derive(Debug)]
struct Gathered {
    sessions: u32,
    steps: u32,
    last: i64,
    drop: (f64, u32),
    session: i64,
    current: PointSums,
    points: Vec<TrendPoint>,
}

impl Gathered {
    fn new() -> Gathered {
        Gathered {
            sessions: 0,
            steps: 0,
            last: i64::MIN,
            drop: (0.0, 0),
            session: i64::MIN,
            current: PointSums::default(),
            points: Vec::new(),
        }
    }

    fn flush(&mut self) {
        if self.session != i64::MIN {
            self.points.extend(self.current.point(self.session));
        }
        self.current = PointSums::default();
    }

    fn add(&mut self, session: i64, before: Option<u8>, after: Option<u8>, at: i64) {
        if session != self.session {
            self.flush();
            self.session = session;
            self.sessions += 1;
        }
        self.steps += 1;
        self.last = self.last.max(at);
        self.current.at = self.current.at.max(at);
        if let Some(b) = before {
            self.current.before.0 += f64::from(b);
            self.current.before.1 += 1;
        }
        if let Some(a) = after {
            self.current.after.0 += f64::from(a);
            self.current.after.1 += 1;
        }
        if let (Some(b), Some(a)) = (before, after) {
            self.drop.0 += f64::from(b) - f64::from(a);
            self.drop.1 += 1;
        }
    }

    fn finish(mut self, muscle: String, side: Side, now: i64, points: usize) -> MuscleProgress {
        self.flush();
        // Steps arrive in session order; order the points by time in case a session's id is
        // out of step with its clock.
        self.points.sort_by_key(|p| (p.at, p.session));
        let verdict = judge(&self.points, now);
        let skip = self.points.len().saturating_sub(points);
        MuscleProgress {
            muscle,
            side,
            sessions: self.sessions,
            steps: self.steps,
            last_worked_at: self.last,
            average_drop: (self.drop.1 > 0).then(|| self.drop.0 / f64::from(self.drop.1)),
            trend: self.points.split_off(skip),
            verdict,
        }
    }
}

/// The verdict on a muscle's rated sessions (oldest first) as of `now`, from the tenderness
/// before each session.
pub fn judge(points: &[TrendPoint], now: i64) -> Verdict {
    let recent = recent(points, now);
    if recent.len() >= RISING_RUN {
        let run = &recent[recent.len() - RISING_RUN..];
        let rising = run.windows(2).all(|w| w[1].1 > w[0].1);
        if rising && run[RISING_RUN - 1].1 - run[0].1 >= RISING_TOTAL {
            return Verdict::Rising;
        }
    }
    let span = match (recent.first(), recent.last()) {
        (Some(first), Some(last)) => last.0 - first.0,
        _ => 0,
    };
    if recent.len() < REGULAR_SESSIONS || span < REGULAR_SPAN_DAYS * DAY {
        return Verdict::TooFewSessions;
    }
    let Some((earlier, later)) = halves_of(&recent) else {
        return Verdict::TooFewSessions;
    };
    if later <= LOW_TENDERNESS {
        Verdict::Low
    } else if earlier - later >= MEANINGFUL_DROP {
        Verdict::Improving
    } else {
        Verdict::NotImproving
    }
}

/// The tenderness before each rated session within [`JUDGE_WINDOW_DAYS`] of `now`.
fn recent(points: &[TrendPoint], now: i64) -> Vec<(i64, f64)> {
    points
        .iter()
        .filter(|p| p.at >= now - JUDGE_WINDOW_DAYS * DAY)
        .filter_map(|p| p.before.map(|b| (p.at, b)))
        .collect()
}

fn halves_of(recent: &[(i64, f64)]) -> Option<(f64, f64)> {
    let half = recent.len() / 2;
    if half == 0 {
        return None;
    }
    let mean = |part: &[(i64, f64)]| part.iter().map(|p| p.1).sum::<f64>() / part.len() as f64;
    Some((mean(&recent[..half]), mean(&recent[recent.len() - half..])))
}

/// What [`judge`] compares: the mean tenderness before the earlier half of the rated sessions
/// within [`JUDGE_WINDOW_DAYS`] of `now` and before the later half (oldest first); `None` with
/// fewer than two.
pub fn halves(points: &[TrendPoint], now: i64) -> Option<(f64, f64)> {
    halves_of(&recent(points, now))
}

impl Store {
    /// Progress per muscle and side as of `now`, for the `muscles` given (ids; all when `None`),
    /// ordered by muscle id, then left before right.
    pub fn progress(
        &self,
        muscles: Option<&BTreeSet<String>>,
        now: i64,
    ) -> Result<Vec<MuscleProgress>, StoreError> {
        self.progress_keeping(muscles, now, TREND_POINTS)
    }

    /// [`Store::progress`], keeping the last `points` rated sessions in each trend instead of
    /// [`TREND_POINTS`] (the report's charts); every other figure is the same.
    pub fn progress_keeping(
        &self,
        muscles: Option<&BTreeSet<String>>,
        now: i64,
        points: usize,
    ) -> Result<Vec<MuscleProgress>, StoreError> {
        let err = |e| self.error(e);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT session_id, muscle, side, before, after, ended_at FROM step
                 WHERE skipped = 0 ORDER BY session_id, idx",
            )
            .map_err(err)?;
        let mut rows = statement.query([]).map_err(err)?;
        let mut gathered: BTreeMap<String, [Option<Gathered>; 2]> = BTreeMap::new();
        while let Some(row) = rows.next().map_err(err)? {
            let muscle = row.get_ref(1).and_then(|v| Ok(v.as_str()?)).map_err(err)?;
            if muscles.is_some_and(|m| !m.contains(muscle)) {
                continue;
            }
            let side = row.get_ref(2).and_then(|v| Ok(v.as_str()?)).map_err(err)?;
            let side = match parse_side(side) {
                Some(Side::Left) => 0,
                Some(Side::Right) => 1,
                None => continue,
            };
            let slots = match gathered.get_mut(muscle) {
                Some(slots) => slots,
                None => gathered.entry(muscle.to_string()).or_default(),
            };
            slots[side].get_or_insert_with(Gathered::new).add(
                row.get(0).map_err(err)?,
                row.get(3).map_err(err)?,
                row.get(4).map_err(err)?,
                row.get(5).map_err(err)?,
            );
        }
        let mut out = Vec::new();
        for (muscle, [left, right]) in gathered {
            if let Some(g) = left {
                out.push(g.finish(muscle.clone(), Side::Left, now, points));
            }
            if let Some(g) = right {
                out.push(g.finish(muscle, Side::Right, now, points));
            }
        }
        Ok(out)
    }
}
