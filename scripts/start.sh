#!/usr/bin/env bash
# Starts the whole system with demo data on the embedded PostgreSQL:
# CTI server + web desktop + chat widget demo page. Prints the URL and logins.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
build_web
exec pnpm --silent --filter @omnicc/cti-server run demo
