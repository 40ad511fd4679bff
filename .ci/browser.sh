#!/usr/bin/env bash
# Browser test: the built package in headless Chromium (Debian's
# chromium-headless-shell, installed here if missing), driven by
# playwright-core. A page bundled from the package creates a token with the
# in-memory repository, resolves it (Web Crypto), compiles a predicate and a
# query, and guards a request; loaded again outside a secure context, it
# checks the library fails with UNSUPPORTED_RUNTIME. Prints one line per
# check and a last line "N passed, N failed"; exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium-headless-shell ] && [ ! -x /usr/bin/chromium ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; } \
    || { echo "FAIL  install chromium-headless-shell"; echo "0 passed, 1 failed"; exit 1; }
fi
if [ ! -f dist/index.js ]; then
  npx tsup >/dev/null || { echo "FAIL  build"; echo "0 passed, 1 failed"; exit 1; }
fi
node test/browser/run.mjs
