//! Finding entries by what people type: ids, names and aliases, matched case-insensitively, and
//! "did you mean" suggestions when nothing matches.

use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::{Muscle, PainArea, Region, Source, Symptom, Technique, Text, Tool};

/// The form names are compared in: lower case, apostrophes dropped, every other run of
/// non-alphanumeric characters a single space ("Golfer's_Elbow" → "golfers elbow").
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return normalize_ascii(text.as_bytes());
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().filter(|c| !matches!(c, '\'' | '’')) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            space = true;
        }
    }
    out
}

/// [`normalize`] for ASCII text (nearly every name), a byte at a time.
fn normalize_ascii(text: &[u8]) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut space = false;
    for &b in text {
        if b.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(b' ');
            }
            space = false;
            out.push(b.to_ascii_lowercase());
        } else if b != b'\'' {
            space = true;
        }
    }
    // Only ASCII letters, digits and spaces were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// Anything with an id, a display name and aliases.
pub trait Named {
    /// The id.
    fn id(&self) -> &str;
    /// The display name.
    fn name(&self) -> &str;
    /// Other names.
    fn aliases(&self) -> &[Text];
    /// Whether `normalized` (see [`normalize`]) is this entry's id, name or an alias.
    fn is_called(&self, normalized: &str) -> bool {
        normalize(self.id()) == normalized
            || normalize(self.name()) == normalized
            || self.aliases().iter().any(|a| normalize(a) == normalized)
    }
}

macro_rules! named {
    ($($ty:ty),*) => {$(
        impl Named for $ty {
            fn id(&self) -> &str { &self.id }
            fn name(&self) -> &str { &self.name }
            fn aliases(&self) -> &[Text] { &self.aliases }
        }
    )*};
}
named!(Muscle, Region, Technique, Tool, PainArea, Symptom);

/// The entry of `items` called `query`, if any.
pub fn find<'a, T: Named>(items: &'a [T], query: &str) -> Option<&'a T> {
    let q = normalize(query);
    items.iter().find(|item| item.is_called(&q))
}

/// Words that join or describe places ("neck and temple", "tight calf", "my sore heel"): a query
/// of several places skips them.
const FILLER: &[&str] = &[
    "a", "ache", "aches", "aching", "also", "an", "and", "at", "both", "in", "my", "of", "on",
    "pain", "plus", "sore", "stiff", "tender", "the", "tight", "with",
];

/// A query of several names read as the things they name, in the order typed, each once: left
/// to right, each time the longest run of words that `find` knows ("low back heel" is the low
/// back and the heel); filler words ("and", "tight") are skipped. `None` if a word names nothing
/// and is no filler, or if nothing is named at all.
pub fn segments<T: PartialEq>(query: &str, find: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    let normalized = normalize(query);
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<T> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = (i + 1..=words.len())
            .rev()
            .find_map(|j| find(&words[i..j].join(" ")).map(|t| (j, t)));
        match found {
            Some((j, thing)) => {
                if !out.contains(&thing) {
                    out.push(thing);
                }
                i = j;
            }
            None if FILLER.contains(&words[i]) => i += 1,
            None => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Levenshtein distance between two short strings.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A candidate name's closeness to the query: lower is closer; `None` when not close at all.
fn closeness(query: &str, name: &str) -> Option<usize> {
    if name.starts_with(query) || query.starts_with(name) {
        return Some(0);
    }
    if name.contains(query) || (query.len() >= 4 && query.contains(name) && name.len() >= 4) {
        return Some(1);
    }
    let d = distance(query, name);
    (d <= (query.chars().count() / 3).max(2)).then_some(d + 1)
}

/// The display names of `items` close to `query`, each with its closeness (lower is closer),
/// closest first, then alphabetical.
pub fn scored<T: Named>(items: &[&T], query: &str) -> Vec<(usize, String)> {
    let q = normalize(query);
    let mut scored: Vec<(usize, String)> = items
        .iter()
        .filter_map(|item| {
            std::iter::once(item.name())
                .chain(item.aliases().iter().map(Text::as_str))
                .filter_map(|n| closeness(&q, &normalize(n)))
                .min()
                .map(|score| (score, item.name().to_lowercase()))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
}

/// Up to `limit` display names of `items` close to `query`, closest first, then alphabetical.
pub fn suggestions<T: Named>(items: &[&T], query: &str, limit: usize) -> Vec<String> {
    scored(items, query)
        .into_iter()
        .take(limit)
        .map(|(_, name)| name)
        .collect()
}

fn all<T>(items: &[T]) -> Vec<&T> {
    items.iter().collect()
}

fn not_found<T: Named>(kind: &'static str, items: &[T], query: &str) -> Error {
    Error::NotFound {
        kind,
        query: query.to_string(),
        suggestions: suggestions(&all(items), query, 3),
    }
}

/// An entry that cites a source.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Citation {
    /// The list the entry is in: `muscle`, `technique`, `danger_zone`, `screening_question` or
    /// `red_flag`.
    pub kind: &'static str,
    /// The entry's id.
    pub id: String,
    /// What to call it: its name (a question's or warning sign's own words).
    pub name: String,
}

impl Library {
    /// The entries that cite the source `key` (in their own sources or a dose's), muscles
    /// first, each list in library order.
    pub fn citations(&self, key: &str) -> Vec<Citation> {
        let cites = |keys: &[Text]| keys.iter().any(|k| k == key);
        let mut out = Vec::new();
        let mut add = |kind, id: &Text, name: &str| {
            out.push(Citation {
                kind,
                id: id.to_string(),
                name: name.to_string(),
            })
        };
        for m in &self.muscles {
            let in_doses = m
                .techniques
                .iter()
                .filter_map(|t| t.dose.as_ref())
                .chain(m.stretch.as_ref().and_then(|s| s.dose.as_ref()))
                .any(|d| cites(&d.sources));
            if cites(&m.sources) || in_doses {
                add("muscle", &m.id, &m.name);
            }
        }
        for t in &self.techniques {
            if cites(&t.sources) || cites(&t.dose.sources) {
                add("technique", &t.id, &t.name);
            }
        }
        for z in &self.danger_zones {
            if cites(&z.sources) {
                add("danger_zone", &z.id, &z.name);
            }
        }
        for q in &self.screening_questions {
            if cites(&q.sources) {
                add("screening_question", &q.id, &q.question);
            }
        }
        for f in &self.red_flags {
            if cites(&f.sources) {
                add("red_flag", &f.id, &f.sign);
            }
        }
        out
    }

    /// The muscle called `query`, or an error with suggestions.
    pub fn find_muscle(&self, query: &str) -> Result<&Muscle> {
        find(&self.muscles, query).ok_or_else(|| not_found("muscle", &self.muscles, query))
    }

    /// The region called `query`, or an error with suggestions.
    pub fn find_region(&self, query: &str) -> Result<&Region> {
        find(&self.regions, query).ok_or_else(|| not_found("region", &self.regions, query))
    }

    /// The technique called `query`, or an error with suggestions.
    pub fn find_technique(&self, query: &str) -> Result<&Technique> {
        find(&self.techniques, query).ok_or_else(|| not_found("technique", &self.techniques, query))
    }

    /// The source with the key `query` (case, spaces and hyphens aside: `namtpt ut` is
    /// `NAMTPT-UT`), or an error suggesting the closest keys.
    pub fn find_source(&self, query: &str) -> Result<&Source> {
        let q = normalize(query);
        if let Some(source) = self.sources.iter().find(|s| normalize(&s.id) == q) {
            return Ok(source);
        }
        let mut close: Vec<(usize, &str)> = self
            .sources
            .iter()
            .filter_map(|s| closeness(&q, &normalize(&s.id)).map(|score| (score, s.id.as_str())))
            .collect();
        close.sort();
        Err(Error::NotFound {
            kind: "source key",
            query: query.to_string(),
            suggestions: close
                .into_iter()
                .take(3)
                .map(|(_, key)| key.to_string())
                .collect(),
        })
    }

    /// The pain area called `query`, or an error with suggestions.
    pub fn find_pain_area(&self, query: &str) -> Result<&PainArea> {
        find(&self.pain_areas, query).ok_or_else(|| not_found("pain area", &self.pain_areas, query))
    }

    /// The pain area called `query`, or the several it names ("heel calf", "temple and jaw",
    /// read as [`segments`] reads them), or the error of [`Library::find_pain_area`].
    pub fn find_pain_areas(&self, query: &str) -> Result<Vec<&PainArea>> {
        match self.find_pain_area(query) {
            Ok(area) => Ok(vec![area]),
            Err(e) => segments(query, |phrase| {
                find(&self.pain_areas, phrase).map(|a| a.id.as_str())
            })
            .map(|ids| ids.iter().filter_map(|id| self.pain_area(id)).collect())
            .ok_or(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_punctuation_and_apostrophes() {
        assert_eq!(normalize("  Golfer's_Elbow "), "golfers elbow");
        assert_eq!(normalize("upper-trapezius"), "upper trapezius");
        assert_eq!(normalize("SCM"), "scm");
        assert_eq!(normalize("Golfer’s  Elbow!"), "golfers elbow");
        assert_eq!(normalize("Épaule-Gauche"), "épaule gauche");
        assert_eq!(normalize("--"), "");
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("neck", "neck"), 0);
    }

    #[test]
    fn close_names_are_suggested_far_ones_are_not() {
        // A typo is close to the name, or to an alias ("trapezius" is one of upper trapezius's).
        assert!(closeness("upper trapezus", "upper trapezius").is_some());
        assert!(closeness("trapezus", "trapezius").is_some());
        assert!(closeness("neck", "shin").is_none());
    }
}
