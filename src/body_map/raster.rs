//! A scene as a grid of terminal cells: the figure's outline in braille dots (each cell 2 dots
//! wide and 4 high), areas filled, spots marked and numbered, the views labelled and a legend
//! beside or below. With colour the fills are braille dots whose style says primary or
//! spill-over; without it each has its own glyph, so the meaning survives a log file or a
//! screen reader.

use super::{view_convention, view_name, Fill, Scene, Sides, VIEW_HEIGHT};
use crate::model::View;

/// The fewest figure rows a map is drawn with (below it the figure is not legible).
pub const MIN_ROWS: u16 = 12;
/// The most figure rows a map is drawn with, however large the space.
pub const MAX_ROWS: u16 = 40;

/// The leftmost and rightmost map units drawn (the fingertips fit between them).
const LEFT: f32 = 14.0;
const RIGHT: f32 = 86.0;
/// Columns between two views, and between the views and a legend beside them.
const GAP: usize = 3;
/// The narrowest legend drawn beside the views; narrower, it goes below.
const LEGEND_BESIDE_MIN: usize = 26;

/// The glyph for a primary area without colour.
pub const PRIMARY_GLYPH: char = '▓';
/// The glyph for a spill-over area without colour.
pub const SPILLOVER_GLYPH: char = '░';
/// The glyph for an unnumbered spot.
pub const SPOT_GLYPH: char = '●';
/// The glyph a coloured fill shows in the legend (every dot of a cell).
const FULL_BRAILLE: char = '⣿';

/// What a cell shows, for the terminal to colour (or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Text or nothing.
    Plain,
    /// The figure's outline.
    Outline,
    /// A primary area.
    Primary,
    /// A spill-over area.
    Spillover,
    /// A spot or its number.
    Spot,
    /// A view's label.
    Label,
}

/// One terminal cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// The character.
    pub ch: char,
    /// What it shows.
    pub style: Style,
}

const BLANK: Cell = Cell {
    ch: ' ',
    style: Style::Plain,
};

/// A rendered map: rows of cells, all the same width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The rows, top first.
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The map as plain text, one line per row, without trailing spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (n, row) in self.rows.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            let line: String = row.iter().map(|c| c.ch).collect();
            out.push_str(line.trim_end());
        }
        out
    }

    /// The number of columns.
    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    /// The number of rows.
    pub fn height(&self) -> usize {
        self.rows.len()
    }
}

/// The space a map may take and how it may mark things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Columns available.
    pub width: u16,
    /// Rows available (the views' labels, the figure and a legend below it, if it goes there).
    pub height: u16,
    /// Whether the terminal will colour the cells by their style; without colour, fills and
    /// spots get glyphs of their own.
    pub colour: bool,
}

/// The legend's lines: a key (glyph cells) and its meaning.
fn legend(scene: &Scene, views: &[View], colour: bool) -> Vec<(Vec<Cell>, String)> {
    let mut lines = Vec::new();
    let key = |ch: char, style: Style| vec![Cell { ch, style }, Cell { ch, style }, BLANK];
    if scene.has_fill(Fill::Primary) {
        let ch = if colour { FULL_BRAILLE } else { PRIMARY_GLYPH };
        lines.push((key(ch, Style::Primary), scene_primary_means(scene)));
    }
    if scene.has_fill(Fill::Spillover) {
        let ch = if colour {
            FULL_BRAILLE
        } else {
            SPILLOVER_GLYPH
        };
        lines.push((
            key(ch, Style::Spillover),
            "where it sometimes spreads".to_string(),
        ));
    }
    if !scene.spots.is_empty() {
        if scene.numbered() {
            let spot = |ch| Cell {
                ch,
                style: Style::Spot,
            };
            lines.push((vec![spot('1'), spot('2'), BLANK], scene_spot_means(scene)));
        } else {
            lines.push((key(SPOT_GLYPH, Style::Spot), "the tender spot".to_string()));
        }
    }
    for view in views {
        lines.push((Vec::new(), view_convention(*view).to_string()));
    }
    if !scene.spots.is_empty() {
        match scene.sides {
            Sides::Left => lines.push((
                Vec::new(),
                "spots on the person's left; the right side is the mirror image".to_string(),
            )),
            Sides::Right => lines.push((
                Vec::new(),
                "spots on the person's right; the left side is the mirror image".to_string(),
            )),
            Sides::Both => {}
        }
    }
    lines
}

fn scene_primary_means(scene: &Scene) -> String {
    if scene.primary_means.is_empty() {
        "where the pain usually is".to_string()
    } else {
        scene.primary_means.clone()
    }
}

fn scene_spot_means(scene: &Scene) -> String {
    if scene.spot_means.is_empty() {
        "the spots, numbered as in the list".to_string()
    } else {
        scene.spot_means.clone()
    }
}

/// The legend as rows of cells, wrapped to `width`; each wrapped line hangs under its text.
fn legend_rows(lines: &[(Vec<Cell>, String)], width: usize) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for (key, text) in lines {
        let indent = key.len();
        let room = width.saturating_sub(indent).max(8);
        let mut line = String::new();
        let mut first = true;
        let mut flush = |line: &mut String, first: &mut bool| {
            let mut row: Vec<Cell> = if *first {
                key.clone()
            } else {
                vec![BLANK; indent]
            };
            row.extend(line.chars().map(|ch| Cell {
                ch,
                style: Style::Plain,
            }));
            rows.push(row);
            line.clear();
            *first = false;
        };
        for word in text.split_whitespace() {
            let len = line.chars().count();
            if len > 0 && len + 1 + word.chars().count() > room {
                flush(&mut line, &mut first);
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        flush(&mut line, &mut first);
    }
    rows
}

/// The columns a view takes at `rows` figure rows.
fn view_columns(rows: usize) -> usize {
    // Dots per map unit: 4 per row over the view's height; 2 dots per column.
    let scale = (rows * 4) as f32 / VIEW_HEIGHT;
    ((RIGHT - LEFT) * scale / 2.0).ceil() as usize
}

/// How the map is laid out: figure rows and where the legend goes.
struct Layout {
    rows: usize,
    legend_beside: bool,
    legend: Vec<Vec<Cell>>,
}

fn layout(views: usize, lines: &[(Vec<Cell>, String)], options: &Options) -> Option<Layout> {
    let (width, height) = (usize::from(options.width), usize::from(options.height));
    let most = usize::from(MAX_ROWS).min(height.saturating_sub(1));
    for rows in (usize::from(MIN_ROWS)..=most).rev() {
        let figures = views * view_columns(rows) + (views - 1) * GAP;
        if figures > width {
            continue;
        }
        let room = width.saturating_sub(figures + GAP);
        if room >= LEGEND_BESIDE_MIN {
            let legend = legend_rows(lines, room);
            if legend.len() <= rows + 1 {
                return Some(Layout {
                    rows,
                    legend_beside: true,
                    legend,
                });
            }
        }
        let legend = legend_rows(lines, width);
        if rows + 2 + legend.len() <= height {
            return Some(Layout {
                rows,
                legend_beside: false,
                legend,
            });
        }
    }
    None
}

/// Braille dot bits for a dot at (column 0-1, row 0-3) of a cell.
const BRAILLE_BITS: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];

/// One view drawn at a size: each dot's content.
struct Canvas {
    columns: usize,
    rows: usize,
    scale: f32,
    /// Per dot: inside the figure.
    body: Vec<bool>,
    /// Per dot: the strongest fill, if any.
    fill: Vec<Option<Fill>>,
}

impl Canvas {
    fn dots_wide(&self) -> usize {
        self.columns * 2
    }

    fn dots_high(&self) -> usize {
        self.rows * 4
    }

    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        ((x - LEFT) * self.scale, y * self.scale)
    }

    /// The map point at the centre of dot (i, j).
    fn point(&self, i: usize, j: usize) -> (f32, f32) {
        (
            LEFT + (i as f32 + 0.5) / self.scale,
            (j as f32 + 0.5) / self.scale,
        )
    }

    fn draw(scene: &Scene, view: View, columns: usize, rows: usize) -> Canvas {
        let scale = (rows * 4) as f32 / VIEW_HEIGHT;
        let (w, h) = (columns * 2, rows * 4);
        let mut canvas = Canvas {
            columns,
            rows,
            scale,
            body: vec![false; w * h],
            fill: vec![None; w * h],
        };
        // Each shape is tested only over the dots of its bounding box.
        let span = |canvas: &Canvas, bounds: (f32, f32, f32, f32)| {
            let (l, t, r, b) = bounds;
            let (x0, y0) = canvas.at(l, t);
            let (x1, y1) = canvas.at(r, b);
            let clamp = |v: f32, most: usize| (v.max(0.0) as usize).min(most);
            (
                clamp(x0.floor(), w),
                clamp(x1.ceil() + 1.0, w),
                clamp(y0.floor(), h),
                clamp(y1.ceil() + 1.0, h),
            )
        };
        for shape in scene.figure(view) {
            let (i0, i1, j0, j1) = span(&canvas, shape.bounds());
            for j in j0..j1 {
                for i in i0..i1 {
                    if !canvas.body[j * w + i] {
                        let (x, y) = canvas.point(i, j);
                        canvas.body[j * w + i] = shape.contains(x, y);
                    }
                }
            }
        }
        // Spill-over first, so that primary wins where they overlap.
        for fill in [Fill::Spillover, Fill::Primary] {
            for area in scene.areas.iter().filter(|a| a.fill == fill) {
                for (_, shape) in area.shapes.iter().filter(|(v, _)| *v == view) {
                    let (i0, i1, j0, j1) = span(&canvas, shape.bounds());
                    let mut any = false;
                    for j in j0..j1 {
                        for i in i0..i1 {
                            let (x, y) = canvas.point(i, j);
                            if shape.contains(x, y) {
                                canvas.fill[j * w + i] = Some(fill);
                                any = true;
                            }
                        }
                    }
                    // An area smaller than a dot still shows: the dot at its centre.
                    if !any {
                        let (cx, cy) = shape.centre();
                        let (x, y) = canvas.at(cx, cy);
                        if x >= 0.0 && y >= 0.0 && (x as usize) < w && (y as usize) < h {
                            canvas.fill[y as usize * w + x as usize] = Some(fill);
                        }
                    }
                }
            }
        }
        canvas
    }

    fn is_body(&self, i: isize, j: isize) -> bool {
        let (w, h) = (self.dots_wide() as isize, self.dots_high() as isize);
        i >= 0 && j >= 0 && i < w && j < h && self.body[(j * w + i) as usize]
    }

    /// A dot of the outline: inside the figure, next to a dot outside it.
    fn is_outline(&self, i: usize, j: usize) -> bool {
        let (i, j) = (i as isize, j as isize);
        self.is_body(i, j)
            && !(self.is_body(i - 1, j)
                && self.is_body(i + 1, j)
                && self.is_body(i, j - 1)
                && self.is_body(i, j + 1))
    }

    /// The cells: outline and fills.
    fn cells(&self, colour: bool) -> Vec<Vec<Cell>> {
        let w = self.dots_wide();
        let mut out = vec![vec![BLANK; self.columns]; self.rows];
        for (row, cells) in out.iter_mut().enumerate() {
            for (column, cell) in cells.iter_mut().enumerate() {
                let (mut outline, mut fills, mut strongest) = (0u8, 0u8, None);
                for (dx, bits) in BRAILLE_BITS.iter().enumerate() {
                    for (dy, bit) in bits.iter().enumerate() {
                        let (i, j) = (column * 2 + dx, row * 4 + dy);
                        if self.is_outline(i, j) {
                            outline |= bit;
                        }
                        if let Some(fill) = self.fill[j * w + i] {
                            fills |= bit;
                            strongest = Some(strongest.map_or(fill, |s: Fill| s.min(fill)));
                        }
                    }
                }
                *cell = match (strongest, colour) {
                    (Some(fill), true) => Cell {
                        ch: braille(outline | fills),
                        style: fill_style(fill),
                    },
                    (Some(Fill::Primary), false) => Cell {
                        ch: PRIMARY_GLYPH,
                        style: Style::Primary,
                    },
                    (Some(Fill::Spillover), false) => Cell {
                        ch: SPILLOVER_GLYPH,
                        style: Style::Spillover,
                    },
                    (None, _) if outline != 0 => Cell {
                        ch: braille(outline),
                        style: Style::Outline,
                    },
                    (None, _) => BLANK,
                };
            }
        }
        out
    }
}

fn fill_style(fill: Fill) -> Style {
    match fill {
        Fill::Primary => Style::Primary,
        Fill::Spillover => Style::Spillover,
    }
}

fn braille(bits: u8) -> char {
    char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ')
}

/// Marks the spots of a view on its cells: numbers, or the spot glyph; a spot whose cell is
/// taken moves to the nearest free cell, so no number hides another.
fn mark_spots(scene: &Scene, view: View, canvas: &Canvas, cells: &mut [Vec<Cell>]) {
    let mut taken: Vec<(usize, usize, Option<u16>)> = Vec::new();
    // The cells a spot may move to, nearest first (a row is about twice as tall as a column
    // is wide).
    let mut near: Vec<(isize, isize)> = (-2..=2)
        .flat_map(|dr| (-3..=3).map(move |dc| (dc, dr)))
        .collect();
    near.sort_by_key(|&(dc, dr)| (dc * dc + 4 * dr * dr, dr, dc));
    for spot in scene.spots.iter().filter(|s| s.view == view) {
        let (x, y) = canvas.at(spot.x, spot.y);
        let column = (x / 2.0).floor().max(0.0) as isize;
        let row = (y / 4.0).floor().max(0.0) as isize;
        let text: Vec<char> = match spot.label {
            Some(n) => n.to_string().chars().collect(),
            None => vec![SPOT_GLYPH],
        };
        // The same number already marked in this cell or next to it says it.
        if taken.iter().any(|&(c, r, label)| {
            label == spot.label && (c as isize - column).abs() <= 1 && (r as isize - row).abs() <= 1
        }) {
            continue;
        }
        // A mark needs its own cells and a free cell either side, so that two numbers never
        // read as one.
        let len = text.len() as isize;
        let fits = |c: isize, r: isize| {
            r >= 0
                && (r as usize) < canvas.rows
                && c >= 0
                && (c + len) as usize <= canvas.columns
                && !taken.iter().any(|&(tc, tr, _)| {
                    tr as isize == r && (c - 1..=c + len).contains(&(tc as isize))
                })
        };
        let Some((c, r)) = near
            .iter()
            .map(|(dc, dr)| (column + dc, row + dr))
            .find(|&(c, r)| fits(c, r))
        else {
            continue;
        };
        for (k, ch) in text.iter().enumerate() {
            let (c, r) = (c as usize + k, r as usize);
            cells[r][c] = Cell {
                ch: *ch,
                style: Style::Spot,
            };
            taken.push((c, r, spot.label));
        }
    }
}

/// The label row of a view: its name in the middle, the person's right and left at its edges.
fn label_row(view: View, columns: usize) -> Vec<Cell> {
    let mut row = vec![BLANK; columns];
    let name = view_name(view);
    let start = columns.saturating_sub(name.len()) / 2;
    for (k, ch) in name.chars().enumerate() {
        if let Some(cell) = row.get_mut(start + k) {
            *cell = Cell {
                ch,
                style: Style::Label,
            };
        }
    }
    let (left_edge, right_edge) = match view {
        View::Front => ('R', 'L'),
        View::Back => ('L', 'R'),
    };
    if columns >= name.len() + 4 {
        row[0] = Cell {
            ch: left_edge,
            style: Style::Label,
        };
        row[columns - 1] = Cell {
            ch: right_edge,
            style: Style::Label,
        };
    }
    row
}

/// Draws a scene in the space given; `None` when the figure would be too small to read.
pub fn render(scene: &Scene, options: &Options) -> Option<Grid> {
    let views = scene.views();
    if views.is_empty() {
        return None;
    }
    let lines = legend(scene, &views, options.colour);
    let Layout {
        rows,
        legend_beside,
        legend,
    } = layout(views.len(), &lines, options)?;
    let columns = view_columns(rows);
    let figures_width = views.len() * columns + (views.len() - 1) * GAP;
    let legend_width = legend.iter().map(Vec::len).max().unwrap_or(0);
    let width = if legend_beside {
        figures_width + GAP + legend_width
    } else {
        figures_width.max(legend_width)
    };
    let mut grid = vec![vec![BLANK; width]; rows + 1];
    for (n, view) in views.iter().enumerate() {
        let left = n * (columns + GAP);
        let canvas = Canvas::draw(scene, *view, columns, rows);
        let mut cells = canvas.cells(options.colour);
        mark_spots(scene, *view, &canvas, &mut cells);
        grid[0][left..left + columns].copy_from_slice(&label_row(*view, columns));
        for (r, row) in cells.into_iter().enumerate() {
            grid[r + 1][left..left + columns].copy_from_slice(&row);
        }
    }
    if legend_beside {
        let left = figures_width + GAP;
        for (r, row) in legend.into_iter().enumerate() {
            grid[r][left..left + row.len()].copy_from_slice(&row);
        }
    } else {
        grid.push(vec![BLANK; width]);
        for mut row in legend {
            row.resize(width, BLANK);
            grid.push(row);
        }
    }
    Some(Grid { rows: grid })
}
