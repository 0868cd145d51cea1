//! The library's types: what the YAML files in `data/` say, exactly.
//!
//! Every YAML file holds a [`LibraryFile`]: any of the top-level lists below, each entry with a
//! unique `id` (lower snake case). Unknown fields are refused everywhere, so a typo is an error,
//! not a silently ignored line. [`crate::library`] loads these files, layers them, and checks the
//! cross-references and safety rules.

use serde::{Deserialize, Serialize};

/// The highest pressure, on the 0-10 discomfort scale, that any dose may advise.
pub const PRESSURE_LIMIT: u8 = 7;

/// One YAML file of the library. Every list is optional, so a file may hold one kind or several.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryFile {
    /// Body regions.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Muscles with their tender spots and referral patterns.
    #[serde(default)]
    pub muscles: Vec<Muscle>,
    /// Techniques and their default doses.
    #[serde(default)]
    pub techniques: Vec<Technique>,
    /// Tools a person may use.
    #[serde(default)]
    pub tools: Vec<Tool>,
    /// The places where pain is felt (a controlled vocabulary).
    #[serde(default)]
    pub pain_areas: Vec<PainArea>,
    /// Everyday complaints ("tension headache").
    #[serde(default)]
    pub symptoms: Vec<Symptom>,
    /// Places that must never receive tool pressure.
    #[serde(default)]
    pub danger_zones: Vec<DangerZone>,
    /// Questions asked before a session.
    #[serde(default)]
    pub screening_questions: Vec<ScreeningQuestion>,
    /// Warning signs that mean stop and seek care.
    #[serde(default)]
    pub red_flags: Vec<RedFlag>,
}

/// A body region such as the neck or the lower back.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Unique id, e.g. `lower_back`.
    pub id: String,
    /// Display name, e.g. "Lower back".
    pub name: String,
    /// Other names people type ("low back", "lumbar").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One sentence on what the region covers.
    pub description: String,
    /// Advanced regions (the abdomen) are never part of an automatic routine without their screen.
    #[serde(default)]
    pub advanced: bool,
}

/// The kind of a technique, which decides how its dose is read and how a session times it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TechniqueKind {
    /// Sustained pressure on one spot (hold, repetitions, rest).
    Compression,
    /// Short, slow strokes across the spot (count, pace).
    Stroking,
    /// A held stretch (hold, repetitions, per side).
    Stretch,
}

/// A way of working on a muscle: static compression, deep stroking or stretching.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Technique {
    /// Unique id, e.g. `static_compression`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names people type.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What kind of work this is.
    pub kind: TechniqueKind,
    /// What it is, in a sentence or two.
    pub summary: String,
    /// How to do it, step by step.
    pub steps: Vec<String>,
    /// The default dose; a muscle may override parts of it.
    pub dose: Dose,
    /// The longest hold any dose of this technique may ask for, in seconds (compression, stretch).
    #[serde(default)]
    pub max_hold_seconds: Option<u32>,
    /// Signs that mean stop this spot now.
    pub stop_when: Vec<String>,
    /// Source keys from the content reference.
    pub sources: Vec<String>,
}

/// A dose. Which fields apply depends on the technique's kind; a muscle's override sets only the
/// fields it changes.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Seconds per hold (compression, stretch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_seconds: Option<u32>,
    /// How many holds (compression, stretch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repetitions: Option<u32>,
    /// Seconds of rest between holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_seconds: Option<u32>,
    /// The pressure to aim for, 0-10 discomfort (compression, stroking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure_target: Option<u8>,
    /// The pressure never to go above, 0-10 (at most 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure_ceiling: Option<u8>,
    /// Strokes per spot (stroking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strokes: Option<u32>,
    /// Seconds per stroke (stroking pace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stroke_seconds: Option<u32>,
    /// Which way the strokes go ("one direction, toward the heart").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// Whether the dose is done on each side in turn (stretch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_side: Option<bool>,
    /// Source keys for these numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Dose {
    /// This dose with every field that `other` sets taken from `other`.
    pub fn overlaid(&self, other: &Dose) -> Dose {
        Dose {
            hold_seconds: other.hold_seconds.or(self.hold_seconds),
            repetitions: other.repetitions.or(self.repetitions),
            rest_seconds: other.rest_seconds.or(self.rest_seconds),
            pressure_target: other.pressure_target.or(self.pressure_target),
            pressure_ceiling: other.pressure_ceiling.or(self.pressure_ceiling),
            strokes: other.strokes.or(self.strokes),
            stroke_seconds: other.stroke_seconds.or(self.stroke_seconds),
            direction: other.direction.clone().or_else(|| self.direction.clone()),
            per_side: other.per_side.or(self.per_side),
            sources: if other.sources.is_empty() {
                self.sources.clone()
            } else {
                other.sources.clone()
            },
        }
    }
}

/// A tool: the hands, a ball, a cane, a roller.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Unique id, e.g. `ball_wall`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names people type.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What a person needs to own for it, as typed in `--tools` (`fingers`, `ball`, `cane`,
    /// `roller`). Tools with `fingers` are the hands.
    pub equipment: String,
    /// How to use it, in a sentence or two.
    pub description: String,
}

impl Tool {
    /// Whether this tool is the person's own hands (allowed on fingers-only muscles).
    pub fn is_hands(&self) -> bool {
        self.equipment == "fingers"
    }
}

/// A place where pain is felt ("temple", "outer elbow").
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PainArea {
    /// Unique id, e.g. `temple`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names people type ("side of head").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The region the area lies in.
    pub region: String,
    /// The muscles to check first, in the order sources name them most often (the reference's
    /// quick index); each must refer pain here.
    #[serde(default)]
    pub check_first: Vec<String>,
}

/// An everyday complaint ("tension headache", "tennis elbow").
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Symptom {
    /// Unique id, e.g. `tension_headache`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names people type.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The pain areas where the complaint is felt.
    pub pain_areas: Vec<String>,
    /// A note shown with it (never a diagnosis).
    #[serde(default)]
    pub note: Option<String>,
    /// No routine is built for it: it needs a clinician first, and its note says so.
    #[serde(default)]
    pub no_routine: bool,
    /// The muscles to check first, in the order sources name them most often (the reference's
    /// quick index); each must list this symptom or refer to one of its areas.
    #[serde(default)]
    pub check_first: Vec<String>,
}

/// A place where tool pressure is never directed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DangerZone {
    /// Unique id, e.g. `front_of_neck`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Where it is, in plain landmarks.
    pub location: String,
    /// What lies there.
    pub contents: String,
    /// Why it matters, and what to do instead.
    pub caution: String,
    /// Source keys.
    pub sources: Vec<String>,
}

/// How urgent seeking care is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Call emergency services now.
    Emergency,
    /// Seek medical advice today (within 24-48 h).
    SameDay,
    /// Book an appointment; pause self-treatment of that area.
    Soon,
    /// Ask a clinician when convenient.
    Advice,
}

/// What a "yes" to a screening question does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreeningOutcome {
    /// No session today: stop before the first step.
    Stop,
    /// The session goes on with limits (see `limits`).
    Limit,
    /// The session goes on; the advice is shown.
    Advise,
}

/// Limits a "yes" puts on a session.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningLimits {
    /// Only the hands, no devices.
    #[serde(default)]
    pub fingers_only: bool,
    /// A lower pressure ceiling, 0-10.
    #[serde(default)]
    pub pressure_ceiling: Option<u8>,
    /// Regions that may not be worked at all.
    #[serde(default)]
    pub exclude_regions: Vec<String>,
}

/// A question asked before a session.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningQuestion {
    /// Unique id, e.g. `g1_fever` or `neck_dizziness`.
    pub id: String,
    /// The question, answered yes or no.
    pub question: String,
    /// Regions whose sessions ask it; empty means a general question (asked before a session
    /// unless all of them were answered "no" within the last 30 days).
    #[serde(default)]
    pub regions: Vec<String>,
    /// Asked before every session, never remembered (a question about today's pain).
    #[serde(default)]
    pub every_time: bool,
    /// What a "yes" does.
    pub if_yes: ScreeningOutcome,
    /// How urgently to seek care after a "yes".
    #[serde(default)]
    pub urgency: Option<Urgency>,
    /// What to do instead, shown after a "yes".
    pub action: String,
    /// Limits for a `limit` outcome.
    #[serde(default)]
    pub limits: Option<ScreeningLimits>,
    /// Source keys.
    pub sources: Vec<String>,
}

/// A warning sign that means stop and seek care.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlag {
    /// Unique id, e.g. `chest_pain_cardiac`.
    pub id: String,
    /// The sign, in plain words.
    pub sign: String,
    /// How urgently to seek care.
    pub urgency: Urgency,
    /// Pain areas it belongs to (shown by `where`).
    #[serde(default)]
    pub pain_areas: Vec<String>,
    /// Regions it belongs to.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Source keys.
    pub sources: Vec<String>,
}

/// Where a muscle sends pain: the usual areas and the occasional spill-over.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Areas where the referred pain is usually felt (pain area ids).
    pub primary: Vec<String>,
    /// Areas it sometimes spills into (pain area ids).
    #[serde(default)]
    pub spillover: Vec<String>,
}

/// A usual tender spot within a muscle.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerPoint {
    /// Unique within the muscle, e.g. `ut_1`.
    pub id: String,
    /// Where it lies, in plain landmarks.
    pub location: String,
}

/// A technique that suits a muscle, with the tools that reach it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MuscleTechnique {
    /// The technique's id (compression or stroking; stretches go under `stretch`).
    pub technique: String,
    /// Tool ids, best first.
    pub tools: Vec<String>,
    /// Fields that differ from the technique's default dose.
    #[serde(default)]
    pub dose: Option<Dose>,
    /// How to apply it to this muscle.
    #[serde(default)]
    pub how: Option<String>,
}

/// A muscle's stretch.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stretch {
    /// How to do it.
    pub how: String,
    /// Fields that differ from the stretching technique's default dose.
    #[serde(default)]
    pub dose: Option<Dose>,
}

/// A muscle (or a small group worked together) with its tender spots and referral pattern.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Muscle {
    /// Unique id, e.g. `upper_trapezius`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names people type ("SCM", "upper traps").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The region it belongs to.
    pub region: String,
    /// How commonly it is involved in its region, 1 (most) to 3 (least); orders routines.
    pub priority: u8,
    /// How a person finds it: landmarks, position, how to make it tense.
    pub find: String,
    /// Its usual tender spots.
    pub trigger_points: Vec<TriggerPoint>,
    /// Where it sends pain.
    pub refers_to: Referral,
    /// Everyday complaints it is commonly associated with (symptom ids).
    #[serde(default)]
    pub symptoms: Vec<String>,
    /// Compression or stroking techniques that suit it, with tools and dose overrides.
    #[serde(default)]
    pub techniques: Vec<MuscleTechnique>,
    /// Its stretch, if there is a safe one for self-care.
    #[serde(default)]
    pub stretch: Option<Stretch>,
    /// Why there is no self-stretch (set instead of `stretch` where stretching is unsafe).
    #[serde(default)]
    pub no_self_stretch: Option<String>,
    /// Only the hands may work it (front and side of the neck).
    #[serde(default)]
    pub fingers_only: bool,
    /// Information only: never part of a routine (psoas, lateral pterygoid).
    #[serde(default)]
    pub information_only: bool,
    /// Warnings specific to this muscle.
    #[serde(default)]
    pub cautions: Vec<String>,
    /// Danger zones it borders (ids); their caution is shown on every step.
    #[serde(default)]
    pub danger_zones: Vec<String>,
    /// Source keys from the content reference.
    pub sources: Vec<String>,
}
