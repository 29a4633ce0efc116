//! The two pieces of arithmetic the simulation stands on: drawing from a
//! triangular distribution by its inverse CDF, and a percentile by
//! selection rather than sorting.

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
    #[must_use]
    pub(crate) fn sample(&self, u: f64) -> f64 {
        if u < self.at_mode {
            self.a + (u * self.left).sqrt()
        } else {
            self.b - ((1.0 - u) * self.right).sqrt()
        }
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
