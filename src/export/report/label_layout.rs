//! Where the scatter's labels go: beside their point, in the first of eight
//! places around it that overlaps no label placed before, no point and
//! nothing else taken (the target line's words), and stays in the plot.
//! Sizes are estimated from the font size, as plotters' SVG backend leaves
//! measuring text to the viewer.

/// Font size of a point's label, as given to plotters.
pub(super) const LABEL: f64 = 12.0;
/// Radius of a point, in pixels.
pub(super) const RADIUS: i32 = 5;

/// A label's or a point's box, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Rect {
    pub(super) fn new(x0: i32, y0: i32, x1: i32, y1: i32) -> Self {
        Rect { x0, y0, x1, y1 }
    }

    pub(super) fn around((x, y): (i32, i32), r: i32) -> Self {
        Rect::new(x - r, y - r, x + r, y + r)
    }

    fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn inside(&self, other: &Rect) -> bool {
        self.x0 >= other.x0 && self.x1 <= other.x1 && self.y0 >= other.y0 && self.y1 <= other.y1
    }
}

/// The labels placed so far and the points they must not hide.
pub(super) struct Layout {
    pub(super) bounds: Rect,
    pub(super) taken: Vec<Rect>,
}

impl Layout {
    /// The top-left corner of the first place beside the point at `centre`
    /// where `text` overlaps nothing and stays in the plot, which it then
    /// takes; `None` when there is no such place.
    pub(super) fn place(&mut self, centre: (i32, i32), text: &str) -> Option<(i32, i32)> {
        let (w, h) = (text_width(text, LABEL), text_height(LABEL));
        let (x, y) = centre;
        let gap = RADIUS + 2;
        let candidates = [
            (x + gap, y - h / 2),
            (x - gap - w, y - h / 2),
            (x - w / 2, y - gap - h),
            (x - w / 2, y + gap),
            (x + RADIUS, y - RADIUS - h),
            (x + RADIUS, y + RADIUS),
            (x - RADIUS - w, y - RADIUS - h),
            (x - RADIUS - w, y + RADIUS),
        ];
        let rect = candidates
            .into_iter()
            .map(|(x0, y0)| Rect::new(x0, y0, x0 + w, y0 + h))
            .find(|r| r.inside(&self.bounds) && !self.taken.iter().any(|t| t.overlaps(r)))?;
        self.taken.push(rect);
        Some((rect.x0, rect.y0))
    }
}

/// Plotters draws text at 0.8 of the size it is given, in SVG pixels; an
/// average character of a sans-serif face is about 0.6 of that wide. Ids
/// are mostly capitals and digits, so the estimate errs wide.
pub(super) fn text_width(text: &str, size: f64) -> i32 {
    let chars = text.chars().count() as f64;
    (chars * 0.62 * size * 0.8).ceil() as i32
}

pub(super) fn text_height(size: f64) -> i32 {
    (size * 0.8).ceil() as i32 + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_avoids_what_is_taken_and_stays_in_bounds() {
        let mut layout = Layout {
            bounds: Rect::new(0, 0, 200, 100),
            taken: vec![Rect::around((100, 50), 6)],
        };
        let first = layout
            .place((100, 50), "IT-007")
            .expect("room on the right");
        assert!(first.0 > 100, "{first:?}");
        // The same spot again: the right side is taken now, so it goes left.
        let second = layout.place((100, 50), "IT-007").expect("room on the left");
        assert!(second.0 + text_width("IT-007", LABEL) < 100, "{second:?}");
        // A point in a corner with every side taken or outside has no place.
        let mut full = Layout {
            bounds: Rect::new(0, 0, 20, 20),
            taken: Vec::new(),
        };
        assert_eq!(full.place((10, 10), "LONG-PROJECT-ID"), None);
    }
}
