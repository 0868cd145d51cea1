#!/usr/bin/env bash
# Startup benchmark: `tpcoach suggest neck` against a hello-world Rust binary, both release builds,
# timed side by side by hyperfine. The goal (issue 3): tpcoach's median within 2x of hello world's.
#
# A shared 2-core machine is noisy in bursts, and hyperfine times all runs of one command before
# the next; so the two are timed in several short rounds, one after the other, and the result is
# the median of the rounds' ratios (each round's ratio compares medians taken moments apart).
#
# Usage: scripts/bench-startup.sh [RUNS] [ROUNDS]   (default 200 runs per command per round,
#                                                   7 rounds, after 30 warm-up runs each)
# Needs hyperfine: on Debian or Ubuntu, `sudo apt-get install hyperfine` (or `cargo install hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200}"
rounds="${2:-7}"

if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is not installed: run \`sudo apt-get install hyperfine\` (Debian, Ubuntu)" >&2
    echo "or \`cargo install hyperfine\`, then run this script again." >&2
    exit 1
fi

cargo build --release --locked --quiet
mkdir -p target/release
rustc --edition 2021 -C opt-level=3 benches/hello/hello.rs -o target/release/hello

# A clean environment: an empty TPCOACH_HOME (no overlay, no history), the built-in library.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export TPCOACH_HOME="$home"
unset TPCOACH_LIBRARY NO_COLOR COLUMNS

out=target/bench-startup.json
results=()
for round in $(seq "$rounds"); do
    hyperfine --shell=none --warmup 30 --runs "$runs" --export-json "$out" --style none \
        --command-name "hello world" target/release/hello \
        --command-name "tpcoach suggest neck" "target/release/tpcoach suggest neck" \
        >/dev/null 2>target/bench-startup.log || {
        echo "hyperfine failed (round $round):" >&2
        cat target/bench-startup.log >&2
        exit 1
    }
    # The medians, from hyperfine's JSON (in command order), in seconds.
    mapfile -t medians < <(grep -o '"median": *[0-9.eE+-]*' "$out" | sed 's/.*: *//')
    results+=("${medians[0]} ${medians[1]}")
    awk -v r="$round" -v h="${medians[0]}" -v t="${medians[1]}" \
        'BEGIN { printf "round %d: hello world %.2f ms, tpcoach suggest neck %.2f ms, %.2fx\n", r, h * 1000, t * 1000, t / h }'
done

# The median of each column, and of the ratios.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
hello=$(printf '%s\n' "${results[@]}" | awk '{ print $1 }' | median)
tpcoach=$(printf '%s\n' "${results[@]}" | awk '{ print $2 }' | median)
ratio=$(printf '%s\n' "${results[@]}" | awk '{ print $2 / $1 }' | median)
awk -v h="$hello" -v t="$tpcoach" -v r="$ratio" -v runs="$runs" -v rounds="$rounds" 'BEGIN {
    printf "\nmedians of %d rounds of %d runs each:\n", rounds, runs
    printf "  hello world           %7.2f ms\n", h * 1000
    printf "  tpcoach suggest neck  %7.2f ms\n", t * 1000
    printf "  ratio                 %7.2fx (goal: at most 2x)\n", r
}'
