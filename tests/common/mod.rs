//! The one helper every integration test starts from: a `tpcoach` command in a clean, throwaway
//! environment, and the paths of the fixture libraries.
//!
//! The environment variables that would change tpcoach's output (colour, width, backtraces, the
//! person's own `TPCOACH_*` settings) are removed, and `TPCOACH_HOME` points at a fresh temporary
//! folder, so no test reads or writes the real overlay, history or config.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// Variables removed from every test command's environment (besides every `TPCOACH_*`).
const CLEARED: &[&str] = &[
    "RUST_BACKTRACE",
    "RUST_LIB_BACKTRACE",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "LINES",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
];

/// A throwaway home for tpcoach: its `TPCOACH_HOME` lives as long as this value.
pub struct Sandbox {
    home: TempDir,
}

impl Default for Sandbox {
    fn default() -> Sandbox {
        Sandbox {
            home: tempfile::tempdir().expect("a temporary TPCOACH_HOME"),
        }
    }
}

impl Sandbox {
    /// A fresh, empty `TPCOACH_HOME`.
    pub fn new() -> Sandbox {
        Sandbox::default()
    }

    /// The `TPCOACH_HOME` folder.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The person's overlay folder (`$TPCOACH_HOME/library`), created if missing.
    pub fn overlay_dir(&self) -> PathBuf {
        let dir = self.home().join("library");
        std::fs::create_dir_all(&dir).expect("create the overlay folder");
        dir
    }

    /// The `tpcoach` binary with a clean environment and this sandbox's `TPCOACH_HOME`.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same command as a plain `std::process::Command`, for tests that spawn it themselves.
    pub fn std_cmd(&self) -> std::process::Command {
        self.clean(std::process::Command::new(env!("CARGO_BIN_EXE_tpcoach")))
    }

    /// `sh -c SCRIPT` in the same clean environment, with `$TPCOACH` the binary's path.
    pub fn sh(&self, script: &str) -> std::process::Command {
        let mut sh = self.clean(std::process::Command::new("sh"));
        sh.env("TPCOACH", env!("CARGO_BIN_EXE_tpcoach"))
            .args(["-c", script]);
        sh
    }

    fn clean(&self, mut cmd: std::process::Command) -> std::process::Command {
        for name in CLEARED {
            cmd.env_remove(name);
        }
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("TPCOACH_") {
                cmd.env_remove(&name);
            }
        }
        // No sound player: a test never plays sounds aloud (the bell stands in for them); a test
        // of the sounds sets its own fake.
        cmd.env("TPCOACH_HOME", self.home())
            .env("HOME", self.home())
            .env("TPCOACH_SOUND_CMD", "")
            .current_dir(self.home());
        cmd
    }
}

/// A fixture under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// A copy of the valid mini library with the listed files of `tests/fixtures/errors/` added.
pub fn mini_with(extra: &[&str]) -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary library folder");
    copy_yaml(&fixture("mini"), dir.path());
    for name in extra {
        let from = fixture("errors").join(name);
        std::fs::copy(&from, dir.path().join(name))
            .unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
    dir
}

/// Copies every `.yaml` file of `from` into `to`.
pub fn copy_yaml(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read a fixture folder") {
        let path = entry.expect("a fixture file").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).expect("copy a fixture");
        }
    }
}

/// stdout of a finished command as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stdout of a finished command parsed as JSON.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}
