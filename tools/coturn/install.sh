#!/usr/bin/env bash
# Installs what the TURN interop test (TurnCredentialsCoturnTest) needs: Debian's coturn, whose turnserver the test
# starts itself on loopback with use-auth-secret. The Debian package's own service is never started or used.
# Idempotent: installs only when /usr/bin/turnserver is missing.
set -euo pipefail

if [ -x /usr/bin/turnserver ]; then
  echo "coturn already installed: $(dpkg-query -W -f='${Version}' coturn 2>/dev/null || echo unknown)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: coturn is missing and installing it needs root (apt-get install coturn)" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends coturn
# Debian enables no coturn service by default; make sure a stray one never holds the test's ports.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now coturn >/dev/null 2>&1 || true; fi
echo "coturn installed: $(dpkg-query -W -f='${Version}' coturn)"
