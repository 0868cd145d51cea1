//! One step's screen as text, a pure function of the step and the space: what the live screen
//! prints, and what the tests measure.

use tpcoach::body_map::{raster, Scene};
use tpcoach::library::Library;
use tpcoach::model::TechniqueKind;
use tpcoach::routine::{Side, Step};
use unicode_width::UnicodeWidthChar;

use super::super::words;

/// How a step's page shows its cautions.
#[derive(Debug, Clone, Default)]
pub struct Cautions {
    /// The muscles worked in earlier sessions: their caution is one line (`?` shows it in full).
    pub worked: std::collections::BTreeSet<String>,
    /// Every caution in full on every step, every time (`--verbose`).
    pub verbose: bool,
}

/// A caution in one line: the danger zone's name, or the caution's first sentence (without
/// its full stop, for a note in brackets to follow).
fn one_line(caution: &str) -> &str {
    match caution.split_once(": ") {
        Some((name, _)) => name,
        None => caution.find(". ").map_or(caution, |i| &caution[..i]),
    }
}

/// The widest map on a step's screen, in columns.
const MAP_WIDTH: u16 = 64;

/// One step's screen as text: the header on top (step n of N, muscle and side; technique, tool
/// and dose), how the last step ended, how to find the spot with the caution that matters most,
/// then the map of the spot before the work, or the cues once it has started. Drawn by
/// [`StepPage::lines`] into the rows the status leaves, so a test can check every step fits.
#[derive(Debug, Clone)]
pub struct StepPage {
    /// "Step 2 of 6: Upper trapezius, left side" (bold when styled).
    title: String,
    /// "  Static compression with pincer grip: hold 30 s x 2".
    technique: String,
    /// How the step before ended, and any advice after it (until the work starts).
    pub carried: Vec<String>,
    /// How to find the spot (or "as for the left side"), shown before the work.
    find: Option<String>,
    /// How to work it, shown once the work starts (the settle-in is when a person gets there).
    how: Option<String>,
    /// The caution that matters most: in full the first time, or in one line when an earlier
    /// step or session said it; every caution in full with `--verbose`.
    caution: Vec<String>,
    /// What `?` shows.
    more: Option<String>,
    /// The spot on the figure (under the text, or beside it when the rows are short; left out
    /// once the work has started).
    map: Option<Scene>,
    /// The cues said since the work started, oldest first.
    pub cues: Vec<String>,
    /// Bold title and a coloured map.
    styled: bool,
    /// The work has started.
    working: bool,
}

impl StepPage {
    /// The screen of step `step` of `steps`, before its work; `None` past the last step.
    pub fn new(
        library: &Library,
        steps: &[Step],
        step: usize,
        styled: bool,
        cautions: &Cautions,
    ) -> Option<StepPage> {
        let s = steps.get(step)?;
        let second = step
            .checked_sub(1)
            .and_then(|p| steps.get(p))
            .is_some_and(|p| {
                p.muscle == s.muscle && p.technique == s.technique && p.side != s.side
            });
        let previous = match s.side {
            Side::Right => "left",
            _ => "right",
        };
        let find = if second {
            Some(format!("  Find it and work it as for the {previous} side."))
        } else if s.kind != TechniqueKind::Stretch {
            Some(format!("  Find it: {}", s.find))
        } else {
            None
        };
        let how = match &s.how {
            Some(how) if !second => Some(format!("  How: {how}")),
            _ => None,
        };
        // A caution an earlier step said in full is named, not said again word for word.
        let said = |c: &str| {
            steps[..step]
                .iter()
                .any(|p| p.cautions.iter().any(|pc| pc == c))
        };
        // A muscle worked in an earlier session has its caution in one line.
        let known = cautions.worked.contains(s.muscle.as_str());
        let caution: Vec<String> = if cautions.verbose {
            s.cautions
                .iter()
                .map(|c| format!("  Caution: {c}"))
                .collect()
        } else {
            s.cautions
                .first()
                .map(|c| match c.split_once(": ") {
                    Some((name, _)) if said(c) => {
                        format!("  Caution: {name}, as before (? shows it).")
                    }
                    None if said(c) && one_line(c).len() + 1 < c.len() => {
                        format!("  Caution, as before: {} (? shows it).", one_line(c))
                    }
                    None if said(c) => format!("  Caution, as before: {c}"),
                    _ if known && one_line(c).len() + 1 < c.len() => {
                        format!("  Caution: {} (? shows it in full).", one_line(c))
                    }
                    _ => format!("  Caution: {c}"),
                })
                .into_iter()
                .collect()
        };
        let more = (!cautions.verbose && (s.cautions.len() > 1 || s.how.is_some())).then(|| {
            format!(
                "  ? shows {} in full.",
                match s.cautions.len() {
                    0 | 1 => "the step".to_string(),
                    n => format!("the step and all {n} cautions"),
                }
            )
        });
        // A stretch has no spot to find: no "tender spot" on the figure either.
        let map = library
            .muscle(&s.muscle)
            .filter(|_| s.kind != TechniqueKind::Stretch)
            .and_then(|m| {
                m.trigger_points.first().map(|p| {
                    let side = match s.side {
                        Side::Right => tpcoach::body_map::Sides::Right,
                        _ => tpcoach::body_map::Sides::Left,
                    };
                    Scene::for_spot_on(library, m, p, side)
                })
            });
        Some(StepPage {
            title: words::step_title(library, s, step, steps.len()),
            technique: format!("  {}", words::technique(library, s)),
            carried: Vec::new(),
            find,
            how,
            caution,
            more,
            map,
            cues: Vec::new(),
            styled,
            working: false,
        })
    }

    /// The same page as the work starts: no map and nothing carried from the step before; the
    /// cues take their place (a cue said before, at the rating, stays).
    pub fn at_work(&mut self) {
        self.map = None;
        self.carried.clear();
        self.working = true;
    }

    /// The step's own text, as shown now: how to find the spot before the work, how to work it
    /// once it has started; the caution; what `?` shows.
    pub fn text(&self) -> Vec<String> {
        let first = if self.working { &self.how } else { &self.find };
        first
            .iter()
            .chain(&self.caution)
            .chain(&self.more)
            .cloned()
            .collect()
    }

    /// `?`'s full text (`lines`: how to find the spot, how to work it, every caution) in parts
    /// that each fit `rows` rows of `width` columns: the header on top of each, then the next
    /// lines, then what the next key does.
    pub fn details(&self, lines: &[String], width: u16, rows: u16) -> Vec<Vec<String>> {
        let usable = usize::from(width.saturating_sub(1)).max(19);
        let header = self.header(usable);
        let text: Vec<String> = lines.iter().flat_map(|l| wrap_hanging(l, usable)).collect();
        let room = usize::from(rows).saturating_sub(header.len() + 1).max(1);
        let chunks: Vec<&[String]> = text.chunks(room).collect();
        let count = chunks.len();
        chunks
            .into_iter()
            .enumerate()
            .map(|(n, chunk)| {
                let mut part = header.clone();
                part.extend(chunk.iter().cloned());
                part.push(if n + 1 < count {
                    format!(
                        "  ? shows more (part {} of {count}) · any other key goes back to the step.",
                        n + 1
                    )
                } else {
                    "  Any key goes back to the step.".to_string()
                });
                part
            })
            .collect()
    }

    /// Whether the work has started.
    pub(super) fn working(&self) -> bool {
        self.working
    }

    /// The header's lines, wrapped to `usable` columns.
    pub(super) fn header(&self, usable: usize) -> Vec<String> {
        let mut out: Vec<String> = wrap_hanging(&self.title, usable)
            .into_iter()
            .map(|l| if self.styled { bold(&l) } else { l })
            .collect();
        out.extend(wrap_hanging(&self.technique, usable));
        out
    }

    /// The page's lines, each at most `width - 1` columns wide (the last column stays free so
    /// nothing wraps by itself), in at most `rows` rows: the header always, then what was
    /// carried, the text, and the map (shrunk to the rows left; when fewer rows are left than
    /// its smallest legible size, beside the text, which is then wrapped to a narrower column)
    /// or the latest cues that fit.
    pub fn lines(&self, width: u16, rows: u16) -> Vec<String> {
        self.laid_out(width, rows).0
    }

    /// [`StepPage::lines`], and the text column's width when the map is beside the text.
    fn laid_out(&self, width: u16, rows: u16) -> (Vec<String>, Option<usize>) {
        let mut columns_beside = None;
        let usable = usize::from(width.saturating_sub(1)).max(19);
        let rows = usize::from(rows);
        let wrapped = |texts: &[String]| -> Vec<String> {
            texts.iter().flat_map(|t| wrap_hanging(t, usable)).collect()
        };
        let mut out = self.header(usable);
        let mut text = wrapped(&self.text());
        // The latest cue comes before how to work the spot, then before the rest of the text
        // (on a terminal too small for both).
        let latest = self
            .cues
            .last()
            .map_or(0, |cue| wrap_hanging(cue, usable).len());
        let room = rows.saturating_sub(out.len() + latest);
        if text.len() > room {
            if let Some(how) = self.how.as_ref().filter(|_| self.working) {
                let skip = wrap_hanging(how, usable).len();
                text.drain(..skip.min(text.len()));
            }
            text.truncate(room);
        }
        let mut carried = wrapped(&self.carried);
        // What was carried gives way first: the text of the step comes before it.
        let room = rows.saturating_sub(out.len() + text.len());
        if carried.len() > room {
            carried.drain(..carried.len() - room);
        }
        if self.cues.is_empty() {
            let left = rows.saturating_sub(out.len() + carried.len() + text.len());
            let map = self.under(usable, left);
            let beside = || self.beside(width, u16::try_from(rows).unwrap_or(u16::MAX));
            match map.map_or_else(|| Err(beside()), Ok) {
                Ok(grid) => {
                    out.extend(carried);
                    out.extend(text);
                    out.extend(self.map_lines(&grid));
                }
                // No room under the text: the map beside it, the text in a narrower column.
                Err(Some((columns, grid))) => {
                    columns_beside = Some(columns);
                    let column: Vec<String> = [self.carried.as_slice(), &self.text()]
                        .concat()
                        .iter()
                        .flat_map(|t| wrap_hanging(t, columns))
                        .collect();
                    let map = self.map_lines(&grid);
                    for n in 0..column.len().max(map.len()) {
                        let text = column.get(n).map_or("", String::as_str);
                        let pad = columns.saturating_sub(display_width(text));
                        let line = match map.get(n) {
                            Some(m) => format!("{text}{}{m}", " ".repeat(pad + BESIDE_GAP)),
                            None => text.to_string(),
                        };
                        out.push(line.trim_end().to_string());
                    }
                }
                Err(None) => {
                    out.extend(carried);
                    out.extend(text);
                }
            }
        } else {
            out.extend(carried);
            out.extend(text);
            let mut cues = wrapped(&self.cues);
            let room = rows.saturating_sub(out.len());
            if cues.len() > room {
                cues.drain(..cues.len() - room);
            }
            out.extend(cues);
        }
        out.truncate(rows.max(2));
        (out, columns_beside)
    }
}

impl StepPage {
    /// The map's lines as the terminal shows them (coloured when styled).
    fn map_lines(&self, grid: &raster::Grid) -> Vec<String> {
        crate::cli::map::text(grid, self.styled)
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// The map under the text, in `left` rows of `usable` columns, if it is legible there.
    fn under(&self, usable: usize, left: usize) -> Option<raster::Grid> {
        let scene = self.map.as_ref()?;
        let options = raster::Options {
            width: MAP_WIDTH.min(u16::try_from(usable).unwrap_or(MAP_WIDTH)),
            height: u16::try_from(left).unwrap_or(0),
            colour: self.styled,
        };
        raster::render(scene, &options)
    }

    /// The width of the text column when [`StepPage::lines`] draws the map beside the text in
    /// `rows` rows of `width` columns (no room under it); `None` when it does not.
    #[cfg(test)]
    pub fn text_columns(&self, width: u16, rows: u16) -> Option<usize> {
        self.laid_out(width, rows).1
    }

    /// When the map finds no room under the text before the work: the widest text column
    /// (in columns) that, with the map drawn beside it, fits `rows` rows of `width` columns
    /// under the header, and that map. `None` once the work has started, for a page without
    /// a map, or when no such column leaves the text [`MIN_TEXT_COLUMNS`] wide.
    fn beside(&self, width: u16, rows: u16) -> Option<(usize, raster::Grid)> {
        let scene = self.map.as_ref().filter(|_| self.cues.is_empty())?;
        let usable = usize::from(width.saturating_sub(1)).max(19);
        let room = usize::from(rows).checked_sub(self.header(usable).len())?;
        let texts = [self.carried.as_slice(), &self.text()].concat();
        let tall = |columns: usize| {
            texts
                .iter()
                .map(|t| wrap_hanging(t, columns).len())
                .sum::<usize>()
        };
        (MIN_TEXT_COLUMNS..usable.saturating_sub(BESIDE_GAP))
            .rev()
            .filter(|&columns| tall(columns) <= room)
            .find_map(|columns| {
                let options = raster::Options {
                    width: u16::try_from(usable - columns - BESIDE_GAP).ok()?,
                    height: u16::try_from(room).ok()?,
                    colour: self.styled,
                };
                raster::render(scene, &options).map(|grid| (columns, grid))
            })
    }
}

/// Columns between the text and a map beside it.
const BESIDE_GAP: usize = 2;
/// The narrowest the text is wrapped to for a map beside it.
const MIN_TEXT_COLUMNS: usize = 36;

/// `text` wrapped to `width` columns, its first line keeping its own indentation and the rest
/// hanging two columns under it.
pub(super) fn wrap_hanging(text: &str, width: usize) -> Vec<String> {
    if text.trim().is_empty() {
        return vec![String::new()];
    }
    let indent: String = text.chars().take_while(|c| *c == ' ').collect();
    words::wrap(text, width, &format!("{indent}  "))
}

/// Bold text.
fn bold(text: &str) -> String {
    format!("\x1b[1m{text}\x1b[0m")
}

/// The columns `text` takes in a terminal: escape sequences take none, wide characters two,
/// the map's braille, arrows and dots one.
pub fn display_width(text: &str) -> usize {
    let mut width = 0;
    let mut escape = false;
    for c in text.chars() {
        if c == '\x1b' {
            escape = true;
        }
        if escape {
            if c.is_ascii_alphabetic() {
                escape = false;
            }
            continue;
        }
        width += UnicodeWidthChar::width(c).unwrap_or(0);
    }
    width
}
