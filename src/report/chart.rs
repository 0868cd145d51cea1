//! A muscle's tenderness over time as an inline SVG chart: a dated axis, the 0-10 scale, each
//! rated session a point before (filled) and after (open), joined by the within-session drop.

use std::fmt::Write as _;

use crate::body_map::svg::{escape, number};
use crate::history::calendar::{self, Date, Zone};
use crate::history::{rating, TrendPoint};

const WIDTH: f32 = 320.0;
const HEIGHT: f32 = 130.0;
const LEFT: f32 = 22.0;
const RIGHT: f32 = 310.0;
const TOP: f32 = 8.0;
const BOTTOM: f32 = 104.0;
/// The colour of "before" and of "after".
pub const BEFORE_COLOUR: &str = "#b42318";
/// See [`BEFORE_COLOUR`].
pub const AFTER_COLOUR: &str = "#1d4ed8";

fn date(at: i64, zone: &dyn Zone) -> String {
    Date::from_days(calendar::local_day(at, zone.offset(at))).to_string()
}

/// The chart for `points` (oldest first), titled `title`.
pub fn render(title: &str, points: &[TrendPoint], zone: &dyn Zone) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         role=\"img\" aria-label=\"{}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"9\">",
        escape(title)
    );
    let y_of = |v: f64| BOTTOM - (v.clamp(0.0, 10.0) as f32 / 10.0) * (BOTTOM - TOP);
    for level in [0, 2, 4, 6, 8, 10] {
        let y = y_of(f64::from(level));
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{RIGHT}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#ddd\" stroke-width=\"0.6\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">{level}</text>",
            LEFT - 4.0,
            number(y + 2.4),
            y = number(y),
        );
    }
    let (first, last) = match (points.first(), points.last()) {
        (Some(f), Some(l)) => (f.at, l.at),
        _ => {
            out.push_str("</svg>\n");
            return out;
        }
    };
    let span = (last - first).max(1) as f32;
    let x_of = |at: i64| {
        if last == first {
            (LEFT + RIGHT) / 2.0
        } else {
            LEFT + 6.0 + (at - first) as f32 / span * (RIGHT - LEFT - 12.0)
        }
    };
    // Dated ticks: the first and last session, and the middle when there is room.
    let mut ticks = vec![first];
    if last - first > 4 * 86_400 {
        ticks.push(first + (last - first) / 2);
    }
    if last != first {
        ticks.push(last);
    }
    let count = ticks.len();
    for (n, at) in ticks.into_iter().enumerate() {
        // The first date starts at its point and the last ends at its own, so neither is cut.
        let anchor = match n {
            0 if count > 1 => "start",
            n if n + 1 == count && count > 1 => "end",
            _ => "middle",
        };
        let _ = writeln!(
            out,
            "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#555\">{}</text>",
            number(x_of(at)),
            BOTTOM + 12.0,
            date(at, zone)
        );
    }
    for (class, colour, pick) in [
        (
            "before",
            BEFORE_COLOUR,
            (|p: &TrendPoint| p.before) as fn(&TrendPoint) -> Option<f64>,
        ),
        ("after", AFTER_COLOUR, |p: &TrendPoint| p.after),
    ] {
        let line: Vec<String> = points
            .iter()
            .filter_map(|p| pick(p).map(|v| format!("{},{}", number(x_of(p.at)), number(y_of(v)))))
            .collect();
        if line.len() > 1 {
            let _ = writeln!(
                out,
                "<polyline class=\"{class}\" points=\"{}\" fill=\"none\" stroke=\"{colour}\" \
                 stroke-width=\"1\" stroke-opacity=\"0.6\"/>",
                line.join(" ")
            );
        }
    }
    for p in points {
        let x = number(x_of(p.at));
        let title = format!(
            "{}: before {}, after {}",
            date(p.at, zone),
            p.before.map_or("-".to_string(), rating),
            p.after.map_or("-".to_string(), rating)
        );
        let _ = write!(
            out,
            "<g class=\"point\" data-at=\"{}\"><title>{}</title>",
            p.at,
            escape(&title)
        );
        if let (Some(b), Some(a)) = (p.before, p.after) {
            let _ = write!(
                out,
                "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"#888\" stroke-width=\"1.2\"/>",
                number(y_of(b)),
                number(y_of(a))
            );
        }
        if let Some(b) = p.before {
            let _ = write!(
                out,
                "<circle class=\"before\" cx=\"{x}\" cy=\"{}\" r=\"2.4\" fill=\"{BEFORE_COLOUR}\"/>",
                number(y_of(b))
            );
        }
        if let Some(a) = p.after {
            let _ = write!(
                out,
                "<circle class=\"after\" cx=\"{x}\" cy=\"{}\" r=\"2.4\" fill=\"white\" \
                 stroke=\"{AFTER_COLOUR}\" stroke-width=\"1.3\"/>",
                number(y_of(a))
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}
