#!/usr/bin/env bash
# Startup benchmark: `tpcoach suggest neck` against a hello-world Rust binary, both release builds,
# timed side by side by hyperfine over many runs. The goal (issue 3): tpcoach's median within 2x
# of hello world's.
#
# Usage: scripts/bench-startup.sh [RUNS]        (default 300 runs each, after 30 warm-up runs)
# Needs hyperfine: on Debian or Ubuntu, `sudo apt-get install hyperfine` (or `cargo install hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-300}"

if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is not installed: run \`sudo apt-get install hyperfine\` (Debian, Ubuntu)" >&2
    echo "or \`cargo install hyperfine\`, then run this script again." >&2
    exit 1
fi

cargo build --release --locked --quiet
mkdir -p target/release
rustc --edition 2021 -C opt-level=3 benches/hello/hello.rs -o target/release/hello

# A clean environment: an empty TPCOACH_HOME (no overlay), the built-in library.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export TPCOACH_HOME="$home"
unset TPCOACH_LIBRARY NO_COLOR COLUMNS

out=target/bench-startup.json
hyperfine --shell=none --warmup 30 --runs "$runs" --export-json "$out" \
    --command-name "hello world" target/release/hello \
    --command-name "tpcoach suggest neck" "target/release/tpcoach suggest neck"

# The medians, from hyperfine's JSON (in command order), in milliseconds.
mapfile -t medians < <(grep -o '"median": *[0-9.eE+-]*' "$out" | sed 's/.*: *//')
awk -v hello="${medians[0]}" -v tp="${medians[1]}" -v runs="$runs" 'BEGIN {
    printf "\nmedian wall time over %d runs each:\n", runs
    printf "  hello world           %7.2f ms\n", hello * 1000
    printf "  tpcoach suggest neck  %7.2f ms\n", tp * 1000
    printf "  ratio                 %7.2fx (goal: at most 2x)\n", tp / hello
}'
