//! A scene as a standalone SVG chart on an A4 page: the figure in its views, the areas (each a
//! group with its pain area id as `data-area` and a `<title>`), the spots (`data-muscle` and a
//! `<title>`), a title, the legend with the conventions, the numbered list and the source keys.

use std::fmt::Write as _;

use super::{view_convention, view_name, Fill, Scene, Shape, Sides, VIEW_HEIGHT};
use crate::model::View;

/// The page: A4 portrait, in millimetres.
const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
/// Map units drawn across (as in the terminal: the fingertips fit).
const LEFT: f32 = 14.0;
const RIGHT: f32 = 86.0;
/// Millimetres per map unit, and where the figures start.
const SCALE: f32 = 1.0;
const FIGURE_TOP: f32 = 30.0;
/// Millimetres between two views.
const GAP: f32 = 14.0;

const PRIMARY_COLOUR: &str = "#c8102e";
const SPILLOVER_COLOUR: &str = "#f4a259";
const OUTLINE_COLOUR: &str = "#3a3a3a";
const BODY_COLOUR: &str = "#f6f3ee";

/// Text made safe inside XML, and inside HTML text and quoted attributes (the report): the
/// five characters that can end a text or an attribute value become entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A coordinate with at most two decimals.
pub fn number(value: f32) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    format!("{rounded}")
}

fn shape_element(shape: &Shape, attributes: &str) -> String {
    match shape {
        Shape::Ellipse { x, y, rx, ry } => format!(
            "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" {attributes}/>",
            number(*x),
            number(*y),
            number(*rx),
            number(*ry)
        ),
        Shape::Polygon(corners) => {
            let points: Vec<String> = corners
                .iter()
                .map(|(x, y)| format!("{},{}", number(*x), number(*y)))
                .collect();
            format!("<polygon points=\"{}\" {attributes}/>", points.join(" "))
        }
    }
}

/// Splits text into lines of at most `chars` characters, at spaces.
fn lines_of(text: &str, chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The chart as an SVG document.
pub fn render(scene: &Scene) -> String {
    let views = scene.views();
    let view_width = (RIGHT - LEFT) * SCALE;
    let count = views.len().max(1) as f32;
    let total = count * view_width + (count - 1.0) * GAP;
    let first_left = (PAGE_WIDTH - total) / 2.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PAGE_WIDTH}mm\" height=\"{PAGE_HEIGHT}mm\" \
         viewBox=\"0 0 {PAGE_WIDTH} {PAGE_HEIGHT}\" font-family=\"Helvetica, Arial, sans-serif\">\n\
         <title>{}</title>\n\
         <defs><pattern id=\"spillover\" width=\"2\" height=\"2\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"2\" fill=\"{SPILLOVER_COLOUR}\" \
         fill-opacity=\"0.45\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"2\" stroke=\"{SPILLOVER_COLOUR}\" \
         stroke-width=\"0.9\"/></pattern></defs>\n\
         <rect width=\"{PAGE_WIDTH}\" height=\"{PAGE_HEIGHT}\" fill=\"white\"/>\n\
         <text x=\"{}\" y=\"14\" font-size=\"6\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>\n\
         <text x=\"{}\" y=\"21\" font-size=\"3.4\" text-anchor=\"middle\" fill=\"#555\">tpcoach: self-care guidance, not a diagnosis</text>\n",
        escape(&scene.title),
        PAGE_WIDTH / 2.0,
        escape(&scene.title),
        PAGE_WIDTH / 2.0,
    );
    for (n, view) in views.iter().enumerate() {
        let left = first_left + n as f32 * (view_width + GAP);
        view_group(&mut out, scene, *view, left);
    }
    legend(&mut out, scene, &views);
    out.push_str("</svg>\n");
    out
}

/// The views alone, side by side, as an `<svg>` element to place inside an HTML page (the
/// report): no page, title or legend (the page gives its own), scaled to its container.
pub fn inline(scene: &Scene) -> String {
    let views = scene.views();
    let view_width = (RIGHT - LEFT) * SCALE;
    let count = views.len().max(1) as f32;
    let total = count * view_width + (count - 1.0) * GAP;
    let top = FIGURE_TOP - 9.0;
    let height = VIEW_HEIGHT * SCALE + 11.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"body-map\" viewBox=\"0 {} {} {}\" \
         role=\"img\" aria-label=\"{}\" font-family=\"Helvetica, Arial, sans-serif\">\n\
         <defs><pattern id=\"spillover\" width=\"2\" height=\"2\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"2\" fill=\"{SPILLOVER_COLOUR}\" \
         fill-opacity=\"0.45\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"2\" stroke=\"{SPILLOVER_COLOUR}\" \
         stroke-width=\"0.9\"/></pattern></defs>\n",
        number(top),
        number(total),
        number(height),
        escape(&scene.title),
    );
    for (n, view) in views.iter().enumerate() {
        view_group(&mut out, scene, *view, n as f32 * (view_width + GAP));
    }
    out.push_str("</svg>\n");
    out
}

fn view_group(out: &mut String, scene: &Scene, view: View, left: f32) {
    let centre = left + (RIGHT - LEFT) * SCALE / 2.0;
    let (left_label, right_label) = match view {
        View::Front => ("person's right", "person's left"),
        View::Back => ("person's left", "person's right"),
    };
    let _ = write!(
        out,
        "<g class=\"view\" data-view=\"{name}\">\n\
         <text x=\"{}\" y=\"{}\" font-size=\"5\" font-weight=\"bold\" text-anchor=\"middle\">{title}</text>\n\
         <text x=\"{}\" y=\"{}\" font-size=\"2.8\" fill=\"#555\">{left_label}</text>\n\
         <text x=\"{}\" y=\"{}\" font-size=\"2.8\" fill=\"#555\" text-anchor=\"end\">{right_label}</text>\n\
         <g transform=\"translate({} {FIGURE_TOP}) scale({SCALE}) translate({} 0)\">\n",
        number(centre),
        number(FIGURE_TOP - 3.0),
        number(left),
        number(FIGURE_TOP + 2.0),
        number(left + (RIGHT - LEFT) * SCALE),
        number(FIGURE_TOP + 2.0),
        number(left),
        number(-LEFT),
        name = view_name(view),
        title = match view {
            View::Front => "Front",
            View::Back => "Back",
        },
    );
    // The silhouette: every part stroked, then every part filled over the strokes, so only the
    // outline of their union shows.
    let figure = scene.figure(view);
    out.push_str("<g class=\"outline\">\n");
    for shape in figure {
        out.push_str(&shape_element(
            shape,
            &format!("fill=\"none\" stroke=\"{OUTLINE_COLOUR}\" stroke-width=\"1.1\" stroke-linejoin=\"round\""),
        ));
        out.push('\n');
    }
    for shape in figure {
        out.push_str(&shape_element(shape, &format!("fill=\"{BODY_COLOUR}\"")));
        out.push('\n');
    }
    out.push_str("</g>\n");
    for fill in [Fill::Spillover, Fill::Primary] {
        for area in scene.areas.iter().filter(|a| a.fill == fill) {
            let shapes: Vec<&Shape> = area
                .shapes
                .iter()
                .filter(|(v, _)| *v == view)
                .map(|(_, s)| s)
                .collect();
            if shapes.is_empty() {
                continue;
            }
            let (class, paint, meaning) = match fill {
                Fill::Primary => (
                    "area primary",
                    format!("fill=\"{PRIMARY_COLOUR}\" fill-opacity=\"0.75\""),
                    "usually",
                ),
                Fill::Spillover => (
                    "area spillover",
                    "fill=\"url(#spillover)\"".to_string(),
                    "sometimes",
                ),
            };
            let _ = writeln!(
                out,
                "<g class=\"{class}\" data-area=\"{}\"><title>{} ({meaning})</title>",
                escape(&area.id),
                escape(&area.name),
            );
            for shape in shapes {
                out.push_str(&shape_element(shape, &paint));
                out.push('\n');
            }
            out.push_str("</g>\n");
        }
    }
    for spot in scene.spots.iter().filter(|s| s.view == view) {
        let title = match spot.label {
            Some(n) => format!("{n}. {}", spot.title),
            None => spot.title.clone(),
        };
        let (tone, paint) = match spot.tone {
            Some(tone) => (
                format!(" data-tone=\"{}\"", escape(tone.name)),
                format!(
                    "r=\"2.3\" fill=\"{}\" stroke=\"#111\" stroke-width=\"0.45\"",
                    escape(tone.colour)
                ),
            ),
            None => (
                String::new(),
                "r=\"1.5\" fill=\"#111\" stroke=\"white\" stroke-width=\"0.4\"".to_string(),
            ),
        };
        let _ = write!(
            out,
            "<g class=\"spot\" data-muscle=\"{}\"{tone}><title>{}</title>\
             <circle cx=\"{}\" cy=\"{}\" {paint}/>",
            escape(&spot.muscle),
            escape(&title),
            number(spot.x),
            number(spot.y),
        );
        if let Some(n) = spot.label {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"3.6\" font-weight=\"bold\" stroke=\"white\" \
                 stroke-width=\"0.6\" paint-order=\"stroke\">{n}</text>",
                number(spot.x + 1.8),
                number(spot.y + 1.2),
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n</g>\n");
}

fn legend(out: &mut String, scene: &Scene, views: &[View]) {
    let mut y = FIGURE_TOP + 200.0 * SCALE + 8.0;
    let x = 18.0;
    out.push_str("<g class=\"legend\" font-size=\"3.4\">\n");
    let swatch = |out: &mut String, paint: &str, text: &str, y: &mut f32| {
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"6\" height=\"3.6\" {paint} stroke=\"{OUTLINE_COLOUR}\" stroke-width=\"0.2\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            number(*y - 3.0),
            x + 8.0,
            number(*y),
            escape(text)
        );
        *y += 5.0;
    };
    if scene.has_fill(Fill::Primary) {
        let means = if scene.primary_means.is_empty() {
            "where the pain usually is"
        } else {
            &scene.primary_means
        };
        swatch(
            out,
            &format!("fill=\"{PRIMARY_COLOUR}\" fill-opacity=\"0.75\""),
            means,
            &mut y,
        );
    }
    if scene.has_fill(Fill::Spillover) {
        swatch(
            out,
            "fill=\"url(#spillover)\"",
            "where it sometimes spreads",
            &mut y,
        );
    }
    if !scene.spots.is_empty() {
        let means = if !scene.numbered() {
            "the tender spot"
        } else if scene.spot_means.is_empty() {
            "the spots, numbered as in the list"
        } else {
            &scene.spot_means
        };
        let _ = writeln!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"1.5\" fill=\"#111\"/><text x=\"{}\" y=\"{}\">{}</text>",
            x + 3.0,
            number(y - 1.2),
            x + 8.0,
            number(y),
            escape(means)
        );
        y += 5.0;
    }
    // The numbered spots, by number, in columns.
    let mut numbered: Vec<(u16, &str)> = scene
        .spots
        .iter()
        .filter_map(|s| {
            s.label
                .map(|n| (n, s.title.split(':').next().unwrap_or("")))
        })
        .collect();
    numbered.sort();
    numbered.dedup();
    if !numbered.is_empty() {
        // Three columns, or two where a long name would run into the next column.
        let longest = numbered
            .iter()
            .map(|(_, name)| name.chars().count())
            .max()
            .unwrap_or(0);
        let columns = if longest > 30 { 2 } else { 3 };
        let column_width = 174.0 / columns as f32;
        let per_column = numbered.len().div_ceil(columns).max(1);
        for (k, (n, name)) in numbered.iter().enumerate() {
            let column = (k / per_column) as f32;
            let row = (k % per_column) as f32;
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"3\">{n}. {}</text>",
                number(x + column * column_width),
                number(y + row * 3.8),
                escape(name)
            );
        }
        y += per_column as f32 * 3.8 + 1.5;
    }
    let mut notes: Vec<String> = views
        .iter()
        .map(|v| format!("{}.", view_convention(*v)))
        .collect();
    if !scene.spots.is_empty() {
        match scene.sides {
            Sides::Left => notes.push(
                "Spots are shown on the person's left; the right side is the mirror image.".into(),
            ),
            Sides::Right => notes.push(
                "Spots are shown on the person's right; the left side is the mirror image.".into(),
            ),
            Sides::Both => {}
        }
    }
    if !scene.sources.is_empty() {
        let keys: Vec<&str> = scene.sources.iter().map(|s| s.as_str()).collect();
        notes.push(format!("Sources: {}.", keys.join(", ")));
    }
    for note in notes {
        for line in lines_of(&note, 105) {
            let _ = writeln!(
                out,
                "<text x=\"{x}\" y=\"{}\" font-size=\"3\" fill=\"#333\">{}</text>",
                number(y),
                escape(&line)
            );
            y += 3.8;
        }
    }
    out.push_str("</g>\n");
}
