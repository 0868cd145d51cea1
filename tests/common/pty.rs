//! What the pseudo-terminal tests share (expectrl): the script that runs `tpcoach` between two
//! `stty -g` and says whether the terminal came back as it was, and a [`Pty`] that keeps
//! everything shown so far, so a failing wait prints it.
//!
//! Each test file adds its own ways to spawn and its own end checks in an `impl Pty` block.

use std::time::{Duration, Instant};

use expectrl::{Eof, Regex, Session};

/// Runs `tpcoach "$@"` in the terminal between two `stty -g`, then says how it exited and
/// whether the terminal settings are as they were.
pub const SCRIPT: &str = r#"stty sane
before=$(stty -g)
"$TPCOACH" "$@"
code=$?
after=$(stty -g)
printf 'EXIT=%s\n' "$code"
if [ "$before" = "$after" ]; then echo TTY=SAME; else echo TTY=CHANGED; fi
"#;

/// Hides the cursor.
pub const HIDE: &str = "\x1b[?25l";
/// Shows the cursor.
pub const SHOW: &str = "\x1b[?25h";

/// A program in a pseudo-terminal, and everything it has shown so far.
pub struct Pty {
    /// The expectrl session.
    pub session: Session,
    /// Everything read so far.
    pub seen: String,
}

impl Pty {
    /// Spawns `cmd` in a pseudo-terminal `columns` x `rows` wide (set after the spawn has set
    /// its own default size, and before any answer lets the program go on to draw).
    pub fn start_sized(cmd: std::process::Command, columns: u16, rows: u16) -> Pty {
        let mut session = Session::spawn(cmd).expect("spawn in a pseudo-terminal");
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        session
            .get_process_mut()
            .set_window_size(columns, rows)
            .expect("window size");
        Pty {
            session,
            seen: String::new(),
        }
    }

    /// Waits for `text`, keeping everything shown up to it.
    pub fn expect(&mut self, text: &str) {
        match self.session.expect(text) {
            Ok(found) => {
                self.seen.push_str(&String::from_utf8_lossy(found.before()));
                self.seen.push_str(text);
            }
            Err(e) => panic!(
                "waiting for {text:?}: {e}\nshown so far:\n{}",
                self.seen.replace('\r', "")
            ),
        }
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("keys sent");
    }

    /// Waits until the program has turned raw mode on (echo off), so keys reach it as keys
    /// (a Ctrl-C typed earlier would reach the terminal in its usual mode, and send SIGINT to
    /// the shell around tpcoach as well).
    pub fn wait_for_raw_mode(&self) {
        let until = Instant::now() + Duration::from_secs(20);
        while self.session.get_process().get_echo().expect("termios") {
            assert!(
                Instant::now() < until,
                "raw mode was never turned on:\n{}",
                self.seen
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The exit status [`SCRIPT`] printed; asserts the terminal settings are as they were, and
    /// reads to the end.
    pub fn exit_status(&mut self) -> u32 {
        let found = self
            .session
            .expect(Regex(r"EXIT=(\d+)"))
            .unwrap_or_else(|e| panic!("no exit status ({e}):\n{}", self.seen));
        self.seen.push_str(&String::from_utf8_lossy(found.before()));
        let code = String::from_utf8_lossy(&found[1])
            .parse()
            .expect("a number");
        let tty = self
            .session
            .expect(Regex("TTY=(SAME|CHANGED)"))
            .expect("tty check");
        assert_eq!(
            &tty[1], b"SAME",
            "the terminal settings changed:\n{}",
            self.seen
        );
        let _ = self.session.expect(Eof);
        code
    }

    /// After the last time the cursor was hidden, it was shown again (true when it never was).
    pub fn assert_cursor_shown(&self) {
        if let Some(hidden) = self.seen.rfind(HIDE) {
            assert!(
                self.seen[hidden..].contains(SHOW),
                "the cursor was left hidden:\n{:?}",
                &self.seen[hidden..]
            );
        }
    }
}
