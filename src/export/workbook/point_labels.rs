//! The labels of a scatter's project points, on the Summary's return
//! ratio chart and the Odds chart alike: each point named by its project
//! id beside it, and points whose labels would cover one another (several
//! projects near 0, say) sharing one label that lists their ids.

use rust_xlsxwriter::{ChartDataLabel, ChartDataLabelPosition};

/// Where a project sits on a scatter: its compute total (x) and its y
/// value (`None` when it has none, so it is not plotted).
pub(crate) type Point = (f64, Option<f64>);

/// How near two points are when their labels would cover one another,
/// which depends on the chart's size: within `y` of the y axis's span of
/// one another, and within `x` of the widest compute spend of the next.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Near {
    /// A share of the widest compute spend.
    pub x: f64,
    /// A share of the y axis, from 0 to its end.
    pub y: f64,
    /// Where the y axis ends.
    pub y_span: f64,
    /// Where a shared label goes.
    pub shared: Shared,
}

/// Which point of a group a label shared by the group goes above: where
/// the chart has room for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shared {
    /// The middle point: the room above a group along the x axis.
    AboveMiddle,
    /// The leftmost point: a label right of a point never covers it.
    AboveFirst,
}

/// Ids one shared label lists at most; the rest are counted.
const SHARED_MAX: usize = 4;

/// The chart labels of the points `at`, in Scores order, named by `ids`
/// (see [`point_labels`]): an id right of its point, a shared label above
/// the point `near.shared` names.
pub(crate) fn data_labels(ids: &[String], at: &[Point], near: Near) -> Vec<ChartDataLabel> {
    point_labels(ids, at, near)
        .iter()
        .map(|label| {
            let position = if label.contains(", ") {
                ChartDataLabelPosition::Above
            } else {
                ChartDataLabelPosition::Right
            };
            point_label(label, position)
        })
        .collect()
}

/// A point's label: `text` at `position` beside the point, or none when
/// `text` is empty. Plain text: a label linked to a cell shows the point's
/// value instead in LibreOffice.
fn point_label(text: &str, position: ChartDataLabelPosition) -> ChartDataLabel {
    let mut label = ChartDataLabel::new();
    if text.is_empty() {
        label.set_hidden();
    } else {
        label.set_value(text).set_position(position);
    }
    label.to_custom()
}

/// One label a point, in Scores order: a point's id; for a group of points
/// whose labels would cover one another, one label listing the group's ids
/// left to right (`SAL-010, MKT-004`; past four, `… and 2 more`) on its
/// middle or its leftmost point (`near.shared`), and none (empty) on the
/// others; `near` says which points' labels would cover one another.
fn point_labels(ids: &[String], at: &[Point], near: Near) -> Vec<String> {
    let widest = at.iter().map(|p| p.0).fold(0.0, f64::max);
    let mut plotted: Vec<(usize, f64, f64)> = at
        .iter()
        .take(ids.len())
        .enumerate()
        .filter_map(|(i, &(x, y))| y.map(|y| (i, x, y)))
        .collect();
    // Bands of nearby y, then runs of nearby spend within each.
    plotted.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.1.total_cmp(&b.1)));
    let mut groups: Vec<Vec<(usize, f64, f64)>> = Vec::new();
    for band in plotted.chunk_by(|a, b| b.2 - a.2 < near.y * near.y_span) {
        let mut band = band.to_vec();
        band.sort_by(|a, b| a.1.total_cmp(&b.1));
        for run in band.chunk_by(|a, b| b.1 - a.1 <= near.x * widest) {
            groups.push(run.to_vec());
        }
    }
    let mut labels = vec![String::new(); ids.len()];
    for group in groups {
        let names: Vec<&str> = group.iter().map(|p| ids[p.0].as_str()).collect();
        let label = crate::format::first_named(&names, SHARED_MAX);
        let on = match near.shared {
            Shared::AboveMiddle => group.len() / 2,
            Shared::AboveFirst => 0,
        };
        labels[group[on].0] = label;
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Odds chart's nearness.
    const ODDS: Near = Near {
        x: 0.2,
        y: 0.06,
        y_span: 1.0,
        shared: Shared::AboveMiddle,
    };

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn points_at_zero_near_one_another_share_one_label() {
        let labels = point_labels(
            &ids(&["A-1", "B-2", "C-3", "D-4", "E-5"]),
            &[
                (100_000.0, Some(0.0)),
                (900_000.0, Some(0.95)),
                (110_000.0, Some(0.02)),
                (1_000_000.0, Some(0.0)),
                (50_000.0, None),
            ],
            ODDS,
        );
        assert_eq!(labels, ids(&["", "B-2", "A-1, C-3", "D-4", ""]));
    }

    #[test]
    fn nearness_on_y_is_a_share_of_the_axis() {
        // 0.5 and 0.7 apart on an axis to 10 (ratios) are 2% of it: near;
        // on an axis to 1 (probabilities) 20%: apart.
        let names = ids(&["HR-003", "DOC-013"]);
        let at = [(40_000.0, Some(0.5)), (45_000.0, Some(0.7))];
        let ratios = Near {
            y_span: 10.0,
            ..ODDS
        };
        assert_eq!(
            point_labels(&names, &at, ratios),
            ids(&["", "HR-003, DOC-013"])
        );
        assert_eq!(point_labels(&names, &at, ODDS), names);
        // On the leftmost point instead of the middle one.
        let first = Near {
            shared: Shared::AboveFirst,
            ..ratios
        };
        assert_eq!(
            point_labels(&names, &at, first),
            ids(&["HR-003, DOC-013", ""])
        );
    }

    #[test]
    fn a_crowded_label_names_four_and_counts_the_rest() {
        let names = ids(&["P1", "P2", "P3", "P4", "P5", "P6"]);
        let at: Vec<_> = (0..6).map(|i| (f64::from(i), Some(0.0))).collect();
        let labels = point_labels(&names, &at, ODDS);
        assert_eq!(labels[3], "P1, P2, P3, P4 and 2 more");
        assert_eq!(labels.iter().filter(|l| !l.is_empty()).count(), 1);
    }
}
