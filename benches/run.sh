#!/usr/bin/env bash
# End-to-end benchmark: `airoi score` (graded workbook + JSON) against the
# floor (benches/floor.rs: the same cells, same libraries, no product logic)
# on generated portfolios, floor and airoi back to back at each size so that
# noise from other work on the machine hits both alike.
#
#   benches/run.sh                 # 10k, 100k and 1M projects
#   SIZES="10000 100000" benches/run.sh
#   XLSX=0 benches/run.sh          # skip the xlsx-input measurement
#   LEVELS="1 3 6" benches/run.sh  # also time the floor at these zip levels (100k)
#
# Portfolios are cached under target/bench-data/ (same seed, same bytes).
# Peak memory is /usr/bin/time's "Maximum resident set size".
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000 1000000"}
XLSX=${XLSX:-1}
LEVELS=${LEVELS:-}
DATA=target/bench-data
OUT=$(mktemp -d "${TMPDIR:-/tmp}/airoi-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 || { echo "run.sh needs /usr/bin/time (apt-get install time)"; exit 2; }
fi
nice cargo build --release --quiet --bin airoi --example airoi-gen --example airoi-floor
BIN=target/release
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

printf '\n%-9s %9s %9s %9s %9s %7s\n' projects floor_s floor_MiB airoi_s airoi_MiB ratio
for n in $SIZES; do
  csv=$(portfolio "$n")
  read -r fs fm < <(measure $FLOOR "$csv" "$OUT/floor.xlsx" "$OUT/floor.json")
  read -r as am < <(measure $BIN/airoi score "$csv" -o "$OUT/airoi.xlsx" --json "$OUT/airoi.json" --as-of 2026-01-31 --quiet)
  ratio=$(awk -v a="$as" -v f="$fs" 'BEGIN { printf "%.2f", a / f }')
  printf '%-9s %9s %9s %9s %9s %7s\n' "$n" "$fs" "$fm" "$as" "$am" "$ratio"
  rm -f "$OUT"/*.xlsx "$OUT"/*.json
done

if [ "$XLSX" = 1 ]; then
  n=100000
  csv=$(portfolio $n)
  xlsx="$DATA/p$n.xlsx"
  [ -s "$xlsx" ] || $GEN --projects $n --seed 7 --xlsx "$xlsx"
  # Reading alone (`validate`) isolates the input's cost from the outputs'.
  read -r cs _ < <(measure $BIN/airoi validate "$csv")
  read -r xs xm < <(measure $BIN/airoi validate "$xlsx")
  read -r rs _ < <(measure $FLOOR --read-xlsx "$xlsx")
  extra=$(awk -v x="$xs" -v c="$cs" 'BEGIN { printf "%.2f", x - c }')
  printf '\nxlsx input, %s projects: airoi reads the csv in %ss, the xlsx in %ss (%s MiB): +%ss; calamine alone reads the xlsx in %ss\n' \
    $n "$cs" "$xs" "$xm" "$extra" "$rs"
  read -r es em < <(measure $BIN/airoi score "$xlsx" -o "$OUT/b.xlsx" --json "$OUT/b.json" --as-of 2026-01-31 --quiet)
  printf 'airoi score from the xlsx, end to end: %ss, %s MiB\n' "$es" "$em"
fi

if [ -n "$LEVELS" ]; then
  csv=$(portfolio 100000)
  printf '\nzip level (floor, 100k): level seconds MiB-on-disk\n'
  for level in $LEVELS; do
    read -r s _ < <(measure $FLOOR "$csv" "$OUT/z.xlsx" "$OUT/z.json" --compression "$level")
    printf '  %s %s %s\n' "$level" "$s" "$(du -m "$OUT/z.xlsx" | cut -f1)"
  done
fi
