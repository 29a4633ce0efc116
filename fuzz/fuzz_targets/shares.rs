//! The share-list parser: any text is a list summing to 100 or an error.
#![no_main]

use airoi::import::cell::CellValue;
use airoi::import::values::shares;
use airoi::model::ProviderDimension;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let ctx = airoi_fuzz::parse_ctx(flags);
    let text = String::from_utf8_lossy(rest).into_owned();
    // The top bit picks the list; the parse context ignores it for shares.
    let dimension = ProviderDimension::ALL[usize::from(flags >> 7)];
    if let Ok(list) = shares(&CellValue::Text(text), &ctx, dimension) {
        let sum: f64 = list.shares.iter().map(|s| s.pct).sum();
        assert!((sum - 100.0).abs() < 1e-6 || list.shares.is_empty(), "{list:?}");
    }
});
