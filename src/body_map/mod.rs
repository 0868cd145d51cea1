//! The body map: a figure in two views with pain areas filled and trigger points marked, drawn
//! from the library's shapes (`figures:`, `PainArea.shapes`, `TriggerPoint.at`).
//!
//! A [`Scene`] says what to draw, in the views' own coordinates (100 across, 200 down, the
//! midline at 50). [`raster`] turns it into a grid of terminal cells (braille dots, or distinct
//! glyphs when there is no colour) with a legend; [`svg`] into a printable chart. Both read the
//! same geometry, and neither does any terminal I/O.
//!
//! ```
//! use tpcoach::body_map::{raster, Scene};
//! use tpcoach::library::{Base, Library, LoadOptions};
//!
//! let library = Library::load(&LoadOptions { base: Base::Embedded, overlay: None })?;
//! let muscle = library.find_muscle("upper traps")?;
//! let scene = Scene::for_muscle(&library, muscle);
//! let grid = raster::render(&scene, &raster::Options { width: 80, height: 20, colour: false })
//!     .expect("fits in 80x20");
//! assert!(grid.text().contains("the person's left is on your right"));
//! # Ok::<(), tpcoach::Error>(())
//! ```

pub mod picker;
pub mod raster;
pub mod svg;

use crate::library::Library;
use crate::model::{AreaShape, Ellipse, Figure, Muscle, PainArea, Text, TriggerPoint, View};
use crate::referral::{Referrer, Strength};

/// The width of a view in map units.
pub const VIEW_WIDTH: f32 = 100.0;
/// The height of a view in map units (top of the head to the soles).
pub const VIEW_HEIGHT: f32 = 200.0;

/// How strongly an area is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fill {
    /// Where pain is usually felt (or the area asked about).
    Primary,
    /// Where it sometimes spills over.
    Spillover,
}

/// Which of the person's sides sided shapes and spots are drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sides {
    /// The person's left only (the library's coordinates as given).
    Left,
    /// Both sides: the left as given and its mirror image.
    Both,
    /// The person's right only: the mirror image of the library's coordinates (a session's
    /// right-side step).
    Right,
}

/// A shape on one view, in map units, with any mirroring already done.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An ellipse: centre and half-axes.
    Ellipse {
        /// Centre, across.
        x: f32,
        /// Centre, down.
        y: f32,
        /// Half the width.
        rx: f32,
        /// Half the height.
        ry: f32,
    },
    /// A polygon's corners.
    Polygon(Vec<(f32, f32)>),
}

impl Shape {
    fn from_parts(ellipse: Option<&Ellipse>, polygon: &[f32]) -> Option<Shape> {
        match ellipse {
            Some(e) => Some(Shape::Ellipse {
                x: e.x,
                y: e.y,
                rx: e.rx,
                ry: e.ry,
            }),
            None if polygon.len() >= 6 => Some(Shape::Polygon(
                polygon.chunks_exact(2).map(|c| (c[0], c[1])).collect(),
            )),
            None => None,
        }
    }

    /// The shape mirrored across the midline (`x -> 100 - x`).
    pub fn mirrored(&self) -> Shape {
        match self {
            Shape::Ellipse { x, y, rx, ry } => Shape::Ellipse {
                x: VIEW_WIDTH - x,
                y: *y,
                rx: *rx,
                ry: *ry,
            },
            Shape::Polygon(corners) => {
                Shape::Polygon(corners.iter().map(|&(x, y)| (VIEW_WIDTH - x, y)).collect())
            }
        }
    }

    /// Whether the point lies inside (even-odd rule for polygons).
    pub fn contains(&self, px: f32, py: f32) -> bool {
        match self {
            Shape::Ellipse { x, y, rx, ry } => {
                let (dx, dy) = ((px - x) / rx, (py - y) / ry);
                dx * dx + dy * dy <= 1.0
            }
            Shape::Polygon(corners) => {
                let mut inside = false;
                let mut previous = corners[corners.len() - 1];
                for &(x, y) in corners {
                    let (x0, y0) = previous;
                    if (y > py) != (y0 > py) && px < x + (py - y) * (x0 - x) / (y0 - y) {
                        inside = !inside;
                    }
                    previous = (x, y);
                }
                inside
            }
        }
    }

    /// The bounding box: (left, top, right, bottom).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Shape::Ellipse { x, y, rx, ry } => (x - rx, y - ry, x + rx, y + ry),
            Shape::Polygon(corners) => corners.iter().fold(
                (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
                |(l, t, r, b), &(x, y)| (l.min(x), t.min(y), r.max(x), b.max(y)),
            ),
        }
    }

    /// The middle of the bounding box (for polygons) or the centre (ellipses).
    pub fn centre(&self) -> (f32, f32) {
        let (l, t, r, b) = self.bounds();
        ((l + r) / 2.0, (t + b) / 2.0)
    }

    /// Points on its edge (and the centre), for tests of where a shape lies.
    pub fn sample_points(&self) -> Vec<(f32, f32)> {
        match self {
            Shape::Ellipse { x, y, rx, ry } => (0..16)
                .map(|i| {
                    let angle = i as f32 * std::f32::consts::PI / 8.0;
                    (x + rx * angle.cos(), y + ry * angle.sin())
                })
                .chain(std::iter::once((*x, *y)))
                .collect(),
            Shape::Polygon(corners) => corners.clone(),
        }
    }
}

/// A pain area's shapes, each on its view, for the sides asked for.
pub fn area_shapes(shapes: &[AreaShape], sides: Sides) -> Vec<(View, Shape)> {
    let mut out = Vec::new();
    for s in shapes {
        let Some(shape) = Shape::from_parts(s.ellipse.as_ref(), &s.polygon) else {
            continue;
        };
        if sides != Sides::Left && !s.midline {
            out.push((s.view, shape.mirrored()));
        }
        if sides != Sides::Right || s.midline {
            out.push((s.view, shape));
        }
    }
    out
}

/// The silhouette of one view: the figure's parts, each mirrored unless on the midline.
pub fn figure_shapes(figure: &Figure) -> Vec<Shape> {
    let mut out = Vec::new();
    for part in &figure.parts {
        let Some(shape) = Shape::from_parts(part.ellipse.as_ref(), &part.polygon) else {
            continue;
        };
        if !part.midline {
            out.push(shape.mirrored());
        }
        out.push(shape);
    }
    out
}

/// A filled pain area in a scene.
#[derive(Debug, Clone)]
pub struct Area {
    /// The pain area's id.
    pub id: Text,
    /// Its display name.
    pub name: Text,
    /// How strongly it is marked.
    pub fill: Fill,
    /// Its shapes, each on its view.
    pub shapes: Vec<(View, Shape)>,
}

/// A marked trigger point in a scene.
#[derive(Debug, Clone)]
pub struct Spot {
    /// The muscle's id.
    pub muscle: Text,
    /// What the spot is called on a chart ("Upper trapezius: the middle of the shoulder ridge").
    pub title: String,
    /// Its number in a list (rank or step), if the scene numbers its spots.
    pub label: Option<u16>,
    /// The view it is on.
    pub view: View,
    /// Across, in map units.
    pub x: f32,
    /// Down, in map units.
    pub y: f32,
    /// Its colour and what it means, on a chart that colours spots (the report: by trend);
    /// `None` for the usual black dot.
    pub tone: Option<Tone>,
}

/// A spot's colour on a chart that colours spots, and the word for what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tone {
    /// What the colour means, as a word for `data-tone` ("improving").
    pub name: &'static str,
    /// The colour, as CSS/SVG takes it ("#1a7f37").
    pub colour: &'static str,
}

/// What a map shows: the figure, filled areas and marked spots.
#[derive(Debug, Clone)]
pub struct Scene {
    /// What the picture is of (the chart's title).
    pub title: String,
    /// The figure's silhouette, per view.
    pub figures: Vec<(View, Vec<Shape>)>,
    /// Areas to fill (primary ones drawn over spill-over ones).
    pub areas: Vec<Area>,
    /// Spots to mark.
    pub spots: Vec<Spot>,
    /// Whether spots are marked on the person's left only or on both sides.
    pub sides: Sides,
    /// Source keys for what is shown.
    pub sources: Vec<Text>,
    /// The views to draw; empty means those with something on them (both if nothing is).
    pub only: Vec<View>,
    /// What the legend says a primary fill means (empty: "where the pain usually is").
    pub primary_means: String,
    /// What the legend says the numbers mean (empty: "the spots, numbered as in the list").
    pub spot_means: String,
}

impl Scene {
    /// An empty scene: the library's figure and nothing on it.
    pub fn new(library: &Library, title: impl Into<String>, sides: Sides) -> Scene {
        Scene {
            title: title.into(),
            figures: library
                .figures
                .iter()
                .map(|f| (f.view, figure_shapes(f)))
                .collect(),
            areas: Vec::new(),
            spots: Vec::new(),
            sides,
            sources: Vec::new(),
            only: Vec::new(),
            primary_means: String::new(),
            spot_means: String::new(),
        }
    }

    /// Fills a pain area on the sides asked for (an area already filled keeps its stronger
    /// fill).
    pub fn add_area(&mut self, area: &PainArea, fill: Fill, sides: Sides) {
        if let Some(existing) = self.areas.iter_mut().find(|a| a.id == area.id) {
            existing.fill = existing.fill.min(fill);
            return;
        }
        self.areas.push(Area {
            id: area.id.clone(),
            name: area.name.clone(),
            fill,
            shapes: area_shapes(&area.shapes, sides),
        });
    }

    /// Marks one trigger point of a muscle, numbered or not.
    pub fn add_spot(&mut self, muscle: &Muscle, point: &TriggerPoint, label: Option<u16>) {
        let Some(at) = point.at else {
            return;
        };
        let title = format!("{}: {}", muscle.name, point.location);
        let mut push = |x: f32| {
            self.spots.push(Spot {
                muscle: muscle.id.clone(),
                title: title.clone(),
                label,
                view: at.view,
                x,
                y: at.y,
                tone: None,
            })
        };
        let midline = (at.x - VIEW_WIDTH / 2.0).abs() <= 0.5;
        if self.sides != Sides::Right || midline {
            push(at.x);
        }
        if self.sides != Sides::Left && !midline {
            push(VIEW_WIDTH - at.x);
        }
    }

    /// Marks every trigger point of a muscle with one number (or none).
    pub fn add_muscle_spots(&mut self, muscle: &Muscle, label: Option<u16>) {
        for point in &muscle.trigger_points {
            self.add_spot(muscle, point, label);
        }
    }

    /// A muscle's picture: its spots and where it sends pain, on the person's left side.
    pub fn for_muscle(library: &Library, muscle: &Muscle) -> Scene {
        let mut scene = Scene::new(
            library,
            format!("{}: its spots and where it sends pain", muscle.name),
            Sides::Left,
        );
        for (ids, fill) in [
            (&muscle.refers_to.primary, Fill::Primary),
            (&muscle.refers_to.spillover, Fill::Spillover),
        ] {
            for id in ids {
                if let Some(area) = library.pain_area(id) {
                    scene.add_area(area, fill, Sides::Left);
                }
            }
        }
        scene.add_muscle_spots(muscle, None);
        scene.sources = muscle.sources.clone();
        scene
    }

    /// A pain area's picture: the area on both sides, and the spots of the muscles that send
    /// pain there, numbered as in their ranked list, on the person's left side.
    pub fn for_area(library: &Library, area: &PainArea, referrers: &[Referrer<'_>]) -> Scene {
        Scene::for_areas(library, &[area], referrers)
    }

    /// Several pain areas' picture ("heel and calf"): the areas on both sides, and the spots of
    /// the muscles that send pain to any of them, numbered as in their ranked list.
    pub fn for_areas(library: &Library, areas: &[&PainArea], referrers: &[Referrer<'_>]) -> Scene {
        let names: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
        let (title, means) = match names.as_slice() {
            [one] => (
                format!("{one}: the muscles that commonly send pain here"),
                format!("{}, the area asked about", one.to_lowercase()),
            ),
            _ => {
                let list = names.join(" and ");
                (
                    format!("{list}: the muscles that commonly send pain there"),
                    format!("{}, the areas asked about", list.to_lowercase()),
                )
            }
        };
        // Spots on the person's left only, so that each number is shown once.
        let mut scene = Scene::new(library, title, Sides::Left);
        for area in areas {
            scene.add_area(area, Fill::Primary, Sides::Both);
        }
        scene.primary_means = means;
        scene.spot_means = "the muscles' spots, numbered as in the list".to_string();
        let mut sources: Vec<Text> = Vec::new();
        for (n, r) in referrers.iter().enumerate() {
            let label = u16::try_from(n + 1).ok();
            scene.add_muscle_spots(r.muscle, label);
            sources.extend(r.muscle.sources.iter().cloned());
        }
        sources.sort();
        sources.dedup();
        scene.sources = sources;
        scene
    }

    /// A routine's picture: each given muscle's spots under its step's number (a routine's
    /// stretch steps, which mark no spot, are left out by the caller), on the person's left.
    pub fn for_steps<'a>(
        library: &Library,
        title: impl Into<String>,
        muscles: impl IntoIterator<Item = (u16, &'a Muscle)>,
    ) -> Scene {
        let mut scene = Scene::new(library, title, Sides::Left);
        scene.spot_means = "the spots, numbered by step".to_string();
        let mut sources: Vec<Text> = Vec::new();
        for (number, muscle) in muscles {
            scene.add_muscle_spots(muscle, Some(number));
            sources.extend(muscle.sources.iter().cloned());
        }
        sources.sort();
        sources.dedup();
        scene.sources = sources;
        scene
    }

    /// One spot to find (a session step): the spot alone, on the view that shows it.
    pub fn for_spot(library: &Library, muscle: &Muscle, point: &TriggerPoint) -> Scene {
        Scene::for_spot_on(library, muscle, point, Sides::Left)
    }

    /// One spot of a muscle on the side a session works (`Sides::Left` or `Sides::Right`).
    pub fn for_spot_on(
        library: &Library,
        muscle: &Muscle,
        point: &TriggerPoint,
        side: Sides,
    ) -> Scene {
        let mut scene = Scene::new(
            library,
            format!("{}: {}", muscle.name, point.location),
            side,
        );
        scene.add_spot(muscle, point, None);
        if let Some(at) = point.at {
            scene.only = vec![at.view];
        }
        scene.sources = muscle.sources.clone();
        scene
    }

    /// The views to draw, front first: those asked for, else those with something on them,
    /// else both.
    pub fn views(&self) -> Vec<View> {
        let drawn: Vec<View> = self.figures.iter().map(|(v, _)| *v).collect();
        let mut views: Vec<View> = if self.only.is_empty() {
            [View::Front, View::Back]
                .into_iter()
                .filter(|v| {
                    self.areas
                        .iter()
                        .any(|a| a.shapes.iter().any(|(view, _)| view == v))
                        || self.spots.iter().any(|s| s.view == *v)
                })
                .collect()
        } else {
            self.only.clone()
        };
        if views.is_empty() {
            views = vec![View::Front, View::Back];
        }
        views.retain(|v| drawn.contains(v));
        views.sort();
        views.dedup();
        views
    }

    /// The silhouette of a view.
    pub fn figure(&self, view: View) -> &[Shape] {
        self.figures
            .iter()
            .find(|(v, _)| *v == view)
            .map_or(&[], |(_, shapes)| shapes)
    }

    /// Whether the point lies inside a view's silhouette.
    pub fn inside_figure(&self, view: View, x: f32, y: f32) -> bool {
        self.figure(view).iter().any(|s| s.contains(x, y))
    }

    /// Whether anything is numbered.
    pub fn numbered(&self) -> bool {
        self.spots.iter().any(|s| s.label.is_some())
    }

    /// Whether any area has this fill.
    pub fn has_fill(&self, fill: Fill) -> bool {
        self.areas.iter().any(|a| a.fill == fill)
    }
}

/// How a view is described on every picture.
pub fn view_convention(view: View) -> &'static str {
    match view {
        View::Front => "front: the person's left is on your right",
        View::Back => "back: the person's left is on your left",
    }
}

/// The view's name as a label.
pub fn view_name(view: View) -> &'static str {
    match view {
        View::Front => "front",
        View::Back => "back",
    }
}

/// What a referrer's strength fills its area with.
pub fn fill_of(strength: Strength) -> Fill {
    match strength {
        Strength::Primary => Fill::Primary,
        Strength::Spillover => Fill::Spillover,
    }
}

/// Where each pain area is on each view, for moving between them: (area id, view, centre x,
/// centre y), one entry per shape (both sides), in library order.
pub fn area_centres(library: &Library) -> Vec<(&PainArea, View, f32, f32)> {
    let mut out = Vec::new();
    for area in &library.pain_areas {
        for (view, shape) in area_shapes(&area.shapes, Sides::Both) {
            let (x, y) = shape.centre();
            out.push((area, view, x, y));
        }
    }
    out
}

#[cfg(test)]
mod tests;
