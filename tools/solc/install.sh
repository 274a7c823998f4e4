#!/usr/bin/env bash
# Installs the pinned solc-js (package-lock.json) that compile.mjs uses. Only needed to regenerate the committed
# contract artefacts (see docs/anchoring.md); the build and the tests never compile Solidity.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.p3-installed-lock.json; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.p3-installed-lock.json
fi
echo "solc-js ready: $(node -p "require('./node_modules/solc/package.json').version")"
