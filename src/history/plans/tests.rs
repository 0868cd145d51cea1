//! Unit tests of plans: the store, and the rules on a fake clock and fake time zones (local
//! midnight, a daylight saving change, sessions too close together, a missed day, rest, and the
//! check-in's outcomes and answers).

use super::checkin::{evaluate, Outcome};
use super::rhythm::{self, Next, Wait};
use super::*;
use crate::history::calendar::Zone;
use crate::history::progress::Verdict;
use crate::history::{NewSession, SessionStatus};
use crate::routine::Side;

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
/// 2026-11-01 00:00 UTC.
const NOV_1: i64 = 1_793_491_200;

/// A zone whose offset changes once: `before` seconds east of UTC until `at`, `after` from then.
struct Change {
    at: i64,
    before: i64,
    after: i64,
}

impl Zone for Change {
    fn offset(&self, at: i64) -> i64 {
        if at < self.at {
            self.before
        } else {
            self.after
        }
    }
}

fn plan(started_at: i64, days: u32, per_day: u32) -> Plan {
    Plan {
        id: PlanId(1),
        query: "neck".into(),
        target: "region:neck".into(),
        matched: "neck (region)".into(),
        label: "neck".into(),
        started_at,
        days,
        per_day,
        minutes: 10,
        muscles: vec!["upper_trapezius".into()],
        stopped_at: None,
        checkins: Vec::new(),
    }
}

/// A session from `start` lasting `minutes`, one step per (muscle, side, before, after).
fn session(id: i64, start: i64, minutes: i64, steps: &[(&str, Side, u8, u8)]) -> PlanSession {
    let end = start + minutes * 60;
    PlanSession {
        id: SessionId(id),
        started_at: start,
        ended_at: end,
        steps: steps
            .iter()
            .enumerate()
            .map(|(i, &(muscle, side, before, after))| StepRecord {
                index: i as u32,
                muscle: muscle.into(),
                side,
                technique: "static_compression".into(),
                planned_seconds: 60,
                actual_seconds: 60,
                before: Some(before),
                after: Some(after),
                skipped: false,
                ended_at: end,
            })
            .collect(),
    }
}

fn trap(id: i64, start: i64, before: u8) -> PlanSession {
    session(id, start, 10, &[("upper_trapezius", Side::Left, before, 2)])
}

#[test]
fn a_new_plan_is_due_at_once_and_counts_the_day_in_local_time() {
    // Started at 09:00 local, one hour east of UTC.
    let zone = HOUR;
    let start = NOV_1 + 8 * HOUR;
    let p = plan(start, 14, 2);
    let status = rhythm::status(&p, &[], start + 60, &zone, None);
    assert!(status.due_now());
    assert_eq!(
        (status.day, status.done_today, status.left_today),
        (0, 0, 2)
    );
    assert_eq!(status.limit_seconds, 2 * 10 * 60);
    // It ends at local midnight after 14 days: 23:00 UTC the day before.
    assert_eq!(status.ends_at, NOV_1 + 14 * DAY - HOUR);
}

#[test]
fn local_midnight_divides_the_days() {
    // UTC+1: 23:30 UTC is already 00:30 on the next local day.
    let zone = HOUR;
    let start = NOV_1 + 8 * HOUR; // 09:00 local on 1 November
    let p = plan(start, 14, 1);
    let late = trap(1, NOV_1 + 22 * HOUR + 20 * 60, 5); // 23:20 local, 1 November
    let after_midnight = NOV_1 + 23 * HOUR + 30 * 60; // 00:30 local, 2 November
    let status = rhythm::status(
        &p,
        std::slice::from_ref(&late),
        after_midnight - 3600,
        &zone,
        None,
    );
    assert_eq!((status.done_today, status.left_today), (1, 0));
    assert!(matches!(status.next, Next::Tomorrow { .. }));
    // Past midnight: a new day, but the session 70 minutes ago still spaces the next one.
    let status = rhythm::status(&p, std::slice::from_ref(&late), after_midnight, &zone, None);
    assert_eq!(
        (status.day, status.done_today, status.left_today),
        (1, 0, 1)
    );
    assert_eq!(
        status.next,
        Next::Later {
            at: late.ended_at + defaults::SPACING_SECONDS,
            why: Wait::Spacing
        }
    );
    let status = rhythm::status(
        &p,
        std::slice::from_ref(&late),
        late.ended_at + defaults::SPACING_SECONDS,
        &zone,
        None,
    );
    assert!(status.due_now());
    assert_eq!(
        status
            .calendar
            .iter()
            .map(|d| d.sessions)
            .collect::<Vec<_>>(),
        [1, 0]
    );
}

#[test]
fn a_plan_across_a_daylight_saving_change_keeps_calendar_days() {
    // Central Europe, spring 2027: UTC+1 until 28 March 01:00 UTC, UTC+2 after.
    let march_28 = 1_806_192_000; // 2027-03-28 00:00 UTC
    let zone = Change {
        at: march_28 + HOUR,
        before: HOUR,
        after: 2 * HOUR,
    };
    // Started 26 March, 10:00 local; 5 days: 26, 27, 28 (23 hours long), 29, 30 March.
    let start = march_28 - 2 * DAY + 9 * HOUR;
    let p = plan(start, 5, 1);
    let status = rhythm::status(&p, &[], start, &zone, None);
    // It ends at local midnight of 31 March, UTC+2: 22:00 UTC on 30 March.
    assert_eq!(status.ends_at, march_28 + 3 * DAY - 2 * HOUR);
    assert_eq!(zone.start_of_day(zone.day(march_28)), march_28 - HOUR);
    assert_eq!(
        zone.start_of_day(zone.day(march_28) + 1),
        march_28 + DAY - 2 * HOUR
    );
    // A session at 23:30 local on the 28th (21:30 UTC) belongs to the 28th...
    let on_28 = trap(1, march_28 + 21 * HOUR + 30 * 60, 5);
    // ...and one at 00:30 local on the 29th (22:30 UTC on the 28th) to the 29th.
    let on_29 = trap(2, march_28 + 22 * HOUR + 30 * 60 + 4 * HOUR, 5);
    let now = march_28 + DAY + 10 * HOUR; // the 29th, 12:00 local
    let status = rhythm::status(&p, &[on_28, on_29], now, &zone, None);
    assert_eq!(status.day, 3);
    assert_eq!(
        status
            .calendar
            .iter()
            .map(|d| d.sessions)
            .collect::<Vec<_>>(),
        [0, 0, 1, 1]
    );
    assert_eq!(status.done_today, 1);
    // The last second of the 30th is in the plan, midnight is not.
    let last = rhythm::status(&p, &[], status.ends_at - 1, &zone, None);
    assert_eq!(last.day, 4);
    assert!(last.due_now());
    let ended = rhythm::status(&p, &[], status.ends_at, &zone, None);
    assert_eq!(ended.next, Next::Ended);
    assert_eq!(ended.left_today, 0);
    assert_eq!(ended.calendar.len(), 5);
    assert!(ended.checkin.is_some_and(|c| c.at_end));
}

#[test]
fn sessions_too_close_together_are_flagged_and_still_use_up_the_day() {
    let zone = 0;
    let start = NOV_1 + 8 * HOUR;
    let p = plan(start, 14, 2);
    let first = trap(1, NOV_1 + 9 * HOUR, 5);
    let second = trap(2, NOV_1 + 10 * HOUR, 5); // 50 minutes after the first ended
    let now = NOV_1 + 11 * HOUR;
    let status = rhythm::status(&p, &[first.clone(), second.clone()], now, &zone, None);
    assert_eq!(status.too_close, vec![(first.ended_at, second.started_at)]);
    assert_eq!((status.done_today, status.left_today), (2, 0));
    assert_eq!(status.seconds_today, 120);
    assert_eq!(status.seconds_left(), 20 * 60 - 120);
    // Tomorrow at midnight (the spacing ends long before).
    assert_eq!(status.next, Next::Tomorrow { at: NOV_1 + DAY });
    // With one done, the next is due three hours after it, not before.
    let status = rhythm::status(&p, std::slice::from_ref(&first), now, &zone, None);
    assert!(status.too_close.is_empty());
    assert_eq!(
        status.next,
        Next::Later {
            at: first.ended_at + 3 * HOUR,
            why: Wait::Spacing
        }
    );
    assert!(rhythm::status(
        &p,
        std::slice::from_ref(&first),
        first.ended_at + 3 * HOUR,
        &zone,
        None
    )
    .due_now());
}

#[test]
fn a_missed_day_shows_in_the_calendar_and_the_plan_goes_on() {
    let zone = 0;
    let start = NOV_1 + 8 * HOUR;
    let p = plan(start, 14, 1);
    let sessions = [
        trap(1, NOV_1 + 9 * HOUR, 6),
        trap(2, NOV_1 + 2 * DAY + 9 * HOUR, 5),
    ];
    let now = NOV_1 + 3 * DAY + 12 * HOUR;
    let status = rhythm::status(&p, &sessions, now, &zone, None);
    assert_eq!(
        status
            .calendar
            .iter()
            .map(|d| d.sessions)
            .collect::<Vec<_>>(),
        [1, 0, 1, 0]
    );
    assert_eq!(status.days_followed(), 2);
    assert!(status.due_now());
    assert!(status.checkin.is_none());
}

#[test]
fn resting_spots_hold_the_next_session_back() {
    let zone = 0;
    let start = NOV_1 + 8 * HOUR;
    let p = plan(start, 14, 2);
    let first = trap(1, NOV_1 + 9 * HOUR, 7);
    let rest_until = first.ended_at + DAY;
    let now = first.ended_at + 4 * HOUR;
    let status = rhythm::status(
        &p,
        std::slice::from_ref(&first),
        now,
        &zone,
        Some(rest_until),
    );
    // Resting reaches past midnight: still "later", for the rest.
    assert_eq!(
        status.next,
        Next::Later {
            at: rest_until,
            why: Wait::Resting
        }
    );
    assert!(!status.due_now());
}

#[test]
fn the_last_day_done_completes_the_plan() {
    let zone = 0;
    let p = plan(NOV_1 + 8 * HOUR, 1, 1);
    let done = trap(1, NOV_1 + 9 * HOUR, 4);
    let status = rhythm::status(&p, &[done], NOV_1 + 12 * HOUR, &zone, None);
    assert_eq!(status.next, Next::Complete);
    assert!(status.checkin.is_none());
    assert!(rhythm::checkin_due(&p, NOV_1 + DAY, &zone).is_some());
}

#[test]
fn a_stopped_plan_asks_nothing() {
    let zone = 0;
    let mut p = plan(NOV_1, 14, 1);
    p.stopped_at = Some(NOV_1 + HOUR);
    let status = rhythm::status(&p, &[], NOV_1 + 15 * DAY, &zone, None);
    assert_eq!(status.next, Next::Stopped);
    assert_eq!(status.checkin, None);
}

#[test]
fn check_ins_come_at_the_end_and_at_two_weeks() {
    let zone = 0;
    let p = plan(NOV_1 + 8 * HOUR, 28, 1);
    assert!(rhythm::checkin_due(&p, NOV_1 + 14 * DAY - 1, &zone).is_none());
    let mid = rhythm::checkin_due(&p, NOV_1 + 14 * DAY, &zone).expect("due at two weeks");
    assert!(!mid.at_end);
    // Carry on at two weeks: the end stays, the next check-in is at the end.
    let at = NOV_1 + 14 * DAY + HOUR;
    let days = rhythm::days_after(&p, Answer::CarryOn, None, at, &zone);
    assert_eq!(days, 28);
    let mut answered = p.clone();
    answered.checkins.push(CheckinAnswer {
        at,
        answer: Answer::CarryOn,
        days,
    });
    assert!(rhythm::checkin_due(&answered, at + HOUR, &zone).is_none());
    let end = rhythm::checkin_due(&answered, NOV_1 + 28 * DAY, &zone).expect("due at the end");
    assert!(end.at_end);
    // At the end: carry on gives two more weeks from today, extend a week after the end.
    let late = NOV_1 + 30 * DAY;
    assert_eq!(
        rhythm::days_after(&answered, Answer::CarryOn, None, late, &zone),
        30 + 14
    );
    assert_eq!(
        rhythm::days_after(&answered, Answer::Extend, None, NOV_1 + 28 * DAY, &zone),
        28 + 7
    );
    assert_eq!(
        rhythm::days_after(&answered, Answer::Extend, Some(3), late, &zone),
        33
    );
    assert_eq!(
        rhythm::days_after(&answered, Answer::Stop, None, late, &zone),
        28
    );
}

/// Two weeks of one session a day on the left upper trapezius, rated `before(day)` before.
fn fortnight(before: impl Fn(i64) -> u8) -> Vec<PlanSession> {
    (0..14)
        .map(|d| trap(d + 1, NOV_1 + d * DAY + 9 * HOUR, before(d)))
        .collect()
}

#[test]
fn the_check_in_says_carry_on_when_it_is_improving() {
    let sessions = fortnight(|d| (8 - d / 3) as u8);
    let checkin = evaluate(&sessions, NOV_1 + 14 * DAY);
    assert_eq!(checkin.outcome, Outcome::Improving);
    let spot = &checkin.spots[0];
    assert_eq!(
        (spot.muscle.as_str(), spot.side),
        ("upper_trapezius", Side::Left)
    );
    assert_eq!(spot.sessions, 14);
    assert_eq!(spot.verdict, Verdict::Improving);
    assert!(spot.first > spot.last);
}

#[test]
fn the_check_in_says_see_a_professional_when_it_is_not_improving() {
    let sessions = fortnight(|d| if d % 2 == 0 { 6 } else { 5 });
    let checkin = evaluate(&sessions, NOV_1 + 14 * DAY);
    assert_eq!(checkin.outcome, Outcome::SeeProfessional);
    assert_eq!(checkin.spots[0].verdict, Verdict::NotImproving);
}

#[test]
fn the_check_in_says_see_a_professional_when_it_keeps_rising() {
    let mut sessions = fortnight(|_| 5);
    let last = sessions.len();
    for (i, s) in sessions[last - 3..].iter_mut().enumerate() {
        s.steps[0].before = Some(5 + 2 * i as u8);
    }
    let checkin = evaluate(&sessions, NOV_1 + 14 * DAY);
    assert_eq!(checkin.outcome, Outcome::SeeProfessional);
    assert_eq!(checkin.spots[0].verdict, Verdict::Rising);
}

#[test]
fn the_check_in_says_too_early_with_few_sessions() {
    let sessions = vec![trap(1, NOV_1, 6), trap(2, NOV_1 + DAY, 5)];
    let checkin = evaluate(&sessions, NOV_1 + 14 * DAY);
    assert_eq!(checkin.outcome, Outcome::TooEarly);
    assert_eq!(checkin.spots[0].first, Some(6.0));
    assert_eq!(checkin.spots[0].last, Some(5.0));
    assert_eq!(evaluate(&[], NOV_1).outcome, Outcome::TooEarly);
}

#[test]
fn fewer_sessions_a_day_for_the_neck_jaw_abdomen_and_hand() {
    let region = |m: &str| match m {
        "upper_trapezius" => Some("neck"),
        "masseter" => Some("head_jaw"),
        "infraspinatus" => Some("shoulder"),
        "wrist_extensors" | "adductor_pollicis" => Some("arm_hand"),
        _ => None,
    };
    assert_eq!(rhythm::per_day_limits(["infraspinatus"], region), (2, 3));
    assert_eq!(rhythm::per_day_limits(["wrist_extensors"], region), (2, 3));
    assert_eq!(
        rhythm::per_day_limits(["infraspinatus", "upper_trapezius"], region),
        (1, 2)
    );
    assert_eq!(rhythm::per_day_limits(["masseter"], region), (1, 2));
    assert_eq!(
        rhythm::per_day_limits(["adductor_pollicis"], region),
        (1, 2)
    );
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("tpcoach.db")).expect("open");
    (dir, store)
}

fn new_plan(started_at: i64) -> NewPlan {
    NewPlan {
        query: "Neck".into(),
        target: "region:neck".into(),
        matched: "neck (region)".into(),
        label: "neck".into(),
        started_at,
        days: 14,
        per_day: 1,
        minutes: 10,
        muscles: vec!["upper_trapezius".into(), "levator_scapulae".into()],
    }
}

fn save_session(store: &Store, matched: &str, at: i64, skipped: bool) {
    let id = store
        .begin_session(&NewSession {
            started_at: at,
            query: "neck".into(),
            matched: matched.into(),
            plain: false,
        })
        .expect("begin");
    store
        .record_step(
            id,
            &StepRecord {
                index: 0,
                muscle: "upper_trapezius".into(),
                side: Side::Left,
                technique: "static_compression".into(),
                planned_seconds: 70,
                actual_seconds: 70,
                before: Some(5),
                after: Some(3),
                skipped,
                ended_at: at + 100,
            },
        )
        .expect("step");
    store
        .finish_session(id, at + 120, SessionStatus::Completed)
        .expect("finish");
}

#[test]
fn plans_are_saved_edited_answered_and_stopped() {
    let (_dir, store) = temp_store();
    let id = store.create_plan(&new_plan(NOV_1)).expect("create");
    let plans = store.plans().expect("plans");
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].muscles, ["upper_trapezius", "levator_scapulae"]);
    store
        .edit_plan(
            id,
            &PlanChange {
                per_day: Some(2),
                minutes: Some(5),
                muscles: Some(vec!["upper_trapezius".into()]),
                ..PlanChange::default()
            },
        )
        .expect("edit");
    store
        .answer_checkin(id, NOV_1 + 14 * DAY, Answer::Extend, 21)
        .expect("answer");
    let p = &store.plans().expect("plans")[0];
    assert_eq!((p.per_day, p.minutes, p.days), (2, 5, 21));
    assert_eq!(p.muscles, ["upper_trapezius"]);
    assert_eq!(
        p.checkins,
        [CheckinAnswer {
            at: NOV_1 + 14 * DAY,
            answer: Answer::Extend,
            days: 21
        }]
    );
    assert_eq!(p.stopped_at, None);
    store
        .answer_checkin(id, NOV_1 + 21 * DAY, Answer::Stop, 21)
        .expect("answer");
    assert_eq!(
        store.plans().expect("plans")[0].stopped_at,
        Some(NOV_1 + 21 * DAY)
    );
    assert!(store.stop_plan(PlanId(99), NOV_1).is_err());
}

#[test]
fn a_plans_sessions_are_those_understood_the_same_way_with_work_done() {
    let (_dir, store) = temp_store();
    save_session(&store, "neck (region)", NOV_1 + HOUR, false);
    save_session(&store, "neck (region)", NOV_1 + 5 * HOUR, true);
    save_session(
        &store,
        "temple: muscles that commonly send pain here",
        NOV_1 + 6 * HOUR,
        false,
    );
    save_session(&store, "neck (region)", NOV_1 - DAY, false);
    let sessions = store.plan_sessions("neck (region)", NOV_1).expect("read");
    assert_eq!(
        sessions.len(),
        1,
        "only the one with a step done, from NOV_1"
    );
    assert_eq!(sessions[0].started_at, NOV_1 + HOUR);
    assert_eq!(sessions[0].ended_at, NOV_1 + HOUR + 120);
    assert_eq!(sessions[0].seconds(), 70);
}

#[test]
fn forget_keeps_plans_only_when_asked() {
    let (_dir, store) = temp_store();
    store.create_plan(&new_plan(NOV_1)).expect("create");
    save_session(&store, "neck (region)", NOV_1 + HOUR, false);
    let gone = store.forget_keeping(true).expect("forget");
    assert_eq!((gone.sessions, gone.plans), (1, 0));
    assert_eq!(store.plans().expect("plans").len(), 1);
    let gone = store.forget().expect("forget");
    assert_eq!(gone.plans, 1);
    assert!(store.plans().expect("plans").is_empty());
}

#[test]
fn read_only_opening_writes_nothing_and_reads_plans() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("tpcoach.db");
    assert!(Store::open_read_only(&path).expect("open").is_none());
    assert!(!path.exists(), "no file is created");
    {
        let store = Store::open(&path).expect("open");
        store.create_plan(&new_plan(NOV_1)).expect("create");
    }
    let before = std::fs::read(&path).expect("read");
    let store = Store::open_read_only(&path)
        .expect("open")
        .expect("a store");
    assert_eq!(store.plans().expect("plans").len(), 1);
    assert!(store.create_plan(&new_plan(NOV_1)).is_err(), "read only");
    drop(store);
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_database_from_before_plans_is_migrated_and_read_only_sees_no_plans() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("tpcoach.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(crate::history::schema::MIGRATIONS[0])
            .expect("migration 1");
        conn.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 1;",
            crate::history::schema::APPLICATION_ID
        ))
        .expect("mark");
    }
    let store = Store::open_read_only(&path)
        .expect("open")
        .expect("a store");
    assert!(store.plans().expect("plans").is_empty());
    drop(store);
    let store = Store::open(&path).expect("open");
    store.create_plan(&new_plan(NOV_1)).expect("create");
    assert_eq!(store.plan_count().expect("count"), 1);
}
