#!/usr/bin/env bash
# `npm start`: the console with the built-in sandbox on http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --runtime
echo "[vtdeck] building the web app" >&2
pnpm --filter @vtdeck/web build >/dev/null
exec pnpm exec tsx apps/bff/src/main.ts --sandbox "$@"
