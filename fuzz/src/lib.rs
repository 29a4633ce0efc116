//! What the fuzz targets share: reading bytes the way `airoi validate`
//! does, with the row invariant checked, and a panic hook that lets the
//! importer contain panics inside calamine (a damaged file is an error,
//! not a crash) while any other panic aborts so libFuzzer reports it.

use std::sync::{LazyLock, Once};

use airoi::import::decimal::DecimalConvention;
use airoi::import::values::{ParseCtx, ProviderNames};
use airoi::import::{ImportOptions, Limits, panic_is_contained, read_bytes};
use airoi::model::{DateOrder, Ruleset};

static HOOK: Once = Once::new();
static RULESET: LazyLock<Ruleset> = LazyLock::new(airoi::rules::default_ruleset);
static PROVIDER_NAMES: LazyLock<ProviderNames> = LazyLock::new(|| ProviderNames::new(&RULESET));

/// Replaces libFuzzer's abort-on-every-panic hook with one that spares
/// panics the importer contains.
pub fn install_hook() {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            if panic_is_contained() {
                return;
            }
            eprintln!("{info}");
            std::process::abort();
        }));
    });
}

/// Reads `data` as a file named `name` and checks that every row read is a
/// project, a cash-flow row, a rejected row or a skipped row.
pub fn import(name: &str, data: &[u8]) {
    install_hook();
    let opts = ImportOptions {
        // Well under libFuzzer's 2 GB memory limit, so a refusal is what a
        // too-big input meets, not an out-of-memory report.
        limits: Limits::from_mb(64),
        ..ImportOptions::default()
    };
    let intake = read_bytes(name, data.to_vec(), &opts, &RULESET);
    for input in &intake.inputs {
        assert_eq!(
            input.rows_read,
            input.projects + input.cash_flow_rows + input.rejected + input.skipped,
            "rows in = rows scored + rejected + skipped: {input:?}"
        );
    }
}

/// The conventions of files that show neither decimal mark.
static POINT: DecimalConvention = DecimalConvention::without_evidence(false);
static COMMA: DecimalConvention = DecimalConvention::without_evidence(true);

/// A parse context picked by the first byte of the input.
#[must_use]
pub fn parse_ctx(flags: u8) -> ParseCtx<'static> {
    ParseCtx {
        decimal: if flags & 1 == 1 { &COMMA } else { &POINT },
        date_order: match flags >> 1 & 3 {
            1 => Some(DateOrder::Dmy),
            2 => Some(DateOrder::Mdy),
            _ => None,
        },
        is_1904: flags & 8 == 8,
        provider_names: &PROVIDER_NAMES,
        share_tolerance: 1.0,
        fiscal_year_start_month: u32::from(flags >> 4) % 12 + 1,
    }
}
