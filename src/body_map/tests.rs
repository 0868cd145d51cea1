//! Tests of the body map: the anatomy of the library's shapes, coarsely, and the renderings.

use super::*;
use crate::library::{Base, LoadOptions};
use crate::model::View;

fn library() -> Library {
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the embedded library loads")
}

/// Every shape of every pain area, on the person's left side (as given).
fn left_shapes(library: &Library) -> Vec<(&PainArea, View, Shape, bool)> {
    let mut out = Vec::new();
    for area in &library.pain_areas {
        for s in &area.shapes {
            if let Some(shape) = Shape::from_parts(s.ellipse.as_ref(), &s.polygon) {
                out.push((area, s.view, shape, s.midline));
            }
        }
    }
    out
}

const FOOT_AREAS: [&str; 7] = [
    "outer_ankle",
    "inner_ankle",
    "heel",
    "sole",
    "ball_of_foot",
    "top_of_foot",
    "big_toe",
];

#[test]
fn head_and_face_areas_lie_in_the_top_fifth_of_the_figure() {
    let library = library();
    let mut seen = 0;
    for (area, view, shape, _) in left_shapes(&library) {
        if area.region != "head_jaw" {
            continue;
        }
        seen += 1;
        let (_, _, _, bottom) = shape.bounds();
        assert!(
            bottom <= VIEW_HEIGHT / 5.0,
            "{} on the {view:?} view reaches y={bottom}, below the top fifth",
            area.id
        );
    }
    assert!(seen >= 10, "only {seen} head and jaw shapes");
}

#[test]
fn foot_areas_lie_in_the_bottom_tenth_of_the_figure() {
    let library = library();
    for id in FOOT_AREAS {
        let area = library.pain_area(id).expect("a foot area");
        assert!(!area.shapes.is_empty(), "{id} has no shape");
        for (view, shape) in area_shapes(&area.shapes, Sides::Both) {
            let (_, top, _, _) = shape.bounds();
            assert!(
                top >= VIEW_HEIGHT * 0.9 - 3.0 && shape.centre().1 >= VIEW_HEIGHT * 0.9,
                "{id} on the {view:?} view starts at y={top}, above the bottom tenth"
            );
        }
    }
}

#[test]
fn sided_areas_lie_on_the_persons_left_in_each_view() {
    // The person's left: on the viewer's right in the front view, on the left in the back view.
    let library = library();
    for (area, view, shape, midline) in left_shapes(&library) {
        if midline {
            let (cx, _) = shape.centre();
            assert!(
                (cx - 50.0).abs() < 1.0,
                "{} is marked midline but centred at x={cx}",
                area.id
            );
            continue;
        }
        let (left, _, right, _) = shape.bounds();
        match view {
            View::Front => assert!(left >= 50.0, "{} (front) reaches x={left}", area.id),
            View::Back => assert!(right <= 50.0, "{} (back) reaches x={right}", area.id),
        }
    }
}

#[test]
fn mirrored_shapes_lie_on_the_persons_right() {
    let library = library();
    let temple = library.pain_area("temple").expect("temple");
    let shapes = area_shapes(&temple.shapes, Sides::Both);
    assert_eq!(shapes.len(), 2);
    let xs: Vec<f32> = shapes.iter().map(|(_, s)| s.centre().0).collect();
    assert!(xs.iter().any(|&x| x > 50.0) && xs.iter().any(|&x| x < 50.0));
}

#[test]
fn back_only_areas_are_drawn_on_the_back_view_only() {
    let library = library();
    for id in [
        "between_shoulder_blades",
        "buttock",
        "over_shoulder_blade",
        "back_of_head",
        "sacrum",
        "heel",
    ] {
        let area = library.pain_area(id).expect("a back area");
        assert!(!area.shapes.is_empty(), "{id} has no shape");
        assert!(
            area.shapes.iter().all(|s| s.view == View::Back),
            "{id} has a shape on the front view"
        );
        let scene = {
            let mut scene = Scene::new(&library, id, Sides::Both);
            scene.add_area(area, Fill::Primary, Sides::Both);
            scene
        };
        assert_eq!(scene.views(), vec![View::Back], "{id}");
    }
}

#[test]
fn every_area_shape_lies_inside_the_figure_outline() {
    let library = library();
    let scene = Scene::new(&library, "outline", Sides::Both);
    let mut outside = Vec::new();
    for (area, view, shape, _) in left_shapes(&library) {
        let (cx, cy) = shape.centre();
        if !scene.inside_figure(view, cx, cy) {
            outside.push(format!("{} ({view:?}) centre ({cx}, {cy})", area.id));
        }
        // Edges may touch the outline; most of each edge lies inside it.
        let points = shape.sample_points();
        let inside = points
            .iter()
            .filter(|(x, y)| scene.inside_figure(view, *x, *y))
            .count();
        if inside * 4 < points.len() * 3 {
            outside.push(format!(
                "{} ({view:?}): {inside} of {} edge points inside",
                area.id,
                points.len()
            ));
        }
    }
    assert!(outside.is_empty(), "outside the figure: {outside:#?}");
}

#[test]
fn every_trigger_point_lies_inside_the_figure_outline() {
    let library = library();
    let scene = Scene::new(&library, "outline", Sides::Both);
    let mut outside = Vec::new();
    for muscle in &library.muscles {
        for point in &muscle.trigger_points {
            let at = point.at.expect("every trigger point has a position");
            if !scene.inside_figure(at.view, at.x, at.y) {
                outside.push(format!(
                    "{}/{} at ({}, {})",
                    muscle.id, point.id, at.x, at.y
                ));
            }
        }
    }
    assert!(outside.is_empty(), "outside the figure: {outside:#?}");
}

#[test]
fn a_muscle_scene_fills_its_primary_and_spillover_areas_and_marks_its_spots() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let scene = Scene::for_muscle(&library, muscle);
    assert!(scene.has_fill(Fill::Primary));
    assert_eq!(scene.spots.len(), muscle.trigger_points.len());
    assert!(scene.spots.iter().all(|s| s.label.is_none()));
    for id in &muscle.refers_to.primary {
        let area = scene.areas.iter().find(|a| &a.id == id).expect("filled");
        assert_eq!(area.fill, Fill::Primary, "{id}");
    }
}

fn render(scene: &Scene, width: u16, height: u16, colour: bool) -> raster::Grid {
    raster::render(
        scene,
        &raster::Options {
            width,
            height,
            colour,
        },
    )
    .expect("the map fits")
}

#[test]
fn a_rendered_map_fits_the_space_given() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let scene = Scene::for_muscle(&library, muscle);
    for (w, h) in [(80, 24), (120, 40), (60, 30), (200, 60)] {
        let grid = render(&scene, w, h, false);
        assert!(
            grid.width() <= usize::from(w),
            "{w}x{h}: {} wide",
            grid.width()
        );
        assert!(
            grid.height() <= usize::from(h),
            "{w}x{h}: {} high",
            grid.height()
        );
    }
    assert!(raster::render(
        &scene,
        &raster::Options {
            width: 10,
            height: 5,
            colour: false
        }
    )
    .is_none());
}

#[test]
fn without_colour_primary_spillover_and_spot_have_their_own_glyphs() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let scene = Scene::for_muscle(&library, muscle);
    let text = render(&scene, 200, 40, false).text();
    assert!(text.contains(raster::PRIMARY_GLYPH));
    assert!(text.contains(raster::SPILLOVER_GLYPH));
    assert!(text.contains(raster::SPOT_GLYPH));
    assert!(text.contains("front: the person's left is on your right"));
    assert!(text.contains("back: the person's left is on your left"));
    // The outline in braille dots.
    assert!(text.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)));
}

#[test]
fn with_colour_fills_are_braille_dots_styled_by_strength() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let scene = Scene::for_muscle(&library, muscle);
    let grid = render(&scene, 100, 40, true);
    let text = grid.text();
    assert!(!text.contains(raster::PRIMARY_GLYPH));
    assert!(!text.contains(raster::SPILLOVER_GLYPH));
    let styles: Vec<raster::Style> = grid.rows.iter().flatten().map(|c| c.style).collect();
    assert!(styles.contains(&raster::Style::Primary));
    assert!(styles.contains(&raster::Style::Spillover));
    assert!(styles.contains(&raster::Style::Outline));
}

#[test]
fn a_left_area_is_drawn_on_the_viewers_right_of_the_front_view() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let mut scene = Scene::new(&library, "temple", Sides::Left);
    scene.add_area(
        library.pain_area("temple").expect("temple"),
        Fill::Primary,
        Sides::Left,
    );
    scene.only = vec![View::Front];
    let _ = muscle;
    let grid = render(&scene, 80, 24, false);
    let columns: Vec<usize> = grid
        .rows
        .iter()
        .flat_map(|row| {
            row.iter()
                .enumerate()
                .filter(|(_, c)| c.ch == raster::PRIMARY_GLYPH)
                .map(|(n, _)| n)
        })
        .collect();
    assert!(!columns.is_empty());
    // The front view is the first block of columns; its middle is the midline.
    let figure_columns = grid.rows[1]
        .iter()
        .rposition(|c| c.style == raster::Style::Outline)
        .expect("an outline")
        + 1;
    assert!(
        columns.iter().all(|&c| c * 2 > figure_columns / 2),
        "{columns:?}"
    );
}

#[test]
fn numbered_spots_show_their_numbers() {
    let library = library();
    let area = library.pain_area("temple").expect("temple");
    let referrers = library.referrers(&area.id);
    let scene = Scene::for_area(&library, area, &referrers);
    assert!(scene.numbered());
    let text = render(&scene, 120, 40, false).text();
    assert!(text.contains('1') && text.contains('2'));
    assert!(text.contains("numbered as in the list"));
}

#[test]
fn rendering_a_map_is_quick() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let scene = Scene::for_muscle(&library, muscle);
    let start = std::time::Instant::now();
    for _ in 0..10 {
        render(&scene, 80, 24, false);
    }
    // Debug builds are slow; a release build takes well under a millisecond a map.
    assert!(start.elapsed() < std::time::Duration::from_millis(500));
}

#[test]
fn the_svg_chart_names_each_area_and_spot() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let scene = Scene::for_muscle(&library, muscle);
    let chart = svg::render(&scene);
    assert!(chart.starts_with("<?xml"));
    assert!(chart.contains("viewBox=\"0 0 210 297\""));
    assert!(chart.contains("<title>Upper trapezius"));
    for id in &muscle.refers_to.primary {
        assert!(chart.contains(&format!("data-area=\"{id}\"")), "{id}");
    }
    assert!(chart.contains("data-muscle=\"upper_trapezius\""));
    for key in &muscle.sources {
        assert!(chart.contains(key.as_str()), "{key}");
    }
    assert!(chart.contains("the person&apos;s left is on your right"));
    assert_eq!(chart.matches("<g").count(), chart.matches("</g>").count());
    assert!(chart.trim_end().ends_with("</svg>"));
}

#[test]
fn snapshot_upper_trapezius_at_80_columns() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let scene = Scene::for_muscle(&library, muscle);
    insta::assert_snapshot!(render(&scene, 80, 24, false).text());
}

#[test]
fn snapshot_upper_trapezius_at_120_columns() {
    let library = library();
    let muscle = library.muscle("upper_trapezius").expect("upper trapezius");
    let scene = Scene::for_muscle(&library, muscle);
    insta::assert_snapshot!(render(&scene, 120, 40, false).text());
}

#[test]
fn snapshot_where_low_back_at_80_columns() {
    let library = library();
    let area = library.pain_area("low_back").expect("low back");
    let referrers = library.referrers(&area.id);
    let scene = Scene::for_area(&library, area, &referrers);
    insta::assert_snapshot!(render(&scene, 80, 24, false).text());
}

#[test]
fn snapshot_where_low_back_at_120_columns() {
    let library = library();
    let area = library.pain_area("low_back").expect("low back");
    let referrers = library.referrers(&area.id);
    let scene = Scene::for_area(&library, area, &referrers);
    insta::assert_snapshot!(render(&scene, 120, 40, false).text());
}

#[test]
fn a_right_side_spot_is_drawn_on_the_persons_right() {
    let library = library();
    let muscle = library.muscle("infraspinatus").expect("infraspinatus");
    let point = &muscle.trigger_points[0];
    let at = point.at.expect("a position");
    let left = Scene::for_spot_on(&library, muscle, point, Sides::Left);
    let right = Scene::for_spot_on(&library, muscle, point, Sides::Right);
    assert_eq!(left.spots.len(), 1);
    assert_eq!(right.spots.len(), 1);
    assert!((left.spots[0].x - at.x).abs() < 1e-3);
    assert!((right.spots[0].x - (VIEW_WIDTH - at.x)).abs() < 1e-3);
    let grid = raster::render(
        &right,
        &raster::Options {
            width: 80,
            height: 22,
            colour: false,
        },
    )
    .expect("a map")
    .text();
    assert!(grid.contains("spots on the person's right"), "{grid}");
}
