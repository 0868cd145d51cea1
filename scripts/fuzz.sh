#!/usr/bin/env bash
# Fuzzes the library loader and validator (fuzz/fuzz_targets/library.rs) for SECONDS seconds,
# one job, seeded with every file of the built-in library (data/). A crash or a hang (an input
# that takes more than 10 s) is saved under fuzz/artifacts/library/ and stops the run; turn each
# into a regression test in the normal suite. The corpus grows in fuzz/corpus/library/ and is
# kept between runs.
#
# Usage: scripts/fuzz.sh SECONDS
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo fuzz passes nightly-only flags to rustc;
# on a stable toolchain, RUSTC_BOOTSTRAP=1 lets it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:?usage: scripts/fuzz.sh SECONDS}"
corpus=fuzz/corpus/library
mkdir -p "$corpus"
find data -name '*.yaml' | while read -r file; do
    cp "$file" "$corpus/seed-$(echo "${file#data/}" | tr / _)"
done
export RUSTC_BOOTSTRAP=1
cargo fuzz build library
cargo fuzz run library "$corpus" -- \
    -max_total_time="$seconds" -timeout=10 -max_len=65536 -rss_limit_mb=2048 \
    -dict=fuzz/yaml.dict -print_final_stats=1
