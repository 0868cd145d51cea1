//! Fuzzes the library loader and validator with one hostile file: the fuzzed text replaces the
//! built-in file it most resembles, and is then laid over the whole built-in library as an
//! overlay file. Either load must finish quickly (libFuzzer's `-timeout` catches a hang) without
//! a panic, and every problem it reports must name a file.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use tpcoach::library::{Library, SourceFile, EMBEDDED};
use tpcoach::Error;

/// The built-in files as they are compiled in (loading them parses nothing).
fn built_in() -> Vec<SourceFile> {
    EMBEDDED
        .iter()
        .map(|(name, text)| SourceFile {
            name: format!("data/{name}"),
            text: Cow::Borrowed(text),
        })
        .collect()
}

/// The built-in file whose start shares the longest prefix with `text`: a mutated seed
/// replaces the file it came from, so its references still mostly resolve.
fn closest(text: &str) -> usize {
    let shared = |other: &str| {
        text.bytes()
            .zip(other.bytes())
            .take_while(|(a, b)| a == b)
            .count()
    };
    (0..EMBEDDED.len())
        .max_by_key(|&i| (shared(EMBEDDED[i].1), std::cmp::Reverse(i)))
        .unwrap_or(0)
}

fn check(result: Result<Library, Error>) {
    match result {
        Ok(library) => {
            let _ = library.muscle("upper_trapezius");
        }
        Err(Error::Invalid(problems)) => {
            assert!(!problems.problems.is_empty(), "refused with no problem");
            for problem in &problems.problems {
                assert!(!problem.file.is_empty(), "a problem names no file: {problem}");
            }
            let _ = problems.to_string();
        }
        Err(other) => panic!("unexpected error: {other}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut base = built_in();
    let at = closest(&text);
    base[at].text = Cow::Owned(text.clone());
    check(Library::from_sources(base, vec![]));
    let overlay = SourceFile {
        name: "overlay/fuzzed.yaml".into(),
        text: Cow::Owned(text),
    };
    check(Library::from_sources(built_in(), vec![overlay]));
});
