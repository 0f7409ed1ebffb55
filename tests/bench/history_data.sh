# Sourced by history.sh and timeline.sh after loopback.sh: the data directories of
# tests/bench/history_populate.cpp, one per size. With KEEP_DATA=DIR they are DIR/c<N> and are
# populated once, then reused (population is the slow part); otherwise they live in $work.
# Population runs under eatmydata (deploy/install-deps.sh --test): fsync costs the filler ~5 ms a
# commit and changes none of the data.
keep=${KEEP_DATA:-$work/data}
mkdir -p "$keep"

# history_data N: the data directory of N commits, populated when missing; sets data (its path),
# sop (the 50-version SOP's id), sop_path (its file in git) and dinas (its unit's id).
history_data() {
  local n=$1 t0 t1
  data=$keep/c$n
  if [[ -f $data.sop ]]; then
    echo "reusing $data (populated by an earlier run)"
  else
    rm -rf "$data"
    echo "populating $data: the demo + one SOP of 50 versions + filler, $n commits in all" \
      "(real commits through the library, under eatmydata: no fsync)..."
    t0=$(date +%s.%N)
    if ! eatmydata build/release/tests/bench/history_populate "$data" "$n" > "$work/sop" \
      2> "$work/populate.log"; then
      cat "$work/populate.log" >&2
      exit 1
    fi
    t1=$(date +%s.%N)
    python3 -c "print(f'  populated in {$t1 - $t0:.0f} s, {$n / ($t1 - $t0):.0f} commits/s')"
    echo "  commits/s in each tenth: $(awk '/^progress/ {printf "%s ", $4}' "$work/populate.log")"
    echo "  $(grep '^demo commits' "$work/populate.log")"
    mv "$work/sop" "$data.sop"
  fi
  read -r sop sop_path dinas < "$data.sop"
  echo "  $(git -C "$data/repo.git" rev-list --all --count) commits in the repository;" \
    "SOP $sop at $sop_path"
}
