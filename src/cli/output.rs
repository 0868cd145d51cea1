//! How results look: tables fitted to the terminal, colour only where wanted, JSON for scripts.

use std::io::{IsTerminal, Write};

use comfy_table::{presets, Attribute, Cell, ContentArrangement, Table};
use serde::Serialize;

/// Table width when stdout is not a terminal: `$COLUMNS`, else 100.
const PIPE_WIDTH: u16 = 100;

/// Whether to colour and style output: stdout is a terminal and `NO_COLOR` is unset.
pub fn styled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// The width to lay output out in: the terminal's, or `$COLUMNS` (else 100) when stdout is not
/// a terminal.
pub fn width() -> u16 {
    if std::io::stdout().is_terminal() {
        if let Ok((columns, _)) = crossterm::terminal::size() {
            return columns;
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(PIPE_WIDTH)
}

/// Below this many columns a list (a routine's steps, the muscles for a pain area) is shown
/// as one short block per entry rather than as a table.
pub const STACK_BELOW: u16 = 90;

/// The terminal's height in rows when stdout is one, else `$LINES`; `None` when neither says
/// (piped to a file or a pager, where height does not matter).
pub fn height() -> Option<usize> {
    if std::io::stdout().is_terminal() {
        if let Ok((_, rows)) = crossterm::terminal::size() {
            return Some(usize::from(rows));
        }
    }
    std::env::var("LINES").ok().and_then(|l| l.parse().ok())
}

/// Ends output of `printed` lines with `recap` (a heading and a few short lines) when it was
/// taller than the terminal, so that what matters is on the screen at the end.
pub fn recap(printed: usize, heading: &str, lines: &[String]) -> std::io::Result<()> {
    match height() {
        Some(rows) if printed > rows && !lines.is_empty() => {
            let mut text = format!("\n{}", bold(heading));
            for line in lines {
                text.push('\n');
                text.push_str(line);
            }
            print(text)
        }
        _ => Ok(()),
    }
}

/// A table with these headers, fitted to the terminal (or to a fixed width when piped).
pub fn table(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if !std::io::stdout().is_terminal() {
        table.force_no_tty();
    }
    // The width decides the layout, colour or not (NO_COLOR only turns styling off).
    table.set_width(width());
    let styled = styled();
    table.set_header(headers.iter().map(|h| {
        let cell = Cell::new(h);
        if styled {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    table
}

/// Sets column widths from the cells: the columns at `whole` stay as wide as their content
/// (short values such as "left, right" or "3 min 20 s" read badly when split), the `flex`
/// column takes what is left, and the others are kept narrow; no column gets narrower than its
/// longest word, so words wrap whole.
pub fn fit(table: &mut Table, cells: &[Vec<String>], whole: &[usize], flex: usize) {
    use comfy_table::{ColumnConstraint, Width};
    /// The widest a column other than the flexible one grows, in characters.
    const NARROW: usize = 12;
    let count = cells.iter().map(Vec::len).max().unwrap_or(0);
    let widest = |i: usize| {
        cells
            .iter()
            .filter_map(|row| row.get(i))
            .flat_map(|cell| cell.lines())
            .map(columns)
            .max()
            .unwrap_or(0)
    };
    // Each column's text, its padding and a border.
    let natural: usize = (0..count).map(|i| widest(i) + 3).sum::<usize>() + 1;
    if natural <= usize::from(width()) {
        for i in 0..count {
            if let Some(column) = table.column_mut(i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        return;
    }
    // Two more than the text for the cell's padding.
    let fixed = |chars: usize| Width::Fixed(u16::try_from(chars + 2).unwrap_or(u16::MAX));
    for i in 0..count {
        let longest = cells
            .iter()
            .filter_map(|row| row.get(i))
            .flat_map(|cell| cell.split_whitespace())
            .map(columns)
            .max()
            .unwrap_or(1);
        let constraint = if whole.contains(&i) {
            ColumnConstraint::ContentWidth
        } else if i == flex {
            ColumnConstraint::LowerBoundary(fixed(longest))
        } else {
            ColumnConstraint::Boundaries {
                lower: fixed(longest),
                upper: fixed(longest.max(NARROW)),
            }
        };
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(constraint);
        }
    }
}

/// Wraps `text` to `width` columns (at least 20), each line after the first indented by
/// `indent`; the first keeps the text's own indentation. Widths are measured as terminals
/// draw them (textwrap with Unicode widths: braille, arrows and wide characters included);
/// words are kept whole, hyphenated ones and options like `--minutes` too, unless one alone is
/// wider than the line.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    use textwrap::core::{break_words, Fragment, Word};
    if text.trim().is_empty() {
        return Vec::new();
    }
    let width = width.max(20);
    // A command in backticks or a name in quotes stays on one line: its spaces are held
    // together (no-break spaces) while the words are found, and given back after.
    let glued = glue(text);
    let text: &str = &glued;
    // textwrap's own steps (words and their widths, words too long for a line broken, first
    // fit), without its general entry point's per-word hyphenation pass: a third of the cost of
    // `suggest` went there (callgrind).
    let mut words: Vec<Word> = Vec::with_capacity(text.len() / 4 + 1);
    words.extend(textwrap::WordSeparator::AsciiSpace.find_words(text));
    let rest = width.saturating_sub(columns(indent)).max(1);
    let words = break_words(words, rest);
    let widths = [width as f64, rest as f64];
    let mut lines = Vec::new();
    for line in textwrap::wrap_algorithms::wrap_first_fit(&words, &widths) {
        let mut out = String::with_capacity(width + 8);
        if !lines.is_empty() {
            out.push_str(indent);
        }
        for (i, word) in line.iter().enumerate() {
            out.push_str(word.word);
            if i + 1 < line.len() {
                out.push_str(word.whitespace);
            }
        }
        // A line of only a leading indentation's word has nothing on it.
        if line.iter().any(|w| w.width() > 0.0) {
            if out.contains(GLUE) {
                out = out.replace(GLUE, " ");
            }
            lines.push(out);
        }
    }
    lines
}

/// The space that holds a quoted span together while it is wrapped.
const GLUE: char = '\u{a0}';

/// `text` with the spaces inside `backticks` and "double quotes" made [`GLUE`], for spans of
/// at most 40 characters (a longer one may break).
fn glue(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['`', '"']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(['`', '"']) {
        let quote = rest[start..].chars().next().unwrap_or('`');
        out.push_str(&rest[..=start]);
        rest = &rest[start + 1..];
        match rest.find(quote) {
            Some(end) if end <= 40 => {
                out.push_str(&rest[..end].replace(' ', "\u{a0}"));
                out.push(quote);
                rest = &rest[end + 1..];
            }
            _ => {}
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The columns `text` takes in a terminal.
pub fn columns(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// Wraps every line of `text` to the output width, except table lines: a continuation keeps
/// the line's indentation, and list items ("- ...", "-> ...") hang under their first word.
pub fn wrap_prose(text: &str) -> String {
    wrap_prose_to(text, usize::from(width()).saturating_sub(1))
}

/// [`wrap_prose`] to `width` columns.
pub fn wrap_prose_to(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let is_table = line.starts_with(['│', '┌', '└', '╞', '├', '╰', '╭', '|', '+']);
        // A line of no more bytes than the width fits; only a longer one needs its characters
        // counted.
        if is_table || line.len() <= width || columns(line) <= width {
            out.push_str(line);
        } else {
            let lead = line.len() - line.trim_start().len();
            let body = &line[lead..];
            let hang = if body.starts_with("-> ") {
                3
            } else if body.starts_with("- ") {
                2
            } else {
                0
            };
            let indent = " ".repeat(lead + hang);
            out.push_str(&wrap(line, width, &indent).join("\n"));
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// Bold text when styling is on.
pub fn bold(text: &str) -> String {
    if styled() {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Writes `text`, its prose wrapped to the output width ([`wrap_prose`]; tables keep their
/// own layout), and a newline to stdout.
pub fn print(text: impl std::fmt::Display) -> std::io::Result<()> {
    print_raw(wrap_prose(&text.to_string()))
}

/// Writes `text` as it is (a page, a figure, a prompt marker) and a newline to stdout.
pub fn print_raw(text: impl std::fmt::Display) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
}

/// The width to wrap messages on stderr to: the terminal's when stderr is one, else
/// `$COLUMNS`; `None` (no wrapping, for logs) when neither says.
pub fn error_width() -> Option<usize> {
    if std::io::stderr().is_terminal() {
        if let Ok((columns, _)) = crossterm::terminal::size() {
            return Some(usize::from(columns).saturating_sub(1));
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .map(|c| c.saturating_sub(1))
}

/// Writes `value` as pretty JSON to stdout.
pub fn json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_measures_as_terminals_do_and_keeps_options_whole() {
        // Braille cells and arrows are one column each; wide characters two.
        assert_eq!(columns("⣿⣿ → •"), 6);
        assert_eq!(columns("痛い"), 4);
        let lines = wrap(
            "Try a longer budget with --minutes 15 or a co-ordination drill",
            24,
            "  ",
        );
        assert_eq!(
            lines,
            [
                "Try a longer budget with",
                "  --minutes 15 or a",
                "  co-ordination drill"
            ]
        );
        for line in wrap(&"痛い ".repeat(20), 21, "") {
            assert!(columns(&line) <= 21, "{line}");
        }
        assert!(wrap("   ", 30, "").is_empty());
        // A command in backticks and a quoted name are not split.
        let lines = wrap(
            "Information only, not for self-treatment (see `tpcoach show lateral_pterygoid`)",
            44,
            "",
        );
        assert_eq!(
            lines,
            [
                "Information only, not for self-treatment",
                "(see `tpcoach show lateral_pterygoid`)"
            ]
        );
        let lines = wrap("did you mean \"neck\", \"arm and hand\" or more?", 24, "");
        assert!(
            lines.iter().any(|l| l.contains("\"arm and hand\"")),
            "{lines:?}"
        );
    }
}
