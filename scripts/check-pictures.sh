#!/usr/bin/env bash
# Renders a few body map charts (the SVG that `show --svg` and `where --svg` write) to PNG with
# headless Chromium, so that a person can look at them: target/pictures/*.svg and *.png. Also a
# `tpcoach report` over a small fixed history (the page of the report tests' snapshot), at phone
# width (390 px, and checked for overflow at 320 and 390 px) and A4 width, and printed to PDF:
# target/pictures/report-*.
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

# As root and without a network, Chromium needs --no-sandbox, a fresh profile of its own, and its
# background connections turned off (the machine refuses them, many at a time).
profile="$(mktemp -d)"
trap 'rm -rf "$home" "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --user-data-dir="$profile")

# The report's sample page, written by the report tests (a small fixed history).
cargo test --locked --quiet --test report a_small_fixed_history >/dev/null
cp target/tmp/report-sample.html "$out/report.html"

# A4 at 96 dpi: 794 x 1123 pixels.
for svg in "$out"/*.svg; do
    png="${svg%.svg}.png"
    "$chromium" "${flags[@]}" --hide-scrollbars --window-size=794,1123 \
        --screenshot="$png" "file://$(realpath "$svg")" >/dev/null 2>&1
    if [ -s "$png" ]; then
        echo "$png"
    else
        echo "Chromium wrote no picture for $svg" >&2
        exit 1
    fi
done

page="file://$(realpath "$out/report.html")"
# A4's width as a window.
"$chromium" "${flags[@]}" --hide-scrollbars --window-size=794,2400 --screenshot="$out/report-a4.png" \
    "$page" >/dev/null 2>&1
if [ -s "$out/report-a4.png" ]; then echo "$out/report-a4.png"; else echo "Chromium wrote no picture for the report" >&2; exit 1; fi

# A phone. Headless Chromium lays a window out at least 500 px wide, whatever --window-size says,
# so the page is shown in a frame of the phone's width (390 px), left in a 500 px picture.
frame() { # frame WIDTH HEIGHT [SCRIPT]: a page holding the report in a frame WIDTH px wide
    printf '<!DOCTYPE html><html><head><title>?</title></head><body style="margin:0">'
    printf '<iframe id="f" src="report.html" style="width:%spx;height:%spx;border:0;display:block"></iframe>' "$1" "$2"
    printf '%s</body></html>\n' "${3:-}"
}
frame 390 4400 >"$out/report-phone-frame.html"
"$chromium" "${flags[@]}" --hide-scrollbars --window-size=500,4400 --screenshot="$out/report-phone.png" \
    "file://$(realpath "$out/report-phone-frame.html")" >/dev/null 2>&1
if [ -s "$out/report-phone.png" ]; then echo "$out/report-phone.png"; else echo "Chromium wrote no picture for the report" >&2; exit 1; fi

# Nothing may be wider than a small phone (320 px) or a common one (390 px): the frame's page says
# how wide its content is (file pages may read each other with --allow-file-access-from-files).
measure='<script>document.getElementById("f").onload=function(){var d=this.contentDocument.documentElement;document.title="width="+d.scrollWidth;};</script>'
for width in 320 390; do
    frame "$width" 600 "$measure" >"$out/report-width.html"
    got="$("$chromium" "${flags[@]}" --hide-scrollbars --allow-file-access-from-files \
        --virtual-time-budget=3000 --window-size=500,600 --dump-dom \
        "file://$(realpath "$out/report-width.html")" 2>/dev/null |
        sed -n 's/.*<title>width=\([0-9]*\)<\/title>.*/\1/p')"
    rm -f "$out/report-width.html"
    if [ -z "$got" ]; then
        echo "Chromium did not measure the report at $width px" >&2
        exit 1
    elif [ "$got" -gt "$width" ]; then
        echo "the report is $got px wide on a $width px phone: something overflows" >&2
        exit 1
    fi
    echo "report at $width px: $got px wide, no overflow"
done
# The print style sheet: the page as it prints on A4.
"$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report-a4.pdf" "$page" >/dev/null 2>&1
if [ -s "$out/report-a4.pdf" ]; then echo "$out/report-a4.pdf"; else echo "Chromium printed no PDF" >&2; exit 1; fi
