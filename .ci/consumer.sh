#!/usr/bin/env bash
# Consumer test: packs the package, lints the tarball (publint, attw), installs
# it into a throwaway project OFFLINE, then, as a user would: imports it,
# requires it, loads both copies at once, type-checks against the shipped
# declarations (moduleResolution bundler, node16 ESM and node16 CommonJS),
# and runs the repository conformance suite from the installed package.
# Prints one line per check and a last line "N passed, N failed" (each check
# counts one; the conformance suite counts its own tests). Exits non-zero on
# any failure. Needs no network: dependencies come from node_modules.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() {
  local name=$1
  shift
  if "$@" >"$work/log" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $name"
  else
    failed=$((failed + 1))
    echo "FAIL  $name"
    tail -40 "$work/log" | sed 's/^/      /'
  fi
}

finish() {
  echo "${passed} passed, ${failed} failed"
  [ "$failed" -eq 0 ]
  exit
}

[ -f dist/index.js ] || npx tsup >/dev/null || { failed=$((failed + 1)); echo "FAIL  build"; finish; }

tarball=$(npm pack --silent --pack-destination "$work" 2>/dev/null | tail -1)
if [ -z "$tarball" ] || [ ! -f "$work/$tarball" ]; then
  failed=$((failed + 1)); echo "FAIL  npm pack"; finish
fi
passed=$((passed + 1)); echo "ok    npm pack ($tarball, $(du -k "$work/$tarball" | cut -f1) KB)"

check "publint --strict" "$root/node_modules/.bin/publint" --strict
check "attw: types resolve for every entry under node10, node16 (CJS, ESM) and bundler" \
  "$root/node_modules/.bin/attw" --format table-flipped "$work/$tarball"

app="$work/app"
mkdir -p "$app"
cp scripts/consumer/* "$app/"
cat >"$app/package.json" <<'JSON'
{ "name": "shared-tokens-consumer", "private": true, "version": "0.0.0" }
JSON
# The registry's package documents are not in the npm cache after `npm ci`
# (only tarballs are), so the dependencies are packed from node_modules and
# installed as files: the runtime dependencies and fast-check (the testing
# entry's peer), with everything they depend on.
deps=$(node -e '
  const { readFileSync } = require("fs");
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8"));
    Object.keys(manifest.dependencies || {}).forEach(visit);
  };
  Object.keys(require("./package.json").dependencies || {}).forEach(visit);
  visit("fast-check");
  console.log([...seen].join(" "));
')
install() {
  local specs=() dep file
  for dep in $deps; do
    file=$(npm pack --silent --ignore-scripts --pack-destination "$work" "$root/node_modules/$dep" | tail -1) || return 1
    specs+=("$work/$file")
  done
  cd "$app" && npm install --offline --no-audit --no-fund --loglevel=error "${specs[@]}" "$work/$tarball"
}
check "npm install --offline <tarball> (dependencies packed from node_modules: $deps)" install
[ -d "$app/node_modules/shared-tokens" ] || finish

check "import (ESM)" node "$app/use-esm.mjs"
check "require (CommonJS)" node "$app/use-cjs.cjs"
check "ESM and CommonJS copies recognise each other's errors; the service retries the other copy's CONFLICT" node "$app/dual-package.mjs"

tsc="$root/node_modules/.bin/tsc"
common='"strict": true, "noEmit": true, "skipLibCheck": false, "target": "es2022", "lib": ["es2022", "dom"], "types": []'
cat >"$app/tsconfig.bundler.json" <<JSON
{ "compilerOptions": { $common, "module": "preserve", "moduleResolution": "bundler" }, "files": ["types.mts"] }
JSON
cat >"$app/tsconfig.node16.json" <<JSON
{ "compilerOptions": { $common, "module": "node16", "moduleResolution": "node16" }, "files": ["types.mts", "types.cts"] }
JSON
check "types, moduleResolution bundler" "$tsc" -p "$app/tsconfig.bundler.json"
check "types, moduleResolution node16 (ESM and CommonJS)" "$tsc" -p "$app/tsconfig.node16.json"

# The conformance suite with the project's vitest (globals, so the test file
# imports nothing but the installed package and fast-check).
mv "$app/conformance-suite.mjs" "$app/conformance.test.mjs"
report="$work/conformance.json"
(cd "$app" && "$root/node_modules/.bin/vitest" run --root "$app" --globals \
  --reporter=default --reporter=json --outputFile.json="$report" conformance.test.mjs) >"$work/log" 2>&1
counts=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const broken = (r.testResults || []).filter((s) => s.status === "failed" && !(s.assertionResults || []).length).length;
  console.log(r.numPassedTests, r.numFailedTests + broken, r.numPendingTests + r.numTodoTests);
' "$report" 2>/dev/null) || counts="0 1 0"
read -r suite_passed suite_failed suite_skipped <<<"$counts"
[ "$suite_passed" -gt 0 ] || suite_failed=$((suite_failed + 1))
[ "$suite_skipped" -eq 0 ] || suite_failed=$((suite_failed + 1))
passed=$((passed + suite_passed))
failed=$((failed + suite_failed))
if [ "$suite_failed" -eq 0 ]; then
  echo "ok    repository conformance suite from the installed package: $suite_passed tests"
else
  echo "FAIL  repository conformance suite from the installed package: $suite_passed passed, $suite_failed failed, $suite_skipped skipped"
  tail -60 "$work/log" | sed 's/^/      /'
fi
finish
