#!/usr/bin/env bash
# Speech benchmark (issue 14): speech runs beside the timer and never delays it. Runs a whole
# `--plain` neck session with TPCOACH_TIMING_LOG (src/cli/session/timing.rs) three times: without
# speech, with `--speak` through a fake speech command that takes 0.5 s per cue (longer than the
# scaled gaps between cues, so cues queue and are dropped by the rule in speech.rs), and with
# that and a fake sound player that takes 0.3 s per sound; the three in turn, ROUNDS times, so
# they see the same load. Prints, over all work phases of each, the end-of-hold
# error (how late its end was shown against the planned time) and the wake-up lateness: median,
# 95th percentile, worst, and how many were over the bar of 5 ms.
#
# The machine's other load shows as outliers in all three alike (a woken thread waiting a
# scheduler tick or more for a core); PRIORITY=10 runs the sessions under `chrt -f 10` (root, or
# CAP_SYS_NICE) to take that out and leave what speech and sounds themselves cost.
#
# Usage: [MINUTES=4] [ROUNDS=3] [PRIORITY=N] scripts/bench-speech.sh [SCALE] [--release]
#        (default scale 0.1; debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-0.1}"
minutes="${MINUTES:-4}"
rounds="${ROUNDS:-3}"
profile=debug
if [ "${2:-}" = "--release" ]; then
    cargo build --release --locked --quiet
    profile=release
else
    cargo build --locked --quiet
fi
bin="$PWD/target/$profile/tpcoach"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\nsleep 0.5\nprintf "%%s %%s\\n" "$(date +%%s%%3N)" "$1" >> %s/said.log\n' "$work" > "$work/speak.sh"
printf '#!/bin/sh\nsleep 0.3\n' > "$work/play.sh"
chmod +x "$work/speak.sh" "$work/play.sh"
unset TPCOACH_LIBRARY NO_COLOR COLUMNS TPCOACH_SPEAK_CMD TPCOACH_SOUND_CMD

run() { # NAME ARGS...: one session; its phases are added to NAME.all
    local name="$1"
    shift
    export TPCOACH_HOME="$work/home-$name"
    rm -rf "$TPCOACH_HOME"
    mkdir -p "$TPCOACH_HOME"
    TPCOACH_TIME_SCALE="$scale" TPCOACH_TIMING_LOG="$work/$name.all" ${PRIORITY:+chrt -f "$PRIORITY"} \
        "$bin" session neck --minutes "$minutes" --side left --plain "$@" >/dev/null 2>&1
}

stats() { # NAME: the end-of-hold error and the wake-up lateness over its phases
    sed 's/.*error_ms=\([^ ]*\) late_ms=\([^ ]*\).*/\1 \2/' "$work/$1.all" > "$work/$1.values"
    local n
    n=$(wc -l < "$work/$1.values")
    sort -g "$work/$1.values" | awk -v n="$n" -v name="$1" '
        { e[NR] = $1 + 0; if ($1 + 0 > 5) over++ }
        END { printf "%-7s %4d phases  error median %+6.3f  p95 %+6.3f  worst %+7.3f ms  over 5 ms: %d\n",
              name, n, e[int((n + 1) / 2)], e[int(n * 0.95 + 0.5)], e[n], over }'
    sort -g -k2 "$work/$1.values" | awk -v n="$n" '
        { l[NR] = $2 + 0 }
        END { printf "%-7s %4s         late  median %6.3f  p95 %6.3f  worst %7.3f ms\n",
              "", "", l[int((n + 1) / 2)], l[int(n * 0.95 + 0.5)], l[n] }'
}

echo "scale $scale, $profile build, neck --minutes $minutes --side left --plain, $rounds rounds"
# Taken in turn, so the three see the same load on the machine.
for _ in $(seq "$rounds"); do
    run quiet --no-bell
    TPCOACH_SPEAK_CMD="$work/speak.sh" run speech --speak --no-bell
    TPCOACH_SPEAK_CMD="$work/speak.sh" TPCOACH_SOUND_CMD="$work/play.sh" run both --speak
done
for name in quiet speech both; do stats "$name"; done
echo "cues said with speech on (the others were dropped as out of date):"
awk '{ $1 = ""; print " " $0 }' "$work/said.log" | sort | uniq -c | sort -rn | head -12
