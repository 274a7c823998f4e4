#!/usr/bin/env bash
# Regenerates the committed AnchorRegistry artefacts from contracts/AnchorRegistry.sol:
#   1. solc-js (tools/solc, pinned) -> contracts/build/AnchorRegistry.abi + .bin
#   2. web3j codegen 4.13.0, run from this throwaway Maven project (never on the app's classpath)
#      -> command-side/src/main/java/io/p3protocol/command/anchoring/contract/AnchorRegistry.java
# Review the diff and commit all three files together.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/solc/install.sh
node tools/solc/compile.mjs AnchorRegistry
./mvnw -q -B -f tools/web3j-codegen/pom.xml exec:java
echo "regenerated: contracts/build/AnchorRegistry.{abi,bin} and command-side/.../anchoring/contract/AnchorRegistry.java"
