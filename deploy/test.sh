#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, integration, browser).
# Extra arguments go to ctest, e.g. ./deploy/test.sh -L unit  or  -R DocumentLibrary
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
./deploy/install-deps.sh --test

werror=OFF
[[ -n ${CI:-} ]] && werror=ON
if [[ ! -f build/dev/build.ninja ]] || ! grep -q "SOPAN_WERROR:BOOL=$werror" build/dev/CMakeCache.txt; then
  cmake --preset dev -DSOPAN_WERROR=$werror >/dev/null
fi
cmake --build --preset dev
./deploy/build-web.sh

if command -v clang-format >/dev/null; then
  unformatted=$(find service tests -name '*.cpp' -o -name '*.hpp' | sort |
    while read -r f; do clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"; done)
  if [[ -n $unformatted ]]; then
    echo "clang-format: these files need formatting:" $unformatted >&2
    exit 1
  fi
fi

ctest --preset dev -j2 "$@"
# Every fuzz target for 30 s on its seeds (clang comes from install-deps.sh --test above).
./tests/fuzz/run.sh 30
echo "deploy/test.sh: $(( $(date +%s) - start )) s"
