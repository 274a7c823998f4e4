#!/usr/bin/env bash
# Installs what the anchoring integration tests (io.p3protocol.app.anchoring.*, AnvilChain) need: Foundry's anvil 1.7.1,
# a real local EVM node, from npm. Idempotent: runs `npm ci` only when package-lock.json changed.
#
# Why the platform package and not the @foundry-rs/anvil wrapper: the wrapper only holds a launcher script and lists
# one optional dependency per platform; the registry reachable here serves only @foundry-rs/anvil-linux-amd64, so a
# lock file for the wrapper cannot list the other platforms and `npm ci` refuses it (and the wrapper's postinstall
# would try to download the binary itself when its platform package is missing). The linux-amd64 package is the very
# binary the wrapper would run on this machine (Linux x64, the only kind CI and the developers use).
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

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "install.sh: the pinned anvil binary is for Linux x86_64, this is $(uname -s)-$(uname -m)" >&2
  exit 1
fi

if [ ! -x node_modules/.bin/anvil ] || ! cmp -s package-lock.json node_modules/.p3-installed-lock.json; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.p3-installed-lock.json
fi

echo "anvil ready: $(node_modules/.bin/anvil --version | head -1)"
