"""Runs the queries `airoi bills-sql` writes, for tests/bills_sql.rs.

    python bills_sql.py duckdb QUERY.sql OUT.csv BILL...   run it in DuckDB over
        FOCUS CSV/CSV.gz files (the table `focus`, every column read as text,
        as a CSV export holds it) and write the result as CSV, or as Parquet
        when OUT ends in `.parquet` (`COPY ... (FORMAT PARQUET)`);
    python bills_sql.py duckdb-rules QUERY.sql OUT.csv RULES.csv BILL...   the
        same, the rules CSV loaded as the table `airoi_rules`;
    python bills_sql.py to-parquet IN.csv OUT.parquet [DROP_COLUMN]   write a
        result CSV as Parquet, every column as text, leaving a column out;
    python bills_sql.py parse DIALECT QUERY.sql   parse it with sqlglot in that
        dialect, failing on any error.
"""

import sys


def run_duckdb(query_path, out_path, bills, rules=None):
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    files = ", ".join("'" + b.replace("'", "''") + "'" for b in bills)
    con.execute(
        f"CREATE VIEW focus AS SELECT * FROM read_csv([{files}], all_varchar = true, "
        "union_by_name = true, header = true)"
    )
    if rules is not None:
        rules = rules.replace("'", "''")
        con.execute(
            f"CREATE TABLE airoi_rules AS SELECT * FROM read_csv('{rules}', header = true, "
            "types = {'project_id': 'VARCHAR', 'rule': 'VARCHAR', 'tag_key': 'VARCHAR', "
            "'value': 'VARCHAR', 'kind': 'VARCHAR', 'share': 'DOUBLE'})"
        )
    with open(query_path, encoding="utf-8") as f:
        query = f.read()
    out = out_path.replace("'", "''")
    if out_path.endswith(".parquet"):
        con.execute(f"COPY ({query}) TO '{out}' (FORMAT PARQUET)")
    else:
        con.execute(f"COPY ({query}) TO '{out}' (HEADER, DELIMITER ',')")


def to_parquet(csv_path, out_path, drop=None):
    import duckdb

    con = duckdb.connect()
    src = csv_path.replace("'", "''")
    out = out_path.replace("'", "''")
    columns = f"* EXCLUDE ({drop})" if drop else "*"
    con.execute(
        f"COPY (SELECT {columns} FROM read_csv('{src}', all_varchar = true, header = true)) "
        f"TO '{out}' (FORMAT PARQUET)"
    )


def parse(dialect, query_path):
    import sqlglot

    with open(query_path, encoding="utf-8") as f:
        query = f.read()
    sqlglot.parse_one(query, read=dialect, error_level=sqlglot.ErrorLevel.RAISE)


def main():
    mode = sys.argv[1]
    if mode == "duckdb":
        run_duckdb(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif mode == "duckdb-rules":
        run_duckdb(sys.argv[2], sys.argv[3], sys.argv[5:], rules=sys.argv[4])
    elif mode == "to-parquet":
        to_parquet(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    elif mode == "parse":
        parse(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
