//! The library's checks after parsing: ids, cross-references and the safety rules.

use std::collections::BTreeSet;

use super::{failed::Failed, locate, Library, Origins, SourceFile};
use crate::error::Problem;
use crate::lookup::normalize;
use crate::model::{Dose, Technique, TechniqueKind, Text, PRESSURE_LIMIT};

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

    for t in &library.techniques {
        c.id_shape("techniques", &t.id);
        c.sources("techniques", &t.id, &t.sources);
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
            &m.danger_zones,
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
            }
        }
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
                    }
                }
            }
        }
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
