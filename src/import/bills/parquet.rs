//! FOCUS Parquet exports, read through the parquet crate's column reader
//! (its row API reads several times slower than the same data as CSV):
//! each row group a batch of rows at a time, column by column, each value
//! turned into the CSV reader's terms and each row handed to the same
//! allocation. `ChargePeriodStart` may be a TIMESTAMP, DATE, INT96 or
//! text; costs DOUBLE, FLOAT, DECIMAL, integers or text; `Tags` a JSON
//! text or a MAP of text to text (or a list of key/value structs, as
//! `BigQuery` writes one). Bad rows are counted with their 1-based row
//! number in the file.
//!
//! Codecs: airoi reads Snappy, gzip and Zstandard pages. AWS Data Exports
//! write Parquet with Snappy or gzip, Azure Cost Management's exports with
//! Snappy, `BigQuery`'s `EXPORT DATA` with Snappy (the default), gzip or
//! Zstandard; pyarrow and `DuckDB` default to Snappy and offer Zstandard. A
//! page in another codec (LZ4, Brotli) refuses the file naming it.

use std::fs::File;
use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use parquet::basic::{ConvertedType, LogicalType, TimeUnit, Type as Physical};
use parquet::data_type::Int96;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::schema::types::ColumnDescPtr;

use super::focus::{Charge, Kind, REQUIRED, month_of};
use super::read::{FileScan, not_focus};
use super::tags::{Tags as RowTags, read_tags};
use crate::model::{CostBasis, YearMonth};

pub(super) mod leaf;

use leaf::Leaf;

/// Rows read from each column at a time: memory stays a few megabytes
/// however large the row group.
pub(super) const BATCH: usize = 4096;

/// A file's `Tags`: one JSON text column, or a map's key and value leaves.
enum Tags {
    Json(Box<Leaf>),
    Map { key: Box<Leaf>, value: Box<Leaf> },
}

/// The leaves read, one per FOCUS column used.
struct Leaves {
    period: Leaf,
    cost: Leaf,
    billed: Leaf,
    currency: Leaf,
    category: Leaf,
    provider: Leaf,
    publisher: Leaf,
    service_category: Leaf,
    service: Leaf,
    sub_account: Leaf,
    resource: Leaf,
    commitment: Option<Leaf>,
    tags: Tags,
}

/// Reads a Parquet file's rows into `scan`.
pub(super) fn scan(path: &Path, scan: &mut FileScan) -> Result<(), String> {
    let file = File::open(path).map_err(|e| format!("cannot be opened: {e}"))?;
    // A damaged file must not take the run down: the parquet crate reports
    // most damage as errors, and what it does not is caught here.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_file(file, scan)));
    read.unwrap_or_else(|_| Err("is damaged: its Parquet pages cannot be decoded".into()))
}

fn read_file(file: File, scan: &mut FileScan) -> Result<(), String> {
    let reader = SerializedFileReader::new(file)
        .map_err(|e| format!("is not a readable Parquet file: {e}"))?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let mut leaves = find(schema.columns(), scan.request.basis)?;
    let damaged = |e: parquet::errors::ParquetError| format!("is damaged: {e}");
    let mut row_number: u64 = 0;
    let mut tags = RowTags::default();
    let mut map_tags: Vec<(String, String)> = Vec::new();
    let mut map_rows: Vec<Range<usize>> = Vec::new();
    for g in 0..reader.num_row_groups() {
        let group = reader.get_row_group(g).map_err(damaged)?;
        let rows = usize::try_from(group.metadata().num_rows()).unwrap_or(0);
        for leaf in leaves.all() {
            leaf.start(group.get_column_reader(leaf.index).map_err(damaged)?);
        }
        let mut done = 0;
        while done < rows {
            let want = BATCH.min(rows - done);
            for leaf in leaves.all() {
                leaf.read(want)?;
            }
            if let Tags::Map { key, value } = &leaves.tags {
                pairs(key, value, &mut map_tags, &mut map_rows)?;
            }
            for r in 0..want {
                row_number += 1;
                let row = match charge(&leaves, r, scan.request.basis) {
                    Ok(charge) => match &leaves.tags {
                        Tags::Json(leaf) => read_tags(leaf.text(r), &mut tags).map(|()| charge),
                        Tags::Map { .. } => Ok(charge),
                    },
                    Err(message) => Err(message),
                };
                let row_tags = match &leaves.tags {
                    Tags::Json(_) => tags.pairs(),
                    Tags::Map { .. } => &map_tags[map_rows[r].clone()],
                };
                match row {
                    Ok(charge) => scan.take(&charge, row_tags, row_number)?,
                    Err(message) => scan.bad_row(row_number, message),
                }
            }
            done += want;
        }
    }
    Ok(())
}

impl Leaves {
    fn all(&mut self) -> Vec<&mut Leaf> {
        let mut all = vec![
            &mut self.period,
            &mut self.cost,
            &mut self.billed,
            &mut self.currency,
            &mut self.category,
            &mut self.provider,
            &mut self.publisher,
            &mut self.service_category,
            &mut self.service,
            &mut self.sub_account,
            &mut self.resource,
        ];
        if let Some(c) = self.commitment.as_mut() {
            all.push(c);
        }
        match &mut self.tags {
            Tags::Json(leaf) => all.push(leaf),
            Tags::Map { key, value } => {
                all.push(key);
                all.push(value);
            }
        }
        all
    }
}

/// Row `r` of the batch as a charge, or why it cannot be read.
fn charge(leaves: &Leaves, r: usize, basis: CostBasis) -> Result<Charge<'_>, String> {
    let month = leaves
        .period
        .month(r)
        .map_err(|text| format!("ChargePeriodStart {text:?} is not an ISO 8601 date and time"))?;
    let column = match basis {
        CostBasis::Effective => "EffectiveCost",
        CostBasis::Billed => "BilledCost",
    };
    let cost = leaves
        .cost
        .number(r)
        .map_err(|text| format!("{column} {text:?} is not a number"))?;
    let commitment = leaves
        .commitment
        .as_ref()
        .is_some_and(|c| !c.text(r).is_empty());
    let kind = Kind::of(leaves.category.text(r), commitment, || {
        leaves.billed.number(r).unwrap_or(0.0)
    });
    Ok(Charge {
        month,
        cost,
        currency: leaves.currency.text(r),
        kind,
        provider: leaves.provider.text(r),
        publisher: leaves.publisher.text(r),
        service_category: leaves.service_category.text(r),
        service: leaves.service.text(r),
        sub_account: leaves.sub_account.text(r),
        resource: leaves.resource.text(r),
        tags: "",
    })
}

/// The leaves of the FOCUS columns used, or the refusal naming the
/// columns the file lacks (or holds in a type airoi cannot read).
fn find(columns: &[ColumnDescPtr], basis: CostBasis) -> Result<Leaves, String> {
    let flat = |name: &str| {
        columns.iter().enumerate().find(|(_, c)| {
            let parts = c.path().parts();
            parts.len() == 1 && parts[0].eq_ignore_ascii_case(name)
        })
    };
    let nested = |last: &str| {
        columns.iter().enumerate().find(|(_, c)| {
            let parts = c.path().parts();
            parts.len() > 1
                && parts[0].eq_ignore_ascii_case("Tags")
                && parts[parts.len() - 1].eq_ignore_ascii_case(last)
        })
    };
    let map = nested("key").zip(nested("value"));
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|name| flat(name).is_none() && !(*name == "Tags" && map.is_some()))
        .collect();
    if !missing.is_empty() {
        return Err(not_focus(&missing));
    }
    let leaf = |name: &'static str, kind: leaf::Role| {
        let (index, descr) = flat(name).unwrap_or_else(|| unreachable!("checked above"));
        Leaf::new(name, index, descr.clone(), kind)
    };
    let cost_column = match basis {
        CostBasis::Effective => "EffectiveCost",
        CostBasis::Billed => "BilledCost",
    };
    let tags = match (flat("Tags"), map) {
        (Some(_), _) => Tags::Json(Box::new(leaf("Tags", leaf::Role::Text)?)),
        (None, Some(((k, key), (v, value)))) => Tags::Map {
            key: Box::new(Leaf::new("Tags", k, key.clone(), leaf::Role::Text)?),
            value: Box::new(Leaf::new("Tags", v, value.clone(), leaf::Role::Text)?),
        },
        (None, None) => unreachable!("checked above"),
    };
    Ok(Leaves {
        period: leaf("ChargePeriodStart", leaf::Role::Time)?,
        cost: leaf(cost_column, leaf::Role::Number)?,
        billed: leaf("BilledCost", leaf::Role::Number)?,
        currency: leaf("BillingCurrency", leaf::Role::Text)?,
        category: leaf("ChargeCategory", leaf::Role::Text)?,
        provider: leaf("ProviderName", leaf::Role::Text)?,
        publisher: leaf("PublisherName", leaf::Role::Text)?,
        service_category: leaf("ServiceCategory", leaf::Role::Text)?,
        service: leaf("ServiceName", leaf::Role::Text)?,
        sub_account: leaf("SubAccountId", leaf::Role::Text)?,
        resource: leaf("ResourceId", leaf::Role::Text)?,
        commitment: flat("CommitmentDiscountId")
            .map(|(i, d)| Leaf::new("CommitmentDiscountId", i, d.clone(), leaf::Role::Text))
            .transpose()?,
        tags,
    })
}

/// A batch's map entries as (key, value) pairs in lower case, as JSON
/// tags are read, and each row's range of them.
fn pairs(
    key: &Leaf,
    value: &Leaf,
    out: &mut Vec<(String, String)>,
    rows: &mut Vec<Range<usize>>,
) -> Result<(), String> {
    out.clear();
    rows.clear();
    let (kd, kr) = key.levels();
    let (vd, _) = value.levels();
    if kd.len() != vd.len() || kr.len() != kd.len() {
        return Err("is damaged: its Tags keys and values do not line up".into());
    }
    let (key_max, value_max) = (key.max_def(), value.max_def());
    let (mut k, mut v) = (0, 0);
    for i in 0..kd.len() {
        if kr[i] == 0 {
            if let Some(last) = rows.last_mut() {
                last.end = out.len();
            }
            rows.push(out.len()..out.len());
        }
        if kd[i] == key_max {
            let text = if vd[i] == value_max {
                v += 1;
                value.value_text(v - 1)
            } else {
                ""
            };
            out.push((key.value_text(k).to_lowercase(), text.to_lowercase()));
            k += 1;
        } else if vd[i] == value_max {
            v += 1;
        }
    }
    if let Some(last) = rows.last_mut() {
        last.end = out.len();
    }
    Ok(())
}

/// The calendar month in UTC of a timestamp in `unit`s since the epoch.
fn month_of_timestamp(value: i64, unit: TimeUnit) -> Option<YearMonth> {
    let t = match unit {
        TimeUnit::MILLIS => DateTime::from_timestamp_millis(value),
        TimeUnit::MICROS => DateTime::from_timestamp_micros(value),
        TimeUnit::NANOS => Some(DateTime::from_timestamp_nanos(value)),
    }?;
    Some(YearMonth {
        year: t.year(),
        month: t.month(),
    })
}

/// The calendar month of a DATE (days since 1970-01-01).
fn month_of_days(days: i32) -> Option<YearMonth> {
    let d = NaiveDate::from_ymd_opt(1970, 1, 1)?
        .checked_add_signed(chrono::TimeDelta::try_days(i64::from(days))?)?;
    Some(YearMonth {
        year: d.year(),
        month: d.month(),
    })
}

/// The calendar month of an INT96 timestamp (Impala's and old Spark's).
fn month_of_int96(value: &Int96) -> YearMonth {
    let t: NaiveDateTime = DateTime::from_timestamp_nanos(value.to_nanos()).naive_utc();
    YearMonth {
        year: t.year(),
        month: t.month(),
    }
}

/// A DECIMAL's unscaled big-endian two's-complement bytes, scaled.
fn decimal_bytes(bytes: &[u8], scale: i32) -> Option<f64> {
    if bytes.is_empty() || bytes.len() > 16 {
        return None;
    }
    let fill = if bytes[0] & 0x80 == 0 { 0 } else { 0xff };
    let mut be = [fill; 16];
    be[16 - bytes.len()..].copy_from_slice(bytes);
    Some(scaled(i128::from_be_bytes(be) as f64, scale))
}

/// An unscaled decimal divided by ten to the `scale`, rounded once as
/// parsing its text would be.
fn scaled(unscaled: f64, scale: i32) -> f64 {
    if scale > 0 {
        unscaled / 10f64.powi(scale)
    } else {
        unscaled * 10f64.powi(-scale)
    }
}

/// Whether a column's type says it holds a timestamp, and in what unit.
fn timestamp_unit(descr: &ColumnDescPtr) -> Option<TimeUnit> {
    match descr.logical_type_ref() {
        Some(LogicalType::Timestamp { unit, .. }) => Some(*unit),
        _ => match descr.converted_type() {
            ConvertedType::TIMESTAMP_MILLIS => Some(TimeUnit::MILLIS),
            ConvertedType::TIMESTAMP_MICROS => Some(TimeUnit::MICROS),
            _ => None,
        },
    }
}

/// A column's decimal scale, if its type is DECIMAL.
fn decimal_scale(descr: &ColumnDescPtr) -> Option<i32> {
    match descr.logical_type_ref() {
        Some(LogicalType::Decimal { scale, .. }) => Some(*scale),
        _ => (descr.converted_type() == ConvertedType::DECIMAL).then(|| descr.type_scale()),
    }
}

/// Text for a value of a month column that did not read.
fn shown(physical: Physical, text: &str) -> String {
    match physical {
        Physical::BYTE_ARRAY | Physical::FIXED_LEN_BYTE_ARRAY => text.to_string(),
        _ => format!("{text} ({physical})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_scale_as_their_text_would_parse() {
        // Bit for bit: Parquet and CSV bills must add up to the same cent.
        let bits = |v: Option<f64>| v.map(f64::to_bits);
        assert_eq!(bits(decimal_bytes(&[0x30, 0x39], 2)), bits(Some(123.45)));
        assert_eq!(bits(decimal_bytes(&[0xcf, 0xc7], 2)), bits(Some(-123.45)));
        assert_eq!(
            scaled(1_234_567.0, 4).to_bits(),
            "123.4567".parse::<f64>().unwrap().to_bits()
        );
    }

    #[test]
    fn timestamps_and_dates_give_calendar_months_in_utc() {
        // 2026-05-31T23:00:00Z in microseconds.
        let micros = 1_780_268_400_000_000;
        let may = Some(YearMonth {
            year: 2026,
            month: 5,
        });
        assert_eq!(month_of_timestamp(micros, TimeUnit::MICROS), may);
        assert_eq!(month_of_days(20_604), may);
        assert_eq!(month_of("2026-05-31T23:00:00Z"), may);
    }
}
