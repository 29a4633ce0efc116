#!/usr/bin/env bash
# What the confidence figures cost: `airoi score` (graded workbook + JSON) on
# a generated portfolio with and without the simulated odds
# (`--no-simulation`), and with and without the scenarios
# (`--no-scenarios`). Each "with" run and its "without" run go back to back
# as a pair, the pair's order alternating (with first, then without first),
# so that the machine's drift hits both alike; the median of the pairs'
# ratios is the figure to read, beside the median times.
#
#   benches/confidence.sh                      # 100k projects, 5 pairs each
#   PAIRS=7 PROJECTS=10000 benches/confidence.sh
#   ONLY=simulation benches/confidence.sh      # one comparison: simulation or scenarios
#   BEFORE=old/airoi benches/confidence.sh     # also: this build against an earlier one
#
# BEFORE names an airoi binary built from an earlier commit: it is paired
# with this build, both drawing, on the same file. Portfolios are cached
# under target/bench-data/ (same seed, same bytes). Wall, CPU (user +
# system) and peak memory come from /usr/bin/time; the load average is
# printed before and after, as other work on the machine moves every time.
set -euo pipefail
cd "$(dirname "$0")/.."

PROJECTS=${PROJECTS:-100000}
PAIRS=${PAIRS:-5}
ONLY=${ONLY:-"simulation scenarios"}
BEFORE=${BEFORE:-}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=$TARGET/bench-data
OUT=$(mktemp -d "${TMPDIR:-/tmp}/airoi-confidence.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

[ -x /usr/bin/time ] || { echo "confidence.sh needs /usr/bin/time (apt-get install time)"; exit 2; }
nice cargo build --release --quiet --bin airoi --example airoi-gen
AIROI=$TARGET/release/airoi
mkdir -p "$DATA"
CSV=$DATA/p$PROJECTS.csv
[ -s "$CSV" ] || "$TARGET/release/examples/airoi-gen" --projects "$PROJECTS" --seed 7 --csv "$CSV"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# One run of `airoi score` with the extra arguments; appends "wall cpu MiB".
run() {
    local into=$1 bin=$2
    shift 2
    nice /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$bin" score "$CSV" -o "$OUT/g.xlsx" \
        --json "$OUT/g.json" --as-of 2026-01-31 -q --force "$@" >/dev/null 2>"$OUT/err" || {
        local rc=$?
        # airoi exits 1 when rows were rejected: that is a finished run.
        if [ "$rc" -ne 1 ]; then cat "$OUT/err" >&2; return "$rc"; fi
    }
    awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$OUT/time" >>"$into"
    rm -f "$OUT/g.xlsx" "$OUT/g.json"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Pairs of (A, B): A's binary and arguments, then B's, as two strings.
compare() {
    local name=$1 a_bin=$2 a_args=$3 b_bin=$4 b_args=$5
    : >"$OUT/a"; : >"$OUT/b"; : >"$OUT/r"
    printf '\n%s, %s projects, %s pairs (A: %s; B: %s)\n' "$name" "$PROJECTS" "$PAIRS" \
        "${a_args:-defaults}" "${b_args:-defaults}"
    printf '%5s %8s %8s %8s %8s %8s\n' pair A_wall B_wall A/B A_cpu B_cpu
    for i in $(seq "$PAIRS"); do
        # shellcheck disable=SC2086 # the arguments are words
        if [ $((i % 2)) = 1 ]; then
            run "$OUT/a" "$a_bin" $a_args; run "$OUT/b" "$b_bin" $b_args
        else
            run "$OUT/b" "$b_bin" $b_args; run "$OUT/a" "$a_bin" $a_args
        fi
        paste -d' ' <(tail -n1 "$OUT/a") <(tail -n1 "$OUT/b") |
            awk -v i="$i" '{ printf "%5d %8.2f %8.2f %8.3f %8.2f %8.2f\n", i, $1, $4, $1 / $4, $2, $5 }' |
            tee -a "$OUT/pairs"
        tail -n1 "$OUT/pairs" | awk '{ print $4 }' >>"$OUT/r"
    done
    printf 'median: A %s s wall, %s s CPU, %s MiB; B %s s wall, %s s CPU, %s MiB; A/B %s (%s-%s)\n' \
        "$(cut -d' ' -f1 "$OUT/a" | median)" "$(cut -d' ' -f2 "$OUT/a" | median)" \
        "$(cut -d' ' -f3 "$OUT/a" | median)" "$(cut -d' ' -f1 "$OUT/b" | median)" \
        "$(cut -d' ' -f2 "$OUT/b" | median)" "$(cut -d' ' -f3 "$OUT/b" | median)" \
        "$(median <"$OUT/r")" "$(sort -n "$OUT/r" | head -n1)" "$(sort -n "$OUT/r" | tail -n1)"
}

for what in $ONLY; do
    case $what in
    simulation) compare "simulation" "$AIROI" "" "$AIROI" "--no-simulation" ;;
    scenarios) compare "scenarios" "$AIROI" "" "$AIROI" "--no-scenarios" ;;
    *) echo "ONLY takes simulation and/or scenarios, not $what"; exit 2 ;;
    esac
done
[ -z "$BEFORE" ] || compare "this build against $BEFORE" "$AIROI" "" "$BEFORE" ""
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
