#!/usr/bin/env bash
# Builds the fuzz preset (clang, libFuzzer, ASan + UBSan) and runs every fuzz target for N seconds
# (default 30) on its committed seeds in tests/fuzz/corpus/<target>/. Fails on any crash, leak,
# timeout or sanitizer report; a failing input is kept in build/fuzz/artifacts/<target>/.
#   tests/fuzz/run.sh [seconds] [target...]
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-30}
shift || true
if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ is missing (deploy/install-deps.sh --test installs it)" >&2
  exit 1
fi
[[ -f build/fuzz/build.ninja ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in build/fuzz/tests/fuzz/fuzz_*; do targets+=("${f##*/fuzz_}"); done
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=()
for t in "${targets[@]}"; do
  bin=build/fuzz/tests/fuzz/fuzz_$t
  seeds=tests/fuzz/corpus/$t
  if [[ ! -x $bin || ! -d $seeds ]]; then
    echo "fuzz: $t has no executable ($bin) or no seeds ($seeds)" >&2
    exit 1
  fi
  artifacts=build/fuzz/artifacts/$t
  mkdir -p "$artifacts" "$scratch/$t"
  log=$scratch/$t.log
  # New inputs go to a scratch corpus; the committed seeds are only read.
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "$scratch/$t" "$seeds" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    echo "fuzz: $t ok (${runs:-?} runs in ${seconds} s, ${cov:-cov: ?})"
  else
    echo "fuzz: $t FAILED; input in $artifacts/" >&2
    grep -E -A40 '==ERROR|runtime error|deadly signal|Timeout|out-of-memory' "$log" | head -80 >&2 ||
      tail -40 "$log" >&2
    failed+=("$t")
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
