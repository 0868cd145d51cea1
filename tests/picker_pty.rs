//! `tpcoach where` with no area, in a real pseudo-terminal (expectrl): the picker opens, Enter
//! shows what `where AREA` shows for the area under the cursor, Esc and q leave, and the
//! terminal is given back as it was on each way out, a panic included (the `stty -g` settings
//! before and after are the same, the cursor is shown again, the alternate screen is left).
//! Without a terminal it is a usage error naming the words to type.

mod common;

use common::pty::{Pty, HIDE, SCRIPT};
use common::Sandbox;
use expectrl::Regex;
use predicates::prelude::*;

/// Enters the alternate screen.
const ENTER_SCREEN: &str = "\x1b[?1049h";
/// Leaves the alternate screen.
const LEAVE_SCREEN: &str = "\x1b[?1049l";

impl Pty {
    /// `tpcoach ARGS` inside [`SCRIPT`], with more environment variables.
    fn spawn(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let mut cmd = sandbox.sh(SCRIPT);
        cmd.envs(env.iter().copied());
        cmd.env("TERM", "xterm-256color").arg("tpcoach").args(args);
        Pty::start_sized(cmd, 100, 30)
    }

    /// The picker is drawn and reads keys.
    fn opened(&mut self) {
        self.expect("Under the cursor: ");
        self.expect("Esc leave");
        self.wait_for_raw_mode();
    }

    /// The exit status; asserts the terminal is as it was, the cursor shown and the
    /// alternate screen left.
    fn finish(&mut self) -> u32 {
        let code = self.exit_status();
        assert!(self.seen.contains(HIDE), "the picker hid the cursor");
        self.assert_cursor_shown();
        let entered = self.seen.rfind(ENTER_SCREEN).expect("a full-screen picker");
        assert!(
            self.seen[entered..].contains(LEAVE_SCREEN),
            "the alternate screen was not left:\n{:?}",
            &self.seen[entered..]
        );
        code
    }
}

#[test]
fn esc_leaves_the_picker_with_the_terminal_as_it_was_and_exit_0() {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn(&sandbox, &["where"], &[]);
    pty.opened();
    pty.send("\x1b");
    assert_eq!(pty.finish(), 0);
    assert!(!pty.seen.contains("muscles that commonly send pain here"));
}

#[test]
fn q_leaves_the_picker_opened_with_pick() {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn(&sandbox, &["where", "--pick", "temple"], &[]);
    pty.opened();
    pty.send("q");
    assert_eq!(pty.finish(), 0);
}

#[test]
fn enter_shows_what_where_shows_for_the_area_under_the_cursor() {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn(&sandbox, &["where"], &[("NO_COLOR", "1")]);
    pty.opened();
    // Up as far as it goes: the head.
    for _ in 0..12 {
        pty.send("k");
    }
    pty.send("\r");
    let found = pty
        .session
        .expect(Regex(r"([a-z ,]+): muscles that commonly send pain here"))
        .unwrap_or_else(|e| panic!("no where output ({e}):\n{}", pty.seen));
    // Right after the escape code that leaves the alternate screen.
    let heading = String::from_utf8_lossy(&found[1]).to_string();
    pty.seen.push_str(&String::from_utf8_lossy(found.before()));
    pty.seen.push_str(&String::from_utf8_lossy(&found[0]));
    let at = pty
        .seen
        .rfind("Under the cursor: ")
        .expect("the area was named")
        + 18;
    let label = pty.seen[at..]
        .lines()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    // "jaw, left" under the cursor; "jaw" in the heading.
    let name = label.split(", ").next().unwrap_or_default().trim();
    assert!(
        !name.is_empty() && heading.ends_with(name),
        "the cursor was on {label:?}, the heading is for {heading:?}"
    );
    assert_eq!(pty.finish(), 0);
}

#[test]
fn s_suggests_a_routine_for_the_area_under_the_cursor() {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn(&sandbox, &["where"], &[("NO_COLOR", "1")]);
    pty.opened();
    // Up as far as it goes: the head.
    for _ in 0..12 {
        pty.send("k");
    }
    pty.send("s");
    let found = pty
        .session
        .expect(Regex(r"tpcoach suggest ([a-z ,]+)\r?\n"))
        .unwrap_or_else(|e| panic!("no suggest line ({e}):\n{}", pty.seen));
    let asked = String::from_utf8_lossy(&found[1]).trim().to_string();
    pty.seen.push_str(&String::from_utf8_lossy(found.before()));
    pty.seen.push_str(&String::from_utf8_lossy(&found[0]));
    let at = pty
        .seen
        .rfind("Under the cursor: ")
        .expect("the area was named")
        + 18;
    let label = pty.seen[at..]
        .lines()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let name = label.split(", ").next().unwrap_or_default().trim();
    assert!(
        !name.is_empty() && asked == name,
        "the cursor was on {label:?}, the routine is for {asked:?}"
    );
    // The routine itself: its total time, as `tpcoach suggest` prints it.
    pty.expect("Total: ");
    assert_eq!(pty.finish(), 0);
}

#[test]
fn a_panic_in_the_picker_gives_the_terminal_back() {
    let sandbox = Sandbox::new();
    let mut pty = Pty::spawn(
        &sandbox,
        &["where"],
        &[("TPCOACH_TEST_PANIC", "picker"), ("RUST_BACKTRACE", "0")],
    );
    pty.expect("a panic for the tests");
    assert_eq!(pty.finish(), 101);
}

#[test]
fn without_a_terminal_where_needs_the_area_in_words_and_exits_2() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .arg("where")
        .env_remove("RUST_BACKTRACE")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("tpcoach where temple"))
        .stderr(predicate::str::contains("needs a pain area"));
}
