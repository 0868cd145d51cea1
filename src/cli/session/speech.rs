//! `--speak`: the cues said out loud by the platform's own speech program, beside the timer.
//!
//! The coach hands each cue to a [`Speaker`] and goes on at once: [`Engine`] passes it to a
//! thread of its own that starts the program and waits for it, so the timer never waits for
//! speech. The cues of one instant come as one ("Release. Rest, 30 seconds."). The rule for
//! cues that come while one is being spoken: they wait, and only the newest waiting one is said
//! when the speaking one ends (older waiting cues are out of date and dropped). The engine is the command in `TPCOACH_SPEAK_CMD` (the cue is added as its last
//! argument), else the first of espeak-ng, espeak, spd-say and say found on the `PATH`. Nothing
//! is linked at build time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use tpcoach::history::Store;

/// The name `--speak` is remembered under.
const SETTING: &str = "speak";

/// `--speak`, `--speak=on` or `--speak=off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SpeakArg {
    /// Speak the cues, this session and the next ones.
    On,
    /// Stop speaking them, this session and the next ones.
    Off,
}

/// Whether to speak: as asked (remembered for next time), else as remembered, else not;
/// `fresh` forgets the remembered choice first. The note, when there is one, says that the
/// remembered choice is in use.
pub fn resolve(
    store: &Store,
    asked: Option<SpeakArg>,
    fresh: bool,
) -> anyhow::Result<(bool, Option<String>)> {
    match asked {
        Some(SpeakArg::On) => {
            if store.setting(SETTING)?.as_deref() != Some("on") {
                store.remember_setting(SETTING, "on", crate::cli::context::now()?)?;
            }
            Ok((true, None))
        }
        Some(SpeakArg::Off) => {
            store.forget_setting(SETTING)?;
            Ok((false, None))
        }
        None if fresh => {
            store.forget_setting(SETTING)?;
            Ok((false, None))
        }
        None => Ok(match store.setting(SETTING)?.as_deref() {
            Some("on") => (
                true,
                Some("Speaking the cues, your last choice (--speak=off to stop).".to_string()),
            ),
            _ => (false, None),
        }),
    }
}

/// The environment variable naming the speech command.
pub const SPEAK_CMD_VAR: &str = "TPCOACH_SPEAK_CMD";

/// The speech programs looked for, in order, with the arguments put before the text.
const ENGINES: [(&str, &[&str]); 4] = [
    ("espeak-ng", &[]),
    ("espeak", &[]),
    ("spd-say", &["--wait"]),
    ("say", &[]),
];

/// Something that says cues.
pub trait Speaker: Send {
    /// Says `text`, without waiting for it.
    fn say(&mut self, text: &str);
    /// The session is over: let the last cue be said (waits for it).
    fn finish(&mut self) {}
}

/// A speech program run once per cue on a thread of its own.
pub struct Engine {
    tx: Option<Sender<String>>,
    thread: Option<JoinHandle<()>>,
}

/// The program named `name` on the `PATH`, if there is one (speech programs, sound players).
pub(super) fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            [
                dir.join(name),
                dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)),
            ]
        })
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

impl Engine {
    /// The engine from `TPCOACH_SPEAK_CMD`, or the first speech program found; the error is
    /// the one line to show when there is none.
    pub fn find() -> Result<Engine, String> {
        if let Some(cmd) = std::env::var(SPEAK_CMD_VAR)
            .ok()
            .filter(|c| !c.trim().is_empty())
        {
            let mut words = cmd.split_whitespace().map(str::to_string);
            let program = words.next().unwrap_or_default();
            return Ok(Engine::command(PathBuf::from(program), words.collect()));
        }
        ENGINES
            .iter()
            .find_map(|(name, args)| {
                on_path(name)
                    .map(|p| Engine::command(p, args.iter().map(|a| a.to_string()).collect()))
            })
            .ok_or_else(|| {
                format!(
                    "--speak: no speech program found (espeak-ng, espeak, spd-say or say); \
                     install one (e.g. `apt install espeak-ng`) or set {SPEAK_CMD_VAR}. \
                     The session goes on with sounds only."
                )
            })
    }

    /// An engine that runs `program ARGS... CUE` for each cue.
    pub fn command(program: PathBuf, args: Vec<String>) -> Engine {
        let (tx, rx) = mpsc::channel::<String>();
        let thread = std::thread::Builder::new()
            .name("speech".into())
            .spawn(move || speak_all(&program, &args, &rx))
            .ok();
        Engine {
            tx: Some(tx),
            thread,
        }
    }
}

/// Says each cue in turn; of the cues that came while one was said, only the newest.
fn speak_all(program: &Path, args: &[String], rx: &Receiver<String>) {
    while let Ok(mut text) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            text = newer;
        }
        // A program that fails is not the session's concern: the cue is on the screen too.
        let _ = Command::new(program)
            .args(args)
            .arg(&text)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

impl Speaker for Engine {
    fn say(&mut self, text: &str) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(text.to_string());
        }
    }

    fn finish(&mut self) {
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A speaker for tests: keeps what it was told to say.
#[cfg(test)]
#[derive(Default, Clone)]
pub struct Fake(pub std::sync::Arc<std::sync::Mutex<Vec<String>>>);

#[cfg(test)]
impl Speaker for Fake {
    fn say(&mut self, text: &str) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(text.to_string());
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tpcoach::library::{Base, Library, LoadOptions};
    use tpcoach::routine::{self, Options, Sides};
    use tpcoach::session::{Input, Mode, Session};

    use super::*;
    use crate::cli::session::words;

    #[test]
    fn a_neck_session_speaks_each_cue_in_order_through_the_speaker() {
        let library = Library::load(&LoadOptions {
            base: Base::Embedded,
            overlay: None,
        })
        .expect("built-in library");
        let options = Options {
            minutes: 4,
            equipment: ["fingers".to_string()].into(),
            sides: Sides::Both,
            limits: Default::default(),
            history: None,
            technique: Default::default(),
            settle_seconds: tpcoach::routine::SETTLE_SECONDS,
        };
        let routine = routine::build(&library, "neck", &options).expect("a neck routine");
        let steps = routine.steps.clone();
        let mut session =
            Session::new(routine.steps, Mode::Interactive).with_settle(Duration::from_secs(5));
        let fake = Fake::default();
        let mut speaker: Box<dyn Speaker> = Box::new(fake.clone());
        let mut speak = |events: Vec<tpcoach::session::Event>| {
            for event in &events {
                if let Some(cue) = words::spoken(&library, &steps, event) {
                    speaker.say(&cue);
                }
            }
        };
        let mut now = Duration::ZERO;
        speak(session.start(now));
        while session.finish().is_none() {
            match session.waiting() {
                tpcoach::session::Waiting::Spot => speak(session.input(Input::OnTheSpot, now)),
                tpcoach::session::Waiting::Tenderness(_) => {
                    speak(session.input(Input::Tenderness(Some(5)), now))
                }
                _ => match session.next_deadline() {
                    Some(at) => {
                        now = at;
                        speak(session.advance(now));
                    }
                    None => break,
                },
            }
        }
        let said = fake.0.lock().expect("not poisoned").clone();
        let first_step = said
            .iter()
            .position(|c| c.starts_with("Step 1 of"))
            .expect("the step is said");
        let order = [
            "Get into position.",
            "3",
            "2",
            "1",
            "Squeeze to about 5 out of 10.",
            "Half time.",
            "3, 2, 1.",
            "Release.",
        ];
        let mut at = first_step;
        for cue in order {
            at += said[at..]
                .iter()
                .position(|c| c == cue)
                .unwrap_or_else(|| panic!("{cue:?} said after {at} in {said:?}"));
        }
        assert!(
            said.iter().any(|c| c.starts_with("Switch sides")),
            "{said:?}"
        );
        assert_eq!(said.last().map(String::as_str), Some("Session done."));
    }

    #[test]
    fn speak_is_remembered_until_speak_off_or_fresh() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = Store::open(&dir.path().join("tpcoach.db")).expect("a store");
        let speaks = |asked, fresh| resolve(&store, asked, fresh).expect("resolves");
        assert_eq!(speaks(None, false), (false, None), "silent by default");
        assert_eq!(speaks(Some(SpeakArg::On), false), (true, None));
        let (on, note) = speaks(None, false);
        assert!(on, "remembered");
        assert!(note.is_some_and(|n| n.contains("--speak=off")));
        assert_eq!(speaks(Some(SpeakArg::Off), false), (false, None));
        assert_eq!(speaks(None, false), (false, None), "off is remembered");
        assert_eq!(speaks(Some(SpeakArg::On), false), (true, None));
        assert_eq!(speaks(None, true), (false, None), "--fresh forgets it");
        assert_eq!(speaks(None, false), (false, None), "and it stays forgotten");
    }

    #[test]
    fn the_engine_runs_the_program_with_the_cue_and_never_waits_for_it() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let log = dir.path().join("said");
        let mut engine = Engine::command(
            PathBuf::from("sh"),
            vec![
                "-c".into(),
                format!("sleep 0.2; echo \"$0\" >> {}", log.display()),
            ],
        );
        let started = std::time::Instant::now();
        engine.say("first");
        // Time for the thread to take the first cue before the next come.
        std::thread::sleep(Duration::from_millis(50));
        engine.say("dropped");
        engine.say("newest");
        assert!(started.elapsed() < Duration::from_millis(100), "say waits");
        engine.finish();
        let said = std::fs::read_to_string(&log).expect("the program ran");
        // The first was under way; of the two that came meanwhile, only the newest is said.
        assert_eq!(said, "first\nnewest\n");
    }
}
