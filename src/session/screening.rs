//! The safety questions before a session, as a state machine with no terminal in it.
//!
//! [`Flow`] says which question to ask next ([`Next::Ask`]), takes the answer, rebuilds the
//! routine within the limits the answers set, and ends with a [`Decision`]. Its rules:
//!
//! - **Each topic once.** A question asks about its `topics`, and the library refuses a region
//!   whose questions repeat a topic; a general question that means more for a region (fever with
//!   back pain) is asked once, in that region's words (its variant).
//! - **Most urgent first.** Questions are asked in the order of the care a "yes" calls for
//!   (emergency first), library order within each; a "yes" that stops the session ends the
//!   questions, and the headline is the most urgent of every "yes" given ([`Flow::headline`]).
//! - **Remembered for 30 days.** A general question answered in its general form is remembered
//!   for [`MEMORY_DAYS`] days ([`Memory`]): a "no" is not asked again, a "yes" that has a `still`
//!   text is confirmed with one key ("Still taking blood thinners? [Y/n]"). Questions about today
//!   (`every_time`), and questions asked in a region's variant, are asked every time.
//! - **Limits hold.** A `limit` answer rebuilds the routine within every limit given so far;
//!   an answer about "where you plan to work" leaves out the regions the session touched when it
//!   was given. A region a rebuilt routine brings in brings its own questions.
//! - **The person decides.** After any "yes" that limits or advises, the person is asked whether
//!   to go on; "no" is their choice ([`Decision::Declined`]), not a safety stop.

use std::collections::{BTreeMap, BTreeSet};

use crate::library::Library;
use crate::model::{
    QuestionVariant, ScreeningLimits, ScreeningOutcome, ScreeningQuestion, Text, Urgency,
};
use crate::referral::Target;
use crate::routine::{self, Options, Routine, Step};

/// How long a remembered answer to a general question is kept, in days.
pub const MEMORY_DAYS: i64 = 30;
const DAY_SECONDS: i64 = 86_400;

/// Whether an answer given at `at` is still remembered at `now` (Unix seconds): within
/// [`MEMORY_DAYS`] days, and not in the future (a clock set back asks again).
pub fn fresh(at: i64, now: i64) -> bool {
    at <= now && now - at < MEMORY_DAYS * DAY_SECONDS
}

/// What the person answered to the general questions before (from the history store).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// When every general question was last answered "no" at once (the all-clear of earlier
    /// versions, still honoured), Unix seconds.
    pub cleared_at: Option<i64>,
    /// Per question id: the answer ("yes" is true) and when it was given, Unix seconds.
    pub answers: BTreeMap<String, (bool, i64)>,
}

impl Memory {
    /// The remembered answer to `question` at `now`, if it is still fresh.
    pub fn answer(&self, question: &str, now: i64) -> Option<bool> {
        match self.answers.get(question) {
            Some(&(yes, at)) if fresh(at, now) => Some(yes),
            Some(_) => None,
            None => self.cleared_at.filter(|&at| fresh(at, now)).map(|_| false),
        }
    }
}

/// The regions a session touches: the query's own places' (a region, a pain area's region, a
/// symptom's areas' regions), then those of its steps' muscles.
pub fn regions(library: &Library, targets: &[Target<'_>], steps: &[Step]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for &target in targets {
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
    }
    out.extend(
        steps
            .iter()
            .filter_map(|s| library.muscle(&s.muscle))
            .map(|m| m.region.to_string()),
    );
    out
}

/// A question as it is put in this session: in its general form or a region's variant, in full
/// or as the one-key confirmation of a remembered "yes".
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// The library's question.
    pub question: &'a ScreeningQuestion,
    /// The region's variant it is asked in, if one applies.
    pub variant: Option<&'a QuestionVariant>,
    /// Asked as its `still` text, answered yes by default: a remembered "yes".
    pub confirm: bool,
}

impl<'a> Asked<'a> {
    /// The words to ask.
    pub fn text(&self) -> &'a str {
        match (self.confirm, self.question.still.as_ref()) {
            (true, Some(still)) => still,
            _ => self
                .variant
                .and_then(|v| v.question.as_deref())
                .unwrap_or(&self.question.question),
        }
    }

    /// What a "yes" does.
    pub fn if_yes(&self) -> ScreeningOutcome {
        self.variant
            .and_then(|v| v.if_yes)
            .unwrap_or(self.question.if_yes)
    }

    /// How urgently a "yes" means seeking care.
    pub fn urgency(&self) -> Option<Urgency> {
        self.variant
            .and_then(|v| v.urgency)
            .or(self.question.urgency)
    }

    /// What to do after a "yes".
    pub fn action(&self) -> &'a str {
        self.variant
            .and_then(|v| v.action.as_deref())
            .unwrap_or(&self.question.action)
    }

    /// The limits a "yes" sets, for a `limit` outcome.
    pub fn limits(&self) -> Option<&'a ScreeningLimits> {
        if self.if_yes() != ScreeningOutcome::Limit {
            return None;
        }
        self.variant
            .and_then(|v| v.limits.as_ref())
            .or(self.question.limits.as_ref())
    }

    /// Its order: the care a "yes" calls for, most urgent first.
    fn rank(&self) -> u8 {
        match self.urgency() {
            Some(Urgency::Emergency) => 0,
            Some(Urgency::SameDay) => 1,
            Some(Urgency::Soon) => 2,
            Some(Urgency::Advice) => 3,
            None => 4,
        }
    }
}

/// An answer, with the regions the session touched when it was given.
#[derive(Debug, Clone)]
pub struct Given<'a> {
    /// The question as asked.
    pub asked: Asked<'a>,
    /// The answer.
    pub yes: bool,
    worked: BTreeSet<String>,
}

/// What to do next.
#[derive(Debug)]
pub enum Next<'a> {
    /// Ask this question (yes or no; a confirmation defaults to yes).
    Ask(Asked<'a>),
    /// Every question is answered and some "yes" limited or advised: ask whether to go on.
    GoOn,
    /// The screening is over.
    Done,
}

/// How the screening ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Go ahead with this routine, built within every limit the answers set.
    Go(Routine),
    /// A "yes" rules the session out (exit status 3).
    Stopped,
    /// The limits leave nothing to work on: why, in a few words.
    NothingLeft(String),
    /// The person chose not to go on after the advice.
    Declined,
}

/// The screening of one session.
#[derive(Debug)]
pub struct Flow<'a> {
    library: &'a Library,
    query: String,
    targets: Vec<Target<'a>>,
    options: Options,
    routine: Routine,
    memory: Option<Memory>,
    now: i64,
    given: Vec<Given<'a>>,
    pending: Option<Asked<'a>>,
    go_on_asked: bool,
    decision: Option<Decision>,
}

impl<'a> Flow<'a> {
    /// A screening for the session on `query`, whose routine (built with `options`) is
    /// `routine`. `memory` is what the person answered before (`None` asks every question, as
    /// `--fresh` does); `now` is Unix seconds.
    pub fn new(
        library: &'a Library,
        query: &str,
        options: Options,
        routine: Routine,
        memory: Option<Memory>,
        now: i64,
    ) -> crate::Result<Flow<'a>> {
        Ok(Flow {
            library,
            targets: library.understand_all(query)?.targets,
            query: query.to_string(),
            options,
            routine,
            memory,
            now,
            given: Vec::new(),
            pending: None,
            go_on_asked: false,
            decision: None,
        })
    }

    /// The regions the session touches now.
    pub fn regions(&self) -> BTreeSet<String> {
        regions(self.library, &self.targets, &self.routine.steps)
    }

    /// Whether any general question is taken from memory (some are not asked in full).
    pub fn remembers(&self) -> bool {
        let Some(memory) = &self.memory else {
            return false;
        };
        self.library
            .screening_questions
            .iter()
            .filter(|q| q.regions.is_empty() && !q.every_time)
            .any(|q| memory.answer(&q.id, self.now).is_some())
    }

    /// How `question` is put now, or `None` when it is not asked (another region's, already
    /// answered, or a remembered "no").
    fn put(
        &self,
        question: &'a ScreeningQuestion,
        regions: &BTreeSet<String>,
    ) -> Option<Asked<'a>> {
        if self
            .given
            .iter()
            .any(|g| g.asked.question.id == question.id)
        {
            return None;
        }
        let touches = |list: &[Text]| list.iter().any(|r| regions.contains(r.as_str()));
        if !question.regions.is_empty() {
            return touches(&question.regions).then_some(Asked {
                question,
                variant: None,
                confirm: false,
            });
        }
        let variant = question.variants.iter().find(|v| touches(&v.regions));
        let full = Asked {
            question,
            variant,
            confirm: false,
        };
        if variant.is_some() || question.every_time {
            return Some(full);
        }
        match self
            .memory
            .as_ref()
            .and_then(|m| m.answer(&question.id, self.now))
        {
            Some(false) => None,
            Some(true) if question.still.is_some() => Some(Asked {
                confirm: true,
                ..full
            }),
            _ => Some(full),
        }
    }

    /// The questions still to ask for the session's regions, most urgent first.
    fn questions(&self) -> Vec<Asked<'a>> {
        let regions = self.regions();
        let mut out: Vec<Asked<'a>> = self
            .library
            .screening_questions
            .iter()
            .filter_map(|q| self.put(q, &regions))
            .collect();
        out.sort_by_key(Asked::rank);
        out
    }

    /// What to do next. After [`Next::Ask`] or [`Next::GoOn`], give the answer with
    /// [`Flow::answer`]; asking again before that returns the same question.
    pub fn next_question(&mut self) -> Next<'a> {
        if self.decision.is_some() {
            return Next::Done;
        }
        if let Some(asked) = self.pending {
            return Next::Ask(asked);
        }
        if self.go_on_asked {
            return Next::GoOn;
        }
        loop {
            if let Some(first) = self.questions().first().copied() {
                self.pending = Some(first);
                return Next::Ask(first);
            }
            let limits = self.limits();
            if limits == self.options.limits {
                break;
            }
            self.options.limits = limits;
            match routine::build(self.library, &self.query, &self.options) {
                // The rebuilt routine may touch new regions, with questions of their own.
                Ok(rebuilt) => self.routine = rebuilt,
                Err(e) => {
                    self.decision = Some(Decision::NothingLeft(e.to_string()));
                    return Next::Done;
                }
            }
        }
        let said = self
            .given
            .iter()
            .any(|g| g.yes && g.asked.if_yes() != ScreeningOutcome::Stop);
        if said {
            self.go_on_asked = true;
            return Next::GoOn;
        }
        self.decision = Some(Decision::Go(self.routine.clone()));
        Next::Done
    }

    /// Takes the answer to what [`Flow::next_question`] asked ("yes" is true). An answer with nothing
    /// asked is ignored.
    pub fn answer(&mut self, yes: bool) {
        if let Some(asked) = self.pending.take() {
            let worked = self.regions();
            self.given.push(Given { asked, yes, worked });
            if yes && asked.if_yes() == ScreeningOutcome::Stop {
                self.decision = Some(Decision::Stopped);
            }
        } else if self.go_on_asked && self.decision.is_none() {
            self.decision = Some(if yes {
                Decision::Go(self.routine.clone())
            } else {
                Decision::Declined
            });
        }
    }

    /// How the screening ended, once [`Flow::next_question`] has said [`Next::Done`].
    pub fn decision(&self) -> Option<&Decision> {
        self.decision.as_ref()
    }

    /// The answers given, in the order asked.
    pub fn given(&self) -> &[Given<'a>] {
        &self.given
    }

    /// The questions answered "yes", in the order asked.
    pub fn yes(&self) -> impl Iterator<Item = Asked<'a>> + '_ {
        self.given.iter().filter(|g| g.yes).map(|g| g.asked)
    }

    /// The question whose "yes" stopped the session, if one did.
    pub fn stopped_by(&self) -> Option<Asked<'a>> {
        self.yes().find(|a| a.if_yes() == ScreeningOutcome::Stop)
    }

    /// The most urgent care any "yes" calls for: the headline of what the person is told.
    pub fn headline(&self) -> Option<Urgency> {
        self.yes().filter_map(|a| a.urgency()).min()
    }

    /// Every limit the answers set, together: hands only if any says so, the lowest pressure
    /// ceiling, every excluded region (sorted), with the regions worked when a "where you plan
    /// to work" answer was given.
    pub fn limits(&self) -> ScreeningLimits {
        let mut out = ScreeningLimits::default();
        let mut regions = BTreeSet::new();
        for g in self.given.iter().filter(|g| g.yes) {
            let Some(l) = g.asked.limits() else { continue };
            out.fingers_only |= l.fingers_only;
            out.pressure_ceiling = match (out.pressure_ceiling, l.pressure_ceiling) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            regions.extend(l.exclude_regions.iter().map(Text::to_string));
            if l.exclude_worked_regions {
                regions.extend(g.worked.iter().cloned());
            }
        }
        out.exclude_regions = regions.into_iter().map(Text::from).collect();
        out
    }

    /// The limits in force now (those the routine was last built with).
    pub fn applied_limits(&self) -> &ScreeningLimits {
        &self.options.limits
    }

    /// The answers to remember: every general question answered in its general form, with the
    /// time it was answered (a confirmation keeps its first time, so a "yes" is asked in full
    /// again after [`MEMORY_DAYS`] days).
    pub fn to_remember(&self) -> Vec<(String, bool, i64)> {
        self.given
            .iter()
            .filter(|g| {
                let q = g.asked.question;
                q.regions.is_empty() && !q.every_time && g.asked.variant.is_none()
            })
            .map(|g| {
                let id = g.asked.question.id.to_string();
                let at = match (g.asked.confirm, g.yes, &self.memory) {
                    (true, true, Some(m)) => m.answers.get(&id).map_or(self.now, |&(_, at)| at),
                    _ => self.now,
                };
                (id, g.yes, at)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
