//! `tpcoach check`: validate a library and say what it holds.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;
use tpcoach::library::{Base, Library, LoadOptions};

use super::{context, output};

/// Validate a library and list its problems.
///
/// With no folder, checks the library every command would load: the built-in one (or
/// --library) with your overlay folder on top.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tpcoach check\n  tpcoach check ./my-library")]
pub struct Args {
    /// The library folder to check (default: the one that would be loaded, overlay included).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Print the counts as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Summary<'a> {
    files: &'a [String],
    overlay_files: &'a [String],
    regions: usize,
    muscles: usize,
    techniques: usize,
    tools: usize,
    pain_areas: usize,
    symptoms: usize,
    danger_zones: usize,
    screening_questions: usize,
    red_flags: usize,
    sources: usize,
    body_map: Coverage,
}

/// How much of the library the body map draws.
#[derive(Serialize)]
struct Coverage {
    views: usize,
    pain_areas_drawn: usize,
    trigger_points: usize,
    trigger_points_placed: usize,
}

/// Runs `tpcoach check`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library: &Library = match &args.dir {
        Some(dir) => {
            let options = LoadOptions {
                base: Base::Dir(dir.clone()),
                overlay: None,
            };
            let loaded = Library::load_cached(&options, context::cache_dir().as_deref());
            context::warn(&loaded);
            let library =
                loaded.with_context(|| format!("{} is not a valid library", dir.display()))?;
            // Like every command's library, it lives as long as the process.
            Box::leak(Box::new(library))
        }
        None => context::load_checked(library)?,
    };
    let summary = Summary {
        files: &library.files,
        overlay_files: &library.overlay_files,
        regions: library.regions.len(),
        muscles: library.muscles.len(),
        techniques: library.techniques.len(),
        tools: library.tools.len(),
        pain_areas: library.pain_areas.len(),
        symptoms: library.symptoms.len(),
        danger_zones: library.danger_zones.len(),
        screening_questions: library.screening_questions.len(),
        red_flags: library.red_flags.len(),
        sources: library.sources.len(),
        body_map: Coverage {
            views: library.figures.len(),
            pain_areas_drawn: library
                .pain_areas
                .iter()
                .filter(|p| !p.shapes.is_empty())
                .count(),
            trigger_points: library.muscles.iter().map(|m| m.trigger_points.len()).sum(),
            trigger_points_placed: library
                .muscles
                .iter()
                .flat_map(|m| &m.trigger_points)
                .filter(|t| t.at.is_some())
                .count(),
        },
    };
    if args.json {
        return output::json(&summary);
    }
    let mut text = format!(
        "library OK: {} files, {} regions, {} muscles, {} techniques, {} tools, {} pain areas, \
         {} symptoms, {} danger zones, {} screening questions, {} red flags, {} sources",
        summary.files.len(),
        summary.regions,
        summary.muscles,
        summary.techniques,
        summary.tools,
        summary.pain_areas,
        summary.symptoms,
        summary.danger_zones,
        summary.screening_questions,
        summary.red_flags,
        summary.sources,
    );
    let map = &summary.body_map;
    text.push_str(&format!(
        "\nbody map: {} views, shapes for {} of {} pain areas, positions for {} of {} trigger points",
        map.views,
        map.pain_areas_drawn,
        summary.pain_areas,
        map.trigger_points_placed,
        map.trigger_points
    ));
    if library.overlay_files.is_empty() {
        text.push_str("\noverlay: none applied");
    } else {
        text.push_str("\noverlay files applied:");
        for file in &library.overlay_files {
            text.push_str(&format!("\n  {file}"));
        }
    }
    output::print(text)?;
    Ok(())
}
