//! `tpcoach session` without a terminal: the refusal that names `--plain`, and `--plain` itself
//! (cues as plain lines, no control codes, saved unrated, Ctrl-C keeps what was done). Timers run
//! with `TPCOACH_TIME_SCALE`, so no test waits for real seconds.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::{stdout, Sandbox};
use predicates::prelude::*;
use tpcoach::history::{
    NewSession, SessionFilter, SessionRecord, SessionStatus, StepRecord, Store,
};
use tpcoach::routine::Side;

/// A saved step: index, technique, planned and actual seconds, before, after, skipped.
type SavedStep<'a> = (u32, &'a str, u32, u32, Option<u8>, Option<u8>, bool);

/// The sessions saved in a sandbox's history, oldest first.
fn saved(sandbox: &Sandbox) -> Vec<SessionRecord> {
    let store = Store::open(&sandbox.home().join("tpcoach.db")).expect("the history opens");
    let mut sessions = store
        .sessions(&SessionFilter::default())
        .expect("sessions read");
    sessions.sort_by_key(|s| s.id);
    sessions
}

#[test]
fn without_a_terminal_it_says_so_names_plain_and_exits_2() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["session", "neck"])
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("needs an interactive terminal")
                .and(predicate::str::contains("--plain")),
        );
    assert!(
        !sandbox.home().join("tpcoach.db").exists(),
        "nothing is created"
    );
}

#[test]
fn plain_prints_every_cue_as_a_plain_line_and_saves_the_session_unrated() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args([
            "session",
            "neck",
            "--plain",
            "--minutes",
            "4",
            "--side",
            "left",
        ])
        .env("TPCOACH_TIME_SCALE", "0.001")
        .write_stdin("")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        !text.contains('\x1b') && !text.contains('\x07') && !text.contains('\r'),
        "no control codes:\n{text:?}"
    );
    let expected = [
        "Safety first. If the answer to any of these is yes, do not go on",
        "- Do you have a fever",
        "Self-care guidance, not a diagnosis",
        "Step 1 of 3: Upper trapezius, left side",
        "  Static compression with pincer grip: hold 30 s x 2",
        "  Caution: Side of the neck above the collarbone",
        "  You have 10 s to find the spot.",
        "  Hold 1 of 2, 30 s: squeeze to about 5/10, it should ease as you hold.",
        "  Half time: breathe out, let it sink in.",
        "  3...",
        "  2...",
        "  1...",
        "  Let go.",
        "  Rest 30 s. Next: hold 2 of 2.",
        "  Hold 2 of 2, 30 s",
        "  Done, 1 min 30 s.",
        "Step 2 of 3: Upper trapezius, left side",
        "  You have 10 s to get into position.",
        "  Stretch 1 of 2, 30 s",
        "  Half time: keep breathing, no bouncing.",
        "  Ease out slowly.",
        "  Rest 5 s. Next: stretch 2 of 2.",
        "  Stretch 2 of 2, 30 s",
        "Step 3 of 3: Scalenes, left side",
        "  Hold for 10 s: press to about 3/10 (light)",
        "Session done: 3 of 3 steps, 2 min 45 s of work.",
        "1. Upper trapezius, static compression, left: 1 min 30 s",
        "2. Upper trapezius, stretching, left: 1 min 5 s",
        "3. Scalenes, static compression, left: 10 s",
        "Saved as unrated",
    ];
    let mut rest = text.as_str();
    for line in expected {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing or out of order in:\n{text}"));
        rest = &rest[at + line.len()..];
    }
    // Each hold's end says "Let go." once (the rest after it does not say it again), and its
    // last seconds are counted, not announced as one.
    assert_eq!(text.matches("Let go.").count(), 3, "{text}");
    assert!(!text.to_lowercase().contains(": let go"), "{text}");
    assert!(!text.contains("s left."), "{text}");
    assert!(!text.contains("Tenderness"), "no ratings in plain mode");
    assert!(
        !text.contains(['┌', '│', '└']),
        "no box drawing in plain mode:\n{text}"
    );

    let sessions = saved(&sandbox);
    assert_eq!(sessions.len(), 1);
    let session = &sessions[0];
    assert!(session.plain);
    assert_eq!(session.status, Some(SessionStatus::Unrated));
    assert_eq!(session.query, "neck");
    let steps: Vec<SavedStep> = session
        .steps
        .iter()
        .map(|s| {
            (
                s.index,
                s.technique.as_str(),
                s.planned_seconds,
                s.actual_seconds,
                s.before,
                s.after,
                s.skipped,
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            (0, "static_compression", 90, 90, None, None, false),
            (1, "stretching", 65, 65, None, None, false),
            (2, "static_compression", 10, 10, None, None, false),
        ]
    );
}

#[test]
fn plain_strokes_are_counted_one_line_per_stroke() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args([
            "session",
            "heel",
            "--plain",
            "--minutes",
            "5",
            "--side",
            "right",
        ])
        .env("TPCOACH_TIME_SCALE", "0.001")
        .write_stdin("")
        .output()
        .expect("runs");
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    let strokes = text
        .find("  Strokes: 12 slow strokes, one every 3 s")
        .expect(&text);
    let after = &text[strokes..];
    // The first stroking step alone: the routine may stroke more than one muscle.
    let step = &after[..after.find("  Strokes done.").expect(&text)];
    let counted: Vec<&str> = step
        .lines()
        .filter(|l| l.starts_with("  Stroke "))
        .collect();
    let expected: Vec<String> = (1..=12).map(|n| format!("  Stroke {n} of 12.")).collect();
    assert_eq!(counted, expected);
    assert!(after.contains("  Strokes done."), "{text}");
}

#[test]
fn a_stretch_of_both_sides_at_once_runs_once_and_its_summary_says_both() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args(["session", "low", "back", "--plain", "--minutes", "15"])
        .env("TPCOACH_TIME_SCALE", "0.001")
        .write_stdin("")
        .output()
        .expect("runs");
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert_eq!(
        text.matches("Erector spinae (iliocostalis, longissimus), both sides at once")
            .count(),
        1,
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("Erector spinae") && l.contains("stretching, both:")),
        "{text}"
    );
}

#[test]
fn ctrl_c_in_plain_mode_keeps_what_was_done_and_says_how_far_it_got() {
    let sandbox = Sandbox::new();
    let mut child = sandbox
        .std_cmd()
        .args([
            "session",
            "neck",
            "--plain",
            "--minutes",
            "4",
            "--side",
            "left",
        ])
        .env("TPCOACH_TIME_SCALE", "0.01")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout"));
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        assert!(
            lines.read_line(&mut line).expect("reads") > 0,
            "ended early:\n{seen}"
        );
        seen.push_str(&line);
        // Half way through the second step: the first is saved.
        if line.contains("Half time: keep breathing") {
            break;
        }
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut lines, &mut rest).expect("reads the rest");
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(130), "{seen}{rest}");
    assert!(
        rest.contains("Stopped at step 2 of 3 (Upper trapezius, left): 1 done, 1 cut short"),
        "{rest}"
    );
    assert!(rest.contains("Saved as a partial session"), "{rest}");
    assert!(
        !rest.contains('\x1b'),
        "no control codes in plain mode: {rest:?}"
    );

    let sessions = saved(&sandbox);
    assert_eq!(sessions[0].status, Some(SessionStatus::Partial));
    let steps = &sessions[0].steps;
    assert_eq!(steps.len(), 2);
    assert!(!steps[0].skipped && steps[0].actual_seconds == 90);
    assert!(
        steps[1].skipped,
        "the step under way is kept, marked cut short"
    );
}

#[test]
fn a_bad_time_scale_is_refused_with_an_example() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["session", "neck", "--plain"])
        .env("TPCOACH_TIME_SCALE", "fast")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("TPCOACH_TIME_SCALE=fast")
                .and(predicate::str::contains("0.01")),
        );
}

#[test]
fn bad_queries_and_options_exit_2_before_anything_starts() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["session", "nek", "--plain"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean"));
    sandbox
        .cmd()
        .args(["session", "neck", "--plain", "--minutes", "16"])
        .assert()
        .code(2);
    sandbox
        .cmd()
        .args(["session", "neck", "--plain", "--tools", "hammer"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown tool \"hammer\""));
    assert!(saved_if_any(&sandbox).is_empty());
}

fn saved_if_any(sandbox: &Sandbox) -> Vec<SessionRecord> {
    if sandbox.home().join("tpcoach.db").exists() {
        saved(sandbox)
    } else {
        Vec::new()
    }
}

#[test]
fn help_names_the_keys_the_exit_statuses_and_the_time_scale() {
    Sandbox::new()
        .cmd()
        .args(["session", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("--plain")
                .and(predicate::str::contains("--no-bell"))
                .and(predicate::str::contains("--fresh"))
                .and(predicate::str::contains("space or p pause"))
                .and(predicate::str::contains("3 stopped for safety"))
                .and(predicate::str::contains("TPCOACH_TIME_SCALE")),
        );
}

#[test]
fn the_history_shapes_the_routine_says_so_and_fresh_ignores_it() {
    let sandbox = Sandbox::new();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .expect("a clock");
    {
        let store = Store::open(&sandbox.home().join("tpcoach.db")).expect("opens");
        let id = store
            .begin_session(&NewSession {
                started_at: now - 3_600,
                query: "neck".into(),
                matched: "neck (region)".into(),
                plain: false,
            })
            .expect("begins");
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
                    before: Some(8),
                    after: Some(7),
                    skipped: false,
                    ended_at: now - 3_500,
                },
            )
            .expect("records");
        store
            .finish_session(id, now - 3_400, SessionStatus::Completed)
            .expect("finishes");
    }
    let run = |extra: &[&str]| {
        let output = sandbox
            .cmd()
            .args([
                "session",
                "neck",
                "--plain",
                "--minutes",
                "4",
                "--side",
                "left",
            ])
            .args(extra)
            .env("TPCOACH_TIME_SCALE", "0.0005")
            .write_stdin("")
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        stdout(&output)
    };
    let shaped = run(&[]);
    assert!(
        shaped.contains("Adjusted from your history (--fresh to ignore it)."),
        "{shaped}"
    );
    assert!(
        shaped.contains("Note: Upper trapezius (left): resting today"),
        "{shaped}"
    );
    assert!(!shaped.contains("Step 1 of 3: Upper trapezius"), "{shaped}");
    let fresh = run(&["--fresh"]);
    assert!(!fresh.contains("Adjusted from your history"), "{fresh}");
    assert!(
        fresh.contains("Step 1 of 3: Upper trapezius, left side"),
        "{fresh}"
    );
}

#[test]
fn plain_output_into_a_closed_pipe_stops_quietly_and_keeps_what_was_done() {
    let sandbox = Sandbox::new();
    let started = std::time::Instant::now();
    // A 15-minute routine at 1/100 speed would take 9 s; the closed pipe ends it at once, in
    // its second step (70 lines in, after the first step's "Done").
    let output = sandbox
        .sh(r#""$TPCOACH" session neck --plain --minutes 15 | head -n 70 > /dev/null"#)
        .env("TPCOACH_TIME_SCALE", "0.01")
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(6),
        "kept running after the reader left"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).is_empty(),
        "quietly: {output:?}"
    );
    let sessions = saved(&sandbox);
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].status, Some(SessionStatus::Partial));
}

#[test]
fn plain_never_offers_to_resume_a_stopped_session() {
    let sandbox = Sandbox::new();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .expect("a clock");
    {
        let store = Store::open(&sandbox.home().join("tpcoach.db")).expect("opens");
        let id = store
            .begin_session(&NewSession {
                started_at: now - 600,
                query: "neck".into(),
                matched: "neck (region)".into(),
                plain: false,
            })
            .expect("begins");
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
                    before: None,
                    after: None,
                    skipped: false,
                    ended_at: now - 500,
                },
            )
            .expect("records");
        store
            .finish_session(id, now - 400, SessionStatus::Partial)
            .expect("finishes");
        assert!(store
            .resumable("neck (region)", now)
            .expect("reads")
            .is_some());
    }
    let output = sandbox
        .cmd()
        .args([
            "session",
            "neck",
            "--plain",
            "--minutes",
            "4",
            "--side",
            "left",
        ])
        .env("TPCOACH_TIME_SCALE", "0.001")
        .write_stdin("")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(!text.contains("Resume"), "{text}");
    assert!(
        text.contains("Step 1 of 3: Upper trapezius, left side"),
        "{text}"
    );
}

#[test]
fn plain_speak_says_the_count_on_each_scaled_second_then_release() {
    let sandbox = Sandbox::new();
    let log = sandbox.home().join("said.log");
    let script = sandbox.home().join("speak.sh");
    std::fs::write(
        &script,
        format!(
            "printf '%s %s\\n' \"$(date +%s%3N)\" \"$1\" >> {}",
            log.display()
        ),
    )
    .expect("the fake is written");
    // A second is 50 ms.
    let scale = 0.05;
    let output = sandbox
        .cmd()
        .args([
            "session",
            "neck",
            "--plain",
            "--minutes",
            "2",
            "--side",
            "left",
            "--speak",
            "--no-bell",
        ])
        .env("TPCOACH_TIME_SCALE", scale.to_string())
        .env("TPCOACH_SPEAK_CMD", format!("sh {}", script.display()))
        .env("TPCOACH_SOUND_CMD", "")
        .write_stdin("")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let said = std::fs::read_to_string(&log).expect("the fake was run");
    let cues: Vec<(i64, &str)> = said
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(ms, cue)| (ms.parse().expect("a time"), cue))
        .collect();
    let half = cues
        .iter()
        .position(|(_, c)| *c == "Half time.")
        .unwrap_or_else(|| panic!("half time is said: {cues:?}"));
    let after: Vec<&str> = cues[half + 1..half + 5].iter().map(|(_, c)| *c).collect();
    assert_eq!(after[..3], ["3", "2", "1"], "{cues:?}");
    assert!(after[3].starts_with("Release."), "{cues:?}");
    // Each a second after the "3" (the fake's own start-up makes any of them a little late:
    // at least half a second, at most 5 s after its time).
    let three = cues[half + 1].0;
    for (n, (at, cue)) in cues[half + 2..half + 5].iter().enumerate() {
        let due = (n as f64 + 1.0) * scale * 1000.0;
        let after_ms = (at - three) as f64;
        assert!(
            after_ms >= due - scale * 500.0 && after_ms <= due + scale * 5000.0,
            "{cue:?} {after_ms} ms after the 3, due {due} ms: {cues:?}"
        );
    }
}
