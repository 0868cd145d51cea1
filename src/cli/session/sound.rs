//! A distinct sound at each moment of a session that the hands and eyes are busy for: the
//! settle-in count starting, press, half time, a tick on each of the last three seconds (of a
//! hold, a stretch, a settle-in count, a rest straight into work), a stroke set's last seconds,
//! release, rest over, switch sides, done.
//!
//! The sounds are short WAV tones made here at run time (a pitch and pattern for each moment),
//! written once into the cache folder and played by the platform's own player, found at start:
//! paplay, pw-play or aplay on Linux, afplay on macOS, PowerShell's sound player on Windows, or
//! the command in `TPCOACH_SOUND_CMD` (the file is added as its last argument; an empty value
//! means no player). Nothing is linked at build time. The player is started on a thread of its
//! own and never waited for by the timer. Without a player, or once the player fails, the
//! terminal's bell rings instead, 1 to 3 times by the moment (terminals that merge bells ring
//! once). `--no-bell` silences both.
//!
//! When several moments fall on the same instant (a rest ending into the next hold with no
//! settle-in, the last hold's release and the session's end in `--plain`), only the last one's
//! sound is played: sounds played on top of each other cannot be told apart.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tpcoach::session::{Event, PhaseKind};

use super::screen::Out;
use super::speech::on_path;

/// The environment variable naming the sound player.
pub const SOUND_CMD_VAR: &str = "TPCOACH_SOUND_CMD";

/// A moment of the session that has a sound of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Transition {
    /// The settle-in count before a step's first work begins: get into position.
    Settle,
    /// The work begins (after the settle-in count): press, stretch or stroke.
    Press,
    /// Half of a hold or stretch is done.
    HalfTime,
    /// One of the last three seconds, counted (3, 2, 1): a tick each.
    Count,
    /// The last three seconds of a stroke set (counted by its strokes, not 3, 2, 1).
    LastSeconds,
    /// The work is over: let go.
    Release,
    /// A rest between repetitions is over.
    RestOver,
    /// The same muscle on the other side comes next.
    SwitchSides,
    /// The session is over.
    Done,
}

impl Transition {
    /// Every transition, in the order a step meets them.
    pub const ALL: [Transition; 9] = [
        Transition::Settle,
        Transition::Press,
        Transition::HalfTime,
        Transition::Count,
        Transition::LastSeconds,
        Transition::Release,
        Transition::RestOver,
        Transition::SwitchSides,
        Transition::Done,
    ];

    /// Its name, as in its sound file's name.
    pub fn name(self) -> &'static str {
        match self {
            Transition::Settle => "settle",
            Transition::Press => "press",
            Transition::HalfTime => "half-time",
            Transition::Count => "tick",
            Transition::LastSeconds => "last-seconds",
            Transition::Release => "release",
            Transition::RestOver => "rest-over",
            Transition::SwitchSides => "switch-sides",
            Transition::Done => "done",
        }
    }

    /// Its tune: (pitch in Hz, 0 for silence; length in ms).
    fn tune(self) -> &'static [(u32, u32)] {
        match self {
            // Two low beeps.
            Transition::Settle => &[(440, 120), (0, 80), (440, 120)],
            // One high beep.
            Transition::Press => &[(880, 250)],
            // One short middle beep.
            Transition::HalfTime => &[(660, 120)],
            // A short high tick, once a second.
            Transition::Count => &[(1319, 100)],
            // Three quick ticks.
            Transition::LastSeconds => &[(988, 70), (0, 110), (988, 70), (0, 110), (988, 70)],
            // Falling.
            Transition::Release => &[(880, 150), (587, 250)],
            // Rising.
            Transition::RestOver => &[(523, 120), (784, 180)],
            // Up and back.
            Transition::SwitchSides => &[(659, 110), (0, 40), (880, 110), (0, 40), (659, 110)],
            // A rising chord, the last note long.
            Transition::Done => &[(523, 110), (659, 110), (784, 110), (1047, 300)],
        }
    }

    /// The bells rung for it when there is no player.
    fn bells(self) -> usize {
        match self {
            Transition::Settle | Transition::Press | Transition::HalfTime => 1,
            Transition::Count => 1,
            Transition::RestOver => 1,
            Transition::Release | Transition::SwitchSides => 2,
            Transition::LastSeconds | Transition::Done => 3,
        }
    }
}

/// Says which transition each of the session's events, and each batch of them, marks.
#[derive(Debug, Default)]
pub struct Moments;

impl Moments {
    /// The transition `event` marks, if any. `second_side` says whether step `i` is the same
    /// muscle as step `i - 1`, on the other side.
    pub fn transition(
        &mut self,
        event: &Event,
        second_side: impl Fn(usize) -> bool,
    ) -> Option<Transition> {
        Some(match event {
            Event::StepStarted { step, .. } if second_side(*step) => Transition::SwitchSides,
            // A settle-in count after a rest is heard as the rest's end.
            Event::PhaseStarted { phase, .. }
                if phase.kind == PhaseKind::Settle && phase.rep == 1 =>
            {
                Transition::Settle
            }
            Event::PhaseStarted { phase, .. } if phase.kind.is_work() => Transition::Press,
            Event::HalfTime { .. } => Transition::HalfTime,
            Event::Count { .. } => Transition::Count,
            Event::LastSeconds { .. } => Transition::LastSeconds,
            Event::PhaseEnded { phase, .. } if phase.kind.is_work() => Transition::Release,
            Event::PhaseEnded { phase, .. } if phase.kind == PhaseKind::Rest => {
                Transition::RestOver
            }
            Event::Finished(_) => Transition::Done,
            _ => return None,
        })
    }

    /// The one transition to sound for events that came at the same instant: the last (as the
    /// coach does).
    #[cfg(test)]
    pub fn of_batch(
        &mut self,
        events: &[Event],
        second_side: impl Fn(usize) -> bool,
    ) -> Option<Transition> {
        let mut last = None;
        for event in events {
            last = self.transition(event, &second_side).or(last);
        }
        last
    }
}

/// Something that makes the transitions' sounds.
pub trait Sound: Send {
    /// Sounds `transition`, at coach time `at`, without waiting for it; `out` is the screen,
    /// for a bell.
    fn play(&mut self, transition: Transition, at: Duration, out: &mut Out);
    /// The session is over: let the last sound end (waits for it).
    fn finish(&mut self) {}
}

/// The terminal's bell, rung 1 to 3 times by the transition.
pub struct Bell;

impl Sound for Bell {
    fn play(&mut self, transition: Transition, _at: Duration, out: &mut Out) {
        for _ in 0..transition.bells() {
            out.bell();
        }
    }
}

/// `--no-bell`: nothing.
pub struct Silent;

impl Sound for Silent {
    fn play(&mut self, _: Transition, _: Duration, _: &mut Out) {}
}

/// How a player is given the file.
#[derive(Debug, Clone)]
enum Style {
    /// `program ARGS... FILE`.
    LastArg,
    /// Windows PowerShell, with the file inside its command.
    PowerShell,
}

/// A sound player run once per sound, started on a thread of its own.
pub struct Player {
    files: Vec<PathBuf>,
    tx: Option<Sender<PathBuf>>,
    thread: Option<JoinHandle<()>>,
    /// Set once the player has failed: the bell rings from then on.
    failed: Arc<AtomicBool>,
}

/// The players looked for, in order, with the arguments put before the file.
const PLAYERS: [(&str, &[&str], Style); 5] = [
    ("paplay", &[], Style::LastArg),
    ("pw-play", &[], Style::LastArg),
    ("aplay", &["-q"], Style::LastArg),
    ("afplay", &[], Style::LastArg),
    (
        "powershell",
        &["-NoProfile", "-NonInteractive", "-Command"],
        Style::PowerShell,
    ),
];

/// More sounds than this still playing and the next one is left out (a player that hangs must
/// not pile up processes).
const MAX_PLAYING: usize = 4;

/// How often the player's thread looks at the sounds still playing.
const REAP_EVERY: Duration = Duration::from_millis(250);

/// The sound for the session: the player (from `TPCOACH_SOUND_CMD` or found on the `PATH`)
/// with its files written into `dir`, else the bell; nothing with `no_bell`.
pub fn find(no_bell: bool, dir: &Path) -> Box<dyn Sound> {
    if no_bell {
        return Box::new(Silent);
    }
    let player = match std::env::var(SOUND_CMD_VAR) {
        Ok(cmd) if cmd.trim().is_empty() => None,
        Ok(cmd) => {
            let mut words = cmd.split_whitespace().map(str::to_string);
            let program = words.next().unwrap_or_default();
            Some((PathBuf::from(program), words.collect(), Style::LastArg))
        }
        Err(_) => PLAYERS.iter().find_map(|(name, args, style)| {
            on_path(name).map(|p| {
                (
                    p,
                    args.iter().map(|a| a.to_string()).collect(),
                    style.clone(),
                )
            })
        }),
    };
    let Some((program, args, style)) = player else {
        return Box::new(Bell);
    };
    match write_files(dir) {
        Ok(files) => Box::new(Player::start(program, args, style, files)),
        // No place for the files: the bell will do.
        Err(_) => Box::new(Bell),
    }
}

/// The folder for the sound files under the cache folder, else the temporary folder.
pub fn dir() -> PathBuf {
    crate::cli::context::cache_dir()
        .unwrap_or_else(|| std::env::temp_dir().join("tpcoach"))
        .join("sounds")
}

/// Writes each transition's WAV file into `dir` (unless it is there already, the same), in
/// [`Transition::ALL`]'s order.
fn write_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    Transition::ALL
        .iter()
        .map(|t| {
            let path = dir.join(format!("{}.wav", t.name()));
            let bytes = wav(t.tune());
            if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
                // Written beside it and renamed, so a session starting at the same time never
                // plays half a file.
                let part = dir.join(format!("{}.wav.{}", t.name(), std::process::id()));
                std::fs::write(&part, &bytes)?;
                std::fs::rename(&part, &path)?;
            }
            Ok(path)
        })
        .collect()
}

/// Samples a second.
const RATE: u32 = 22_050;

/// A tune as a 16-bit mono PCM WAV file: each note a sine with 5 ms fades (no clicks).
pub fn wav(tune: &[(u32, u32)]) -> Vec<u8> {
    let mut samples: Vec<i16> = Vec::new();
    let fade = (RATE / 200) as usize;
    for &(pitch, ms) in tune {
        let n = (RATE * ms / 1000) as usize;
        for i in 0..n {
            let value = if pitch == 0 {
                0.0
            } else {
                let t = i as f64 / f64::from(RATE);
                let edge = i.min(n - 1 - i).min(fade) as f64 / fade as f64;
                // The sine of the `libm` crate, not the system's: the binary then needs no
                // shared maths library, which would be loaded at every start.
                0.4 * edge * libm::sin(2.0 * std::f64::consts::PI * f64::from(pitch) * t)
            };
            samples.push((value * f64::from(i16::MAX)) as i16);
        }
    }
    let data_len = u32::try_from(samples.len() * 2).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(44 + samples.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

impl Player {
    /// A player that runs `program ARGS... FILE` for each sound, `files` in
    /// [`Transition::ALL`]'s order.
    fn start(program: PathBuf, args: Vec<String>, style: Style, files: Vec<PathBuf>) -> Player {
        let (tx, rx) = mpsc::channel::<PathBuf>();
        let failed = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&failed);
        let thread = std::thread::Builder::new()
            .name("sound".into())
            .spawn(move || {
                let mut playing: Vec<Child> = Vec::new();
                let reap = |playing: &mut Vec<Child>| {
                    playing.retain_mut(|child| match child.try_wait() {
                        Ok(Some(status)) => {
                            if !status.success() {
                                flag.store(true, Ordering::Relaxed);
                            }
                            false
                        }
                        Ok(None) => true,
                        Err(_) => false,
                    });
                };
                loop {
                    // Woken now and then to see how the sounds playing went.
                    let file = match rx.recv_timeout(REAP_EVERY) {
                        Ok(file) => file,
                        Err(mpsc::RecvTimeoutError::Timeout) => {
                            reap(&mut playing);
                            continue;
                        }
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    };
                    reap(&mut playing);
                    if playing.len() >= MAX_PLAYING {
                        continue;
                    }
                    let mut command = Command::new(&program);
                    command.args(&args);
                    match style {
                        Style::LastArg => command.arg(&file),
                        Style::PowerShell => command.arg(format!(
                            "(New-Object Media.SoundPlayer '{}').PlaySync()",
                            file.display().to_string().replace('\'', "''")
                        )),
                    };
                    match command
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                    {
                        Ok(child) => playing.push(child),
                        Err(_) => flag.store(true, Ordering::Relaxed),
                    }
                }
                // The session is over: the last sounds end before the process does.
                for mut child in playing {
                    let _ = child.wait();
                }
            })
            .ok();
        Player {
            files,
            tx: Some(tx),
            thread,
            failed,
        }
    }
}

impl Sound for Player {
    fn play(&mut self, transition: Transition, at: Duration, out: &mut Out) {
        let index = Transition::ALL.iter().position(|t| *t == transition);
        let file = index.and_then(|i| self.files.get(i));
        match (&self.tx, file) {
            (Some(tx), Some(file)) if !self.failed.load(Ordering::Relaxed) => {
                let _ = tx.send(file.clone());
            }
            _ => Bell.play(transition, at, out),
        }
    }

    fn finish(&mut self) {
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A sound for tests: keeps each transition with the coach time it came at.
#[cfg(test)]
#[derive(Default, Clone)]
pub struct Fake(pub Arc<std::sync::Mutex<Vec<(Transition, Duration)>>>);

#[cfg(test)]
impl Sound for Fake {
    fn play(&mut self, transition: Transition, at: Duration, _out: &mut Out) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((transition, at));
    }
}

#[cfg(test)]
mod tests {
    use tpcoach::library::{Base, Library, LoadOptions};
    use tpcoach::routine::{self, Options, Sides};
    use tpcoach::session::{plan, Input, Mode, Session, Waiting};

    use super::*;

    const SETTLE: Duration = Duration::from_secs(5);

    /// The transitions a step's work should sound, from `start` (the rating before it), worked
    /// out from its phases alone: (coach time, transition). A tick on each of the last three
    /// seconds of a settle-in count and of a hold or a stretch (those after its half time);
    /// the rests here all lead into a settle-in count, which counts instead.
    fn expected_work(
        step: &tpcoach::routine::Step,
        start: Duration,
    ) -> Vec<(Duration, Transition)> {
        let second = Duration::from_secs(1);
        let ticks = |end: Duration, room: Duration| {
            (1..=3u32)
                .rev()
                .filter(move |n| second * *n < room)
                .map(move |n| (end - second * n, Transition::Count))
        };
        let mut out = Vec::new();
        let mut at = start;
        let mut after_rest = false;
        for (i, phase) in plan::phases(step).iter().enumerate() {
            if phase.kind == PhaseKind::Rest {
                at += phase.length;
                out.push((at, Transition::RestOver));
                after_rest = true;
                continue;
            }
            if i == 0 || after_rest {
                if !after_rest {
                    out.push((at, Transition::Settle));
                }
                out.extend(ticks(at + SETTLE, SETTLE));
                at += SETTLE;
            }
            after_rest = false;
            out.push((at, Transition::Press));
            let end = at + phase.length;
            if matches!(phase.kind, PhaseKind::Hold | PhaseKind::Stretch) {
                out.push((at + phase.length / 2, Transition::HalfTime));
                out.extend(ticks(end, phase.length / 2));
            } else {
                out.push((
                    end.saturating_sub(Duration::from_secs(3)),
                    Transition::LastSeconds,
                ));
            }
            at = end;
            out.push((at, Transition::Release));
        }
        out
    }

    /// Of moments at the same instant, the last is heard.
    fn last_of_each_instant(list: Vec<(Duration, Transition)>) -> Vec<(Transition, Duration)> {
        let mut out: Vec<(Transition, Duration)> = Vec::new();
        for (at, t) in list {
            match out.last_mut() {
                Some(last) if last.1 == at => *last = (t, at),
                _ => out.push((t, at)),
            }
        }
        out
    }

    #[test]
    fn each_transition_of_a_two_sided_session_has_its_sound_in_order_at_its_time() {
        let library = Library::load(&LoadOptions {
            base: Base::Embedded,
            overlay: None,
        })
        .expect("built-in library");
        let options = Options {
            minutes: 6,
            equipment: ["fingers".to_string()].into(),
            sides: Sides::Both,
            limits: Default::default(),
            history: None,
            technique: Default::default(),
            settle_seconds: 5,
        };
        let mut routine = routine::build(&library, "neck", &options).expect("a neck routine");
        // And a stroke set, for its last seconds' sound.
        let mut strokes = routine.steps[0].clone();
        strokes.technique = "deep_stroking".into();
        strokes.kind = tpcoach::model::TechniqueKind::Stroking;
        strokes.dose = tpcoach::model::Dose {
            strokes: Some(4),
            stroke_seconds: Some(3),
            ..Default::default()
        };
        routine.steps.push(strokes);
        let steps = routine.steps.clone();
        let second_side = |i: usize| {
            i.checked_sub(1)
                .and_then(|p| steps.get(p))
                .zip(steps.get(i))
                .is_some_and(|(p, s)| {
                    p.muscle == s.muscle && p.technique == s.technique && p.side != s.side
                })
        };
        let mut session =
            Session::new(routine.steps.clone(), Mode::Interactive).with_settle(SETTLE);
        let fake = Fake::default();
        let mut sound: Box<dyn Sound> = Box::new(fake.clone());
        let mut moments = Moments;
        let mut out = Out::Quiet;
        let mut expected: Vec<(Duration, Transition)> = Vec::new();
        let mut heard = |events: Vec<Event>, now: Duration| {
            if let Some(t) = moments.of_batch(&events, second_side) {
                sound.play(t, now, &mut out);
            }
        };
        // Each wait for the person takes a second of coach time.
        let mut now = Duration::ZERO;
        heard(session.start(now), now);
        while session.finish().is_none() {
            match session.waiting() {
                Waiting::Spot => {
                    now += Duration::from_secs(1);
                    let step = session.current_step().expect("a step under way");
                    heard(session.input(Input::OnTheSpot, now), now);
                    if steps[step].kind == tpcoach::model::TechniqueKind::Stretch {
                        expected.extend(expected_work(&steps[step], now));
                    }
                }
                Waiting::Tenderness(when) => {
                    now += Duration::from_secs(1);
                    let step = session.current_step().expect("a step under way");
                    if when == tpcoach::session::When::Before {
                        expected.extend(expected_work(&steps[step], now));
                    } else if second_side(step + 1) {
                        expected.push((now, Transition::SwitchSides));
                    }
                    heard(session.input(Input::Tenderness(Some(4)), now), now);
                }
                _ => {
                    now = session.next_deadline().expect("a timer runs");
                    heard(session.advance(now), now);
                }
            }
        }
        expected.push((now, Transition::Done));
        let played = fake.0.lock().expect("not poisoned").clone();
        assert_eq!(played, last_of_each_instant(expected));
        // Every transition is met at least once in this session, so each has been heard.
        for t in Transition::ALL {
            assert!(played.iter().any(|(p, _)| *p == t), "{t:?} in {played:?}");
        }
    }

    #[test]
    fn each_transition_has_a_tune_of_its_own_in_a_wav_file_of_the_right_length() {
        let tunes: Vec<Vec<u8>> = Transition::ALL.iter().map(|t| wav(t.tune())).collect();
        for (t, bytes) in Transition::ALL.iter().zip(&tunes) {
            let ms: u32 = t.tune().iter().map(|(_, ms)| ms).sum();
            assert!((100..=700).contains(&ms), "{t:?} lasts {ms} ms");
            assert_eq!(&bytes[0..4], b"RIFF");
            assert_eq!(&bytes[8..16], b"WAVEfmt ");
            let data = u32::from_le_bytes(bytes[40..44].try_into().expect("4 bytes"));
            assert_eq!(data as usize, bytes.len() - 44);
            let samples: u32 = t.tune().iter().map(|(_, ms)| RATE * ms / 1000).sum();
            assert_eq!(data, samples * 2);
        }
        for (i, a) in tunes.iter().enumerate() {
            for b in &tunes[i + 1..] {
                assert_ne!(a, b, "two transitions sound the same");
            }
        }
    }

    #[test]
    fn the_player_plays_each_transitions_file_without_waiting_and_a_failing_one_gives_way() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let files = write_files(dir.path()).expect("the files are written");
        let log = dir.path().join("played");
        let mut player = Player::start(
            PathBuf::from("sh"),
            vec![
                "-c".into(),
                format!("sleep 0.2; basename \"$0\" >> {}", log.display()),
            ],
            Style::LastArg,
            files,
        );
        let mut out = Out::Quiet;
        let started = std::time::Instant::now();
        player.play(Transition::Press, Duration::ZERO, &mut out);
        player.play(Transition::Release, Duration::ZERO, &mut out);
        assert!(started.elapsed() < Duration::from_millis(100), "play waits");
        player.finish();
        let played = std::fs::read_to_string(&log).expect("the player ran");
        let mut played: Vec<&str> = played.lines().collect();
        // Both play at once, beside each other: either may end first.
        played.sort_unstable();
        assert_eq!(played, ["press.wav", "release.wav"]);

        let files = write_files(dir.path()).expect("the files are there");
        let mut failing = Player::start(
            PathBuf::from("sh"),
            vec![
                "-c".into(),
                format!("echo \"$0\" >> {}; exit 1", log.display()),
            ],
            Style::LastArg,
            files,
        );
        failing.play(Transition::Press, Duration::ZERO, &mut out);
        std::thread::sleep(Duration::from_millis(600));
        // The player failed: the bell rings from now on, and the player is not run again.
        failing.play(Transition::Release, Duration::ZERO, &mut out);
        failing.finish();
        let after = std::fs::read_to_string(&log).expect("the log");
        assert_eq!(after.lines().count(), 3, "{after}");
    }
}
