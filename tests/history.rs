//! Integration tests of `tpcoach history` and `tpcoach progress`: listings, filters, JSON and
//! CSV, `--forget`, bad input (exit 2), a file that is not ours, and the store under load (two
//! writers at once, a writer killed in the middle of a step).
//!
//! Sessions are saved through the library's `Store` API, as `tpcoach session` saves them. Every
//! command runs with `TZ=UTC` and a fixed `TPCOACH_NOW`, so the output does not depend on the
//! machine or the day.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{json, stdout, Sandbox};
use predicates::prelude::*;
use tpcoach::history::{
    NewSession, SafetyAnswer, ScreeningStop, SessionId, SessionStatus, StepRecord, Store,
};
use tpcoach::model::{ScreeningOutcome, Urgency};
use tpcoach::routine::Side;

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// 2026-11-01 12:00 UTC.
const NOW: i64 = 1_793_534_400;

/// The history database in a sandbox.
fn db(sandbox: &Sandbox) -> PathBuf {
    sandbox.home().join("tpcoach.db")
}

fn open(path: &Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

/// `tpcoach ARGS` at [`NOW`], in UTC.
fn tpcoach(sandbox: &Sandbox, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = sandbox.cmd();
    cmd.env("TZ", "UTC")
        .env("TPCOACH_NOW", NOW.to_string())
        .args(args);
    cmd
}

/// One step: muscle, side, before, after (`None`: skipped).
type Spec<'a> = (&'a str, Side, Option<(u8, u8)>);

/// Saves a session started at `at` with `steps`, each a minute long.
fn save(
    store: &Store,
    at: i64,
    query: &str,
    steps: &[Spec<'_>],
    status: Option<SessionStatus>,
) -> SessionId {
    let id = store
        .begin_session(&NewSession {
            started_at: at,
            query: query.into(),
            matched: format!("{query} (region)"),
            plain: status == Some(SessionStatus::Unrated),
        })
        .expect("begin");
    for (i, &(muscle, side, rated)) in steps.iter().enumerate() {
        let i = i as u32;
        store
            .record_step(
                id,
                &StepRecord {
                    index: i,
                    muscle: muscle.into(),
                    side,
                    technique: "static_compression".into(),
                    planned_seconds: 70,
                    actual_seconds: if rated.is_some() { 60 } else { 0 },
                    before: rated.map(|r| r.0),
                    after: rated.map(|r| r.1),
                    skipped: rated.is_none(),
                    ended_at: at + 60 * (i64::from(i) + 1),
                },
            )
            .expect("record");
    }
    if let Some(status) = status {
        store
            .finish_session(id, at + 60 * (steps.len() as i64 + 1), status)
            .expect("finish");
    }
    id
}

/// Three sessions: two neck ones (yesterday, a week and a half ago) and a calf one (3 days ago).
fn three_sessions(sandbox: &Sandbox) {
    let store = open(&db(sandbox));
    save(
        &store,
        NOW - 10 * DAY,
        "neck",
        &[
            ("upper_trapezius", Side::Left, Some((6, 4))),
            ("upper_trapezius", Side::Right, Some((5, 3))),
        ],
        Some(SessionStatus::Completed),
    );
    save(
        &store,
        NOW - 3 * DAY,
        "calf",
        &[("soleus", Side::Left, Some((7, 4)))],
        Some(SessionStatus::Partial),
    );
    save(
        &store,
        NOW - DAY - 2 * HOUR,
        "neck",
        &[
            ("upper_trapezius", Side::Left, Some((5, 2))),
            ("levator_scapulae", Side::Left, None),
            ("levator_scapulae", Side::Right, Some((4, 3))),
        ],
        Some(SessionStatus::Completed),
    );
}

// ------------------------------------------------------------------ history

#[test]
fn history_lists_sessions_newest_first_with_a_total() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    let output = tpcoach(&sandbox, &["history"]).output().expect("run");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let expected = "\
┌──────────────────┬──────┬───────────────┬───────┬────────────────┬───────────┐
│ When             ┆ For  ┆ Steps         ┆ Time  ┆ Before → after ┆ Status    │
╞══════════════════╪══════╪═══════════════╪═══════╪════════════════╪═══════════╡
│ 2026-10-31 10:00 ┆ neck ┆ 2 (1 skipped) ┆ 2 min ┆ 4.5 → 2.5      ┆ completed │
│ 2026-10-29 12:00 ┆ calf ┆ 1             ┆ 1 min ┆ 7 → 4          ┆ partial   │
│ 2026-10-22 12:00 ┆ neck ┆ 2             ┆ 2 min ┆ 5.5 → 3.5      ┆ completed │
└──────────────────┴──────┴───────────────┴───────┴────────────────┴───────────┘
3 sessions, 5 min of work.
";
    assert_eq!(text, expected);
    assert!(output.stderr.is_empty());
}

#[test]
fn history_steps_shows_each_step_with_its_ratings() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    let output = tpcoach(&sandbox, &["history", "--steps", "--since", "2d"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let expected = "\
2026-10-31 10:00  neck (region)  completed, 2 min
┌───┬──────────────────┬───────┬────────────────────┬──────────────┬────────┬───────┐
│ # ┆ Muscle           ┆ Side  ┆ Technique          ┆ Time         ┆ Before ┆ After │
╞═══╪══════════════════╪═══════╪════════════════════╪══════════════╪════════╪═══════╡
│ 1 ┆ Upper trapezius  ┆ left  ┆ Static compression ┆ 1:00 of 1:10 ┆ 5      ┆ 2     │
│ 2 ┆ Levator scapulae ┆ left  ┆ Static compression ┆ skipped      ┆        ┆       │
│ 3 ┆ Levator scapulae ┆ right ┆ Static compression ┆ 1:00 of 1:10 ┆ 4      ┆ 3     │
└───┴──────────────────┴───────┴────────────────────┴──────────────┴────────┴───────┘
1 session, 2 min of work.
";
    // --since 2d leaves the older sessions out.
    assert_eq!(stdout(&output), expected);
}

#[test]
fn since_takes_days_weeks_and_dates() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    let count = |since: &str| -> usize {
        let output = tpcoach(&sandbox, &["history", "--json", "--since", since])
            .output()
            .expect("run");
        assert!(output.status.success(), "{since}: {output:?}");
        json(&output).as_array().expect("an array").len()
    };
    assert_eq!(count("2d"), 1);
    assert_eq!(count("7d"), 2);
    assert_eq!(count("2w"), 3);
    assert_eq!(count("2026-10-29"), 2);
    assert_eq!(count("2026-10-30"), 1);
    assert_eq!(count("2026-11-02"), 0);
}

#[test]
fn an_unreadable_since_is_bad_input() {
    let sandbox = Sandbox::new();
    for bad in ["yesterday", "7", "2026-02-30", "-3d"] {
        tpcoach(&sandbox, &["history", "--since", bad])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("--since"))
            .stderr(predicate::str::contains("(7d, 2w) or a date (2026-11-01)"));
    }
}

#[test]
fn csv_with_json_is_bad_input() {
    tpcoach(&Sandbox::new(), &["history", "--csv", "--json"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn region_keeps_the_sessions_that_worked_it() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    let output = tpcoach(&sandbox, &["history", "--json", "--region", "lower leg"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let sessions = json(&output);
    let queries: Vec<&str> = sessions
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|s| s["query"].as_str())
        .collect();
    assert_eq!(queries, vec!["calf"]);
    tpcoach(&sandbox, &["history", "--region", "nek"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no region matches \"nek\"; did you mean \"neck\"",
        ));
}

#[test]
fn history_json_has_the_documented_shape() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    let output = tpcoach(&sandbox, &["history", "--json", "--since", "2d"])
        .output()
        .expect("run");
    let sessions = json(&output);
    assert_eq!(
        sessions,
        serde_json::json!([{
            "id": 3,
            "started_at": NOW - DAY - 2 * HOUR,
            "ended_at": NOW - DAY - 2 * HOUR + 240,
            "query": "neck",
            "matched": "neck (region)",
            "status": "completed",
            "plain": false,
            "steps_done": 2,
            "steps_skipped": 1,
            "seconds": 120,
            "before": 4.5,
            "after": 2.5
        }])
    );
    let output = tpcoach(&sandbox, &["history", "--json", "--steps", "--since", "2d"])
        .output()
        .expect("run");
    let steps = &json(&output)[0]["steps"];
    assert_eq!(
        steps[1],
        serde_json::json!({
            "index": 1,
            "muscle": "levator_scapulae",
            "side": "left",
            "technique": "static_compression",
            "planned_seconds": 70,
            "actual_seconds": 0,
            "before": null,
            "after": null,
            "skipped": true,
            "ended_at": NOW - DAY - 2 * HOUR + 120
        })
    );
}

#[test]
fn history_csv_has_a_row_per_session_or_per_step() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    tpcoach(&sandbox, &["history", "--csv", "--since", "7d"])
        .assert()
        .success()
        .stdout(
            "session,started,ended,query,matched,status,steps_done,steps_skipped,seconds,before,after\n\
             3,2026-10-31 10:00,2026-10-31 10:04,neck,neck (region),completed,2,1,120,4.5,2.5\n\
             2,2026-10-29 12:00,2026-10-29 12:02,calf,calf (region),partial,1,0,60,7,4\n",
        );
    tpcoach(&sandbox, &["history", "--csv", "--steps", "--since", "4d"])
        .assert()
        .success()
        .stdout(
            "session,started,query,status,step,muscle,side,technique,planned_seconds,actual_seconds,before,after,skipped,ended\n\
             3,2026-10-31 10:00,neck,completed,1,upper_trapezius,left,static_compression,70,60,5,2,false,2026-10-31 10:01\n\
             3,2026-10-31 10:00,neck,completed,2,levator_scapulae,left,static_compression,70,0,,,true,2026-10-31 10:02\n\
             3,2026-10-31 10:00,neck,completed,3,levator_scapulae,right,static_compression,70,60,4,3,false,2026-10-31 10:03\n\
             2,2026-10-29 12:00,calf,partial,1,soleus,left,static_compression,70,60,7,4,false,2026-10-29 12:01\n",
        );
}

#[test]
fn times_are_shown_in_local_time() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    tpcoach(&sandbox, &["history", "--csv", "--since", "2d"])
        .env("TZ", "IST-5:30")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3,2026-10-31 15:30,2026-10-31 15:34,neck",
        ));
}

#[test]
fn without_a_history_nothing_is_created() {
    let sandbox = Sandbox::new();
    tpcoach(&sandbox, &["history"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No sessions saved yet"));
    tpcoach(&sandbox, &["history", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
    tpcoach(&sandbox, &["progress"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No sessions saved yet"));
    tpcoach(&sandbox, &["history", "--forget", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Nothing to forget"));
    assert!(!db(&sandbox).exists());
}

#[test]
fn a_file_that_is_not_ours_is_named_and_left_alone() {
    let sandbox = Sandbox::new();
    let path = db(&sandbox);
    std::fs::write(&path, "not a database\n").expect("write");
    for args in [
        &["history"][..],
        &["progress"],
        &["history", "--forget", "--yes"],
    ] {
        tpcoach(&sandbox, args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(path.display().to_string()))
            .stderr(predicate::str::contains(
                "is not a tpcoach history database",
            ));
    }
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "not a database\n"
    );
}

#[test]
fn a_bad_now_variable_is_bad_input() {
    tpcoach(&Sandbox::new(), &["history"])
        .env("TPCOACH_NOW", "tomorrow")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "TPCOACH_NOW must be a time in Unix seconds",
        ));
}

// ------------------------------------------------------------------ forget

#[test]
fn forget_with_yes_deletes_everything() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    open(&db(&sandbox))
        .record_screening_clear(NOW)
        .expect("screening");
    tpcoach(&sandbox, &["history", "--forget", "--yes"])
        .assert()
        .success()
        .stdout("")
        .stderr("Forgot 3 sessions (6 steps) and the screening date.\n");
    let store = open(&db(&sandbox));
    assert_eq!(store.session_count().expect("count"), 0);
    assert_eq!(store.screening_cleared_at().expect("read"), None);
    tpcoach(&sandbox, &["history", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn forget_outside_a_terminal_needs_yes_and_keeps_everything() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    tpcoach(&sandbox, &["history", "--forget"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add --yes"));
    assert_eq!(open(&db(&sandbox)).session_count().expect("count"), 3);
    tpcoach(&sandbox, &["history", "--yes"]).assert().code(2);
    tpcoach(&sandbox, &["history", "--forget", "--json"])
        .assert()
        .code(2);
}

#[test]
fn forget_in_a_terminal_asks_first() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    let answer = |key: &str, reply: &str| {
        let mut cmd = sandbox.std_cmd();
        cmd.env("TZ", "UTC").args(["history", "--forget"]);
        let mut session = expectrl::Session::spawn(cmd).expect("spawn in a pty");
        session
            .expect("This deletes all 3 saved sessions")
            .expect("the details");
        session
            .expect("Delete your history? This cannot be undone.")
            .expect("the question");
        session.send(key).expect("answer");
        // One key is not enough to delete anything: it takes Enter too.
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert_eq!(open(&db(&sandbox)).session_count().expect("count"), 3);
        session.send("\r").expect("Enter");
        session.expect(reply).expect("the reply");
        session.expect(expectrl::Eof).expect("the end");
    };
    answer("n", "Kept your history.");
    assert_eq!(open(&db(&sandbox)).session_count().expect("count"), 3);
    answer("y", "Forgot 3 sessions (6 steps) and the screening date.");
    assert_eq!(open(&db(&sandbox)).session_count().expect("count"), 0);
}

// ------------------------------------------------------------------ progress

/// Two weeks of regular neck work: the left upper trapezius eases, the right one does not, and
/// the levator scapulae gets worse each time.
fn two_weeks(sandbox: &Sandbox) {
    let store = open(&db(sandbox));
    let befores_left = [7, 7, 6, 5, 4, 3];
    let befores_right = [6, 6, 6, 5, 6, 6];
    for (n, day) in [15, 12, 9, 6, 3, 1].into_iter().enumerate() {
        save(
            &store,
            NOW - day * DAY,
            "neck",
            &[
                (
                    "upper_trapezius",
                    Side::Left,
                    Some((befores_left[n], befores_left[n] - 2)),
                ),
                (
                    "upper_trapezius",
                    Side::Right,
                    Some((befores_right[n], befores_right[n] - 1)),
                ),
            ],
            Some(SessionStatus::Completed),
        );
    }
    for (day, before) in [(5, 3), (3, 4), (1, 6)] {
        save(
            &store,
            NOW - day * DAY + HOUR,
            "neck",
            &[("levator_scapulae", Side::Right, Some((before, before)))],
            Some(SessionStatus::Completed),
        );
    }
}

#[test]
fn progress_shows_trends_drops_and_when_to_see_a_professional() {
    let sandbox = Sandbox::new();
    two_weeks(&sandbox);
    let output = tpcoach(&sandbox, &["progress"]).output().expect("run");
    assert!(output.status.success(), "{output:?}");
    assert!(output.stderr.is_empty());
    let expected = "\
Progress: every muscle you have worked
┌──────────────────┬──────────┬───────────────────┬──────────┬─────────────┬───────────────┐
│ Muscle           ┆ Sessions ┆ Tenderness 0-10   ┆ Avg drop ┆ Last worked ┆ Trend         │
╞══════════════════╪══════════╪═══════════════════╪══════════╪═════════════╪═══════════════╡
│ Levator scapulae ┆ 3        ┆ before ▃▄▅ 3→6    ┆ 0.0      ┆ yesterday   ┆ rising        │
│ right            ┆          ┆ after  ▃▄▅ 3→6    ┆          ┆             ┆               │
│ Upper trapezius  ┆ 6        ┆ before ▆▆▅▅▄▃ 7→3 ┆ 2.0      ┆ yesterday   ┆ improving     │
│ left             ┆          ┆ after  ▅▅▄▃▂▂ 5→1 ┆          ┆             ┆               │
│ Upper trapezius  ┆ 6        ┆ before ▅▅▅▅▅▅ 6→6 ┆ 1.0      ┆ yesterday   ┆ not improving │
│ right            ┆          ┆ after  ▅▅▅▄▅▅ 5→5 ┆          ┆             ┆               │
└──────────────────┴──────────┴───────────────────┴──────────┴─────────────┴───────────────┘
Tenderness: before and after the work on the spot, per session, oldest to newest (the last 10 rated
sessions). Avg drop: before minus after, within a session. Trend: tenderness before each session
over the last 21 days; it takes 4 rated sessions over about two weeks to tell.

Levator scapulae (right): tenderness keeps rising. Ease off (lighter pressure, fewer sessions) and
see a professional (your doctor or a physiotherapist).
Upper trapezius (right): not improving after about two weeks of regular work. See a professional
(your doctor or a physiotherapist): other causes can feel the same, and they can check.
";
    assert_eq!(stdout(&output), expected);
}

#[test]
fn progress_narrows_to_a_muscle_region_or_pain_area() {
    let sandbox = Sandbox::new();
    two_weeks(&sandbox);
    three_sessions(&sandbox);
    let muscles = |query: &[&str]| -> Vec<String> {
        let mut args = vec!["progress", "--json"];
        args.extend(query);
        let output = tpcoach(&sandbox, &args).output().expect("run");
        assert!(output.status.success(), "{query:?}: {output:?}");
        json(&output)
            .as_array()
            .expect("an array")
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r["muscle"].as_str().unwrap_or(""),
                    r["side"].as_str().unwrap_or("")
                )
            })
            .collect()
    };
    assert_eq!(
        muscles(&["upper", "traps"]),
        vec!["upper_trapezius left", "upper_trapezius right"]
    );
    assert_eq!(muscles(&["lower", "leg"]), vec!["soleus left"]);
    assert_eq!(muscles(&["neck"]).len(), 3);
    assert_eq!(muscles(&[]).len(), 4);
    tpcoach(&sandbox, &["progress", "upper", "trapezus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean \"upper trapezius\""));
    tpcoach(&sandbox, &["progress", "jaw"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No saved sessions have worked"));
}

#[test]
fn progress_json_has_numbers_for_the_trend() {
    let sandbox = Sandbox::new();
    two_weeks(&sandbox);
    let output = tpcoach(&sandbox, &["progress", "--json", "levator", "scapulae"])
        .output()
        .expect("run");
    let rows = json(&output);
    assert_eq!(
        rows,
        serde_json::json!([{
            "muscle": "levator_scapulae",
            "name": "Levator scapulae",
            "side": "right",
            "sessions": 3,
            "steps": 3,
            "last_worked_at": NOW - DAY + HOUR + 60,
            "days_since_last_worked": 1,
            "average_drop": 0.0,
            "trend": [
                {"session": 7, "at": NOW - 5 * DAY + HOUR + 60, "before": 3.0, "after": 3.0},
                {"session": 8, "at": NOW - 3 * DAY + HOUR + 60, "before": 4.0, "after": 4.0},
                {"session": 9, "at": NOW - DAY + HOUR + 60, "before": 6.0, "after": 6.0}
            ],
            "verdict": "rising",
            "see_a_professional": true,
            "advice": "tenderness keeps rising. Ease off (lighter pressure, fewer sessions) and see a professional (your doctor or a physiotherapist)."
        }])
    );
}

// ------------------------------------------------------------------ hints for routines

#[test]
fn hints_steer_the_next_neck_routine() {
    use tpcoach::library::{Base, Library, LoadOptions};
    use tpcoach::routine::{self, Advice, Options};

    let sandbox = Sandbox::new();
    let store = open(&db(&sandbox));
    // The levator scapulae never helped over three sessions this week.
    for day in [6, 4, 2] {
        save(
            &store,
            NOW - day * DAY,
            "neck",
            &[
                ("levator_scapulae", Side::Left, Some((5, 5))),
                ("levator_scapulae", Side::Right, Some((5, 5))),
            ],
            Some(SessionStatus::Completed),
        );
    }
    // This morning: the left upper trapezius was still tender afterwards, the right one less so.
    save(
        &store,
        NOW - 3 * HOUR,
        "neck",
        &[
            ("upper_trapezius", Side::Left, Some((7, 5))),
            ("upper_trapezius", Side::Right, Some((6, 3))),
        ],
        Some(SessionStatus::Completed),
    );
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library");
    let hints = store.hints(&library, NOW).expect("hints");
    let traps = |side| hints.advice.get(&("upper_trapezius".to_string(), side));
    assert_eq!(traps(Side::Left), Some(&Advice::Rest));
    assert_eq!(traps(Side::Right), Some(&Advice::Gentle));
    assert!(hints.unhelpful.contains("levator_scapulae"));

    let options = |history| Options {
        minutes: 10,
        equipment: ["fingers", "ball"].map(String::from).into(),
        sides: routine::Sides::Both,
        limits: Default::default(),
        history,
        technique: Default::default(),
        settle_seconds: tpcoach::routine::SETTLE_SECONDS,
    };
    let fresh = routine::build(&library, "neck", &options(None)).expect("a routine");
    let steered = routine::build(&library, "neck", &options(Some(hints))).expect("a routine");
    let worked = |r: &routine::Routine, muscle: &str, side: Side| {
        r.steps.iter().any(|s| s.muscle == muscle && s.side == side)
    };
    assert!(worked(&fresh, "upper_trapezius", Side::Left));
    assert!(!worked(&steered, "upper_trapezius", Side::Left));
    assert!(worked(&steered, "upper_trapezius", Side::Right));
    let notes = steered.notes.join("\n");
    assert!(notes.contains("resting today"), "{notes}");
    assert!(notes.contains("a gentler dose"), "{notes}");
    assert!(notes.contains("Levator scapulae: moved down"), "{notes}");
    let position =
        |r: &routine::Routine| r.steps.iter().position(|s| s.muscle == "levator_scapulae");
    assert!(
        position(&steered).is_none_or(|p| position(&fresh).is_some_and(|f| p > f)),
        "the levator scapulae gave up its place"
    );
}

// ------------------------------------------------------------------ the store under load

/// The variable that turns this test binary into a writer process for the tests below.
const CHILD: &str = "HISTORY_TEST_CHILD";
/// The database the child writes to.
const CHILD_DB: &str = "HISTORY_TEST_DB";
/// Steps each writer records.
const STEPS_PER_WRITER: u32 = 60;
/// What a killed child prints once its earlier steps are saved and a step is under way.
const READY: &str = "WRITER READY";

fn step(index: u32, ended_at: i64) -> StepRecord {
    StepRecord {
        index,
        muscle: "upper_trapezius".into(),
        side: if index % 2 == 0 {
            Side::Left
        } else {
            Side::Right
        },
        technique: "static_compression".into(),
        planned_seconds: 70,
        actual_seconds: 70,
        before: Some(5),
        after: Some(3),
        skipped: false,
        ended_at,
    }
}

/// Writes one session of [`STEPS_PER_WRITER`] steps, each in its own transaction, as a session
/// does; returns its id.
fn write_one_session(path: &Path, tag: i64) -> SessionId {
    let store = open(path);
    let id = store
        .begin_session(&NewSession {
            started_at: NOW + tag,
            query: format!("writer {tag}"),
            matched: "neck (region)".into(),
            plain: false,
        })
        .expect("begin");
    for i in 0..STEPS_PER_WRITER {
        store
            .record_step(id, &step(i, NOW + i64::from(i)))
            .expect("record");
    }
    store
        .finish_session(id, NOW + 999, SessionStatus::Completed)
        .expect("finish");
    id
}

/// Not a test on its own: the body of the writer processes the tests below start (it does
/// nothing when run with the other tests).
#[test]
fn child_writer() {
    let (Some(mode), Some(path)) = (std::env::var_os(CHILD), std::env::var_os(CHILD_DB)) else {
        return;
    };
    let path = PathBuf::from(path);
    match mode.to_str() {
        Some("write") => {
            write_one_session(&path, i64::from(std::process::id()));
        }
        Some("die-mid-step") => {
            let store = open(&path);
            let id = store
                .begin_session(&NewSession {
                    started_at: NOW,
                    query: "neck".into(),
                    matched: "neck (region)".into(),
                    plain: false,
                })
                .expect("begin");
            for i in 0..5 {
                store
                    .record_step(id, &step(i, NOW + i64::from(i)))
                    .expect("record");
            }
            // Step 6 is being written when the process dies: its transaction never commits.
            let raw = rusqlite::Connection::open(&path).expect("open");
            raw.execute_batch(&format!(
                "BEGIN IMMEDIATE;
                 INSERT INTO step VALUES ({}, 5, 'scalenes', 'left', 'static_compression', 70, 10, 4, NULL, 0, {NOW});",
                id.0
            ))
            .expect("a step under way");
            println!("{READY}");
            // Wait to be killed.
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).ok();
            panic!("the writer was meant to be killed");
        }
        _ => panic!("unknown {CHILD} mode"),
    }
}

/// This test binary, started to run [`child_writer`] in `mode` against `path`.
fn child(mode: &str, path: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
    cmd.args(["child_writer", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, mode)
        .env(CHILD_DB, path)
        .env_remove("RUST_BACKTRACE");
    cmd
}

#[test]
fn two_writer_threads_at_once_lose_no_step() {
    let sandbox = Sandbox::new();
    let path = db(&sandbox);
    // Both open a database that does not exist yet, so they also race to create it.
    let barrier = std::sync::Barrier::new(2);
    let ids: Vec<SessionId> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..2)
            .map(|tag| {
                let (path, barrier) = (&path, &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    write_one_session(path, tag)
                })
            })
            .collect();
        writers
            .into_iter()
            .map(|w| w.join().expect("a writer thread"))
            .collect()
    });
    let store = open(&path);
    let sessions = store.sessions(&Default::default()).expect("read");
    assert_eq!(sessions.len(), 2);
    for s in &sessions {
        assert!(ids.contains(&s.id));
        assert_eq!(s.steps.len(), STEPS_PER_WRITER as usize);
        assert_eq!(s.status, Some(SessionStatus::Completed));
    }
}

#[test]
fn two_writer_processes_at_once_lose_no_step() {
    let sandbox = Sandbox::new();
    let path = db(&sandbox);
    let children: Vec<_> = (0..2)
        .map(|_| {
            child("write", &path)
                .stdout(Stdio::null())
                .spawn()
                .expect("start a writer")
        })
        .collect();
    for mut c in children {
        assert!(c.wait().expect("a writer").success());
    }
    let store = open(&path);
    assert_eq!(store.session_count().expect("count"), 2);
    assert_eq!(
        store.step_count().expect("count"),
        2 * u64::from(STEPS_PER_WRITER)
    );
}

#[test]
fn a_writer_killed_mid_step_leaves_the_earlier_steps_intact() {
    let sandbox = Sandbox::new();
    let path = db(&sandbox);
    let mut writer = child("die-mid-step", &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the writer");
    let out = writer.stdout.take().expect("its stdout");
    let ready = BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains(READY));
    assert!(ready, "the writer got to its sixth step");
    writer.kill().expect("kill the writer");
    writer.wait().expect("reap the writer");

    let output = tpcoach(&sandbox, &["history", "--json", "--steps"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let sessions = json(&output);
    let session = &sessions[0];
    assert_eq!(session["status"], "unfinished");
    let indexes: Vec<u64> = session["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["index"].as_u64())
        .collect();
    assert_eq!(indexes, vec![0, 1, 2, 3, 4]);
    // The store is usable again straight away.
    write_one_session(&path, 1);
    assert_eq!(open(&path).session_count().expect("count"), 2);
}

/// A stop at the safety questions, as `tpcoach session` saves it: the stroke-signs "yes".
fn stroke_stop(at: i64, query: &str) -> ScreeningStop {
    ScreeningStop {
        at,
        query: query.into(),
        matched: format!("{query} (region)"),
        reason: String::new(),
        answers: vec![SafetyAnswer {
            question: "neck_head_stroke_signs".into(),
            topic: "stroke signs".into(),
            asked: "Any sudden weakness, numbness or trouble speaking?".into(),
            outcome: ScreeningOutcome::Stop,
            urgency: Some(Urgency::Emergency),
            changed: String::new(),
            advice: "Call emergency services now.".into(),
        }],
    }
}

#[test]
fn a_stop_at_the_safety_questions_is_listed_after_the_sessions_and_not_counted() {
    let sandbox = Sandbox::new();
    three_sessions(&sandbox);
    let store = open(&db(&sandbox));
    store
        .record_screening_stop(&stroke_stop(NOW - 2 * HOUR, "neck"))
        .expect("save");
    store
        .record_screening_stop(&ScreeningStop {
            reason: "your answers leave nothing to work on (no work on the calf)".into(),
            answers: Vec::new(),
            ..stroke_stop(NOW - HOUR, "calf")
        })
        .expect("save");
    drop(store);
    let output = tpcoach(&sandbox, &["history"]).output().expect("run");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        text.ends_with(
            "3 sessions, 5 min of work.\n\n\
             Stopped at the safety questions (no session, nothing worked, not counted above):\n\
             - 2026-11-01 11:00  calf: your answers leave nothing to work on (no work on the calf)\n\
             - 2026-11-01 10:00  neck: stroke signs\n"
        ),
        "{text}"
    );
    // A region keeps its own stops only; a period, those within it.
    let neck = stdout(
        &tpcoach(&sandbox, &["history", "--region", "neck"])
            .output()
            .expect("run"),
    );
    assert!(
        neck.contains("neck: stroke signs") && !neck.contains("calf:"),
        "{neck}"
    );
    let later = stdout(
        &tpcoach(&sandbox, &["history", "--since", "2026-11-02"])
            .output()
            .expect("run"),
    );
    assert!(
        !later.contains("Stopped at the safety questions"),
        "{later}"
    );
    // Forgotten with everything else.
    tpcoach(&sandbox, &["history", "--forget", "--yes"])
        .assert()
        .success();
    let after = stdout(&tpcoach(&sandbox, &["history"]).output().expect("run"));
    assert!(!after.contains("Stopped"), "{after}");
}
