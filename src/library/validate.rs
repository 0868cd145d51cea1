//! The library's checks after parsing: ids, cross-references and the safety rules.

use std::collections::BTreeSet;

use super::{failed::Failed, locate, Library, Origins, SourceFile};
use crate::error::Problem;
use crate::lookup::normalize;
use crate::model::{
    Dose, Ellipse, MapPoint, Muscle, MuscleTechnique, Technique, TechniqueKind, Text, View,
    LIGHT_PRESSURE, PRESSURE_LIMIT,
};

/// The longest hold any technique may allow, in seconds.
pub const HOLD_LIMIT: u32 = 90;

struct Checker<'a> {
    library: &'a Library,
    sources: &'a [SourceFile],
    origins: &'a Origins,
    failed: &'a mut Failed,
    problems: &'a mut Vec<Problem>,
}

/// A list that entries refer into.
#[derive(Debug, Clone, Copy)]
struct Target {
    /// The list's name in a library file.
    list: &'static str,
    /// One entry, as a message names it.
    noun: &'static str,
}

const REGION: Target = Target {
    list: "regions",
    noun: "region",
};
const PAIN_AREA: Target = Target {
    list: "pain_areas",
    noun: "pain area",
};
const SYMPTOM: Target = Target {
    list: "symptoms",
    noun: "symptom",
};
const DANGER_ZONE: Target = Target {
    list: "danger_zones",
    noun: "danger zone",
};

impl Checker<'_> {
    /// Reports a problem on `field` of the entry `id` in list `kind`.
    fn report(&mut self, kind: &'static str, id: &str, path: &str, field: &str, message: String) {
        self.report_value(kind, id, path, field, None, message);
    }

    /// Reports a problem with `value` (when given, its own line is named) under `field` of the
    /// entry `id` in list `kind`.
    fn report_value(
        &mut self,
        kind: &'static str,
        id: &str,
        path: &str,
        field: &str,
        value: Option<&str>,
        message: String,
    ) {
        let (file, line) = match self.origins.get(&(kind, id.to_string())) {
            Some(&i) => {
                let source = &self.sources[i];
                let line = match value {
                    Some(value) => locate::value_line(&source.text, id, field, value),
                    None => locate::field_line(&source.text, id, field),
                };
                (source.name.clone(), line)
            }
            None => ("(library)".to_string(), None),
        };
        self.problems.push(Problem {
            file,
            line,
            column: None,
            item: format!("{kind}[{id}]{path}"),
            message,
        });
    }

    /// Whether the entry `id` of `list` is missing: not in the library, nor possibly in a file
    /// with problems (a reference to one of those is counted, not checked).
    fn missing(&mut self, list: &str, id: &str) -> bool {
        let library = self.library;
        let exists = match list {
            "regions" => library.region(id).is_some(),
            "muscles" => library.muscle(id).is_some(),
            "techniques" => library.technique(id).is_some(),
            "tools" => library.tool(id).is_some(),
            "pain_areas" => library.pain_area(id).is_some(),
            "symptoms" => library.symptom(id).is_some(),
            "danger_zones" => library.danger_zone(id).is_some(),
            _ => false,
        };
        !exists && !self.failed.defines(list, id)
    }

    /// Reports every id in `refs` that is missing from `target`.
    fn refs<'r>(
        &mut self,
        kind: &'static str,
        id: &str,
        field: &str,
        target: Target,
        refs: impl IntoIterator<Item = &'r Text>,
        hint: &str,
    ) {
        for r in refs {
            if self.missing(target.list, r) {
                self.report_value(
                    kind,
                    id,
                    &format!(".{field}"),
                    field,
                    Some(r),
                    format!("unknown {} \"{r}\"; {hint}", target.noun),
                );
            }
        }
    }

    fn id_shape(&mut self, kind: &'static str, id: &str) {
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            self.report(
                kind,
                id,
                "",
                "id",
                "ids use lower-case letters, digits and underscores only (e.g. upper_trapezius)"
                    .into(),
            );
        }
    }

    fn sources(&mut self, kind: &'static str, id: &str, sources: &[Text]) {
        if sources.is_empty() {
            self.report(
                kind,
                id,
                ".sources",
                "sources",
                "no sources: every entry names the source keys its facts come from".into(),
            );
        }
        self.source_keys(kind, id, ".sources", sources);
    }

    /// Reports every key in `keys` (cited at `path` of the entry) that no source records.
    fn source_keys(&mut self, kind: &'static str, id: &str, path: &str, keys: &[Text]) {
        for key in keys {
            if self.library.source(key).is_none() && !self.failed.defines("sources", key) {
                self.report_value(
                    kind,
                    id,
                    path,
                    "sources",
                    Some(key),
                    format!(
                        "the source key \"{key}\" is not recorded; add it under `sources:` \
                         (id, title, by, url, read, used_for; see data/sources.yaml) or fix the key"
                    ),
                );
            }
        }
    }

    /// Names and aliases that two entries of one kind share make lookups ambiguous.
    fn names<'n>(
        &mut self,
        kind: &'static str,
        entries: impl Iterator<Item = (&'n str, Vec<&'n str>)>,
    ) {
        use std::collections::btree_map::Entry;
        let mut seen: std::collections::BTreeMap<String, &str> = Default::default();
        for (id, names) in entries {
            for name in std::iter::once(id).chain(names) {
                match seen.entry(normalize(name)) {
                    Entry::Vacant(entry) => {
                        entry.insert(id);
                    }
                    // The entry's own name said twice (an alias equal to its name) is fine.
                    Entry::Occupied(entry) if *entry.get() == id => {}
                    Entry::Occupied(entry) => {
                        let message = format!(
                            "the name or alias \"{name}\" is also used by \"{}\"; a name must point to one entry",
                            entry.get()
                        );
                        self.report(kind, id, ".aliases", "aliases", message);
                    }
                }
            }
        }
    }
}

/// Checks a merged library, adding every problem found to `problems`.
/// A reference that may point into a file with problems is not checked but counted in
/// `failed`.
pub(super) fn validate(
    library: &Library,
    sources: &[SourceFile],
    origins: &Origins,
    failed: &mut Failed,
    problems: &mut Vec<Problem>,
) {
    let mut c = Checker {
        library,
        sources,
        origins,
        failed,
        problems,
    };

    for r in &library.regions {
        c.id_shape("regions", &r.id);
    }
    c.names(
        "regions",
        library
            .regions
            .iter()
            .map(|r| (r.id.as_str(), names_of(&r.name, &r.aliases))),
    );
    c.names(
        "muscles",
        library
            .muscles
            .iter()
            .map(|m| (m.id.as_str(), names_of(&m.name, &m.aliases))),
    );
    c.names(
        "pain_areas",
        library
            .pain_areas
            .iter()
            .map(|p| (p.id.as_str(), names_of(&p.name, &p.aliases))),
    );
    c.names(
        "symptoms",
        library
            .symptoms
            .iter()
            .map(|s| (s.id.as_str(), names_of(&s.name, &s.aliases))),
    );
    c.names(
        "tools",
        library
            .tools
            .iter()
            .map(|t| (t.id.as_str(), names_of(&t.name, &t.aliases))),
    );

    for s in &library.sources {
        check_source(&mut c, s);
    }
    for t in &library.techniques {
        c.id_shape("techniques", &t.id);
        c.sources("techniques", &t.id, &t.sources);
        c.source_keys("techniques", &t.id, ".dose.sources", &t.dose.sources);
        check_technique(&mut c, t);
    }
    let kinds: BTreeSet<TechniqueKind> = library.techniques.iter().map(|t| t.kind).collect();
    if library
        .techniques
        .iter()
        .filter(|t| t.kind == TechniqueKind::Stretch)
        .count()
        > 1
    {
        c.problems.push(Problem {
            file: "(library)".into(),
            line: None,
            column: None,
            item: "techniques".into(),
            message: "more than one technique of kind stretch; keep one".into(),
        });
    }

    for t in &library.tools {
        c.id_shape("tools", &t.id);
    }
    body_map(&mut c);
    for p in &library.pain_areas {
        c.id_shape("pain_areas", &p.id);
        c.refs(
            "pain_areas",
            &p.id,
            "region",
            REGION,
            [&p.region],
            "see `tpcoach regions`",
        );
        for m in &p.check_first {
            match library.muscle(m) {
                None if !c.missing("muscles", m) => {}
                None => c.report("pain_areas", &p.id, ".check_first", "check_first", format!("unknown muscle \"{m}\"; see `tpcoach muscles`")),
                Some(muscle) if !muscle.refers_to.primary.contains(&p.id) && !muscle.refers_to.spillover.contains(&p.id) => c.report(
                    "pain_areas", &p.id, ".check_first", "check_first",
                    format!("\"{m}\" is listed to check first, but its refers_to does not name \"{}\"; add the area to the muscle or remove it here", p.id)),
                Some(_) => {}
            }
        }
    }
    for s in &library.symptoms {
        c.id_shape("symptoms", &s.id);
        c.refs(
            "symptoms",
            &s.id,
            "pain_areas",
            PAIN_AREA,
            &s.pain_areas,
            "add it under pain_areas or fix the id",
        );
        for m in &s.check_first {
            match library.muscle(m) {
                None if !c.missing("muscles", m) => {}
                None => c.report("symptoms", &s.id, ".check_first", "check_first", format!("unknown muscle \"{m}\"; see `tpcoach muscles`")),
                Some(muscle) if !muscle.symptoms.contains(&s.id)
                    && !muscle.refers_to.primary.iter().chain(&muscle.refers_to.spillover).any(|a| s.pain_areas.contains(a)) => c.report(
                    "symptoms", &s.id, ".check_first", "check_first",
                    format!("\"{m}\" is listed to check first, but neither lists this symptom nor refers to its areas; fix one or the other")),
                Some(_) => {}
            }
        }
        if s.no_routine && s.note.is_none() {
            c.report(
                "symptoms",
                &s.id,
                ".note",
                "note",
                "no_routine needs a note that says who to see instead; add one".into(),
            );
        }
        if s.pain_areas.is_empty() {
            c.report(
                "symptoms",
                &s.id,
                ".pain_areas",
                "pain_areas",
                "names no pain area".into(),
            );
        }
    }
    for z in &library.danger_zones {
        c.id_shape("danger_zones", &z.id);
        c.sources("danger_zones", &z.id, &z.sources);
    }
    for q in &library.screening_questions {
        c.id_shape("screening_questions", &q.id);
        c.sources("screening_questions", &q.id, &q.sources);
        c.refs(
            "screening_questions",
            &q.id,
            "regions",
            REGION,
            &q.regions,
            "see `tpcoach regions`",
        );
        if let Some(limits) = &q.limits {
            c.refs(
                "screening_questions",
                &q.id,
                "exclude_regions",
                REGION,
                &limits.exclude_regions,
                "see `tpcoach regions`",
            );
            if limits.pressure_ceiling.is_some_and(|p| p > PRESSURE_LIMIT) {
                c.report(
                    "screening_questions",
                    &q.id,
                    ".limits.pressure_ceiling",
                    "pressure_ceiling",
                    format!("a pressure ceiling above {PRESSURE_LIMIT}/10 is not allowed"),
                );
            }
        }
        if q.topics.is_empty() {
            c.report("screening_questions", &q.id, ".topics", "topics",
                "names no topic; say what it asks about (e.g. [fever]), so no session asks it twice".into());
        }
        let general = q.regions.is_empty();
        if !general && (!q.variants.is_empty() || q.still.is_some()) {
            c.report(
                "screening_questions",
                &q.id,
                ".variants",
                "regions",
                "only a general question (no `regions`) has variants or a `still` confirmation"
                    .into(),
            );
        }
        if q.every_time && q.still.is_some() {
            c.report(
                "screening_questions",
                &q.id,
                ".still",
                "still",
                "is asked every time, so it is never remembered: remove `still`".into(),
            );
        }
        for (n, v) in q.variants.iter().enumerate() {
            c.refs(
                "screening_questions",
                &q.id,
                "regions",
                REGION,
                &v.regions,
                "see `tpcoach regions`",
            );
            c.sources("screening_questions", &q.id, &v.sources);
            let outcome = v.if_yes.unwrap_or(q.if_yes);
            let limits = v.limits.as_ref().or(q.limits.as_ref());
            if outcome == crate::model::ScreeningOutcome::Limit && limits.is_none() {
                c.report(
                    "screening_questions",
                    &q.id,
                    &format!(".variants[{n}].limits"),
                    "if_yes",
                    "the variant's outcome is `limit` but no `limits` apply; add limits".into(),
                );
            }
            if let Some(limits) = &v.limits {
                c.refs(
                    "screening_questions",
                    &q.id,
                    "exclude_regions",
                    REGION,
                    &limits.exclude_regions,
                    "see `tpcoach regions`",
                );
            }
        }
        if q.regions.is_empty() && q.topic.as_deref().is_none_or(|t| t.trim().is_empty()) {
            c.report(
                "screening_questions",
                &q.id,
                ".topic",
                "question",
                "a general question needs a `topic`: a few words naming it in lists (\"fever\")"
                    .into(),
            );
        }
        if q.if_yes == crate::model::ScreeningOutcome::Limit && q.limits.is_none() {
            c.report(
                "screening_questions",
                &q.id,
                ".limits",
                "if_yes",
                "if_yes is `limit` but no `limits` are given; add limits or use `advise`".into(),
            );
        }
    }
    check_topics_once(&mut c);
    for f in &library.red_flags {
        c.id_shape("red_flags", &f.id);
        c.sources("red_flags", &f.id, &f.sources);
        c.refs(
            "red_flags",
            &f.id,
            "pain_areas",
            PAIN_AREA,
            &f.pain_areas,
            "see `tpcoach where`",
        );
        c.refs(
            "red_flags",
            &f.id,
            "regions",
            REGION,
            &f.regions,
            "see `tpcoach regions`",
        );
    }

    for m in &library.muscles {
        let id = m.id.as_str();
        c.id_shape("muscles", id);
        c.sources("muscles", id, &m.sources);
        c.refs(
            "muscles",
            id,
            "region",
            REGION,
            [&m.region],
            "see `tpcoach regions`",
        );
        c.refs(
            "muscles",
            id,
            "refers_to",
            PAIN_AREA,
            m.refers_to.primary.iter().chain(&m.refers_to.spillover),
            "add it under pain_areas or fix the id",
        );
        c.refs(
            "muscles",
            id,
            "symptoms",
            SYMPTOM,
            &m.symptoms,
            "add it under symptoms or fix the id",
        );
        c.refs(
            "muscles",
            id,
            "danger_zones",
            DANGER_ZONE,
            m.danger_zones.iter().map(|z| &z.zone),
            "add it under danger_zones or fix the id",
        );
        if !(1..=3).contains(&m.priority) {
            c.report(
                "muscles",
                id,
                ".priority",
                "priority",
                format!("priority is {}; use 1 (most common), 2 or 3", m.priority),
            );
        }
        if m.refers_to.primary.is_empty() {
            c.report(
                "muscles",
                id,
                ".refers_to.primary",
                "primary",
                "names no pain area; a muscle refers pain somewhere".into(),
            );
        }
        if m.trigger_points.is_empty() {
            c.report(
                "muscles",
                id,
                ".trigger_points",
                "trigger_points",
                "lists no tender spot".into(),
            );
        }
        let mut spots = BTreeSet::new();
        for tp in &m.trigger_points {
            for area in &tp.refers_to {
                if !m.refers_to.primary.contains(area) && !m.refers_to.spillover.contains(area) {
                    c.report("muscles", id, &format!(".trigger_points[{}].refers_to", tp.id), "refers_to", format!(
                        "spot \"{}\" refers to \"{area}\", which the muscle's refers_to does not name; add it there too", tp.id));
                }
            }
            if !spots.insert(tp.id.as_str()) {
                c.report(
                    "muscles",
                    id,
                    ".trigger_points",
                    &tp.id,
                    format!("trigger point id \"{}\" is used twice", tp.id),
                );
            }
        }
        if m.stretch.is_some() && m.no_self_stretch.is_some() {
            c.report("muscles", id, ".stretch", "stretch",
                "has a stretch but is marked no_self_stretch; a no-self-stretch muscle must not be given one: remove `stretch`".into());
        }
        if m.information_only && (!m.techniques.is_empty() || m.stretch.is_some()) {
            c.report(
                "muscles",
                id,
                ".techniques",
                "techniques",
                "is information_only, so it may not list techniques or a stretch".into(),
            );
        }
        if !m.information_only && m.techniques.is_empty() && m.stretch.is_none() {
            c.report(
                "muscles",
                id,
                ".techniques",
                "techniques",
                "lists no technique and no stretch; add one or mark it information_only".into(),
            );
        }
        for (n, mt) in m.techniques.iter().enumerate() {
            let path = format!(".techniques[{n}]");
            let Some(technique) = library.technique(&mt.technique) else {
                if !c.missing("techniques", &mt.technique) {
                    continue;
                }
                c.report(
                    "muscles",
                    id,
                    &path,
                    "technique",
                    format!(
                        "unknown technique \"{}\"; see `tpcoach techniques`",
                        mt.technique
                    ),
                );
                continue;
            };
            if technique.kind == TechniqueKind::Stretch {
                c.report(
                    "muscles",
                    id,
                    &path,
                    "technique",
                    format!(
                        "\"{}\" is a stretch; put stretches under `stretch:`",
                        mt.technique
                    ),
                );
            }
            if mt.tools.is_empty() {
                c.report("muscles", id, &path, "tools", "names no tool".into());
            }
            for tool_id in &mt.tools {
                match library.tool(tool_id) {
                    None if !c.missing("tools", tool_id) => {}
                    None => c.report("muscles", id, &format!("{path}.tools"), "tools",
                        format!("unknown tool \"{tool_id}\"; see the tools list in `tpcoach check`")),
                    Some(tool) if m.fingers_only && !tool.is_hands() => c.report("muscles", id, &format!("{path}.tools"), "tools",
                        format!("\"{tool_id}\" is not allowed: this muscle is fingers-only; use fingers, thumb or pincer_grip")),
                    Some(_) => {}
                }
            }
            if let Some(dose) = &mt.dose {
                check_dose(&mut c, id, &format!("{path}.dose"), technique, dose);
                c.source_keys(
                    "muscles",
                    id,
                    &format!("{path}.dose.sources"),
                    &dose.sources,
                );
            }
            check_light(&mut c, m, &path, technique, mt);
        }
        if let Some(prefers) = &m.prefers {
            if !m
                .techniques
                .iter()
                .any(|mt| mt.technique == prefers.technique)
            {
                c.report(
                    "muscles",
                    id,
                    ".prefers.technique",
                    "prefers",
                    format!(
                        "prefers \"{}\", which is not among its techniques; add a `techniques:` \
                         entry for it or fix the id",
                        prefers.technique
                    ),
                );
            }
            if prefers.sources.is_empty() {
                c.report(
                    "muscles",
                    id,
                    ".prefers.sources",
                    "sources",
                    "prefers a technique without saying which source favours it; add its keys"
                        .into(),
                );
            }
            c.source_keys("muscles", id, ".prefers.sources", &prefers.sources);
        }
        check_hands_apart_from_devices(&mut c, m);
        check_repeated_cautions(&mut c, m);
        check_caution_scopes(&mut c, m);
        if let Some(stretch) = &m.stretch {
            match library.stretching() {
                None if kinds.contains(&TechniqueKind::Stretch) => {}
                None if c.failed.may_define_any("techniques") => {}
                None => c.report(
                    "muscles",
                    id,
                    ".stretch",
                    "stretch",
                    "there is no technique of kind stretch to time this stretch".into(),
                ),
                Some(technique) => {
                    if let Some(dose) = &stretch.dose {
                        check_dose(&mut c, id, ".stretch.dose", technique, dose);
                        c.source_keys("muscles", id, ".stretch.dose.sources", &dose.sources);
                    }
                }
            }
        }
    }
}

/// Words in device tools' names that also describe hands work or a position ("hook your fingers",
/// "lie on the floor", "the chest wall"), so a hands-only text may use them.
const SHARED_WORDS: &[&str] = &[
    "a", "an", "the", "on", "in", "against", "wall", "floor", "hook",
];

/// The words that name a device in `library`: the equipment and the name words of every tool that
/// is not the hands ("ball", "cane", "foam", "roller" in the built-in library), lower-case.
fn device_words(library: &Library) -> BTreeSet<String> {
    library
        .tools
        .iter()
        .filter(|t| !t.is_hands())
        .flat_map(|t| {
            let words = format!("{} {}", t.equipment, t.name).to_lowercase();
            words
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| !w.is_empty() && !SHARED_WORDS.contains(w))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The first device word in `text` (whole words, case-insensitive, a plural "s" included).
fn device_word_in<'w>(text: &str, words: &'w BTreeSet<String>) -> Option<&'w str> {
    let lower = text.to_lowercase();
    let found: BTreeSet<&str> = lower
        .split(|ch: char| !ch.is_alphanumeric())
        .map(|w| {
            w.strip_suffix('s')
                .filter(|s| words.contains(*s))
                .unwrap_or(w)
        })
        .collect();
    words.iter().map(String::as_str).find(|w| found.contains(w))
}

/// A person whose screening answers took their tools away is shown a muscle's hands entry alone,
/// so the hands and the devices sit in separate technique entries and a hands entry's text never
/// describes a device.
fn check_hands_apart_from_devices(c: &mut Checker<'_>, m: &crate::model::Muscle) {
    let words = device_words(c.library);
    for (n, mt) in m.techniques.iter().enumerate() {
        let path = format!(".techniques[{n}]");
        let (hands, devices): (Vec<&Text>, Vec<&Text>) = mt
            .tools
            .iter()
            .filter(|id| c.library.tool(id).is_some())
            .partition(|id| c.library.tool(id).is_some_and(|t| t.is_hands()));
        if !hands.is_empty() && !devices.is_empty() {
            let list = |ids: &[&Text]| {
                ids.iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let message = format!(
                "the {} entry mixes hands ({}) and devices ({}); split it into a hands entry and a device entry, so each text fits its tool",
                mt.technique,
                list(&hands),
                list(&devices)
            );
            c.report_value(
                "muscles",
                &m.id,
                &format!("{path}.tools"),
                "tools",
                Some(devices[0]),
                message,
            );
        } else if !hands.is_empty() {
            let word = mt.how.as_ref().and_then(|how| device_word_in(how, &words));
            if let Some(word) = word {
                let message = format!(
                    "the {} entry uses only the hands, but its `how` mentions \"{word}\", which a person told to use no tools would read; describe the hands alone, and put the device in an entry of its own",
                    mt.technique
                );
                c.report("muscles", &m.id, &format!("{path}.how"), "how", message);
            }
        }
    }
}

/// The view's size in map units: 100 across, 200 down.
const VIEW_WIDTH: f32 = 100.0;
const VIEW_HEIGHT: f32 = 200.0;

fn in_view(x: f32, y: f32) -> bool {
    (0.0..=VIEW_WIDTH).contains(&x) && (0.0..=VIEW_HEIGHT).contains(&y)
}

/// What is wrong with a shape given as an optional ellipse and a flat polygon, if anything.
fn shape_problem(ellipse: Option<&Ellipse>, polygon: &[f32]) -> Option<String> {
    match (ellipse, polygon.is_empty()) {
        (Some(_), false) => Some("gives both an ellipse and a polygon; give one".into()),
        (None, true) => Some("gives neither an ellipse nor a polygon".into()),
        (Some(e), true) => {
            if !(e.rx > 0.0 && e.ry > 0.0) {
                Some(format!(
                    "the ellipse's rx and ry must be above 0 (rx {}, ry {})",
                    e.rx, e.ry
                ))
            } else if !in_view(e.x - e.rx, e.y - e.ry) || !in_view(e.x + e.rx, e.y + e.ry) {
                Some(format!(
                    "the ellipse at ({}, {}) reaches outside the view (x 0-100, y 0-200)",
                    e.x, e.y
                ))
            } else {
                None
            }
        }
        (None, false) => {
            if polygon.len() % 2 != 0 || polygon.len() < 6 {
                Some(format!(
                    "a polygon is a flat list of x, y pairs, at least three corners; this one has {} numbers",
                    polygon.len()
                ))
            } else {
                polygon
                    .chunks(2)
                    .find(|c| !in_view(c[0], c[1]))
                    .map(|corner| {
                        format!(
                            "the corner ({}, {}) is outside the view (x 0-100, y 0-200)",
                            corner[0], corner[1]
                        )
                    })
            }
        }
    }
}

/// The body map: a figure for each view, a shape for every pain area and a position for every
/// trigger point, all inside the views.
fn body_map(c: &mut Checker<'_>) {
    let library = c.library;
    let mut views = BTreeSet::new();
    for f in &library.figures {
        c.id_shape("figures", &f.id);
        if !views.insert(f.view) {
            c.report(
                "figures",
                &f.id,
                ".view",
                "view",
                format!("a second figure for the {:?} view; keep one", f.view).to_lowercase(),
            );
        }
        if f.parts.is_empty() {
            c.report(
                "figures",
                &f.id,
                ".parts",
                "parts",
                "has no parts to draw".into(),
            );
        }
        for (n, part) in f.parts.iter().enumerate() {
            if let Some(message) = shape_problem(part.ellipse.as_ref(), &part.polygon) {
                c.report(
                    "figures",
                    &f.id,
                    &format!(".parts[{n}]"),
                    &part.name,
                    format!("part \"{}\" {message}", part.name),
                );
            }
        }
    }
    let needed = !library.pain_areas.is_empty() || !library.muscles.is_empty();
    for (view, name) in [(View::Front, "front"), (View::Back, "back")] {
        // A figure missing because the file that would give it cannot be read is that file's
        // problem, not one of its own.
        if needed && !views.contains(&view) && !c.failed.may_define_any("figures") {
            c.problems.push(Problem {
                file: "(library)".into(),
                line: None,
                column: None,
                item: "figures".into(),
                message: format!("no figure for the {name} view of the body map; add one under `figures:` (see data/body_map.yaml)"),
            });
        }
    }
    for p in &library.pain_areas {
        if p.shapes.is_empty() {
            c.report("pain_areas", &p.id, ".shapes", "id", "has no shape on the body map; add `shapes:` (coordinates as in data/body_map.yaml)".into());
        }
        for (n, shape) in p.shapes.iter().enumerate() {
            if let Some(message) = shape_problem(shape.ellipse.as_ref(), &shape.polygon) {
                c.report(
                    "pain_areas",
                    &p.id,
                    &format!(".shapes[{n}]"),
                    "shapes",
                    format!("shape {}: {message}", n + 1),
                );
            }
        }
    }
    for m in &library.muscles {
        for tp in &m.trigger_points {
            match tp.at {
                None => c.report_value("muscles", &m.id, &format!(".trigger_points[{}].at", tp.id), "id", Some(&tp.id),
                    format!("trigger point \"{}\" has no position on the body map; add `at: {{view: front, x: .., y: ..}}`", tp.id)),
                Some(MapPoint { x, y, .. }) if !in_view(x, y) => c.report_value("muscles", &m.id, &format!(".trigger_points[{}].at", tp.id), "id", Some(&tp.id),
                    format!("trigger point \"{}\" at ({x}, {y}) is outside the view (x 0-100, y 0-200)", tp.id)),
                Some(_) => {}
            }
        }
    }
}

/// A source's key, date and link: a key people can type, a real date, a web address.
fn check_source(c: &mut Checker<'_>, s: &crate::model::Source) {
    let key_ok = !s.id.is_empty()
        && s.id
            .chars()
            .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '-');
    if !key_ok {
        c.report(
            "sources",
            &s.id,
            "",
            "id",
            "source keys use upper-case letters, digits and hyphens only (e.g. NAMTPT-UT)".into(),
        );
    }
    if let Some(read) = &s.read {
        if !is_date(read) {
            c.report(
                "sources",
                &s.id,
                ".read",
                "read",
                format!("read is \"{read}\"; write the day it was read as YYYY-MM-DD"),
            );
        }
    }
    match &s.url {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => c.report(
            "sources",
            &s.id,
            ".url",
            "url",
            format!("url is \"{url}\"; give a web address starting with https:// or http://"),
        ),
        None if s.note.is_none() => c.report(
            "sources",
            &s.id,
            ".url",
            "url",
            "no url and no note: link the source, or say in `note` why it is not linked".into(),
        ),
        _ => {}
    }
}

/// Whether `text` is a date written `YYYY-MM-DD` (month 1-12, day 1-31).
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, len: usize| {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [year, month, day] => {
            number(year, 4).is_some()
                && number(month, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(day, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

fn names_of<'a>(name: &'a str, aliases: &'a [Text]) -> Vec<&'a str> {
    std::iter::once(name)
        .chain(aliases.iter().map(Text::as_str))
        .collect()
}

/// The fields a technique's kind reads, and those it must have in its default dose.
fn fields(kind: TechniqueKind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        TechniqueKind::Compression => (
            &[
                "hold_seconds",
                "repetitions",
                "rest_seconds",
                "pressure_target",
                "pressure_ceiling",
                "light",
            ],
            &[
                "hold_seconds",
                "repetitions",
                "rest_seconds",
                "pressure_target",
                "pressure_ceiling",
            ],
        ),
        TechniqueKind::Stroking => (
            &[
                "strokes",
                "stroke_seconds",
                "direction",
                "pressure_target",
                "pressure_ceiling",
                "repetitions",
                "rest_seconds",
                "light",
            ],
            &[
                "strokes",
                "stroke_seconds",
                "pressure_target",
                "pressure_ceiling",
            ],
        ),
        TechniqueKind::Stretch => (
            &["hold_seconds", "repetitions", "rest_seconds", "per_side"],
            &["hold_seconds", "repetitions"],
        ),
    }
}

fn set_fields(dose: &Dose) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut add = |set: bool, name| {
        if set {
            out.push(name)
        }
    };
    add(dose.hold_seconds.is_some(), "hold_seconds");
    add(dose.repetitions.is_some(), "repetitions");
    add(dose.rest_seconds.is_some(), "rest_seconds");
    add(dose.pressure_target.is_some(), "pressure_target");
    add(dose.pressure_ceiling.is_some(), "pressure_ceiling");
    add(dose.strokes.is_some(), "strokes");
    add(dose.stroke_seconds.is_some(), "stroke_seconds");
    add(dose.direction.is_some(), "direction");
    add(dose.per_side.is_some(), "per_side");
    add(dose.light.is_some(), "light");
    out
}

fn check_technique(c: &mut Checker<'_>, t: &Technique) {
    let (_, required) = fields(t.kind);
    let set = set_fields(&t.dose);
    for field in required {
        if !set.contains(field) {
            c.report(
                "techniques",
                &t.id,
                ".dose",
                "dose",
                format!(
                    "the default dose has no `{field}`; a {:?} technique needs it",
                    t.kind
                )
                .to_lowercase(),
            );
        }
    }
    match (t.kind, t.max_hold_seconds) {
        (TechniqueKind::Stroking, _) => {}
        (_, None) => c.report("techniques", &t.id, ".max_hold_seconds", "max_hold_seconds",
            format!("no `max_hold_seconds`: a holding technique needs a ceiling (at most {HOLD_LIMIT} s)")),
        (_, Some(max)) if max > HOLD_LIMIT => c.report("techniques", &t.id, ".max_hold_seconds", "max_hold_seconds",
            format!("max_hold_seconds is {max}; no hold may exceed {HOLD_LIMIT} s")),
        _ => {}
    }
    check_dose_values(c, "techniques", &t.id, ".dose", t, &t.dose);
}

fn check_dose(c: &mut Checker<'_>, muscle: &str, path: &str, technique: &Technique, dose: &Dose) {
    let (allowed, _) = fields(technique.kind);
    for field in set_fields(dose) {
        if !allowed.contains(&field) {
            c.report(
                "muscles",
                muscle,
                path,
                field,
                format!("`{field}` does not apply to {}; remove it", technique.name),
            );
        }
    }
    if dose.sources.is_empty() {
        c.report(
            "muscles",
            muscle,
            path,
            "dose",
            "a dose override names no sources; add the source keys of its numbers".into(),
        );
    }
    let merged = technique.dose.overlaid(dose);
    check_dose_values(c, "muscles", muscle, path, technique, &merged);
}

/// The most repetitions a dose may ask for.
const MAX_REPETITIONS: u32 = 10;
/// The longest rest between repetitions, in seconds.
const MAX_REST_SECONDS: u32 = 120;
/// The most strokes in one repetition.
const MAX_STROKES: u32 = 50;
/// The slowest stroke pace, in seconds per stroke.
const MAX_STROKE_SECONDS: u32 = 10;

fn check_dose_values(
    c: &mut Checker<'_>,
    kind: &'static str,
    id: &str,
    path: &str,
    technique: &Technique,
    dose: &Dose,
) {
    if let (Some(hold), Some(max)) = (dose.hold_seconds, technique.max_hold_seconds) {
        if hold > max {
            c.report(
                kind,
                id,
                path,
                "hold_seconds",
                format!(
                    "hold_seconds is {hold}, above {}'s ceiling of {max} s; lower it",
                    technique.name
                ),
            );
        }
    }
    if dose.hold_seconds == Some(0)
        || dose.repetitions == Some(0)
        || dose.strokes == Some(0)
        || dose.stroke_seconds == Some(0)
    {
        c.report(
            kind,
            id,
            path,
            "dose",
            "a dose of zero does nothing; give a positive number".into(),
        );
    }
    // Far above anything the reference suggests (1-4 repetitions, rests under a minute, 10-20
    // strokes a few seconds each): a number beyond these is a typo, and would make a session run
    // for hours.
    for (field, value, max) in [
        ("repetitions", dose.repetitions, MAX_REPETITIONS),
        ("rest_seconds", dose.rest_seconds, MAX_REST_SECONDS),
        ("strokes", dose.strokes, MAX_STROKES),
        ("stroke_seconds", dose.stroke_seconds, MAX_STROKE_SECONDS),
    ] {
        if let Some(value) = value.filter(|&v| v > max) {
            c.report(
                kind,
                id,
                path,
                field,
                format!("{field} is {value}, above the most tpcoach allows ({max}); lower it"),
            );
        }
    }
    if let Some(ceiling) = dose.pressure_ceiling {
        if ceiling > PRESSURE_LIMIT {
            c.report(kind, id, path, "pressure_ceiling",
                format!("pressure_ceiling is {ceiling}/10; self-treatment never goes above {PRESSURE_LIMIT}/10"));
        }
    }
    if let (Some(target), Some(ceiling)) = (dose.pressure_target, dose.pressure_ceiling) {
        if target > ceiling {
            c.report(
                kind,
                id,
                path,
                "pressure_target",
                format!("pressure_target {target}/10 is above the ceiling {ceiling}/10"),
            );
        }
    }
}

/// Words that say the pressure is light, in a technique's text.
const LIGHT_WORDS: &[&str] = &[
    "light pressure",
    "lightly",
    "gentle pressure",
    "press gently",
];

/// "Light" means one thing: a dose marked `light` asks for no more than [`LIGHT_PRESSURE`], a
/// text that says light or gentle pressure has a light dose, and no dose goes above its
/// region's ceiling.
fn check_light(
    c: &mut Checker<'_>,
    m: &Muscle,
    path: &str,
    technique: &Technique,
    mt: &MuscleTechnique,
) {
    let dose = match &mt.dose {
        Some(own) => technique.dose.overlaid(own),
        None => technique.dose.clone(),
    };
    let light = dose.light == Some(true);
    let own = mt.dose.as_ref();
    if light {
        for (field, value) in [
            ("pressure_target", own.and_then(|d| d.pressure_target)),
            ("pressure_ceiling", own.and_then(|d| d.pressure_ceiling)),
        ] {
            if let Some(v) = value.filter(|&v| v > LIGHT_PRESSURE) {
                c.report("muscles", &m.id, &format!("{path}.dose"), field, format!(
                    "{field} is {v}/10 on a light dose; light pressure is {LIGHT_PRESSURE}/10 at most: remove the number, `light: true` sets it"));
            }
        }
    }
    let text = mt.how.as_deref().unwrap_or_default().to_lowercase();
    if technique.kind.is_pressure() && !light {
        if let Some(word) = LIGHT_WORDS.iter().find(|w| has_phrase(&text, w)) {
            c.report("muscles", &m.id, &format!("{path}.how"), "how", format!(
                "the text says \"{word}\" but the dose is not light (about {}/10): add `light: true` to the dose, or reword",
                dose.pressure_target.unwrap_or_default()));
        }
    }
    let region_cap = c.library.region(&m.region).and_then(|r| r.pressure_ceiling);
    if let (Some(cap), Some(ceiling)) = (region_cap, dose.pressure_ceiling) {
        let effective = if light {
            ceiling.min(LIGHT_PRESSURE)
        } else {
            ceiling
        };
        if effective > cap {
            c.report("muscles", &m.id, &format!("{path}.dose"), "pressure_ceiling", format!(
                "the pressure ceiling is {effective}/10, above the {} region's {cap}/10; lower it or add `light: true`",
                m.region));
        }
    }
}

/// The share of a caution's words that, when found in one of the muscle's danger zones' text,
/// makes it a restatement of that zone.
const RESTATES_SHARE: f32 = 0.7;

/// Words of four letters or more that say nothing on their own.
const STOP_WORDS: &[&str] = &[
    "also", "each", "every", "from", "here", "into", "just", "like", "more", "only", "than",
    "that", "them", "then", "there", "they", "this", "what", "when", "which", "will", "with",
    "your",
];

/// The words of a text that carry meaning: lower case, four letters or more, no stop words.
fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// A caution's or a danger zone's `with:` names kinds of work ([`crate::model::WORK_WORDS`]) or
/// tools the muscle lists, and at most one caution of a muscle leads.
fn check_caution_scopes(c: &mut Checker<'_>, m: &Muscle) {
    let tools: Vec<&str> = m
        .techniques
        .iter()
        .flat_map(|t| t.tools.iter().map(Text::as_str))
        .collect();
    let known =
        |w: &Text| crate::model::WORK_WORDS.contains(&w.as_str()) || tools.contains(&w.as_str());
    let scopes = m
        .cautions
        .iter()
        .enumerate()
        .map(|(n, x)| (format!(".cautions[{n}].with"), &x.with))
        .chain(
            m.danger_zones
                .iter()
                .enumerate()
                .map(|(n, z)| (format!(".danger_zones[{n}].with"), &z.with)),
        );
    for (path, with) in scopes {
        for w in with.iter().filter(|w| !known(w)) {
            c.report(
                "muscles",
                &m.id,
                &path,
                "with",
                format!(
                    "unknown \"{w}\": use pressure, compression, stroking, stretch or a tool this muscle lists ({})",
                    tools.join(", ")
                ),
            );
        }
    }
    if m.cautions.iter().filter(|x| x.lead).count() > 1 {
        c.report(
            "muscles",
            &m.id,
            ".cautions",
            "lead",
            "more than one caution leads; mark only the one that matters most".into(),
        );
    }
}

/// Each warning exists once: a muscle caution that only restates one of its danger zones
/// (which every step shows already) is refused.
fn check_repeated_cautions(c: &mut Checker<'_>, m: &Muscle) {
    for (n, caution) in m.cautions.iter().enumerate() {
        let words = content_words(caution);
        if words.len() < 3 {
            continue;
        }
        for zone in m
            .danger_zones
            .iter()
            .filter_map(|z| c.library.danger_zone(z))
        {
            let zone_words = content_words(&format!(
                "{} {} {}",
                zone.location, zone.contents, zone.caution
            ));
            let shared = words.iter().filter(|w| zone_words.contains(*w)).count();
            if shared as f32 >= RESTATES_SHARE * words.len() as f32 {
                c.report("muscles", &m.id, &format!(".cautions[{n}]"), "cautions", format!(
                    "this caution restates the danger zone \"{}\", which every step shows already: remove it, or say what is particular to this muscle",
                    zone.id));
                break;
            }
        }
    }
}

/// No session asks a topic twice: for every region, its own questions and the general ones
/// together name each topic once (a general question that means more for a region has a
/// variant instead of a second question).
fn check_topics_once(c: &mut Checker<'_>) {
    let library = c.library;
    for r in &library.regions {
        let mut seen: std::collections::BTreeMap<&str, &str> = Default::default();
        let asked = library
            .screening_questions
            .iter()
            .filter(|q| q.regions.is_empty() || q.regions.contains(&r.id));
        for q in asked {
            for topic in &q.topics {
                if let Some(first) = seen.insert(topic, &q.id) {
                    c.report("screening_questions", &q.id, ".topics", "topics", format!(
                        "a {} session would ask about \"{topic}\" twice (here and in \"{first}\"); ask it once, with a variant for the region if it means more there",
                        r.id));
                }
            }
        }
    }
}

/// Whether `text` holds `phrase` as whole words ("lightly", not "slightly").
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::super::{Library, SourceFile, EMBEDDED};
    use crate::error::{Error, Problem, Problems};

    /// The built-in library with one extra muscle whose technique entries are `techniques`
    /// (YAML list items, indented for the `techniques:` key); the problems found, if any.
    fn problems_with(techniques: &str) -> Vec<Problem> {
        let muscle = format!(
            "muscles:\n  - id: test_muscle\n    name: Test muscle\n    region: lower_back\n    priority: 3\n    \
             find: Beside the spine.\n    trigger_points:\n      - {{id: t_1, location: Beside the spine., at: {{view: back, x: 46, y: 80}}}}\n    \
             refers_to:\n      primary: [low_back]\n    techniques:\n{techniques}    sources: [MSN]\n"
        );
        overlay_problems(&muscle)
    }

    #[test]
    fn an_entry_mixing_hands_and_devices_is_refused() {
        let problems = problems_with(
            "      - technique: static_compression\n        tools: [fingers, ball_floor]\n        \
             how: Press with your fingertips and hold.\n",
        );
        let problem = problems
            .iter()
            .find(|p| p.item == "muscles[test_muscle].techniques[0].tools")
            .unwrap_or_else(|| panic!("mixed entry not refused: {problems:?}"));
        assert!(
            problem
                .message
                .contains("mixes hands (fingers) and devices (ball_floor)")
                && problem
                    .message
                    .contains("split it into a hands entry and a device entry"),
            "{problem:?}"
        );
        assert_eq!(problem.file, "mine.yaml");
    }

    #[test]
    fn a_hands_entry_that_mentions_a_device_is_refused() {
        let problems = problems_with(
            "      - technique: static_compression\n        tools: [ball_floor]\n        \
             how: Lie on a ball.\n      - technique: static_compression\n        tools: [thumb]\n        \
             how: Press with your thumb, or lie on the BALLS as above.\n",
        );
        let problem = problems
            .iter()
            .find(|p| p.item == "muscles[test_muscle].techniques[1].how")
            .unwrap_or_else(|| panic!("device text in a hands entry not refused: {problems:?}"));
        assert!(problem.message.contains("mentions \"ball\""), "{problem:?}");
        assert_eq!(
            problems.len(),
            1,
            "the device entry may name its ball: {problems:?}"
        );
    }

    #[test]
    fn hands_and_device_entries_apart_with_their_own_words_pass() {
        // "hook", "floor" and "wall" are in device names but also describe hands work.
        let problems = problems_with(
            "      - technique: static_compression\n        tools: [thumb]\n        \
             how: Lie on the floor near a wall, hook your fingers under the edge, and hold.\n      \
             - technique: static_compression\n        tools: [ball_wall, hook_cane]\n        \
             how: Lean on a ball against a wall, or use the cane.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_preference_must_be_one_of_its_techniques_with_recorded_sources() {
        let problems = problems_with(
            "      - technique: static_compression\n        tools: [thumb]\n        \
             how: Press with your thumb and hold.\n    \
             prefers: {technique: deep_stroking, sources: [NOT-A-KEY]}\n",
        );
        let fields: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.item.as_str(), p.message.as_str()))
            .collect();
        assert!(
            fields
                .iter()
                .any(|(path, m)| path.contains("prefers.technique") && m.contains("deep_stroking")),
            "{problems:?}"
        );
        assert!(
            fields
                .iter()
                .any(|(path, m)| path.contains("prefers.sources") && m.contains("NOT-A-KEY")),
            "{problems:?}"
        );
        let fine = problems_with(
            "      - technique: deep_stroking\n        tools: [thumb]\n        \
             how: Short, slow thumb strokes beside the spine.\n    \
             prefers: {technique: deep_stroking, sources: [BB-DAVIES]}\n",
        );
        assert!(fine.is_empty(), "{fine:?}");
    }

    #[test]
    fn device_words_come_from_the_library_tools() {
        let library = Library::builtin().expect("the built-in library is compiled");
        let words: Vec<String> = super::device_words(&library).into_iter().collect();
        assert_eq!(words, ["ball", "cane", "foam", "roller", "rolling"]);
    }

    /// The problems of the built-in library with `yaml` layered on top (as `mine.yaml`).
    fn overlay_problems(yaml: &str) -> Vec<Problem> {
        let base = EMBEDDED
            .iter()
            .map(|(name, text)| SourceFile {
                name: format!("data/{name}"),
                text: Cow::Borrowed(*text),
            })
            .collect();
        let overlay = vec![SourceFile {
            name: "mine.yaml".into(),
            text: Cow::Owned(yaml.to_string()),
        }];
        match Library::from_sources(base, overlay) {
            Ok(_) => Vec::new(),
            Err(Error::Invalid(Problems { problems, .. })) => problems,
            Err(e) => panic!("{e}"),
        }
    }

    /// A muscle of `region` with one technique entry, its `dose`, `how` and `cautions`.
    fn muscle(region: &str, dose: &str, how: &str, cautions: &str, zones: &str) -> String {
        format!(
            "muscles:\n  - id: test_muscle\n    name: Test muscle\n    region: {region}\n    priority: 3\n    \
             find: Somewhere.\n    trigger_points:\n      - {{id: t_1, location: Here., at: {{view: back, x: 46, y: 80}}}}\n    \
             refers_to:\n      primary: [low_back]\n    techniques:\n      - technique: static_compression\n        \
             tools: [fingers]\n        how: {how}\n{dose}    cautions: {cautions}\n    danger_zones: {zones}\n    sources: [MSN]\n"
        )
    }

    fn messages(problems: &[Problem]) -> String {
        problems
            .iter()
            .map(|p| format!("{}: {}", p.item, p.message))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_light_dose_above_light_pressure_is_refused() {
        let dose = "        dose: {light: true, pressure_ceiling: 5, sources: [MSN]}\n";
        let text = messages(&overlay_problems(&muscle(
            "lower_back",
            dose,
            "Press.",
            "[]",
            "[]",
        )));
        assert!(
            text.contains("pressure_ceiling is 5/10 on a light dose"),
            "{text}"
        );
        let dose = "        dose: {light: true, sources: [MSN]}\n";
        assert!(overlay_problems(&muscle("lower_back", dose, "Press.", "[]", "[]")).is_empty());
    }

    #[test]
    fn a_text_that_says_light_pressure_needs_a_light_dose() {
        let how = "Press lightly and hold.";
        let text = messages(&overlay_problems(&muscle(
            "lower_back",
            "",
            how,
            "[]",
            "[]",
        )));
        assert!(
            text.contains("the text says \"lightly\" but the dose is not light"),
            "{text}"
        );
        let slightly = "Turn slightly onto the side and press.";
        assert!(overlay_problems(&muscle("lower_back", "", slightly, "[]", "[]")).is_empty());
    }

    #[test]
    fn a_dose_above_its_regions_cap_is_refused() {
        let text = messages(&overlay_problems(&muscle(
            "abdomen", "", "Press.", "[]", "[]",
        )));
        assert!(text.contains("above the abdomen region's 3/10"), "{text}");
    }

    #[test]
    fn a_caution_or_zone_scoped_to_unknown_work_or_two_leads_are_refused() {
        let scoped = "[{text: Stop if it aches., with: [pressure], lead: true}, {text: Breathe., with: [stretch]}]";
        let zones = "[{zone: kidney_area, with: [fingers]}]";
        assert!(overlay_problems(&muscle("lower_back", "", "Press.", scoped, zones)).is_empty());
        let unknown = "[{text: Stop if it aches., with: [ball_wall]}]";
        let text = messages(&overlay_problems(&muscle(
            "lower_back",
            "",
            "Press.",
            unknown,
            "[]",
        )));
        assert!(text.contains("unknown \"ball_wall\""), "{text}");
        let two = "[{text: Stop if it aches., lead: true}, {text: Breathe slowly., lead: true}]";
        let text = messages(&overlay_problems(&muscle(
            "lower_back",
            "",
            "Press.",
            two,
            "[]",
        )));
        assert!(text.contains("more than one caution leads"), "{text}");
        let typo = "[{text: Stop if it aches., whith: [pressure]}]";
        assert!(!overlay_problems(&muscle("lower_back", "", "Press.", typo, "[]")).is_empty());
    }

    #[test]
    fn a_caution_that_restates_its_danger_zone_is_refused() {
        let restated = "[\"Hard pressure straight down here can injure a kidney; don't push up under the lowest ribs.\"]";
        let text = messages(&overlay_problems(&muscle(
            "lower_back",
            "",
            "Press.",
            restated,
            "[kidney_area]",
        )));
        assert!(
            text.contains("restates the danger zone \"kidney_area\""),
            "{text}"
        );
        let own = "[\"Stop if the ache spreads into the groin.\"]";
        assert!(
            overlay_problems(&muscle("lower_back", "", "Press.", own, "[kidney_area]")).is_empty()
        );
    }

    #[test]
    fn a_topic_asked_twice_in_a_region_is_refused() {
        let yaml = "screening_questions:\n  - {id: neck_fever_again, question: Any fever?, topics: [fever], regions: [neck], \
                    if_yes: stop, action: Rest., sources: [MSN]}\n";
        let text = messages(&overlay_problems(yaml));
        assert!(
            text.contains("a neck session would ask about \"fever\" twice"),
            "{text}"
        );
    }

    #[test]
    fn every_warning_sign_is_shown_somewhere() {
        let library = Library::builtin().expect("the built-in library is compiled");
        let mut shown = std::collections::BTreeSet::new();
        for r in &library.regions {
            shown.extend(crate::routine::warning_signs(
                &library,
                &[crate::referral::Target::Region(&r.id)],
            ));
        }
        for a in &library.pain_areas {
            shown.extend(
                library
                    .red_flags_for(&a.id)
                    .iter()
                    .map(|f| f.id.to_string()),
            );
        }
        for f in &library.red_flags {
            assert!(shown.contains(f.id.as_str()), "no command shows {}", f.id);
        }
    }
}
