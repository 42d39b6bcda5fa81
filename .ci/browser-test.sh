#!/usr/bin/env bash
# Browser test of the report: builds report.html for a bundled scenario in both languages,
# renders it in headless Chromium (Debian's package, installed when missing) through
# playwright-core, and fails on a blank page, console errors, any request other than the file
# itself and data: URLs, a table or chart cut off or wider than its box at 1100 px, at a phone's
# width or in print on A4, an A4 PDF of more than MAX_PAGES pages, or a nearly empty page.
# Then .ci/browser/check-serve.mjs tests the page of `inclusim serve` (see docs/serve.md).
# Leaves the screenshots and PDFs in target/browser-test/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

(cd .ci/browser && npm ci --no-audit --no-fund --loglevel=error)

# The binary .ci/run found (the one the tests built), else a build of its own.
if [ -n "${INCLUSIM_BIN:-}" ]; then inclusim=("$INCLUSIM_BIN"); else inclusim=(cargo run --quiet --); fi

out=target/browser-test
rm -rf "$out"
mkdir -p "$out"
"${inclusim[@]}" report scenarios/supermarkt-vakkenvuller.toml \
  --iterations 2000 --quiet --out "$out/nl"
"${inclusim[@]}" report scenarios/supermarkt-vakkenvuller.toml \
  --iterations 2000 --quiet --lang en --out "$out/en"

# The supermarket report on A4: answer, comparison and parties, seven charts two to a page,
# the assumptions and the legal figures.
max_pages=12
for lang in nl en; do
  node .ci/browser/check-report.mjs "$out/$lang/report.html" "$out/report-$lang.png" "$max_pages"
done

# inclusim serve in the browser: change the hours and see the verdict change, an invalid value
# and its message at the field, the downloaded scenario run by the CLI with the page's summary
# (2,000 iterations, to keep CI fast). Needs the binary itself, not `cargo run`.
serve_bin="${INCLUSIM_BIN:-}"
if [ -z "$serve_bin" ]; then
  cargo build --quiet
  serve_bin="${CARGO_TARGET_DIR:-target}/debug/inclusim"
fi
node .ci/browser/check-serve.mjs "$serve_bin" "$out" 2000

# The README's screenshot shows the current model (made by .ci/screenshot.sh).
version=$(sed -n 's/^pub const MODEL_VERSION: &str = "\(.*\)";/\1/p' src/model.rs)
shown=$(cat docs/report-screenshot.txt 2>/dev/null || echo "none")
if [ "$shown" != "model $version" ]; then
  echo "FAIL docs/report-screenshot.png shows ${shown}, the model is $version: run bash .ci/screenshot.sh" >&2
  exit 1
fi
