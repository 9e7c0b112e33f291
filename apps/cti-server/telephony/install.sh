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
if [ "$(id -u)" != 0 ]; then
  echo "telephony: missing ${need[*]} and not root: install them with apt-get" >&2
  exit 1
fi
echo "telephony: installing ${need[*]}"
# Keep the packages' own services from starting: we run our own instances.
policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1
if [ $had_policy = 0 ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"; fi
trap '[ $had_policy = 0 ] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
echo "telephony: installed"
