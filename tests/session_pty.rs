//! `tpcoach session` in a real pseudo-terminal (expectrl), timers scaled with
//! `TPCOACH_TIME_SCALE`: a whole session with ratings typed, pause, +15 s, skip, q, Ctrl-C,
//! SIGTERM and SIGHUP (in a timer, and while a safety question waits in the raw mode its prompt
//! set), and the screening's outcomes. Each test checks what the person sees, what was saved,
//! and that the terminal was given back as it was (the `stty -g` settings before and after are
//! the same, and the cursor is shown again).
//!
//! Keys that must land inside a timer are sent after pausing it (the pause itself is sent as
//! soon as the hold starts, and held holds are long enough at the scale used), so the tests do
//! not depend on the machine's speed. Ratings are typed with their Enter ("6\r"), which also
//! checks that the Enter confirming a one-key rating does not start the next step.

mod common;

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::pty::{Pty, SCRIPT};
use common::Sandbox;
use expectrl::{Eof, Regex, Signal, WaitStatus};
use tpcoach::history::{SessionFilter, SessionRecord, SessionStatus, Store};
use tpcoach::library::{Base, Library, LoadOptions};
use tpcoach::routine::{self, Options, Sides};
use tpcoach::session::screening::{Flow, Memory, Next};

/// As [`SCRIPT`], but `tpcoach` runs as a process of its own that says its id first (`PID=`),
/// so a signal can be sent to it alone, and the terminal's settings are listed (`stty -a`, after
/// `STTY:`) before the exit status.
const PID_SCRIPT: &str = r#"stty sane
before=$(stty -g)
sh -c 'printf "PID=%s\n" "$$"; exec "$TPCOACH" "$@"' sh "$@"
code=$?
after=$(stty -g)
echo STTY:
stty -a
printf 'EXIT=%s\n' "$code"
if [ "$before" = "$after" ]; then echo TTY=SAME; else echo TTY=CHANGED; fi
"#;

/// The line under the intro that waits for Enter.
const INTRO_PROMPT: &str = "Enter to begin · q to leave";

/// A saved step: index, actual seconds, before, after, skipped.
type SavedStep = (u32, u32, Option<u8>, Option<u8>, bool);

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn db(sandbox: &Sandbox) -> PathBuf {
    sandbox.home().join("tpcoach.db")
}

/// Remembers an all-clear general screening, so only the region's questions are asked.
fn screened(sandbox: &Sandbox) {
    Store::open(&db(sandbox))
        .and_then(|s| s.record_screening_clear(now()))
        .expect("the screening is remembered");
}

fn sessions(sandbox: &Sandbox) -> Vec<SessionRecord> {
    if !db(sandbox).exists() {
        return Vec::new();
    }
    let mut sessions = Store::open(&db(sandbox))
        .and_then(|s| s.sessions(&SessionFilter::default()))
        .expect("the history reads");
    sessions.sort_by_key(|s| s.id);
    sessions
}

impl Pty {
    /// `tpcoach ARGS` inside [`SCRIPT`], every timer scaled by `scale`.
    fn spawn(sandbox: &Sandbox, scale: &str, args: &[&str]) -> Pty {
        Pty::spawn_with(sandbox, scale, args, &[])
    }

    /// The same, with more environment variables.
    fn spawn_with(sandbox: &Sandbox, scale: &str, args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::spawn_script(sandbox, SCRIPT, scale, args, env)
    }

    /// `tpcoach ARGS` inside `script` (which runs `"$TPCOACH" "$@"`).
    fn spawn_script(
        sandbox: &Sandbox,
        script: &str,
        scale: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Pty {
        let mut cmd = sandbox.sh(script);
        cmd.envs(env.iter().copied());
        cmd.env("TPCOACH_TIME_SCALE", scale)
            .env("TERM", "xterm-256color")
            .arg("tpcoach")
            .args(args);
        Pty::start(cmd)
    }

    /// `tpcoach ARGS` itself as the terminal's process (for signals sent to it).
    fn spawn_bare(sandbox: &Sandbox, scale: &str, args: &[&str]) -> Pty {
        let mut cmd = sandbox.std_cmd();
        cmd.env("TPCOACH_TIME_SCALE", scale)
            .env("TERM", "xterm-256color")
            .env("COLUMNS", "200")
            .args(args);
        let mut pty = Pty::start(cmd);
        let process = pty.session.get_process_mut();
        // The pseudo-terminal starts without echo; turn it on, as in a person's terminal, so
        // the test can see that it is back on at the end.
        process
            .set_echo(true, Some(Duration::from_secs(5)))
            .expect("echo on");
        pty
    }

    /// Spawns `cmd`, wide enough that no line wraps.
    fn start(cmd: std::process::Command) -> Pty {
        Pty::start_sized(cmd, 200, 50)
    }

    /// Answers the next `count` screening questions "no".
    fn answer_no_until(&mut self, count: usize) {
        for _ in 0..count {
            self.expect("[y/n]");
            self.send("n");
        }
    }

    /// Waits for the intro's last line and presses Enter to begin the first step.
    fn begin(&mut self) {
        self.expect(INTRO_PROMPT);
        self.send("\r");
    }

    /// The exit status, and that the terminal is as it was.
    fn finish(&mut self) -> u32 {
        let code = self.exit_status();
        self.assert_cursor_shown();
        code
    }
}

/// The ids of the questions a neck session with [`NECK`]'s options asks, in order, when every
/// answer is "no": with nothing remembered, or with an all-clear remembered. The core's
/// screening flow decides; the tests check the terminal asks what it says.
fn neck_questions(remembered: bool) -> Vec<String> {
    let memory = remembered.then(|| Memory {
        cleared_at: Some(now()),
        answers: Default::default(),
    });
    neck_questions_with(memory)
}

/// The same, with this memory of earlier answers.
fn neck_questions_with(memory: Option<Memory>) -> Vec<String> {
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("built-in library");
    let options = Options {
        minutes: 4,
        equipment: ["fingers".to_string(), "ball".to_string()].into(),
        sides: Sides::Left,
        limits: Default::default(),
        history: None,
        technique: Default::default(),
        settle_seconds: tpcoach::routine::SETTLE_SECONDS,
    };
    let routine = routine::build(&library, "neck", &options).expect("a neck routine");
    let mut flow = Flow::new(&library, "neck", options, routine, memory, now()).expect("flow");
    let mut ids = Vec::new();
    while let Next::Ask(asked) = flow.next_question() {
        ids.push(asked.question.id.to_string());
        flow.answer(false);
    }
    ids
}

/// The three-step routine every test runs: upper trapezius compression (30 s x 2, 30 s rest),
/// then its stretch (30 s x 2, 5 s to ease out), then the scalenes (a 10 s hold), left side.
const NECK: &[&str] = &["session", "neck", "--minutes", "4", "--side", "left"];

#[test]
fn a_whole_session_with_ratings_typed_is_coached_saved_and_the_terminal_restored() {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn(&sandbox, "0.01", NECK);
    pty.expect("Safety questions first");
    pty.answer_no_until(neck_questions(false).len());
    pty.expect("Self-care guidance, not a diagnosis");
    pty.begin();
    pty.expect("Step 1 of 3: Upper trapezius, left side");
    pty.expect("Static compression with pincer grip: hold 30 s x 2");
    pty.expect("Caution: Side of the neck above the collarbone");
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now, 0-10");
    pty.send("6\r");
    pty.expect("Get into position: 5 s, then squeeze.");
    pty.expect("Hold 1 of 2, 30 s: squeeze to about 5/10, it should ease as you hold.");
    pty.expect("Half time: breathe out, let it sink in.");
    pty.expect("Let go.");
    pty.expect("Rest 30 s. Next: hold 2 of 2.");
    pty.expect("Hold 2 of 2, 30 s");
    pty.expect("Tenderness now, after the work, 0-10");
    pty.send("3\r");
    pty.expect("Tenderness 6 -> 3, 1 min 30 s.");
    pty.expect("Step 2 of 3: Upper trapezius, left side");
    pty.expect("Enter when you are in position");
    // A stretch asks no rating: Enter starts its settle-in count, and it ends on its own.
    pty.send("\r");
    pty.expect("Get into position: 5 s, then stretch.");
    pty.expect("Stretch 1 of 2, 30 s");
    pty.expect("Done, 1 min 5 s.");
    pty.expect("Step 3 of 3: Scalenes, left side");
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now, 0-10");
    pty.send("4\r");
    pty.expect("Hold for 10 s: press to about 3/10 (light)");
    pty.expect("Tenderness now, after the work, 0-10");
    pty.send("2\r");
    pty.expect("Session done: 3 of 3 steps, 2 min 45 s of work.");
    pty.expect("│ 1 ┆ Upper trapezius ┆ static compression ┆ left ┆ 6      ┆ 3     ┆ 1 min 30 s │");
    pty.expect("│ 2 ┆ Upper trapezius ┆ stretching         ┆ left ┆ -      ┆ -     ┆ 1 min 5 s  │");
    pty.expect("Saved to your history");
    assert_eq!(pty.finish(), 0);
    assert!(pty.seen.contains('\x07'), "the bell rang");
    assert!(pty.seen.contains('▓'), "the last seconds were marked");

    let saved = sessions(&sandbox);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].status, Some(SessionStatus::Completed));
    let steps: Vec<SavedStep> = saved[0]
        .steps
        .iter()
        .map(|s| (s.index, s.actual_seconds, s.before, s.after, s.skipped))
        .collect();
    assert_eq!(
        steps,
        [
            (0, 90, Some(6), Some(3), false),
            (1, 65, None, None, false),
            (2, 10, Some(4), Some(2), false)
        ]
    );
    let memory = Store::open(&db(&sandbox))
        .and_then(|s| s.screening_memory())
        .expect("reads");
    assert!(
        !memory.answers.is_empty() && memory.answers.values().all(|&(yes, _)| !yes),
        "the general answers are remembered for 30 days: {memory:?}"
    );
}

#[test]
fn pause_stops_the_clock_and_plus_adds_fifteen_seconds_to_the_hold() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.02", &[NECK, &["--no-bell"]].concat());
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now");
    pty.send("5\r");
    pty.expect("Hold 1 of 2, 30 s");
    pty.send(" ");
    pty.expect("hold 1 of 2, paused · space to go on");
    pty.send("+");
    pty.expect("+15 s.");
    pty.send(" ");
    pty.expect("Half time");
    pty.expect("Tenderness now, after the work");
    pty.send("5\r");
    pty.expect("Tenderness 5 -> 5, 1 min 45 s.");
    pty.expect("No relief? The spot may be elsewhere: try the ");
    pty.expect("Enter when you are in position");
    pty.send("qq");
    pty.expect("Stopped at step 2 of 3 (Upper trapezius, left): 1 done, 1 min 45 s of work.");
    assert_eq!(pty.finish(), 0);
    assert!(!pty.seen.contains('\x07'), "--no-bell");
    let saved = sessions(&sandbox);
    let step = &saved[0].steps[0];
    assert_eq!((step.planned_seconds, step.actual_seconds), (90, 105));
    assert_eq!(saved[0].status, Some(SessionStatus::Partial));
    assert_eq!(saved[0].steps.len(), 1, "the step not begun is not saved");
}

#[test]
fn a_spot_that_pressure_made_sorer_is_left_for_today_with_when_to_see_someone() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.01", &[NECK, &["--no-bell"]].concat());
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now");
    pty.send("9\r");
    pty.expect("Very tender already: press more lightly");
    pty.expect("Tenderness now, after the work");
    pty.send("1");
    pty.send("0");
    pty.expect("Tenderness 9 -> 10");
    pty.expect("More tender than before: leave this spot for today");
    pty.expect("physiotherapist");
    pty.expect("Enter when you are in position");
    pty.send("qq");
    assert_eq!(pty.finish(), 0);
    assert!(
        !pty.seen.contains("No relief?"),
        "a sorer spot is not sent on to other spots"
    );
}

#[test]
fn s_skips_a_step_at_its_prompt_or_during_its_timer() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot · s skip this step");
    pty.send("s");
    pty.expect("Skipped.");
    pty.expect("Step 2 of 3");
    pty.expect("Enter when you are in position");
    pty.send("\r");
    pty.expect("Stretch 1 of 2");
    pty.send(" ");
    pty.expect("paused");
    pty.send("s");
    pty.expect("Cut short after");
    pty.expect("Step 3 of 3");
    pty.expect("Enter when you are on the spot");
    pty.send("s");
    pty.expect("Session done: 0 of 3 steps");
    pty.expect("skipped");
    pty.expect("(cut short)");
    assert_eq!(pty.finish(), 0);
    let saved = sessions(&sandbox);
    assert_eq!(saved[0].status, Some(SessionStatus::Completed));
    let steps: Vec<(bool, Option<u8>, Option<u8>)> = saved[0]
        .steps
        .iter()
        .map(|s| (s.skipped, s.before, s.after))
        .collect();
    assert_eq!(steps, [(true, None, None); 3]);
    assert_eq!(saved[0].steps[0].actual_seconds, 0);
}

/// Starts the neck session and stops in the first hold, paused.
fn paused_in_first_hold(pty: &mut Pty) {
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now");
    pty.send("7\r");
    pty.expect("Hold 1 of 2, 30 s");
    pty.send(" ");
    pty.expect("paused");
}

/// What a stop in the first hold leaves in the history.
fn assert_partial_first_step(sandbox: &Sandbox) {
    let saved = sessions(sandbox);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].status, Some(SessionStatus::Partial));
    assert!(saved[0].ended_at.is_some());
    let steps = &saved[0].steps;
    assert_eq!(steps.len(), 1, "the step under way is kept");
    assert!(steps[0].skipped, "marked as cut short");
    assert_eq!((steps[0].before, steps[0].after), (Some(7), None));
}

#[test]
fn q_in_the_middle_keeps_the_step_under_way_and_says_how_far_it_got() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn_with(&sandbox, "0.02", NECK, &[("NO_COLOR", "1")]);
    paused_in_first_hold(&mut pty);
    // q asks first; n goes on (the hold still paused), then q and y quit.
    pty.send("q");
    pty.expect("Quit the session? y or q quits");
    pty.send("n");
    pty.expect("paused");
    assert!(!pty.seen.contains("Stopped at"), "n went on: {}", pty.seen);
    pty.send("q");
    pty.expect("Quit the session?");
    pty.send("y");
    pty.expect("Stopped at step 1 of 3 (Upper trapezius, left): 0 done, 1 cut short");
    pty.expect("Saved as a partial session");
    assert_eq!(pty.finish(), 0);
    assert!(!pty.seen.contains("\x1b[1m"), "no bold with NO_COLOR");
    assert_partial_first_step(&sandbox);
}

#[test]
fn q_twice_quits_and_ctrl_c_at_the_question_stops_at_once() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    paused_in_first_hold(&mut pty);
    pty.send("q");
    pty.expect("Quit the session?");
    pty.send("q");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
    assert_partial_first_step(&sandbox);

    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    paused_in_first_hold(&mut pty);
    pty.send("q");
    pty.expect("Quit the session?");
    pty.send("\x03");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 130);
    assert_partial_first_step(&sandbox);
}

#[test]
fn ctrl_c_is_read_as_a_key_saves_a_partial_session_and_exits_130() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    paused_in_first_hold(&mut pty);
    pty.send("\x03");
    pty.expect("Stopped at step 1 of 3");
    pty.expect("Saved as a partial session");
    assert_eq!(pty.finish(), 130);
    assert_partial_first_step(&sandbox);
}

#[test]
fn ctrl_c_during_the_screening_gives_the_terminal_back_and_saves_nothing() {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    pty.expect("[y/n]");
    pty.wait_for_raw_mode();
    pty.send("\x03");
    pty.expect("Stopped before the first step; nothing was saved.");
    assert_eq!(pty.finish(), 130);
    assert!(sessions(&sandbox).is_empty());
}

#[test]
fn sigterm_saves_a_partial_session_and_gives_the_terminal_back() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn_bare(&sandbox, "0.02", NECK);
    paused_in_first_hold(&mut pty);
    pty.session
        .get_process_mut()
        .signal(Signal::SIGTERM)
        .expect("signal sent");
    pty.expect("Stopped at step 1 of 3");
    let _ = pty.session.expect(Eof);
    let status = pty.session.get_process().wait().expect("exit status");
    assert!(matches!(status, WaitStatus::Exited(_, 143)), "{status:?}");
    assert!(
        pty.session.get_process().get_echo().expect("termios"),
        "echo is back on"
    );
    pty.assert_cursor_shown();
    assert_partial_first_step(&sandbox);
}

/// Sends `signal` (a `kill` name) to tpcoach while the first safety question waits for its
/// key, with the terminal in the raw mode the prompt set itself; returns the exit status once
/// the terminal is checked to be as it was (echo and canonical input back on, cursor shown).
fn signal_at_the_first_safety_question(signal: &str) -> u32 {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn_script(&sandbox, PID_SCRIPT, "0.02", NECK, &[]);
    let found = pty
        .session
        .expect(Regex(r"PID=(\d+)"))
        .expect("the session's process id");
    let pid = String::from_utf8_lossy(&found[1]).into_owned();
    pty.expect("[y/n]");
    pty.wait_for_raw_mode();
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -{signal} {pid}");
    pty.expect("Stopped before the first step; nothing was saved.");
    let code = pty.finish();
    let settings = &pty.seen[pty.seen.rfind("STTY:").expect("stty -a ran")..];
    for flag in ["echo", "icanon"] {
        assert!(
            settings.split_whitespace().any(|word| word == flag),
            "{flag} is not back on:\n{settings}"
        );
    }
    assert!(sessions(&sandbox).is_empty(), "nothing is saved");
    code
}

#[test]
fn sigterm_at_a_safety_question_gives_the_terminal_back_and_exits_143() {
    assert_eq!(signal_at_the_first_safety_question("TERM"), 143);
}

#[test]
fn sighup_at_a_safety_question_gives_the_terminal_back_and_exits_129() {
    assert_eq!(signal_at_the_first_safety_question("HUP"), 129);
}

#[test]
fn a_closed_terminal_sighup_keeps_what_was_done() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn_bare(&sandbox, "0.02", NECK);
    paused_in_first_hold(&mut pty);
    pty.session
        .get_process_mut()
        .signal(Signal::SIGHUP)
        .expect("signal sent");
    let _ = pty.session.expect(Eof);
    let status = pty.session.get_process().wait().expect("exit status");
    assert!(matches!(status, WaitStatus::Exited(_, 129)), "{status:?}");
    assert_partial_first_step(&sandbox);
}

#[test]
fn the_general_questions_are_remembered_but_the_regions_are_asked_every_time() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    pty.expect("Answers you gave within the last 30 days are remembered");
    // The most urgent first: the stroke signs, alone.
    pty.expect("weakness or numbness on one side");
    pty.expect("[y/n]");
    pty.send("n");
    pty.answer_no_until(neck_questions(true).len() - 1);
    pty.begin();
    pty.expect("Enter when you are on the spot");
    for remembered in ["blood thinners", "osteoporosis", "pregnant"] {
        assert!(!pty.seen.contains(remembered), "{remembered}: {}", pty.seen);
    }
    for every_time in [
        "fever",
        "different from your usual ones",
        "in the last few weeks",
    ] {
        assert!(pty.seen.contains(every_time), "{every_time}: {}", pty.seen);
    }
    pty.send("qq");
    pty.expect("Nothing was done yet, so nothing was saved.");
    assert_eq!(pty.finish(), 0);
    assert!(
        sessions(&sandbox).is_empty(),
        "an empty session is not kept"
    );
}

#[test]
fn a_yes_that_rules_the_session_out_stops_with_what_to_do_and_exits_3() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    pty.expect("weakness or numbness on one side");
    pty.expect("[y/n]");
    pty.send("y");
    pty.expect("No session today.");
    pty.expect("Call emergency services now.");
    pty.expect("No neck or head work.");
    pty.expect("Warning signs: see someone instead of self-treating if");
    pty.expect("possible meningitis");
    assert_eq!(pty.finish(), 3);
    assert!(!pty.seen.contains("Step 1"));
    assert!(sessions(&sandbox).is_empty(), "nothing is saved");
}

#[test]
fn a_yes_that_limits_the_session_adjusts_the_routine_and_says_so_once() {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    let asked = neck_questions(false);
    let thinners = asked
        .iter()
        .position(|id| id == "g3_blood_thinners")
        .expect("asked");
    pty.answer_no_until(thinners);
    pty.expect("blood thinners");
    pty.expect("[y/n]");
    pty.send("y");
    pty.expect("-> Use light pressure with your hands only");
    pty.answer_no_until(asked.len() - thinners - 1);
    pty.expect("Adjusted for your answers: hands only, no tools, pressure at most 3/10.");
    pty.expect("go on with the session?");
    pty.send("y");
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now");
    pty.send("5\r");
    pty.expect("Hold 1 of 2, 30 s: squeeze to about 3/10 (light)");
    pty.send(" ");
    pty.expect("paused");
    pty.send("qq");
    assert_eq!(pty.finish(), 0);
    assert_eq!(pty.seen.matches("Adjusted for your answers").count(), 1);
    let memory = Store::open(&db(&sandbox))
        .and_then(|s| s.screening_memory())
        .expect("reads");
    assert_eq!(
        memory.answers.get("g3_blood_thinners").map(|&(yes, _)| yes),
        Some(true),
        "the limiting answer is remembered, to be confirmed next time"
    );

    // Next time: one key confirms it, and the rest stays remembered.
    let asked = neck_questions_with(Some(memory));
    let confirm = asked
        .iter()
        .position(|id| id == "g3_blood_thinners")
        .expect("confirmed");
    let mut pty = Pty::spawn(&sandbox, "0.02", NECK);
    pty.answer_no_until(confirm);
    pty.expect("Still taking blood thinners, or still bruising easily? [Y/n]");
    pty.send("\r");
    pty.answer_no_until(asked.len() - confirm - 1);
    pty.expect("go on with the session?");
    assert!(!pty.seen.contains("osteoporosis"), "{}", pty.seen);
    pty.send("n");
    pty.expect("Stopped before the first step, as you chose");
    assert_eq!(
        pty.finish(),
        0,
        "declining is the person's choice, not a safety stop"
    );
}

#[test]
fn fresh_asks_the_general_questions_again() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.02", &[NECK, &["--fresh"]].concat());
    let asked = neck_questions(false);
    let thinners = asked
        .iter()
        .position(|id| id == "g3_blood_thinners")
        .expect("asked");
    pty.answer_no_until(thinners);
    pty.expect("blood thinners");
    pty.expect("[y/n]");
    pty.wait_for_raw_mode();
    pty.send("\x03");
    assert_eq!(pty.finish(), 130);
}

#[test]
fn with_stdout_redirected_it_needs_a_terminal_and_exits_2() {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox
        .sh(r#"stty sane; "$TPCOACH" session neck > "$HOME/out.txt"; printf 'EXIT=%s\n' "$?""#);
    cmd.env("TPCOACH_TIME_SCALE", "0.02");
    let mut pty = Pty::start(cmd);
    pty.expect("needs an interactive terminal");
    pty.expect("--plain");
    pty.expect("EXIT=2");
}

/// The interactive session coaches a stroking step with the stroke pacer: the strokes counted on
/// the timer line at their pace, then "Strokes done.".
#[test]
fn a_stroking_step_is_paced_stroke_by_stroke_on_the_timer_line() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("built-in library");
    let options = Options {
        minutes: 1,
        equipment: ["fingers".to_string(), "ball".to_string()].into(),
        sides: Sides::Left,
        limits: Default::default(),
        history: None,
        technique: routine::TechniqueChoice::Stroking,
        settle_seconds: tpcoach::routine::SETTLE_SECONDS,
    };
    let built = routine::build(&library, "calf", &options).expect("a calf routine");
    assert_eq!(built.steps.len(), 1, "{:?}", built.steps);
    let memory = Memory {
        cleared_at: Some(now()),
        answers: Default::default(),
    };
    let mut flow = Flow::new(&library, "calf", options, built, Some(memory), now()).expect("flow");
    let mut asked = 0;
    while let Next::Ask(_) = flow.next_question() {
        asked += 1;
        flow.answer(false);
    }
    let args = [
        "session",
        "calf",
        "--technique",
        "stroking",
        "--minutes",
        "1",
        "--side",
        "left",
        "--no-bell",
    ];
    let mut pty = Pty::spawn(&sandbox, "0.02", &args);
    pty.answer_no_until(asked);
    pty.begin();
    pty.expect("Step 1 of 1: Soleus, left side");
    pty.expect("Deep stroking with thumb: 12 slow strokes");
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now, 0-10");
    pty.send("5\r");
    pty.expect("Strokes: 12 slow strokes, one every 3 s");
    pty.expect("stroke 2 of 12");
    pty.expect("Strokes done.");
    pty.expect("Tenderness now, after the work, 0-10");
    pty.send("4\r");
    pty.expect("Session done: 1 of 1 steps");
}

/// A fake speech command: logs each cue with the time it came (ms since the epoch).
const FAKE_SPEAK: &str = r#"printf '%s %s\n' "$(date +%s%3N)" "$1" >> "$SPEAK_LOG""#;

#[test]
fn speak_says_the_cues_through_the_speech_command_beside_the_timer() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let script = sandbox.home().join("speak.sh");
    std::fs::write(&script, FAKE_SPEAK).expect("the fake is written");
    let log = sandbox.home().join("said.log");
    let speak_cmd = format!("sh {}", script.display());
    let mut pty = Pty::spawn_with(
        &sandbox,
        "0.05",
        &[NECK, &["--speak", "--no-bell"]].concat(),
        &[
            ("TPCOACH_SPEAK_CMD", speak_cmd.as_str()),
            ("SPEAK_LOG", log.to_str().expect("a UTF-8 path")),
        ],
    );
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now");
    pty.send("6\r");
    pty.expect("Get into position: 5 s, then squeeze.");
    pty.expect("Half time");
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
    let said = std::fs::read_to_string(&log).expect("the fake was run");
    let cues: Vec<&str> = said
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(_, cue)| cue))
        .collect();
    // The settle-in count's cues are a second apart (50 ms at this scale), so each is said.
    // (The step's name and the rating's question may be dropped here: the keys that follow them
    // come at once, and of the cues waiting only the newest is said.)
    let expected = [
        "Get into position.",
        "3",
        "2",
        "1",
        "Squeeze to about 5 out of 10.",
        "Half time.",
    ];
    let mut at = 0;
    for cue in expected {
        at += cues[at..]
            .iter()
            .position(|c| *c == cue)
            .unwrap_or_else(|| panic!("{cue:?} not said after cue {at}: {cues:?}"));
    }
}

#[test]
fn speak_without_a_speech_program_says_what_to_install_and_goes_on() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    // A PATH with the shell and stty only: no speech program on it.
    let bin = sandbox.home().join("bin");
    std::fs::create_dir_all(&bin).expect("a bin folder");
    for tool in ["sh", "stty"] {
        std::os::unix::fs::symlink(format!("/usr/bin/{tool}"), bin.join(tool)).expect("linked");
    }
    let mut pty = Pty::spawn_with(
        &sandbox,
        "0.02",
        &[NECK, &["--speak"]].concat(),
        &[
            ("TPCOACH_SPEAK_CMD", ""),
            ("PATH", bin.to_str().expect("a UTF-8 path")),
        ],
    );
    pty.answer_no_until(neck_questions(true).len());
    pty.expect("--speak: no speech program found");
    pty.expect("apt install espeak-ng");
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("qq");
    assert_eq!(pty.finish(), 0);
}

// ---------------------------------------------------------------------------------------------
// Sounds (issue 14): a distinct sound at each transition, played beside the timer.
// ---------------------------------------------------------------------------------------------

/// A fake sound player: logs the time (ms since the epoch) and the sound file's name.
const FAKE_PLAYER: &str = r#"printf '%s %s\n' "$(date +%s%3N)" "$(basename "$1")" >> "$SOUND_LOG""#;

#[test]
fn each_transition_plays_its_own_sound_in_order_at_the_scaled_times() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let script = sandbox.home().join("play.sh");
    std::fs::write(&script, FAKE_PLAYER).expect("the fake is written");
    let log = sandbox.home().join("played.log");
    let sound_cmd = format!("sh {}", script.display());
    // Each sound's fake starts its own shell, and those run side by side: the gaps are kept
    // well over a loaded machine's start-up time, so the log's order is the order played.
    let scale = 0.08;
    let mut pty = Pty::spawn_with(
        &sandbox,
        &scale.to_string(),
        NECK,
        &[
            ("TPCOACH_SOUND_CMD", sound_cmd.as_str()),
            ("SOUND_LOG", log.to_str().expect("a UTF-8 path")),
        ],
    );
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Step 1 of 3: Upper trapezius, left side");
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now");
    pty.send("6\r");
    pty.expect("Tenderness now, after the work");
    // The quit's sound would race the release's (two shells started a moment apart): wait
    // until the release is logged.
    let waited = std::time::Instant::now();
    while std::fs::read_to_string(&log).map_or(0, |l| l.matches("release.wav").count()) < 2 {
        assert!(
            waited.elapsed() < Duration::from_secs(10),
            "no second release"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
    assert!(!pty.seen.contains('\x07'), "a player, so no bell");
    let played = std::fs::read_to_string(&log).expect("the player was run");
    let played: Vec<(i64, &str)> = played
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(ms, name)| (ms.parse().expect("a time"), name))
        .collect();
    let names: Vec<&str> = played.iter().map(|(_, n)| *n).collect();
    // The upper trapezius: two 30 s holds with a rest between, each after a 5 s settle-in; a
    // tick on each of the last three seconds of each settle-in and each hold.
    let ticks = ["tick.wav"; 3];
    let expected: Vec<&str> = [
        &["settle.wav"][..],
        &ticks,
        &["press.wav", "half-time.wav"],
        &ticks,
        &["release.wav", "rest-over.wav"],
        &ticks,
        &["press.wav", "half-time.wav"],
        &ticks,
        &["release.wav", "done.wav"],
    ]
    .concat();
    assert_eq!(names, expected);
    // When each sound of the first hold is due, in coach seconds from the settle-in's start.
    // Each logged time is its due time plus the fake's start-up (a shell and `date`), which a
    // loaded machine stretches; so each sound is checked against the first, one-sided: never
    // early (by more than the first one's own start-up, 30 ms), and late by at most 300 ms.
    let due = [0.0, 2.0, 3.0, 4.0, 5.0, 20.0, 32.0, 33.0, 34.0, 35.0];
    for (i, due_s) in due.into_iter().enumerate().skip(1) {
        let at_ms = (played[i].0 - played[0].0) as f64;
        let due_ms = due_s * scale * 1000.0;
        assert!(
            at_ms >= due_ms - 30.0 && at_ms <= due_ms + 300.0,
            "{}: {at_ms} ms after the first, due at {due_ms} ms ({played:?})",
            names[i]
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Speech (issue 14): --speak is remembered like --technique.
// ---------------------------------------------------------------------------------------------

/// Runs a neck session with the fake speech command as far as the first spot's prompt, then
/// quits; returns everything the terminal showed.
fn neck_to_the_first_prompt(sandbox: &Sandbox, extra: &[&str]) -> String {
    let script = sandbox.home().join("speak.sh");
    std::fs::write(&script, FAKE_SPEAK).expect("the fake is written");
    let log = sandbox.home().join("said.log");
    let speak_cmd = format!("sh {}", script.display());
    let mut pty = Pty::spawn_with(
        sandbox,
        "0.02",
        &[NECK, extra, &["--no-bell"]].concat(),
        &[
            ("TPCOACH_SPEAK_CMD", speak_cmd.as_str()),
            ("SPEAK_LOG", log.to_str().expect("a UTF-8 path")),
        ],
    );
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
    pty.seen.clone()
}

/// The cues the fake speech command was given so far.
fn said(sandbox: &Sandbox) -> usize {
    std::fs::read_to_string(sandbox.home().join("said.log")).map_or(0, |s| s.lines().count())
}

#[test]
fn speak_is_remembered_for_the_next_session_until_speak_off() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    neck_to_the_first_prompt(&sandbox, &["--speak"]);
    let first = said(&sandbox);
    assert!(first > 0, "--speak speaks");

    let seen = neck_to_the_first_prompt(&sandbox, &[]);
    assert!(
        seen.contains("Speaking the cues, your last choice (--speak=off to stop)."),
        "{seen}"
    );
    let second = said(&sandbox);
    assert!(second > first, "the remembered --speak speaks");

    let seen = neck_to_the_first_prompt(&sandbox, &["--speak=off"]);
    assert!(!seen.contains("Speaking the cues"), "{seen}");
    neck_to_the_first_prompt(&sandbox, &[]);
    assert_eq!(said(&sandbox), second, "off is remembered too");
}

// ---------------------------------------------------------------------------------------------
// Screens (issue 14): `--big` digits at a size where they fit and the bar when they do not; a
// stopped session offered again.

impl Pty {
    /// `tpcoach ARGS` inside [`SCRIPT`] in a terminal `columns` x `rows`, timers scaled by `scale`.
    fn spawn_sized(sandbox: &Sandbox, scale: &str, args: &[&str], size: (u16, u16)) -> Pty {
        let mut cmd = sandbox.sh(SCRIPT);
        cmd.env("TPCOACH_TIME_SCALE", scale)
            .env("TERM", "xterm-256color")
            .arg("tpcoach")
            .args(args);
        Pty::start_sized(cmd, size.0, size.1)
    }

    /// Answers the screening, rates the first spot and pauses the first hold; returns what was
    /// shown up to the paused timer.
    fn paused_in_first_hold_of_neck(&mut self) -> String {
        self.answer_no_until(neck_questions(true).len());
        self.begin();
        self.expect("Enter when you are on the spot");
        self.send("\r");
        self.expect("Tenderness now");
        self.send("5\r");
        self.expect("Hold 1 of 2, 30 s");
        self.send(" ");
        self.expect("paused");
        self.seen.clone()
    }
}

/// Two large digits side by side: a block, then the two columns between the digits. The bar
/// never has it (its blocks are followed by blocks, shades or its bracket).
const BIG_DIGITS: &str = "█  ";

#[test]
fn big_shows_large_digits_when_they_fit_80_by_24() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let args = [NECK, &["--big", "--no-bell"]].concat();
    let mut pty = Pty::spawn_sized(&sandbox, "0.05", &args, (80, 24));
    let shown = pty.paused_in_first_hold_of_neck();
    assert!(
        shown.contains(BIG_DIGITS),
        "no large digits at 80x24:\n{shown}"
    );
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
}

#[test]
fn big_falls_back_to_the_bar_when_the_terminal_is_too_small() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let args = [NECK, &["--big", "--no-bell"]].concat();
    // 11 rows: one fewer than the digits need with the header above them.
    let mut pty = Pty::spawn_sized(&sandbox, "0.05", &args, (80, 11));
    let shown = pty.paused_in_first_hold_of_neck();
    assert!(
        !shown.contains(BIG_DIGITS),
        "large digits at 80x11:\n{shown}"
    );
    assert!(shown.contains("░] "), "no bar at 80x11:\n{shown}");
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
}

/// Runs the neck session through its first step (rated 5, then 3) and quits at the second.
fn neck_stopped_after_its_first_step(sandbox: &Sandbox) {
    let mut pty = Pty::spawn(sandbox, "0.01", &[NECK, &["--no-bell"]].concat());
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now");
    pty.send("5\r");
    pty.expect("Tenderness now, after the work");
    pty.send("3\r");
    pty.expect("Step 2 of 3: Upper trapezius, left side");
    pty.expect("Enter when you are in position");
    pty.send("qq");
    pty.expect("Stopped at step 2 of 3");
    assert_eq!(pty.finish(), 0);
}

#[test]
fn a_stopped_session_is_offered_again_and_yes_leaves_out_the_steps_done() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    neck_stopped_after_its_first_step(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.01", &[NECK, &["--no-bell"]].concat());
    pty.answer_no_until(neck_questions(true).len());
    pty.expect("Resume the neck session from step 2? [Y/n]");
    pty.send("y");
    pty.expect("Resumed: the 1 step finished earlier left out.");
    pty.expect("neck (region): 2 steps");
    pty.begin();
    pty.expect("Step 1 of 2: Upper trapezius, left side");
    pty.expect("Stretching");
    pty.expect("Enter when you are in position");
    pty.send("qq");
    pty.expect("Stopped at step 1 of 2");
    assert_eq!(pty.finish(), 0);
    assert_eq!(
        sessions(&sandbox).len(),
        1,
        "the second run did nothing: not kept"
    );
}

#[test]
fn a_stopped_session_offered_again_and_declined_starts_afresh() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    neck_stopped_after_its_first_step(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.01", &[NECK, &["--no-bell"]].concat());
    pty.answer_no_until(neck_questions(true).len());
    pty.expect("Resume the neck session from step 2? [Y/n]");
    pty.send("n");
    pty.expect("neck (region): 3 steps");
    pty.begin();
    pty.expect("Step 1 of 3: Upper trapezius, left side");
    pty.expect("Enter when you are on the spot");
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
    assert!(
        !pty.seen.contains("Resumed"),
        "nothing was left out:\n{}",
        pty.seen
    );
}

#[test]
fn ctrl_c_at_the_resume_question_stops_and_keeps_the_stopped_session_on_offer() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    neck_stopped_after_its_first_step(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.01", NECK);
    pty.answer_no_until(neck_questions(true).len());
    pty.expect("Resume the neck session from step 2? [Y/n]");
    pty.wait_for_raw_mode();
    pty.send("\x03");
    pty.expect("Stopped before the first step; nothing was saved.");
    assert_eq!(pty.finish(), 130);
    let saved = sessions(&sandbox);
    assert_eq!(saved.len(), 1);
    let store = Store::open(&db(&sandbox)).expect("opens");
    assert!(
        store
            .resumable(&saved[0].matched, now())
            .expect("reads")
            .is_some(),
        "still on offer"
    );
}

#[test]
fn question_mark_pages_through_the_full_text_and_any_other_key_goes_back() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn_sized(&sandbox, "0.01", &[NECK, &["--no-bell"]].concat(), (80, 12));
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("?");
    pty.expect("? shows more (part 1 of ");
    pty.send("?");
    pty.expect("(part 2 of ");
    // Any other key brings the step back, and does nothing else.
    pty.send("x");
    pty.expect("Step 1 of 3: Upper trapezius, left side");
    pty.expect("Enter when you are on the spot");
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
}

#[test]
fn speak_counts_each_last_second_of_the_work_but_not_a_rest_that_a_settle_in_count_follows() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let script = sandbox.home().join("speak.sh");
    std::fs::write(&script, FAKE_SPEAK).expect("the fake is written");
    let log = sandbox.home().join("said.log");
    let speak_cmd = format!("sh {}", script.display());
    let mut pty = Pty::spawn_with(
        &sandbox,
        "0.05",
        &[NECK, &["--speak", "--no-bell"]].concat(),
        &[
            ("TPCOACH_SPEAK_CMD", speak_cmd.as_str()),
            ("SPEAK_LOG", log.to_str().expect("a UTF-8 path")),
        ],
    );
    pty.answer_no_until(neck_questions(true).len());
    pty.begin();
    pty.expect("Enter when you are on the spot");
    pty.send("\r");
    pty.expect("Tenderness now");
    pty.send("6\r");
    pty.expect("Tenderness now, after the work");
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
    let said = std::fs::read_to_string(&log).expect("the fake was run");
    let cues: Vec<&str> = said
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(_, cue)| cue))
        .collect();
    // The hold's end and the rest's start are one instant, said as one cue.
    let rest = cues
        .iter()
        .position(|c| *c == "Release. Rest, 30 seconds.")
        .unwrap_or_else(|| panic!("release and the rest are said together: {cues:?}"));
    // Two settle-ins and two holds, each counted second by second ("3", "2", "1"); between the
    // rest and the next settle-in, nothing.
    for word in ["3", "2", "1"] {
        assert_eq!(cues.iter().filter(|c| **c == word).count(), 4, "{cues:?}");
    }
    assert_eq!(cues[rest - 3..rest], ["3", "2", "1"], "{cues:?}");
    assert_eq!(cues[rest + 1], "Get into position.", "{cues:?}");
}

// ---------------------------------------------------------------------------------------------
// The intro (issue 14): it stays on screen until Enter; q or Ctrl-C there leave cleanly;
// --plain never waits.
// ---------------------------------------------------------------------------------------------

#[test]
fn the_intro_stays_on_screen_until_enter_and_then_the_first_step_is_drawn() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let args = [NECK, &["--no-bell"]].concat();
    let mut pty = Pty::spawn_sized(&sandbox, "0.01", &args, (80, 24));
    pty.answer_no_until(neck_questions(true).len());
    pty.expect("neck (region): 3 steps, about ");
    pty.expect("Self-care guidance, not a diagnosis");
    pty.expect("Keys during a timer: space pause, s skip, + add 15 s, q quit");
    pty.expect(INTRO_PROMPT);
    // Nothing clears it while nobody presses a key (a second is 100 steps' settle-ins here).
    pty.session
        .set_expect_timeout(Some(Duration::from_millis(1000)));
    let early = pty.session.expect("Step 1 of 3");
    assert!(
        early.is_err(),
        "the first step came without Enter:\n{}",
        pty.seen
    );
    pty.session
        .set_expect_timeout(Some(Duration::from_secs(20)));
    pty.send("\r");
    pty.expect("Step 1 of 3: Upper trapezius, left side");
    pty.expect("Enter when you are on the spot");
    pty.send("qq");
    pty.expect("Stopped at step 1 of 3");
    assert_eq!(pty.finish(), 0);
}

#[test]
fn q_at_the_intro_leaves_saves_nothing_and_gives_the_terminal_back() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.01", NECK);
    pty.answer_no_until(neck_questions(true).len());
    pty.expect(INTRO_PROMPT);
    pty.wait_for_raw_mode();
    pty.send("q");
    pty.expect("Left before the first step; nothing was saved.");
    assert_eq!(pty.finish(), 0);
    assert!(!pty.seen.contains("Step 1"), "{}", pty.seen);
    assert!(sessions(&sandbox).is_empty(), "nothing is saved");
}

#[test]
fn ctrl_c_at_the_intro_stops_with_130_and_gives_the_terminal_back() {
    let sandbox = Sandbox::new();
    screened(&sandbox);
    let mut pty = Pty::spawn(&sandbox, "0.01", NECK);
    pty.answer_no_until(neck_questions(true).len());
    pty.expect(INTRO_PROMPT);
    pty.wait_for_raw_mode();
    pty.send("\x03");
    pty.expect("Stopped before the first step; nothing was saved.");
    assert_eq!(pty.finish(), 130);
    assert!(sessions(&sandbox).is_empty(), "nothing is saved");
}

#[test]
fn plain_in_a_terminal_never_waits_at_the_intro() {
    let sandbox = Sandbox::new();
    let args = [NECK, &["--plain", "--no-bell"]].concat();
    let mut pty = Pty::spawn(&sandbox, "0.01", &args);
    pty.expect("neck (region): 3 steps, about ");
    pty.expect("Step 1 of 3: Upper trapezius, left side");
    pty.expect("Session done: 3 of 3 steps");
    assert_eq!(pty.finish(), 0);
    assert!(!pty.seen.contains(INTRO_PROMPT), "{}", pty.seen);
}
