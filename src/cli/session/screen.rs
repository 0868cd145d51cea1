//! Where the coach's words go: the interactive screen (lines that stay, and one live status line
//! at the bottom with the countdown bar or the prompt), plain lines for `--plain`, or nowhere
//! (after the terminal has gone).

use std::io::{self, Write};

use crossterm::{cursor, queue, terminal};
use tpcoach::session::{PhaseKind, Timer, ADD_SECONDS};

use super::words;

/// Width of the countdown bar, at most.
const BAR_WIDTH: usize = 30;
/// Width used when the terminal's is unknown.
const DEFAULT_WIDTH: u16 = 80;
/// Height used when the terminal's is unknown.
const DEFAULT_HEIGHT: u16 = 24;
/// The fewest rows and columns for `--big` digits (else the bar alone).
const BIG_MIN: (u16, u16) = (40, 12);

/// Where output goes.
pub enum Out {
    /// The interactive screen, in raw mode.
    Screen(Screen),
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
}

impl Screen {
    /// A screen as wide as the terminal; `styled` allows bold (off with NO_COLOR).
    pub fn new(styled: bool, bell: bool, big: bool) -> Screen {
        let (width, height) = terminal::size().unwrap_or((DEFAULT_WIDTH, DEFAULT_HEIGHT));
        Screen {
            width,
            height,
            styled,
            bell,
            big,
            status: None,
            status_rows: 0,
            used: 0,
        }
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width.max(20);
        self.height = height;
        let status = self.status.clone();
        if let Some(s) = status {
            self.status_lines(&s);
        }
    }

    /// Rows still free below what was written since the last clear, less the status line's.
    pub fn rows_left(&self) -> u16 {
        self.height.saturating_sub(self.used + 2)
    }

    /// Columns usable for text (the last one is left free, so nothing wraps by itself).
    pub fn columns(&self) -> u16 {
        self.width.saturating_sub(1)
    }

    /// Clears the screen and starts again at its top.
    pub fn clear(&mut self) {
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

    /// A line that stays, wrapped to the terminal, where the status line was.
    pub fn line(&mut self, text: &str) {
        let indent: String = text.chars().take_while(|c| *c == ' ').collect();
        let more = format!("{indent}  ");
        let lines = if text.trim().is_empty() {
            vec![String::new()]
        } else {
            // The first line keeps the text's own indentation; the rest hang under it.
            words::wrap(text, self.usable(), &more)
        };
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
        let (min_width, min_height) = BIG_MIN;
        let room = self.height.saturating_sub(self.used + 1);
        if !self.big || self.width < min_width || self.height < min_height || room < 7 {
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

    /// The status line for a running or paused timer.
    pub fn timer_line(&self, timer: &Timer) -> String {
        let length = timer.phase.length.as_secs_f64();
        let done = if length > 0.0 {
            (timer.elapsed.as_secs_f64() / length).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let bar_width = BAR_WIDTH.min(self.usable().saturating_sub(50)).max(10);
        // Rounded down, so the bar is full only at the end.
        let filled = ((done * bar_width as f64) as usize).min(bar_width);
        let last = timer.last_seconds() && !timer.remaining.is_zero();
        let fill = if last { '▓' } else { '█' };
        let bar: String = std::iter::repeat_n(fill, filled)
            .chain(std::iter::repeat_n('░', bar_width - filled))
            .collect();
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
        // The keys in full when they fit, else by their letters alone (the session's intro
        // says what each does), so that quitting stays in view on a narrow terminal.
        let head = format!("  [{bar}] {left:>3} s  {what}");
        let room = self.usable().saturating_sub(head.chars().count());
        if timer.paused {
            let full = ", paused · space to go on · s skip · q quit";
            let keys = if full.chars().count() <= room {
                full
            } else {
                ", paused · space · s · q"
            };
            return format!("{head}{keys}");
        }
        let full = format!(" · space pause · s skip · + {ADD_SECONDS} s · q quit");
        let keys = if full.chars().count() <= room {
            full
        } else {
            " · space · s · + · q".to_string()
        };
        let seconds = format!("{left:>3} s");
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

fn of(name: &str, timer: &Timer) -> String {
    if timer.phase.of > 1 {
        format!("{name} {} of {}", timer.phase.rep, timer.phase.of)
    } else {
        name.to_string()
    }
}

/// `text` cut to `width` characters (escape sequences are not counted).
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
        if shown == width {
            break;
        }
        out.push(c);
        shown += 1;
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
}
