#!/usr/bin/env bash
# `tpcoach due` benchmark: it runs at every shell prompt, so it must start about as fast as a
# hello-world binary (issue 13: within 2x). Both release builds, timed side by side by hyperfine in
# rounds, as in scripts/bench-startup.sh (a shared machine is noisy in bursts).
#
# Three cases, each against hello world:
#   no database   - a fresh TPCOACH_HOME: nothing to read, nothing printed;
#   due           - two plans, one session of one of them done today: the other is due (prints);
#   not due       - the same plans, both done for today (prints nothing).
#
# Usage: scripts/bench-due.sh [RUNS] [ROUNDS]   (default 200 runs per command per round, 5 rounds,
#                                               after 30 warm-up runs each)
# Needs hyperfine: on Debian or Ubuntu, `sudo apt-get install hyperfine` (or `cargo install hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200}"
rounds="${2:-5}"

if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is not installed: run \`sudo apt-get install hyperfine\` (Debian, Ubuntu)" >&2
    echo "or \`cargo install hyperfine\`, then run this script again." >&2
    exit 1
fi

cargo build --release --locked --quiet
mkdir -p target/release
rustc --edition 2021 -C opt-level=3 benches/hello/hello.rs -o target/release/hello
tp="$PWD/target/release/tpcoach"

unset TPCOACH_LIBRARY TPCOACH_NOW NO_COLOR COLUMNS
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/empty" "$work/due" "$work/done"
# Plans and sessions, made the way a person makes them (sessions as --plain dry runs, 1000 times
# faster than real time).
for home in due done; do
    TPCOACH_HOME="$work/$home" "$tp" plan neck >/dev/null
    TPCOACH_HOME="$work/$home" "$tp" plan outer elbow --per-day 1 >/dev/null
    TPCOACH_HOME="$work/$home" TPCOACH_TIME_SCALE=0.001 "$tp" session neck --plain --minutes 3 >/dev/null
done
TPCOACH_HOME="$work/done" TPCOACH_TIME_SCALE=0.001 "$tp" session outer elbow --plain --minutes 3 >/dev/null
[ "$(TPCOACH_HOME="$work/empty" "$tp" due)" = "" ] || { echo "due printed with no database" >&2; exit 1; }
[ "$(TPCOACH_HOME="$work/due" "$tp" due)" = "tp: outer elbow" ] || { echo "due did not print 'tp: outer elbow'" >&2; exit 1; }
[ "$(TPCOACH_HOME="$work/done" "$tp" due)" = "" ] || { echo "due printed with nothing due" >&2; exit 1; }

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
out=target/bench-due.json
for case in empty due done; do
    results=()
    for round in $(seq "$rounds"); do
        TPCOACH_HOME="$work/$case" hyperfine --shell=none --warmup 30 --runs "$runs" \
            --export-json "$out" --style none \
            --command-name "hello world" target/release/hello \
            --command-name "tpcoach due" "$tp due" \
            >/dev/null 2>target/bench-due.log || {
            echo "hyperfine failed ($case, round $round):" >&2
            cat target/bench-due.log >&2
            exit 1
        }
        mapfile -t medians < <(grep -o '"median": *[0-9.eE+-]*' "$out" | sed 's/.*: *//')
        results+=("${medians[0]} ${medians[1]}")
    done
    hello=$(printf '%s\n' "${results[@]}" | awk '{ print $1 }' | median)
    due=$(printf '%s\n' "${results[@]}" | awk '{ print $2 }' | median)
    ratio=$(printf '%s\n' "${results[@]}" | awk '{ print $2 / $1 }' | median)
    label=$(case $case in empty) echo "no database";; due) echo "due";; done) echo "not due";; esac)
    awk -v c="$label" -v h="$hello" -v t="$due" -v r="$ratio" -v runs="$runs" -v rounds="$rounds" 'BEGIN {
        printf "%-12s hello world %.2f ms, tpcoach due %.2f ms, %.2fx (median of %d rounds of %d runs; goal: at most 2x)\n", c, h * 1000, t * 1000, r, rounds, runs
    }'
done
