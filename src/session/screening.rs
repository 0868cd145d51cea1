//! The safety questions before a session: which to ask, and what the answers mean.
//!
//! The general questions (regions empty in the library) are asked unless the person answered
//! them all "no" within the last [`MEMORY_DAYS`] days; general ones marked `every_time`, and the
//! questions of every region the session touches, are asked every time. A "yes" to a `stop`
//! question ends the screening: no session today. `limit` answers add up to the limits the
//! routine is built with; `advise` answers are shown and the session goes on.

use std::collections::BTreeSet;

use crate::library::Library;
use crate::model::{ScreeningLimits, ScreeningOutcome, ScreeningQuestion};
use crate::referral::Target;
use crate::routine::Step;

/// How long an all-clear answer to the general questions is remembered, in days.
pub const MEMORY_DAYS: i64 = 30;
const DAY_SECONDS: i64 = 86_400;

/// Whether the general questions are due: never answered all clear, or last answered so more
/// than [`MEMORY_DAYS`] days before `now` (or, with a clock set back, after it). Times are Unix
/// seconds.
pub fn general_due(cleared_at: Option<i64>, now: i64) -> bool {
    match cleared_at {
        None => true,
        Some(at) => at > now || now - at >= MEMORY_DAYS * DAY_SECONDS,
    }
}

/// The regions a session touches: the query's own (a pain area's region, a symptom's areas'
/// regions), then those of its steps' muscles.
pub fn regions(library: &Library, target: Target<'_>, steps: &[Step]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    match target {
        Target::Region(id) => {
            out.insert(id.to_string());
        }
        Target::PainArea(id) => {
            out.extend(library.pain_area(id).map(|p| p.region.to_string()));
        }
        Target::Symptom(id) => {
            for area in library.symptom(id).map_or(&[][..], |s| &s.pain_areas) {
                out.extend(library.pain_area(area).map(|p| p.region.to_string()));
            }
        }
    }
    out.extend(
        steps
            .iter()
            .filter_map(|s| library.muscle(&s.muscle))
            .map(|m| m.region.to_string()),
    );
    out
}

/// The questions to ask, in library order: the general ones when `general` is true, and those
/// of any of `regions`; any whose id is in `asked` is left out.
pub fn questions<'a>(
    library: &'a Library,
    general: bool,
    regions: &BTreeSet<String>,
    asked: &BTreeSet<String>,
) -> Vec<&'a ScreeningQuestion> {
    library
        .screening_questions
        .iter()
        .filter(|q| !asked.contains(q.id.as_str()))
        .filter(|q| {
            if q.regions.is_empty() {
                // A general question: asked unless remembered, or asked every time.
                general || q.every_time
            } else {
                q.regions.iter().any(|r| regions.contains(r.as_str()))
            }
        })
        .collect()
}

/// The answers given so far, and what they mean.
#[derive(Debug, Clone, Default)]
pub struct Answers<'a> {
    given: Vec<(&'a ScreeningQuestion, bool)>,
}

impl<'a> Answers<'a> {
    /// No answers yet.
    pub fn new() -> Answers<'a> {
        Answers::default()
    }

    /// Records the answer to `question`.
    pub fn record(&mut self, question: &'a ScreeningQuestion, yes: bool) {
        self.given.push((question, yes));
    }

    fn yes(&self, outcome: ScreeningOutcome) -> impl Iterator<Item = &'a ScreeningQuestion> + '_ {
        self.given
            .iter()
            .filter(move |(q, yes)| *yes && q.if_yes == outcome)
            .map(|(q, _)| *q)
    }

    /// The first "yes" that rules the session out, if any: stop asking and say what to do.
    pub fn stop(&self) -> Option<&'a ScreeningQuestion> {
        self.yes(ScreeningOutcome::Stop).next()
    }

    /// The questions whose "yes" limits the session, in the order asked.
    pub fn limited_by(&self) -> Vec<&'a ScreeningQuestion> {
        self.yes(ScreeningOutcome::Limit).collect()
    }

    /// The questions whose "yes" comes with advice only, in the order asked.
    pub fn advice(&self) -> Vec<&'a ScreeningQuestion> {
        self.yes(ScreeningOutcome::Advise).collect()
    }

    /// Every limit the answers put on the session, together: hands only if any says so, the
    /// lowest pressure ceiling, every excluded region (sorted).
    pub fn limits(&self) -> ScreeningLimits {
        let mut out = ScreeningLimits::default();
        let mut regions = BTreeSet::new();
        for q in self.limited_by() {
            let Some(l) = &q.limits else { continue };
            out.fingers_only |= l.fingers_only;
            out.pressure_ceiling = match (out.pressure_ceiling, l.pressure_ceiling) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            regions.extend(l.exclude_regions.iter().cloned());
        }
        out.exclude_regions = regions.into_iter().collect();
        out
    }

    /// The ids of the questions answered.
    pub fn asked(&self) -> BTreeSet<String> {
        self.given.iter().map(|(q, _)| q.id.to_string()).collect()
    }

    /// Whether every general question of `library` was asked and answered "no" (what the
    /// 30-day memory keeps). A screening cut short, or one with any "yes", is not all clear.
    pub fn general_all_clear(&self, library: &Library) -> bool {
        let mut general = library
            .screening_questions
            .iter()
            .filter(|q| q.regions.is_empty() && !q.every_time)
            .peekable();
        general.peek().is_some()
            && general.all(|q| {
                self.given
                    .iter()
                    .any(|(asked, yes)| asked.id == q.id && !yes)
            })
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
        .expect("the built-in library loads")
    }

    fn question<'a>(library: &'a Library, id: &str) -> &'a ScreeningQuestion {
        library
            .screening_questions
            .iter()
            .find(|q| q.id == id)
            .expect("question exists")
    }

    #[test]
    fn general_questions_are_remembered_for_thirty_days_only() {
        let now = 1_800_000_000;
        assert!(general_due(None, now));
        assert!(!general_due(Some(now - 29 * DAY_SECONDS), now));
        assert!(general_due(Some(now - 30 * DAY_SECONDS), now));
        assert!(
            general_due(Some(now + 60), now),
            "a clock set back asks again"
        );
    }

    #[test]
    fn the_regions_own_questions_are_asked_even_when_general_ones_are_remembered() {
        let library = library();
        let regions = BTreeSet::from(["neck".to_string()]);
        let ids: Vec<&str> = questions(&library, false, &regions, &BTreeSet::new())
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "g13_unchecked_pain",
                "neck_head_warning_signs",
                "neck_injury_artery_history"
            ]
        );
        let all = questions(&library, true, &regions, &BTreeSet::new());
        assert!(all.iter().any(|q| q.id == "g1_fever"));
        assert!(all
            .iter()
            .all(|q| q.regions.is_empty() || q.regions.contains(&"neck".into())));
    }

    #[test]
    fn a_pain_area_brings_its_region_and_its_muscles_regions() {
        let library = library();
        let target = library.understand("temple").expect("temple is known");
        let regions = regions(&library, target, &[]);
        assert!(regions.contains("head_jaw"));
    }

    #[test]
    fn a_stop_answer_rules_the_session_out() {
        let library = library();
        let mut answers = Answers::new();
        answers.record(question(&library, "g1_fever"), false);
        answers.record(question(&library, "neck_head_warning_signs"), true);
        let stop = answers.stop().expect("stopped");
        assert_eq!(stop.id, "neck_head_warning_signs");
        assert!(
            !answers.general_all_clear(&library),
            "one general answer is not all clear"
        );
    }

    #[test]
    fn limits_add_up_to_the_strictest() {
        let library = library();
        let mut answers = Answers::new();
        answers.record(question(&library, "g3_blood_thinners"), true);
        answers.record(question(&library, "g8_heart_vessels"), true);
        answers.record(question(&library, "g7_pregnancy"), true);
        let limits = answers.limits();
        assert!(limits.fingers_only);
        assert_eq!(limits.pressure_ceiling, Some(3));
        assert_eq!(
            limits.exclude_regions,
            ["abdomen", "head_jaw", "lower_leg_foot", "neck", "thigh"]
        );
        assert!(answers.stop().is_none());
        assert!(!answers.general_all_clear(&library));
        assert_eq!(answers.limited_by().len(), 3);
    }

    #[test]
    fn advice_does_not_limit_or_stop() {
        let library = library();
        let mut answers = Answers::new();
        answers.record(question(&library, "g12_implant"), true);
        assert_eq!(answers.limits(), ScreeningLimits::default());
        assert!(answers.stop().is_none());
        assert_eq!(answers.advice().len(), 1);
        assert!(!answers.general_all_clear(&library));
    }

    #[test]
    fn no_general_question_asked_is_not_an_all_clear() {
        let library = library();
        let mut answers = Answers::new();
        answers.record(question(&library, "neck_head_warning_signs"), false);
        assert!(!answers.general_all_clear(&library));
    }

    #[test]
    fn every_general_question_answered_no_is_all_clear() {
        let library = library();
        let mut answers = Answers::new();
        let general: Vec<_> = library
            .screening_questions
            .iter()
            .filter(|q| q.regions.is_empty() && !q.every_time)
            .collect();
        let (last, first) = general.split_last().expect("general questions");
        for q in first {
            answers.record(q, false);
        }
        assert!(!answers.general_all_clear(&library), "one still unasked");
        answers.record(last, false);
        answers.record(question(&library, "neck_head_warning_signs"), true);
        assert!(answers.general_all_clear(&library));
    }
}
