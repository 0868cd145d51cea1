//! The safety answers saved with a session: taken from a finished screening, saved and read
//! back with the session, gone with it, and readable from a database of the version before.

use super::*;
use crate::history::{NewSession, SessionFilter, SessionStatus, StepRecord};
use crate::library::{Base, LoadOptions};
use crate::routine::{self, Options, Side, Sides};
use crate::session::screening::{Decision, Next};

const NOW: i64 = 1_800_000_000;

fn library() -> Library {
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library")
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

/// Runs the screening for `query`, answering "yes" to the questions in `yes` and going on.
fn screened<'a>(library: &'a Library, query: &str, yes: &[&str]) -> Flow<'a> {
    let routine = routine::build(library, query, &options()).expect("a routine");
    let mut flow = Flow::new(library, query, options(), routine, None, NOW).expect("a flow");
    for _ in 0..200 {
        match flow.next_question() {
            Next::Ask(a) => flow.answer(yes.contains(&a.question.id.as_str())),
            Next::GoOn => flow.answer(true),
            Next::Done => return flow,
        }
    }
    panic!("the screening never ended");
}

fn answer(question: &str, changed: &str) -> SafetyAnswer {
    SafetyAnswer {
        question: question.into(),
        topic: question.replace('_', " "),
        asked: format!("{question}?"),
        outcome: if changed.is_empty() {
            ScreeningOutcome::Advise
        } else {
            ScreeningOutcome::Limit
        },
        urgency: Some(Urgency::Advice),
        changed: changed.into(),
        advice: "Light pressure <only> & \"hands\".".into(),
    }
}

fn session(store: &Store, at: i64) -> SessionId {
    let id = store
        .begin_session(&NewSession {
            started_at: at,
            query: "neck".into(),
            matched: "neck (region)".into(),
            plain: false,
        })
        .expect("begin");
    store
        .record_step(
            id,
            &StepRecord {
                index: 0,
                muscle: "upper_trapezius".into(),
                side: Side::Left,
                technique: "static_compression".into(),
                planned_seconds: 70,
                actual_seconds: 70,
                before: Some(5),
                after: Some(3),
                skipped: false,
                ended_at: at + 80,
            },
        )
        .expect("step");
    store
        .finish_session(id, at + 100, SessionStatus::Completed)
        .expect("finish");
    id
}

#[test]
fn a_limit_and_an_advice_are_taken_from_the_screening_in_the_order_asked() {
    let library = library();
    let flow = screened(&library, "neck", &["g3_blood_thinners", "g13_new_pain"]);
    assert!(matches!(flow.decision(), Some(Decision::Go(_))));
    let answers = SafetyAnswer::from_flow(&library, &flow);
    let ids: Vec<&str> = answers.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(ids, ["g3_blood_thinners", "g13_new_pain"]);
    let thinners = &answers[0];
    assert_eq!(thinners.outcome, ScreeningOutcome::Limit);
    assert_eq!(thinners.topic, "blood thinners");
    assert_eq!(
        thinners.changed,
        "hands only, no tools, pressure at most 3/10"
    );
    assert!(thinners.advice.contains("light pressure"), "{thinners:?}");
    assert!(thinners.asked.starts_with("Do you take blood thinners"));
    let new_pain = &answers[1];
    assert_eq!(new_pain.outcome, ScreeningOutcome::Advise);
    assert_eq!(new_pain.urgency, Some(Urgency::Advice));
    assert_eq!(new_pain.changed, "");
}

#[test]
fn a_screening_of_all_noes_changes_nothing() {
    let library = library();
    let flow = screened(&library, "neck", &[]);
    assert!(SafetyAnswer::from_flow(&library, &flow).is_empty());
}

#[test]
fn an_excluded_region_is_named_and_the_regions_to_be_worked_are_said() {
    let library = library();
    let flow = screened(&library, "neck", &["g8_heart_vessels"]);
    let answers = SafetyAnswer::from_flow(&library, &flow);
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert!(
        answers[0].changed.starts_with("no work on the neck"),
        "{answers:?}"
    );
    let worked = ScreeningLimits {
        exclude_worked_regions: true,
        ..ScreeningLimits::default()
    };
    assert_eq!(
        describe_limits(&library, &worked, &["shoulder".to_string()]),
        "no work on the shoulder (where the session was to work)"
    );
    assert_eq!(
        describe_limits(&library, &worked, &[]),
        "no work where the session was to work"
    );
}

#[test]
fn safety_answers_are_read_back_with_their_session_and_go_with_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("tpcoach.db")).expect("open");
    let first = session(&store, NOW);
    let second = session(&store, NOW + 86_400);
    let saved = vec![
        answer(
            "g3_blood_thinners",
            "hands only, no tools, pressure at most 3/10",
        ),
        answer("g13_new_pain", ""),
    ];
    store.record_safety(second, &saved).expect("save");
    let sessions = store.sessions(&SessionFilter::default()).expect("read");
    assert_eq!(sessions[0].id, second);
    assert_eq!(sessions[0].safety, saved);
    assert_eq!(sessions[1].id, first);
    assert!(sessions[1].safety.is_empty());
    // Saving again replaces; an unknown session is an error naming it.
    store.record_safety(second, &saved[1..]).expect("save");
    let sessions = store.sessions(&SessionFilter::default()).expect("read");
    assert_eq!(sessions[0].safety, saved[1..]);
    assert!(matches!(
        store.record_safety(SessionId(999), &saved),
        Err(StoreError::UnknownSession { id: 999, .. })
    ));
    // A session stopped before any step is discarded with its answers.
    let empty = store
        .begin_session(&NewSession {
            started_at: NOW + 2 * 86_400,
            query: "neck".into(),
            matched: "neck (region)".into(),
            plain: false,
        })
        .expect("begin");
    store.record_safety(empty, &saved).expect("save");
    assert!(store.discard_if_empty(empty).expect("discard"));
    let rows = |store: &Store| -> i64 {
        store
            .conn
            .query_row("SELECT count(*) FROM session_safety", [], |r| r.get(0))
            .expect("count")
    };
    assert_eq!(rows(&store), 1);
    store.forget().expect("forget");
    assert_eq!(rows(&store), 0);
}

#[test]
fn a_database_of_the_version_before_opens_and_takes_safety_answers() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("tpcoach.db");
    // Version 4: the last before the table of safety answers.
    let before = 4;
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        for migration in &crate::history::schema::MIGRATIONS[..before] {
            conn.execute_batch(migration).expect("an old migration");
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = {before};
             INSERT INTO session (id, started_at, ended_at, query, matched, plain, status)
             VALUES (1, {NOW}, {}, 'neck', 'neck (region)', 0, 'completed');
             INSERT INTO step VALUES (1, 0, 'upper_trapezius', 'left', 'static_compression',
                                      70, 70, 6, 4, 0, {});",
            crate::history::schema::APPLICATION_ID,
            NOW + 100,
            NOW + 80
        ))
        .expect("an old history");
    }
    // Read as it is, without the new table.
    let old = Store::open_read_only(&path)
        .expect("open")
        .expect("a store");
    let sessions = old.sessions(&SessionFilter::default()).expect("read");
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].safety.is_empty());
    drop(old);
    // Migrated on a normal open: the old session is kept, and takes answers.
    let store = Store::open(&path).expect("open");
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, crate::history::schema::latest());
    let saved = [answer("g9_reduced_feeling", "pressure at most 3/10")];
    store.record_safety(SessionId(1), &saved).expect("save");
    let sessions = store.sessions(&SessionFilter::default()).expect("read");
    assert_eq!(sessions[0].steps.len(), 1);
    assert_eq!(sessions[0].safety, saved);
}

#[test]
fn a_stopped_screening_is_saved_with_every_yes_and_is_not_a_session() {
    let library = library();
    // The stroke-signs question comes first for the neck, and its "yes" ends the questions.
    let flow = screened(
        &library,
        "neck",
        &["g3_blood_thinners", "neck_head_stroke_signs"],
    );
    assert!(matches!(flow.decision(), Some(Decision::Stopped)));
    // A finished session's answers leave the stop out; a stop keeps every "yes".
    assert!(SafetyAnswer::from_flow(&library, &flow)
        .iter()
        .all(|a| a.outcome != ScreeningOutcome::Stop));
    let all = SafetyAnswer::all_from_flow(&library, &flow);
    let ids: Vec<&str> = all.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(ids, ["neck_head_stroke_signs"]);
    assert_eq!(all[0].outcome, ScreeningOutcome::Stop);
    assert_eq!(all[0].urgency, Some(Urgency::Emergency));
    assert!(!all[0].advice.is_empty(), "{all:?}");

    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("tpcoach.db")).expect("open");
    let stop = ScreeningStop {
        at: NOW,
        query: "neck".into(),
        matched: "Neck".into(),
        reason: String::new(),
        answers: all,
    };
    store.record_screening_stop(&stop).expect("save");
    let later = ScreeningStop {
        at: NOW + 86_400,
        reason: "your answers leave nothing to work on".into(),
        answers: Vec::new(),
        ..stop.clone()
    };
    store.record_screening_stop(&later).expect("save");
    assert_eq!(
        store.screening_stops(i64::MIN).expect("read"),
        [stop.clone(), later.clone()]
    );
    assert_eq!(store.screening_stops(NOW + 1).expect("read"), [later]);
    // Not a session: nothing counts it as one.
    assert_eq!(store.session_count().expect("count"), 0);
    store.forget().expect("forget");
    assert!(store.screening_stops(i64::MIN).expect("read").is_empty());
}

#[test]
fn a_database_of_the_version_before_the_stops_reads_none_and_takes_them_once_migrated() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("tpcoach.db");
    let before = 5;
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        for migration in &crate::history::schema::MIGRATIONS[..before] {
            conn.execute_batch(migration).expect("an old migration");
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = {before};",
            crate::history::schema::APPLICATION_ID,
        ))
        .expect("an old history");
    }
    let old = Store::open_read_only(&path)
        .expect("open")
        .expect("a store");
    assert!(old.screening_stops(i64::MIN).expect("read").is_empty());
    drop(old);
    let store = Store::open(&path).expect("open");
    let stop = ScreeningStop {
        at: NOW,
        query: "jaw".into(),
        matched: "Jaw".into(),
        reason: String::new(),
        answers: vec![answer("g1_fever", "")],
    };
    store.record_screening_stop(&stop).expect("save");
    assert_eq!(store.screening_stops(0).expect("read"), [stop]);
}
