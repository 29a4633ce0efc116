//! One Parquet leaf column read a batch at a time, and its values read as
//! FOCUS reads them: text, a number or a month.

use parquet::basic::{TimeUnit, Type as Physical};
use parquet::column::reader::ColumnReader;
use parquet::data_type::{ByteArray, FixedLenByteArray, Int96};
use parquet::schema::types::ColumnDescPtr;

use super::{
    decimal_bytes, decimal_scale, month_of, month_of_days, month_of_int96, month_of_timestamp,
    scaled, shown, timestamp_unit,
};
use crate::model::YearMonth;

/// What a column is read as.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::import::bills) enum Role {
    Text,
    Number,
    Time,
}

/// A batch's values, by physical type; nulls are not stored.
enum Values {
    Bool(Vec<bool>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    I96(Vec<Int96>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    Bytes(Vec<ByteArray>),
    Fixed(Vec<FixedLenByteArray>),
}

/// A row without a value.
const NULL: u32 = u32::MAX;

/// One leaf column and its current batch.
pub(in crate::import::bills) struct Leaf {
    name: &'static str,
    pub index: usize,
    descr: ColumnDescPtr,
    reader: Option<ColumnReader>,
    values: Values,
    def: Vec<i16>,
    rep: Vec<i16>,
    /// For each row of the batch (flat columns), its value's index or `NULL`.
    at: Vec<u32>,
    /// Values of an integer column read as text, written out once a batch.
    text: Vec<String>,
    role: Role,
    unit: Option<TimeUnit>,
    scale: Option<i32>,
}

impl Leaf {
    /// The leaf `descr` of the FOCUS column `name`, or why its type
    /// cannot be read as `role`.
    pub(in crate::import::bills) fn new(
        name: &'static str,
        index: usize,
        descr: ColumnDescPtr,
        role: Role,
    ) -> Result<Leaf, String> {
        let physical = descr.physical_type();
        let unit = timestamp_unit(&descr);
        let scale = decimal_scale(&descr);
        let readable = match role {
            Role::Text => matches!(
                physical,
                Physical::BYTE_ARRAY
                    | Physical::FIXED_LEN_BYTE_ARRAY
                    | Physical::INT32
                    | Physical::INT64
            ),
            Role::Number => match physical {
                Physical::BYTE_ARRAY
                | Physical::INT32
                | Physical::INT64
                | Physical::FLOAT
                | Physical::DOUBLE => true,
                Physical::FIXED_LEN_BYTE_ARRAY => scale.is_some(),
                Physical::BOOLEAN | Physical::INT96 => false,
            },
            Role::Time => match physical {
                Physical::BYTE_ARRAY | Physical::INT96 => true,
                Physical::INT64 => unit.is_some(),
                Physical::INT32 => {
                    matches!(
                        descr.logical_type_ref(),
                        Some(parquet::basic::LogicalType::Date)
                    ) || descr.converted_type() == parquet::basic::ConvertedType::DATE
                }
                _ => false,
            },
        };
        if !readable {
            let wanted = match role {
                Role::Text => "text",
                Role::Number => "a number",
                Role::Time => "a date and time",
            };
            return Err(format!(
                "has a column {name} of Parquet type {physical}, which airoi cannot read as {wanted}"
            ));
        }
        let values = match physical {
            Physical::BOOLEAN => Values::Bool(Vec::new()),
            Physical::INT32 => Values::I32(Vec::new()),
            Physical::INT64 => Values::I64(Vec::new()),
            Physical::INT96 => Values::I96(Vec::new()),
            Physical::FLOAT => Values::F32(Vec::new()),
            Physical::DOUBLE => Values::F64(Vec::new()),
            Physical::BYTE_ARRAY => Values::Bytes(Vec::new()),
            Physical::FIXED_LEN_BYTE_ARRAY => Values::Fixed(Vec::new()),
        };
        Ok(Leaf {
            name,
            index,
            descr,
            reader: None,
            values,
            def: Vec::new(),
            rep: Vec::new(),
            at: Vec::new(),
            text: Vec::new(),
            role,
            unit,
            scale,
        })
    }

    /// Starts a row group.
    pub(in crate::import::bills) fn start(&mut self, reader: ColumnReader) {
        self.reader = Some(reader);
    }

    /// Reads the next `rows` rows of the row group.
    pub(in crate::import::bills) fn read(&mut self, rows: usize) -> Result<(), String> {
        self.def.clear();
        self.rep.clear();
        let (def, rep) = (Some(&mut self.def), Some(&mut self.rep));
        let read = match (self.reader.as_mut(), &mut self.values) {
            (Some(ColumnReader::BoolColumnReader(r)), Values::Bool(v)) => {
                v.clear();
                r.read_records(rows, def, rep, v)
            }
            (Some(ColumnReader::Int32ColumnReader(r)), Values::I32(v)) => {
                v.clear();
                r.read_records(rows, def, rep, v)
            }
            (Some(ColumnReader::Int64ColumnReader(r)), Values::I64(v)) => {
                v.clear();
                r.read_records(rows, def, rep, v)
            }
            (Some(ColumnReader::Int96ColumnReader(r)), Values::I96(v)) => {
                v.clear();
                r.read_records(rows, def, rep, v)
            }
            (Some(ColumnReader::FloatColumnReader(r)), Values::F32(v)) => {
                v.clear();
                r.read_records(rows, def, rep, v)
            }
            (Some(ColumnReader::DoubleColumnReader(r)), Values::F64(v)) => {
                v.clear();
                r.read_records(rows, def, rep, v)
            }
            (Some(ColumnReader::ByteArrayColumnReader(r)), Values::Bytes(v)) => {
                v.clear();
                r.read_records(rows, def, rep, v)
            }
            (Some(ColumnReader::FixedLenByteArrayColumnReader(r)), Values::Fixed(v)) => {
                v.clear();
                r.read_records(rows, def, rep, v)
            }
            _ => return Err(format!("is damaged: column {} changes type", self.name)),
        };
        let (records, _, levels) = read.map_err(|e| format!("is damaged: {e}"))?;
        if records != rows {
            return Err(format!(
                "is damaged: column {} ends before its row group does",
                self.name
            ));
        }
        if self.descr.max_rep_level() == 0 {
            self.at.clear();
            let max = self.descr.max_def_level();
            if max == 0 || self.def.len() < levels {
                self.at.extend(0..levels as u32);
            } else {
                let mut next = 0;
                for &d in &self.def[..levels] {
                    if d == max {
                        self.at.push(next);
                        next += 1;
                    } else {
                        self.at.push(NULL);
                    }
                }
            }
        }
        if self.role == Role::Text {
            self.text.clear();
            match &self.values {
                Values::I32(v) if self.scale.is_none() => {
                    self.text.extend(v.iter().map(ToString::to_string));
                }
                Values::I64(v) if self.scale.is_none() => {
                    self.text.extend(v.iter().map(ToString::to_string));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The definition and repetition levels of the batch.
    pub(super) fn levels(&self) -> (&[i16], &[i16]) {
        (&self.def, &self.rep)
    }

    /// The definition level of a present value.
    pub(super) fn max_def(&self) -> i16 {
        self.descr.max_def_level()
    }

    /// Value `i` of the batch (counting present values only) as text.
    pub(super) fn value_text(&self, i: usize) -> &str {
        match &self.values {
            Values::Bytes(v) => v.get(i).map_or("", |b| utf8(b.data())),
            Values::Fixed(v) => v.get(i).map_or("", |b| utf8(b.data())),
            Values::I32(_) | Values::I64(_) => self.text.get(i).map_or("", String::as_str),
            _ => "",
        }
    }

    /// Whether row `row` holds no value.
    pub(in crate::import::bills) fn is_null(&self, row: usize) -> bool {
        self.value_of(row).is_none()
    }

    fn value_of(&self, row: usize) -> Option<usize> {
        match self.at.get(row) {
            Some(&i) if i != NULL => Some(i as usize),
            _ => None,
        }
    }

    /// Row `row`'s text, trimmed; empty when null.
    pub(in crate::import::bills) fn text(&self, row: usize) -> &str {
        self.value_of(row).map_or("", |i| self.value_text(i))
    }

    /// Row `row`'s number, or the text that is not one.
    pub(in crate::import::bills) fn number(&self, row: usize) -> Result<f64, String> {
        let Some(i) = self.value_of(row) else {
            return Err(String::new());
        };
        let scale = self.scale.unwrap_or(0);
        let n = match &self.values {
            Values::F64(v) => Some(v[i]),
            Values::F32(v) => Some(f64::from(v[i])),
            Values::I32(v) => Some(scaled(f64::from(v[i]), scale)),
            Values::I64(v) => Some(scaled(v[i] as f64, scale)),
            Values::Fixed(v) => decimal_bytes(v[i].data(), scale),
            Values::Bytes(v) if self.scale.is_some() => decimal_bytes(v[i].data(), scale),
            Values::Bytes(_) => {
                let text = self.value_text(i);
                return text
                    .parse::<f64>()
                    .ok()
                    .filter(|c| c.is_finite())
                    .ok_or_else(|| text.to_string());
            }
            Values::Bool(_) | Values::I96(_) => None,
        };
        n.filter(|c| c.is_finite()).ok_or_else(String::new)
    }

    /// Row `row`'s calendar month in UTC, or the text that is not a date.
    pub(super) fn month(&self, row: usize) -> Result<YearMonth, String> {
        let Some(i) = self.value_of(row) else {
            return Err(String::new());
        };
        let physical = self.descr.physical_type();
        match &self.values {
            Values::I64(v) => self
                .unit
                .and_then(|unit| month_of_timestamp(v[i], unit))
                .ok_or_else(|| shown(physical, &v[i].to_string())),
            Values::I32(v) => month_of_days(v[i]).ok_or_else(|| shown(physical, &v[i].to_string())),
            Values::I96(v) => Ok(month_of_int96(&v[i])),
            Values::Bytes(_) => {
                let text = self.value_text(i);
                month_of(text).ok_or_else(|| text.to_string())
            }
            _ => Err(String::new()),
        }
    }
}

/// Text as the CSV reader reads a field: trimmed, empty when not UTF-8.
fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).map_or("", str::trim)
}
