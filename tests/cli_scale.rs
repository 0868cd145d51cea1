//! How `tpcoach check` and `tpcoach suggest` scale with the size of the library: a generator of
//! libraries of N muscles (the built-in techniques, tools, regions, pain areas, symptoms and safety
//! entries, the built-in muscles, and generated muscles up to N), and a timing of the release
//! binary on 100, 1,000 and 10,000 muscles.
//!
//! The timing is ignored by default; run it on a release build (`scripts/bench-scale.sh` does):
//!
//! ```text
//! cargo test --release --test cli_scale -- --ignored --nocapture
//! ```
//!
//! Set `TPCOACH_BENCH_DIR` to keep the generated libraries there (one folder per size).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Sandbox;
use tpcoach::library::{Base, Library, LoadOptions};
use tpcoach::model::{
    LibraryFile, MapPoint, Muscle, MuscleTechnique, Referral, Source, Stretch, TechniqueKind, Text,
    TriggerPoint, View,
};

/// The library sizes measured, in muscles.
const SIZES: &[usize] = &[100, 1_000, 10_000];
/// Generated muscles per file.
const PER_FILE: usize = 250;
/// The issue's limit for 10,000 muscles, per command.
const LIMIT: Duration = Duration::from_millis(150);

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Copies the built-in library (every YAML file under `data/`) into `to`.
fn copy_data(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_data(&path, &target);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Writes a valid library of `total` muscles into `dir`: the built-in library plus generated
/// muscles, spread evenly over the regions, each referring to pain areas of its own region, with
/// the built-in techniques and tools. Returns how many muscles were generated.
pub fn generate(dir: &Path, total: usize) -> usize {
    let built_in = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library loads");
    copy_data(&data_dir(), dir);
    let count = total.saturating_sub(built_in.muscles.len());
    let pressure: Vec<&str> = built_in
        .techniques
        .iter()
        .filter(|t| t.kind != TechniqueKind::Stretch)
        .map(|t| t.id.as_str())
        .collect();
    let symptoms: Vec<&str> = built_in.symptoms.iter().map(|s| s.id.as_str()).collect();
    let zones: Vec<&str> = built_in
        .danger_zones
        .iter()
        .map(|z| z.id.as_str())
        .collect();
    // Regions with a lower pressure cap (the abdomen) need doses of their own: left out.
    let regions: Vec<(&str, Vec<&str>)> = built_in
        .regions
        .iter()
        .filter(|r| r.pressure_ceiling.is_none())
        .map(|r| {
            let areas = built_in
                .pain_areas
                .iter()
                .filter(|p| p.region == r.id)
                .map(|p| p.id.as_str())
                .collect();
            (r.id.as_str(), areas)
        })
        .filter(|(_, areas): &(&str, Vec<&str>)| !areas.is_empty())
        .collect();
    let muscles: Vec<Muscle> = (0..count)
        .map(|i| {
            let (region, areas) = &regions[i % regions.len()];
            let pick =
                |k: usize| Text::from(areas[(i / regions.len() + k) % areas.len()].to_string());
            let fingers_only = i % 7 == 0;
            // Hands and devices in separate entries, as validation asks.
            let tool_sets: Vec<Vec<Text>> = if fingers_only {
                vec![vec!["fingers".into(), "pincer_grip".into()]]
            } else {
                vec![
                    vec!["ball_wall".into(), "foam_roller".into()],
                    vec!["thumb".into()],
                ]
            };
            Muscle {
                id: format!("generated_{i:05}").into(),
                name: format!("Generated muscle {i}").into(),
                aliases: vec![format!("gm {i}").into()],
                region: region.to_string().into(),
                priority: (i % 3) as u8 + 1,
                find: format!(
                    "Generated muscle {i} lies in the {region} region. Find the bony landmark \
                     nearby, then press around it until one spot is clearly tender."
                )
                .into(),
                trigger_points: vec![
                    TriggerPoint {
                        id: "g_1".into(),
                        location: "The middle of the muscle belly, where it is thickest.".into(),
                        at: Some(MapPoint {
                            view: View::Back,
                            x: 40.0,
                            y: 60.0,
                        }),
                        refers_to: Vec::new(),
                    },
                    TriggerPoint {
                        id: "g_2".into(),
                        location: "Near where the muscle attaches to the bone.".into(),
                        at: Some(MapPoint {
                            view: View::Front,
                            x: 60.0,
                            y: 60.0,
                        }),
                        refers_to: Vec::new(),
                    },
                ],
                refers_to: Referral {
                    primary: vec![pick(0), pick(1)],
                    spillover: vec![pick(2)],
                },
                symptoms: vec![symptoms[i % symptoms.len()].to_string().into()],
                techniques: pressure
                    .iter()
                    .flat_map(|t| {
                        tool_sets.iter().map(move |tools| MuscleTechnique {
                            technique: t.to_string().into(),
                            tools: tools.clone(),
                            dose: None,
                            how: Some("Press in slowly and hold, or make short strokes.".into()),
                        })
                    })
                    .collect(),
                prefers: None,
                stretch: (!fingers_only).then(|| Stretch {
                    how: "Move slowly into a position that lengthens the muscle.".into(),
                    both_sides: false,
                    dose: None,
                }),
                no_self_stretch: fingers_only.then(|| "No safe self-stretch.".into()),
                fingers_only,
                information_only: false,
                cautions: vec!["Stop at sharp, burning or electric pain.".into()],
                danger_zones: vec![zones[i % zones.len()].to_string().into()],
                sources: vec!["GENERATED".into()],
            }
        })
        .collect();
    let generated = dir.join("generated");
    std::fs::create_dir_all(&generated).unwrap();
    for (n, chunk) in muscles.chunks(PER_FILE).enumerate() {
        // The generated muscles' source key, recorded once, like every key a library cites.
        let sources = match n {
            0 => vec![Source {
                id: "GENERATED".into(),
                title: "Generated test muscles".into(),
                by: "tests/cli_scale.rs".into(),
                url: None,
                read: None,
                used_for: "Every generated muscle.".into(),
                note: Some("Made up for timing; not a real source.".into()),
            }],
            _ => Vec::new(),
        };
        let file = LibraryFile {
            muscles: chunk.to_vec(),
            sources,
            ..LibraryFile::default()
        };
        let text = serde_yaml::to_string(&file).unwrap();
        std::fs::write(generated.join(format!("muscles_{n:03}.yaml")), text).unwrap();
    }
    count
}

/// The median wall time of `runs` runs of a command, after one warm-up run.
fn median(sandbox: &Sandbox, args: &[&str], runs: usize) -> Duration {
    let run = || {
        let start = Instant::now();
        let output = sandbox.std_cmd().args(args).output().unwrap();
        let elapsed = start.elapsed();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        elapsed
    };
    run();
    let mut times: Vec<Duration> = (0..runs).map(|_| run()).collect();
    times.sort();
    times[runs / 2]
}

#[test]
fn a_generated_library_is_valid_and_usable() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 200);
    let library = Library::load(&LoadOptions {
        base: Base::Dir(dir.path().to_path_buf()),
        overlay: None,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(library.muscles.len(), 200);
    Sandbox::new()
        .cmd()
        .arg("--library")
        .arg(dir.path())
        .args(["suggest", "neck", "--json"])
        .assert()
        .success();
}

#[test]
#[ignore = "a benchmark: run on a release build, see the module docs"]
fn check_and_suggest_scale_linearly_to_10000_muscles() {
    let keep = std::env::var_os("TPCOACH_BENCH_DIR").map(PathBuf::from);
    let temp = tempfile::tempdir().unwrap();
    let root = keep.clone().unwrap_or_else(|| temp.path().to_path_buf());
    let sandbox = Sandbox::new();
    let runs = 15;
    let mut rows = Vec::new();
    for &size in SIZES {
        let dir = root.join(size.to_string());
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        generate(&dir, size);
        let dir_text = dir.display().to_string();
        let bytes: u64 = walk(&dir).iter().map(|p| p.metadata().unwrap().len()).sum();
        let check = median(&sandbox, &["check", &dir_text], runs);
        let suggest = median(&sandbox, &["--library", &dir_text, "suggest", "neck"], runs);
        rows.push((size, bytes, check, suggest));
    }
    println!(
        "\nmedian wall time over {runs} runs (release build: {}):",
        !cfg!(debug_assertions)
    );
    println!(
        "{:>8}  {:>8}  {:>10}  {:>14}",
        "muscles", "YAML", "check", "suggest neck"
    );
    for (size, bytes, check, suggest) in &rows {
        println!(
            "{size:>8}  {:>6} kB  {:>7.1} ms  {:>11.1} ms",
            bytes / 1000,
            check.as_secs_f64() * 1e3,
            suggest.as_secs_f64() * 1e3
        );
    }
    let (_, _, check_1k, suggest_1k) = rows[1];
    let (_, _, check_10k, suggest_10k) = rows[2];
    println!(
        "growth from 1,000 to 10,000 muscles: check {:.1}x, suggest {:.1}x (10x is linear)",
        check_10k.as_secs_f64() / check_1k.as_secs_f64(),
        suggest_10k.as_secs_f64() / suggest_1k.as_secs_f64()
    );
    if let Some(keep) = keep {
        println!("libraries kept in {}", keep.display());
    }
    // Linear growth, not quadratic: ten times the muscles take at most about ten times as long
    // (quadratic work would take a hundred times as long).
    assert!(
        check_10k < check_1k * 15,
        "check grows faster than linearly"
    );
    assert!(
        suggest_10k < suggest_1k * 15,
        "suggest grows faster than linearly"
    );
    if !cfg!(debug_assertions) {
        assert!(
            check_10k < LIMIT,
            "check of 10,000 muscles took {check_10k:?}"
        );
        assert!(
            suggest_10k < LIMIT,
            "suggest on 10,000 muscles took {suggest_10k:?}"
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
