//! Every cell parser on every kind of cell: a value or a message, never a
//! panic, and never an amount that is negative or not finite.
#![no_main]

use airoi::import::cell::{CellValue, number_text};
use airoi::import::values;
use airoi::model::{Autonomy, BenefitMetric, InteractionPattern, Stage};

fn cell(kind: u8, rest: &[u8]) -> CellValue {
    let text = || String::from_utf8_lossy(rest).into_owned();
    let number = || {
        let mut b = [0u8; 8];
        let n = rest.len().min(8);
        b[..n].copy_from_slice(&rest[..n]);
        f64::from_le_bytes(b)
    };
    match kind % 7 {
        0 | 1 => CellValue::Text(text()),
        2 => CellValue::Number {
            value: number(),
            percent: kind & 0x80 != 0,
        },
        3 => CellValue::Bool(rest.first().is_some_and(|b| b & 1 == 1)),
        4 => CellValue::Error(text()),
        5 => CellValue::NoSavedValue(text()),
        _ => CellValue::Empty,
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let [flags, kind, rest @ ..] = data else {
        return;
    };
    let ctx = airoi_fuzz::parse_ctx(*flags);
    let c = cell(*kind, rest);
    let _ = c.display();
    let _ = values::text(&c);
    if let Ok((amount, _)) = values::money(&c, &ctx) {
        assert!(amount.is_finite() && amount >= 0.0, "{c:?} -> {amount}");
    }
    if let Ok(p) = values::percent(&c, &ctx) {
        assert!(p.is_finite(), "{c:?} -> {p}");
    }
    let _ = values::integer(&c, u32::from(*flags & 1), &ctx);
    let _ = values::yes_no(&c);
    let _ = values::enumeration::<Stage>(&c);
    let _ = values::enumeration::<BenefitMetric>(&c);
    let _ = values::enumeration::<InteractionPattern>(&c);
    let _ = values::enumeration::<Autonomy>(&c);
    let _ = values::date(&c, &ctx);
    let _ = values::currency(&c);
    if let CellValue::Text(t) = &c {
        let _ = values::amount_text(t, *flags & 1 == 1);
        let _ = values::plain_number(t, *flags & 1 == 1);
        let _ = values::enum_key(t);
    }
    if let CellValue::Number { value, .. } = c {
        let _ = values::serial_date(value, ctx.is_1904);
        let _ = number_text(value);
    }
});
