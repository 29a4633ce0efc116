"""The yardstick for benches/bills.sh: DuckDB runs the query `airoi
bills-sql --dialect duckdb` writes (the same rules, cost basis, months in
UTC, tax and commitment purchases left out, bad rows counted) over one
FOCUS file, CSV or Parquet, as a warehouse would.

    python benches/bills_duckdb.py QUERY.sql FILE
"""

import sys

import duckdb

query_path, path = sys.argv[1], sys.argv[2]
with open(query_path, encoding="utf-8") as f:
    query = f.read()
quoted = path.replace("'", "''")
source = f"read_parquet('{quoted}')" if path.endswith(".parquet") else f"read_csv('{quoted}')"
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute(f"CREATE VIEW focus AS SELECT * FROM {source}")
rows = con.execute(query).fetchall()
print(len(rows), "result rows")
