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
    styled: bool,
    bell: bool,
    status: Option<String>,
}

impl Screen {
    /// A screen as wide as the terminal; `styled` allows bold (off with NO_COLOR).
    pub fn new(styled: bool, bell: bool) -> Screen {
        Screen {
            width: terminal::size().map_or(DEFAULT_WIDTH, |(w, _)| w),
            styled,
            bell,
            status: None,
        }
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16) {
        self.width = width.max(20);
        let status = self.status.clone();
        if let Some(s) = status {
            self.status(&s);
        }
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
        self.status = None;
        self.write(|out| {
            queue!(
                out,
                cursor::MoveToColumn(0),
                terminal::Clear(terminal::ClearType::CurrentLine)
            )?;
            for l in &lines {
                write!(out, "{l}\r\n")?;
            }
            Ok(())
        });
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
        self.status = Some(text.to_string());
        let width = self.usable();
        self.write(|out| {
            queue!(
                out,
                cursor::MoveToColumn(0),
                terminal::Clear(terminal::ClearType::CurrentLine)
            )?;
            write!(out, "{}", fit(text, width))
        });
    }

    /// Clears the status line.
    pub fn clear_status(&mut self) {
        self.status = None;
        self.write(|out| {
            queue!(
                out,
                cursor::MoveToColumn(0),
                terminal::Clear(terminal::ClearType::CurrentLine)
            )
        });
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
}
