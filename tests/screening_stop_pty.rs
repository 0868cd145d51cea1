//! A session the safety questions stop, end to end in a pseudo-terminal: nothing is worked and
//! no session is saved, but the stop is kept for the record, and `history` and `report` show it.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::pty::{Pty, SCRIPT};
use common::{stdout, Sandbox};
use tpcoach::history::{SessionFilter, Store};

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[test]
fn a_stopped_screening_is_kept_and_shown_by_history_and_report() {
    let sandbox = Sandbox::new();
    let db = sandbox.home().join("tpcoach.db");
    // The general questions answered all clear before: only the neck's are asked.
    Store::open(&db)
        .and_then(|s| s.record_screening_clear(now()))
        .expect("the screening is remembered");
    let mut cmd = sandbox.sh(SCRIPT);
    cmd.env("TPCOACH_TIME_SCALE", "0.02")
        .env("TERM", "xterm-256color")
        .args(["tpcoach", "session", "neck", "--minutes", "4"]);
    let mut pty = Pty::start_sized(cmd, 200, 50);
    // The most urgent first: the stroke signs.
    pty.expect("weakness or numbness on one side");
    pty.expect("[y/n]");
    pty.send("y");
    pty.expect("No session today.");
    assert_eq!(pty.exit_status(), 3);

    let store = Store::open(&db).expect("open");
    assert!(store
        .sessions(&SessionFilter::default())
        .expect("read")
        .is_empty());
    let stops = store.screening_stops(i64::MIN).expect("read");
    assert_eq!(stops.len(), 1, "{stops:?}");
    assert_eq!(stops[0].query, "neck");
    let ids: Vec<&str> = stops[0]
        .answers
        .iter()
        .map(|a| a.question.as_str())
        .collect();
    assert_eq!(ids, ["neck_head_stroke_signs"]);
    drop(store);

    let history = sandbox.cmd().arg("history").output().expect("history");
    let text = stdout(&history);
    assert!(text.contains("Stopped at the safety questions"), "{text}");
    assert!(text.contains("neck: "), "{text}");
    let report = sandbox
        .cmd()
        .args(["report", "--out", "-"])
        .output()
        .expect("report");
    let page = stdout(&report);
    assert!(page.contains("<section id=\"stopped\">"), "{page}");
    assert!(
        page.contains("data-question=\"neck_head_stroke_signs\""),
        "{page}"
    );
}
