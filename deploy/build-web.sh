#!/usr/bin/env bash
# Builds the browser app into web/dist, installing its npm packages from the committed
# package-lock.json, and prints the first load's JavaScript (gzip) against its budget. Does
# nothing when dist is newer than every source file (the API types come from ../schemas).
set -euo pipefail
cd "$(dirname "$0")/../web"

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
stamp=dist/index.html
if [[ -f $stamp ]] && [[ -z $(find index.html src public scripts package-lock.json vite.config.ts \
    tsconfig.json ../schemas -newer "$stamp" -print -quit 2>/dev/null) ]]; then
  exit 0
fi
npm run --silent build -- --logLevel warn
node scripts/first-load.mjs
