//! `tpcoach suggest`: a short, safe routine for a region, pain area or symptom.

use std::fmt::Write as _;
use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;
use tpcoach::library::Library;
use tpcoach::model::TechniqueKind;
use tpcoach::routine::{self, Routine, Sides};

use super::{context, output};

/// Which side to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    /// Left side only.
    Left,
    /// Right side only.
    Right,
    /// Left, then right.
    Both,
}

impl From<SideArg> for Sides {
    fn from(side: SideArg) -> Sides {
        match side {
            SideArg::Left => Sides::Left,
            SideArg::Right => Sides::Right,
            SideArg::Both => Sides::Both,
        }
    }
}

/// The options a routine is built from, shared by `suggest` and `session`.
#[derive(Debug, Clone, clap::Args)]
pub struct RoutineArgs {
    /// A region ("neck", "low back"), a pain area ("temple", "heel") or a symptom ("tension headache").
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// The time you have, in minutes (1-15: several short sessions a day are better than one long
    /// one); rests and side changes are counted.
    #[arg(long, short, default_value_t = 10, value_name = "N", allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(routine::MAX_MINUTES)))]
    pub minutes: u32,
    /// What you have to work with, comma-separated: fingers, ball, cane, roller.
    #[arg(
        long,
        short,
        value_delimiter = ',',
        default_value = "fingers,ball",
        value_name = "LIST"
    )]
    pub tools: Vec<String>,
    /// Which side to work.
    #[arg(long, short, value_enum, default_value_t = SideArg::Both)]
    pub side: SideArg,
    /// How to work on the muscles: compression (press and hold), stroking (deep stroking
    /// wherever the tools allow) or mixed (stroking where the sources favour it). Remembered
    /// for next time; --fresh goes back to mixed.
    #[arg(long, value_enum, value_name = "HOW")]
    pub technique: Option<super::technique::TechniqueArg>,
}

impl RoutineArgs {
    /// The query words as one string.
    pub fn query(&self) -> String {
        self.query.join(" ")
    }

    /// Routine options from these arguments (no limits, no history).
    pub fn options(&self, library: &Library) -> tpcoach::Result<routine::Options> {
        Ok(routine::Options {
            minutes: self.minutes,
            equipment: routine::parse_equipment(library, &self.tools)?,
            sides: self.side.into(),
            limits: Default::default(),
            history: None,
            technique: Default::default(),
            settle_seconds: routine::SETTLE_SECONDS,
        })
    }
}

/// Suggest a short routine for a region, pain area or symptom.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tpcoach suggest neck\n  tpcoach suggest lower back --minutes 5\n  tpcoach suggest tension headache --tools fingers\n  tpcoach suggest heel --side left --json\n  tpcoach suggest neck --no-map"
)]
pub struct Args {
    /// What to build the routine for, and how.
    #[command(flatten)]
    pub routine: RoutineArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Ignore your history: no resting, gentler doses or reordering from past sessions; and
    /// forget the remembered --technique (back to mixed).
    #[arg(long)]
    pub fresh: bool,
    /// The body map (the routine's spots, numbered by step).
    #[command(flatten)]
    pub map: super::map::TerminalMapArgs,
}

#[derive(Serialize)]
struct Json<'a> {
    query: &'a str,
    matched: &'a str,
    total_seconds: u32,
    budget_seconds: u32,
    technique: routine::TechniqueChoice,
    steps: &'a [routine::Step],
    also_check: &'a [String],
    notes: &'a [String],
    warning_signs: &'a [String],
    symptom_note: Option<&'a str>,
}

/// The first sentence of a text.
pub fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(i) => &text[..=i],
        None => text,
    }
}

/// Consecutive steps that differ only by side, as one table row each.
fn rows(steps: &[routine::Step]) -> Vec<Vec<&routine::Step>> {
    let mut rows: Vec<Vec<&routine::Step>> = Vec::new();
    for step in steps {
        match rows.last_mut() {
            Some(row)
                if row[0].muscle == step.muscle
                    && row[0].technique == step.technique
                    && row[0].tool == step.tool
                    && row[0].dose == step.dose =>
            {
                row.push(step)
            }
            _ => rows.push(vec![step]),
        }
    }
    rows
}

/// "row 3" or "rows 1, 2".
fn row_numbers(numbers: &[usize]) -> String {
    let list: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    let word = if list.len() == 1 { "row" } else { "rows" };
    format!("{word} {}", list.join(", "))
}

/// What to watch out for, each thing said once: every danger zone the pressure rows come near,
/// with those rows, then each muscle's own cautions with its rows. A stretch presses nothing, so
/// its rows are never listed under a danger zone.
fn watch_out(library: &Library, rows: &[Vec<&routine::Step>]) -> String {
    let mut zones: Vec<(&tpcoach::model::DangerZone, Vec<usize>)> = Vec::new();
    let mut muscles: Vec<(&str, Vec<usize>, Vec<&tpcoach::model::Text>)> = Vec::new();
    for (n, step) in rows.iter().map(|row| row[0]).enumerate() {
        let mut zone_texts = Vec::new();
        if step.kind != TechniqueKind::Stretch {
            let muscle_zones = library.muscle(&step.muscle).map(|m| &m.danger_zones);
            // The zones the step itself carries (a zone may go with one tool only).
            for zone in muscle_zones
                .into_iter()
                .flatten()
                .filter_map(|id| library.danger_zone(id))
                .filter(|z| step.cautions.contains(&routine::zone_caution(z)))
            {
                zone_texts.push(routine::zone_caution(zone));
                match zones.iter_mut().find(|(z, _)| z.id == zone.id) {
                    Some((_, numbers)) => numbers.push(n + 1),
                    None => zones.push((zone, vec![n + 1])),
                }
            }
        }
        let own = step.cautions.iter().filter(|c| !zone_texts.contains(c));
        let entry = match muscles.iter_mut().position(|(m, ..)| *m == step.muscle) {
            Some(i) => &mut muscles[i],
            None => {
                muscles.push((&step.muscle, Vec::new(), Vec::new()));
                let last = muscles.len() - 1;
                &mut muscles[last]
            }
        };
        let mut added = false;
        for caution in own {
            if !entry.2.contains(&caution) {
                entry.2.push(caution);
            }
            added = true;
        }
        if added {
            entry.1.push(n + 1);
        }
    }
    muscles.retain(|(_, numbers, _)| !numbers.is_empty());
    if zones.is_empty() && muscles.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", output::bold("Watch out"));
    for (zone, numbers) in zones {
        let _ = writeln!(out, "{} ({}):", zone.name, row_numbers(&numbers));
        let _ = writeln!(out, "  - {}", zone.caution);
    }
    // A caution several muscles share (a clot warning for both calf muscles) is said once,
    // under all of them; each muscle's own follow under its name alone, with the rows that carry
    // them (a caution for pressure work is not listed with the muscle's stretch row).
    let rows_of = |caution: &tpcoach::model::Text| -> Vec<usize> {
        rows.iter()
            .enumerate()
            .filter(|(_, row)| row[0].cautions.contains(caution))
            .map(|(n, _)| n + 1)
            .collect()
    };
    type Group<'t> = (Vec<usize>, Vec<usize>, Vec<&'t tpcoach::model::Text>);
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (i, (_, _, cautions)) in muscles.iter().enumerate() {
        for &caution in cautions {
            let sharing: Vec<usize> = (0..muscles.len())
                .filter(|&j| muscles[j].2.contains(&caution))
                .collect();
            if sharing[0] != i {
                continue;
            }
            let numbers = rows_of(caution);
            match groups
                .iter_mut()
                .find(|(who, at, _)| *who == sharing && *at == numbers)
            {
                Some((_, _, texts)) => texts.push(caution),
                None => groups.push((sharing, numbers, vec![caution])),
            }
        }
    }
    for (who, numbers, cautions) in groups {
        let names: Vec<String> = who
            .iter()
            .map(|&j| context::muscle_name(library, muscles[j].0))
            .collect();
        let _ = writeln!(out, "{} ({}):", names.join(", "), row_numbers(&numbers));
        for caution in cautions {
            let _ = writeln!(out, "  - {caution}");
        }
    }
    out
}

/// "1 min 30 s", "45 s", "10 min".
pub fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// The routine's warning signs as list lines (see [`super::where_::sign_lines`]).
pub fn warning_signs(library: &Library, routine: &Routine) -> Vec<String> {
    super::where_::sign_lines(
        routine
            .warning_signs
            .iter()
            .filter_map(|id| library.red_flags.iter().find(|f| &f.id == id)),
    )
}

/// The routine as text: how the query was understood, the table, and what to watch out for.
pub fn render(library: &Library, routine: &Routine, minutes: u32) -> String {
    let name = |id: &str| context::muscle_name(library, id);
    let mut out = String::new();
    let _ = writeln!(out, "{}", output::bold(&routine.matched));
    if let Some(note) = &routine.symptom_note {
        let _ = writeln!(out, "{note}");
    }
    let signs = warning_signs(library, routine);
    if !signs.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            output::bold(
                "Other causes can feel the same. See someone instead of self-treating if:"
            )
        );
        for line in signs {
            let _ = writeln!(out, "{line}");
        }
    }
    let rows = rows(&routine.steps);
    let cells: Vec<[String; 7]> = rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let step = row[0];
            let technique = library
                .technique(&step.technique)
                .map_or(step.technique.as_str(), |t| &t.name);
            let technique = match step.tool.as_deref() {
                Some(id) => format!(
                    "{technique}, {}",
                    library
                        .tool(id)
                        .map_or(id.to_string(), |t| t.name.to_lowercase())
                ),
                None => technique.to_string(),
            };
            // A stretch has no spot to find: its row leaves the column empty.
            let spot = match step.kind {
                TechniqueKind::Stretch => "",
                _ => library
                    .muscle(&step.muscle)
                    .and_then(|m| m.trigger_points.first())
                    .map_or(first_sentence(&step.find), |tp| {
                        first_sentence(&tp.location)
                    }),
            };
            let sides: Vec<&str> = row.iter().map(|s| s.side.as_str()).collect();
            let sides = if row[0].both_sides {
                "both, at once".to_string()
            } else if sides == ["left", "right"] {
                "both".to_string()
            } else {
                sides.join(", ")
            };
            [
                (n + 1).to_string(),
                name(&step.muscle),
                spot.to_string(),
                technique,
                step.dose_text.clone(),
                sides,
                duration(row.iter().map(|s| s.seconds).sum()),
            ]
        })
        .collect();
    if output::width() < output::STACK_BELOW {
        // Too narrow for seven columns: one block per row instead.
        for [n, muscle, spot, technique, dose, sides, time] in &cells {
            let sides = match sides.as_str() {
                "both" => "both sides",
                "both, at once" => "both sides at once",
                other => other,
            };
            let _ = writeln!(out, "\n{n}. {}, {sides} ({time})", output::bold(muscle));
            let _ = writeln!(out, "   {technique}: {dose}");
            if !spot.is_empty() {
                let _ = writeln!(out, "   Find the spot: {spot}");
            }
        }
        let _ = writeln!(out);
    } else {
        let mut table = output::table(&[
            "#",
            "Muscle",
            "Find the spot",
            "Technique, tool",
            "Dose",
            "Side",
            "Time",
        ]);
        let cells: Vec<Vec<String>> = cells
            .into_iter()
            .map(|mut row| {
                if row[2].is_empty() {
                    row[2] = "-".to_string();
                }
                Vec::from(row)
            })
            .collect();
        output::fit(&mut table, &cells, &[0, 4, 5, 6], 2);
        table.add_rows(cells);
        let _ = writeln!(out, "{table}");
    }
    let _ = writeln!(
        out,
        "Total: {} of {} min, including {} s per step to find the spot and a {} s count to get \
         into position before each hold, stroke set or stretch.",
        duration(routine.total_seconds),
        minutes,
        routine::TRANSITION_SECONDS,
        routine::SETTLE_SECONDS,
    );
    // Each pressure level once, with its rows when the routine has more than one.
    let mut pressures: Vec<(String, Vec<String>)> = Vec::new();
    let mut holds = false;
    for (n, step) in rows.iter().map(|row| row[0]).enumerate() {
        let Some(text) = tpcoach::dose::pressure(&step.dose) else {
            continue;
        };
        holds |= step.kind != TechniqueKind::Stroking;
        match pressures.iter_mut().find(|(t, _)| *t == text) {
            Some((_, numbers)) => numbers.push((n + 1).to_string()),
            None => pressures.push((text, vec![(n + 1).to_string()])),
        }
    }
    if !pressures.is_empty() {
        let levels: Vec<String> = match pressures.len() {
            1 => vec![pressures[0].0.clone()],
            _ => pressures
                .iter()
                .map(|(text, numbers)| {
                    let rows = if numbers.len() == 1 { "row" } else { "rows" };
                    format!("{text} ({rows} {})", numbers.join(", "))
                })
                .collect(),
        };
        // Only a held point is said to ease as it is held; strokes get the stop signs alone.
        let ease = if holds {
            " It should ease as you hold;"
        } else {
            ""
        };
        let stop = if holds { "stop" } else { "Stop" };
        let _ = writeln!(
            out,
            "Pressure: {}.{ease} {stop} at sharp, burning, electric or spreading pain, tingling or numbness.",
            levels.join("; ")
        );
    }
    let _ = write!(out, "{}", watch_out(library, &rows));
    if !routine.also_check.is_empty() {
        let names: Vec<String> = routine.also_check.iter().map(|id| name(id)).collect();
        let _ = writeln!(
            out,
            "\nNo relief from a spot? Also check: {}.",
            names.join(", ")
        );
    }
    for note in &routine.notes {
        let _ = writeln!(out, "Note: {note}");
    }
    let _ = write!(out, "\n{}", tpcoach::SELF_CARE_NOTE);
    out
}

/// What the person's history says, when there is a history and it says anything. Reading it
/// never creates the database.
fn history_hints(library: &Library) -> anyhow::Result<Option<routine::HistoryHints>> {
    let Some(path) = context::database_path() else {
        return Ok(None);
    };
    let Some(store) = tpcoach::history::Store::open_if_exists(&path)? else {
        return Ok(None);
    };
    let hints = store.hints(library, context::now()?)?;
    Ok((hints != routine::HistoryHints::default()).then_some(hints))
}

/// Runs `tpcoach suggest`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    show(args, context::load(library)?)
}

/// Builds and prints the routine `args` ask for, from a loaded library (also for `s` in the
/// `where` picker).
pub fn show(args: &Args, library: &Library) -> anyhow::Result<()> {
    let mut options = args.routine.options(library)?;
    let query = args.routine.query();
    if !args.fresh {
        options.history = history_hints(library)?;
    }
    let (technique, remembered) = super::technique::resolve(args.routine.technique, args.fresh)?;
    options.technique = technique;
    let (mut routine, shaped) = routine::build_shaped(library, &query, &options)?;
    routine.notes.splice(0..0, remembered);
    // A printed routine asks nothing: it points to the session that asks.
    for region in routine.advanced_regions.iter().rev() {
        routine.notes.insert(
            0,
            format!(
                "{region} is an advanced region: answer its safety questions first \
                 (`tpcoach session {}` asks them)",
                routine.query
            ),
        );
    }
    if shaped {
        routine.notes.insert(
            0,
            "Adjusted from your history (--fresh to ignore it).".into(),
        );
    }
    // A plan for this query that has reached its check-in: shown first (on stderr).
    if let Some(checkin) = super::plan::checkin::for_routine(library, &routine.matched)? {
        eprintln!("{}\n", output::wrap_prose(&checkin));
    }
    if args.json {
        return output::json(&Json {
            query: &routine.query,
            matched: &routine.matched,
            total_seconds: routine.total_seconds,
            budget_seconds: options.minutes * 60,
            technique: options.technique,
            steps: &routine.steps,
            also_check: &routine.also_check,
            notes: &routine.notes,
            warning_signs: &routine.warning_signs,
            symptom_note: routine.symptom_note.as_deref(),
        });
    }
    let text = render(library, &routine, options.minutes);
    let text = output::wrap_prose(&format!(
        "{text}\n{}\nNew to this? `tpcoach guide` answers the first questions: how hard, \
         how often, is it safe, will it help.",
        tpcoach::guide::safety_questions(library)
    ));
    output::print_raw(&text)?;
    let rows = rows(&routine.steps);
    // The spots of the rows that press or stroke one, numbered as the rows are (a stretch
    // has no spot to mark).
    let muscles = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row[0].kind != TechniqueKind::Stretch)
        .filter_map(|(n, row)| Some((u16::try_from(n + 1).ok()?, library.muscle(&row[0].muscle)?)));
    let scene = tpcoach::body_map::Scene::for_steps(library, &routine.matched, muscles);
    let printed = text.lines().count() + super::map::show_on_terminal(&scene, &args.map)?;
    // Taller than the terminal: the steps again, a line each, where the eye ends up.
    let mut recap: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let step = row[0];
            let sides = if row.len() > 1 {
                "both sides".to_string()
            } else {
                step.side_words().to_string()
            };
            format!(
                "{}. {}, {sides}: {} ({})",
                n + 1,
                context::muscle_name(library, &step.muscle),
                step.dose_text,
                duration(row.iter().map(|s| s.seconds).sum())
            )
        })
        .collect();
    recap.push(format!(
        "Total {}. `tpcoach session {}` coaches you through it.",
        duration(routine.total_seconds),
        routine.query
    ));
    let width = usize::from(output::width()).saturating_sub(1);
    let lines: Vec<String> = recap
        .iter()
        .flat_map(|line| output::wrap(line, width, "   "))
        .collect();
    output::recap(printed, "The steps, in short", &lines)?;
    Ok(())
}
