#!/usr/bin/env bash
# Speaks a whole scaled `--plain --speak` session into WAV files so a person can listen to it
# (issue 14). The speech command is a wrapper that writes each cue to a numbered WAV file with
# espeak-ng -w (instead of the speakers), then sox measures each file. For each cue it prints
# when it came (in session seconds), its text, how long it takes to say, and the time until the
# next cue: a cue longer than that gap would, at real speed, hold up the next one (which then
# waits, or is dropped if a newer one comes too, and a count word "3", "2", "1" is dropped if it
# cannot start within 0.4 s of its second: the rule in src/cli/session/speech.rs). The "says"
# column is real seconds, the others session seconds: with the default scale each count word
# (about 0.6 s) fits its second at real speed.
#
# Needs espeak-ng and sox (Debian: `sudo apt-get install espeak-ng sox`). Not run by the tests.
#
# Usage: scripts/speak-session.sh [REGION] [SCALE] [OUT_DIR]
#        (default: neck, 0.25, target/speak-session; extra session flags in SESSION_ARGS)
set -euo pipefail
cd "$(dirname "$0")/.."
region="${1:-neck}"
scale="${2:-0.25}"
out="${3:-$PWD/target/speak-session}"
for tool in espeak-ng sox; do
    if ! command -v "$tool" >/dev/null; then
        echo "$tool is not installed: run \`sudo apt-get install espeak-ng sox\`" >&2
        exit 1
    fi
done
cargo build --locked --quiet
rm -rf "$out"
mkdir -p "$out/home"
out="$(cd "$out" && pwd)"

# The wrapper: one WAV file per cue, numbered in the order they were said, and a log line.
cat > "$out/speak.sh" <<WRAPPER
#!/bin/sh
n=\$(( \$(cat "$out/count" 2>/dev/null || echo 0) + 1 ))
echo "\$n" > "$out/count"
file=\$(printf '%s/cue-%03d.wav' "$out" "\$n")
printf '%s\t%s\t%s\n' "\$(date +%s%3N)" "\$file" "\$1" >> "$out/cues.tsv"
espeak-ng -w "\$file" "\$1"
WRAPPER
chmod +x "$out/speak.sh"

start=$(date +%s%3N)
# shellcheck disable=SC2086 # SESSION_ARGS is split on purpose
TPCOACH_HOME="$out/home" TPCOACH_TIME_SCALE="$scale" TPCOACH_SPEAK_CMD="$out/speak.sh" \
    TPCOACH_SOUND_CMD="" target/debug/tpcoach session "$region" --plain --speak --no-bell \
    ${SESSION_ARGS:-} > "$out/session.txt"

printf '%7s  %6s  %6s  %s\n' "at (s)" "says" "gap" "cue"
total=0
while IFS=$'\t' read -r ms file text; do
    length=$(sox "$file" -n stat 2>&1 | awk '/^Length/ { print $3 }')
    printf '%s\t%s\t%s\n' "$ms" "$length" "$text"
done < "$out/cues.tsv" | awk -F'\t' -v start="$start" -v scale="$scale" '
    { at[NR] = ($1 - start) / 1000 / scale; len[NR] = $2; text[NR] = $3 }
    END {
        for (i = 1; i <= NR; i++) {
            gap = (i < NR) ? sprintf("%6.1f", at[i + 1] - at[i]) : "     -"
            flag = (i < NR && len[i] > at[i + 1] - at[i]) ? "  (longer than the gap)" : ""
            printf "%7.1f  %5.2fs  %s  %s%s\n", at[i], len[i], gap, text[i], flag
            total += len[i]; if (flag != "") over++
        }
        printf "\n%d cues, %.1f s of speech; %d longer than the time to the next cue.\n", NR, total, over
    }'
echo "WAV files and the session's lines: $out"
