"""The yardstick for benches/bills.sh: DuckDB sums EffectiveCost by project
tag and month over a FOCUS file (CSV or Parquet), as airoi's reading does:
the project tag under each cloud's spelling of its key, months of
ChargePeriodStart in UTC, commitment purchases left out, tax left out.

    python benches/bills_duckdb.py FILE
"""

import sys

import duckdb

path = sys.argv[1]
source = f"read_parquet('{path}')" if path.endswith(".parquet") else f"read_csv('{path}')"
query = f"""
SELECT lower(coalesce(json_extract_string(Tags, '$."ai-project"'),
                      json_extract_string(Tags, '$."AI-Project"'))) AS project,
       strftime(ChargePeriodStart::TIMESTAMPTZ AT TIME ZONE 'UTC', '%Y-%m') AS month,
       sum(EffectiveCost) AS cost
FROM {source}
WHERE ChargeCategory <> 'Tax'
  AND NOT (ChargeCategory = 'Purchase' AND coalesce(CommitmentDiscountId, '') <> '')
GROUP BY ALL
"""
duckdb.sql("SET TimeZone = 'UTC'")
rows = duckdb.sql(query).fetchall()
print(len(rows), "project-months,", round(sum(r[2] for r in rows), 2), "in bill currencies")
