//! `suggest` reads the person's history: a spot still tender after yesterday's session is rested,
//! and `--fresh` ignores the history.

mod common;

use common::Sandbox;
use predicates::prelude::*;
use tpcoach::history::{NewSession, SessionStatus, StepRecord, Store};
use tpcoach::routine::Side;

const NOW: i64 = 1_795_000_000;

fn log_tender_upper_trapezius(sandbox: &Sandbox) {
    let store = Store::open(&sandbox.home().join("tpcoach.db")).expect("open the store");
    let started = NOW - 3 * 3600;
    let session = store
        .begin_session(&NewSession {
            started_at: started,
            query: "neck".into(),
            matched: "neck (region)".into(),
            plain: false,
        })
        .expect("begin");
    for (index, side) in [Side::Left, Side::Right].into_iter().enumerate() {
        store
            .record_step(
                session,
                &StepRecord {
                    index: index as u32,
                    muscle: "upper_trapezius".into(),
                    side,
                    technique: "static_compression".into(),
                    planned_seconds: 100,
                    actual_seconds: 100,
                    before: Some(7),
                    after: Some(6),
                    skipped: false,
                    ended_at: started + 100 * (index as i64 + 1),
                },
            )
            .expect("record");
    }
    store
        .finish_session(session, started + 300, SessionStatus::Completed)
        .expect("finish");
}

#[test]
fn suggest_rests_a_spot_still_tender_after_a_session_today() {
    let sandbox = Sandbox::new();
    log_tender_upper_trapezius(&sandbox);
    sandbox
        .cmd()
        .env("TPCOACH_NOW", NOW.to_string())
        .args(["suggest", "neck"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Adjusted from your history"))
        .stdout(predicate::str::contains(
            "Upper trapezius (left): resting today",
        ));
}

#[test]
fn suggest_fresh_ignores_the_history() {
    let sandbox = Sandbox::new();
    log_tender_upper_trapezius(&sandbox);
    sandbox
        .cmd()
        .env("TPCOACH_NOW", NOW.to_string())
        .args(["suggest", "neck", "--fresh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Adjusted from your history").not())
        .stdout(predicate::str::contains("resting today").not());
}

#[test]
fn suggest_without_a_history_creates_no_database() {
    let sandbox = Sandbox::new();
    sandbox.cmd().args(["suggest", "neck"]).assert().success();
    assert!(!sandbox.home().join("tpcoach.db").exists());
}

#[test]
fn a_history_that_changes_nothing_here_is_not_claimed() {
    let sandbox = Sandbox::new();
    log_tender_upper_trapezius(&sandbox);
    // The upper trapezius plays no part in a heel routine.
    sandbox
        .cmd()
        .env("TPCOACH_NOW", NOW.to_string())
        .args(["suggest", "heel"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Adjusted from your history").not());
}
