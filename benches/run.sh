#!/usr/bin/env bash
# End-to-end benchmark: `airoi score` (graded workbook + JSON) against the
# floor (benches/floor.rs: the same workbook cells, same libraries, one
# thread, no product logic, no JSON) on generated portfolios, floor and
# airoi back to back at each size so that noise from other work on the
# machine hits both alike; ROUNDS (default 1) repeats each pair and keeps
# the median. The floor with the JSON too is shown for reference.
#
#   benches/run.sh                 # 10k, 100k and 1M projects
#   SIZES="10000 100000" benches/run.sh
#   XLSX=0 benches/run.sh          # skip the xlsx-input measurement
#   XLSX_SIZES="100000 1000000" benches/run.sh   # xlsx input at these sizes
#   LEVELS="1 3 6" benches/run.sh  # also time the floor at these zip levels (100k)
#   BEFORE=old/airoi benches/run.sh  # also time an earlier build, in the same rounds
#
# BEFORE names an airoi binary built from an earlier commit (for example
# `git worktree add ../before REV && cargo build --release` there): it runs
# right after the current build in every round, on the same files, and the
# table gains its seconds, peak memory and the ratio now/before.
#
# Last, `airoi validate` reads a sheet as wide as Excel allows (16,384
# columns by 50 rows): the case tests/broken.rs reads for correctness only.
#
# Portfolios are cached under target/bench-data/ (same seed, same bytes).
# Peak memory is /usr/bin/time's "Maximum resident set size".
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000 1000000"}
ROUNDS=${ROUNDS:-1}
XLSX=${XLSX:-1}
XLSX_SIZES=${XLSX_SIZES:-100000}
LEVELS=${LEVELS:-}
BEFORE=${BEFORE:-}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=$TARGET/bench-data
OUT=$(mktemp -d "${TMPDIR:-/tmp}/airoi-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 || { echo "run.sh needs /usr/bin/time (apt-get install time)"; exit 2; }
fi
nice cargo build --release --quiet --bin airoi --example airoi-gen --example airoi-floor
BIN=$TARGET/release
GEN=$BIN/examples/airoi-gen
FLOOR=$BIN/examples/airoi-floor
mkdir -p "$DATA"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/^Mem:/ {print $2}') memory"

# Runs a command under /usr/bin/time; prints "seconds peak_MiB".
measure() {
  local log="$OUT/time.log"
  nice /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$OUT/stderr.log" || {
    local rc=$?
    # airoi exits 1 when rows were rejected: that is a finished run.
    if [ "$rc" -ne 1 ]; then cat "$OUT/stderr.log" >&2; return "$rc"; fi
  }
  awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$log"
}

portfolio() {
  local n=$1 csv="$DATA/p$n.csv"
  [ -s "$csv" ] || $GEN --projects "$n" --seed 7 --csv "$csv"
  echo "$csv"
}

# The median of the values on standard input.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '\n%-9s %9s %9s %11s %9s %9s %7s' projects floor_s floor_MiB floor+json_s airoi_s airoi_MiB ratio
[ -z "$BEFORE" ] || printf ' %9s %10s %10s' before_s before_MiB now/before
printf '\n'
for n in $SIZES; do
  csv=$(portfolio "$n")
  : >"$OUT/f" ; : >"$OUT/j" ; : >"$OUT/a" ; : >"$OUT/b" ; : >"$OUT/r"
  for _ in $(seq "$ROUNDS"); do
    measure $FLOOR "$csv" "$OUT/floor.xlsx" - >>"$OUT/f"
    measure $FLOOR "$csv" "$OUT/floor.xlsx" "$OUT/floor.json" >>"$OUT/j"
    measure $BIN/airoi score "$csv" -o "$OUT/airoi.xlsx" --json "$OUT/airoi.json" --as-of 2026-01-31 --quiet >>"$OUT/a"
    if [ -n "$BEFORE" ]; then
      measure "$BEFORE" score "$csv" -o "$OUT/before.xlsx" --json "$OUT/before.json" --as-of 2026-01-31 --quiet >>"$OUT/b"
      # The ratio of each pair, so that drift in the machine's speed cancels.
      paste -d' ' <(tail -n1 "$OUT/a") <(tail -n1 "$OUT/b") | awk '{ printf "%.3f\n", $1 / $3 }' >>"$OUT/r"
    fi
    rm -f "$OUT"/*.xlsx "$OUT"/*.json
  done
  fs=$(cut -d' ' -f1 "$OUT/f" | median); fm=$(cut -d' ' -f2 "$OUT/f" | median)
  js=$(cut -d' ' -f1 "$OUT/j" | median)
  as=$(cut -d' ' -f1 "$OUT/a" | median); am=$(cut -d' ' -f2 "$OUT/a" | median)
  ratio=$(awk -v a="$as" -v f="$fs" 'BEGIN { printf "%.2f", a / f }')
  printf '%-9s %9s %9s %11s %9s %9s %7s' "$n" "$fs" "$fm" "$js" "$as" "$am" "$ratio"
  if [ -n "$BEFORE" ]; then
    printf ' %9s %10s %10s' "$(cut -d' ' -f1 "$OUT/b" | median)" "$(cut -d' ' -f2 "$OUT/b" | median)" "$(median <"$OUT/r")"
  fi
  printf '\n'
done

if [ "$XLSX" = 1 ]; then
  for n in $XLSX_SIZES; do
    csv=$(portfolio "$n")
    xlsx="$DATA/p$n.xlsx"
    [ -s "$xlsx" ] || $GEN --projects "$n" --seed 7 --xlsx "$xlsx"
    for k in vc vx cr cf cg sc sx bx rx; do : >"$OUT/$k"; done
    for _ in $(seq "$ROUNDS"); do
      # Reading alone (`validate`) isolates the input's cost from the outputs'.
      measure $BIN/airoi validate "$csv" >>"$OUT/vc"
      measure $BIN/airoi validate "$xlsx" >>"$OUT/vx"
      measure $FLOOR --read-xlsx "$xlsx" >>"$OUT/cr"
      measure $FLOOR --read-xlsx-formulas "$xlsx" >>"$OUT/cf"
      # A whole-sheet Range of a million rows is gigabytes: 100k and below.
      [ "$n" -gt 100000 ] || measure $FLOOR --read-xlsx-range "$xlsx" >>"$OUT/cg"
      measure $BIN/airoi score "$csv" -o "$OUT/a.xlsx" --json "$OUT/a.json" --as-of 2026-01-31 --quiet >>"$OUT/sc"
      measure $BIN/airoi score "$xlsx" -o "$OUT/b.xlsx" --json "$OUT/b.json" --as-of 2026-01-31 --quiet >>"$OUT/sx"
      if [ -n "$BEFORE" ]; then
        measure "$BEFORE" score "$xlsx" -o "$OUT/c.xlsx" --json "$OUT/c.json" --as-of 2026-01-31 --quiet >>"$OUT/bx"
        paste -d' ' <(tail -n1 "$OUT/sx") <(tail -n1 "$OUT/bx") | awk '{ printf "%.3f\n", $1 / $3 }' >>"$OUT/rx"
      fi
      rm -f "$OUT"/*.xlsx "$OUT"/*.json
    done
    med() { cut -d' ' -f"${2:-1}" "$OUT/$1" | median; }
    gs=$( [ -s "$OUT/cg" ] && med cg || echo - )
    printf '\nxlsx input, %s projects (median of %s)\n' "$n" "$ROUNDS"
    printf '  reading alone: airoi reads the csv in %ss, the xlsx in %ss (%s MiB): %ss\n' \
      "$(med vc)" "$(med vx)" "$(med vx 2)" "$(awk -v x="$(med vx)" -v c="$(med vc)" 'BEGIN { printf "%+.2f", x - c }')"
    printf '  calamine alone streams its cells in %ss, with their formulas in %ss, reads it into a range in %ss\n' \
      "$(med cr)" "$(med cf)" "$gs"
    printf '  airoi score end to end: from the csv %ss, from the xlsx %ss (%s MiB): %ss\n' \
      "$(med sc)" "$(med sx)" "$(med sx 2)" "$(awk -v x="$(med sx)" -v c="$(med sc)" 'BEGIN { printf "%+.2f", x - c }')"
    if [ -n "$BEFORE" ]; then
      printf '  the earlier build scores the xlsx in %ss (%s MiB); now/before, median of the pairs: %s\n' \
        "$(med bx)" "$(med bx 2)" "$(median <"$OUT/rx")"
    fi
  done
fi

if [ -n "$LEVELS" ]; then
  csv=$(portfolio 100000)
  printf '\nzip level (floor, 100k): level seconds MiB-on-disk\n'
  for level in $LEVELS; do
    read -r s _ < <(measure $FLOOR "$csv" "$OUT/z.xlsx" - --compression "$level")
    printf '  %s %s %s\n' "$level" "$s" "$(du -m "$OUT/z.xlsx" | cut -f1)"
  done
fi

# A sheet as wide as Excel allows: the seven intake columns, then filler up
# to column 16,384, over 50 projects.
wide="$DATA/full_width.csv"
[ -s "$wide" ] || awk 'BEGIN {
  printf "Project ID,Project Name,Monthly Compute Cost,Monthly Benefit,Benefit Metric,Providers,Interaction Pattern"
  for (i = 7; i < 16384; i++) printf ",Extra Column %d", i
  print ""
  for (r = 0; r < 50; r++) {
    printf "P-%d,Good,100,400,revenue,aws:50;gcp:50,workflow_agent", r
    for (i = 7; i < 16384; i++) printf ",%d", i
    print ""
  }
}' >"$wide"
read -r s m < <(measure $BIN/airoi validate "$wide")
printf '\nfull-width sheet (16384 columns, 50 rows): airoi validate in %ss (%s MiB)\n' "$s" "$m"
