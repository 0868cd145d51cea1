#!/usr/bin/env bash
# Renders a few body map charts (the SVG that `show --svg` and `where --svg` write) to PNG with
# headless Chromium, so that a person can look at them: target/pictures/*.svg and *.png. Also a
# `tpcoach report` over a small fixed history (the page of the report tests' snapshot), at phone
# width (390 px) and A4 width, and printed to PDF: target/pictures/report-*.
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

# The report's sample page, written by the report tests (a small fixed history).
cargo test --locked --quiet --test report a_small_fixed_history >/dev/null
cp target/tmp/report-sample.html "$out/report.html"

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

page="file://$(realpath "$out/report.html")"
for size in phone:390,2600 a4:794,2400; do
    name="${size%%:*}"
    png="$out/report-$name.png"
    "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --window-size="${size#*:}" --screenshot="$png" "$page" >/dev/null 2>&1
    if [ -s "$png" ]; then echo "$png"; else echo "Chromium wrote no picture for the report" >&2; exit 1; fi
done
# The print style sheet: the page as it prints on A4.
"$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --no-pdf-header-footer --print-to-pdf="$out/report-a4.pdf" "$page" >/dev/null 2>&1
if [ -s "$out/report-a4.pdf" ]; then echo "$out/report-a4.pdf"; else echo "Chromium printed no PDF" >&2; exit 1; fi
