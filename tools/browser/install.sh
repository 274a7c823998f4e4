#!/usr/bin/env bash
# Installs what the real-browser test (GraphiqlBrowserTest) needs: Debian's chromium, Node.js with npm, and the
# pinned playwright-core from package-lock.json. Idempotent: installs only what is missing. playwright-core drives
# the system's /usr/bin/chromium and never downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")"

apt_updated=0
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: '$*' is missing and installing it needs root (apt-get install $*)" >&2
    exit 1
  fi
  if [ "$apt_updated" -eq 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.p3-installed-lock.json; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.p3-installed-lock.json
fi

echo "browser test tools ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium), node $(node --version)," \
  "playwright-core $(node -p "require('playwright-core/package.json').version")"
