#!/bin/sh
# The history benchmark: generates 100,000 saved steps (10,000 sessions, 5 a day) in a
# throwaway TPCOACH_HOME, then times `tpcoach progress` and `tpcoach history --since 30d` end to
# end in a release build (median of 15 runs after a warm-up) and prints the database's size.
# It fails if either command's median reaches 100 ms or the file reaches 20 MB.
#
#   scripts/bench-history.sh                          # run it
#   HISTORY_BENCH_KEEP=/tmp/hb scripts/bench-history.sh   # and keep the database in /tmp/hb
#
# Try the kept database by hand with:
#   TPCOACH_HOME=/tmp/hb TPCOACH_NOW=1793534400 target/release/tpcoach progress
set -eu
cd "$(dirname "$0")/.."
exec cargo test --release --locked --test history_bench -- --ignored --nocapture
