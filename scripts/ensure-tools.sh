#!/usr/bin/env bash
# Installs what the project needs on a machine that has only Node 20 and npm.
# Sourced by start.sh and test.sh; safe to run again (each step checks first).
set -euo pipefail

need_apt=()
apt_install() {
  ((${#need_apt[@]})) || return 0
  echo "==> apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
}

if ! command -v pnpm >/dev/null 2>&1; then
  echo "==> installing pnpm 10 (corepack cannot fetch here)"
  npm i -g pnpm@10 >/dev/null
fi

# Electron's own postinstall would download a binary, which cannot work here:
# pnpm skips it (see pnpm-workspace.yaml) and this makes any fallback skip too.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
echo "==> pnpm install"
if [[ "${CI:-}" == "true" ]]; then
  pnpm install --frozen-lockfile --reporter=silent
else
  pnpm install --prefer-offline --reporter=silent
fi

# Browser for e2e tests and screenshots (Debian Chromium; never a downloaded one).
ensure_browser() {
  [[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
  # CJK glyphs, so zh-CN screens render as text and not boxes.
  [[ -d /usr/share/fonts/opentype/noto ]] || need_apt+=(fonts-noto-cjk)
  apt_install
}

build_web() {
  echo "==> building the web desktop and the chat widget"
  local log
  log=$(mktemp)
  # Quiet when it works (bundler notes about zod's comments are noise); the whole log when it fails.
  if ! { pnpm --filter @omnicc/desktop run build:web && pnpm --filter @omnicc/cti-server run build:widget; } >"$log" 2>&1; then
    cat "$log"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# Voice: Kamailio, rtpengine and sipp from Debian's packages (see
# apps/cti-server/telephony/install.sh). Without them the server reports
# voice as unavailable and the voice tests skip, saying why.
ensure_telephony() {
  bash apps/cti-server/telephony/install.sh || echo "==> telephony packages could not be installed: voice stays unavailable"
}

# Email: Dovecot's IMAP server from Debian's packages, the test peer the email
# tests start on loopback (see apps/cti-server/mail/install.sh). Without it
# those tests skip, saying why.
ensure_mail() {
  bash apps/cti-server/mail/install.sh || echo "==> dovecot could not be installed: the email tests will skip"
}
