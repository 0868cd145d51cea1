//! Where the coach's words go: the interactive screen (lines that stay, and one live status line
//! at the bottom with the countdown bar or the prompt), plain lines for `--plain`, or nowhere
//! (after the terminal has gone).

use std::io::{self, Write};

use crossterm::{cursor, queue, terminal};
use tpcoach::session::{PhaseKind, Timer, ADD_SECONDS};
use unicode_width::UnicodeWidthChar;

mod page;

use page::wrap_hanging;
pub use page::{display_width, Cautions, StepPage};

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
/// The rows the `--big` timer takes at its smallest: a blank one, five of digits and the bar's.
const BIG_ROWS: u16 = 7;
/// From this many rows and columns the `--big` digits are drawn twice as large (ten rows).
const BIG_TWICE: (u16, u16) = (90, 36);

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
    /// `?`'s full text on screen instead of the page: its parts, and the one shown (`?` shows
    /// the next, any other key brings the page back).
    details: Option<(Vec<Vec<String>>, usize)>,
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
            details: None,
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
            Some(page) if page.working() => {
                if self.big_fits() {
                    BIG_ROWS + 5 * (self.big_scale() - 1)
                } else {
                    2
                }
            }
            _ => 1,
        }
    }

    /// How large the `--big` digits are drawn: twice as large in a large terminal.
    fn big_scale(&self) -> u16 {
        let (width, height) = BIG_TWICE;
        if self.width >= width && self.height >= height {
            2
        } else {
            1
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

    /// `?`: the header, then `lines` in full (every caution), in parts that fit the screen,
    /// until a key other than `?` brings the page back.
    pub fn details(&mut self, lines: &[String]) {
        let Some(page) = &self.page else {
            for line in lines {
                self.line(line);
            }
            return;
        };
        // The status row (the prompt or the timer) stays under each part.
        let parts = page.details(lines, self.width, self.height.saturating_sub(2));
        self.details = Some((parts, 0));
        self.draw_details();
    }

    /// Shows the next part of `?`'s text; false when the last is on screen.
    pub fn next_details(&mut self) -> bool {
        match &mut self.details {
            Some((parts, shown)) if *shown + 1 < parts.len() => {
                *shown += 1;
                self.draw_details();
                true
            }
            _ => false,
        }
    }

    fn draw_details(&mut self) {
        let Some(part) = self
            .details
            .as_ref()
            .and_then(|(parts, shown)| parts.get(*shown))
            .cloned()
        else {
            return;
        };
        self.clear();
        self.raw_lines(&part);
    }

    /// Whether `?`'s full text is on screen.
    pub fn showing_details(&self) -> bool {
        self.details.is_some()
    }

    /// The page again after `?`.
    pub fn back_to_page(&mut self) {
        if self.details.is_some() {
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
        self.details = None;
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
            if overflows || self.details.is_some() {
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
        let scale = self.big_scale();
        if !self.big_fits() || room < BIG_ROWS + 5 * (scale - 1) {
            return vec![line];
        }
        let left = timer.remaining.as_nanos().div_ceil(1_000_000_000);
        let mut lines = vec![String::new()];
        lines.extend(
            scaled(&big_digits(&left.to_string()), scale)
                .into_iter()
                .map(|l| {
                    let l = format!("  {l}");
                    if timer.last_seconds() {
                        self.bold(&l)
                    } else {
                        l
                    }
                }),
        );
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

/// `rows` of block digits drawn `scale` times as large: each cell repeated across and each row
/// down.
pub fn scaled(rows: &[String], scale: u16) -> Vec<String> {
    let scale = usize::from(scale.max(1));
    rows.iter()
        .flat_map(|row| {
            let wide: String = row
                .chars()
                .flat_map(|c| std::iter::repeat_n(c, scale))
                .collect();
            std::iter::repeat_n(wide, scale)
        })
        .collect()
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
mod tests;
