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

/// A table with these headers, fitted to the terminal (or to a fixed width when piped).
pub fn table(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    let styled = styled();
    if !styled {
        table.force_no_tty();
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(PIPE_WIDTH);
        table.set_width(width);
    }
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
