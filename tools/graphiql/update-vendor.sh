#!/usr/bin/env bash
# Refreshes the GraphiQL page's third-party files, which are committed under
# query-side/src/main/resources/static/graphiql/vendor/ so that /graphiql works with no network at all.
# Run it only to change versions (edit the pins below); the build itself never downloads anything for the page.
# npm pack checks each tarball against the registry's integrity hash.
set -euo pipefail

GRAPHIQL_VERSION=3.8.3 # the last line whose package still ships a UMD bundle for <script> tags
REACT_VERSION=18.3.1   # React 19 no longer ships UMD builds; GraphiQL 3 supports React 18

root="$(cd "$(dirname "$0")/../.." && pwd)"
target="$root/query-side/src/main/resources/static/graphiql/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "graphiql@$GRAPHIQL_VERSION" "react@$REACT_VERSION" "react-dom@$REACT_VERSION" >/dev/null
for package in "graphiql-$GRAPHIQL_VERSION" "react-$REACT_VERSION" "react-dom-$REACT_VERSION"; do
  name="${package%-*}"
  mkdir "$name"
  tar -xzf "$package.tgz" -C "$name"
done

rm -rf "$target"
mkdir -p "$target"
cp graphiql/package/graphiql.min.js graphiql/package/graphiql.min.css "$target/"
cp graphiql/package/LICENSE "$target/LICENSE.graphiql"
cp react/package/umd/react.production.min.js "$target/"
cp react/package/LICENSE "$target/LICENSE.react"
cp react-dom/package/umd/react-dom.production.min.js "$target/"
cp react-dom/package/LICENSE "$target/LICENSE.react-dom"
cat > "$target/VERSIONS" <<VERSIONS
graphiql $GRAPHIQL_VERSION (MIT)
react $REACT_VERSION (MIT)
react-dom $REACT_VERSION (MIT)
Written by tools/graphiql/update-vendor.sh; do not edit by hand.
VERSIONS
echo "GraphiQL vendor files written to $target"
