//! The arithmetic the simulation stands on: drawing from a triangular
//! distribution by its inverse CDF, and percentiles by selection rather
//! than sorting.

use std::cmp::Ordering;

/// A triangular distribution: low `a`, mode `c`, high `b`, a ≤ c ≤ b.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Triangular {
    a: f64,
    c: f64,
    b: f64,
    /// F(c) = (c − a) / (b − a): the share of draws below the mode.
    at_mode: f64,
    /// (b − a)(c − a) and (b − a)(b − c), the inverse CDF's two factors.
    left: f64,
    right: f64,
}

impl Triangular {
    /// The distribution low `a`, mode `c`, high `b`; bounds on the wrong
    /// side of the mode are taken as the mode.
    #[must_use]
    pub(crate) fn new(a: f64, c: f64, b: f64) -> Triangular {
        let (a, b) = (a.min(c), b.max(c));
        let width = b - a;
        Triangular {
            a,
            c,
            b,
            at_mode: if width > 0.0 { (c - a) / width } else { 0.0 },
            left: width * (c - a),
            right: width * (b - c),
        }
    }

    /// The value whose CDF is `u` (0 ≤ u ≤ 1):
    /// a + √(u(b − a)(c − a)) below the mode, b − √((1 − u)(b − a)(b − c))
    /// above it.
    ///
    /// Both sides are computed and one kept: which side a draw falls on is
    /// a coin toss a branch predictor loses, while two square roots side by
    /// side cost less and let a loop of draws run in vector registers. The
    /// side kept is computed exactly as alone, so the value is the same.
    #[inline]
    #[must_use]
    pub(crate) fn sample(&self, u: f64) -> f64 {
        let below = self.a + (u * self.left).sqrt();
        let above = self.b - ((1.0 - u) * self.right).sqrt();
        if u < self.at_mode { below } else { above }
    }

    /// The CDF: (x − a)² / ((b − a)(c − a)) up to the mode,
    /// 1 − (b − x)² / ((b − a)(b − c)) above it.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn cdf(&self, x: f64) -> f64 {
        if x <= self.a {
            0.0
        } else if x >= self.b {
            1.0
        } else if x <= self.c {
            (x - self.a).powi(2) / self.left
        } else {
            1.0 - (self.b - x).powi(2) / self.right
        }
    }
}

/// The `p` percentile of `values` by nearest rank (the ⌈p·n⌉-th smallest),
/// found with `select_nth_unstable_by`: the order `values` is left in is
/// unspecified, the value returned is not. `values` must not be empty.
pub(crate) fn percentile<T: Copy>(
    values: &mut [T],
    p: f64,
    order: impl FnMut(&T, &T) -> Ordering,
) -> T {
    let n = values.len();
    let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
    *values.select_nth_unstable_by(rank - 1, order).1
}

/// A key whose unsigned order is `f64::total_cmp`'s: the sign bit set for
/// positive numbers, every bit flipped for negative ones. Integers compare
/// in one instruction where `total_cmp` transforms both sides each time.
#[inline]
#[must_use]
pub(crate) fn order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    bits ^ (0u64.wrapping_sub(bits >> 63) | 1 << 63)
}

/// The number whose [`order_key`] is `key`.
#[must_use]
pub(crate) fn from_order_key(key: u64) -> f64 {
    f64::from_bits(key ^ (0u64.wrapping_sub(!key >> 63) | 1 << 63))
}

/// The `ps` percentiles of `keys` by nearest rank (the ⌈p·n⌉-th smallest),
/// `ps` ascending. The middle one is selected over all the keys; the ones
/// below it are then selected among the keys that selection left below,
/// and those above among the keys above, so each later selection reads
/// only part of the slice. The values are those of selecting each
/// percentile over the whole slice; the order `keys` is left in is
/// unspecified. `keys` must not be empty.
pub(crate) fn percentiles<const N: usize>(keys: &mut [u64], ps: [f64; N]) -> [u64; N] {
    let n = keys.len();
    let ranks = ps.map(|p| ((p * n as f64).ceil() as usize).clamp(1, n) - 1);
    let mut out = [0; N];
    select_ranks(keys, 0, &ranks, &mut out);
    out
}

/// Writes the keys of `ranks` (ascending, counted from `offset`: `keys`
/// holds the ranks from `offset` on) to `out`.
fn select_ranks(keys: &mut [u64], offset: usize, ranks: &[usize], out: &mut [u64]) {
    let Some(&rank) = ranks.get(ranks.len() / 2) else {
        return;
    };
    let (below, &mut at, above) = keys.select_nth_unstable(rank - offset);
    let first = ranks.partition_point(|r| *r < rank);
    let after = ranks.partition_point(|r| *r <= rank);
    select_ranks(below, offset, &ranks[..first], &mut out[..first]);
    out[first..after].fill(at);
    select_ranks(above, rank + 1, &ranks[after..], &mut out[after..]);
}
