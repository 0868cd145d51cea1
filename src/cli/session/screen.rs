//! Where the coach's words go: the interactive screen (lines that stay, and one live status line
//! at the bottom with the countdown bar or the prompt), plain lines for `--plain`, or nowhere
//! (after the terminal has gone).

use std::io::{self, Write};

use crossterm::{cursor, queue, terminal};
use tpcoach::body_map::{raster, Scene};
use tpcoach::library::Library;
use tpcoach::model::TechniqueKind;
use tpcoach::routine::{Side, Step};
use tpcoach::session::{PhaseKind, Timer, ADD_SECONDS};
use unicode_width::UnicodeWidthChar;

use super::words;

/// Width of the countdown bar, at most.
const BAR_WIDTH: usize = 30;
/// Width of the countdown bar, at least.
const MIN_BAR_WIDTH: usize = 8;
/// Width used when the terminal's is unknown.
const DEFAULT_WIDTH: u16 = 80;
/// Height used when the terminal's is unknown.
const DEFAULT_HEIGHT: u16 = 24;
/// The fewest rows and columns for `--big` digits (else the bar alone).
const BIG_MIN: (u16, u16) = (40, 12);
/// The rows the `--big` timer takes: a blank one, five of digits and the bar's.
const BIG_ROWS: u16 = 7;

/// Where output goes.
pub enum Out {
    /// The interactive screen, in raw mode.
    Screen(Box<Screen>),
    /// Plain lines on stdout; `closed` once stdout is gone (a closed pipe).
    Plain {
        /// Writing failed: nobody reads any more.
        closed: bool,
    },
    /// Nowhere: the terminal is gone or the session is being wound up by a signal.
    Quiet,
}

impl Out {
    /// A line that stays.
    pub fn line(&mut self, text: &str) {
        match self {
            Out::Screen(screen) => screen.line(text),
            Out::Plain { closed } => {
                let mut out = io::stdout().lock();
                if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
                    *closed = true;
                }
            }
            Out::Quiet => {}
        }
    }

    /// The bell.
    pub fn bell(&mut self) {
        if let Out::Screen(screen) = self {
            screen.bell();
        }
    }
}

/// The interactive screen.
pub struct Screen {
    width: u16,
    height: u16,
    styled: bool,
    bell: bool,
    big: bool,
    status: Option<Vec<String>>,
    /// Rows the status takes on the screen (the big digits and the line under them).
    status_rows: u16,
    /// Rows written since the screen was last cleared.
    used: u16,
    /// The step's page on screen, redrawn whole when a cue would push its header off the top.
    page: Option<StepPage>,
    /// `?`'s full text is on screen instead of the page (the next key brings the page back).
    details: bool,
}

impl Screen {
    /// A screen as wide as the terminal; `styled` allows bold (off with NO_COLOR).
    pub fn new(styled: bool, bell: bool, big: bool) -> Screen {
        let (width, height) = terminal::size().unwrap_or((DEFAULT_WIDTH, DEFAULT_HEIGHT));
        Screen::sized(width, height, styled, bell, big)
    }

    /// A screen of this size.
    fn sized(width: u16, height: u16, styled: bool, bell: bool, big: bool) -> Screen {
        Screen {
            width,
            height,
            styled,
            bell,
            big,
            status: None,
            status_rows: 0,
            used: 0,
            page: None,
            details: false,
        }
    }

    /// The terminal was resized: the page is drawn again to the new size, then the status.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width.max(20);
        self.height = height;
        let status = self.status.clone();
        if self.page.is_some() {
            self.redraw_page();
        }
        if let Some(s) = status {
            self.status_lines(&s);
        }
    }

    /// Whether bold and colour are on.
    pub fn styled(&self) -> bool {
        self.styled
    }

    /// Rows kept free under the page for the status: the prompt's before the work; during it
    /// the timer's and the quit question's, or the big digits' with `--big`.
    fn reserve(&self) -> u16 {
        match &self.page {
            Some(page) if page.working => {
                if self.big_fits() {
                    BIG_ROWS
                } else {
                    2
                }
            }
            _ => 1,
        }
    }

    /// Whether `--big` digits are asked for and the terminal is large enough for them.
    fn big_fits(&self) -> bool {
        let (min_width, min_height) = BIG_MIN;
        self.big && self.width >= min_width && self.height >= min_height
    }

    /// Clears the screen and draws `page` on it: a new step.
    pub fn show_page(&mut self, page: StepPage) {
        self.page = Some(page);
        self.redraw_page();
    }

    /// The step's work starts: its page again, without the map, the cues to come under it.
    pub fn at_work(&mut self) {
        if let Some(page) = &mut self.page {
            page.at_work();
        }
        self.redraw_page();
    }

    /// `?`: the header, then `lines` in full (every caution), until the next key.
    pub fn details(&mut self, lines: &[String]) {
        let Some(page) = &self.page else {
            for line in lines {
                self.line(line);
            }
            return;
        };
        let usable = self.usable();
        let mut all = page.header(usable);
        all.extend(lines.iter().flat_map(|l| wrap_hanging(l, usable)));
        all.push("  Any key goes back to the step.".to_string());
        self.clear();
        self.raw_lines(&all);
        self.details = true;
    }

    /// Whether `?`'s full text is on screen.
    pub fn showing_details(&self) -> bool {
        self.details
    }

    /// The page again after `?`.
    pub fn back_to_page(&mut self) {
        if self.details {
            self.redraw_page();
        }
    }

    /// Clears the screen and draws the page in the rows the status leaves.
    fn redraw_page(&mut self) {
        let Some(page) = &self.page else {
            return;
        };
        let rows = self.height.saturating_sub(self.reserve());
        let lines = page.lines(self.width, rows);
        self.clear();
        self.raw_lines(&lines);
        self.details = false;
    }

    /// Clears the screen and starts again at its top.
    fn clear(&mut self) {
        self.status = None;
        self.status_rows = 0;
        self.used = 0;
        self.write(|out| {
            queue!(
                out,
                terminal::Clear(terminal::ClearType::All),
                cursor::MoveTo(0, 0)
            )
        });
    }

    /// Lines written as they are (already fitted to the width, escape codes allowed), where the
    /// status was.
    pub fn raw_lines(&mut self, lines: &[String]) {
        self.erase_status();
        self.used = self
            .used
            .saturating_add(u16::try_from(lines.len()).unwrap_or(u16::MAX));
        self.write(|out| {
            for l in lines {
                write!(out, "{l}\r\n")?;
            }
            Ok(())
        });
    }

    /// Takes the status off the screen, leaving the cursor at the start of its first row.
    fn erase_status(&mut self) {
        let up = self.status_rows.saturating_sub(1);
        self.status_rows = 0;
        self.write(|out| {
            if up > 0 {
                queue!(out, cursor::MoveToPreviousLine(up))?;
            }
            queue!(
                out,
                cursor::MoveToColumn(0),
                terminal::Clear(terminal::ClearType::FromCursorDown)
            )
        });
    }

    fn usable(&self) -> usize {
        usize::from(self.width.saturating_sub(1)).max(19)
    }

    fn write(&mut self, f: impl FnOnce(&mut io::StdoutLock<'static>) -> io::Result<()>) {
        let mut out = io::stdout().lock();
        // The screen may be gone (a closed terminal): the session still saves what was done.
        let _ = f(&mut out).and_then(|()| out.flush());
    }

    /// A line that stays, wrapped to the terminal, where the status line was. On a step's page
    /// it is one of the page's cues: when it would push the header off the top, the page is
    /// drawn again with the latest cues that fit.
    pub fn line(&mut self, text: &str) {
        // The first line keeps the text's own indentation; the rest hang under it.
        let lines = wrap_hanging(text, self.usable());
        let reserve = self.reserve();
        let overflows =
            self.used + u16::try_from(lines.len()).unwrap_or(u16::MAX) + reserve > self.height;
        if let Some(page) = &mut self.page {
            page.cues.push(text.to_string());
            if overflows || self.details {
                self.redraw_page();
                self.status = None;
                return;
            }
        }
        // The status line is drawn again by the next `status` call, after the batch of lines.
        self.raw_lines(&lines);
        self.status = None;
    }

    /// Bold text when styled.
    pub fn bold(&self, text: &str) -> String {
        if self.styled {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Replaces the status line.
    pub fn status(&mut self, text: &str) {
        self.status_lines(&[text.to_string()]);
    }

    /// Replaces the status with several rows, the last one the status line.
    pub fn status_lines(&mut self, lines: &[String]) {
        self.erase_status();
        self.status = Some(lines.to_vec());
        self.status_rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let width = self.usable();
        self.write(|out| {
            let fitted: Vec<String> = lines.iter().map(|l| fit(l, width)).collect();
            write!(out, "{}", fitted.join("\r\n"))
        });
    }

    /// Clears the status line.
    pub fn clear_status(&mut self) {
        self.erase_status();
        self.status = None;
    }

    /// The timer as large digits with the bar under it (`--big`), or the bar alone when the
    /// terminal is too small for the digits with what is above them.
    pub fn timer_lines(&self, timer: &Timer) -> Vec<String> {
        let line = self.timer_line(timer);
        let room = self.height.saturating_sub(self.used);
        if !self.big_fits() || room < BIG_ROWS {
            return vec![line];
        }
        let left = timer.remaining.as_nanos().div_ceil(1_000_000_000);
        let mut lines = vec![String::new()];
        lines.extend(big_digits(&left.to_string()).into_iter().map(|l| {
            let l = format!("  {l}");
            if timer.last_seconds() {
                self.bold(&l)
            } else {
                l
            }
        }));
        lines.push(line);
        lines
    }

    /// Rings the bell, unless `--no-bell`.
    pub fn bell(&mut self) {
        if self.bell {
            self.write(|out| write!(out, "\x07"));
        }
    }

    /// The status line for a running or paused timer: the bar, the seconds left, the phase and
    /// the keys in words. The bar gives way before the words do; only when even the shortest
    /// bar leaves no room are the keys shown by their letters alone (the session's intro says
    /// what each does), so that quitting stays in view on a narrow terminal.
    pub fn timer_line(&self, timer: &Timer) -> String {
        let length = timer.phase.length.as_secs_f64();
        let done = if length > 0.0 {
            (timer.elapsed.as_secs_f64() / length).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let last = timer.last_seconds() && !timer.remaining.is_zero();
        let left = timer.remaining.as_nanos().div_ceil(1_000_000_000);
        let what = match timer.phase.kind {
            PhaseKind::Hold => of("hold", timer),
            PhaseKind::Stretch => of("stretch", timer),
            PhaseKind::Rest => "rest".to_string(),
            PhaseKind::Settle => "get into position".to_string(),
            PhaseKind::Strokes { .. } => match timer.stroke() {
                Some((n, count)) => format!("stroke {n} of {count}"),
                None => "strokes".to_string(),
            },
        };
        let (full, short) = if timer.paused {
            (
                ", paused · space to go on · s skip · q quit".to_string(),
                ", paused · space · s · q",
            )
        } else {
            (
                format!(" · space pause · s skip · + {ADD_SECONDS} s · q quit"),
                " · space · s · + · q",
            )
        };
        // "  [" + bar + "] " + " 30 s" + two columns (a space and the last seconds' mark, or
        // two spaces) + " " + what + keys.
        let around =
            |keys: &str| 2 + 1 + 2 + 5 + 2 + 1 + display_width(&what) + display_width(keys);
        let usable = self.usable();
        let (keys, bar_width) = match usable.checked_sub(around(&full)) {
            Some(room) if room >= MIN_BAR_WIDTH => (full.as_str(), room.min(BAR_WIDTH)),
            _ => (
                short,
                usable
                    .saturating_sub(around(short))
                    .clamp(MIN_BAR_WIDTH, BAR_WIDTH),
            ),
        };
        // Rounded down, so the bar is full only at the end.
        let filled = ((done * bar_width as f64) as usize).min(bar_width);
        let fill = if last { '▓' } else { '█' };
        let bar: String = std::iter::repeat_n(fill, filled)
            .chain(std::iter::repeat_n('░', bar_width - filled))
            .collect();
        let seconds = format!("{left:>3} s");
        if timer.paused {
            return format!("  [{bar}] {seconds}  {what}{keys}");
        }
        let seconds = if last {
            self.bold(&format!("{seconds} ◂"))
        } else {
            format!("{seconds}  ")
        };
        format!("  [{bar}] {seconds} {what}{keys}")
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
    /// The caution that matters most: in full, or by its name when an earlier step said it.
    caution: Option<String>,
    /// What `?` shows.
    more: Option<String>,
    /// The spot on the figure (left out once the work has started, or when there is no room).
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
    pub fn new(library: &Library, steps: &[Step], step: usize, styled: bool) -> Option<StepPage> {
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
        let caution = s.cautions.first().map(|c| match c.split_once(": ") {
            Some((name, _)) if said(c) => format!("  Caution: {name}, as before (? shows it)."),
            _ => format!("  Caution: {c}"),
        });
        let more = (s.cautions.len() > 1 || s.how.is_some()).then(|| {
            format!(
                "  ? shows {} in full.",
                match s.cautions.len() {
                    0 | 1 => "the step".to_string(),
                    n => format!("the step and all {n} cautions"),
                }
            )
        });
        let map = library.muscle(&s.muscle).and_then(|m| {
            m.trigger_points
                .first()
                .map(|p| Scene::for_spot(library, m, p))
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
        [first, &self.caution, &self.more]
            .into_iter()
            .flatten()
            .cloned()
            .collect()
    }

    /// The header's lines, wrapped to `usable` columns.
    fn header(&self, usable: usize) -> Vec<String> {
        let mut out: Vec<String> = wrap_hanging(&self.title, usable)
            .into_iter()
            .map(|l| if self.styled { bold(&l) } else { l })
            .collect();
        out.extend(wrap_hanging(&self.technique, usable));
        out
    }

    /// The page's lines, each at most `width - 1` columns wide (the last column stays free so
    /// nothing wraps by itself), in at most `rows` rows: the header always, then what was
    /// carried, the text, and the map (shrunk to the rows left, or left out below its smallest
    /// legible size) or the latest cues that fit.
    pub fn lines(&self, width: u16, rows: u16) -> Vec<String> {
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
        out.extend(carried);
        out.extend(text);
        if self.cues.is_empty() {
            let left = u16::try_from(rows.saturating_sub(out.len())).unwrap_or(0);
            let map = self.map.as_ref().and_then(|scene| {
                let options = raster::Options {
                    width: MAP_WIDTH.min(u16::try_from(usable).unwrap_or(MAP_WIDTH)),
                    height: left,
                    colour: self.styled,
                };
                raster::render(scene, &options)
            });
            if let Some(grid) = map {
                out.extend(
                    crate::cli::map::text(&grid, self.styled)
                        .lines()
                        .map(str::to_string),
                );
            }
        } else {
            let mut cues = wrapped(&self.cues);
            let room = rows.saturating_sub(out.len());
            if cues.len() > room {
                cues.drain(..cues.len() - room);
            }
            out.extend(cues);
        }
        out.truncate(rows.max(2));
        out
    }
}

/// `text` wrapped to `width` columns, its first line keeping its own indentation and the rest
/// hanging two columns under it.
fn wrap_hanging(text: &str, width: usize) -> Vec<String> {
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

/// Digits five rows high, in block characters, one column apart: readable from across a room.
pub fn big_digits(text: &str) -> [String; 5] {
    const FONT: [[&str; 5]; 10] = [
        ["█████", "█   █", "█   █", "█   █", "█████"],
        ["   ██", "    █", "    █", "    █", "    █"],
        ["█████", "    █", "█████", "█    ", "█████"],
        ["█████", "    █", " ████", "    █", "█████"],
        ["█   █", "█   █", "█████", "    █", "    █"],
        ["█████", "█    ", "█████", "    █", "█████"],
        ["█████", "█    ", "█████", "█   █", "█████"],
        ["█████", "    █", "   █ ", "  █  ", "  █  "],
        ["█████", "█   █", "█████", "█   █", "█████"],
        ["█████", "█   █", "█████", "    █", "█████"],
    ];
    let mut rows: [String; 5] = Default::default();
    for (n, c) in text.chars().filter_map(|c| c.to_digit(10)).enumerate() {
        for (row, glyph) in rows.iter_mut().zip(FONT[c as usize]) {
            if n > 0 {
                row.push_str("  ");
            }
            row.push_str(glyph);
        }
    }
    rows
}

fn of(name: &str, timer: &Timer) -> String {
    if timer.phase.of > 1 {
        format!("{name} {} of {}", timer.phase.rep, timer.phase.of)
    } else {
        name.to_string()
    }
}

/// `text` cut to `width` columns, as [`display_width`] counts them.
fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut shown = 0;
    let mut escape = false;
    for c in text.chars() {
        if c == '\x1b' {
            escape = true;
        }
        if escape {
            out.push(c);
            if c.is_ascii_alphabetic() {
                escape = false;
            }
            continue;
        }
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if shown + w > width {
            break;
        }
        out.push(c);
        shown += w;
    }
    if text.contains('\x1b') && !out.ends_with("\x1b[0m") {
        out.push_str("\x1b[0m");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_line_is_cut_to_the_screen_without_breaking_styles() {
        assert_eq!(fit("abcdef", 3), "abc");
        assert_eq!(fit("a\x1b[1mbcd\x1b[0mef", 3), "a\x1b[1mbc\x1b[0m");
    }

    #[test]
    fn big_digits_are_five_rows_of_one_width_per_digit() {
        let rows = big_digits("30");
        assert_eq!(rows[0], "█████  █████");
        assert_eq!(rows[4], "█████  █████");
        assert!(rows.iter().all(|r| r.chars().count() == 12));
        assert_eq!(big_digits("7")[4], "  █  ");
    }

    use std::time::Duration;

    use clap::Parser;
    use tpcoach::library::{Base, LoadOptions};
    use tpcoach::session::{plan, Phase, When};

    /// The terminal every step must fit.
    const COLUMNS: u16 = 80;
    const ROWS: u16 = 24;

    /// Words only, one space apart: text compared however it was wrapped.
    fn flat(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Every region's routine as `tpcoach session REGION [EXTRA]` builds it (before any history).
    fn session_routines(library: &Library, extra: &[&str]) -> Vec<(String, Vec<Step>)> {
        let mut out = Vec::new();
        for region in &library.regions {
            let mut argv = vec!["tpcoach", "session", region.name.as_str()];
            argv.extend(extra);
            let cli = crate::cli::Cli::try_parse_from(&argv).expect("the arguments parse");
            let crate::cli::Command::Session(args) = cli.command else {
                panic!("not a session: {argv:?}");
            };
            let mut options = args.routine.options(library).expect("options");
            options.settle_seconds = args.settle;
            let routine = tpcoach::routine::build(library, &args.routine.query(), &options)
                .unwrap_or_else(|e| panic!("{argv:?}: {e}"));
            out.push((
                format!("{} {}", region.name, extra.join(" ")),
                routine.steps,
            ));
        }
        out
    }

    /// The cues a step's work says, in order, with a settle-in count before each repetition.
    fn work_cues(step: &Step) -> Vec<String> {
        let mut cues = Vec::new();
        for phase in plan::phases(step) {
            if phase.kind.is_work() {
                let settle = Phase {
                    kind: PhaseKind::Settle,
                    length: Duration::from_secs(u64::from(tpcoach::session::SETTLE_SECONDS)),
                    ..phase
                };
                cues.push(format!("  {}", words::phase_start(step, &settle)));
            }
            cues.push(format!("  {}", words::phase_start(step, &phase)));
            if phase.kind.is_work() {
                cues.push(format!("  {}", words::half_time(step)));
                cues.extend(words::phase_end(&phase).map(|t| format!("  {t}")));
            }
        }
        cues
    }

    /// The timer's status lines for every phase of `step`: running, in its last seconds and
    /// paused, with the quit question under it.
    fn timer_statuses(screen: &Screen, step: &Step) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for phase in plan::phases(step) {
            for (elapsed, paused) in [(0, false), (phase.length.as_secs() - 1, false), (1, true)] {
                let elapsed = Duration::from_secs(elapsed);
                let timer = Timer {
                    step: 0,
                    phase,
                    elapsed,
                    remaining: phase.length.saturating_sub(elapsed),
                    paused,
                };
                out.push(vec![screen.timer_line(&timer)]);
                out.push(vec![
                    screen.timer_line(&timer),
                    super::super::coach::QUIT_QUESTION.to_string(),
                ]);
            }
        }
        out
    }

    /// What a screen breaks: rows past the terminal's, lines past its right edge.
    fn misfits(what: &str, lines: &[String], status: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        let rows = lines.len() + status.len();
        if rows > usize::from(ROWS) {
            out.push(format!("{what}: {rows} rows"));
        }
        for line in lines.iter().chain(status) {
            let width = display_width(line);
            if width > usize::from(COLUMNS) {
                out.push(format!("{what}: {width} columns: {line}"));
            }
        }
        out
    }

    #[test]
    fn on_a_terminal_too_small_for_the_text_the_header_and_the_latest_cue_stay() {
        let library = Library::load(&LoadOptions {
            base: Base::Embedded,
            overlay: None,
        })
        .expect("built-in library");
        let (_, steps) = session_routines(&library, &[]).remove(0);
        let mut page = StepPage::new(&library, &steps, 0, false).expect("a page");
        page.at_work();
        page.cues = work_cues(&steps[0]);
        let lines = page.lines(COLUMNS, 5);
        assert_eq!(lines.len(), 5, "{lines:#?}");
        assert!(lines[0].starts_with("Step 1 of "), "{lines:#?}");
        let last = page.cues.last().expect("cues");
        assert!(flat(&lines.join(" ")).ends_with(&flat(last)), "{lines:#?}");
    }

    #[test]
    fn every_step_screen_of_every_region_fits_80_by_24_with_its_header_text_and_keys() {
        let library = Library::load(&LoadOptions {
            base: Base::Embedded,
            overlay: None,
        })
        .expect("built-in library");
        let screen = Screen::sized(COLUMNS, ROWS, false, true, false);
        // The longest a step's carried lines get: how it ended and the advice after a sorer spot.
        let carried = vec![
            "  Tenderness 9 -> 10, 1 min 30 s.".to_string(),
            format!("  {}", words::SORER),
        ];
        let prompts: Vec<String> = [
            words::spot_prompt(false),
            words::spot_prompt(true),
            words::tenderness_prompt(When::Before, true),
            words::tenderness_prompt(When::After, true),
            super::super::coach::QUIT_QUESTION.to_string(),
        ]
        .into();
        let (mut problems, mut screens, mut with_map, mut tallest) = (Vec::new(), 0, 0, 0);
        for extra in [&[][..], &["--minutes", "15"][..]] {
            for (name, steps) in session_routines(&library, extra) {
                assert!(!steps.is_empty(), "{name}: no steps");
                for (i, step) in steps.iter().enumerate() {
                    let what = format!("{name}, step {} ({})", i + 1, step.muscle);
                    let mut page = StepPage::new(&library, &steps, i, false).expect("a page");
                    if i > 0 {
                        page.carried = carried.clone();
                    }
                    // Before the work: the page over the prompt's row.
                    let lines = page.lines(COLUMNS, ROWS - 1);
                    screens += 1;
                    tallest = tallest.max(lines.len() + 1);
                    with_map += usize::from(lines.iter().any(|l| {
                        l.contains('⠀') || l.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
                    }));
                    for prompt in &prompts {
                        problems.extend(misfits(&what, &lines, std::slice::from_ref(prompt)));
                    }
                    assert!(
                        lines[0].starts_with(&format!("Step {} of {}: ", i + 1, steps.len())),
                        "{what}: the header is not on top: {lines:?}"
                    );
                    let shown = flat(&lines.join(" "));
                    for text in &page.text() {
                        assert!(
                            shown.contains(&flat(text)),
                            "{what}: {text:?} is not shown in full: {lines:#?}"
                        );
                    }
                    assert!(
                        shown.contains(&flat(&words::technique(&library, step))),
                        "{what}: no technique and dose"
                    );
                    if let Some(first) = step.cautions.first() {
                        let name = first.split_once(": ").map_or(first.as_str(), |(n, _)| n);
                        assert!(shown.contains(&flat(name)), "{what}: no caution");
                    }
                    // The work: the page without the map, every cue said, the timer under it.
                    page.at_work();
                    page.cues = work_cues(step);
                    let lines = page.lines(COLUMNS, ROWS - 2);
                    screens += 1;
                    let shown = flat(&lines.join(" "));
                    for text in &page.text() {
                        assert!(
                            shown.contains(&flat(text)),
                            "{what} at work: {text:?} is not shown in full: {lines:#?}"
                        );
                    }
                    for status in timer_statuses(&screen, step) {
                        problems.extend(misfits(&format!("{what} at work"), &lines, &status));
                        assert!(
                            status[0].contains("q quit"),
                            "{what}: the keys are not in words: {status:?}"
                        );
                    }
                    assert!(
                        lines[0].starts_with("Step "),
                        "{what}: the header scrolled away"
                    );
                    let last = page.cues.last().expect("cues");
                    assert!(
                        flat(&lines.join(" ")).ends_with(&flat(last)),
                        "{what}: the latest cue is not shown: {lines:#?}"
                    );
                }
            }
        }
        assert!(
            problems.is_empty(),
            "{} misfits:\n{}",
            problems.len(),
            problems.join("\n")
        );
        eprintln!("{screens} screens fit {COLUMNS}x{ROWS}; {with_map} show the map; the tallest before the work takes {tallest} rows");
    }
}
