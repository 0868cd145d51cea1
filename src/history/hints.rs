//! What the history says for building a routine: which spots to rest or work more gently today,
//! and which muscles have not helped and should give their place to the next candidate.

use std::collections::BTreeMap;

use super::{parse_side, Store, StoreError};
use crate::library::Library;
use crate::routine::{Advice, HistoryHints, Side};

const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;

/// A spot worked within this long ("within the last day")...
pub const REST_WITHIN_SECONDS: i64 = DAY;
/// ...that was still at least this tender afterwards (0-10) is rested today.
pub const STILL_TENDER: u8 = 4;
/// A spot worked within this long (soreness after massage is usually gone within about 36 hours,
/// content reference section 2.7)...
pub const GENTLE_WITHIN_SECONDS: i64 = 36 * HOUR;
/// ...that was still at least this tender afterwards gets a gentler dose.
pub const MODERATELY_TENDER: u8 = 3;
/// A muscle is judged "unhelpful" on its last this many rated sessions...
pub const UNHELPFUL_SESSIONS: usize = 3;
/// ...when in none of them did its tenderness drop by at least this much within the session
/// (the mean over its rated steps in that session, 0-10 scale).
pub const HELPFUL_DROP: f64 = 1.0;
/// Only sessions within this long count: a muscle gets a fresh chance after a while.
pub const UNHELPFUL_LOOKBACK_SECONDS: i64 = 60 * DAY;

/// Why a spot is rested or worked more gently: the rule's [`Advice`], when it was last worked
/// and how tender it was afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpotAdvice {
    /// Rest it, or a gentler dose.
    pub advice: Advice,
    /// When its latest rated session last worked it (Unix seconds).
    pub worked_at: i64,
    /// The most tender rating after any of that session's steps on it (0-10).
    pub after: u8,
}

impl SpotAdvice {
    /// When the advice lapses (Unix seconds): [`REST_WITHIN_SECONDS`] or
    /// [`GENTLE_WITHIN_SECONDS`] after the spot was worked.
    pub fn until(&self) -> i64 {
        self.worked_at
            + match self.advice {
                Advice::Rest => REST_WITHIN_SECONDS,
                Advice::Gentle => GENTLE_WITHIN_SECONDS,
            }
    }
}

/// Per (muscle, side): the latest rated session's (id, time, most tender rating after).
type Latest = BTreeMap<(String, Side), (i64, i64, u8)>;
/// Per muscle, per session: (last step's time, sum of drops, rated steps).
type Drops = BTreeMap<String, BTreeMap<i64, (i64, f64, u32)>>;

impl Store {
    /// What the history says for routine building ([`HistoryHints`]), as of `now`. Muscles the
    /// library does not know are left out. Skipped steps and unrated steps count as nothing.
    pub fn hints(&self, library: &Library, now: i64) -> Result<HistoryHints, StoreError> {
        let (latest, drops) = self.gather(&|muscle| library.muscle(muscle).is_some(), now)?;
        let mut hints = HistoryHints {
            advice: advice(latest, now)
                .into_iter()
                .map(|(key, spot)| (key, spot.advice))
                .collect(),
            ..HistoryHints::default()
        };
        for (muscle, sessions) in drops {
            let mut by_time: Vec<(i64, i64, f64)> = sessions
                .into_iter()
                .map(|(session, (at, sum, n))| (at, session, sum / f64::from(n)))
                .collect();
            by_time.sort_by_key(|&(at, session, _)| (at, session));
            if by_time.len() >= UNHELPFUL_SESSIONS
                && by_time[by_time.len() - UNHELPFUL_SESSIONS..]
                    .iter()
                    .all(|&(_, _, drop)| drop < HELPFUL_DROP)
            {
                hints.unhelpful.insert(muscle);
            }
        }
        Ok(hints)
    }

    /// The spots (of the muscles `known` accepts) that the same rule as [`Store::hints`] rests
    /// or works more gently as of `now`, with why. Needs no library.
    pub fn spot_advice(
        &self,
        known: &dyn Fn(&str) -> bool,
        now: i64,
    ) -> Result<BTreeMap<(String, Side), SpotAdvice>, StoreError> {
        Ok(advice(self.gather(known, now)?.0, now))
    }

    /// Reads the recent rated steps of the muscles `known` accepts.
    fn gather(
        &self,
        known: &dyn Fn(&str) -> bool,
        now: i64,
    ) -> Result<(Latest, Drops), StoreError> {
        let err = |e| self.error(e);
        let from = now.saturating_sub(UNHELPFUL_LOOKBACK_SECONDS);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT session_id, muscle, side, before, after, ended_at FROM step
                 WHERE session_id IN (SELECT id FROM session WHERE started_at >= ?1)
                   AND skipped = 0 AND ended_at >= ?2
                 ORDER BY session_id, idx",
            )
            .map_err(err)?;
        // A session may have started a little before the look-back and ended inside it.
        let mut rows = statement
            .query([from.saturating_sub(DAY), from])
            .map_err(err)?;
        // (muscle, side) -> (session, when, tenderness after) of the latest session that rated
        // it; the most tender rating after any of that session's steps on it (a stretch that
        // eased it does not hide pressure that left it sorer).
        let mut latest = Latest::new();
        // muscle -> per session (last step's time, session, sum of drops, rated steps).
        let mut drops = Drops::new();
        while let Some(row) = rows.next().map_err(err)? {
            let session: i64 = row.get(0).map_err(err)?;
            let muscle: String = row.get(1).map_err(err)?;
            if !known(&muscle) {
                continue;
            }
            let side: String = row.get(2).map_err(err)?;
            let Some(side) = parse_side(&side) else {
                continue;
            };
            let before: Option<u8> = row.get(3).map_err(err)?;
            let after: Option<u8> = row.get(4).map_err(err)?;
            let at: i64 = row.get(5).map_err(err)?;
            if let Some(after) = after {
                let entry = latest
                    .entry((muscle.clone(), side))
                    .or_insert((session, at, after));
                if entry.0 == session {
                    entry.1 = entry.1.max(at);
                    entry.2 = entry.2.max(after);
                } else if at >= entry.1 {
                    *entry = (session, at, after);
                }
            }
            if let (Some(b), Some(a)) = (before, after) {
                let entry = drops
                    .entry(muscle)
                    .or_default()
                    .entry(session)
                    .or_insert((at, 0.0, 0));
                entry.0 = entry.0.max(at);
                entry.1 += f64::from(b) - f64::from(a);
                entry.2 += 1;
            }
        }
        Ok((latest, drops))
    }
}

/// The rest and gentle-dose rule over the latest ratings.
fn advice(latest: Latest, now: i64) -> BTreeMap<(String, Side), SpotAdvice> {
    let mut out = BTreeMap::new();
    for (key, (_, at, after)) in latest {
        let age = now - at;
        let advice = if age < REST_WITHIN_SECONDS && after >= STILL_TENDER {
            Advice::Rest
        } else if age < GENTLE_WITHIN_SECONDS && after >= MODERATELY_TENDER {
            Advice::Gentle
        } else {
            continue;
        };
        out.insert(
            key,
            SpotAdvice {
                advice,
                worked_at: at,
                after,
            },
        );
    }
    out
}
