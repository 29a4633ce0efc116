#!/usr/bin/env bash
# FOCUS bills: `airoi score --bills` reading generated exports (CSV and
# Parquet, benches/gen_bills.py) against DuckDB running the query `airoi
# bills-sql --dialect duckdb` writes over the same file
# (benches/bills_duckdb.py). Each round runs the pair back to back, A then
# B; ROUNDS (default 3) rounds, medians kept, and the median of the
# pairwise A/B ratios. Wall and CPU (user + system) seconds and peak
# memory from /usr/bin/time.
#
#   benches/bills.sh                                # 100k and 1M rows
#   ROWS=5000000 DATA=/big/disk benches/bills.sh    # 5M rows: 4.2 GB of CSV
#   BEFORE=old/airoi ROWS=1000000 ROUNDS=5 benches/bills.sh
#                                 # an earlier build against this one
#
# PY is a Python with pyarrow and duckdb; without one, a virtual
# environment is made in target/bench-venv. Files are kept in DATA
# (default target/bench-data/bills; same seed, same bytes).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-"100000 1000000"}
ROUNDS=${ROUNDS:-3}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=${DATA:-$TARGET/bench-data/bills}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/airoi-bills.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
PY=${PY:-python3}
if ! "$PY" -c "import pyarrow, duckdb" 2>/dev/null; then
    [ -x "$TARGET/bench-venv/bin/python" ] || {
        python3 -m venv "$TARGET/bench-venv"
        "$TARGET/bench-venv/bin/pip" install -q pyarrow duckdb
    }
    PY=$TARGET/bench-venv/bin/python
fi

if [ -z "${AIROI:-}" ]; then
    cargo build --release --quiet
    AIROI=$TARGET/release/airoi
fi
mkdir -p "$DATA"
"$PY" benches/gen_bills.py --projects "$DATA/projects.csv" --fx "$DATA/fx.csv"
"$AIROI" bills-sql "$DATA/projects.csv" --dialect duckdb --fx "$DATA/fx.csv" >"$OUT/query.sql"

# One run: "wall cpu peak-MiB", appended to the file named first.
timed() {
    local into=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$@" >/dev/null 2>"$OUT/err" || {
        cat "$OUT/err" >&2
        return 1
    }
    awk '{ printf "%s %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$OUT/time" >>"$into"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
column() { cut -d' ' -f"$2" "$1" | median; }

airoi() {
    local bin=$1 file=$2
    timed "$3" "$bin" score "$DATA/projects.csv" --as-of 2026-01-31 --fx "$DATA/fx.csv" \
        --bills "$file" -q --force -o "$OUT/g.xlsx" --json "$OUT/g.json"
}
duckdb() { timed "$2" "$PY" benches/bills_duckdb.py "$OUT/query.sql" "$1"; }

printf '| rows | file | A | B | A wall | A CPU | A peak | B wall | B CPU | B peak | A/B wall (median of pairs) |\n'
printf '|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n'
for n in $ROWS; do
    csv=$DATA/bills-$n.csv
    parquet=$DATA/bills-$n.parquet
    [ -f "$csv" ] && [ -f "$parquet" ] ||
        "$PY" benches/gen_bills.py --rows "$n" --csv "$csv" --parquet "$parquet"
    pairs=("csv airoi duckdb" "parquet airoi duckdb")
    [ -n "${BEFORE:-}" ] && pairs=("csv airoi before" "parquet airoi before")
    for pair in "${pairs[@]}"; do
        read -r ext a b <<<"$pair"
        file=$DATA/bills-$n.$ext
        : >"$OUT/a"
        : >"$OUT/b"
        for _ in $(seq "$ROUNDS"); do
            airoi "$AIROI" "$file" "$OUT/a"
            case $b in
                duckdb) duckdb "$file" "$OUT/b" ;;
                before) airoi "$BEFORE" "$file" "$OUT/b" ;;
            esac
        done
        ratio=$(paste -d' ' "$OUT/a" "$OUT/b" | awk '{ print $1 / $4 }' | median)
        printf '| %s | %s (%s MB) | %s | %s | %s s | %s s | %s MiB | %s s | %s s | %s MiB | %.2f |\n' \
            "$n" "$ext" "$(($(stat -c %s "$file") / 1000000))" "$a" "$b" \
            "$(column "$OUT/a" 1)" "$(column "$OUT/a" 2)" "$(column "$OUT/a" 3)" \
            "$(column "$OUT/b" 1)" "$(column "$OUT/b" 2)" "$(column "$OUT/b" 3)" "$ratio"
    done
done
