#!/usr/bin/env bash
# Installs the mail test peer from Debian's packages when missing: Dovecot's
# IMAP server (dovecot-imapd, which brings dovecot-core and doveadm). Safe to
# run again. The package's own service is NOT started (policy-rc.d): tests
# start their own Dovecot, in the foreground, on a loopback port with a temp
# config and maildir (test/support/mailPeers.ts). SMTP needs no package: the
# tests run npm `smtp-server` in process.
set -euo pipefail

need=()
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd)
command -v doveadm >/dev/null 2>&1 || need+=(dovecot-core)

if [ ${#need[@]} -eq 0 ]; then
  echo "mail: dovecot is installed"
  exit 0
fi
source "$(dirname "$0")/../../../scripts/debian-packages.sh"
install_without_services mail "${need[@]}"
