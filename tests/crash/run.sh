#!/usr/bin/env bash
# The crash test with the full cycle count (default 20): tests/crash/run.sh [cycles] [clients]
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build --preset dev --target sopan_crash_test sopan >/dev/null
exec build/dev/tests/sopan_crash_test "${1:-20}" "${2:-16}"
