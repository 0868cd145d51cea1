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
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let widest = |i: usize| {
        cells
            .iter()
            .filter_map(|row| row.get(i))
            .flat_map(|cell| cell.lines())
            .map(|line| line.chars().count())
            .max()
            .unwrap_or(0)
    };
    // Each column's text, its padding and a border.
    let natural: usize = (0..columns).map(|i| widest(i) + 3).sum::<usize>() + 1;
    if natural <= usize::from(width()) {
        for i in 0..columns {
            if let Some(column) = table.column_mut(i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        return;
    }
    // Two more than the text for the cell's padding.
    let fixed = |chars: usize| Width::Fixed(u16::try_from(chars + 2).unwrap_or(u16::MAX));
    for i in 0..columns {
        let longest = cells
            .iter()
            .filter_map(|row| row.get(i))
            .flat_map(|cell| cell.split_whitespace())
            .map(|word| word.chars().count())
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

/// Wraps `text` to `width` columns, each line after the first indented by `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.max(20);
    let indent_len = columns(indent);
    let mut lines = Vec::new();
    // The first line keeps the text's own indentation.
    let mut line: String = text.chars().take_while(|c| *c == ' ').collect();
    let (mut len, mut words) = (line.len(), 0);
    for word in text.split_whitespace() {
        let word_len = columns(word);
        if words > 0 && len + 1 + word_len > width {
            lines.push(std::mem::take(&mut line));
            line.push_str(indent);
            (len, words) = (indent_len, 0);
        }
        if words > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += word_len;
        words += 1;
    }
    if words > 0 {
        lines.push(line);
    }
    lines
}

/// The columns `text` takes: its characters (bytes, for ASCII text).
fn columns(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// Wraps every line of `text` to the output width, except table lines: a continuation keeps
/// the line's indentation, and list items ("- ...", "-> ...") hang under their first word.
pub fn wrap_prose(text: &str) -> String {
    let width = usize::from(width()).saturating_sub(1);
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

/// Writes `text` and a newline to stdout.
pub fn print(text: impl std::fmt::Display) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
}

/// Writes `value` as pretty JSON to stdout.
pub fn json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}
