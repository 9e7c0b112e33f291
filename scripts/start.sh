#!/usr/bin/env bash
# Starts the whole system with demo data on the embedded PostgreSQL:
# CTI server + web desktop + chat widget demo page. Prints the URL and logins.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_telephony
build_web
# Demo data lives in the checkout's .data/ (git-ignored); delete it to start afresh.
export OMNICC_DATA_DIR="${OMNICC_DATA_DIR:-$PWD/.data}"
exec pnpm --silent --filter @omnicc/cti-server run demo
