//! `tpcoach where`: which muscles commonly send pain to a spot.

use std::io::IsTerminal;
use std::path::Path;

use serde::Serialize;
use tpcoach::body_map::Scene;
use tpcoach::library::Library;
use tpcoach::model::{RedFlag, Urgency};
use tpcoach::referral::{AreasReferrer, Referrer, Strength};
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
    /// The first area asked about (the only one, usually).
    pain_area: &'a str,
    /// Every area asked about, in the order typed.
    pain_areas: Vec<&'a str>,
    muscles: Vec<MuscleRow<'a>>,
    red_flags: Vec<FlagRow<'a>>,
}

#[derive(Serialize)]
struct MuscleRow<'a> {
    rank: usize,
    muscle: &'a str,
    region: &'a str,
    strength: Strength,
    /// The areas asked about that it refers to.
    areas: Vec<&'a str>,
    find: &'a str,
}

/// How often a muscle sends pain to the areas asked about: "usually", or with several areas
/// "usually: heel; sometimes: calf".
fn how_often(library: &Library, r: &AreasReferrer<'_>, several: bool) -> String {
    let word = |s: Strength| match s {
        Strength::Primary => "usually",
        Strength::Spillover => "sometimes",
    };
    if !several {
        return word(r.strength).to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    for strength in [Strength::Primary, Strength::Spillover] {
        let names: Vec<String> = r
            .areas
            .iter()
            .filter(|(_, s)| *s == strength)
            .map(|(id, _)| {
                library
                    .pain_area(id)
                    .map_or(id.clone(), |a| a.name.to_lowercase())
            })
            .collect();
        if !names.is_empty() {
            parts.push(format!("{}: {}", word(strength), names.join(", ")));
        }
    }
    parts.join("; ")
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
    let areas = library.find_pain_areas(&query)?;
    let ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
    let several = areas.len() > 1;
    let referrers = library.referrers_all(&ids);
    let mut flags: Vec<&RedFlag> = Vec::new();
    for id in &ids {
        for flag in library.red_flags_for(id) {
            if !flags.iter().any(|f| f.id == flag.id) {
                flags.push(flag);
            }
        }
    }
    if several {
        // Most urgent first; a stable sort keeps the areas' order within each urgency.
        flags.sort_by_key(|f| f.urgency);
    }
    let ranked: Vec<Referrer> = referrers
        .iter()
        .map(|r| Referrer {
            muscle: r.muscle,
            strength: r.strength,
        })
        .collect();
    let scene = Scene::for_areas(library, &areas, &ranked);
    if args.json {
        output::json(&Json {
            query,
            pain_area: ids[0],
            pain_areas: ids.clone(),
            muscles: referrers
                .iter()
                .enumerate()
                .map(|(n, r)| MuscleRow {
                    rank: n + 1,
                    muscle: &r.muscle.id,
                    region: &r.muscle.region,
                    strength: r.strength,
                    areas: r.areas.iter().map(|(id, _)| id.as_str()).collect(),
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
    let names: Vec<String> = areas.iter().map(|a| a.name.to_lowercase()).collect();
    let mut text = format!(
        "{}\n",
        output::bold(&if several {
            format!(
                "{}: muscles that commonly send pain there",
                names.join(" and ")
            )
        } else {
            format!("{}: muscles that commonly send pain here", names[0])
        })
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
    let rows: Vec<[String; 5]> = referrers
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let region = library
                .region(&r.muscle.region)
                .map_or(r.muscle.region.as_str(), |x| &x.name);
            [
                (n + 1).to_string(),
                r.muscle.name.to_string(),
                region.to_string(),
                how_often(library, r, several),
                // A muscle not for self-treatment gets no directions to its spot.
                if r.muscle.information_only {
                    format!(
                        "Information only, not for self-treatment (`tpcoach show {}`).",
                        r.muscle.id
                    )
                } else {
                    first_sentence(&r.muscle.find).to_string()
                },
            ]
        })
        .collect();
    if rows.is_empty() {
        text.push_str("No muscle in the library is known to send pain here.\n");
    } else if output::width() < output::STACK_BELOW {
        // The same list layout as `suggest` at this width: one short block per muscle.
        for ([n, muscle, region, often, find], r) in rows.iter().zip(&referrers) {
            let label = if r.muscle.information_only {
                ""
            } else {
                "Find the spot: "
            };
            text.push_str(&format!(
                "\n{n}. {} ({}): {often}\n   {label}{find}\n",
                output::bold(muscle),
                region.to_lowercase()
            ));
        }
        text.push('\n');
    } else {
        let mut table = output::table(&["#", "Muscle", "Region", "How often", "Find it"]);
        let cells: Vec<Vec<String>> = rows.iter().map(|row| row.to_vec()).collect();
        output::fit(&mut table, &cells, &[0], 4);
        table.add_rows(cells);
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
    let try_line = routine::build(library, &query, &any_tools)
        .is_ok()
        .then(|| format!("Try: tpcoach suggest {query}"));
    if let Some(line) = &try_line {
        text.push_str(line);
    }
    let text = output::wrap_prose(text.trim_end());
    output::print_raw(&text)?;
    let printed = text.lines().count() + map::show(&scene, &args.map)?;
    // Taller than the terminal: the ranking again, in a line or two, at the end.
    let mut recap: Vec<String> = rows
        .iter()
        .take(RECAP)
        .map(|[n, muscle, _, often, _]| format!("{n}. {muscle} ({often})"))
        .collect();
    if rows.len() > RECAP {
        recap.push(format!("and {} more above", rows.len() - RECAP));
    }
    let mut lines = output::wrap(&recap.join(", "), usize::from(output::width()) - 1, "");
    lines.extend(try_line);
    output::recap(printed, "In short", &lines)?;
    Ok(())
}

/// How many muscles the recap at the end of a tall answer names.
const RECAP: usize = 6;
