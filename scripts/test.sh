#!/usr/bin/env bash
# Runs every check: types, lint, then all tests (unit, store on both
# PostgreSQLs, server integration, Chromium e2e). vitest's closing line counts them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_browser
ensure_telephony
ensure_mail
build_web

# The machine's services, started if they are down (commands from the machine notes).
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "==> starting the machine PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi

echo "==> typecheck"
pnpm -r --no-bail run typecheck
echo "==> lint"
pnpm exec eslint . --max-warnings=0
echo "==> tests"
pnpm exec vitest run
