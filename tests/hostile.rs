//! Hostile and odd library files, given with `check DIR`: each is answered quickly, with one
//! clear error that names the file, and never hangs.

mod common;

use std::time::{Duration, Instant};

use common::{fixture, mini_with, Sandbox};

/// What `tpcoach check DIR` prints on stderr, with how long it took; it must fail.
fn check_fails(dir: &std::path::Path) -> (String, Duration) {
    let start = Instant::now();
    let output = Sandbox::new()
        .cmd()
        .arg("check")
        .arg(dir)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let took = start.elapsed();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    (err.replace(&format!("{}/", dir.display()), ""), took)
}

#[test]
fn deep_flow_nesting_is_refused_at_its_line_at_once() {
    let dir = mini_with(&[]);
    let levels = 100_000;
    let text = format!("muscles: {}{}\n", "[".repeat(levels), "]".repeat(levels));
    std::fs::write(dir.path().join("deep.yaml"), text).unwrap();
    let (err, took) = check_fails(dir.path());
    assert!(err.contains("deep.yaml:1:"), "{err}");
    assert!(err.contains("64"), "{err}");
    // Well under a second even in a debug build on a busy machine; it used to take > 30 s.
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_parsing() {
    let dir = mini_with(&[]);
    let size = tpcoach::library::MAX_FILE_BYTES as usize + 1;
    let mut text = String::from("# padding\n");
    text.push_str(&"#".repeat(size - text.len()));
    std::fs::write(dir.path().join("huge.yaml"), text).unwrap();
    let (err, took) = check_fails(dir.path());
    assert!(err.contains("huge.yaml"), "{err}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn invalid_utf8_is_said_once() {
    let dir = mini_with(&[]);
    std::fs::write(dir.path().join("latin1.yaml"), b"regions: []\n# caf\xe9\n").unwrap();
    let (err, _) = check_fails(dir.path());
    assert!(err.contains("latin1.yaml"), "{err}");
    assert_eq!(err.matches("not UTF-8").count(), 1, "{err}");
    assert!(err.contains("latin1.yaml:2:6:"), "{err}");
    assert!(!err.contains("stream did not contain"), "{err}");
}

#[test]
fn a_named_pipe_in_the_folder_is_skipped_with_one_warning() {
    let dir = mini_with(&[]);
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let output = Sandbox::new()
        .cmd()
        .arg("check")
        .arg(dir.path())
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("pipe.yaml"), "{err}");
}

#[test]
fn a_file_that_does_not_parse_comes_first_and_references_into_it_are_one_line() {
    let dir = mini_with(&[]);
    let body = dir.path().join("body.yaml");
    let mut text = std::fs::read_to_string(fixture("mini").join("body.yaml")).unwrap();
    text.push_str("\n  - {broken: [\n");
    std::fs::write(&body, text).unwrap();
    let (err, _) = check_fails(dir.path());
    let problems: Vec<&str> = err.lines().filter(|l| l.starts_with("  ")).collect();
    assert!(
        problems.first().is_some_and(|l| l.contains("body.yaml")),
        "{err}"
    );
    assert!(!err.contains("unknown region"), "{err}");
    let unchecked: Vec<&&str> = problems
        .iter()
        .filter(|l| l.contains("into body.yaml") && l.contains("not checked"))
        .collect();
    assert_eq!(unchecked.len(), 1, "{err}");
}

#[test]
fn a_body_map_file_that_does_not_parse_is_not_also_a_missing_figure() {
    // Found by the mutation test: a flipped first byte of data/body_map.yaml also gave
    // "(library): no figure for the back view".
    let dir = mini_with(&[]);
    let path = dir.path().join("body_map.yaml");
    let mut text = std::fs::read(&path).unwrap();
    text[0] ^= 32;
    std::fs::write(&path, text).unwrap();
    let (err, _) = check_fails(dir.path());
    assert!(err.contains("body_map.yaml"), "{err}");
    assert!(!err.contains("no figure"), "{err}");
}

#[test]
fn a_source_registry_that_does_not_parse_is_not_also_every_key_unrecorded() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    common::copy_yaml(&data, dir.path());
    std::fs::create_dir(dir.path().join("muscles")).unwrap();
    common::copy_yaml(&data.join("muscles"), &dir.path().join("muscles"));
    let registry = dir.path().join("sources.yaml");
    let mut text = std::fs::read_to_string(&registry).unwrap();
    text.push_str("sources: [\n");
    std::fs::write(&registry, text).unwrap();
    let (err, _) = check_fails(dir.path());
    let problems: Vec<&str> = err.lines().filter(|l| l.starts_with("  ")).collect();
    assert!(problems[0].contains("sources.yaml"), "{err}");
    assert!(!err.contains("is not recorded"), "{err}");
    assert!(
        problems
            .iter()
            .any(|l| l.contains("references into sources.yaml were not checked")),
        "{err}"
    );
}
