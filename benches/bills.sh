#!/usr/bin/env bash
# FOCUS bills: `airoi score --bills` reading generated exports (CSV and
# Parquet, benches/gen_bills.py) against DuckDB summing the same file by
# project tag and month (benches/bills_duckdb.py), back to back in each
# round; ROUNDS (default 3) rounds, medians kept. Wall seconds and peak
# memory from /usr/bin/time.
#
#   benches/bills.sh                       # 100k and 1M rows
#   ROWS="5000000" benches/bills.sh        # 5M rows (about 4.4 GB of CSV)
#
# PY is a Python with pyarrow and duckdb; without one, a virtual
# environment is made in target/bench-venv. Files are cached under
# target/bench-data/bills/ (same seed, same bytes).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-"100000 1000000"}
ROUNDS=${ROUNDS:-3}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=$TARGET/bench-data/bills
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

cargo build --release --quiet
AIROI=$TARGET/release/airoi
mkdir -p "$DATA"
"$PY" benches/gen_bills.py --projects "$DATA/projects.csv" --fx "$DATA/fx.csv"

# Seconds and peak MiB of one command, as "S MIB".
timed() {
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >/dev/null 2>"$OUT/err" || {
        cat "$OUT/err" >&2
        return 1
    }
    awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$OUT/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '| rows | file | airoi | airoi peak | DuckDB | DuckDB peak | ratio |\n'
printf '|---:|---|---:|---:|---:|---:|---:|\n'
for n in $ROWS; do
    for ext in csv parquet; do
        file=$DATA/bills-$n.$ext
        [ -f "$file" ] || "$PY" benches/gen_bills.py --rows "$n" "--$ext" "$file"
        : >"$OUT/a"
        : >"$OUT/d"
        for _ in $(seq "$ROUNDS"); do
            timed "$AIROI" score "$DATA/projects.csv" --as-of 2026-01-31 --fx "$DATA/fx.csv" \
                --bills "$file" -q -o "$OUT/g.xlsx" --json "$OUT/g.json" >>"$OUT/a"
            timed "$PY" benches/bills_duckdb.py "$file" >>"$OUT/d"
        done
        a=$(cut -d' ' -f1 "$OUT/a" | median)
        am=$(cut -d' ' -f2 "$OUT/a" | median)
        d=$(cut -d' ' -f1 "$OUT/d" | median)
        dm=$(cut -d' ' -f2 "$OUT/d" | median)
        printf '| %s | %s (%s MB) | %s s | %s MiB | %s s | %s MiB | %.2f |\n' "$n" "$ext" \
            "$(( $(stat -c %s "$file") / 1000000 ))" "$a" "$am" "$d" "$dm" \
            "$(echo "$a / $d" | bc -l)"
    done
done
