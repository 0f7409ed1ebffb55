#!/usr/bin/env bash
# Benchmarks the real server on loopback against our own ceiling (a minimal Beast server built
# with the same flags that answers the same bytes from memory) and prints a table.
#   tests/bench/run.sh            (DOCS=1000 DURATION=10 THREADS=2 to change the defaults)
# wrk runs on the same 2 cores as the servers, so absolute figures are lower bounds; the ratio
# to the ceiling is the figure to watch.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
docs=${DOCS:-1000}
duration=${DURATION:-10}
threads=${THREADS:-2}
clients=16

./deploy/install-deps.sh --test
[[ -f build/release/build.ninja ]] || cmake --preset release >/dev/null
cmake --build --preset release --target sopan ceiling_server bench_populate >/dev/null

work=$(mktemp -d /tmp/sopan-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1$2" >/dev/null && return; sleep 0.1; done; echo "server on $1 did not start" >&2; exit 1; }

echo "populating $docs documents in force + $clients drafts (real git commits with fsync)..."
t0=$(date +%s.%N)
# One draft more than there are save clients: it is saved once to capture the answer's bytes.
build/release/tests/bench/bench_populate "$work/data" "$docs" $((clients + 1)) > "$work/ids.txt" \
  2>/dev/null
t1=$(date +%s.%N)
unit=$(sed -n 1p "$work/ids.txt")
doc=$(sed -n 2p "$work/ids.txt")
spare=$(tail -1 "$work/ids.txt")
populate_rate=$(python3 -c "print(f'{2*$docs/($t1-$t0):.0f}')")

sopan_port=$(free_port)
build/release/sopan serve --data "$work/data" --port "$sopan_port" --threads "$threads" \
  --web "$root/web/dist" --schemas "$root/schemas" 2>"$work/sopan.log" &
pids+=($!)
wait_port "$sopan_port" /healthz

# Every request is made by the signed-in demo penyusun (session lookup and CSRF check included).
login=$(curl -sf -D "$work/login.headers" -H 'Content-Type: application/json' \
  -d '{"username":"penyusun","password":"sopan-demo"}' "http://127.0.0.1:$sopan_port/api/v1/session")
cookie=$(grep -i '^set-cookie:' "$work/login.headers" | sed 's/^[^:]*: *//; s/;.*//')
csrf=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login")

# The ceiling answers with exactly the bytes sopan gives for the same requests.
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$sopan_port/api/v1/sops/$doc" > "$work/get.json"
curl -sf -X PUT -H 'Content-Type: application/json' -H 'If-Match: "1"' -H "Cookie: $cookie" \
  -H "X-CSRF-Token: $csrf" \
  -d '{"document":{"title":"Pelayanan Surat Masuk (bench)","unit":"'"$unit"'"},"message":"x"}' \
  "http://127.0.0.1:$sopan_port/api/v1/sops/$spare/draft" > "$work/put.json"
ceiling_port=$(free_port)
build/release/tests/bench/ceiling_server "$ceiling_port" "$threads" "$work/get.json" "$work/put.json" &
pids+=($!)
wait_port "$ceiling_port" /

run_wrk() {  # port script threads conns path [script args]
  local port=$1 script=$2 t=$3 c=$4 path=$5; shift 5
  wrk -t"$t" -c"$c" -d"${duration}s" -s "tests/bench/$script" "http://127.0.0.1:$port$path" -- "$@" \
    | awk '/^RESULT/ {print $2, $3, $4, $5, $6}'
}

get_sopan=$(run_wrk "$sopan_port" get.lua 2 32 "/api/v1/sops/$doc" "$cookie")
get_ceiling=$(run_wrk "$ceiling_port" get.lua 2 32 "/api/v1/sops/$doc" "$cookie")
# Search: two words, one a prefix, over every document's number, title and steps.
search_sopan=$(run_wrk "$sopan_port" get.lua 2 32 "/api/v1/sops?q=pelayanan%20administrasi%2012&limit=20" "$cookie")
save_sopan=$(run_wrk "$sopan_port" save.lua $clients $clients "/" "$work/ids.txt" "$cookie" "$csrf")
save_ceiling=$(run_wrk "$ceiling_port" save.lua $clients $clients "/" "$work/ids.txt" "$cookie" "$csrf")

# verify opens the index read-only beside the running server: git and index must agree.
verify=$(build/release/sopan verify --data "$work/data" 2>/dev/null | head -1)

printf '\nSopan benchmark — %s docs in force, %ss per run, server threads %s, %s cores\n' \
  "$docs" "$duration" "$threads" "$(nproc)"
printf 'populate (library, create + merge, fsync on): %s commits/s\n' "$populate_rate"
printf 'after the run, sopan verify: %s\n\n' "$verify"
printf '%-34s %-8s %10s %9s %9s %8s %7s\n' scenario server "req/s" "p50 ms" "p99 ms" errors ratio
row() {  # label server result ceiling_result
  read -r rps p50 p99 errs total <<<"$3"
  read -r crps _ <<<"$4"
  ratio=$(python3 -c "print(f'{$rps/$crps:.3f}')")
  printf '%-34s %-8s %10s %9s %9s %8s %7s\n' "$1" "$2" "$rps" "$p50" "$p99" "$errs" "$ratio"
}
row "GET document in force (32 conns)" sopan "$get_sopan" "$get_ceiling"
row "" ceiling "$get_ceiling" "$get_ceiling"
row "GET search, 2 words (32 conns)" sopan "$search_sopan" "$get_ceiling"
row "PUT draft save ($clients clients)" sopan "$save_sopan" "$save_ceiling"
row "" ceiling "$save_ceiling" "$save_ceiling"
