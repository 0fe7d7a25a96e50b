#!/usr/bin/env bash
# Installs the pinned Spectral (package-lock.json) into the directory given ($1, target/spectral), for
# OpenApiLintIT. npm keeps its download cache in ~/.npm, so a second clean build installs offline-fast.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$1"
if ! command -v npm >/dev/null; then
  echo "[spectral] npm is required (Node.js 18 or later) to lint the OpenAPI document" >&2
  exit 1
fi
mkdir -p "$dest"
if [ -x "$dest/node_modules/.bin/spectral" ] && cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  echo "[spectral] $("$dest/node_modules/.bin/spectral" --version) already installed in $dest"
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dest/"
# --ignore-scripts: nothing Spectral needs runs at install time (one dependency's postinstall only reports usage).
(cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
echo "[spectral] installed $("$dest/node_modules/.bin/spectral" --version) in $dest"
