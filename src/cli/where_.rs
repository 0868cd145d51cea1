//! `tpcoach where`: which muscles commonly send pain to a spot.

use std::io::IsTerminal;
use std::path::Path;

use serde::Serialize;
use tpcoach::body_map::Scene;
use tpcoach::model::{RedFlag, Urgency};
use tpcoach::referral::Strength;
use tpcoach::routine;

use super::picker::Choice;
use super::suggest::{self, first_sentence};
use super::{context, map, output};

/// Which muscles commonly send pain to a spot.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "With no area (or with --pick) in a terminal, point at it on the figure: arrows or hjkl move, Tab turns front and back, Enter chooses, s suggests a routine for the area, q or Esc leaves.\n\nExamples:\n  tpcoach where temple\n  tpcoach where --pick\n  tpcoach where outer elbow\n  tpcoach where heel --json\n  tpcoach where low back --svg low-back.svg\n  tpcoach where temple --no-map"
)]
pub struct Args {
    /// Where it hurts ("temple", "outer elbow", "heel"); several words need no quotes. Left
    /// out in a terminal, you point at it on the figure.
    #[arg(value_name = "PAIN AREA")]
    pub area: Vec<String>,
    /// Point at where it hurts on the figure (in a terminal), even if words are given.
    #[arg(long, conflicts_with = "json")]
    pub pick: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The body map (the area, and the muscles' spots numbered as in the list).
    #[command(flatten)]
    pub map: map::MapArgs,
}

#[derive(Serialize)]
struct Json<'a> {
    query: String,
    pain_area: &'a str,
    muscles: Vec<MuscleRow<'a>>,
    red_flags: Vec<FlagRow<'a>>,
}

#[derive(Serialize)]
struct MuscleRow<'a> {
    rank: usize,
    muscle: &'a str,
    region: &'a str,
    strength: Strength,
    find: &'a str,
}

#[derive(Serialize)]
struct FlagRow<'a> {
    sign: &'a str,
    urgency: Urgency,
}

/// What an urgency asks of the person.
pub fn urgency_text(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Emergency => "emergency: call emergency services now",
        Urgency::SameDay => "urgent: seek medical advice today",
        Urgency::Soon => "soon: book an appointment, pause self-treatment there",
        Urgency::Advice => "ask a clinician",
    }
}

/// Warning signs as list lines: "  - sign (how urgent)".
pub fn sign_lines<'a>(flags: impl IntoIterator<Item = &'a RedFlag>) -> Vec<String> {
    flags
        .into_iter()
        .map(|f| format!("  - {} ({})", f.sign, urgency_text(f.urgency)))
        .collect()
}

/// What was chosen in the picker, by name as a person would type it (and as the
/// `Try: tpcoach suggest ...` line shows); `None`: left without choosing. Without a terminal,
/// the usage error naming the words to type.
fn picked(library: &tpcoach::library::Library, args: &Args) -> anyhow::Result<Option<Picked>> {
    let in_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !in_terminal || args.json {
        return Err(tpcoach::Error::BadInput(
            "`tpcoach where` needs a pain area to look up, or a terminal to point at it in: \
             name the area in words, as in `tpcoach where temple` or \
             `tpcoach where outer elbow`"
                .into(),
        )
        .into());
    }
    let name = |id: &str| {
        library
            .pain_areas
            .iter()
            .find(|a| a.id == id)
            .map_or(id.to_string(), |a| a.name.to_lowercase())
    };
    Ok(super::picker::pick(library)?.map(|choice| match choice {
        Choice::Area(id) => Picked::Area(name(&id)),
        Choice::Suggest(id) => Picked::Suggest(name(&id)),
    }))
}

/// A choice in the picker, by the area's name.
enum Picked {
    /// Look the area up, as `tpcoach where AREA` does.
    Area(String),
    /// A routine for the area, as `tpcoach suggest AREA` gives.
    Suggest(String),
}

/// A routine for `area`, with suggest's defaults, as `tpcoach suggest AREA` gives it.
fn suggest_for(area: &str, library: &tpcoach::library::Library) -> anyhow::Result<()> {
    use clap::{Args as _, FromArgMatches};
    let command = suggest::Args::augment_args(clap::Command::new("suggest"));
    let matches = command.try_get_matches_from(["suggest", area])?;
    let args = suggest::Args::from_arg_matches(&matches)?;
    eprintln!("tpcoach suggest {area}");
    suggest::show(&args, library)
}

/// Runs `tpcoach where`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    let query = if args.pick || args.area.is_empty() {
        match picked(library, args)? {
            Some(Picked::Area(area)) => area,
            Some(Picked::Suggest(area)) => return suggest_for(&area, library),
            None => return Ok(()),
        }
    } else {
        args.area.join(" ")
    };
    let area = library.find_pain_area(&query)?;
    let referrers = library.referrers(&area.id);
    let flags = library.red_flags_for(&area.id);
    let scene = Scene::for_area(library, area, &referrers);
    if args.json {
        output::json(&Json {
            query,
            pain_area: &area.id,
            muscles: referrers
                .iter()
                .enumerate()
                .map(|(n, r)| MuscleRow {
                    rank: n + 1,
                    muscle: &r.muscle.id,
                    region: &r.muscle.region,
                    strength: r.strength,
                    find: &r.muscle.find,
                })
                .collect(),
            red_flags: flags
                .iter()
                .map(|f| FlagRow {
                    sign: &f.sign,
                    urgency: f.urgency,
                })
                .collect(),
        })?;
        if let Some(path) = &args.map.svg {
            map::write_svg(&scene, path)?;
        }
        return Ok(());
    }
    let mut text = format!(
        "{}\n",
        output::bold(&format!(
            "{}: muscles that commonly send pain here",
            area.name.to_lowercase()
        ))
    );
    // The warning signs first: they mean seeing someone instead of self-treating.
    if !flags.is_empty() {
        text.push_str(&format!(
            "{}\n",
            output::bold("Other causes can feel the same. Seek care first if:")
        ));
        for line in sign_lines(flags.iter().copied()) {
            text.push_str(&line);
            text.push('\n');
        }
    }
    if referrers.is_empty() {
        text.push_str("No muscle in the library is known to send pain here.\n");
    } else {
        let mut table = output::table(&["#", "Muscle", "Region", "How often", "Find it"]);
        for (n, r) in referrers.iter().enumerate() {
            let region = library
                .region(&r.muscle.region)
                .map_or(r.muscle.region.as_str(), |x| &x.name);
            table.add_row(vec![
                (n + 1).to_string(),
                r.muscle.name.to_string(),
                region.to_string(),
                match r.strength {
                    Strength::Primary => "usually".to_string(),
                    Strength::Spillover => "sometimes".to_string(),
                },
                first_sentence(&r.muscle.find).to_string(),
            ]);
        }
        text.push_str(&format!("{table}\n"));
    }
    if flags.is_empty() {
        text.push_str("Other causes can feel the same: see a professional if it is severe, new and unexplained, or not improving.\n");
    }
    // Point on to `suggest` only where it has a routine to give (with any tools, at the longest
    // budget); where it has none (the abdomen's muscles, say), the table and signs say enough.
    let any_tools = routine::Options {
        minutes: routine::MAX_MINUTES,
        equipment: library
            .tools
            .iter()
            .map(|t| t.equipment.to_string())
            .collect(),
        sides: routine::Sides::Both,
        limits: Default::default(),
        history: None,
        technique: Default::default(),
        settle_seconds: routine::SETTLE_SECONDS,
    };
    if routine::build(library, &query, &any_tools).is_ok() {
        text.push_str(&format!("Try: tpcoach suggest {query}"));
    }
    output::print(output::wrap_prose(text.trim_end()))?;
    map::show(&scene, &args.map)
}
