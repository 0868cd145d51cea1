//! `tpcoach guide`: short pages, in tpcoach's own words, for what a newcomer asks first (what
//! trigger points are, how hard to press, how long and how often, what it may help, when not to
//! self-treat, tools, self-treatment or a professional).
//!
//! Each page's text lives in `src/guide/*.md`, embedded in the binary. The pages are fixed
//! prose rather than library data: they are not something a user's library should replace, and
//! the numbers they name are not retyped but filled in from the library and the code
//! (`{pressure_limit}` is [`model::PRESSURE_LIMIT`], `{hold}` the compression technique's
//! default hold, ...), so they cannot drift. Every fact comes from the content reference and its
//! addendum; each page lists the source keys it rests on.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::lookup::{self, normalize, Named};
use crate::model::{self, Technique, TechniqueKind, Text};

/// What the evidence says, in one place: shown by `tpcoach guide evidence`, `tpcoach
/// techniques` and the long `--help` (content reference section 5, as the addendum corrects it).
pub const EVIDENCE_NOTE: &str = "The evidence is mixed. Pressing on tender spots often makes \
them less tender for a while, but pooled trials found no clear effect on the pain people \
report, and what these spots are, and the best dose, are still debated. tpcoach's doses are \
typical practice from its sources, not a proven best.";

/// The source keys behind [`EVIDENCE_NOTE`].
pub const EVIDENCE_SOURCES: &[&str] = &[
    "IC-META",
    "IC-META-PM",
    "GEMMELL",
    "PS-GEMMELL",
    "SHAH",
    "LUCAS",
    "RATHBONE",
    "QUINTNER",
    "DOMMERHOLT-REB",
    "PS-QBC",
];

/// One page of the guide.
#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    /// Unique id, what `tpcoach guide ID` takes, e.g. `pressure`.
    pub id: &'static str,
    /// The question the page answers, as its title.
    pub title: &'static str,
    /// Other names people type ("how hard", "safety").
    pub aliases: &'static [Text],
    /// What the page covers, in one line.
    pub summary: &'static str,
    /// Source keys for the page's facts.
    pub sources: &'static [&'static str],
    /// The page as written, with `{placeholders}` for numbers the library holds.
    #[serde(skip)]
    text: &'static str,
}

impl Named for Topic {
    fn id(&self) -> &str {
        self.id
    }
    fn name(&self) -> &str {
        self.title
    }
    fn aliases(&self) -> &[Text] {
        self.aliases
    }
}

macro_rules! aliases {
    ($($alias:literal),* $(,)?) => { &[$(Text::borrowed($alias)),*] };
}

/// Every page, in reading order.
pub static TOPICS: &[Topic] = &[
    Topic {
        id: "trigger-points",
        title: "What trigger points and referred pain are",
        aliases: aliases![
            "trigger points",
            "trigger point",
            "referred pain",
            "what is this",
            "basics",
            "knots"
        ],
        summary: "Tender spots in muscle, pain felt elsewhere, and what is still debated.",
        sources: &[
            "FDLP-CTTH",
            "LE-FDLP",
            "PMC4508225",
            "DELPHI",
            "SHAH",
            "PS-SHAH",
            "LUCAS",
            "RATHBONE",
            "EJAY-NCT",
            "WIKI-MTRP",
        ],
        text: include_str!("guide/trigger-points.md"),
    },
    Topic {
        id: "pressure",
        title: "How hard to press",
        aliases: aliases![
            "pressure",
            "how hard",
            "pressure scale",
            "pain scale",
            "hurts good",
            "stop signs",
            "when to stop",
            "intensity"
        ],
        summary: "The 0-10 scale, \"hurts good\" versus the stop signs, and the ceiling.",
        sources: &[
            "BB-DAVIES",
            "MAMA",
            "RHW",
            "WELLS",
            "PS-SM",
            "EATSIP",
            "PETACHENKO",
            "MSN",
            "BODYWORKER",
            "CAMBRON",
            "SIDEFX",
        ],
        text: include_str!("guide/pressure.md"),
    },
    Topic {
        id: "dose",
        title: "How long and how often",
        aliases: aliases![
            "dose",
            "how long",
            "how often",
            "hold time",
            "holds",
            "frequency",
            "sessions",
            "doses",
            "when will it help"
        ],
        summary: "Holds and strokes, short sessions a day, and two weeks before judging.",
        sources: &[
            "GEMMELL",
            "MYOTHER",
            "BB-DAVIES",
            "BIB",
            "LAP-QL",
            "ACSM",
            "BANDY-PM",
            "ERNST-2003",
            "WHYS",
            "FR-PARAM",
        ],
        text: include_str!("guide/dose.md"),
    },
    Topic {
        id: "evidence",
        title: "What it may help, and what it won't",
        aliases: aliases![
            "evidence",
            "will it help",
            "does it work",
            "what it helps",
            "what it may help",
            "conditions",
            "research",
            "evidence note"
        ],
        summary: "The complaints the sources name, what self-massage cannot do, and the evidence.",
        sources: &[
            "IC-META",
            "SHAH",
            "QUINTNER",
            "PS-QBC",
            "AHCPR",
            "RRS-FM",
            "NJ-GMIN",
            "EHEALTH-TE",
            "CONTRA-NCCIH",
            "SIDEFX",
        ],
        text: include_str!("guide/evidence.md"),
    },
    Topic {
        id: "safety",
        title: "When not to self-treat, and when to see someone",
        aliases: aliases![
            "safety",
            "is it safe",
            "red flags",
            "warning signs",
            "when to see a doctor",
            "screening",
            "safety questions",
            "emergency"
        ],
        summary: "Warning signs by urgency, the safety questions, who should ask first.",
        sources: &[
            "HEADACHE-RF",
            "VAD-ACEMAP",
            "DVT-CLINCALC",
            "AHCPR",
            "VERYWELL",
            "PAINWHISPERER-PEC",
            "CONTRA-NCCIH",
            "CONTRA-DRORACLE",
            "CONTRA-SPENCER",
        ],
        text: include_str!("guide/safety.md"),
    },
    Topic {
        id: "tools",
        title: "Tools",
        aliases: aliases![
            "tools",
            "tool",
            "equipment",
            "ball",
            "cane",
            "roller",
            "foam roller",
            "what do i need"
        ],
        summary: "Hands, a ball, a hook cane, a roller: which for what, and where none goes.",
        sources: &[
            "PS-SM",
            "LAINEDITA",
            "TPSH-INFRA",
            "FR-PARAM",
            "BB-DAVIES",
            "MSN",
            "DUMMIES",
        ],
        text: include_str!("guide/tools.md"),
    },
    Topic {
        id: "professional",
        title: "Self-treatment or a professional",
        aliases: aliases![
            "professional",
            "self-treatment",
            "self treatment",
            "therapist",
            "physio",
            "doctor",
            "see someone",
            "see a professional"
        ],
        summary: "What a professional adds, what tpcoach leaves to one, and when to go.",
        sources: &[
            "AFP-2023",
            "ERNST-2003",
            "PS-SCAL",
            "SOMATICS-AN",
            "TURP-2001",
            "ABD-CONTRA",
            "RRS-FM",
            "WHYS",
            "BIB",
        ],
        text: include_str!("guide/professional.md"),
    },
];

/// Words that say nothing about which page is meant ("how", "the"), skipped when a query is
/// matched word by word.
const FILLER: &[&str] = &[
    "a", "about", "and", "are", "do", "does", "how", "i", "is", "it", "of", "or", "the", "to",
    "what", "when", "will",
];

/// The page called `query`: by id, title or alias, else the one page whose title and aliases
/// hold every word of it ("hard", "referred"); otherwise an error with "did you mean"
/// suggestions.
pub fn find(query: &str) -> Result<&'static Topic> {
    if let Some(topic) = lookup::find(TOPICS, query) {
        return Ok(topic);
    }
    let q = normalize(query);
    let words: Vec<&str> = q.split(' ').filter(|w| !FILLER.contains(w)).collect();
    let matching: Vec<&'static Topic> = if words.is_empty() {
        Vec::new()
    } else {
        TOPICS
            .iter()
            .filter(|topic| {
                let names: Vec<String> = std::iter::once(topic.id)
                    .chain(std::iter::once(topic.title))
                    .chain(topic.aliases.iter().map(Text::as_str))
                    .map(normalize)
                    .collect();
                words
                    .iter()
                    .all(|w| names.iter().any(|n| n.split(' ').any(|nw| nw == *w)))
            })
            .collect()
    };
    match matching.as_slice() {
        [one] => Ok(one),
        _ => Err(Error::NotFound {
            kind: "guide topic",
            query: query.to_string(),
            // Suggested by id, the shortest name to type.
            suggestions: if matching.is_empty() {
                let all: Vec<&Topic> = TOPICS.iter().collect();
                lookup::suggestions(&all, query, 3)
                    .iter()
                    .filter_map(|title| TOPICS.iter().find(|t| t.title.to_lowercase() == *title))
                    .map(|t| t.id.to_string())
                    .collect()
            } else {
                matching.iter().map(|t| t.id.to_string()).collect()
            },
        }),
    }
}

impl Topic {
    /// The page's text with the library's numbers filled in: one line per paragraph or list
    /// item, a blank line between blocks, ready to be wrapped to the terminal.
    pub fn text(&self, library: &Library) -> Result<String> {
        let flowed = reflow(self.text);
        let mut out = String::with_capacity(flowed.len());
        let mut rest = flowed.as_str();
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = rest[start..]
                .find('}')
                .map(|e| start + e)
                .ok_or_else(|| self.broken("an unclosed `{`"))?;
            out.push_str(&self.value(library, &rest[start + 1..end])?);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn broken(&self, what: &str) -> Error {
        Error::BadInput(format!("the guide page \"{}\" has {what}", self.id))
    }

    /// The value of one placeholder.
    fn value(&self, library: &Library, name: &str) -> Result<String> {
        let technique = |kind: TechniqueKind| -> Result<&Technique> {
            library
                .techniques
                .iter()
                .find(|t| t.kind == kind)
                .ok_or_else(|| {
                    Error::BadInput(format!(
                        "the guide page \"{}\" names a {kind:?} dose, and the library has no \
                         such technique",
                        self.id
                    ))
                })
        };
        let number = |n: Option<u32>, what: &str| -> Result<String> {
            n.map(|n| n.to_string()).ok_or_else(|| {
                Error::BadInput(format!(
                    "the guide page \"{}\" names the {what}, which the library does not set",
                    self.id
                ))
            })
        };
        let compression = || technique(TechniqueKind::Compression).map(|t| &t.dose);
        let stroking = || technique(TechniqueKind::Stroking).map(|t| &t.dose);
        let stretch = || technique(TechniqueKind::Stretch).map(|t| &t.dose);
        match name {
            "pressure_limit" => Ok(model::PRESSURE_LIMIT.to_string()),
            "pressure_target" => number(
                compression()?.pressure_target.map(u32::from),
                "compression pressure target",
            ),
            "hold" => number(compression()?.hold_seconds, "compression hold"),
            "repetitions" => Ok(crate::dose::repetitions(compression()?).to_string()),
            "rest" => number(compression()?.rest_seconds, "compression rest"),
            "max_hold" => number(
                technique(TechniqueKind::Compression)?.max_hold_seconds,
                "longest compression hold",
            ),
            "strokes" => number(stroking()?.strokes, "strokes per spot"),
            "stroke_seconds" => Ok(crate::dose::stroke_seconds(stroking()?).to_string()),
            "stretch_hold" => number(stretch()?.hold_seconds, "stretch hold"),
            "stretch_repetitions" => Ok(crate::dose::repetitions(stretch()?).to_string()),
            "max_minutes" => Ok(crate::routine::MAX_MINUTES.to_string()),
            "equipment" => Ok(equipment(library).join(",")),
            "evidence_note" => Ok(EVIDENCE_NOTE.to_string()),
            "safety_questions" => Ok(safety_questions(library)),
            _ => Err(self.broken(&format!("an unknown placeholder `{{{name}}}`"))),
        }
    }
}

/// Page text as written (paragraphs and list items hard-wrapped, blocks apart) as one line per
/// paragraph or list item.
fn reflow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !blank {
                out.push_str("\n\n");
            }
            blank = true;
        } else {
            if !blank {
                out.push(if line.starts_with("- ") { '\n' } else { ' ' });
            }
            out.push_str(line);
            blank = false;
        }
    }
    out.trim_end().to_string()
}

/// What people type in `--tools`, from the library's tools, in library order.
pub fn equipment(library: &Library) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for tool in &library.tools {
        if !seen.contains(&tool.equipment.as_str()) {
            seen.push(&tool.equipment);
        }
    }
    seen
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What `tpcoach session` asks before a first session, from the library's general screening
/// questions: "Before your first session, `tpcoach session` asks about fever, ..., and every
/// time about new or unchecked pain and the warning signs of the region you work on."
pub fn safety_questions(library: &Library) -> String {
    let general = library
        .screening_questions
        .iter()
        .filter(|q| q.regions.is_empty());
    let topics = |every_time: bool| -> Vec<&str> {
        general
            .clone()
            .filter(|q| q.every_time == every_time)
            .filter_map(|q| q.topic.as_deref())
            .collect()
    };
    let (remembered, every_time) = (topics(false), topics(true));
    let days = crate::session::screening::MEMORY_DAYS;
    let mut text = String::from("Before your first session, `tpcoach session` asks about ");
    if remembered.is_empty() {
        text.push_str("your safety");
    } else {
        text.push_str(&and_list(&remembered));
        text.push_str(&format!(" (each answer remembered for {days} days)"));
    }
    text.push_str(", and every time about ");
    let mut each: Vec<&str> = every_time;
    each.push("the region you work on");
    text.push_str(&and_list(&each));
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Base, LoadOptions};

    fn library() -> Library {
        Library::load(&LoadOptions {
            base: Base::Embedded,
            overlay: None,
        })
        .expect("the built-in library loads")
    }

    #[test]
    fn every_page_fills_in_every_placeholder() {
        let library = library();
        for topic in TOPICS {
            let text = topic.text(&library).expect("the page renders");
            assert!(!text.contains(['{', '}']), "{}: {text}", topic.id);
            assert!(!text.contains("  "), "{}: a double space", topic.id);
        }
    }

    #[test]
    fn numbers_come_from_the_library_not_the_page() {
        let mut library = library();
        let dose = &mut library
            .techniques
            .iter_mut()
            .find(|t| t.kind == TechniqueKind::Compression)
            .expect("a compression technique")
            .dose;
        dose.hold_seconds = Some(41);
        dose.pressure_target = Some(3);
        let text = find("dose").unwrap().text(&library).unwrap();
        assert!(text.contains("about 41 s"), "{text}");
        let text = find("pressure").unwrap().text(&library).unwrap();
        assert!(text.contains("about 3/10"), "{text}");
        assert!(text.contains(&format!("above {}/10", model::PRESSURE_LIMIT)));
    }

    #[test]
    fn ids_titles_and_aliases_are_unique_across_pages() {
        let mut seen = std::collections::BTreeMap::new();
        for topic in TOPICS {
            for name in std::iter::once(topic.id)
                .chain(std::iter::once(topic.title))
                .chain(topic.aliases.iter().map(Text::as_str))
            {
                let owner = seen.entry(normalize(name)).or_insert(topic.id);
                assert_eq!(*owner, topic.id, "\"{name}\" names two pages");
            }
        }
    }

    #[test]
    fn topics_are_found_by_id_title_words_and_alias() {
        assert_eq!(find("pressure").unwrap().id, "pressure");
        assert_eq!(find("How hard").unwrap().id, "pressure");
        assert_eq!(find("safety").unwrap().id, "safety");
        assert_eq!(find("is it safe?").unwrap().id, "safety");
        assert_eq!(find("referred").unwrap().id, "trigger-points");
        assert_eq!(find("how often").unwrap().id, "dose");
        assert_eq!(find("trigger_points").unwrap().id, "trigger-points");
    }

    #[test]
    fn a_wrong_topic_gets_suggestions() {
        match find("presure") {
            Err(Error::NotFound { suggestions, .. }) => {
                assert_eq!(suggestions.first().map(String::as_str), Some("pressure"))
            }
            other => panic!("{other:?}"),
        }
        // Words found in more than one page name them all.
        match find("see") {
            Err(Error::NotFound { suggestions, .. }) => {
                assert_eq!(suggestions, ["safety", "professional"])
            }
            other => panic!("{other:?}"),
        }
        assert!(find("how").is_err());
    }

    #[test]
    fn reflow_joins_lines_and_keeps_list_items_and_blocks() {
        assert_eq!(
            reflow("One\ntwo.\n\nList:\n- a\n  b\n- c\n"),
            "One two.\n\nList:\n- a b\n- c"
        );
    }

    #[test]
    fn the_safety_questions_are_named_from_the_library() {
        let library = library();
        let text = safety_questions(&library);
        for q in library
            .screening_questions
            .iter()
            .filter(|q| q.regions.is_empty())
        {
            assert!(text.contains(q.topic.as_deref().unwrap()), "{text}");
        }
        assert!(
            text.starts_with("Before your first session, `tpcoach session` asks about blood clots")
        );
    }
}
