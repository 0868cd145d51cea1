//! `tpcoach show`: one muscle, region or technique in full.

use std::fmt::Write as _;
use std::path::Path;

use tpcoach::body_map::Scene;
use tpcoach::library::Library;
use tpcoach::lookup::{find, suggestions};
use tpcoach::model::{Muscle, Region, Technique};
use tpcoach::{dose, Error};

use super::muscles::area_names;
use super::{context, map, output};

/// Show one muscle, region or technique in full.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tpcoach show upper trapezius\n  tpcoach show scm\n  tpcoach show neck\n  tpcoach show deep stroking --json\n  tpcoach show infraspinatus --svg infraspinatus.svg\n  tpcoach show scm --no-map\n  tpcoach show source NAMTPT-UT"
)]
pub struct Args {
    /// The muscle, region or technique: id, name or alias; several words need no quotes.
    /// `source KEY` shows a source by its key.
    #[arg(required = true, value_name = "NAME")]
    pub name: Vec<String>,
    /// Print the entry as JSON.
    #[arg(long)]
    pub json: bool,
    /// The body map (for a muscle: its spots and where it sends pain).
    #[command(flatten)]
    pub map: map::MapArgs,
}

/// Runs `tpcoach show`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    if let [first, key @ ..] = args.name.as_slice() {
        if first.eq_ignore_ascii_case("source") && !key.is_empty() {
            return super::source::run(library, &key.join(" "), args.json);
        }
    }
    let query = args.name.join(" ");
    if let Some(m) = find(&library.muscles, &query) {
        let scene = Scene::for_muscle(library, m);
        if args.json {
            output::json(m)?;
            if let Some(path) = &args.map.svg {
                map::write_svg(&scene, path)?;
            }
            return Ok(());
        }
        output::print(output::wrap_prose(&muscle(library, m)))?;
        map::show(&scene, &args.map)?;
        return Ok(());
    }
    if let Some(r) = find(&library.regions, &query) {
        return if args.json {
            output::json(r)
        } else {
            Ok(output::print(output::wrap_prose(&region(library, r)))?)
        };
    }
    if let Some(t) = find(&library.techniques, &query) {
        return if args.json {
            output::json(t)
        } else {
            Ok(output::print(output::wrap_prose(&technique(t)))?)
        };
    }
    let mut close = suggestions(&library.muscles.iter().collect::<Vec<_>>(), &query, 3);
    close.extend(suggestions(
        &library.regions.iter().collect::<Vec<_>>(),
        &query,
        2,
    ));
    close.extend(suggestions(
        &library.techniques.iter().collect::<Vec<_>>(),
        &query,
        1,
    ));
    close.truncate(4);
    Err(Error::NotFound {
        kind: "muscle, region or technique",
        query,
        suggestions: close,
    }
    .into())
}

fn heading(out: &mut String, title: &str) {
    let _ = write!(out, "\n{}\n", output::bold(title));
}

fn bullets(out: &mut String, items: impl IntoIterator<Item = impl AsRef<str>>) {
    for item in items {
        let _ = writeln!(out, "  - {}", item.as_ref());
    }
}

fn muscle(library: &Library, m: &Muscle) -> String {
    let mut out = String::new();
    let region = library
        .region(&m.region)
        .map_or(m.region.as_str(), |r| &r.name);
    let _ = writeln!(out, "{}, {}", output::bold(&m.name), region.to_lowercase());
    if !m.aliases.is_empty() {
        let _ = writeln!(out, "also called: {}", m.aliases.join(", "));
    }
    if m.information_only {
        let _ = writeln!(
            out,
            "information only: not for self-treatment; see a professional"
        );
    }
    heading(&mut out, "Where to find it");
    let _ = writeln!(out, "  {}", m.find);
    bullets(
        &mut out,
        m.trigger_points
            .iter()
            .map(|t| match t.refers_to.is_empty() {
                true => t.location.to_string(),
                false => format!(
                    "{} It sends pain to: {}.",
                    t.location,
                    area_names(library, &t.refers_to).join(", ")
                ),
            }),
    );
    heading(&mut out, "Where it sends pain");
    let _ = writeln!(
        out,
        "  usually: {}",
        area_names(library, &m.refers_to.primary).join(", ")
    );
    if !m.refers_to.spillover.is_empty() {
        let _ = writeln!(
            out,
            "  sometimes: {}",
            area_names(library, &m.refers_to.spillover).join(", ")
        );
    }
    if !m.symptoms.is_empty() {
        let names: Vec<String> = m
            .symptoms
            .iter()
            .map(|s| {
                library
                    .symptom(s)
                    .map_or(s.to_string(), |s| s.name.to_lowercase())
            })
            .collect();
        let _ = writeln!(out, "  often associated with: {}", names.join(", "));
    }
    if !m.techniques.is_empty() || m.stretch.is_some() || m.no_self_stretch.is_some() {
        heading(&mut out, "How to work it");
    }
    for mt in &m.techniques {
        let Some(t) = library.technique(&mt.technique) else {
            continue;
        };
        let d = dose::for_muscle(&t.dose, mt.dose.as_ref());
        let tools: Vec<&str> = mt
            .tools
            .iter()
            .map(|id| library.tool(id).map_or(id.as_str(), |t| t.name.as_str()))
            .collect();
        let _ = write!(
            out,
            "  {}: {} with {}",
            t.name,
            dose::summary(t.kind, &d),
            tools.join(" or ")
        );
        if let Some(p) = dose::pressure(&d) {
            let _ = write!(out, "; pressure {p}");
        }
        out.push('\n');
        if let Some(how) = &mt.how {
            let _ = writeln!(out, "    {how}");
        }
    }
    if let Some(prefers) = &m.prefers {
        let name = library
            .technique(&prefers.technique)
            .map_or(prefers.technique.as_str(), |t| t.name.as_str());
        let _ = writeln!(
            out,
            "  By default: {} (the sources favour it here: {}; `--technique` to choose)",
            name.to_lowercase(),
            prefers.sources.join(", ")
        );
    }
    if let (Some(stretch), Some(t)) = (&m.stretch, library.stretching()) {
        let d = dose::for_muscle(&t.dose, stretch.dose.as_ref());
        let _ = writeln!(out, "  Stretch: {}", dose::summary(t.kind, &d));
        let _ = writeln!(out, "    {}", stretch.how);
    }
    if let Some(why) = &m.no_self_stretch {
        let _ = writeln!(out, "  No self-stretch: {why}");
    }
    if m.fingers_only {
        let _ = writeln!(out, "  Fingers only: no balls, canes or devices here.");
    }
    if !m.cautions.is_empty() || !m.danger_zones.is_empty() {
        heading(&mut out, "Cautions");
        bullets(&mut out, &m.cautions);
        for zone in m.danger_zones.iter().filter_map(|z| library.danger_zone(z)) {
            let _ = writeln!(
                out,
                "  - Danger zone, {}: {}",
                zone.name.to_lowercase(),
                zone.caution
            );
        }
    }
    heading(&mut out, "Sources");
    let _ = writeln!(out, "  {}", m.sources.join(", "));
    source_hint(&mut out, &m.sources);
    let _ = write!(out, "\n{}", tpcoach::SELF_CARE_NOTE);
    out
}

fn region(library: &Library, r: &Region) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", output::bold(&r.name));
    let _ = writeln!(out, "  {}", r.description);
    if !r.aliases.is_empty() {
        let _ = writeln!(out, "also called: {}", r.aliases.join(", "));
    }
    heading(&mut out, "Muscles");
    let mut muscles: Vec<&Muscle> = library
        .muscles
        .iter()
        .filter(|m| m.region == r.id)
        .collect();
    muscles.sort_by(|a, b| (a.priority, &a.name).cmp(&(b.priority, &b.name)));
    bullets(&mut out, muscles.iter().map(|m| m.name.as_str()));
    let questions: Vec<&str> = library
        .screening_questions
        .iter()
        .filter(|q| q.regions.contains(&r.id))
        .map(|q| q.question.as_str())
        .collect();
    if !questions.is_empty() {
        heading(&mut out, "Asked before a session here");
        bullets(&mut out, questions);
    }
    let flags: Vec<&str> = library
        .red_flags
        .iter()
        .filter(|f| f.regions.contains(&r.id))
        .map(|f| f.sign.as_str())
        .collect();
    if !flags.is_empty() {
        heading(&mut out, "Warning signs: stop and seek care");
        bullets(&mut out, flags);
    }
    out
}

fn technique(t: &Technique) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", output::bold(&t.name));
    let _ = writeln!(out, "  {}", t.summary);
    heading(&mut out, "How");
    for (n, step) in t.steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {step}", n + 1);
    }
    heading(&mut out, "Default dose");
    let _ = write!(out, "  {}", dose::summary(t.kind, &t.dose));
    if let Some(rest) = t.dose.rest_seconds {
        let _ = write!(out, ", rest {rest} s between");
    }
    if let Some(max) = t.max_hold_seconds {
        let _ = write!(out, "; never hold over {max} s");
    }
    out.push('\n');
    if let Some(p) = dose::pressure(&t.dose) {
        let _ = writeln!(out, "  pressure: {p}");
    }
    if let Some(direction) = &t.dose.direction {
        let _ = writeln!(out, "  direction: {direction}");
    }
    heading(&mut out, "Stop when");
    bullets(&mut out, &t.stop_when);
    heading(&mut out, "Sources");
    let _ = writeln!(out, "  {}", t.sources.join(", "));
    source_hint(&mut out, &t.sources);
    out
}

/// The line that says how to read a source in full.
fn source_hint(out: &mut String, sources: &[tpcoach::model::Text]) {
    if let Some(first) = sources.first() {
        let _ = writeln!(out, "  (each in full: tpcoach show source {first})");
    }
}
