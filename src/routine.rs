//! Building a routine: ordered steps (muscle, technique, tool, side, dose, time) that fit the
//! minutes and tools a person has, and that never break the safety rules.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::dose;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::{Dose, Muscle, ScreeningLimits, Technique, TechniqueKind, Text};
use crate::referral::{Strength, Target, Understood};

/// Seconds set aside per step to find the spot, settle in or change sides.
pub const TRANSITION_SECONDS: u32 = 10;
/// The settle-in count a session gives by default before each hold, stroke set or stretch.
pub const SETTLE_SECONDS: u32 = 5;
/// The longest routine tpcoach plans, in minutes: the reference suggests sessions of 5 to 15
/// minutes in all, several short ones a day rather than one long one (section 2.5), and the
/// addendum asks for that cap to hold across all muscles.
pub const MAX_MINUTES: u32 = 15;
/// How many "also check" muscles a routine names.
const ALSO_CHECK: usize = 4;

/// A side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The left side.
    Left,
    /// The right side.
    Right,
}

impl Step {
    /// "left side", "right side", or "both sides at once" for a stretch of both.
    pub fn side_words(&self) -> &'static str {
        match (self.both_sides, self.side) {
            (true, _) => "both sides at once",
            (false, Side::Left) => "left side",
            (false, Side::Right) => "right side",
        }
    }
}

impl Side {
    /// "left" or "right".
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// Which sides to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sides {
    /// Left only.
    Left,
    /// Right only.
    Right,
    /// Left, then right.
    #[default]
    Both,
}

impl Sides {
    fn list(self) -> &'static [Side] {
        match self {
            Sides::Left => &[Side::Left],
            Sides::Right => &[Side::Right],
            Sides::Both => &[Side::Left, Side::Right],
        }
    }
}

/// Which way of working on the muscles a routine uses: the person's choice (`--technique`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TechniqueChoice {
    /// Static compression wherever a muscle has it.
    Compression,
    /// Deep stroking wherever a muscle has it with the tools at hand; compression elsewhere.
    Stroking,
    /// Each muscle's own preference (`prefers` in the library, from its sources), else its
    /// first technique the person can use.
    #[default]
    Mixed,
}

impl TechniqueChoice {
    /// Every choice, in the order `--technique` lists them.
    pub const ALL: [TechniqueChoice; 3] = [
        TechniqueChoice::Compression,
        TechniqueChoice::Stroking,
        TechniqueChoice::Mixed,
    ];

    /// "compression", "stroking" or "mixed".
    pub fn as_str(self) -> &'static str {
        match self {
            TechniqueChoice::Compression => "compression",
            TechniqueChoice::Stroking => "stroking",
            TechniqueChoice::Mixed => "mixed",
        }
    }

    /// The choice named `text` ("compression", "stroking", "mixed"), if any.
    pub fn parse(text: &str) -> Option<TechniqueChoice> {
        TechniqueChoice::ALL
            .into_iter()
            .find(|c| c.as_str() == text.trim())
    }

    /// The kind of work this choice puts first, if it puts one first for every muscle.
    fn wanted(self) -> Option<TechniqueKind> {
        match self {
            TechniqueChoice::Compression => Some(TechniqueKind::Compression),
            TechniqueChoice::Stroking => Some(TechniqueKind::Stroking),
            TechniqueChoice::Mixed => None,
        }
    }
}

/// What the person's history says about a muscle on one side (filled by the history store).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Advice {
    /// Worked within the last day and still tender afterwards: rest it today.
    Rest,
    /// Recently worked and still somewhat tender: a gentler dose.
    Gentle,
}

/// What the history says, for the routine builder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryHints {
    /// Advice per (muscle id, side).
    pub advice: std::collections::BTreeMap<(String, Side), Advice>,
    /// Muscles that have never helped: they give up their place to the next candidate.
    pub unhelpful: BTreeSet<String>,
}

/// What a routine is built for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The time budget in minutes (1 to [`MAX_MINUTES`]).
    pub minutes: u32,
    /// The equipment the person has (`fingers`, `ball`, `cane`, `roller`).
    pub equipment: BTreeSet<String>,
    /// Which sides.
    pub sides: Sides,
    /// Limits from the screening answers.
    pub limits: ScreeningLimits,
    /// What the history says, if it is used.
    pub history: Option<HistoryHints>,
    /// Compression, stroking, or each muscle's preference.
    pub technique: TechniqueChoice,
    /// Seconds of the session's settle-in count before each hold, stroke set or stretch (and
    /// after each rest): counted in the budget ([`SETTLE_SECONDS`] unless the session's
    /// `--settle` says otherwise).
    pub settle_seconds: u32,
}

/// One step of a routine: one muscle, one technique, one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The muscle's id.
    pub muscle: Text,
    /// The technique's id.
    pub technique: Text,
    /// What kind of work (decides how a session times it).
    pub kind: TechniqueKind,
    /// The tool's id (`None` for a stretch).
    pub tool: Option<Text>,
    /// The side (the first side, for a stretch of both sides at once).
    pub side: Side,
    /// A stretch of both sides at once ([`crate::model::Stretch::both_sides`]): done once.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub both_sides: bool,
    /// The dose, with every override and limit applied.
    pub dose: Dose,
    /// The dose in a few words ("hold 30 s x 2").
    pub dose_text: String,
    /// Seconds the step is planned to take: its work and rests, its settle-in counts and its
    /// transition.
    pub seconds: u32,
    /// How to find the spot.
    pub find: Text,
    /// How to apply the technique to this muscle.
    pub how: Option<Text>,
    /// The cautions shown on this step, every time: for pressure work its danger zones' and the
    /// muscle's own; for a stretch the muscle's own alone.
    pub cautions: Vec<Text>,
    /// The technique's longest hold in seconds, if it has one: a session adds no time past it.
    #[serde(skip)]
    pub max_hold_seconds: Option<u32>,
}

/// A routine for a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routine {
    /// What the person typed.
    pub query: String,
    /// How it was understood ("neck (region)").
    pub matched: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The sum of the steps' seconds; never more than the budget.
    pub total_seconds: u32,
    /// Other muscles that refer to the same places (ids), for "no relief? also check".
    pub also_check: Vec<String>,
    /// What was adjusted or left out, in plain words.
    pub notes: Vec<String>,
    /// The warning signs (red flag ids) that belong to the query's places, most urgent first:
    /// shown before the routine, since they mean seeing someone instead.
    pub warning_signs: Vec<String>,
    /// The symptom's own note, when the query is a symptom that has one.
    pub symptom_note: Option<String>,
    /// The advanced regions (names) the routine works in: each has its own safety questions,
    /// which a session asks and a printed routine must point to.
    pub advanced_regions: Vec<String>,
}

/// The step's dose: the technique's default, the muscle's override, then the limits.
fn effective_dose(
    technique: &Technique,
    own: Option<&Dose>,
    limits: &ScreeningLimits,
    gentle: bool,
) -> Dose {
    let mut d = crate::dose::for_muscle(&technique.dose, own);
    let mut ceiling = limits.pressure_ceiling;
    if gentle {
        d.repetitions = d.repetitions.map(|_| 1);
        let gentler = d.pressure_ceiling.map(|c| c.saturating_sub(2).max(1));
        ceiling = match (ceiling, gentler) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    if let (Some(limit), Some(_)) = (ceiling, d.pressure_ceiling) {
        d.pressure_ceiling = d.pressure_ceiling.map(|c| c.min(limit));
        d.pressure_target = d.pressure_target.map(|t| t.min(limit));
    }
    if let Some(max) = technique.max_hold_seconds {
        d.hold_seconds = d.hold_seconds.map(|h| h.min(max));
    }
    d
}

/// A muscle's pressure work: the technique entry, the technique and the tool.
type Work<'a> = (&'a crate::model::MuscleTechnique, &'a Technique, &'a Text);

/// Every technique entry of `muscle` the person can use, in the library's order, each with its
/// first usable tool.
fn usable_work<'a>(
    library: &'a Library,
    muscle: &'a Muscle,
    options: &'a Options,
) -> impl Iterator<Item = Work<'a>> + 'a {
    muscle.techniques.iter().filter_map(move |mt| {
        let technique = library.technique(&mt.technique)?;
        let tool = mt.tools.iter().find(|id| {
            library.tool(id).is_some_and(|tool| {
                options.equipment.contains(tool.equipment.as_str())
                    && (tool.is_hands() || !(options.limits.fingers_only || muscle.fingers_only))
            })
        })?;
        Some((mt, technique, tool))
    })
}

/// The technique choice, in one place: which pressure work `muscle` gets, and whether the
/// choice had to fall back (the person asked for a kind of work this muscle cannot get with
/// their tools, so it gets its first usable work instead).
///
/// - `compression` or `stroking`: the first usable entry of that kind, else the first usable.
/// - `mixed`: the muscle's `prefers` technique when usable, else the first usable entry.
fn pressure_work<'a>(
    library: &'a Library,
    muscle: &'a Muscle,
    options: &'a Options,
) -> (Option<Work<'a>>, bool) {
    let first = usable_work(library, muscle, options).next();
    let chosen = match options.technique.wanted() {
        Some(kind) => usable_work(library, muscle, options).find(|(_, t, _)| t.kind == kind),
        None => muscle.prefers.as_ref().and_then(|p| {
            usable_work(library, muscle, options).find(|(mt, ..)| mt.technique == p.technique)
        }),
    };
    match chosen {
        Some(work) => (Some(work), false),
        None => (
            first,
            first.is_some() && options.technique.wanted().is_some(),
        ),
    }
}

/// What a muscle needs that the person lacks, e.g. "fingers (pincer grip) or cane".
fn needs(library: &Library, muscle: &Muscle) -> String {
    let mut equipment: Vec<&str> = Vec::new();
    for mt in &muscle.techniques {
        for tool in mt.tools.iter().filter_map(|id| library.tool(id)) {
            if !equipment.contains(&tool.equipment.as_str()) {
                equipment.push(&tool.equipment);
            }
        }
    }
    equipment.join(" or ")
}

/// A danger zone's caution as a step carries it: "Zone name: what to do".
pub fn zone_caution(zone: &crate::model::DangerZone) -> Text {
    Text::from(format!("{}: {}", zone.name, zone.caution))
}

/// The cautions a step of `kind` with `tool` on `muscle` shows, the one that matters most first:
/// the muscle's own caution marked `lead` for this work, then the danger zones that go with the
/// work and tool (none on a stretch, which presses nothing), then the muscle's other cautions
/// that go with it (a caution scoped to pressure work, or to a tool, stays off the other steps),
/// then the fingers-only rule.
fn cautions(
    library: &Library,
    muscle: &Muscle,
    kind: TechniqueKind,
    tool: Option<&str>,
) -> Vec<Text> {
    let own = || muscle.cautions.iter().filter(|c| c.goes_with(kind, tool));
    let mut out: Vec<Text> = own().filter(|c| c.lead).map(|c| c.text.clone()).collect();
    out.extend(
        muscle
            .danger_zones
            .iter()
            .filter(|z| z.goes_with(kind, tool))
            .filter_map(|z| library.danger_zone(z))
            .map(zone_caution),
    );
    out.extend(own().filter(|c| !c.lead).map(|c| c.text.clone()));
    // The fingers-only rule on pressure work, unless the muscle's own cautions say it already.
    let said = muscle
        .cautions
        .iter()
        .any(|c| c.to_lowercase().contains("fingers only"));
    if kind.is_pressure() && muscle.fingers_only && !said {
        out.push("Fingers only here: no ball, cane or device.".into());
    }
    out
}

/// The steps for one muscle: its pressure work on each side, then its stretch on each side.
struct Block {
    pressure: Vec<Step>,
    stretch: Vec<Step>,
    notes: Vec<String>,
    /// Its pressure work needs a tool, and the safety answers allow the hands only.
    tools_off: bool,
    /// It cannot get the kind of work the person chose, and gets its first usable work instead.
    fell_back: bool,
}

impl Block {
    fn seconds(steps: &[Step]) -> u32 {
        steps
            .iter()
            .fold(0u32, |sum, s| sum.saturating_add(s.seconds))
    }
}

fn muscle_block(library: &Library, muscle: &Muscle, options: &Options) -> Block {
    let mut block = Block {
        pressure: Vec::new(),
        stretch: Vec::new(),
        notes: Vec::new(),
        tools_off: false,
        fell_back: false,
    };
    let (work, fell_back) = pressure_work(library, muscle, options);
    block.fell_back = fell_back;
    if work.is_none() && !muscle.techniques.is_empty() {
        if options.limits.fingers_only {
            // The answers turned tools off: no tool is named or suggested, and the fitting
            // stage says why once for all such muscles.
            block.tools_off = true;
        } else {
            let need = needs(library, muscle);
            block.notes.push(format!(
                "{} needs {need} for pressure work; add --tools {} to include it",
                muscle.name,
                need.split(" or ").next().unwrap_or("fingers"),
            ));
        }
    }
    let stretch = match (&muscle.stretch, library.stretching()) {
        (Some(s), Some(t)) if muscle.no_self_stretch.is_none() => Some((s, t)),
        _ => None,
    };
    for &side in options.sides.list() {
        let advice = options
            .history
            .as_ref()
            .and_then(|h| h.advice.get(&(muscle.id.to_string(), side)).copied());
        if advice == Some(Advice::Rest) {
            block.notes.push(format!(
                "{} ({}): resting today, it was worked within the last day and was still tender",
                muscle.name,
                side.as_str()
            ));
            continue;
        }
        let gentle = advice == Some(Advice::Gentle);
        if gentle {
            block.notes.push(format!(
                "{} ({}): a gentler dose, it was still tender after your last session",
                muscle.name,
                side.as_str()
            ));
        }
        let step = |technique: &Technique,
                    own: Option<&Dose>,
                    tool: Option<&Text>,
                    how: Option<&Text>,
                    gentle| {
            let d = effective_dose(technique, own, &options.limits, gentle);
            Step {
                muscle: muscle.id.clone(),
                technique: technique.id.clone(),
                kind: technique.kind,
                tool: tool.cloned(),
                side,
                both_sides: false,
                dose_text: dose::summary(technique.kind, &d),
                seconds: dose::seconds(technique.kind, &d)
                    .saturating_add(
                        options
                            .settle_seconds
                            .saturating_mul(dose::settles(technique.kind, &d)),
                    )
                    .saturating_add(TRANSITION_SECONDS),
                dose: d,
                find: muscle.find.clone(),
                how: how.cloned(),
                cautions: cautions(library, muscle, technique.kind, tool.map(Text::as_str)),
                max_hold_seconds: technique.max_hold_seconds,
            }
        };
        if let Some((mt, technique, tool)) = work {
            block.pressure.push(step(
                technique,
                mt.dose.as_ref(),
                Some(tool),
                mt.how.as_ref(),
                gentle,
            ));
        }
        // A stretch of both sides at once is done once, on the first side not resting.
        if let Some((s, technique)) =
            stretch.filter(|(s, _)| !s.both_sides || block.stretch.is_empty())
        {
            let mut stretch = step(technique, s.dose.as_ref(), None, Some(&s.how), false);
            stretch.both_sides = s.both_sides;
            block.stretch.push(stretch);
        }
    }
    block
}

/// Builds the routine for `query`, and says whether the history changed it: true only when
/// `options.history` is set and the routine differs from the one built without it.
pub fn build_shaped(library: &Library, query: &str, options: &Options) -> Result<(Routine, bool)> {
    let routine = build(library, query, options)?;
    let shaped = options.history.is_some() && {
        let without = Options {
            history: None,
            ..options.clone()
        };
        build(library, query, &without).map_or(true, |plain| plain.steps != routine.steps)
    };
    Ok((routine, shaped))
}

/// Builds the routine for `query`, in named stages: the query is checked and understood, the
/// candidate muscles gathered and filtered ([`candidates`]), fitted into the time budget
/// ([`fit`]), and what was adjusted or left out said in notes. Each rule has one stage.
pub fn build(library: &Library, query: &str, options: &Options) -> Result<Routine> {
    let understood = understand(library, query, options)?;
    let targets = understood.targets.as_slice();
    let pool = candidates(library, query, targets, options);
    let fitted = fit(library, &pool.muscles, options);
    if fitted.steps.is_empty() {
        return Err(nothing_fits(
            library, query, targets, options, &pool, &fitted,
        ));
    }
    let mut notes: Vec<String> = fitted.fallback.into_iter().collect();
    notes.extend(pool.notes);
    notes.extend(fitted.notes);
    notes.extend(fitted.tool_notes);
    notes.extend(pool.held_back);
    notes.extend(left_out_note(&fitted.dropped, options.minutes));
    let also_check = also_check(library, targets, &fitted.steps, &fitted.used);
    let symptom_notes: Vec<&str> = targets
        .iter()
        .filter_map(|t| match *t {
            Target::Symptom(id) => library.symptom(id).and_then(|s| s.note.as_deref()),
            _ => None,
        })
        .collect();
    Ok(Routine {
        advanced_regions: advanced_regions(library, targets),
        warning_signs: warning_signs(library, targets),
        symptom_note: (!symptom_notes.is_empty()).then(|| symptom_notes.join(" ")),
        query: query.to_string(),
        matched: understood.describe(library),
        total_seconds: fitted.total,
        steps: fitted.steps,
        also_check,
        notes,
    })
}

/// Stage 1: the options checked and the query understood; a query that gets no routine at all
/// (a symptom that needs a clinician first, a region the safety answers rule out) is refused.
fn understand<'a>(library: &'a Library, query: &str, options: &Options) -> Result<Understood<'a>> {
    if options.minutes == 0 || options.minutes > MAX_MINUTES {
        return Err(Error::BadInput(format!(
            "--minutes must be between 1 and {MAX_MINUTES} (you gave {}): several short sessions a day are better than one long one",
            options.minutes
        )));
    }
    let understood = library.understand_all(query)?;
    for &target in &understood.targets {
        if let Target::Symptom(id) = target {
            if let Some(symptom) = library.symptom(id).filter(|s| s.no_routine) {
                return Err(Error::BadInput(format!(
                    "no routine for {}: {}",
                    symptom.name.to_lowercase(),
                    symptom.note.as_deref().unwrap_or("see a clinician first")
                )));
            }
        }
        if let Target::Region(id) = target {
            if options.limits.exclude_regions.iter().any(|r| r == id) {
                return Err(Error::BadInput(format!(
                    "your safety answers rule out work on the {id} region today"
                )));
            }
        }
    }
    Ok(understood)
}

/// The advanced regions (names) a query is about itself.
fn advanced_regions(library: &Library, targets: &[Target<'_>]) -> Vec<String> {
    target_regions(library, targets)
        .iter()
        .filter_map(|id| library.region(id))
        .filter(|r| r.advanced)
        .map(|r| r.name.to_string())
        .collect()
}

/// The muscles that may enter a routine, best first, and what was held back and why.
struct Candidates<'a> {
    /// In order: the ranked muscles, then those the history says never helped.
    muscles: Vec<&'a Muscle>,
    /// Information-only muscles and those moved down by the history.
    notes: Vec<String>,
    /// Muscles of an advanced region that was not asked for (each needs its own screen).
    held_back: Vec<String>,
}

/// Stage 2: the candidates, ranked for the targets (several places take turns, each place's best
/// first, each muscle once), with the filters applied: regions the
/// safety answers exclude, advanced regions not asked for (the abdomen comes into a routine only
/// when asked for itself), information-only muscles, and muscles that never helped (moved last).
fn candidates<'a>(
    library: &'a Library,
    query: &str,
    targets: &[Target<'_>],
    options: &Options,
) -> Candidates<'a> {
    let own_regions = target_regions(library, targets);
    let advanced_elsewhere = |m: &Muscle| {
        !own_regions.contains(m.region.as_str())
            && library.region(&m.region).is_some_and(|r| r.advanced)
    };
    let mut out = Candidates {
        muscles: Vec::new(),
        notes: Vec::new(),
        held_back: Vec::new(),
    };
    let mut held_back: Vec<&Muscle> = Vec::new();
    let mut unhelpful = Vec::new();
    for m in interleaved(library, query, targets) {
        if options.limits.exclude_regions.contains(&m.region) {
            continue;
        }
        if advanced_elsewhere(m) && !m.information_only {
            if !held_back.iter().any(|h| h.id == m.id) {
                held_back.push(m);
            }
            continue;
        }
        if m.information_only {
            out.notes.push(format!(
                "{}: information only, not for self-treatment (see `tpcoach show {}`)",
                m.name, m.id
            ));
            continue;
        }
        if options
            .history
            .as_ref()
            .is_some_and(|h| h.unhelpful.contains(m.id.as_str()))
        {
            out.notes.push(format!(
                "{}: moved down, your sessions show it has not helped so far",
                m.name
            ));
            unhelpful.push(m);
        } else {
            out.muscles.push(m);
        }
    }
    out.muscles.extend(unhelpful);
    for m in held_back {
        let region = library
            .region(&m.region)
            .map_or(m.region.as_str(), |r| r.name.as_str());
        out.held_back.push(format!(
            "{} also refers here, but it lies in the {} region, which needs its own safety questions first: \
             `tpcoach session {}` asks them",
            m.name,
            region.to_lowercase(),
            m.region
        ));
    }
    out
}

/// The steps that fit the budget, and what did not.
struct Fitted<'a> {
    steps: Vec<Step>,
    /// The sum of the steps' seconds.
    total: u32,
    /// The muscles with a step.
    used: BTreeSet<&'a str>,
    /// Muscles left out for time, in candidate order.
    dropped: Vec<&'a Muscle>,
    /// The dropped muscle with the shortest work, and how long it needs.
    shortest_dropped: Option<(&'a Muscle, u32)>,
    /// Muscles left out because the person lacks their tools.
    tool_notes: Vec<String>,
    /// What the fitted muscles' blocks said (history, a stretch left out).
    notes: Vec<String>,
    /// The muscles in the routine that could not get the kind of work the person chose, said
    /// once for all of them.
    fallback: Option<String>,
}

/// Stage 3: each candidate's block (pressure work, then its stretch) in order, whole when it
/// fits; when it does not, its pressure work alone, else its stretch alone, else left out. The
/// doses are never cut.
fn fit<'a>(library: &Library, muscles: &[&'a Muscle], options: &Options) -> Fitted<'a> {
    let budget = options.minutes * 60;
    let mut out = Fitted {
        steps: Vec::new(),
        total: 0,
        used: BTreeSet::new(),
        dropped: Vec::new(),
        shortest_dropped: None,
        tool_notes: Vec::new(),
        notes: Vec::new(),
        fallback: None,
    };
    let mut tools_off = Vec::new();
    let mut fell_back = Vec::new();
    for &muscle in muscles {
        let block = muscle_block(library, muscle, options);
        if block.tools_off {
            tools_off.push(muscle.name.as_str());
        }
        let pressure = Block::seconds(&block.pressure);
        let stretch = Block::seconds(&block.stretch);
        if block.pressure.is_empty() && block.stretch.is_empty() {
            out.tool_notes.extend(block.notes);
            continue;
        }
        let both = !block.pressure.is_empty() && !block.stretch.is_empty();
        let fits = |seconds: u32| out.total.saturating_add(seconds) <= budget;
        let (chosen, note) = if fits(pressure.saturating_add(stretch)) {
            let mut all = block.pressure;
            all.extend(block.stretch);
            (all, None)
        } else if both && fits(pressure) {
            let note = format!(
                "{}: stretch left out to fit {} min",
                muscle.name, options.minutes
            );
            (block.pressure, Some(note))
        } else if both && fits(stretch) {
            let note = format!(
                "{}: only its stretch fits in {} min",
                muscle.name, options.minutes
            );
            (block.stretch, Some(note))
        } else {
            out.dropped.push(muscle);
            let need = [pressure, stretch]
                .into_iter()
                .filter(|&s| s > 0)
                .min()
                .unwrap_or(pressure.saturating_add(stretch));
            if out
                .shortest_dropped
                .is_none_or(|(_, shortest)| need < shortest)
            {
                out.shortest_dropped = Some((muscle, need));
            }
            continue;
        };
        if block.fell_back && chosen.iter().any(|s| s.kind.is_pressure()) {
            fell_back.push(muscle.name.as_str());
        }
        out.notes.extend(block.notes);
        out.notes.extend(note);
        out.total = out.total.saturating_add(Block::seconds(&chosen));
        out.used.insert(muscle.id.as_str());
        out.steps.extend(chosen);
    }
    if !tools_off.is_empty() {
        out.tool_notes.push(format!(
            "{}: pressure work left out, since it needs a tool and tools are off for you today",
            tools_off.join(", ")
        ));
    }
    out.fallback = fallback_note(library, options.technique, &fell_back);
    out
}

/// The one note for the muscles that could not get the chosen kind of work, if any.
fn fallback_note(library: &Library, choice: TechniqueChoice, names: &[&str]) -> Option<String> {
    let wanted = choice.wanted()?;
    if names.is_empty() {
        return None;
    }
    let name_of = |kind: TechniqueKind| {
        library
            .techniques
            .iter()
            .find(|t| t.kind == kind)
            .map_or(format!("{kind:?}"), |t| t.name.to_lowercase())
    };
    let other = match wanted {
        TechniqueKind::Stroking => TechniqueKind::Compression,
        _ => TechniqueKind::Stroking,
    };
    Some(format!(
        "{}: no {} with your tools for {}, so {} instead",
        names.join(", "),
        name_of(wanted),
        if names.len() == 1 { "it" } else { "them" },
        name_of(other),
    ))
}

/// The muscles a routine for `target` draws on, best first: the library's ranking
/// ([`Library::ranked`]), with one rule of its own for a pain area or a symptom. A muscle's
/// `priority` says how commonly it is involved in its own region, so it does not compare muscles
/// of different regions: among muscles of the same strength that the quick index does not name
/// first, those that lie in a region where the pain is felt come before those that send pain
/// there from another region ("knee pain": the thigh's knee muscles before the calf's
/// gastrocnemius, which also refers behind the knee).
///
/// For a region, one more rule: a region asked for by a word that names a part of the body map's
/// figure's limbs, other than the region's own name ("foot" for the lower leg and foot, "hand" for
/// the arm and hand), puts first the muscles with a tender spot inside that
/// part of the figure, in their usual order, then the rest ("foot": the sole's muscles before the
/// calf's, which send pain to the foot from above).
pub fn ranked_for<'a>(
    library: &'a Library,
    query: &str,
    target: Target<'_>,
) -> Vec<crate::referral::Referrer<'a>> {
    let mut ranked = library.ranked(target);
    let first: &[Text] = match target {
        Target::Region(id) => {
            let parts = parts_named(library, query, id);
            if !parts.is_empty() {
                ranked.sort_by_key(|r| !has_spot_in(library, r.muscle, &parts));
            }
            return ranked;
        }
        Target::PainArea(id) => library.pain_area(id).map_or(&[], |p| &p.check_first),
        Target::Symptom(id) => library.symptom(id).map_or(&[], |s| &s.check_first),
    };
    let felt = one_target_regions(library, target);
    // A stable sort: the library's order stays within each key.
    ranked.sort_by_key(|r| {
        (
            r.strength,
            first
                .iter()
                .position(|id| *id == r.muscle.id)
                .unwrap_or(usize::MAX),
            !felt.contains(r.muscle.region.as_str()),
        )
    });
    ranked
}

/// The names of the body map's limb parts (drawn on each side, off the midline: "foot", "upper
/// arm") that `query` names as whole words (or their plurals: "hands", "feet"), leaving out the
/// name and id of `region` itself. The midline parts (head, jaw, neck) are left out: the back
/// view draws the jaw's outline over the back of the head, so it says nothing of where a muscle
/// lies.
fn parts_named<'a>(library: &'a Library, query: &str, region: &str) -> Vec<&'a str> {
    let words = format!(" {} ", crate::lookup::normalize(query));
    let own: Vec<String> = library
        .region(region)
        .map(|r| {
            vec![
                crate::lookup::normalize(&r.name),
                crate::lookup::normalize(&r.id),
            ]
        })
        .unwrap_or_default();
    let mut out: Vec<&str> = Vec::new();
    for part in library
        .figures
        .iter()
        .flat_map(|f| &f.parts)
        .filter(|p| !p.midline)
    {
        let name = crate::lookup::normalize(&part.name);
        let plural = match name.as_str() {
            "foot" => "feet".to_string(),
            other => format!("{other}s"),
        };
        let named = [&name, &plural]
            .iter()
            .any(|n| words.contains(&format!(" {n} ")));
        if named && !own.contains(&name) && !out.contains(&part.name.as_str()) {
            out.push(&part.name);
        }
    }
    out
}

/// Whether one of `muscle`'s tender spots lies inside one of the figure parts named `parts`, on
/// the figure of the spot's view (either side).
fn has_spot_in(library: &Library, muscle: &Muscle, parts: &[&str]) -> bool {
    use crate::body_map::Shape;
    muscle.trigger_points.iter().filter_map(|p| p.at).any(|at| {
        library
            .figures
            .iter()
            .filter(|f| f.view == at.view)
            .flat_map(|f| &f.parts)
            .filter(|part| parts.contains(&part.name.as_str()))
            .filter_map(|part| match (&part.ellipse, part.polygon.len()) {
                (Some(e), _) => Some(Shape::Ellipse {
                    x: e.x,
                    y: e.y,
                    rx: e.rx,
                    ry: e.ry,
                }),
                (None, n) if n >= 6 => Some(Shape::Polygon(
                    part.polygon.chunks_exact(2).map(|c| (c[0], c[1])).collect(),
                )),
                _ => None,
            })
            .any(|shape| shape.contains(at.x, at.y) || shape.mirrored().contains(at.x, at.y))
    })
}

/// The muscles the targets point to, ranked ([`ranked_for`]): with one target its ranking; with
/// several, each target's next muscle in turn, a muscle already taken skipped.
fn interleaved<'a>(library: &'a Library, query: &str, targets: &[Target<'_>]) -> Vec<&'a Muscle> {
    let mut lists: Vec<std::vec::IntoIter<crate::referral::Referrer<'a>>> = targets
        .iter()
        .map(|&t| ranked_for(library, query, t).into_iter())
        .collect();
    let mut out: Vec<&Muscle> = Vec::new();
    loop {
        let mut any = false;
        for list in &mut lists {
            for r in list.by_ref() {
                if !out.iter().any(|m| m.id == r.muscle.id) {
                    out.push(r.muscle);
                    any = true;
                    break;
                }
            }
        }
        if !any {
            return out;
        }
    }
}

/// Stage 4, when nothing fitted: why, as an error that says what to change (more minutes, more
/// tools, or the safety questions of an advanced region, after the warning signs).
fn nothing_fits(
    library: &Library,
    query: &str,
    targets: &[Target<'_>],
    options: &Options,
    pool: &Candidates<'_>,
    fitted: &Fitted<'_>,
) -> Error {
    if let Some((first, need)) = fitted.shortest_dropped {
        return Error::BadInput(format!(
            "{} minute{} is too short: the shortest work ({}) takes {}; try --minutes {}",
            options.minutes,
            if options.minutes == 1 { "" } else { "s" },
            first.name,
            if need < 60 {
                format!("{need} s")
            } else {
                format!("{} min {} s", need / 60, need % 60)
            },
            need.div_ceil(60)
        ));
    }
    if fitted.tool_notes.is_empty() && !pool.held_back.is_empty() {
        let mut text =
            format!("nothing for \"{query}\" can be suggested without more safety questions");
        // The warning signs first: they mean seeing someone, not self-treatment.
        for id in warning_signs(library, targets) {
            if let Some(flag) = library.red_flags.iter().find(|f| f.id == id) {
                let urgency = match flag.urgency {
                    crate::model::Urgency::Emergency => "an emergency: call emergency services",
                    crate::model::Urgency::SameDay => "get medical advice today",
                    crate::model::Urgency::Soon => "book an appointment soon",
                    crate::model::Urgency::Advice => "ask a clinician",
                };
                text.push_str(&format!("\n  Seek care first: {} ({urgency}).", flag.sign));
            }
        }
        for note in &pool.held_back {
            text.push_str("\n  ");
            text.push_str(note);
        }
        return Error::BadInput(text);
    }
    let mut text = if options.limits.fingers_only {
        format!("nothing for \"{query}\" can be done with the hands alone")
    } else {
        format!(
            "nothing for \"{query}\" can be done with the tools you have ({})",
            options
                .equipment
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    for note in &fitted.tool_notes {
        text.push_str("\n  ");
        text.push_str(note);
    }
    Error::BadInput(text)
}

/// The note naming the muscles left out for time, if any.
fn left_out_note(dropped: &[&Muscle], minutes: u32) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    let names: Vec<&str> = dropped
        .iter()
        .take(ALSO_CHECK)
        .map(|m| m.name.as_str())
        .collect();
    Some(format!(
        "left out to fit {minutes} min: {}{}",
        names.join(", "),
        match dropped.len().saturating_sub(ALSO_CHECK) {
            0 => String::new(),
            more => format!(" and {more} more"),
        }
    ))
}

/// The warning signs for a query's places (ids, most urgent first, each once): a region's own,
/// a pain area's, or those of a symptom's pain areas, for each place in turn.
pub fn warning_signs(library: &Library, targets: &[Target<'_>]) -> Vec<String> {
    let mut flags: Vec<&crate::model::RedFlag> = Vec::new();
    for &target in targets {
        match target {
            Target::Region(id) => flags.extend(
                library
                    .red_flags
                    .iter()
                    .filter(|f| f.regions.iter().any(|r| r == id)),
            ),
            Target::PainArea(id) => flags.extend(library.red_flags_for(id)),
            Target::Symptom(id) => flags.extend(
                library
                    .symptom(id)
                    .map_or(&[][..], |s| &s.pain_areas)
                    .iter()
                    .flat_map(|a| library.red_flags_for(a)),
            ),
        }
    }
    // Signs that belong to no place (widespread pain, no improvement) apply wherever a routine
    // is given.
    flags.extend(library.red_flags.iter().filter(|f| f.is_general()));
    // A stable sort keeps the order found (the areas in order, each in library order) within
    // each urgency.
    let mut seen = BTreeSet::new();
    flags.retain(|f| seen.insert(f.id.as_str()));
    flags.sort_by_key(|f| f.urgency);
    flags.into_iter().map(|f| f.id.to_string()).collect()
}

/// The regions a query is about itself: for each place, the region asked for, a pain area's
/// region, or the regions of a symptom's pain areas.
fn target_regions(library: &Library, targets: &[Target<'_>]) -> BTreeSet<String> {
    targets
        .iter()
        .flat_map(|&t| one_target_regions(library, t))
        .collect()
}

fn one_target_regions(library: &Library, target: Target<'_>) -> BTreeSet<String> {
    match target {
        Target::Region(id) => BTreeSet::from([id.to_string()]),
        Target::PainArea(id) => library
            .pain_area(id)
            .map(|p| p.region.to_string())
            .into_iter()
            .collect(),
        Target::Symptom(id) => library
            .symptom(id)
            .map_or(&[][..], |s| &s.pain_areas)
            .iter()
            .filter_map(|a| library.pain_area(a))
            .map(|p| p.region.to_string())
            .collect(),
    }
}

/// Muscles not in the routine that refer to the same places as the ones in it.
fn also_check(
    library: &Library,
    targets: &[Target<'_>],
    steps: &[Step],
    used: &BTreeSet<&str>,
) -> Vec<String> {
    let mut areas: Vec<&str> = Vec::new();
    fn add<'x>(area: &'x str, areas: &mut Vec<&'x str>) {
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    for &target in targets {
        match target {
            Target::PainArea(area) => add(area, &mut areas),
            Target::Symptom(id) => {
                for a in library.symptom(id).map_or(&[][..], |s| &s.pain_areas) {
                    add(a, &mut areas);
                }
            }
            Target::Region(_) => {
                for m in steps.iter().filter_map(|s| library.muscle(&s.muscle)) {
                    for a in &m.refers_to.primary {
                        add(a, &mut areas);
                    }
                }
            }
        }
    }
    let own_regions = target_regions(library, targets);
    let mut out: Vec<String> = Vec::new();
    for area in &areas {
        for r in library.referrers(area) {
            let id = &r.muscle.id;
            if r.strength == Strength::Primary
                && !r.muscle.information_only
                && (own_regions.contains(r.muscle.region.as_str())
                    || !library.region(&r.muscle.region).is_some_and(|g| g.advanced))
                && !used.contains(id.as_str())
                && !out.iter().any(|o| o == id)
            {
                out.push(id.to_string());
            }
        }
    }
    out.truncate(ALSO_CHECK);
    out
}

/// Understands a `--tools` list: equipment names, tool ids, names or aliases.
pub fn parse_equipment(library: &Library, items: &[String]) -> Result<BTreeSet<String>> {
    let known: BTreeSet<&str> = library.tools.iter().map(|t| t.equipment.as_str()).collect();
    let mut out = BTreeSet::new();
    for item in items.iter().flat_map(|i| i.split(',')).map(str::trim) {
        if item.is_empty() {
            continue;
        }
        let normalized = crate::lookup::normalize(item);
        if let Some(e) = known
            .iter()
            .find(|e| crate::lookup::normalize(e) == normalized)
        {
            out.insert(e.to_string());
        } else if let Some(tool) = crate::lookup::find(&library.tools, item) {
            out.insert(tool.equipment.to_string());
        } else {
            return Err(Error::BadInput(format!(
                "unknown tool \"{item}\"; use any of: {}",
                known.iter().copied().collect::<Vec<_>>().join(", ")
            )));
        }
    }
    if out.is_empty() {
        return Err(Error::BadInput(
            "--tools is empty; name what you have, e.g. --tools fingers,ball".into(),
        ));
    }
    Ok(out)
}
