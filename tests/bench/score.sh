#!/usr/bin/env bash
# Times the tatalaksana score (issue 14) on the real server over loopback, signed in as the demo
# evaluator: GET /api/v1/score of the whole instansi (PermenPAN-RB 14/2014) and of one dinas (ZI
# 90/2021), and GET /api/v1/score/trend over 24 months, on the demo instansi as it ships and on the
# demo plus SOPS SOPs, MAPS maps and RECORDS monitoring and evaluation records dated over the past
# DAYS days (tests/bench/score_populate.cpp: real git commits with fsync, through the library).
# Today is computed on every call; a past day is computed on its first call and then served from
# the server's cache, so a past day's "computed" figures are first calls on PAST different days.
# Prints the first call, then median and p95 of RUNS calls (milliseconds), and ratios.
#   tests/bench/score.sh   (SOPS=15000 MAPS=2000 RECORDS=4000 DAYS=730 RUNS=20 PAST=5 TRENDS=5)
# KEEP_DATA=DIR populates DIR once and reuses it on later runs (population is the slow part).
set -euo pipefail
cd "$(dirname "$0")/../.."
sops=${SOPS:-15000}
maps=${MAPS:-2000}
records=${RECORDS:-4000}
days=${DAYS:-730}
runs=${RUNS:-20}
past=${PAST:-5}
trends=${TRENDS:-5}
source tests/bench/loopback.sh score
build_release score_populate

rubric=permenpanrb-14-2014
year_back=$(date -d '1 year ago' +%F)

# report KEY LABEL FIRST_SECONDS TIMES_FILE: a row (first call, median, p95, what the last answer
# measured); the figures are kept under KEY for the ratios.
report() {
  python3 - "$@" "$(median_p95 "$4")" "$work/answer.json" "$work/figures" <<'PY'
import json, sys
key, label, first, _, figures, answer, out = sys.argv[1:]
a = json.load(open(answer))
if "points" in a:
    scored = [p for p in a["points"] if p["score"] is not None]
    what = f"{len(a['points'])} months, {len(scored)} scored"
    if scored:
        what += f", {scored[0]['percent']:.1f}% → {scored[-1]['percent']:.1f}%"
else:
    measured = [i for area in a["areas"] for sub in area["sub_indicators"] for i in sub["items"]
                if "numerator" in i]
    what = f"at {a['at']} {a['percent']:5.1f}%  " + "  ".join(
        f"{i['metric']} {i['numerator']}/{i['denominator']}" for i in measured)
print(f"{label:<34} first {float(first) * 1000:8.1f} ms   {figures}   {what}")
f = figures.split()
open(out, "a").write(f"{key} {float(first) * 1000} {f[1]} {f[4]}\n")
PY
}

# repeated KEY LABEL PATH N: the first call, then N more.
repeated() {
  local first
  first=$(get "$3")
  get_runs "$3" "$4" > "$work/times"
  report "$1" "$2" "$first" "$work/times"
}

# past_days KEY LABEL PATH: first calls of PATH&at= on PAST days, from a year back backwards
# (skipping the last days of months: the trend computes those).
past_days() {
  local i=0 day
  : > "$work/times"
  while (($(wc -l < "$work/times") < past)); do
    day=$(date -d "$year_back - $i day" +%F)
    i=$((i + 1))
    [[ $(date -d "$day + 1 day" +%d) == 01 ]] && continue
    get "$3&at=$day" >> "$work/times"
  done
  report "$1" "$2" "$(head -1 "$work/times")" "$work/times"
}

build/release/sopan init --demo --data "$work/demo" --schemas "$root/schemas" \
  --demo-dir "$root/deploy/demo" >/dev/null
many=${KEEP_DATA:-$work/many}
if [[ -f $many.dinas ]]; then
  echo "reusing $many (populated by an earlier run)"
else
  commits=$((2 * (sops + maps) + records))
  echo "populating the demo + $sops SOPs, $maps maps, $records records over $days days" \
    "($commits commits with fsync)..."
  t0=$(date +%s.%N)
  if ! build/release/tests/bench/score_populate "$many" "$sops" "$maps" "$records" "$days" \
    > "$work/dinas" 2> "$work/populate.log"; then
    cat "$work/populate.log" >&2
    exit 1
  fi
  t1=$(date +%s.%N)
  mv "$work/dinas" "$many.dinas"
  python3 -c "print(f'  {$t1 - $t0:.0f} s, {$commits / ($t1 - $t0):.0f} commits/s')"
  echo "  commits/s in each tenth: $(awk '/^progress/ {printf "%s ", $4}' "$work/populate.log")"
fi
dinas=$(cat "$many.dinas")

printf '\nGET /api/v1/score, signed in as evaluator; first call, then median and p95 of %s calls' \
  "$runs"
printf ' (computed in the past: first calls on %s days back from %s)\n' "$past" "$year_back"
serve "$work/demo"
sign_in evaluator
repeated demo_today "demo: instansi today" "/api/v1/score?rubric=$rubric" "$runs"
past_days demo_past "demo: instansi past, computed" "/api/v1/score?rubric=$rubric"
repeated demo_trend "demo: trend 24 months" "/api/v1/score/trend?rubric=$rubric&months=24" "$trends"
stop_server

serve "$many"
sign_in evaluator
t0=$(date +%s.%N)
repeated today "large: instansi today" "/api/v1/score?rubric=$rubric" "$runs"
past_days past "large: instansi past, computed" "/api/v1/score?rubric=$rubric"
repeated cached "large: instansi past, cached" "/api/v1/score?rubric=$rubric&at=$year_back" "$runs"
repeated zi_today "large: ZI dinas today" "/api/v1/score?rubric=zi-90-2021&unit=$dinas" "$runs"
past_days zi_past "large: ZI dinas past, computed" "/api/v1/score?rubric=zi-90-2021&unit=$dinas"
repeated trend "large: trend 24 months" "/api/v1/score/trend?rubric=$rubric&months=24" "$trends"
t1=$(date +%s.%N)
stop_server
python3 -c "print(f'  (the large instansi\'s requests: {$t1 - $t0:.0f} s)')"

python3 - "$work/figures" <<'PY'
import sys
f = {}
for line in open(sys.argv[1]):
    key, first, median, p95 = line.split()
    f[key] = {"first": float(first), "median": float(median), "p95": float(p95)}
def ratio(label, a, b, what_a="median", what_b="median"):
    print(f"  {label:<56} {f[a][what_a] / f[b][what_b]:8.1f}×")
print("\nratios (of medians unless named)")
ratio("large today / demo today", "today", "demo_today")
ratio("large past computed / large today", "past", "today")
ratio("large past computed / large past cached", "past", "cached")
ratio("large ZI dinas today / large instansi today", "zi_today", "today")
ratio("large trend, first call / large today", "trend", "today", "first")
ratio("large trend, repeated / large today", "trend", "today")
verdict = "well under" if f["demo_today"]["p95"] < 50 else "under" if f["demo_today"]["p95"] < 100 else "OVER"
print(f"\ndemo instansi today: p95 {f['demo_today']['p95']:.1f} ms, {verdict} 100 ms")
PY
