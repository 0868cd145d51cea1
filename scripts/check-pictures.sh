#!/usr/bin/env bash
# Renders a few body map charts (the SVG that `show --svg` and `where --svg` write) to PNG with
# headless Chromium, so that a person can look at them: target/pictures/*.svg and *.png.
#
# Installs nothing. Needs Chromium (Debian: `sudo apt-get install chromium`); without it, the SVG
# files are still written and the script says how to get the PNGs. Chromium runs with
# --no-sandbox (needed as root) and without a network.
#
# Usage: scripts/check-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --quiet
bin=target/debug/tpcoach
out=target/pictures
mkdir -p "$out"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export TPCOACH_HOME="$home"
unset TPCOACH_LIBRARY

"$bin" show upper trapezius --no-map --svg "$out/upper-trapezius.svg" >/dev/null
"$bin" show infraspinatus --no-map --svg "$out/infraspinatus.svg" >/dev/null
"$bin" where temple --no-map --svg "$out/where-temple.svg" >/dev/null
"$bin" where low back --no-map --svg "$out/where-low-back.svg" >/dev/null
"$bin" where heel --no-map --svg "$out/where-heel.svg" >/dev/null

chromium=""
for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null; then
        chromium="$name"
        break
    fi
done
if [ -z "$chromium" ]; then
    echo "Chromium is not installed: the SVG charts are in $out/; for PNGs, install it" >&2
    echo "(\`sudo apt-get install chromium\` on Debian) and run this script again." >&2
    exit 1
fi

# A4 at 96 dpi: 794 x 1123 pixels.
for svg in "$out"/*.svg; do
    png="${svg%.svg}.png"
    "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --hide-scrollbars --window-size=794,1123 \
        --screenshot="$png" "file://$(realpath "$svg")" >/dev/null 2>&1
    if [ -s "$png" ]; then
        echo "$png"
    else
        echo "Chromium wrote no picture for $svg" >&2
        exit 1
    fi
done
