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
# The billing add-in's BSS: the simulator with its dev keys (docs/bss-sim.md), unless one is configured.
if [ -z "${OMNICC_BSS_URL:-}" ]; then
  BSS_PORT="${BSS_PORT:-8090}" pnpm --silent --filter @omnicc/bss-sim start >"${TMPDIR:-/tmp}/omnicc-bss-sim.log" 2>&1 &
  bss_pid=$!
  trap 'kill "$bss_pid" 2>/dev/null || true' EXIT INT TERM
  export OMNICC_BSS_URL="http://127.0.0.1:${BSS_PORT:-8090}" OMNICC_BSS_KEY="${OMNICC_BSS_KEY:-bss-sim-dev-key}"
fi
pnpm --silent --filter @omnicc/cti-server run demo
