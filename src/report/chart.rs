//! A muscle's tenderness over time as an inline SVG chart: a dated axis, the 0-10 scale, each
//! rated session a point before (filled) and after (open), joined by the within-session drop.
//!
//! A report over a long history holds many charts of up to 60 points each, so a chart is drawn
//! in a handful of elements, not a few per point: one path for the grid, one for the drops, and
//! one polyline per series whose points are drawn by a marker at every vertex ([`DEFS`], once on
//! the page). Its look is the page's style sheet ([`STYLE`]).

use std::fmt::Write as _;

use crate::body_map::svg::escape;
use crate::history::calendar::{self, Date, Zone};
use crate::history::TrendPoint;

const WIDTH: f32 = 320.0;
const HEIGHT: f32 = 130.0;
const LEFT: f32 = 22.0;
const RIGHT: f32 = 310.0;
const TOP: f32 = 8.0;
const BOTTOM: f32 = 104.0;

/// The markers that draw the points (a filled dot before, red #b42318; an open one after, blue
/// #1d4ed8), once per page before the charts.
pub const DEFS: &str = "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>\
<marker id=\"tp-before\" viewBox=\"-4 -4 8 8\" markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\">\
<circle r=\"2.4\" fill=\"#b42318\"/></marker>\
<marker id=\"tp-after\" viewBox=\"-4 -4 8 8\" markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\">\
<circle r=\"2.4\" fill=\"white\" stroke=\"#1d4ed8\" stroke-width=\"1.3\"/></marker></defs></svg>\n";

/// The charts' part of the page's style sheet.
pub const STYLE: &str = ".chart .grid{stroke:#ddd;stroke-width:.6}.chart text{fill:#555}\
.chart .drop{stroke:#888;stroke-width:1.2}.chart polyline{fill:none;stroke-width:1;stroke-opacity:.6}\
.chart .before{stroke:#b42318;marker:url(#tp-before)}.chart .after{stroke:#1d4ed8;marker:url(#tp-after)}\
svg.defs{position:absolute}\n";

fn date(at: i64, zone: &dyn Zone) -> String {
    Date::from_days(calendar::local_day(at, zone.offset(at))).to_string()
}

/// A coordinate with at most one decimal (a tenth of a unit is finer than the print's dots).
fn n(value: f32) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    format!("{rounded}")
}

/// The chart for `points` (oldest first), titled `title`.
pub fn render(title: &str, points: &[TrendPoint], zone: &dyn Zone) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         role=\"img\" aria-label=\"{}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"9\">\n\
         <path class=\"grid\" d=\"",
        escape(title)
    );
    let y_of = |v: f64| BOTTOM - (v.clamp(0.0, 10.0) as f32 / 10.0) * (BOTTOM - TOP);
    let levels = [0, 2, 4, 6, 8, 10];
    for level in levels {
        let _ = write!(out, "M{LEFT} {}H{RIGHT}", n(y_of(f64::from(level))));
    }
    out.push_str("\"/><g text-anchor=\"end\">");
    for level in levels {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">{level}</text>",
            LEFT - 4.0,
            n(y_of(f64::from(level)) + 2.4),
        );
    }
    out.push_str("</g>\n");
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
    for (k, at) in ticks.into_iter().enumerate() {
        // The first date starts at its point and the last ends at its own, so neither is cut.
        let anchor = match k {
            0 if count > 1 => "start",
            k if k + 1 == count && count > 1 => "end",
            _ => "middle",
        };
        let _ = writeln!(
            out,
            "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            n(x_of(at)),
            BOTTOM + 12.0,
            date(at, zone)
        );
    }
    // The drops within each session, under the points.
    let drops: String = points
        .iter()
        .filter_map(|p| {
            let (b, a) = (p.before?, p.after?);
            // No drop, no line: the two points say it.
            (n(y_of(b)) != n(y_of(a))).then_some(())?;
            Some(format!("M{} {}V{}", n(x_of(p.at)), n(y_of(b)), n(y_of(a))))
        })
        .collect();
    if !drops.is_empty() {
        let _ = writeln!(out, "<path class=\"drop\" d=\"{drops}\"/>");
    }
    for (class, pick) in [
        (
            "before",
            (|p: &TrendPoint| p.before) as fn(&TrendPoint) -> Option<f64>,
        ),
        ("after", |p: &TrendPoint| p.after),
    ] {
        let mut line: Vec<String> = points
            .iter()
            .filter_map(|p| pick(p).map(|v| format!("{},{}", n(x_of(p.at)), n(y_of(v)))))
            .collect();
        let count = line.len();
        if count == 0 {
            continue;
        }
        if count == 1 {
            // A line of one point has no length; twice the point draws its marker.
            line.push(line[0].clone());
        }
        let _ = writeln!(
            out,
            "<polyline class=\"{class}\" data-points=\"{count}\" points=\"{}\"/>",
            line.join(" ")
        );
    }
    out.push_str("</svg>\n");
    out
}
