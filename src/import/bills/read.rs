//! One bill file read in one pass: plain or gzip-compressed CSV, or
//! Parquet (told by its first bytes, not its name), hashed, each row read,
//! converted into the run currency and allocated into the file's tally.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use csv::ByteRecord;
use sha2::{Digest, Sha256};

use super::focus::{Charge, Columns, Kind};
use super::matcher::RowView;
use super::parquet;
use super::tags::{Tags, read_tags};
use super::tally::{Part, Tally};
use super::{Reading, Request, cached_id};
use crate::model::ProviderDimension::{Infrastructure, ModelVendor};
use crate::model::{BadRow, BillFile, RowPlace};

/// Bad rows listed in full; the rest are counted.
const BAD_ROWS_SHOWN: usize = 10;

/// Hashes the bytes read through it.
struct Hashing<'h, R> {
    inner: R,
    hasher: &'h mut Sha256,
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Reads one file, recorded as `named` and read from `path` (the same
/// but where `airoi verify` found it moved), into `reading`: its record
/// always, its sums only when the whole file could be read.
pub(super) fn read_file(named: &Path, path: &Path, request: &Request, reading: &mut Reading) {
    let mut record = BillFile {
        path: named.display().to_string(),
        relative_path: None,
        sha256: String::new(),
        rows: 0,
        rows_bad: 0,
        refused: None,
    };
    let mut tally = Tally::default();
    let mut bad = Vec::new();
    match read_rows(path, request, reading, &mut record, &mut tally, &mut bad) {
        Ok(sha256) => {
            record.sha256 = sha256;
            reading.tally.merge(tally);
            reading.bad_rows.count += bad.len();
            for row in bad {
                if reading.bad_rows.first.len() < BAD_ROWS_SHOWN {
                    reading.bad_rows.first.push(row);
                }
            }
        }
        Err(why) => {
            record.refused = Some(why);
            record.rows_bad = 0;
            record.sha256 = crate::import::portfolio::sha256_file(path).unwrap_or_default();
        }
    }
    reading.files.push(record);
}

fn read_rows(
    path: &Path,
    request: &Request,
    reading: &mut Reading,
    record: &mut BillFile,
    tally: &mut Tally,
    bad: &mut Vec<BadRow>,
) -> Result<String, String> {
    let file = File::open(path).map_err(|e| format!("cannot be opened: {e}"))?;
    let mut raw = BufReader::with_capacity(1 << 16, file);
    let head = {
        use std::io::BufRead;
        let head = raw.fill_buf().map_err(|e| format!("cannot be read: {e}"))?;
        (head.starts_with(&[0x1f, 0x8b]), head.starts_with(b"PAR1"))
    };
    let mut file = FileScan {
        request,
        reading,
        record,
        tally,
        bad,
        matched: Vec::new(),
        place: RowPlace::Line,
    };
    let (gzip, parquet) = head;
    if parquet {
        drop(raw);
        file.place = RowPlace::Row;
        parquet::scan(path, &mut file)?;
        return crate::import::portfolio::sha256_file(path)
            .map_err(|e| format!("cannot be read: {e}"));
    }
    let mut hasher = Sha256::new();
    let hashing = Hashing {
        inner: raw,
        hasher: &mut hasher,
    };
    if gzip {
        file.scan(flate2::read::MultiGzDecoder::new(hashing))?;
    } else {
        file.scan(hashing)?;
    }
    Ok(hasher.finalize().iter().fold(String::new(), |mut hex, b| {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
        hex
    }))
}

/// What one file's rows are read into.
pub(super) struct FileScan<'a> {
    pub(super) request: &'a Request<'a>,
    reading: &'a mut Reading,
    record: &'a mut BillFile,
    tally: &'a mut Tally,
    bad: &'a mut Vec<BadRow>,
    /// The projects a row matches, reused from row to row.
    matched: Vec<u32>,
    /// Whether rows are told by line (CSV) or by row (Parquet).
    place: RowPlace,
}

impl FileScan<'_> {
    fn scan<R: Read>(&mut self, text: R) -> Result<(), String> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .buffer_capacity(1 << 16)
            .from_reader(text);
        let mut row = ByteRecord::new();
        let damaged = |e: csv::Error| format!("is damaged: {e}");
        if !csv.read_byte_record(&mut row).map_err(damaged)? {
            return Err("is empty; a FOCUS export starts with a header row".into());
        }
        let cols = Columns::find(&row).map_err(|missing| not_focus(&missing))?;
        let mut tags = Tags::default();
        while csv.read_byte_record(&mut row).map_err(damaged)? {
            let line = row.position().map_or(0, csv::Position::line);
            match Charge::read(&row, &cols, self.request.basis)
                .and_then(|c| read_tags(c.tags, &mut tags).map(|()| c))
            {
                Ok(charge) => self.take(&charge, tags.pairs(), line)?,
                Err(message) => self.bad_row(line, message),
            }
        }
        // The hash covers every byte of the file, past the last row too.
        let mut text = csv.into_inner();
        std::io::copy(&mut text, &mut std::io::sink()).map_err(|e| format!("is damaged: {e}"))?;
        Ok(())
    }

    /// Counts a row that cannot be read, with where it is (a CSV line, a
    /// Parquet row) and why.
    pub(super) fn bad_row(&mut self, line: u64, message: String) {
        self.record.rows += 1;
        self.record.rows_bad += 1;
        self.bad.push(BadRow {
            file: self.record.path.clone(),
            line,
            place: self.place,
            message,
        });
    }

    /// Converts one charge into the run currency and allocates it; a
    /// currency without a rate refuses the whole file.
    pub(super) fn take(
        &mut self,
        charge: &Charge,
        tags: &[(String, String)],
        line: u64,
    ) -> Result<(), String> {
        let FileScan {
            request,
            reading,
            record,
            tally,
            matched,
            place,
            ..
        } = self;
        record.rows += 1;
        let rate = if charge.currency.is_empty()
            || charge.currency.eq_ignore_ascii_case(request.currency)
        {
            1.0
        } else {
            // The rates' codes are in upper case (`--fx` and the Settings
            // sheet write them so); found without writing the row's code
            // out in upper case for every row.
            let Some((code, rate)) = request
                .fx
                .iter()
                .find(|(code, _)| code.eq_ignore_ascii_case(charge.currency))
            else {
                let code = charge.currency.to_ascii_uppercase();
                let at = match place {
                    RowPlace::Line => "on line",
                    RowPlace::Row => "in row",
                };
                return Err(format!(
                    "has BillingCurrency {code} {at} {line}, with no exchange rate into {}; add a `{code},RATE` row to the --fx table",
                    request.currency
                ));
            };
            if !reading.currencies.contains(code) {
                reading.currencies.push(code.clone());
            }
            *rate
        };
        let amount = charge.cost * rate;
        tally.saw(charge.provider, charge.month);
        match charge.kind {
            Kind::Tax if !request.ruleset.bills.include_tax => {
                tally.totals.tax_excluded += amount;
                return Ok(());
            }
            Kind::CommitmentPurchase { billed }
                if request.basis == crate::model::CostBasis::Effective =>
            {
                tally.totals.commitment_purchases_excluded += billed * rate;
                return Ok(());
            }
            _ => {}
        }
        tally.totals.spend += amount;
        let ai = request.ruleset.bills.ai_service_category.as_str();
        let is_ai = charge.service_category.eq_ignore_ascii_case(ai);
        if is_ai {
            tally.totals.ai_spend += amount;
        }
        let Reading {
            matcher,
            provider_ids,
            publisher_ids,
            ..
        } = &mut **reading;
        let provider = cached_id(
            provider_ids,
            request.names.table(Infrastructure),
            charge.provider,
        );
        let view = RowView {
            provider_id: provider,
            service: charge.service,
            service_category: charge.service_category,
            sub_account: charge.sub_account,
            resource: charge.resource,
            tags,
        };
        matcher.matches(&view, matched);
        let publisher = is_ai.then(|| {
            cached_id(
                publisher_ids,
                request.names.table(ModelVendor),
                charge.publisher,
            )
        });
        let part = |amount| Part {
            month: charge.month,
            amount,
            provider_id: provider,
            publisher_id: publisher,
            rows: 1,
        };
        match matched.as_slice() {
            [] if is_ai => tally.unallocated(charge.provider, charge.service, amount, 1),
            [] => {}
            [one] => tally.allocate(*one, &part(amount)),
            several => {
                let shares: Option<Vec<f64>> = several
                    .iter()
                    .map(|&p| request.projects[p as usize].2)
                    .collect();
                if let Some(shares) = shares {
                    let sum: f64 = shares.iter().sum();
                    for (&p, share) in several.iter().zip(shares) {
                        tally.allocate(p, &part(amount * share / sum));
                    }
                } else {
                    let at = || place.at(&record.path, line);
                    tally.conflict(several, amount, 1, at);
                }
            }
        }
        Ok(())
    }
}

/// The refusal of a file that lacks FOCUS columns, naming them.
pub(super) fn not_focus(missing: &[&str]) -> String {
    format!(
        "is not a FOCUS cost and usage export: it lacks the column{} {}",
        if missing.len() == 1 { "" } else { "s" },
        missing.join(", ")
    )
}
