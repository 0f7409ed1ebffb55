#!/usr/bin/env bash
# Times GET /api/v1/coverage (issue 13) on the real server over loopback: the demo instansi as
# it ships, then with N generated cross-functional maps in force (tests/bench/maps_populate.cpp,
# real git commits through the library), today (from the index) and on a past day (every map
# and SOP read from git). Prints median and p95 of RUNS requests each.
#   tests/bench/coverage.sh            (MAPS=2000 RUNS=20 to change the defaults)
set -euo pipefail
cd "$(dirname "$0")/../.."
maps=${MAPS:-2000}
runs=${RUNS:-20}
source tests/bench/loopback.sh coverage
build_release maps_populate

# measure DATA_DIR LABEL: serve it, sign in, time coverage today and on a past day.
measure() {
  local data=$1 label=$2
  serve "$data"
  sign_in verifikator
  for query in "" "at=2026-03-01"; do
    get "/api/v1/coverage?$query" >/dev/null
    get_runs "/api/v1/coverage?$query" "$runs" > "$work/times"
    python3 - "$label" "${query:-today}" "$(median_p95 "$work/times")" "$work/answer.json" <<'PY'
import json, sys
label, query, figures, answer = sys.argv[1:]
a = json.load(open(answer))
print(f"{label:<22} {query:<14} {figures}   "
      f"maps {a['totals']['maps']:>5}  activities {a['totals']['activities']:>6}  items {len(a['items']):>6}")
PY
  done
  stop_server
}

build/release/sopan init --demo --data "$work/demo" --schemas "$root/schemas" \
  --demo-dir "$root/deploy/demo" >/dev/null
echo "generating $maps cross-functional maps in force (real git commits with fsync)..."
t0=$(date +%s)
build/release/tests/bench/maps_populate "$work/many" "$maps" 2>/dev/null
echo "  $(( $(date +%s) - t0 )) s"
printf '\nGET /api/v1/coverage (whole instansi), %s runs each\n' "$runs"
measure "$work/demo" "demo instansi"
measure "$work/many" "demo + $maps maps"
