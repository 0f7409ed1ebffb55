#!/usr/bin/env bash
# The bpmn_lint test: writes the sample exports into a fresh directory, then lints every file
# with bpmn-moddle and bpmnlint's recommended rules (tests/bpmn/lint.mjs).
#   tests/bpmn/lint.sh <sopan_bpmn_samples binary> <output directory>
set -euo pipefail
samples=$1
out=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rm -rf "$out"
mkdir -p "$out"
"$samples" "$out"
node "$here/lint.mjs" "$out"/*.bpmn
