#!/usr/bin/env bash
# Bundle-size budget: builds the package and checks what a browser bundle
# importing it costs (esbuild, minified, gzipped). Prints a table and a last
# line "N passed, N failed" (one per budget); exits non-zero when over budget.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.js ] || npx tsup >/dev/null
node scripts/size-check.mjs
