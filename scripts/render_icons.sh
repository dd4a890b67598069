#!/usr/bin/env bash
# Renders assets/icon.svg to the PNG icons the web app manifest names
# (assets/icon-192.png, assets/icon-512.png) with headless Chromium. Run by
# hand after changing the SVG; the PNGs are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp assets/icon.svg "$tmp/"
for size in 192 512; do
  printf '<!DOCTYPE html><html><body style="margin:0"><img src="icon.svg" width="%s" height="%s" alt=""></body></html>' \
    "$size" "$size" >"$tmp/icon.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --default-background-color=00000000 \
    --window-size="$size,$size" --screenshot="$PWD/assets/icon-$size.png" "file://$tmp/icon.html" 2>/dev/null
done
ls -l assets/icon-*.png
