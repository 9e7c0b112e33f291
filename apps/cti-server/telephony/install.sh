#!/usr/bin/env bash
# Installs the telephony components from Debian's packages when missing:
# Kamailio (proxy, registrar, call queue; WebSocket and evapi modules),
# rtpengine (media relay, userspace forwarding) and sipp (test callers).
# Safe to run again. Services are NOT started by the packages here
# (policy-rc.d): telephony/voice.sh starts our own instances on loopback.
set -euo pipefail

need=()
command -v kamailio >/dev/null 2>&1 || need+=(kamailio)
[ -n "$(ls /usr/lib/*/kamailio/modules/websocket.so 2>/dev/null)" ] || need+=(kamailio-websocket-modules)
[ -n "$(ls /usr/lib/*/kamailio/modules/evapi.so 2>/dev/null)" ] || need+=(kamailio-extra-modules)
[ -n "$(ls /usr/lib/*/kamailio/modules/auth_ephemeral.so 2>/dev/null)" ] || need+=(kamailio-autheph-modules)
command -v rtpengine >/dev/null 2>&1 || need+=(rtpengine-daemon)
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)

if [ ${#need[@]} -eq 0 ]; then
  echo "telephony: kamailio, rtpengine and sipp are installed"
  exit 0
fi
source "$(dirname "$0")/../../../scripts/debian-packages.sh"
install_without_services telephony "${need[@]}"
