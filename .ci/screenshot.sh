#!/usr/bin/env bash
# Makes docs/report-screenshot.png, the README's picture of the report: the supermarket
# scenario's Dutch report, its first screen at 1100 px in headless Chromium. Records the model
# version it shows in docs/report-screenshot.txt; .ci/browser-test.sh fails when that is not
# the current model version (src/model.rs), so the picture never shows an older model.
#
# Usage: bash .ci/screenshot.sh   (uses $INCLUSIM_BIN when set, else cargo run)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${INCLUSIM_BIN:-}" ]; then inclusim=("$INCLUSIM_BIN"); else inclusim=(cargo run --quiet --release --); fi
chromium=${CHROMIUM:-chromium}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# A fixed date keeps the picture the same from day to day.
SOURCE_DATE_EPOCH=1805097600 "${inclusim[@]}" report scenarios/supermarkt-vakkenvuller.toml \
  --quiet --out "$out/report"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$out/profile" --window-size=1100,1400 \
  --screenshot="$out/shot.png" "file://$out/report/report.html" 2>/dev/null
cp "$out/shot.png" docs/report-screenshot.png
version=$(sed -n 's/^pub const MODEL_VERSION: &str = "\(.*\)";/\1/p' src/model.rs)
echo "model $version" > docs/report-screenshot.txt
echo "docs/report-screenshot.png made for model $version"
