#!/usr/bin/env bash
# Sourced by the install scripts of our protocol peers (telephony/, mail/).
# install_without_services <label> <package...>: installs Debian packages
# with apt-get, keeping their own services from starting (policy-rc.d): the
# project runs its own instances, on loopback ports of its choosing.
install_without_services() {
  local label=$1
  shift
  if [ "$(id -u)" != 0 ]; then
    echo "$label: missing $* and not root: install them with apt-get" >&2
    return 1
  fi
  echo "$label: installing $*"
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [ -e "$policy" ] && had_policy=1
  if [ $had_policy = 0 ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"; fi
  export DEBIAN_FRONTEND=noninteractive
  local status=0
  apt-get install -y --no-install-recommends "$@" >/dev/null || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "$@" >/dev/null; } || status=$?
  [ $had_policy = 0 ] && rm -f "$policy"
  [ $status = 0 ] && echo "$label: installed"
  return $status
}
