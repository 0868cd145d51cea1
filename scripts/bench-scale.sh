#!/usr/bin/env bash
# Scale benchmark: `tpcoach check DIR` and `tpcoach --library DIR suggest neck` on generated
# libraries of 100, 1,000 and 10,000 muscles, release build. The goal (issue 3): time grows
# linearly, and 10,000 muscles take under 150 ms per command.
#
# The generator and a first timing are the ignored test in tests/cli_scale.rs; the libraries are
# kept in target/bench-libraries/N, and hyperfine (when installed) times them again precisely.
#
# Usage: scripts/bench-scale.sh [RUNS]          (default 20 hyperfine runs per command)
# hyperfine: on Debian or Ubuntu, `sudo apt-get install hyperfine` (or `cargo install hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
libraries="$PWD/target/bench-libraries"

cargo build --release --locked --quiet
# The test fails when a goal is missed; the figures are still wanted, so go on and fail at the end.
status=0
TPCOACH_BENCH_DIR="$libraries" cargo test --release --locked --quiet --test cli_scale -- \
    --ignored --nocapture check_and_suggest_scale || status=$?

if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is not installed, so the figures above are the only ones: run" >&2
    echo "\`sudo apt-get install hyperfine\` (or \`cargo install hyperfine\`) for precise medians." >&2
    exit "$status"
fi

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export TPCOACH_HOME="$home"
unset TPCOACH_LIBRARY NO_COLOR COLUMNS

printf '\nhyperfine medians over %d runs:\n%8s  %10s  %14s\n' "$runs" muscles check "suggest neck"
for n in 100 1000 10000; do
    out="target/bench-scale-$n.json"
    hyperfine --shell=none --warmup 2 --runs "$runs" --style none --export-json "$out" \
        "target/release/tpcoach check $libraries/$n" \
        "target/release/tpcoach --library $libraries/$n suggest neck" >/dev/null
    mapfile -t medians < <(grep -o '"median": *[0-9.eE+-]*' "$out" | sed 's/.*: *//')
    awk -v n="$n" -v c="${medians[0]}" -v s="${medians[1]}" \
        'BEGIN { printf "%8d  %7.1f ms  %11.1f ms\n", n, c * 1000, s * 1000 }'
done
exit "$status"
