#!/bin/sh
# The report benchmark (issue 12): generates 100,000 saved steps (10,000 sessions, as
# scripts/bench-history.sh does, in tests/history_bench.rs) in a throwaway TPCOACH_HOME, then
# times `tpcoach report --out -` end to end in a release build (median of 15 runs after a
# warm-up) and prints its time and the page's size. It fails if the median reaches 300 ms or the
# page 2 MB.
#
#   scripts/bench-report.sh
set -eu
cd "$(dirname "$0")/.."
exec cargo test --release --locked --test history_bench -- --ignored --nocapture \
    a_report_over_hundred_thousand_steps
