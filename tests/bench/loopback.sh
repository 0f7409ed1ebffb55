# Sourced by the loopback benchmarks (coverage.sh, score.sh) from the repository root: builds
# release targets, serves a data directory, signs in and times GETs with curl.
#   source tests/bench/loopback.sh NAME    (the temporary directory is /tmp/sopan-NAME.XXXXXX)
root=$PWD
work=$(mktemp -d "/tmp/sopan-$1.XXXXXX")
pid=
cleanup() {
  [[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

# build_release TARGET...: the server and the given targets, release preset, one job per core.
build_release() {
  ./deploy/install-deps.sh --test
  [[ -f build/release/build.ninja ]] || cmake --preset release >/dev/null
  cmake --build --preset release -j "$(nproc)" --target sopan "$@" >/dev/null
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# serve DATA_DIR: starts the server (sets pid and base), waits until it answers.
serve() {
  local port
  port=$(free_port)
  build/release/sopan serve --data "$1" --port "$port" --web "$root/web/dist" \
    --schemas "$root/schemas" 2>"$work/sopan.log" &
  pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && return; sleep 0.1; done
  echo "the server did not start (see $work/sopan.log)" >&2
  exit 1
}

stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

# sign_in USERNAME: a demo account's session (sets cookie).
sign_in() {
  curl -sf -D "$work/h" -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username":"'"$1"'","password":"sopan-demo"}' "$base/api/v1/session"
  cookie=$(grep -i '^set-cookie:' "$work/h" | sed 's/^[^:]*: *//; s/;.*//')
}

# get PATH: one signed-in GET; the body goes to $work/answer.json, the seconds it took to stdout.
get() { curl -sf -o "$work/answer.json" -w '%{time_total}\n' -H "Cookie: $cookie" "$base$1"; }

# get_runs PATH N: N GETs, one time a line.
get_runs() { for _ in $(seq "$2"); do get "$1"; done; }

# median_p95 TIMES_FILE: "median  12.3 ms   p95  14.5 ms" of a file of seconds, one a line.
median_p95() {
  python3 - "$1" <<'PY'
import statistics, sys
t = sorted(float(x) * 1000 for x in open(sys.argv[1]))
p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))]
print(f"median {statistics.median(t):8.1f} ms   p95 {p95:8.1f} ms")
PY
}
