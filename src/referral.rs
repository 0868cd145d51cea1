//! "It hurts here: which muscles send pain here?" Ranking the muscles that refer pain to an
//! area, and understanding what a person typed as a region, a pain area or a symptom.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::lookup::{find, normalize, scored, segments};
use crate::model::{Muscle, RedFlag, Text};

/// How strongly a muscle refers to an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// The muscle usually sends pain there.
    Primary,
    /// It sometimes spills over there.
    Spillover,
}

/// A muscle that refers pain to an area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Referrer<'a> {
    /// The muscle.
    #[serde(serialize_with = "as_id")]
    pub muscle: &'a Muscle,
    /// Primary or spill-over.
    pub strength: Strength,
}

/// A muscle that refers pain to one or more of several areas.
#[derive(Debug, Clone, PartialEq)]
pub struct AreasReferrer<'a> {
    /// The muscle.
    pub muscle: &'a Muscle,
    /// Its strongest referral to any of the areas.
    pub strength: Strength,
    /// Each of the areas it refers to (ids, in the order asked), and how strongly.
    pub areas: Vec<(String, Strength)>,
}

fn as_id<S: serde::Serializer>(muscle: &&Muscle, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&muscle.id)
}

/// What a query was understood as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Target<'a> {
    /// A body region.
    Region(&'a str),
    /// A place where pain is felt.
    PainArea(&'a str),
    /// An everyday complaint.
    Symptom(&'a str),
}

impl Target<'_> {
    /// How the query was understood, for the first line of output: "neck (region)".
    pub fn describe(&self, library: &Library) -> String {
        match *self {
            Target::Region(id) => {
                let name = library.region(id).map_or(id, |r| &r.name);
                format!("{} (region)", name.to_lowercase())
            }
            Target::PainArea(id) => {
                let name = library.pain_area(id).map_or(id, |p| &p.name);
                format!(
                    "{}: muscles that commonly send pain here",
                    name.to_lowercase()
                )
            }
            Target::Symptom(id) => {
                let name = library.symptom(id).map_or(id, |s| &s.name);
                format!(
                    "{} (symptom): muscles often associated with it",
                    name.to_lowercase()
                )
            }
        }
    }
}

/// Orders referrers: primary before spill-over; within each, the quick index's `first` list in
/// its order, then the most commonly involved, then library order.
fn sort_ranked(out: &mut [(usize, Referrer<'_>)], first: &[Text]) {
    out.sort_by_key(|(order, r)| {
        let listed = first
            .iter()
            .position(|id| *id == r.muscle.id)
            .unwrap_or(usize::MAX);
        (r.strength, listed, r.muscle.priority, *order)
    });
}

/// How many "did you mean" names an unknown query gets.
const SUGGESTIONS: usize = 4;

/// A query understood as one place or several ("neck temple", "heel calf").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Understood<'a> {
    /// The places, in the order typed, each once; never empty.
    pub targets: Vec<Target<'a>>,
}

impl Understood<'_> {
    /// How the query was understood, for the first line of output: one place as
    /// [`Target::describe`] says it, several as "neck (region) + temple (pain area), in one
    /// routine".
    pub fn describe(&self, library: &Library) -> String {
        if let [one] = self.targets.as_slice() {
            return one.describe(library);
        }
        let names: Vec<String> = self
            .targets
            .iter()
            .map(|t| {
                let (name, kind) = match *t {
                    Target::Region(id) => (library.region(id).map_or(id, |r| &r.name), "region"),
                    Target::PainArea(id) => {
                        (library.pain_area(id).map_or(id, |p| &p.name), "pain area")
                    }
                    Target::Symptom(id) => (library.symptom(id).map_or(id, |s| &s.name), "symptom"),
                };
                format!("{} ({kind})", name.to_lowercase())
            })
            .collect();
        format!("{}, in one routine", names.join(" + "))
    }
}

impl Library {
    /// Understands a query as a region, else a pain area, else a symptom; an unknown query is
    /// an error naming the closest of all three.
    pub fn understand(&self, query: &str) -> Result<Target<'_>> {
        if normalize(query).is_empty() {
            return Err(Error::BadInput(
                "say what to work on: a region (neck), a pain area (temple) or a symptom (tension headache)"
                    .into(),
            ));
        }
        if let Some(r) = find(&self.regions, query) {
            return Ok(Target::Region(&r.id));
        }
        if let Some(p) = find(&self.pain_areas, query) {
            return Ok(Target::PainArea(&p.id));
        }
        if let Some(s) = find(&self.symptoms, query) {
            return Ok(Target::Symptom(&s.id));
        }
        // The closest names of all three kinds together; on a tie, regions before pain areas
        // before symptoms.
        let mut close: Vec<(usize, usize, String)> = Vec::new();
        for (kind, names) in [
            scored(&self.regions.iter().collect::<Vec<_>>(), query),
            scored(&self.pain_areas.iter().collect::<Vec<_>>(), query),
            scored(&self.symptoms.iter().collect::<Vec<_>>(), query),
        ]
        .into_iter()
        .enumerate()
        {
            close.extend(names.into_iter().map(|(score, name)| (score, kind, name)));
        }
        close.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, _, name) in close {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.truncate(SUGGESTIONS);
        let close = names;
        Err(Error::NotFound {
            kind: "region, pain area or symptom",
            query: query.to_string(),
            suggestions: close,
        })
    }

    /// Understands a query as one place ([`Library::understand`]) or, when the whole does not
    /// name one, as several: the words are read left to right, each time taking the longest run
    /// that names a region, pain area or symptom exactly ("low back heel" is the low back and the
    /// heel; see [`segments`]). Filler words ("and", "tight") are skipped. A word that names nothing else is the
    /// error of [`Library::understand`] for the whole query, with its suggestions: "tenis elbow"
    /// is a typo of one place, not the elbow with a word to drop.
    pub fn understand_all(&self, query: &str) -> Result<Understood<'_>> {
        let whole = match self.understand(query) {
            Ok(target) => {
                return Ok(Understood {
                    targets: vec![target],
                })
            }
            Err(e) => e,
        };
        let targets = segments(query, |phrase| {
            Some(if let Some(r) = find(&self.regions, phrase) {
                Target::Region(&r.id)
            } else if let Some(p) = find(&self.pain_areas, phrase) {
                Target::PainArea(&p.id)
            } else {
                Target::Symptom(&find(&self.symptoms, phrase)?.id)
            })
        })
        .ok_or(whole)?;
        Ok(Understood { targets })
    }

    /// The muscles that refer pain to `area`, ranked: primary before spill-over, then the
    /// reference's quick-index order, then the most commonly involved, then library order.
    pub fn referrers(&self, area: &str) -> Vec<Referrer<'_>> {
        let mut out: Vec<(usize, Referrer)> = self
            .muscles
            .iter()
            .enumerate()
            .filter_map(|(order, muscle)| {
                let strength = if muscle.refers_to.primary.iter().any(|a| a == area) {
                    Strength::Primary
                } else if muscle.refers_to.spillover.iter().any(|a| a == area) {
                    Strength::Spillover
                } else {
                    return None;
                };
                Some((order, Referrer { muscle, strength }))
            })
            .collect();
        let first: &[Text] = self.pain_area(area).map_or(&[], |p| &p.check_first);
        sort_ranked(&mut out, first);
        out.into_iter().map(|(_, r)| r).collect()
    }

    /// The muscles that refer pain to any of `areas`, ranked: those that usually send pain to
    /// one of them before those that only spill over; within each, the areas take turns, each
    /// giving its next muscle in its own ranking ([`Library::referrers`]), a muscle already
    /// listed skipped. Each muscle carries every area of the list it refers to.
    pub fn referrers_all<'a>(&'a self, areas: &[&str]) -> Vec<AreasReferrer<'a>> {
        let lists: Vec<Vec<Referrer<'a>>> = areas.iter().map(|a| self.referrers(a)).collect();
        let mut out: Vec<AreasReferrer<'a>> = Vec::new();
        for strength in [Strength::Primary, Strength::Spillover] {
            let mut next = vec![0usize; lists.len()];
            loop {
                let mut any = false;
                for (list, at) in lists.iter().zip(next.iter_mut()) {
                    while let Some(r) = list.get(*at) {
                        *at += 1;
                        if r.strength == strength && !out.iter().any(|o| o.muscle.id == r.muscle.id)
                        {
                            let covers = areas
                                .iter()
                                .zip(&lists)
                                .filter_map(|(area, l)| {
                                    l.iter()
                                        .find(|x| x.muscle.id == r.muscle.id)
                                        .map(|x| (area.to_string(), x.strength))
                                })
                                .collect();
                            out.push(AreasReferrer {
                                muscle: r.muscle,
                                strength,
                                areas: covers,
                            });
                            any = true;
                            break;
                        }
                    }
                }
                if !any {
                    break;
                }
            }
        }
        out
    }

    /// The muscles a target points to, ranked for a routine (most relevant first).
    pub fn ranked(&self, target: Target<'_>) -> Vec<Referrer<'_>> {
        match target {
            Target::PainArea(area) => self.referrers(area),
            Target::Region(region) => {
                let mut out: Vec<(usize, &Muscle)> = self
                    .muscles
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.region == region)
                    .collect();
                out.sort_by_key(|(order, m)| (m.priority, *order));
                out.into_iter()
                    .map(|(_, muscle)| Referrer {
                        muscle,
                        strength: Strength::Primary,
                    })
                    .collect()
            }
            Target::Symptom(symptom) => {
                let areas: &[Text] = self.symptom(symptom).map_or(&[], |s| &s.pain_areas);
                let mut out: Vec<(usize, Referrer)> = self
                    .muscles
                    .iter()
                    .enumerate()
                    .filter_map(|(order, muscle)| {
                        let strength = if muscle.symptoms.iter().any(|s| s == symptom) {
                            Strength::Primary
                        } else if muscle.refers_to.primary.iter().any(|a| areas.contains(a)) {
                            Strength::Spillover
                        } else {
                            return None;
                        };
                        Some((order, Referrer { muscle, strength }))
                    })
                    .collect();
                let first: &[Text] = self.symptom(symptom).map_or(&[], |s| &s.check_first);
                sort_ranked(&mut out, first);
                out.into_iter().map(|(_, r)| r).collect()
            }
        }
    }

    /// The warning signs that belong to a pain area, with those that apply everywhere
    /// ([`RedFlag::is_general`]), most urgent first.
    pub fn red_flags_for(&self, area: &str) -> Vec<&RedFlag> {
        let mut flags: Vec<&RedFlag> = self
            .red_flags
            .iter()
            .filter(|f| f.is_general() || f.pain_areas.iter().any(|a| a == area))
            .collect();
        flags.sort_by_key(|f| f.urgency);
        flags
    }
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
        .expect("the embedded library loads")
    }

    #[test]
    fn one_place_is_understood_whole() {
        let library = library();
        let understood = library.understand_all("tension headache").unwrap();
        assert_eq!(
            understood.targets,
            vec![Target::Symptom("tension_headache")]
        );
        let understood = library.understand_all("low back").unwrap();
        assert_eq!(understood.targets, vec![Target::Region("lower_back")]);
    }

    #[test]
    fn several_places_are_read_longest_first_in_the_order_typed() {
        let library = library();
        let understood = library.understand_all("neck temple").unwrap();
        assert_eq!(
            understood.targets,
            vec![Target::Region("neck"), Target::PainArea("temple")]
        );
        let understood = library.understand_all("low back and heel").unwrap();
        assert_eq!(
            understood.targets,
            vec![Target::Region("lower_back"), Target::PainArea("heel")]
        );
        assert_eq!(
            understood.describe(&library),
            "lower back (region) + heel (pain area), in one routine"
        );
    }

    #[test]
    fn filler_words_are_skipped_and_a_place_named_twice_counts_once() {
        let library = library();
        let understood = library.understand_all("my tight calf and calf").unwrap();
        assert_eq!(
            understood.targets,
            vec![library.understand("calf").unwrap()]
        );
    }

    #[test]
    fn several_areas_list_every_referrer_usual_first_each_once() {
        let library = library();
        let all = library.referrers_all(&["heel", "calf"]);
        let mut expected: Vec<&str> = Vec::new();
        for area in ["heel", "calf"] {
            for r in library.referrers(area) {
                if !expected.contains(&r.muscle.id.as_str()) {
                    expected.push(&r.muscle.id);
                }
            }
        }
        let mut got: Vec<&str> = all.iter().map(|r| r.muscle.id.as_str()).collect();
        assert_eq!(got.len(), expected.len(), "each muscle once: {got:?}");
        got.sort_unstable();
        expected.sort_unstable();
        assert_eq!(got, expected);
        let first_spill = all.iter().position(|r| r.strength == Strength::Spillover);
        if let Some(i) = first_spill {
            assert!(all[i..].iter().all(|r| r.strength == Strength::Spillover));
        }
        // The areas take turns: each area's top muscle comes first.
        assert_eq!(all[0].muscle.id, library.referrers("heel")[0].muscle.id);
        let soleus = all.iter().find(|r| r.muscle.id == "soleus").unwrap();
        assert!(soleus.areas.iter().any(|(a, _)| a == "heel"), "{soleus:?}");
    }

    #[test]
    fn any_word_that_names_nothing_is_the_whole_query_error() {
        let library = library();
        for query in ["zzyzx qqq", "neck zzyzx", "tenis elbow"] {
            let all = library.understand_all(query).unwrap_err().to_string();
            let one = library.understand(query).unwrap_err().to_string();
            assert_eq!(all, one, "{query}");
        }
    }
}
