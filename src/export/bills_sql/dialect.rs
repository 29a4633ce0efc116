//! What differs between the warehouses the bills query is written for:
//! string literals and their escapes, the FOCUS columns read as text,
//! number and UTC month, the `Tags` JSON, `LIKE`'s escape and the sorted
//! list of a conflict's projects. Everything else in the query is SQL all
//! four read alike.

/// A SQL dialect `airoi bills-sql` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    /// Apache Spark SQL (Databricks): `Tags` a JSON string, the session
    /// time zone UTC (`spark.sql.session.timeZone`, Databricks' default).
    Spark,
    /// Google BigQuery: `Tags` of type JSON, as Google's FOCUS view
    /// writes it.
    Bigquery,
    /// Snowflake: `Tags` an OBJECT or VARIANT, columns named in FOCUS's
    /// mixed case (quoted).
    Snowflake,
    /// DuckDB: `Tags` a JSON string (as in a CSV or Parquet export).
    Duckdb,
}

impl Dialect {
    /// The dialect's name, as `--dialect` takes it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Spark => "spark",
            Dialect::Bigquery => "bigquery",
            Dialect::Snowflake => "snowflake",
            Dialect::Duckdb => "duckdb",
        }
    }

    /// What the query assumes of the table, for its opening comment.
    #[must_use]
    pub fn assumptions(self) -> &'static str {
        match self {
            Dialect::Spark => {
                "Spark SQL (Databricks): FOCUS columns by their FOCUS names; Tags a JSON \
                 string; ChargePeriodStart a timestamp or ISO 8601 text, months taken in \
                 the session time zone, which must be UTC (Databricks' default)."
            }
            Dialect::Bigquery => {
                "BigQuery: FOCUS columns by their FOCUS names (Google's FOCUS view); Tags \
                 of type JSON (for a STRING column, write Tags for TO_JSON_STRING(Tags)); \
                 months taken in UTC."
            }
            Dialect::Snowflake => {
                "Snowflake: FOCUS columns quoted in FOCUS's mixed case (\"ProviderName\"); \
                 Tags an OBJECT or VARIANT; ChargePeriodStart a timestamp or ISO 8601 \
                 text, months taken in UTC."
            }
            Dialect::Duckdb => {
                "DuckDB: FOCUS columns by their FOCUS names, read as text or typed (a CSV \
                 or Parquet export); Tags a JSON string; months taken in UTC (text without \
                 an offset is read in the session time zone: SET TimeZone = 'UTC')."
            }
        }
    }

    /// A string literal holding `text`.
    #[must_use]
    pub fn literal(self, text: &str) -> String {
        match self {
            Dialect::Duckdb => format!("'{}'", text.replace('\'', "''")),
            Dialect::Snowflake => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "''")),
            Dialect::Spark | Dialect::Bigquery => {
                format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
    }

    /// A FOCUS column, as the table names it.
    #[must_use]
    pub fn column(self, name: &str) -> String {
        match self {
            Dialect::Snowflake => format!("\"{name}\""),
            _ => name.to_string(),
        }
    }

    fn string_type(self) -> &'static str {
        match self {
            Dialect::Spark | Dialect::Bigquery => "STRING",
            Dialect::Snowflake | Dialect::Duckdb => "VARCHAR",
        }
    }

    /// The type of amounts.
    #[must_use]
    pub fn double_type(self) -> &'static str {
        match self {
            Dialect::Bigquery => "FLOAT64",
            _ => "DOUBLE",
        }
    }

    /// A typed NULL of text.
    #[must_use]
    pub fn null_text(self) -> String {
        format!("CAST(NULL AS {})", self.string_type())
    }

    /// A column read as trimmed text, empty when null.
    #[must_use]
    pub fn text(self, name: &str) -> String {
        format!(
            "COALESCE(TRIM(CAST({} AS {})), '')",
            self.column(name),
            self.string_type()
        )
    }

    /// A cost column as a number, NULL when it does not read as one.
    #[must_use]
    pub fn number(self, name: &str) -> String {
        let c = self.column(name);
        match self {
            Dialect::Duckdb | Dialect::Spark => format!("TRY_CAST({c} AS DOUBLE)"),
            Dialect::Bigquery => format!("SAFE_CAST({c} AS FLOAT64)"),
            Dialect::Snowflake => format!("TRY_TO_DOUBLE(TO_VARCHAR({c}))"),
        }
    }

    /// The calendar month (`2026-05`) of `ChargePeriodStart` in UTC, NULL
    /// when it does not read as a date and time.
    #[must_use]
    pub fn month(self) -> String {
        let c = self.column("ChargePeriodStart");
        match self {
            Dialect::Duckdb => format!(
                "strftime(timezone('UTC', TRY_CAST(CAST({c} AS VARCHAR) AS TIMESTAMPTZ)), '%Y-%m')"
            ),
            Dialect::Spark => format!("date_format(TRY_CAST({c} AS TIMESTAMP), 'yyyy-MM')"),
            Dialect::Bigquery => {
                format!("FORMAT_TIMESTAMP('%Y-%m', SAFE_CAST({c} AS TIMESTAMP), 'UTC')")
            }
            Dialect::Snowflake => format!(
                "TO_CHAR(CONVERT_TIMEZONE('UTC', TRY_TO_TIMESTAMP_TZ(TO_VARCHAR({c}))), 'YYYY-MM')"
            ),
        }
    }

    /// The `Tags` as JSON text in lower case (keys and values compare
    /// ignoring case), empty when there are none.
    #[must_use]
    pub fn tags_lower(self) -> String {
        let c = self.column("Tags");
        match self {
            Dialect::Duckdb | Dialect::Spark => {
                format!(
                    "LOWER(COALESCE(TRIM(CAST({c} AS {})), ''))",
                    self.string_type()
                )
            }
            Dialect::Bigquery => format!("LOWER(COALESCE(TO_JSON_STRING({c}), ''))"),
            Dialect::Snowflake => format!("LOWER(COALESCE(TO_JSON({c}), ''))"),
        }
    }

    /// Whether the lowered tags text `tags` is empty or a JSON object.
    #[must_use]
    pub fn tags_ok(self, tags: &str) -> String {
        let object = match self {
            Dialect::Duckdb => {
                format!(
                    "(json_valid({tags}) AND json_type(CASE WHEN json_valid({tags}) THEN {tags} END) = 'OBJECT')"
                )
            }
            Dialect::Spark => format!("from_json({tags}, 'map<string,string>') IS NOT NULL"),
            Dialect::Bigquery => format!("JSON_TYPE(SAFE.PARSE_JSON({tags})) = 'object'"),
            Dialect::Snowflake => format!("IS_OBJECT(TRY_PARSE_JSON({tags}))"),
        };
        match self {
            // A JSON column's SQL NULL is written `null`: no tags. In a
            // text column, as in a CSV export, `null` is no JSON object.
            Dialect::Bigquery | Dialect::Snowflake => {
                format!("({tags} = '' OR {tags} = 'null' OR {object})")
            }
            Dialect::Duckdb | Dialect::Spark => format!("({tags} = '' OR {object})"),
        }
    }

    /// The value of tag `key` (lower case) in the lowered tags text `tags`,
    /// as text; NULL without it.
    #[must_use]
    pub fn tag_value(self, tags: &str, key: &str) -> String {
        let quoted = key.replace('\\', "\\\\").replace('"', "\\\"");
        match self {
            Dialect::Duckdb => format!(
                "CASE WHEN json_valid({tags}) THEN json_extract_string({tags}, {}) END",
                self.literal(&format!("$.\"{quoted}\""))
            ),
            Dialect::Spark => format!(
                "get_json_object({tags}, {})",
                self.literal(&format!("$['{}']", key.replace('\'', "\\'")))
            ),
            Dialect::Bigquery => format!(
                "JSON_VALUE(SAFE.PARSE_JSON({tags}), {})",
                self.literal(&format!("$.\"{quoted}\""))
            ),
            Dialect::Snowflake => format!(
                "TO_VARCHAR(GET(TRY_PARSE_JSON({tags}), {}))",
                self.literal(key)
            ),
        }
    }

    /// The character that escapes `%`, `_` and itself in a `LIKE` pattern.
    pub const LIKE_ESCAPE: char = '\\';

    /// `text LIKE pattern`, the pattern escaped with [`Self::LIKE_ESCAPE`].
    #[must_use]
    pub fn like(self, text: &str, pattern: &str) -> String {
        match self {
            // BigQuery and Spark escape with a backslash unasked.
            Dialect::Bigquery | Dialect::Spark => format!("{text} LIKE {pattern}"),
            Dialect::Duckdb | Dialect::Snowflake => {
                format!("{text} LIKE {pattern} ESCAPE {}", self.literal("\\"))
            }
        }
    }

    /// A 64-bit hash of `columns`: the key of a group of charges. A
    /// `ROW_NUMBER() OVER ()` would number them on one worker; two groups
    /// of ten million share a hash with odds of one in 300,000.
    #[must_use]
    pub fn hash(self, columns: &[&str]) -> String {
        let list = columns.join(", ");
        match self {
            Dialect::Duckdb => format!("hash({list})"),
            Dialect::Spark => format!("xxhash64({list})"),
            Dialect::Bigquery => format!("FARM_FINGERPRINT(TO_JSON_STRING(STRUCT({list})))"),
            Dialect::Snowflake => format!("HASH({list})"),
        }
    }

    /// The distinct values of `column` in a group, sorted and joined by
    /// `separator`.
    #[must_use]
    pub fn sorted_list(self, column: &str, separator: char) -> String {
        let sep = self.literal(&separator.to_string());
        match self {
            Dialect::Duckdb | Dialect::Bigquery => {
                format!("STRING_AGG({column}, {sep} ORDER BY {column})")
            }
            Dialect::Spark => format!("array_join(array_sort(collect_list({column})), {sep})"),
            Dialect::Snowflake => {
                format!("LISTAGG({column}, {sep}) WITHIN GROUP (ORDER BY {column})")
            }
        }
    }
}
