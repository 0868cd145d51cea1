//! The screening flow driven as a person would answer it, one case per finding of the safety
//! audit: each topic once, the most urgent headline, limits that hold, remembered answers.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::library::{Base, LoadOptions};
use crate::model::ScreeningLimits;
use crate::routine::Sides;

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

fn library() -> Library {
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library loads")
}

fn options() -> Options {
    Options {
        minutes: 10,
        equipment: ["fingers", "ball", "cane", "roller"]
            .map(String::from)
            .into(),
        sides: Sides::Both,
        limits: ScreeningLimits::default(),
        history: None,
        technique: Default::default(),
        settle_seconds: crate::routine::SETTLE_SECONDS,
    }
}

/// Runs a whole screening for `query`: `yes` answers each question (by id), `go_on` the final
/// question. Returns the questions as asked, in order, and the flow at its end.
fn run<'a>(
    library: &'a Library,
    query: &str,
    memory: Option<Memory>,
    yes: impl Fn(&str) -> bool,
    go_on: bool,
) -> (Vec<Asked<'a>>, Flow<'a>) {
    let routine = routine::build(library, query, &options()).expect("a routine");
    let mut flow = Flow::new(library, query, options(), routine, memory, NOW).expect("a flow");
    let mut asked = Vec::new();
    for _ in 0..200 {
        match flow.next_question() {
            Next::Ask(a) => {
                asked.push(a);
                flow.answer(yes(&a.question.id));
            }
            Next::GoOn => flow.answer(go_on),
            Next::Done => return (asked, flow),
        }
    }
    panic!("the screening for {query} never ended");
}

fn ids(asked: &[Asked<'_>]) -> Vec<String> {
    asked.iter().map(|a| a.question.id.to_string()).collect()
}

#[test]
fn no_session_asks_a_topic_or_a_question_twice() {
    let library = library();
    for region in &library.regions {
        let (asked, flow) = run(&library, &region.id, None, |_| false, true);
        let mut topics = BTreeSet::new();
        let mut questions = BTreeSet::new();
        for a in &asked {
            assert!(
                questions.insert(a.question.id.as_str()),
                "{}: {} asked twice",
                region.id,
                a.question.id
            );
            for t in &a.question.topics {
                assert!(
                    topics.insert(t.as_str()),
                    "{}: topic {t} asked twice ({:?})",
                    region.id,
                    ids(&asked)
                );
            }
        }
        assert!(
            matches!(flow.decision(), Some(Decision::Go(_))),
            "{}: all no goes ahead",
            region.id
        );
    }
}

#[test]
fn questions_come_most_urgent_first() {
    let library = library();
    for region in &library.regions {
        let (asked, _) = run(&library, &region.id, None, |_| false, true);
        let ranks: Vec<u8> = asked.iter().map(Asked::rank).collect();
        let mut sorted = ranks.clone();
        sorted.sort();
        assert_eq!(ranks, sorted, "{}: {:?}", region.id, ids(&asked));
    }
    let (asked, _) = run(&library, "low back", None, |_| false, true);
    assert_eq!(
        asked[0].question.id, "back_nerve_emergency",
        "the emergency signs come first, alone"
    );
}

#[test]
fn saddle_numbness_stops_with_an_emergency_headline() {
    let library = library();
    let (asked, flow) = run(
        &library,
        "low back",
        None,
        |id| id == "back_nerve_emergency",
        true,
    );
    assert_eq!(asked.len(), 1, "nothing more is asked after a stop");
    assert_eq!(flow.decision(), Some(&Decision::Stopped));
    assert_eq!(flow.headline(), Some(Urgency::Emergency));
}

#[test]
fn fever_with_back_pain_is_medical_advice_today_not_rest() {
    let library = library();
    let (_, flow) = run(&library, "low back", None, |id| id == "g1_fever", true);
    assert_eq!(flow.decision(), Some(&Decision::Stopped));
    assert_eq!(flow.headline(), Some(Urgency::SameDay));
    let stop = flow.stopped_by().expect("stopped by the fever question");
    assert!(stop.action().contains("today"), "{}", stop.action());
    // Elsewhere a fever is "rest and try again", with no care to seek.
    let (_, flow) = run(&library, "forearm", None, |id| id == "g1_fever", true);
    assert_eq!(flow.decision(), Some(&Decision::Stopped));
    assert_eq!(flow.headline(), None);
}

#[test]
fn the_most_urgent_answer_sets_the_headline() {
    let library = library();
    let yes = |id: &str| matches!(id, "g13_new_pain" | "g4_recent_injury");
    let (_, flow) = run(&library, "neck", None, yes, true);
    // The neck's variant of the injury question limits (soon); new pain advises (advice).
    assert_eq!(flow.headline(), Some(Urgency::Soon));
}

#[test]
fn blood_thinners_leave_no_tool_in_the_routine_and_no_tool_suggested() {
    let library = library();
    for region in &library.regions {
        let (_, flow) = run(
            &library,
            &region.id,
            None,
            |id| id == "g3_blood_thinners",
            true,
        );
        let Some(Decision::Go(routine)) = flow.decision() else {
            continue;
        };
        for step in &routine.steps {
            if let Some(tool) = step.tool.as_ref().and_then(|t| library.tool(t)) {
                assert!(
                    tool.is_hands(),
                    "{}: {} uses {}",
                    region.id,
                    step.muscle,
                    tool.id
                );
            }
            assert!(
                step.dose.pressure_ceiling.is_none_or(|c| c <= 3),
                "light pressure only"
            );
        }
        for note in &routine.notes {
            assert!(!note.contains("--tools"), "{}: {note}", region.id);
        }
    }
    let (_, flow) = run(
        &library,
        "low back",
        None,
        |id| id == "g3_blood_thinners",
        true,
    );
    let Some(Decision::Go(routine)) = flow.decision() else {
        panic!("low back goes on with the hands");
    };
    assert!(
        routine
            .notes
            .iter()
            .filter(|n| n.contains("tools are off for you today"))
            .count()
            == 1,
        "why a muscle is left out is said once: {:?}",
        routine.notes
    );
}

#[test]
fn an_area_ruled_out_is_not_worked() {
    let library = library();
    for region in &library.regions {
        for question in ["g10_skin_veins_implant", "joint_hot_swollen"] {
            let (asked, flow) = run(&library, &region.id, None, |id| id == question, true);
            let Some(a) = asked.iter().find(|a| a.question.id == question) else {
                continue;
            };
            let worked = &flow
                .given()
                .iter()
                .find(|g| g.asked.question.id == a.question.id);
            let worked = worked.expect("answered").worked.clone();
            match flow.decision() {
                Some(Decision::NothingLeft(_)) => {}
                Some(Decision::Go(routine)) => {
                    for step in &routine.steps {
                        let m = library.muscle(&step.muscle).expect("a muscle");
                        assert!(
                            !worked.contains(m.region.as_str()),
                            "{}: {question} yes, but {} is worked",
                            region.id,
                            m.id
                        );
                    }
                }
                other => panic!("{}: {question}: {other:?}", region.id),
            }
        }
    }
}

#[test]
fn varicose_veins_in_the_leg_leave_no_leg_session() {
    let library = library();
    let (_, flow) = run(
        &library,
        "lower leg",
        None,
        |id| id == "g10_skin_veins_implant",
        true,
    );
    assert!(
        matches!(flow.decision(), Some(Decision::NothingLeft(_))),
        "{:?}",
        flow.decision()
    );
}

#[test]
fn declining_after_advice_is_the_persons_choice_not_a_stop() {
    let library = library();
    let (_, flow) = run(
        &library,
        "neck",
        None,
        |id| id == "g14_never_checked",
        false,
    );
    assert_eq!(flow.decision(), Some(&Decision::Declined));
    let (_, flow) = run(&library, "neck", None, |id| id == "g14_never_checked", true);
    assert!(matches!(flow.decision(), Some(Decision::Go(_))));
}

#[test]
fn a_remembered_limit_is_confirmed_with_one_key_and_the_rest_is_not_asked() {
    let library = library();
    let mut answers = BTreeMap::new();
    for q in library
        .screening_questions
        .iter()
        .filter(|q| q.regions.is_empty() && !q.every_time)
    {
        answers.insert(q.id.to_string(), (q.id == "g3_blood_thinners", NOW - DAY));
    }
    let memory = Memory {
        cleared_at: None,
        answers,
    };
    let (asked, flow) = run(&library, "forearm", Some(memory.clone()), |_| true, true);
    let confirm = asked
        .iter()
        .find(|a| a.question.id == "g3_blood_thinners")
        .expect("blood thinners confirmed");
    assert!(confirm.confirm);
    assert!(confirm.text().starts_with("Still taking blood thinners"));
    for a in &asked {
        let q = a.question;
        assert!(
            !q.regions.is_empty() || q.every_time || q.id == "g3_blood_thinners",
            "{} was remembered as no, yet asked",
            q.id
        );
    }
    assert!(flow.limits().fingers_only, "the confirmed limit holds");
    // The confirmation keeps the first time, so the full question comes back after 30 days.
    let kept = flow
        .to_remember()
        .into_iter()
        .find(|(id, _, _)| id == "g3_blood_thinners")
        .expect("remembered");
    assert_eq!(kept, ("g3_blood_thinners".to_string(), true, NOW - DAY));
    // Answered "no" now: no longer limited.
    let (_, flow) = run(
        &library,
        "forearm",
        Some(memory),
        |id| id != "g3_blood_thinners",
        true,
    );
    assert!(!flow.limits().fingers_only);
}

#[test]
fn memory_expires_after_thirty_days_and_with_a_clock_set_back() {
    assert!(fresh(NOW - 29 * DAY, NOW));
    assert!(!fresh(NOW - 30 * DAY, NOW));
    assert!(!fresh(NOW + 60, NOW));
    let memory = Memory {
        cleared_at: Some(NOW - 40 * DAY),
        answers: BTreeMap::new(),
    };
    assert_eq!(memory.answer("g3_blood_thinners", NOW), None);
    let memory = Memory {
        cleared_at: Some(NOW - DAY),
        answers: BTreeMap::new(),
    };
    assert_eq!(memory.answer("g3_blood_thinners", NOW), Some(false));
}

#[test]
fn a_variant_is_asked_afresh_even_when_remembered() {
    let library = library();
    let memory = Memory {
        cleared_at: Some(NOW - DAY),
        answers: BTreeMap::new(),
    };
    let (asked, _) = run(&library, "low back", Some(memory), |_| false, true);
    let cancer = asked
        .iter()
        .find(|a| a.question.id == "g6_cancer")
        .expect("the back's cancer question is asked every time");
    assert!(cancer.text().contains("ever had it"), "{}", cancer.text());
}

#[test]
fn the_headache_question_does_not_stop_a_usual_tension_headache() {
    let library = library();
    let (asked, _) = run(&library, "tension headache", None, |_| false, true);
    let headache = asked
        .iter()
        .find(|a| a.question.id == "neck_head_unusual_headache")
        .expect("asked");
    assert!(headache.text().contains("different from your usual ones"));
    assert!(!headache.text().contains("severe headache?"));
}
