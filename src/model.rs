//! The library's types: what the YAML files in `data/` say, exactly.
//!
//! Every YAML file holds a [`LibraryFile`]: any of the top-level lists below, each entry with a
//! unique `id` (lower snake case). Unknown fields are refused everywhere, so a typo is an error,
//! not a silently ignored line. [`crate::library`] loads these files, layers them, and checks the
//! cross-references and safety rules.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Text in the library: borrowed from the binary for the built-in library (compiled in by
/// `build.rs`, never copied), owned for files read at run time. It reads like a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text(Cow<'static, str>);

impl Text {
    /// Text that lives as long as the program (the built-in library's).
    pub const fn borrowed(text: &'static str) -> Text {
        Text(Cow::Borrowed(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Cow::Owned(text))
    }
}

impl From<&'static str> for Text {
    fn from(text: &'static str) -> Text {
        Text(Cow::Borrowed(text))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.0.into_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.0
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

/// The highest pressure, on the 0-10 discomfort scale, that any dose may advise.
pub const PRESSURE_LIMIT: u8 = 7;

/// Light pressure, on the 0-10 scale: aim for it and never go above it. One number everywhere
/// the sources say "light" or "gentle" (a dose marked `light`, a screening answer that allows
/// light pressure only). It is the project's own reading of the addendum's light caps (4/10 for
/// the abdomen), taken one point lower, the more conservative where the sources give no number.
pub const LIGHT_PRESSURE: u8 = 3;

/// One YAML file of the library. Every list is optional, so a file may hold one kind or several.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
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
    /// The body map's figure: one outline per view.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// The sources that entries cite by key: what each is and where to read it.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// A source that entries cite by its key (`sources: [NAMTPT-UT]`): what it is, who publishes it,
/// where to read it, and what tpcoach took from it. Every key an entry cites must be recorded.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source key, as entries cite it, e.g. `NAMTPT-UT` (upper case, digits, hyphens).
    pub id: Text,
    /// The title of the page, article or book.
    pub title: Text,
    /// The publisher or author.
    pub by: Text,
    /// Where to read it; left out when there is no page to link (a book, a copy not to be
    /// linked, the project's own word), and `note` says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// The day it was read, `YYYY-MM-DD`; left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<Text>,
    /// What tpcoach took from it.
    pub used_for: Text,
    /// Anything a reader should know about it (its authority, why it is not linked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A body region such as the neck or the lower back.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Unique id, e.g. `lower_back`.
    pub id: Text,
    /// Display name, e.g. "Lower back".
    pub name: Text,
    /// Other names people type ("low back", "lumbar").
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// One sentence on what the region covers.
    pub description: Text,
    /// Advanced regions (the abdomen) are never part of an automatic routine without their screen.
    #[serde(default)]
    pub advanced: bool,
    /// The highest pressure any dose in the region may advise, 0-10, when it is lower than the
    /// general limit (the abdomen: light pressure only).
    #[serde(default)]
    pub pressure_ceiling: Option<u8>,
    /// Source keys for the region's limits, when it has any.
    #[serde(default)]
    pub sources: Vec<Text>,
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

impl TechniqueKind {
    /// Whether it presses on the spot (compression or stroking), unlike a stretch.
    pub fn is_pressure(self) -> bool {
        self != TechniqueKind::Stretch
    }
}

/// A way of working on a muscle: static compression, deep stroking or stretching.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Technique {
    /// Unique id, e.g. `static_compression`.
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// Other names people type.
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// What kind of work this is.
    pub kind: TechniqueKind,
    /// What it is, in a sentence or two.
    pub summary: Text,
    /// How to do it, step by step.
    pub steps: Vec<Text>,
    /// The default dose; a muscle may override parts of it.
    pub dose: Dose,
    /// The longest hold any dose of this technique may ask for, in seconds (compression, stretch).
    #[serde(default)]
    pub max_hold_seconds: Option<u32>,
    /// Signs that mean stop this spot now.
    pub stop_when: Vec<Text>,
    /// Source keys from the content reference.
    pub sources: Vec<Text>,
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
    pub direction: Option<Text>,
    /// Whether the dose is done on each side in turn (stretch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_side: Option<bool>,
    /// Light pressure only: the target and the ceiling are [`LIGHT_PRESSURE`] (compression,
    /// stroking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light: Option<bool>,
    /// Source keys for these numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Text>,
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
            light: other.light.or(self.light),
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
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// Other names people type.
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// What a person needs to own for it, as typed in `--tools` (`fingers`, `ball`, `cane`,
    /// `roller`). Tools with `fingers` are the hands.
    pub equipment: Text,
    /// How to use it, in a sentence or two.
    pub description: Text,
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
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// Other names people type ("side of head").
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// The region the area lies in.
    pub region: Text,
    /// The muscles to check first, in the order sources name them most often (the reference's
    /// quick index); each must refer pain here.
    #[serde(default)]
    pub check_first: Vec<Text>,
    /// Where the body map draws it: one shape or more, on one view or both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shapes: Vec<AreaShape>,
}

/// An everyday complaint ("tension headache", "tennis elbow").
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Symptom {
    /// Unique id, e.g. `tension_headache`.
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// Other names people type.
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// The pain areas where the complaint is felt.
    pub pain_areas: Vec<Text>,
    /// A note shown with it (never a diagnosis).
    #[serde(default)]
    pub note: Option<Text>,
    /// No routine is built for it: it needs a clinician first, and its note says so.
    #[serde(default)]
    pub no_routine: bool,
    /// The muscles to check first, in the order sources name them most often (the reference's
    /// quick index); each must list this symptom or refer to one of its areas.
    #[serde(default)]
    pub check_first: Vec<Text>,
}

/// A place where tool pressure is never directed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DangerZone {
    /// Unique id, e.g. `front_of_neck`.
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// Where it is, in plain landmarks.
    pub location: Text,
    /// What lies there.
    pub contents: Text,
    /// Why it matters, and what to do instead.
    pub caution: Text,
    /// Source keys.
    pub sources: Vec<Text>,
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
    pub exclude_regions: Vec<Text>,
    /// No work on the regions the session touches ("where you plan to work": a varicose vein,
    /// an implant, broken skin there).
    #[serde(default)]
    pub exclude_worked_regions: bool,
}

/// A question asked before a session.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningQuestion {
    /// Unique id, e.g. `g1_fever` or `neck_dizziness`.
    pub id: Text,
    /// The question, answered yes or no.
    pub question: Text,
    /// A few words naming what it asks about, for lists ("fever", "blood thinners"); every
    /// general question has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<Text>,
    /// Regions whose sessions ask it; empty means a general question (asked before a session
    /// unless all of them were answered "no" within the last 30 days).
    #[serde(default)]
    pub regions: Vec<Text>,
    /// Asked before every session, never remembered (a question about today's pain).
    #[serde(default)]
    pub every_time: bool,
    /// What a "yes" does.
    pub if_yes: ScreeningOutcome,
    /// How urgently to seek care after a "yes".
    #[serde(default)]
    pub urgency: Option<Urgency>,
    /// What to do instead, shown after a "yes".
    pub action: Text,
    /// Limits for a `limit` outcome.
    #[serde(default)]
    pub limits: Option<ScreeningLimits>,
    /// What it asks about, in a word or two each (`fever`, `blood_clot`, `pregnancy`): no topic
    /// is asked twice in one session, so a region's questions never repeat a general one.
    pub topics: Vec<Text>,
    /// For a general question whose "yes" is remembered with the screening: the one-key
    /// confirmation asked instead of the whole question ("Still taking blood thinners?"). A
    /// general question without it is asked again in full after a "yes".
    #[serde(default)]
    pub still: Option<Text>,
    /// How a general question is asked, and what its "yes" means, when the session touches
    /// particular regions (fever with back pain: seek advice today). A variant that applies is
    /// asked afresh every session, never taken from memory.
    #[serde(default)]
    pub variants: Vec<QuestionVariant>,
    /// Source keys.
    pub sources: Vec<Text>,
}

/// A general screening question as asked for some regions: each field set replaces the
/// question's own.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionVariant {
    /// The regions it applies to.
    pub regions: Vec<Text>,
    /// The question in these regions' words.
    #[serde(default)]
    pub question: Option<Text>,
    /// What a "yes" does here.
    #[serde(default)]
    pub if_yes: Option<ScreeningOutcome>,
    /// How urgently to seek care after a "yes" here.
    #[serde(default)]
    pub urgency: Option<Urgency>,
    /// What to do instead, here.
    #[serde(default)]
    pub action: Option<Text>,
    /// The limits of a `limit` outcome here.
    #[serde(default)]
    pub limits: Option<ScreeningLimits>,
    /// Source keys for the variant.
    pub sources: Vec<Text>,
}

/// A warning sign that means stop and seek care.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlag {
    /// Unique id, e.g. `chest_pain_cardiac`.
    pub id: Text,
    /// The sign, in plain words.
    pub sign: Text,
    /// How urgently to seek care.
    pub urgency: Urgency,
    /// Pain areas it belongs to (shown by `where`).
    #[serde(default)]
    pub pain_areas: Vec<Text>,
    /// Regions it belongs to.
    #[serde(default)]
    pub regions: Vec<Text>,
    /// Source keys.
    pub sources: Vec<Text>,
}

impl RedFlag {
    /// A sign that belongs to no region and no pain area (widespread pain, no improvement): it
    /// applies everywhere, so it is shown with every routine and every lookup.
    pub fn is_general(&self) -> bool {
        self.pain_areas.is_empty() && self.regions.is_empty()
    }
}

/// Where a muscle sends pain: the usual areas and the occasional spill-over.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Areas where the referred pain is usually felt (pain area ids).
    pub primary: Vec<Text>,
    /// Areas it sometimes spills into (pain area ids).
    #[serde(default)]
    pub spillover: Vec<Text>,
}

/// A usual tender spot within a muscle.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerPoint {
    /// Unique within the muscle, e.g. `ut_1`.
    pub id: Text,
    /// Where it lies, in plain landmarks.
    pub location: Text,
    /// Where the body map draws it (the person's left side; the right is its mirror image).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<MapPoint>,
    /// The areas this spot sends pain to, when a muscle's spots differ (the masseter's two
    /// layers): pain area ids, each in the muscle's own `refers_to`. Empty: the muscle's pattern.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refers_to: Vec<Text>,
}

/// One of the body map's two views of the figure.
///
/// Both views share one coordinate system: 100 units wide, 200 tall, `y` down from the top of
/// the head (0) to the soles (200), the midline at `x = 50`. In the front view the person faces
/// the viewer, so the person's left is at `x > 50`; in the back view it is at `x < 50`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The figure seen from the front.
    Front,
    /// The figure seen from behind.
    Back,
}

/// A point on the body map, given for the person's left side (mirrored for the right:
/// `x -> 100 - x`), unless it lies on the midline.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapPoint {
    /// The view it is drawn on.
    pub view: View,
    /// Across, 0-100 (50 is the midline).
    pub x: f32,
    /// Down, 0 (top of the head) to 200 (soles).
    pub y: f32,
}

/// An ellipse on the body map, in the views' coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ellipse {
    /// Centre, across.
    pub x: f32,
    /// Centre, down.
    pub y: f32,
    /// Half the width.
    pub rx: f32,
    /// Half the height.
    pub ry: f32,
}

/// Where a pain area is drawn on one view of the body map: an ellipse or a polygon, given for
/// the person's left side and mirrored for the right, unless `midline` is set.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AreaShape {
    /// The view it is drawn on.
    pub view: View,
    /// One shape across the midline (drawn once, not mirrored).
    #[serde(default, skip_serializing_if = "is_false")]
    pub midline: bool,
    /// An ellipse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ellipse: Option<Ellipse>,
    /// A polygon as a flat list of corners: `[x1, y1, x2, y2, ...]`, at least three corners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub polygon: Vec<f32>,
}

/// One view of the body map's figure: its outline, as simple parts whose union is the silhouette.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Unique id, e.g. `front`.
    pub id: Text,
    /// The view it draws.
    pub view: View,
    /// What the view shows and which way the person faces, in a sentence.
    pub description: Text,
    /// The parts of the outline (head, neck, torso, arms, hands, legs, feet).
    pub parts: Vec<FigurePart>,
}

/// A part of the figure's outline: an ellipse or a polygon, given for the person's left side and
/// mirrored for the right, unless `midline` is set.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FigurePart {
    /// What it is ("head", "upper_arm").
    pub name: Text,
    /// One part across the midline (drawn once, not mirrored).
    #[serde(default, skip_serializing_if = "is_false")]
    pub midline: bool,
    /// An ellipse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ellipse: Option<Ellipse>,
    /// A polygon as a flat list of corners: `[x1, y1, x2, y2, ...]`, at least three corners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub polygon: Vec<f32>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A technique that suits a muscle, with the tools that reach it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MuscleTechnique {
    /// The technique's id (compression or stroking; stretches go under `stretch`).
    pub technique: Text,
    /// Tool ids, best first.
    pub tools: Vec<Text>,
    /// Fields that differ from the technique's default dose.
    #[serde(default)]
    pub dose: Option<Dose>,
    /// How to apply it to this muscle.
    #[serde(default)]
    pub how: Option<Text>,
}

/// The technique the sources favour for a muscle, and which sources say so.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Preference {
    /// The technique's id; the muscle must list it under `techniques`.
    pub technique: Text,
    /// The source keys that favour it for this muscle.
    pub sources: Vec<Text>,
}

/// A muscle's stretch.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stretch {
    /// How to do it.
    pub how: Text,
    /// It stretches both sides at once (both knees hugged to the chest): a routine does it
    /// once, not once per side.
    #[serde(default)]
    pub both_sides: bool,
    /// Fields that differ from the stretching technique's default dose.
    #[serde(default)]
    pub dose: Option<Dose>,
}

/// A muscle (or a small group worked together) with its tender spots and referral pattern.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Muscle {
    /// Unique id, e.g. `upper_trapezius`.
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// Other names people type ("SCM", "upper traps").
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// The region it belongs to.
    pub region: Text,
    /// How commonly it is involved in its region, 1 (most) to 3 (least); orders routines.
    pub priority: u8,
    /// How a person finds it: landmarks, position, how to make it tense.
    pub find: Text,
    /// Its usual tender spots.
    pub trigger_points: Vec<TriggerPoint>,
    /// Where it sends pain.
    pub refers_to: Referral,
    /// Everyday complaints it is commonly associated with (symptom ids).
    #[serde(default)]
    pub symptoms: Vec<Text>,
    /// Compression or stroking techniques that suit it, with tools and dose overrides.
    #[serde(default)]
    pub techniques: Vec<MuscleTechnique>,
    /// The technique the sources favour for it, used first by the default (mixed) routine;
    /// without it, the first of `techniques` the person can use.
    #[serde(default)]
    pub prefers: Option<Preference>,
    /// Its stretch, if there is a safe one for self-care.
    #[serde(default)]
    pub stretch: Option<Stretch>,
    /// Why there is no self-stretch (set instead of `stretch` where stretching is unsafe).
    #[serde(default)]
    pub no_self_stretch: Option<Text>,
    /// Only the hands may work it (front and side of the neck).
    #[serde(default)]
    pub fingers_only: bool,
    /// Information only: never part of a routine (psoas, lateral pterygoid).
    #[serde(default)]
    pub information_only: bool,
    /// Warnings specific to this muscle, each on every step unless it says which work it goes
    /// with ([`Caution`]).
    #[serde(default)]
    pub cautions: Vec<Caution>,
    /// Danger zones it borders (ids); their caution is shown on every pressure step, or on the
    /// steps of the tools a [`ZoneRef`] names.
    #[serde(default)]
    pub danger_zones: Vec<ZoneRef>,
    /// Source keys from the content reference.
    pub sources: Vec<Text>,
}

/// Which steps a caution or a danger zone goes with: `pressure` (compression and stroking),
/// `compression`, `stroking`, `stretch`, or a tool's id (`pincer_grip`); empty, every step it can
/// go with.
fn goes_with(with: &[Text], kind: TechniqueKind, tool: Option<&str>) -> bool {
    with.is_empty()
        || with.iter().any(|w| match w.as_str() {
            "pressure" => kind.is_pressure(),
            "compression" => kind == TechniqueKind::Compression,
            "stroking" => kind == TechniqueKind::Stroking,
            "stretch" => kind == TechniqueKind::Stretch,
            id => tool == Some(id),
        })
}

/// The words a `with:` list may hold besides tool ids.
pub const WORK_WORDS: [&str; 4] = ["pressure", "compression", "stroking", "stretch"];

/// A muscle's caution. In YAML, a plain string goes with every step; the long form says which
/// steps it goes with, and whether it leads them:
/// `{text: "...", with: [pressure], lead: true}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "RawCaution")]
pub struct Caution {
    /// The warning, in plain words.
    pub text: Text,
    /// Which steps it goes with (see [`WORK_WORDS`]; or tool ids); empty, every step.
    pub with: Vec<Text>,
    /// The caution that matters most on the steps it goes with: shown first on them.
    pub lead: bool,
}

impl Caution {
    /// A caution for every step (what a plain string in YAML is).
    pub const fn plain(text: Text) -> Caution {
        Caution {
            text,
            with: Vec::new(),
            lead: false,
        }
    }

    /// Whether it goes with a step of `kind` with `tool`.
    pub fn goes_with(&self, kind: TechniqueKind, tool: Option<&str>) -> bool {
        goes_with(&self.with, kind, tool)
    }
}

impl Deref for Caution {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Caution {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Caution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.text, f)
    }
}

/// A plain caution is written as its text (in JSON a string; in the build's Rust code
/// `Caution::plain(...)`), a scoped one as its fields.
impl Serialize for Caution {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.with.is_empty() && !self.lead {
            return serializer.serialize_newtype_struct("Caution::plain", &self.text);
        }
        let mut s = serializer.serialize_struct("Caution", 3)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("with", &self.with)?;
        s.serialize_field("lead", &self.lead)?;
        s.end()
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCaution {
    Plain(Text),
    Scoped(ScopedCaution),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopedCaution {
    text: Text,
    #[serde(default)]
    with: Vec<Text>,
    #[serde(default)]
    lead: bool,
}

impl From<RawCaution> for Caution {
    fn from(raw: RawCaution) -> Caution {
        match raw {
            RawCaution::Plain(text) => Caution::plain(text),
            RawCaution::Scoped(s) => Caution {
                text: s.text,
                with: s.with,
                lead: s.lead,
            },
        }
    }
}

/// A danger zone a muscle borders. In YAML, a plain id goes with every pressure step; the long
/// form names the tools or work it goes with: `{zone: inside_mouth, with: [pincer_grip]}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "RawZoneRef")]
pub struct ZoneRef {
    /// The danger zone's id.
    pub zone: Text,
    /// Which pressure steps it goes with (`compression`, `stroking`, or tool ids); empty, all.
    pub with: Vec<Text>,
}

impl ZoneRef {
    /// A zone for every pressure step (what a plain id in YAML is).
    pub const fn plain(zone: Text) -> ZoneRef {
        ZoneRef {
            zone,
            with: Vec::new(),
        }
    }

    /// Whether it goes with a step of `kind` with `tool` (never a stretch: it presses nothing).
    pub fn goes_with(&self, kind: TechniqueKind, tool: Option<&str>) -> bool {
        kind.is_pressure() && goes_with(&self.with, kind, tool)
    }
}

impl Deref for ZoneRef {
    type Target = str;
    fn deref(&self) -> &str {
        &self.zone
    }
}

impl AsRef<str> for ZoneRef {
    fn as_ref(&self) -> &str {
        &self.zone
    }
}

impl PartialEq<str> for ZoneRef {
    fn eq(&self, other: &str) -> bool {
        *self.zone == *other
    }
}

impl PartialEq<&str> for ZoneRef {
    fn eq(&self, other: &&str) -> bool {
        *self.zone == **other
    }
}

/// A plain zone is written as its id (in JSON a string; in the build's Rust code
/// `ZoneRef::plain(...)`), a scoped one as its fields.
impl Serialize for ZoneRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.with.is_empty() {
            return serializer.serialize_newtype_struct("ZoneRef::plain", &self.zone);
        }
        let mut s = serializer.serialize_struct("ZoneRef", 2)?;
        s.serialize_field("zone", &self.zone)?;
        s.serialize_field("with", &self.with)?;
        s.end()
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawZoneRef {
    Plain(Text),
    Scoped(ScopedZoneRef),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopedZoneRef {
    zone: Text,
    with: Vec<Text>,
}

impl From<RawZoneRef> for ZoneRef {
    fn from(raw: RawZoneRef) -> ZoneRef {
        match raw {
            RawZoneRef::Plain(zone) => ZoneRef::plain(zone),
            RawZoneRef::Scoped(s) => ZoneRef {
                zone: s.zone,
                with: s.with,
            },
        }
    }
}

impl From<&'static str> for Caution {
    fn from(text: &'static str) -> Caution {
        Caution::plain(Text::from(text))
    }
}

impl From<String> for Caution {
    fn from(text: String) -> Caution {
        Caution::plain(Text::from(text))
    }
}

impl From<&'static str> for ZoneRef {
    fn from(zone: &'static str) -> ZoneRef {
        ZoneRef::plain(Text::from(zone))
    }
}

impl From<String> for ZoneRef {
    fn from(zone: String) -> ZoneRef {
        ZoneRef::plain(Text::from(zone))
    }
}
