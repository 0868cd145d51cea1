//! Point where it hurts: a cursor over the figure that moves between the pain areas' shapes
//! (the nearest one in the direction asked), turns between front and back, and names the area
//! under it. A pure state machine: inputs in, the state and an outcome out; the CLI reads the
//! keys and draws [`Picker::scene`].

use super::{Fill, Scene, Shape, Sides, VIEW_WIDTH};
use crate::library::Library;
use crate::model::{Text, View};

/// A direction to move the cursor in, as seen on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Towards the head.
    Up,
    /// Towards the feet.
    Down,
    /// Towards the screen's left.
    Left,
    /// Towards the screen's right.
    Right,
}

/// What a person does in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Move to the nearest area in that direction (arrow keys, hjkl).
    Move(Direction),
    /// Turn the figure: front to back and back (Tab).
    Turn,
    /// Choose the area under the cursor (Enter).
    Pick,
    /// Ask for a routine for the area under the cursor (s).
    Suggest,
    /// Leave without choosing (Esc, q, Ctrl-C).
    Cancel,
}

/// Where the picker is after an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Still choosing.
    Choosing,
    /// This pain area (its id) was chosen.
    Picked(Text),
    /// A routine was asked for this pain area (its id).
    Suggest(Text),
    /// Left without choosing.
    Cancelled,
}

/// One place the cursor can rest on: one shape of a pain area on one view.
#[derive(Debug, Clone)]
pub struct Target {
    /// The pain area's id.
    pub area: Text,
    /// What the area is called, with the person's side for a sided shape ("temple, left").
    pub label: String,
    /// The view the shape is on.
    pub view: View,
    /// The shape.
    pub shape: Shape,
    /// The shape's centre, across.
    pub x: f32,
    /// The shape's centre, down.
    pub y: f32,
}

/// The picker's state.
#[derive(Debug, Clone)]
pub struct Picker {
    targets: Vec<Target>,
    cursor: usize,
    /// The target turned from and the one turned to, until the cursor moves: turning back
    /// returns to the very place it left.
    turned: Option<(usize, usize)>,
}

/// How much sideways distance counts against a target, against distance in the direction
/// asked: a target straight ahead wins over a nearer one far to the side.
const SIDEWAYS_WEIGHT: f32 = 2.5;

impl Picker {
    /// A picker over every pain area with a shape, on the front view, at the area nearest the
    /// middle of the chest; `None` if the library has no shapes at all.
    pub fn new(library: &Library) -> Option<Picker> {
        let mut targets = Vec::new();
        for area in &library.pain_areas {
            for s in &area.shapes {
                let Some(shape) = Shape::from_parts(s.ellipse.as_ref(), &s.polygon) else {
                    continue;
                };
                if s.midline {
                    targets.push(target(&area.id, area.name.to_string(), s.view, shape));
                    continue;
                }
                // The library's coordinates are the person's left; the mirror image their right.
                let name = area.name.to_lowercase();
                targets.push(target(
                    &area.id,
                    format!("{name}, left"),
                    s.view,
                    shape.clone(),
                ));
                targets.push(target(
                    &area.id,
                    format!("{name}, right"),
                    s.view,
                    shape.mirrored(),
                ));
            }
        }
        let mut picker = Picker {
            targets,
            cursor: 0,
            turned: None,
        };
        picker.cursor = picker.nearest(View::Front, VIEW_WIDTH / 2.0, 60.0)?;
        Some(picker)
    }

    /// The target under the cursor.
    pub fn current(&self) -> &Target {
        &self.targets[self.cursor]
    }

    /// The view shown.
    pub fn view(&self) -> View {
        self.current().view
    }

    /// Takes one input.
    pub fn input(&mut self, input: Input) -> Outcome {
        match input {
            Input::Move(direction) => {
                if let Some(next) = self.towards(direction) {
                    self.cursor = next;
                    self.turned = None;
                }
                Outcome::Choosing
            }
            Input::Turn => {
                let here = self.current();
                let other = match here.view {
                    View::Front => View::Back,
                    View::Back => View::Front,
                };
                // Back where it came from, if it has not moved since; else the same area and
                // side on the other view; else the same place on the other side of the body (the
                // back view is the front's mirror image).
                let next = match self.turned {
                    Some((from, to)) if to == self.cursor => Some(from),
                    _ => self
                        .targets
                        .iter()
                        .position(|t| t.view == other && t.label == here.label)
                        .or_else(|| self.nearest(other, VIEW_WIDTH - here.x, here.y)),
                };
                if let Some(next) = next {
                    self.turned = Some((self.cursor, next));
                    self.cursor = next;
                }
                Outcome::Choosing
            }
            Input::Pick => Outcome::Picked(self.current().area.clone()),
            Input::Suggest => Outcome::Suggest(self.current().area.clone()),
            Input::Cancel => Outcome::Cancelled,
        }
    }

    /// The figure as it is now: the view shown, the area under the cursor filled.
    pub fn scene(&self, library: &Library) -> Scene {
        let here = self.current();
        let mut scene = Scene::new(library, here.label.clone(), Sides::Both);
        scene.only = vec![here.view];
        scene.primary_means = format!("under the cursor: {}", here.label);
        scene.areas.push(super::Area {
            id: here.area.clone(),
            name: here.label.clone().into(),
            fill: Fill::Primary,
            shapes: vec![(here.view, here.shape.clone())],
        });
        scene
    }

    /// The target on `view` whose centre is nearest to a point.
    fn nearest(&self, view: View, x: f32, y: f32) -> Option<usize> {
        self.targets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.view == view)
            .min_by(|(_, a), (_, b)| {
                let da = (a.x - x).powi(2) + (a.y - y).powi(2);
                let db = (b.x - x).powi(2) + (b.y - y).powi(2);
                da.total_cmp(&db)
            })
            .map(|(n, _)| n)
    }

    /// The nearest target on this view in the direction asked (ahead by more than a little),
    /// sideways distance weighing more; `None` if there is none that way.
    fn towards(&self, direction: Direction) -> Option<usize> {
        let here = self.current();
        let score = |t: &Target| -> Option<f32> {
            let (dx, dy) = (t.x - here.x, t.y - here.y);
            let (ahead, sideways) = match direction {
                Direction::Up => (-dy, dx),
                Direction::Down => (dy, dx),
                Direction::Left => (-dx, dy),
                Direction::Right => (dx, dy),
            };
            (ahead > 0.5).then_some(ahead + SIDEWAYS_WEIGHT * sideways.abs())
        };
        self.targets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.view == here.view)
            .filter_map(|(n, t)| score(t).map(|s| (n, s)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(n, _)| n)
    }
}

fn target(area: &Text, label: String, view: View, shape: Shape) -> Target {
    let (x, y) = shape.centre();
    Target {
        area: area.clone(),
        label,
        view,
        shape,
        x,
        y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body_map::VIEW_HEIGHT;
    use crate::library::{Base, LoadOptions};

    fn library() -> Library {
        Library::load(&LoadOptions {
            base: Base::Embedded,
            overlay: None,
        })
        .expect("the built-in library loads")
    }

    fn picker(library: &Library) -> Picker {
        Picker::new(library).expect("the built-in library has shapes")
    }

    /// Moves until the cursor stops (at most 100 moves), returning where it is.
    fn as_far_as(picker: &mut Picker, direction: Direction) {
        for _ in 0..100 {
            let before = picker.cursor;
            picker.input(Input::Move(direction));
            if picker.cursor == before {
                return;
            }
        }
        panic!("moving {direction:?} never stopped");
    }

    #[test]
    fn it_starts_on_the_front_view() {
        let library = library();
        assert_eq!(picker(&library).view(), View::Front);
    }

    #[test]
    fn moving_up_as_far_as_it_goes_reaches_the_head_and_down_the_feet() {
        let library = library();
        let mut picker = picker(&library);
        as_far_as(&mut picker, Direction::Up);
        assert!(
            picker.current().y < VIEW_HEIGHT / 5.0,
            "up ends at {} (y {})",
            picker.current().label,
            picker.current().y
        );
        as_far_as(&mut picker, Direction::Down);
        assert!(
            picker.current().y > VIEW_HEIGHT * 0.85,
            "down ends at {} (y {})",
            picker.current().label,
            picker.current().y
        );
    }

    #[test]
    fn each_move_goes_the_way_asked_and_stays_on_the_view() {
        let library = library();
        let mut picker = picker(&library);
        let moves = [
            Direction::Up,
            Direction::Left,
            Direction::Down,
            Direction::Down,
            Direction::Right,
            Direction::Right,
            Direction::Up,
        ];
        let mut moved = 0;
        for direction in moves {
            let (x, y) = (picker.current().x, picker.current().y);
            picker.input(Input::Move(direction));
            let (nx, ny) = (picker.current().x, picker.current().y);
            if (nx, ny) != (x, y) {
                moved += 1;
            }
            let ok = match direction {
                Direction::Up => ny <= y,
                Direction::Down => ny >= y,
                Direction::Left => nx <= x,
                Direction::Right => nx >= x,
            };
            assert!(ok, "{direction:?} went from ({x}, {y}) to ({nx}, {ny})");
            assert_eq!(picker.view(), View::Front);
        }
        assert!(moved >= 5, "only {moved} of the moves went anywhere");
    }

    #[test]
    fn on_the_front_the_persons_left_is_on_the_screens_right() {
        let library = library();
        let mut picker = picker(&library);
        as_far_as(&mut picker, Direction::Right);
        assert!(
            picker.current().label.ends_with(", left"),
            "{}",
            picker.current().label
        );
        as_far_as(&mut picker, Direction::Left);
        assert!(
            picker.current().label.ends_with(", right"),
            "{}",
            picker.current().label
        );
    }

    #[test]
    fn tab_turns_to_the_back_and_finds_back_only_areas_there() {
        let library = library();
        let mut picker = picker(&library);
        picker.input(Input::Turn);
        assert_eq!(picker.view(), View::Back);
        let mut seen = Vec::new();
        for direction in [
            Direction::Up,
            Direction::Down,
            Direction::Down,
            Direction::Down,
        ] {
            seen.push(picker.current().area.to_string());
            picker.input(Input::Move(direction));
            assert_eq!(picker.view(), View::Back);
        }
        assert!(
            seen.iter()
                .any(|a| a.contains("shoulder") || a.contains("back") || a.contains("buttock")),
            "{seen:?}"
        );
        picker.input(Input::Turn);
        assert_eq!(picker.view(), View::Front);
    }

    #[test]
    fn enter_picks_the_area_under_the_cursor_and_esc_picks_nothing() {
        let library = library();
        let mut picker = picker(&library);
        as_far_as(&mut picker, Direction::Up);
        let under = picker.current().area.clone();
        assert!(library.pain_areas.iter().any(|a| a.id == under));
        assert_eq!(picker.input(Input::Pick), Outcome::Picked(under));
        assert_eq!(picker.input(Input::Cancel), Outcome::Cancelled);
    }

    #[test]
    fn s_asks_for_a_routine_for_the_area_under_the_cursor_wherever_it_moved() {
        let library = library();
        let mut picker = picker(&library);
        let first = picker.current().area.clone();
        assert_eq!(
            picker.input(Input::Suggest),
            Outcome::Suggest(first.clone())
        );
        as_far_as(&mut picker, Direction::Down);
        picker.input(Input::Turn);
        let under = picker.current().area.clone();
        assert_ne!(under, first, "moving down and turning reaches another area");
        assert_eq!(picker.input(Input::Suggest), Outcome::Suggest(under));
    }

    #[test]
    fn tab_twice_comes_back_to_the_same_place() {
        let library = library();
        let mut picker = picker(&library);
        // Walk somewhere off the middle (the temple, say), then turn there and back.
        for _ in 0..6 {
            picker.input(Input::Move(Direction::Up));
        }
        picker.input(Input::Move(Direction::Right));
        let before = picker.current().label.clone();
        picker.input(Input::Turn);
        assert_eq!(picker.view(), View::Back);
        picker.input(Input::Turn);
        assert_eq!(picker.current().label, before);
        // An area on both views keeps its name and side when turned.
        let both = picker
            .targets
            .iter()
            .position(|t| {
                t.view == View::Front
                    && picker
                        .targets
                        .iter()
                        .any(|o| o.view == View::Back && o.label == t.label)
            })
            .expect("an area drawn on both views");
        picker.cursor = both;
        picker.turned = None;
        let label = picker.current().label.clone();
        picker.input(Input::Turn);
        assert_eq!(picker.view(), View::Back);
        assert_eq!(picker.current().label, label);
    }

    #[test]
    fn the_scene_fills_only_the_area_under_the_cursor_on_its_view() {
        let library = library();
        let mut picker = picker(&library);
        picker.input(Input::Turn);
        let scene = picker.scene(&library);
        assert_eq!(scene.only, vec![View::Back]);
        assert_eq!(scene.areas.len(), 1);
        assert_eq!(scene.areas[0].id, picker.current().area);
        assert!(scene.primary_means.contains(&picker.current().label));
    }
}
