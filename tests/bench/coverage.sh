#!/usr/bin/env bash
# Times GET /api/v1/coverage (issue 13) on the real server over loopback: the demo instansi as
# it ships, then with N generated cross-functional maps in force (tests/bench/maps_populate.cpp,
# real git commits through the library), today (from the index) and on a past day (every map
# and SOP read from git). Prints median and p95 of RUNS requests each.
#   tests/bench/coverage.sh            (MAPS=2000 RUNS=20 to change the defaults)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
maps=${MAPS:-2000}
runs=${RUNS:-20}

./deploy/install-deps.sh --test
[[ -f build/release/build.ninja ]] || cmake --preset release >/dev/null
cmake --build --preset release --target sopan maps_populate >/dev/null

work=$(mktemp -d /tmp/sopan-coverage.XXXXXX)
pid=
cleanup() {
  [[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# measure DATA_DIR LABEL: serve it, sign in, time coverage today and on a past day.
measure() {
  local data=$1 label=$2 port
  port=$(free_port)
  build/release/sopan serve --data "$data" --port "$port" --web "$root/web/dist" \
    --schemas "$root/schemas" 2>"$work/sopan.log" &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  curl -sf -D "$work/h" -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username":"verifikator","password":"sopan-demo"}' "http://127.0.0.1:$port/api/v1/session"
  local cookie
  cookie=$(grep -i '^set-cookie:' "$work/h" | sed 's/^[^:]*: *//; s/;.*//')
  for query in "" "at=2026-03-01"; do
    local url="http://127.0.0.1:$port/api/v1/coverage?$query"
    curl -sf -H "Cookie: $cookie" "$url" > "$work/answer.json"
    for _ in $(seq "$runs"); do
      curl -sf -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$url"
    done > "$work/times"
    python3 - "$label" "${query:-today}" "$work/times" "$work/answer.json" <<'PY'
import json, statistics, sys
label, query, times, answer = sys.argv[1:]
t = sorted(float(x) * 1000 for x in open(times))
a = json.load(open(answer))
p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))]
print(f"{label:<22} {query:<14} median {statistics.median(t):8.1f} ms   p95 {p95:8.1f} ms   "
      f"maps {a['totals']['maps']:>5}  activities {a['totals']['activities']:>6}  items {len(a['items']):>6}")
PY
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
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
