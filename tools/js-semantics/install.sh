#!/usr/bin/env bash
# Makes sure Node.js (18 or newer) is there for ConditionsMatchJavaScriptTest, which runs conditions.mjs.
# The script has no npm dependencies, so there is nothing else to install. Idempotent.
# CI: run this, then the tests with P3_REQUIRE_NODE=1 so a missing node fails instead of skipping.
set -euo pipefail

if ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: node is missing and installing it needs root (apt-get install nodejs)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "install.sh: node $(node --version) is too old, conditions.mjs needs 18 or newer" >&2
  exit 1
fi
echo "node $(node --version) ready for tools/js-semantics"
