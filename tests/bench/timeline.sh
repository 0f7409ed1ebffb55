#!/usr/bin/env bash
# Times the instansi timeline (issue 15, item 3) on the real server over loopback, signed in as
# the demo auditor: pages of GET /api/v1/events on the data directory of LARGE (100 000) commits
# of tests/bench/history_populate.cpp (as many audit events and more: one per commit, plus the
# demo's accounts and these requests' own audit.read events) — the first page unfiltered and of
# 2000, filtered by unit (a dinas's subtree), actor (a frequent author and a rare one), action
# (a kind, a category, a rare category), doc_kind, a date range, those combined, a deep page by
# the `before` cursor, and chain=full (which re-checks the whole hash chain). Each row prints the
# first request, then median and p95 of RUNS requests (CHAIN_RUNS for chain=full), milliseconds,
# and what the last answer held.
#   tests/bench/timeline.sh   (LARGE=100000 RUNS=20 CHAIN_RUNS=5)
# KEEP_DATA=DIR reuses DIR/c<N> of an earlier run of this or history.sh (populates it if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
large=${LARGE:-100000}
runs=${RUNS:-20}
chain_runs=${CHAIN_RUNS:-5}
source tests/bench/loopback.sh timeline
build_release history_populate
source tests/bench/history_data.sh
history_data "$large"

# page LABEL QUERY [N]: the first request, then N (RUNS) more of /api/v1/events?QUERY.
page() {
  local first
  first=$(get "/api/v1/events?$2")
  get_runs "/api/v1/events?$2" "${3:-$runs}" > "$work/times"
  python3 - "$1" "$first" "$(median_p95 "$work/times")" "$work/answer.json" <<'PY'
import json, sys
label, first, figures, answer = sys.argv[1:]
a = json.load(open(answer))
seqs = [i["seq"] for i in a["items"]]
span = f"seq {seqs[0]}…{seqs[-1]}" if seqs else "no events"
more = f", next_before {a['next_before']}" if "next_before" in a else ""
print(f"{label:<40} first {float(first) * 1000:8.1f} ms   {figures}   "
      f"{a['count']:>4} items, {span}{more}")
PY
}

serve "$data"
sign_in auditor
first=$(get "/api/v1/events?limit=1")  # the server's first check of the chain (every event)
head_seq=$(python3 -c "import json, sys; print(json.load(sys.stdin)['chain']['head_seq'])" \
  < "$work/answer.json")
week_from=$(date -d '7 days ago' +%F)
week_to=$(date -d '6 days ago' +%F)
deep=$((head_seq / 2))
printf '\nGET /api/v1/events (auditor) on %s events; first request, then median and p95 of %s\n' \
  "$head_seq" "$runs"
((head_seq >= 100000)) || echo "  (fewer than 100 000 events: LARGE=$large)"
printf '%-40s first %8.1f ms   (the first page after start-up checks the whole chain)\n' \
  "limit=1, first request after start-up" "$(python3 -c "print($first * 1000)")"
page "unfiltered, first page (200)" ""
page "unfiltered, limit=2000" "limit=2000"
page "unit (dinas 2.16 subtree)" "unit=$dinas"
page "actor=penyusun (a quarter of the writes)" "actor=penyusun"
page "actor=auditor (its own reads only)" "actor=auditor"
page "action=doc.merge (a kind)" "action=doc.merge"
page "action=doc (a category)" "action=doc"
page "action=login (a rare category)" "action=login"
page "doc_kind=map" "doc_kind=map"
page "from=$week_from to=$week_to" "from=$week_from&to=$week_to"
page "unit + doc_kind=map + from..to" "unit=$dinas&doc_kind=map&from=$week_from&to=$week_to"
page "deep page: before=$deep" "before=$deep"
page "deep page: before=$deep + unit" "before=$deep&unit=$dinas"
page "deep page: before=$deep + doc_kind=map" "before=$deep&doc_kind=map"
page "oldest: before=100" "before=100"
page "chain=full (re-checks every event)" "chain=full" "$chain_runs"
page "chain=full + unit + limit=50" "chain=full&unit=$dinas&limit=50" "$chain_runs"
stop_server
