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
if [ "$(id -u)" != 0 ]; then
  echo "mail: missing ${need[*]} and not root: install them with apt-get" >&2
  exit 1
fi
echo "mail: installing ${need[*]}"
# Keep the package's own service from starting: tests run their own instance.
policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1
if [ $had_policy = 0 ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"; fi
trap '[ $had_policy = 0 ] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
echo "mail: installed"
