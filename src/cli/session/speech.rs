//! `--speak`: the cues said out loud by the platform's own speech program, beside the timer.
//!
//! The coach hands each cue to a [`Speaker`] and goes on at once: [`Engine`] passes it to a
//! thread of its own that starts the program and waits for it, so the timer never waits for
//! speech. The cues of one instant come as one ("Release. Rest, 30 seconds."). The rule for
//! cues that come while one is being spoken: they wait, and only the newest waiting one is said
//! when the speaking one ends (older waiting cues are out of date and dropped). A cue that is
//! only true at its moment (a count word, "3", "2", "1") is dropped too if it cannot start by
//! its time limit ([`Speaker::say_by`]): a count word said late would count wrong. The engine
//! is the command in `TPCOACH_SPEAK_CMD` (the cue is added as its last argument), else the
//! first of espeak-ng, espeak, spd-say and say found on the `PATH`. Nothing is linked at build
//! time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Instant;

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
    /// Says `text` if it can start by `by`, else not at all (a count word said late would count
    /// wrong); without waiting for it.
    fn say_by(&mut self, text: &str, by: Instant) {
        let _ = by;
        self.say(text);
    }
    /// The session is over: let the last cue be said (waits for it).
    fn finish(&mut self) {}
}

/// A cue for the speech thread: its words, and the latest it may start (none: whenever).
struct Cue {
    text: String,
    by: Option<Instant>,
}

/// A speech program run once per cue on a thread of its own.
pub struct Engine {
    tx: Option<Sender<Cue>>,
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
        let (tx, rx) = mpsc::channel::<Cue>();
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

/// Says each cue in turn; of the cues that came while one was said, only the newest, and that
/// one only if it is not past its time limit.
fn speak_all(program: &Path, args: &[String], rx: &Receiver<Cue>) {
    while let Ok(mut cue) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            cue = newer;
        }
        if cue.by.is_some_and(|by| Instant::now() > by) {
            continue;
        }
        // A program that fails is not the session's concern: the cue is on the screen too.
        let _ = Command::new(program)
            .args(args)
            .arg(&cue.text)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

impl Speaker for Engine {
    fn say(&mut self, text: &str) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Cue {
                text: text.to_string(),
                by: None,
            });
        }
    }

    fn say_by(&mut self, text: &str, by: Instant) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Cue {
                text: text.to_string(),
                by: Some(by),
            });
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

    /// A two-sided neck session with a 5 s settle-in, each wait for the person a second of
    /// coach time: each cue the coach would say (the events of one instant as one, as
    /// [`words::spoken_batch`] gives them), with its coach time in whole seconds.
    fn neck_cues() -> Vec<(u64, String)> {
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
        let mut times = Vec::new();
        let mut speak = |events: Vec<tpcoach::session::Event>, now: Duration| {
            if let Some((cue, _)) = words::spoken_batch(&library, &steps, &events) {
                speaker.say(&cue);
                times.push(now.as_secs());
            }
        };
        let second = Duration::from_secs(1);
        let mut now = Duration::ZERO;
        speak(session.start(now), now);
        while session.finish().is_none() {
            match session.waiting() {
                tpcoach::session::Waiting::Spot => {
                    now += second;
                    speak(session.input(Input::OnTheSpot, now), now);
                }
                tpcoach::session::Waiting::Tenderness(_) => {
                    now += second;
                    speak(session.input(Input::Tenderness(Some(5)), now), now);
                }
                _ => match session.next_deadline() {
                    Some(at) => {
                        now = at;
                        speak(session.advance(now), now);
                    }
                    None => break,
                },
            }
        }
        let said = fake.0.lock().expect("not poisoned").clone();
        times.into_iter().zip(said).collect()
    }

    #[test]
    fn a_neck_session_speaks_each_cue_once_at_its_time() {
        let cues = neck_cues();
        let cue = |at: u64, text: &str| (at, text.to_string());
        // The first side, second by second: the count on each of the last three seconds of the
        // settle-in and of each hold, "release" once, and nothing in a rest a settle-in follows.
        let first_side = [
            cue(
                0,
                "Step 1 of 2: upper trapezius, left side, static compression, pincer grip.",
            ),
            cue(1, "How tender, 0 to 10?"),
            cue(2, "Get into position."),
            cue(4, "3"),
            cue(5, "2"),
            cue(6, "1"),
            cue(7, "Squeeze to about 5 out of 10."),
            cue(22, "Half time."),
            cue(34, "3"),
            cue(35, "2"),
            cue(36, "1"),
            cue(37, "Release. Rest, 30 seconds."),
            cue(67, "Get into position."),
            cue(69, "3"),
            cue(70, "2"),
            cue(71, "1"),
            cue(72, "Squeeze to about 5 out of 10."),
            cue(87, "Half time."),
            cue(99, "3"),
            cue(100, "2"),
            cue(101, "1"),
            cue(102, "Release. How tender, 0 to 10?"),
            cue(103, "Switch sides: upper trapezius, right side."),
        ];
        assert_eq!(cues[..first_side.len()], first_side, "{cues:#?}");
        // The second side the same, 104 s on (from its Enter on the spot).
        let second_side: Vec<(u64, String)> = first_side[1..first_side.len() - 1]
            .iter()
            .map(|(at, text)| (at + 103, text.clone()))
            .collect();
        assert_eq!(
            cues[first_side.len()..],
            [second_side, vec![cue(206, "Session done.")]].concat(),
            "{cues:#?}"
        );
        // Nothing said twice: no sentence twice in one cue, no cue at two instants in a row.
        for (at, text) in &cues {
            let sentences: Vec<&str> = text.split_inclusive('.').map(str::trim).collect();
            for (i, a) in sentences.iter().enumerate() {
                assert!(!sentences[i + 1..].contains(a), "{a:?} twice at {at} s");
            }
        }
        for pair in cues.windows(2) {
            assert_ne!(pair[0].1, pair[1].1, "said twice in a row: {pair:?}");
        }
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

    #[test]
    fn a_count_word_that_cannot_start_in_time_is_dropped_not_said_late() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let log = dir.path().join("said");
        let mut engine = Engine::command(
            PathBuf::from("sh"),
            vec![
                "-c".into(),
                format!("sleep 0.3; echo \"$0\" >> {}", log.display()),
            ],
        );
        engine.say("Get into position.");
        std::thread::sleep(Duration::from_millis(50));
        // Due to start within 50 ms, but the cue before it speaks 250 ms longer: dropped.
        engine.say_by("3", std::time::Instant::now() + Duration::from_millis(50));
        // Time enough to wait for its turn: said.
        std::thread::sleep(Duration::from_millis(400));
        engine.say("Squeeze.");
        std::thread::sleep(Duration::from_millis(50));
        engine.say_by("2", std::time::Instant::now() + Duration::from_secs(5));
        engine.finish();
        let said = std::fs::read_to_string(&log).expect("the program ran");
        assert_eq!(said, "Get into position.\nSqueeze.\n2\n");
    }
}
