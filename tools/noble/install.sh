#!/usr/bin/env bash
# Installs what the ML-KEM interop test (MlKemNobleInteropTest) needs: Node.js (>= 20.19) with npm, and the pinned
# @noble/post-quantum from package-lock.json. Idempotent: installs only what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: node/npm are missing and installing them needs root (apt-get install nodejs npm)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi

# @noble/post-quantum 0.7.x declares "node >= 20.19.0" (it is ESM-only and relies on that runtime).
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`install.sh: node ${process.version} is too old for @noble/post-quantum (needs >= 20.19.0)`);
    process.exit(1);
  }'

if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.p3-installed-lock.json; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.p3-installed-lock.json
fi

echo "noble interop tools ready: node $(node --version)," \
  "@noble/post-quantum $(node -p "require('./node_modules/@noble/post-quantum/package.json').version")"
