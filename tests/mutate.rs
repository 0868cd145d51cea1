//! Mutates the real library files (byte flips, truncations, duplicated and deleted lines,
//! changed numbers) and loads each mutant as a `--library` folder: the load never panics, is
//! answered within a time bound, names a file in every problem, and leaves the built-in library
//! as it was.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use tpcoach::library::{Base, Library, LoadOptions, EMBEDDED};
use tpcoach::Error;

/// The built-in library's files, by their path under `data/`.
fn data_files() -> Vec<(String, Vec<u8>)> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files = Vec::new();
    collect(&data, &data, &mut files);
    files.sort();
    files
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path: PathBuf = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.push((name, std::fs::read(&path).unwrap()));
        }
    }
}

/// One way to break a file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Flips the bits `mask` of the byte at this share of the file.
    FlipByte(f64, u8),
    /// Keeps only this share of the file.
    Truncate(f64),
    /// Writes the line at this share twice.
    DuplicateLine(f64),
    /// Leaves out the line at this share.
    DeleteLine(f64),
    /// Replaces the number at this share of the file's numbers.
    ChangeNumber(f64, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), 1..=255u8).prop_map(|(a, m)| Mutation::FlipByte(a, m)),
        at.clone().prop_map(Mutation::Truncate),
        at.clone().prop_map(Mutation::DuplicateLine),
        at.clone().prop_map(Mutation::DeleteLine),
        (
            at,
            prop::sample::select(vec!["0", "-1", "4294967296", "1e400", "0.5", "99999", ""])
        )
            .prop_map(|(a, n)| Mutation::ChangeNumber(a, n)),
    ]
}

fn index(share: f64, len: usize) -> usize {
    ((share * len as f64) as usize).min(len.saturating_sub(1))
}

fn apply(mutation: &Mutation, text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    if text.is_empty() {
        return out;
    }
    let lines = || text.split_inclusive(|&b| b == b'\n').collect::<Vec<_>>();
    match *mutation {
        Mutation::FlipByte(at, mask) => out[index(at, text.len())] ^= mask,
        Mutation::Truncate(at) => out.truncate(index(at, text.len())),
        Mutation::DuplicateLine(at) => {
            let lines = lines();
            let n = index(at, lines.len());
            out = lines[..=n].concat();
            out.extend_from_slice(lines[n]);
            out.extend(lines[n + 1..].concat());
        }
        Mutation::DeleteLine(at) => {
            let mut lines = lines();
            lines.remove(index(at, lines.len()));
            out = lines.concat();
        }
        Mutation::ChangeNumber(at, number) => {
            let digits: Vec<usize> = (0..text.len())
                .filter(|&i| text[i].is_ascii_digit() && (i == 0 || !text[i - 1].is_ascii_digit()))
                .collect();
            if let Some(&start) = digits.get(index(at, digits.len())) {
                let end = (start..text.len())
                    .find(|&i| !text[i].is_ascii_digit())
                    .unwrap_or(text.len());
                out = [&text[..start], number.as_bytes(), &text[end..]].concat();
            }
        }
    }
    out
}

/// A load of any mutant finishes within this, even in a debug build on a busy machine.
const BOUND: Duration = Duration::from_secs(3);

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_library_file_is_answered_quickly_with_problems_naming_files(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let files = data_files();
        let target = file.index(files.len());
        let dir = tempfile::tempdir().unwrap();
        for (i, (name, text)) in files.iter().enumerate() {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut text = text.clone();
            if i == target {
                for m in &mutations {
                    text = apply(m, &text);
                }
            }
            std::fs::write(path, text).unwrap();
        }
        let options = LoadOptions { base: Base::Dir(dir.path().to_path_buf()), overlay: None };
        let start = Instant::now();
        let loaded = Library::load(&options);
        let took = start.elapsed();
        prop_assert!(took < BOUND, "took {took:?}");
        match loaded {
            Ok(_) => {}
            Err(Error::Invalid(problems)) => {
                prop_assert!(!problems.problems.is_empty());
                for problem in &problems.problems {
                    prop_assert!(!problem.file.is_empty(),
                        "a problem names no file: {problem}");
                }
            }
            Err(other) => prop_assert!(false, "unexpected error: {other}"),
        }
    }
}

#[test]
fn the_built_in_library_is_untouched() {
    // The compiled-in texts are the files in data/, and they still load.
    let files = data_files();
    prop_assert_eq_files(&files);
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .unwrap();
}

fn prop_assert_eq_files(files: &[(String, Vec<u8>)]) {
    assert_eq!(files.len(), EMBEDDED.len());
    for (name, text) in EMBEDDED {
        let on_disk = files.iter().find(|(n, _)| n == name);
        assert_eq!(
            on_disk.map(|(_, t)| t.as_slice()),
            Some(text.as_bytes()),
            "{name}"
        );
    }
}
