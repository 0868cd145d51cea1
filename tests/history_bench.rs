//! The history benchmark (ignored by `cargo test`; run `scripts/bench-history.sh`): 100,000
//! generated steps, then `tpcoach progress` and `tpcoach history --since 30d` timed end to end
//! (process start to exit), and the database file's size.
//!
//! Targets, in a release build: each command under 100 ms, the file under 20 MB. A debug build
//! reports the figures without checking the times.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Sandbox;
use tpcoach::history::{NewSession, SessionStatus, StepRecord, Store};
use tpcoach::library::{Base, Library, LoadOptions};
use tpcoach::routine::Side;

/// Steps to generate.
const STEPS: u32 = 100_000;
/// Steps per session.
const STEPS_PER_SESSION: u32 = 10;
/// Sessions per day: a heavy user, so that the last 30 days hold many sessions.
const SESSIONS_PER_DAY: u32 = 5;
/// The last generated day: 2026-11-01 00:00 UTC.
const END: i64 = 1_793_491_200;
/// Timed runs per command (after one warm-up run).
const RUNS: usize = 15;
/// The time target per command.
const TARGET: Duration = Duration::from_millis(100);
/// The file size target.
const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// `tpcoach report` over the same history: under 300 ms, and a page under 2 MB (issue 12).
const REPORT_TARGET: Duration = Duration::from_millis(300);
const REPORT_MAX_BYTES: usize = 2 * 1024 * 1024;

/// A small deterministic generator (xorshift), so every run builds the same history.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Fills `path` with [`STEPS`] steps on the library's real muscles, ending at [`END`].
fn generate(path: &Path) {
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library");
    let muscles: Vec<&str> = library
        .muscles
        .iter()
        .filter(|m| !m.information_only)
        .map(|m| m.id.as_str())
        .collect();
    let techniques = ["static_compression", "deep_stroking", "stretching"];
    let store = Store::open(path).expect("create the database");
    let sessions = STEPS / STEPS_PER_SESSION;
    let days = i64::from(sessions.div_ceil(SESSIONS_PER_DAY));
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    store
        .write_batch(|store| {
            for n in 0..sessions {
                let day = i64::from(n / SESSIONS_PER_DAY);
                let start = END - (days - day) * 86_400
                    + i64::from(n % SESSIONS_PER_DAY) * 3 * 3_600
                    + 7 * 3_600;
                let plain = rng.below(20) == 0;
                let id = store.begin_session(&NewSession {
                    started_at: start,
                    query: "neck".into(),
                    matched: "neck (region)".into(),
                    plain,
                })?;
                let first = rng.below(muscles.len() as u64) as usize;
                let mut at = start;
                for i in 0..STEPS_PER_SESSION {
                    let muscle = muscles[(first + i as usize / 2) % muscles.len()];
                    let skipped = rng.below(15) == 0;
                    let before = 3 + rng.below(6) as u8;
                    let after = before.saturating_sub(rng.below(4) as u8);
                    at += 70 + rng.below(20) as i64;
                    store.record_step(
                        id,
                        &StepRecord {
                            index: i,
                            muscle: muscle.into(),
                            side: if i % 2 == 0 { Side::Left } else { Side::Right },
                            technique: techniques[rng.below(3) as usize].into(),
                            planned_seconds: 70,
                            actual_seconds: if skipped {
                                0
                            } else {
                                60 + rng.below(30) as u32
                            },
                            before: (!plain && !skipped).then_some(before),
                            after: (!plain && !skipped).then_some(after),
                            skipped,
                            ended_at: at,
                        },
                    )?;
                }
                let status = if plain {
                    SessionStatus::Unrated
                } else if rng.below(10) == 0 {
                    SessionStatus::Partial
                } else {
                    SessionStatus::Completed
                };
                store.finish_session(id, at + 30, status)?;
            }
            Ok(())
        })
        .expect("generate the history");
    assert_eq!(store.step_count().expect("count"), u64::from(STEPS));
}

/// Runs `tpcoach ARGS` [`RUNS`] times after a warm-up; returns the sorted times and the output
/// size of the last run.
fn time(sandbox: &Sandbox, args: &[&str]) -> (Vec<Duration>, usize) {
    let mut times = Vec::new();
    let mut bytes = 0;
    for run in 0..=RUNS {
        let mut cmd = sandbox.std_cmd();
        cmd.env("TZ", "UTC")
            .env("TPCOACH_NOW", (END + 12 * 3_600).to_string())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let started = Instant::now();
        let output = cmd.output().expect("run tpcoach");
        let took = started.elapsed();
        assert!(output.status.success(), "{args:?}: {output:?}");
        if run > 0 {
            times.push(took);
        }
        bytes = output.stdout.len();
    }
    times.sort();
    (times, bytes)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[test]
#[ignore = "a benchmark: run scripts/bench-history.sh"]
fn hundred_thousand_steps_stay_fast_and_small() {
    let sandbox = Sandbox::new();
    let path = sandbox.home().join("tpcoach.db");
    let started = Instant::now();
    generate(&path);
    let generated = started.elapsed();
    let size = std::fs::metadata(&path).expect("the database").len();
    let release = !cfg!(debug_assertions);
    println!(
        "\nhistory benchmark ({} build): {STEPS} steps in {} sessions, generated in {:.1} s",
        if release { "release" } else { "debug" },
        STEPS / STEPS_PER_SESSION,
        generated.as_secs_f64()
    );
    println!(
        "  database file: {:.2} MB ({size} bytes; target under 20 MB)",
        size as f64 / 1024.0 / 1024.0
    );
    if let Ok(dir) = std::env::var("HISTORY_BENCH_KEEP") {
        let to = Path::new(&dir).join("tpcoach.db");
        std::fs::create_dir_all(&dir).expect("the folder to keep the database in");
        std::fs::copy(&path, &to).expect("keep the database");
        println!("  kept the database as {}", to.display());
    }
    let mut slow = Vec::new();
    for args in [
        &["progress"][..],
        &["history", "--since", "30d"],
        &["progress", "neck"],
        &["history", "--since", "30d", "--json", "--steps"],
        &["report", "--out", "-"],
    ] {
        let (times, bytes) = time(&sandbox, args);
        let median = times[times.len() / 2];
        println!(
            "  tpcoach {:<36} median {:>9}  min {:>9}  max {:>9}  ({bytes} bytes of output)",
            args.join(" "),
            ms(median),
            ms(times[0]),
            ms(times[times.len() - 1]),
        );
        let report = args[0] == "report";
        if median >= if report { REPORT_TARGET } else { TARGET } {
            slow.push(args.join(" "));
        }
        if report {
            assert!(bytes < REPORT_MAX_BYTES, "the report is {bytes} bytes");
        }
    }
    assert!(size < MAX_BYTES, "the database is {size} bytes");
    if release {
        assert!(
            slow.is_empty(),
            "over {} ms (the report: {} ms): {slow:?}",
            TARGET.as_millis(),
            REPORT_TARGET.as_millis()
        );
    }
}

#[test]
#[ignore = "a benchmark: run scripts/bench-report.sh"]
fn a_report_over_hundred_thousand_steps_is_under_300_ms_and_2_mb() {
    let sandbox = Sandbox::new();
    generate(&sandbox.home().join("tpcoach.db"));
    let (times, bytes) = time(&sandbox, &["report", "--out", "-"]);
    let median = times[times.len() / 2];
    let release = !cfg!(debug_assertions);
    println!(
        "\nreport benchmark ({} build, {STEPS} steps in {} sessions): tpcoach report --out -\n  \
         time: median {}, min {}, max {} (target under {} ms)\n  \
         size: {:.2} MB ({bytes} bytes; target under 2 MB)",
        if release { "release" } else { "debug" },
        STEPS / STEPS_PER_SESSION,
        ms(median),
        ms(times[0]),
        ms(times[times.len() - 1]),
        REPORT_TARGET.as_millis(),
        bytes as f64 / 1024.0 / 1024.0,
    );
    assert!(bytes < REPORT_MAX_BYTES, "the report is {bytes} bytes");
    if release {
        assert!(median < REPORT_TARGET, "the report took {}", ms(median));
    }
}
