//! The body map in the terminal and on paper: prints a rendered grid (coloured when styling is
//! on) and writes SVG charts. The drawing itself is the core's (`tpcoach::body_map`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tpcoach::body_map::raster::{self, Grid, Style};
use tpcoach::body_map::{svg, Scene};

/// Map rows when stdout is not a terminal: `$LINES`, else this.
const PIPE_HEIGHT: u16 = 30;

/// The flags every command that draws a map shares.
#[derive(Debug, Clone, clap::Args)]
pub struct MapArgs {
    /// Leave the body map out of the output.
    #[arg(long)]
    pub no_map: bool,
    /// Also write the chart as a printable SVG file (A4) to FILE.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// The space the map may take: the terminal's size (less a row for the prompt after it), or
/// `$COLUMNS` x `$LINES` when piped.
pub fn space() -> (u16, u16) {
    let width = super::output::width();
    if std::io::stdout().is_terminal() {
        if let Ok((_, rows)) = crossterm::terminal::size() {
            return (width, rows.saturating_sub(2));
        }
    }
    let height = std::env::var("LINES")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(PIPE_HEIGHT);
    (width, height)
}

/// The scene as terminal text: styled with colour when `colour`, else glyphs only.
pub fn text(grid: &Grid, colour: bool) -> String {
    let mut out = String::new();
    for (n, row) in grid.rows.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let end = row
            .iter()
            .rposition(|c| c.ch != ' ')
            .map_or(0, |last| last + 1);
        let mut current = Style::Plain;
        for cell in &row[..end] {
            if colour && cell.style != current && cell.ch != ' ' {
                out.push_str(escape(cell.style));
                current = cell.style;
            }
            out.push(cell.ch);
        }
        if colour && current != Style::Plain {
            out.push_str("\x1b[0m");
        }
    }
    out
}

fn escape(style: Style) -> &'static str {
    match style {
        Style::Plain => "\x1b[0m",
        Style::Outline => "\x1b[0;2m",
        Style::Primary => "\x1b[0;1;31m",
        Style::Spillover => "\x1b[0;33m",
        Style::Spot => "\x1b[0;1;36m",
        Style::Label => "\x1b[0;1m",
    }
}

/// Renders the scene into the space given (colour when styling is on), or `None` when it
/// would not be legible there.
pub fn render(scene: &Scene, width: u16, height: u16) -> Option<String> {
    let colour = super::output::styled();
    let grid = raster::render(
        scene,
        &raster::Options {
            width,
            height,
            colour,
        },
    )?;
    Some(text(&grid, colour))
}

/// Prints the map below a command's text (unless `--no-map`) and writes the SVG chart (if
/// `--svg`); a map too small to read is left out with a line on stderr. Returns the lines
/// printed.
pub fn show(scene: &Scene, args: &MapArgs) -> anyhow::Result<usize> {
    let mut lines = 0;
    if !args.no_map {
        let (width, height) = space();
        match render(scene, width, height) {
            Some(map) => {
                lines = map.lines().count() + 1;
                super::output::print_raw(format!("\n{map}"))?;
            }
            None => eprintln!(
                "tpcoach: the body map needs a larger terminal (at least {} rows); --svg FILE writes it as a chart",
                raster::MIN_ROWS + 1
            ),
        }
    }
    if let Some(path) = &args.svg {
        write_svg(scene, path)?;
    }
    Ok(lines)
}

/// Writes the scene's SVG chart to `path`, and says so on stderr.
pub fn write_svg(scene: &Scene, path: &Path) -> anyhow::Result<()> {
    std::fs::write(path, svg::render(scene))
        .with_context(|| format!("could not write the chart to {}", path.display()))?;
    eprintln!("tpcoach: wrote the chart to {}", path.display());
    Ok(())
}

/// The map flags of a command whose map is shown only on a terminal (`suggest`): there the
/// figure follows the text when it fits; piped, only with `--map`.
#[derive(Debug, Clone, clap::Args)]
pub struct TerminalMapArgs {
    /// Print the body map even when stdout is not a terminal.
    #[arg(long, conflicts_with = "no_map")]
    pub map: bool,
    /// Leave the body map out of the output.
    #[arg(long)]
    pub no_map: bool,
}

/// Prints the map below a command's text: on a terminal when it fits there, or always with
/// `--map` (a map too small to read is then left out with a line on stderr); never with
/// `--no-map`. Returns the lines printed.
pub fn show_on_terminal(scene: &Scene, args: &TerminalMapArgs) -> anyhow::Result<usize> {
    if args.no_map || !(args.map || std::io::stdout().is_terminal()) {
        return Ok(0);
    }
    let (width, height) = space();
    match render(scene, width, height) {
        Some(map) => {
            super::output::print_raw(format!("\n{map}"))?;
            return Ok(map.lines().count() + 1);
        }
        None if args.map => eprintln!(
            "tpcoach: the body map needs a larger terminal (at least {} rows)",
            raster::MIN_ROWS + 1
        ),
        None => {}
    }
    Ok(0)
}
