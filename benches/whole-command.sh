#!/usr/bin/env bash
# Times the command a user runs, `inclusim run SCENARIO -n N --json`, on the bundled
# supermarket scenario with one arrangement (the no-support baseline) and with its four, at
# 10^5 and 10^6 iterations, and prints nanoseconds per placement-month beside the engine alone
# (`benches/engine.rs`) and the floor (`benches/floor.rs`: the draws and the `exp` of a
# placement-month, nothing else), so that the ratios hold on any machine.
#
#   bash benches/whole-command.sh            # 10^5 and 10^6 iterations
#   QUICK=1 bash benches/whole-command.sh    # 10^5 only
#   OUT=1 bash benches/whole-command.sh      # also time --out (writes samples.csv: 1.9 GB at 10^6)
#
# Timings are wall-clock seconds of whole processes (best of REPEAT, default 3) on an idle
# machine: the script prints the load average before and after; a load well above 0 means the
# numbers are not to be trusted. Peak memory is the largest resident set of the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
REPEAT="${REPEAT:-3}"

echo "== building (release)" >&2
cargo build --release --quiet
bench_bins=$(cargo bench --no-run 2>&1 | sed -n 's/.*Executable benches\/\([a-z]*\)\.rs (\(.*\))/\1 \2/p')
engine_bin=$(echo "$bench_bins" | awk '$1 == "engine" {print $2}')
floor_bin=$(echo "$bench_bins" | awk '$1 == "floor" {print $2}')
bin="$CARGO_TARGET_DIR/release/inclusim"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
full=scenarios/supermarkt-vakkenvuller.toml
# The baseline only: the scenario up to its first [[arrangement]] (or [[expect]]).
awk '/^\[\[(arrangement|expect)\]\]/ {exit} {print}' "$full" > "$work/baseline.toml"
months_per_iteration=36

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

floor=$(INCLUSIM_FLOOR_NS=50000000 "$floor_bin" | awk '{print $2}')
engine1=$(INCLUSIM_BENCH_NS=1:200000 "$engine_bin" | awk '{print $2}')
engine4=$(INCLUSIM_BENCH_NS=4:50000 "$engine_bin" | awk '{print $2}')
echo
printf '%-44s %10s %10s\n' "what" "ns/pm" "x floor"
printf '%-44s %10.1f %10.2f\n' "floor (draws + exp of a placement-month)" "$floor" 1
printf '%-44s %10.1f %10.2f\n' "engine, 1 arrangement" "$engine1" "$(echo "$engine1 / $floor" | bc -l)"
printf '%-44s %10.1f %10.2f\n' "engine, 4 arrangements" "$engine4" "$(echo "$engine4 / $floor" | bc -l)"
printf '%-44s %10.1f %10.2f\n' "  each arrangement after the first" "$(echo "($engine4 - $engine1) / 3" | bc -l)" \
  "$(echo "($engine4 - $engine1) / 3 / $engine1" | bc -l)"
echo "  (the last column of that line: x the first arrangement)"

# best_of FILE ARGS...: the best wall time of REPEAT runs, and the largest peak RSS (KB).
best_of() {
  local best="" peak=0
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2>&1
    read -r wall rss < "$work/time"
    if [[ -z "$best" ]] || (( $(echo "$wall < $best" | bc -l) )); then best=$wall; fi
    (( rss > peak )) && peak=$rss
  done
  echo "$best $peak"
}

iterations_list="100000 1000000"
[[ -n "${QUICK:-}" ]] && iterations_list="100000"
echo
printf '%-34s %8s %8s %9s %9s %9s %9s\n' "whole run (wall)" "n" "seconds" "ns/pm" "x engine" "x floor" "peak MB"
for n in $iterations_list; do
  for arrangements in 1 4; do
    scenario="$work/baseline.toml"; engine=$engine1
    [[ $arrangements == 4 ]] && { scenario=$full; engine=$engine4; }
    for threads in 1 2; do
      read -r wall peak < <(best_of "$bin" run "$scenario" -n "$n" --json -q -j "$threads")
      ns=$(echo "$wall * 1000000000 / ($n * $months_per_iteration)" | bc -l)
      printf '%-34s %8s %8.2f %9.1f %9.2f %9.2f %9.0f\n' "$arrangements arrangement(s), --threads $threads" "$n" \
        "$wall" "$ns" "$(echo "$ns / $engine" | bc -l)" "$(echo "$ns / $floor" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
      eval "wall_${arrangements}_${threads}_${n}=$wall"
    done
  done
  for arrangements in 1 4; do
    one="wall_${arrangements}_1_${n}"; two="wall_${arrangements}_2_${n}"
    printf '  %s arrangement(s), n = %s: --threads 2 takes %.2f x the wall time of --threads 1\n' \
      "$arrangements" "$n" "$(echo "${!two} / ${!one}" | bc -l)"
  done
  if [[ -n "${OUT:-}" ]]; then
    rm -rf "$work/out"
    read -r wall_out peak < <(REPEAT=1 best_of "$bin" run "$full" -n "$n" -q -j 2 --out "$work/out")
    printf '  --out (4 arrangements, --threads 2, n = %s): %.2f s, %.2f x the run without it, peak %.0f MB\n' \
      "$n" "$wall_out" "$(echo "$wall_out / ${!two}" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
    rm -rf "$work/out"
  fi
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
