#!/usr/bin/env bash
# `npm test`: every check vtdeck has, in the order a failure is cheapest to find:
# type-check, lint, unit + integration (vitest, real servers on loopback), web build with its size
# budget, e2e in real Chromium (Playwright). Each step runs even when an earlier one failed, and the
# last line is the total over every suite: `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --system || { echo "0 passed, 1 failed"; exit 1; }

reports="$PWD/.vtdeck/reports"
rm -rf "$reports" && mkdir -p "$reports"
export CI="${CI:-}" FORCE_COLOR=0

step() { # step NAME CMD...: a check that counts as one test
  local name=$1; shift
  echo; echo "=== $name: $*"
  if "$@"; then echo "pass" >"$reports/step-$name"; else echo "fail" >"$reports/step-$name"; fi
}

step typecheck bash -c "pnpm -r --workspace-concurrency=1 typecheck && pnpm exec tsc -p bench/tsconfig.json --noEmit"
step lint pnpm exec biome ci --reporter=summary .
echo; echo "=== unit + integration (vitest)"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
step web-build-and-budget bash -c 'pnpm --filter @vtdeck/web build >/dev/null && node scripts/check-bundle.mjs'
echo; echo "=== e2e (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" pnpm exec playwright test -c e2e/playwright.config.ts --reporter=list,json

node scripts/summary.mjs "$reports"
