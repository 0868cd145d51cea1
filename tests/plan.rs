//! Integration tests of the daily rhythm: `tpcoach plan`, `today`, `due` and the check-in, run as
//! a person runs them. Plans are made with `tpcoach plan`; sessions are either real `session
//! --plain` runs (time scaled down) or saved through the library's `Store` API with ratings, as
//! `tpcoach session` saves them. Every command runs with `TZ=UTC` and a fixed `TPCOACH_NOW`, so
//! the day boundaries do not depend on the machine.

mod common;

use std::path::PathBuf;

use common::{json, stdout, Sandbox};
use predicates::prelude::*;
use tpcoach::history::{NewSession, SessionStatus, StepRecord, Store};
use tpcoach::routine::Side;

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// 2026-11-07 08:00 UTC: the plan starts here.
const START: i64 = 1_794_038_400;

/// `tpcoach ARGS` at `now`, in UTC.
fn at(sandbox: &Sandbox, now: i64, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = sandbox.cmd();
    cmd.env("TZ", "UTC")
        .env("TPCOACH_NOW", now.to_string())
        .args(args);
    cmd
}

/// What `tpcoach due` prints at `now` (it must always exit 0 and say nothing on stderr).
fn due(sandbox: &Sandbox, now: i64) -> String {
    let output = at(sandbox, now, &["due"])
        .output()
        .expect("run tpcoach due");
    assert!(output.status.success(), "due exited {:?}", output.status);
    assert!(
        output.stderr.is_empty(),
        "due wrote to stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

fn db(sandbox: &Sandbox) -> PathBuf {
    sandbox.home().join("tpcoach.db")
}

/// A real session of the neck routine at `now`, as `--plain` lines, a thousand times faster.
fn neck_session(sandbox: &Sandbox, now: i64) {
    at(
        sandbox,
        now,
        &["session", "neck", "--plain", "--minutes", "10"],
    )
    .env("TPCOACH_TIME_SCALE", "0.001")
    .assert()
    .success()
    .stdout(predicate::str::contains("Session done"));
}

/// Saves a rated neck session at `at`: the upper trapezius, left, `before` then `before - 2`.
fn rated_neck_session(store: &Store, at: i64, before: u8) {
    let id = store
        .begin_session(&NewSession {
            started_at: at,
            query: "neck".into(),
            matched: "neck (region)".into(),
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
                planned_seconds: 90,
                actual_seconds: 90,
                before: Some(before),
                after: Some(before.saturating_sub(2)),
                skipped: false,
                ended_at: at + 100,
            },
        )
        .expect("record");
    store
        .finish_session(id, at + 120, SessionStatus::Completed)
        .expect("finish");
}

/// A neck plan started at [`START`] with a session every day of the fortnight, rated `before(d)`
/// on day `d`; returns the time of the check-in (the morning after the last day).
fn fortnight(sandbox: &Sandbox, before: impl Fn(i64) -> u8) -> i64 {
    at(sandbox, START, &["plan", "neck"]).assert().success();
    let store = Store::open(&db(sandbox)).expect("open the database");
    for d in 0..14 {
        rated_neck_session(&store, START + d * DAY + HOUR, before(d));
    }
    START + 14 * DAY + HOUR
}

#[test]
fn a_plan_counts_a_real_session_and_due_waits_for_the_next_day() {
    let sandbox = Sandbox::new();
    at(&sandbox, START, &["plan", "neck"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Plan: neck"))
        .stdout(predicate::str::contains("1 session a day"));
    assert_eq!(
        due(&sandbox, START),
        "tp: neck",
        "a new plan is due at once"
    );
    at(&sandbox, START, &["today"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 of 1 done; a session is due now",
        ));

    neck_session(&sandbox, START + 60);
    at(&sandbox, START + 20 * 60, &["today"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 of 1 done; done for today"));
    assert_eq!(due(&sandbox, START + 20 * 60), "", "done for today");
    assert_eq!(due(&sandbox, START + 15 * HOUR), "", "still today (23:00)");
    assert_eq!(
        due(&sandbox, START + 16 * HOUR + 60),
        "tp: neck",
        "due again after midnight"
    );
}

#[test]
fn today_json_gives_the_counts() {
    let sandbox = Sandbox::new();
    at(&sandbox, START, &["plan", "neck"]).assert().success();
    neck_session(&sandbox, START + 60);
    let out = json(
        at(&sandbox, START + HOUR, &["today", "--json"])
            .assert()
            .success()
            .get_output(),
    );
    let plan = &out["plans"][0];
    assert_eq!(plan["label"], "neck", "{out}");
    assert_eq!(plan["done_today"], 1, "{out}");
    assert_eq!(plan["due_now"], false, "{out}");
}

#[test]
fn two_plans_at_once_and_due_names_the_first_that_is_due() {
    let sandbox = Sandbox::new();
    at(&sandbox, START, &["plan", "neck"]).assert().success();
    at(&sandbox, START, &["plan", "outer", "elbow"])
        .assert()
        .success();
    assert_eq!(due(&sandbox, START), "tp: neck +1");
    neck_session(&sandbox, START + 60);
    assert_eq!(due(&sandbox, START + HOUR), "tp: outer elbow");
    at(&sandbox, START + HOUR, &["plan", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("neck"))
        .stdout(predicate::str::contains("outer elbow"));
}

#[test]
fn due_with_no_database_prints_nothing_and_writes_nothing() {
    let sandbox = Sandbox::new();
    assert_eq!(due(&sandbox, START), "");
    assert!(!db(&sandbox).exists(), "due created the database");
}

#[test]
fn due_writes_nothing_to_an_existing_database() {
    let sandbox = Sandbox::new();
    at(&sandbox, START, &["plan", "neck"]).assert().success();
    let before = std::fs::read(db(&sandbox)).expect("read the database");
    assert_eq!(due(&sandbox, START + DAY), "tp: neck");
    let after = std::fs::read(db(&sandbox)).expect("read the database");
    assert!(before == after, "due changed the database");
}

#[cfg(unix)]
#[test]
fn the_database_with_plans_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    at(&sandbox, START, &["plan", "neck"]).assert().success();
    let mode = std::fs::metadata(db(&sandbox))
        .expect("the database")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
}

#[test]
fn a_stopped_plan_is_never_due() {
    let sandbox = Sandbox::new();
    at(&sandbox, START, &["plan", "neck"]).assert().success();
    at(&sandbox, START + HOUR, &["plan", "--stop", "neck"])
        .assert()
        .success();
    assert_eq!(due(&sandbox, START + DAY), "");
    assert_eq!(due(&sandbox, START + 20 * DAY), "", "no check-in either");
}

#[test]
fn the_check_in_says_carry_on_when_the_spot_improves() {
    let sandbox = Sandbox::new();
    let end = fortnight(&sandbox, |d| (8 - d / 3) as u8);
    assert_eq!(due(&sandbox, end - 2 * DAY), "", "done for that day");
    assert_eq!(due(&sandbox, end), "tp: neck check-in");
    let today = stdout(
        at(&sandbox, end, &["today"])
            .assert()
            .success()
            .get_output(),
    );
    assert!(today.contains("Check-in"), "{today}");
    assert!(today.to_lowercase().contains("improving"), "{today}");
    assert!(!today.contains("see a professional"), "{today}");

    at(&sandbox, end, &["plan", "--checkin", "neck", "carry-on"])
        .assert()
        .success();
    assert!(
        !due(&sandbox, end + HOUR).contains("check-in"),
        "the answer is saved"
    );
}

#[test]
fn the_check_in_says_see_a_professional_when_it_does_not_improve() {
    let sandbox = Sandbox::new();
    let end = fortnight(&sandbox, |d| if d % 2 == 0 { 6 } else { 5 });
    let today = stdout(
        at(&sandbox, end, &["today"])
            .assert()
            .success()
            .get_output(),
    );
    assert!(today.contains("Check-in"), "{today}");
    assert!(today.contains("professional"), "{today}");
    // `suggest` for the plan's query opens with the check-in too.
    at(&sandbox, end, &["suggest", "neck"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Check-in"))
        .stderr(predicate::str::contains("professional"))
        .stdout(predicate::str::contains("Check-in").not());
    at(&sandbox, end, &["plan", "--checkin", "neck", "stop"])
        .assert()
        .success();
    assert_eq!(due(&sandbox, end + DAY), "");
}

#[test]
fn the_check_in_says_see_a_professional_when_it_keeps_rising() {
    let sandbox = Sandbox::new();
    let end = fortnight(
        &sandbox,
        |d| if d < 11 { 5 } else { 4 + 2 * (d - 10) as u8 },
    );
    let today = stdout(
        at(&sandbox, end, &["today"])
            .assert()
            .success()
            .get_output(),
    );
    assert!(today.contains("Check-in"), "{today}");
    assert!(today.to_lowercase().contains("rising"), "{today}");
    assert!(today.contains("professional"), "{today}");

    at(&sandbox, end, &["plan", "--checkin", "neck", "extend"])
        .assert()
        .success();
    assert_eq!(
        due(&sandbox, end + HOUR),
        "tp: neck",
        "extended: sessions are due again"
    );
}

#[test]
fn forget_keeps_plans_only_when_asked() {
    let sandbox = Sandbox::new();
    at(&sandbox, START, &["plan", "neck"]).assert().success();
    at(
        &sandbox,
        START,
        &["history", "--forget", "--yes", "--keep-plans"],
    )
    .assert()
    .success();
    assert_eq!(due(&sandbox, START + HOUR), "tp: neck", "kept");
    at(&sandbox, START, &["history", "--forget", "--yes"])
        .assert()
        .success();
    assert_eq!(due(&sandbox, START + HOUR), "", "deleted");
}
