//! Unit tests of the history store: opening (and refusing) files, writing and reading sessions,
//! forgetting, progress and the hints for routines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::progress::{judge, TREND_POINTS};
use super::*;
use crate::library::{Base, Library, LoadOptions};
use crate::routine::{Advice, Side};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// 2026-11-01 00:00 UTC.
const NOW: i64 = 1_793_491_200;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn db(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("data").join("tpcoach.db")
}

fn open(path: &Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("open: {e}"))
}

fn library() -> Library {
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library")
}

fn step(
    index: u32,
    muscle: &str,
    side: Side,
    before: Option<u8>,
    after: Option<u8>,
    at: i64,
) -> StepRecord {
    StepRecord {
        index,
        muscle: muscle.into(),
        side,
        technique: "static_compression".into(),
        planned_seconds: 70,
        actual_seconds: 65,
        before,
        after,
        skipped: false,
        ended_at: at,
    }
}

/// A finished session at `at` with one rated step per (muscle, side, before, after).
fn session(store: &Store, at: i64, steps: &[(&str, Side, u8, u8)]) -> SessionId {
    let id = store
        .begin_session(&NewSession {
            started_at: at,
            query: "neck".into(),
            matched: "neck (region)".into(),
            plain: false,
        })
        .expect("begin");
    for (i, &(muscle, side, before, after)) in steps.iter().enumerate() {
        store
            .record_step(
                id,
                &step(
                    i as u32,
                    muscle,
                    side,
                    Some(before),
                    Some(after),
                    at + 60 * (i as i64 + 1),
                ),
            )
            .expect("record");
    }
    store
        .finish_session(
            id,
            at + 60 * (steps.len() as i64 + 1),
            SessionStatus::Completed,
        )
        .expect("finish");
    id
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read the file")
}

// ------------------------------------------------------------------ opening

#[cfg(unix)]
#[test]
fn first_open_creates_a_private_folder_and_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let path = db(&dir);
    let store = open(&path);
    session(&store, NOW, &[("upper_trapezius", Side::Left, 5, 3)]);
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(path.parent().expect("a folder")), 0o700);
    assert_eq!(mode(&path), 0o600);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(wal.exists(), "the database is in WAL mode");
    assert_eq!(mode(&wal), 0o600);
}

#[cfg(unix)]
#[test]
fn open_takes_away_access_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let path = db(&dir);
    drop(open(&path));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    drop(open(&path));
    let mode = std::fs::metadata(&path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn open_marks_the_file_and_sets_the_latest_schema() {
    let dir = temp();
    let path = db(&dir);
    drop(open(&path));
    let store = open(&path);
    let pragma = |name: &str| -> i64 {
        store
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .expect("pragma")
    };
    assert_eq!(pragma("application_id"), schema::APPLICATION_ID);
    assert_eq!(pragma("user_version"), schema::latest());
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
}

#[test]
fn an_empty_file_is_set_up_as_a_new_history() {
    let dir = temp();
    let path = dir.path().join("tpcoach.db");
    std::fs::write(&path, b"").expect("write");
    let store = open(&path);
    assert_eq!(store.session_count().expect("count"), 0);
}

fn assert_refused(path: &Path, expect: impl Fn(&StoreError) -> bool) {
    let before = read(path);
    let error = Store::open(path).expect_err("a file that is not ours is refused");
    assert!(expect(&error), "unexpected error: {error:?}");
    let text = error.to_string();
    assert!(
        text.contains(&path.display().to_string()),
        "names the file: {text}"
    );
    assert_eq!(read(path), before, "the file is left exactly as it was");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(!wal.exists(), "nothing was written next to it");
}

#[test]
fn a_text_file_is_refused_and_left_alone() {
    let dir = temp();
    let path = dir.path().join("tpcoach.db");
    std::fs::write(&path, "my notes\n").expect("write");
    assert_refused(&path, |e| matches!(e, StoreError::Foreign { .. }));
}

#[test]
fn another_programs_database_is_refused_and_left_alone() {
    let dir = temp();
    let path = dir.path().join("tpcoach.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('a');")
            .expect("fill");
    }
    assert_refused(&path, |e| matches!(e, StoreError::Foreign { .. }));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA application_id = 42")
            .expect("mark");
    }
    assert_refused(
        &path,
        |e| matches!(e, StoreError::Foreign { what, .. } if what.contains("0x2a")),
    );
}

#[test]
fn another_programs_write_ahead_log_is_not_checkpointed_into_its_file() {
    let dir = temp();
    let path = dir.path().join("tpcoach.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept in the log');",
        )
        .expect("fill");
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .expect("keep the log");
    }
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let (main, log) = (read(&path), read(&wal));
    let error = Store::open(&path).expect_err("not ours");
    assert!(matches!(error, StoreError::Foreign { .. }), "{error:?}");
    assert_eq!(read(&path), main, "the database file is untouched");
    assert_eq!(read(&wal), log, "its log is untouched");
}

#[test]
fn a_damaged_database_is_refused_and_never_overwritten() {
    let dir = temp();
    let path = dir.path().join("tpcoach.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 8192));
    std::fs::write(&path, &bytes).expect("write");
    assert_refused(&path, |e| matches!(e, StoreError::Damaged { .. }));
    let text = Store::open(&path).expect_err("damaged").to_string();
    assert!(text.contains("move it away"), "{text}");
}

#[test]
fn a_database_from_a_newer_tpcoach_is_refused() {
    let dir = temp();
    let path = db(&dir);
    drop(open(&path));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(&format!("PRAGMA user_version = {}", schema::latest() + 1))
            .expect("bump");
    }
    let error = Store::open(&path).expect_err("too new");
    assert!(matches!(error, StoreError::TooNew { .. }), "{error:?}");
    assert!(error.to_string().contains("update tpcoach"));
}

#[test]
fn a_folder_in_place_of_the_file_is_refused() {
    let dir = temp();
    let path = dir.path().join("tpcoach.db");
    std::fs::create_dir(&path).expect("mkdir");
    let error = Store::open(&path).expect_err("a folder");
    assert!(matches!(error, StoreError::Foreign { .. }), "{error:?}");
}

#[test]
fn open_if_exists_creates_nothing() {
    let dir = temp();
    let path = db(&dir);
    assert!(Store::open_if_exists(&path).expect("no error").is_none());
    assert!(!path.exists());
    assert!(!path.parent().expect("folder").exists());
    drop(open(&path));
    assert!(Store::open_if_exists(&path).expect("opens").is_some());
}

// ------------------------------------------------------------------ writing and reading

#[test]
fn sessions_read_back_newest_first_with_their_steps() {
    let dir = temp();
    let store = open(&db(&dir));
    let old = session(
        &store,
        NOW - 3 * DAY,
        &[("upper_trapezius", Side::Left, 6, 4)],
    );
    let new = session(
        &store,
        NOW - DAY,
        &[
            ("levator_scapulae", Side::Right, 5, 2),
            ("upper_trapezius", Side::Right, 4, 4),
        ],
    );
    let all = store.sessions(&SessionFilter::default()).expect("read");
    assert_eq!(all.iter().map(|s| s.id).collect::<Vec<_>>(), vec![new, old]);
    assert_eq!(all[0].steps.len(), 2);
    assert_eq!(all[0].steps[0].muscle, "levator_scapulae");
    assert_eq!(all[0].steps[0].side, Side::Right);
    assert_eq!(all[0].steps[0].before, Some(5));
    assert_eq!(all[0].status, Some(SessionStatus::Completed));
    assert_eq!(all[0].status_text(), "completed");

    let since = store
        .sessions(&SessionFilter {
            since: Some(NOW - 2 * DAY),
            muscles: None,
        })
        .expect("read");
    assert_eq!(since.iter().map(|s| s.id).collect::<Vec<_>>(), vec![new]);

    let levator = store
        .sessions(&SessionFilter {
            since: None,
            muscles: Some(BTreeSet::from(["levator_scapulae".to_string()])),
        })
        .expect("read");
    assert_eq!(levator.iter().map(|s| s.id).collect::<Vec<_>>(), vec![new]);
}

#[test]
fn an_unfinished_session_keeps_its_steps() {
    let dir = temp();
    let path = db(&dir);
    {
        let store = open(&path);
        let id = store
            .begin_session(&NewSession {
                started_at: NOW,
                query: "neck".into(),
                matched: "neck (region)".into(),
                plain: false,
            })
            .expect("begin");
        for i in 0..3 {
            store
                .record_step(
                    id,
                    &step(i, "scalenes", Side::Left, Some(4), Some(2), NOW + 60),
                )
                .expect("record");
        }
        // No finish_session: the process "dies" here.
    }
    let store = open(&path);
    let sessions = store.sessions(&SessionFilter::default()).expect("read");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].steps.len(), 3);
    assert_eq!(sessions[0].status, None);
    assert_eq!(sessions[0].status_text(), "unfinished");
    assert_eq!(sessions[0].ended_at, None);
}

#[test]
fn recording_a_step_again_replaces_it() {
    let dir = temp();
    let store = open(&db(&dir));
    let id = session(&store, NOW, &[("scalenes", Side::Left, 4, 2)]);
    store
        .record_step(
            id,
            &step(0, "scalenes", Side::Left, Some(4), Some(1), NOW + 90),
        )
        .expect("record again");
    let sessions = store.sessions(&SessionFilter::default()).expect("read");
    assert_eq!(sessions[0].steps.len(), 1);
    assert_eq!(sessions[0].steps[0].after, Some(1));
}

#[test]
fn bad_values_and_unknown_sessions_are_errors() {
    let dir = temp();
    let store = open(&db(&dir));
    let id = session(&store, NOW, &[]);
    let error = store
        .record_step(id, &step(0, "scalenes", Side::Left, Some(11), None, NOW))
        .expect_err("11 is off the scale");
    assert!(error.to_string().contains("0-10"), "{error}");
    let error = store
        .record_step(
            SessionId(999),
            &step(0, "scalenes", Side::Left, None, None, NOW),
        )
        .expect_err("no such session");
    assert!(
        matches!(error, StoreError::UnknownSession { id: 999, .. }),
        "{error:?}"
    );
    let error = store
        .finish_session(SessionId(999), NOW, SessionStatus::Partial)
        .expect_err("no such session");
    assert!(
        matches!(error, StoreError::UnknownSession { id: 999, .. }),
        "{error:?}"
    );
}

#[test]
fn the_screening_date_is_the_latest_all_clear() {
    let dir = temp();
    let store = open(&db(&dir));
    assert_eq!(store.screening_cleared_at().expect("read"), None);
    store
        .record_screening_clear(NOW - 40 * DAY)
        .expect("record");
    store.record_screening_clear(NOW - 2 * DAY).expect("record");
    assert_eq!(
        store.screening_cleared_at().expect("read"),
        Some(NOW - 2 * DAY)
    );
}

#[test]
fn a_failed_batch_saves_nothing() {
    let dir = temp();
    let store = open(&db(&dir));
    let result: Result<(), StoreError> = store.write_batch(|s| {
        session(s, NOW, &[("scalenes", Side::Left, 4, 2)]);
        s.record_step(
            SessionId(999),
            &step(0, "scalenes", Side::Left, None, None, NOW),
        )
    });
    assert!(result.is_err());
    assert_eq!(store.session_count().expect("count"), 0);
    assert_eq!(store.step_count().expect("count"), 0);
    store
        .write_batch(|s| Ok(session(s, NOW, &[("scalenes", Side::Left, 4, 2)])))
        .expect("batch");
    assert_eq!(store.step_count().expect("count"), 1);
}

#[test]
fn forget_removes_everything_and_keeps_a_usable_file() {
    let dir = temp();
    let path = db(&dir);
    let store = open(&path);
    session(&store, NOW - DAY, &[("upper_trapezius", Side::Left, 6, 4)]);
    session(
        &store,
        NOW,
        &[
            ("upper_trapezius", Side::Left, 5, 3),
            ("scalenes", Side::Right, 3, 1),
        ],
    );
    store.record_screening_clear(NOW).expect("record");
    let gone = store.forget().expect("forget");
    assert_eq!(
        gone,
        Forgotten {
            sessions: 2,
            steps: 3,
            plans: 0
        }
    );
    assert_eq!(store.session_count().expect("count"), 0);
    assert_eq!(store.step_count().expect("count"), 0);
    assert_eq!(store.screening_cleared_at().expect("read"), None);
    drop(store);
    let bytes = read(&path);
    let needle = b"upper_trapezius";
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "no trace of the forgotten steps is left in the file"
    );
    let store = open(&path);
    session(&store, NOW, &[("scalenes", Side::Right, 3, 1)]);
    assert_eq!(store.session_count().expect("count"), 1);
}

// ------------------------------------------------------------------ progress

fn point(day: i64, before: f64) -> TrendPoint {
    TrendPoint {
        session: SessionId(day),
        at: NOW - day * DAY,
        before: Some(before),
        after: Some(before - 2.0),
    }
}

fn points(days_and_befores: &[(i64, f64)]) -> Vec<TrendPoint> {
    days_and_befores.iter().map(|&(d, b)| point(d, b)).collect()
}

#[test]
fn judge_needs_about_two_weeks_of_regular_work() {
    assert_eq!(judge(&[], NOW), Verdict::TooFewSessions);
    // Four sessions, but within a week.
    assert_eq!(
        judge(&points(&[(7, 6.0), (5, 6.0), (3, 6.0), (1, 6.0)]), NOW),
        Verdict::TooFewSessions
    );
    // Two weeks, but only three sessions.
    assert_eq!(
        judge(&points(&[(14, 6.0), (7, 6.0), (1, 6.0)]), NOW),
        Verdict::TooFewSessions
    );
    // Regular work that was long ago does not count.
    assert_eq!(
        judge(&points(&[(60, 6.0), (55, 6.0), (50, 6.0), (45, 6.0)]), NOW),
        Verdict::TooFewSessions
    );
}

#[test]
fn judge_tells_improving_from_not_improving() {
    let steady = points(&[(14, 6.0), (11, 6.0), (8, 5.0), (5, 6.0), (2, 6.0), (0, 5.5)]);
    assert_eq!(judge(&steady, NOW), Verdict::NotImproving);
    assert!(Verdict::NotImproving.see_a_professional());
    let better = points(&[(14, 7.0), (11, 6.0), (8, 6.0), (5, 5.0), (2, 4.0), (0, 4.0)]);
    assert_eq!(judge(&better, NOW), Verdict::Improving);
    assert!(!Verdict::Improving.see_a_professional());
    let low = points(&[(14, 2.0), (11, 2.0), (8, 3.0), (5, 2.0), (2, 2.0)]);
    assert_eq!(judge(&low, NOW), Verdict::Low);
}

#[test]
fn judge_sees_tenderness_that_keeps_rising() {
    assert_eq!(
        judge(&points(&[(4, 3.0), (2, 4.0), (0, 5.0)]), NOW),
        Verdict::Rising
    );
    // A rise of one point over three sessions is noise.
    assert_eq!(
        judge(&points(&[(4, 4.0), (2, 4.5), (0, 5.0)]), NOW),
        Verdict::TooFewSessions
    );
    // Up then down is not "keeps rising".
    assert_eq!(
        judge(&points(&[(4, 3.0), (2, 6.0), (0, 5.0)]), NOW),
        Verdict::TooFewSessions
    );
    assert!(Verdict::Rising.see_a_professional());
}

#[test]
fn progress_counts_sessions_drops_and_last_worked_per_side() {
    let dir = temp();
    let store = open(&db(&dir));
    session(
        &store,
        NOW - 3 * DAY,
        &[
            ("upper_trapezius", Side::Left, 6, 4),
            ("upper_trapezius", Side::Left, 4, 3),
        ],
    );
    session(
        &store,
        NOW - DAY,
        &[
            ("upper_trapezius", Side::Left, 5, 2),
            ("scalenes", Side::Right, 3, 3),
        ],
    );
    let id = store
        .begin_session(&NewSession {
            started_at: NOW,
            query: "neck".into(),
            matched: "neck".into(),
            plain: true,
        })
        .expect("begin");
    // An unrated step counts as a session worked, but adds no trend point.
    store
        .record_step(
            id,
            &step(0, "upper_trapezius", Side::Left, None, None, NOW + 60),
        )
        .expect("record");
    // A skipped step does not count at all.
    let mut skipped = step(1, "scalenes", Side::Right, Some(9), None, NOW + 90);
    skipped.skipped = true;
    store.record_step(id, &skipped).expect("record");

    let all = store.progress(None, NOW + DAY).expect("progress");
    let keys: Vec<(&str, Side)> = all.iter().map(|p| (p.muscle.as_str(), p.side)).collect();
    assert_eq!(
        keys,
        vec![("scalenes", Side::Right), ("upper_trapezius", Side::Left)]
    );
    let traps = &all[1];
    assert_eq!(traps.sessions, 3);
    assert_eq!(traps.steps, 4);
    assert_eq!(traps.last_worked_at, NOW + 60);
    // Drops 2, 1, 3.
    assert_eq!(traps.average_drop, Some(2.0));
    assert_eq!(traps.trend.len(), 2);
    assert_eq!(traps.trend[0].before, Some(5.0));
    assert_eq!(traps.trend[0].after, Some(3.5));
    let scalenes = &all[0];
    assert_eq!(scalenes.sessions, 1);
    assert_eq!(scalenes.last_worked_at, NOW - DAY + 120);

    let only = store
        .progress(Some(&BTreeSet::from(["scalenes".to_string()])), NOW)
        .expect("progress");
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].muscle, "scalenes");
}

#[test]
fn progress_shows_only_the_latest_sessions_in_its_trend() {
    let dir = temp();
    let store = open(&db(&dir));
    for day in 0..30 {
        session(
            &store,
            NOW - (30 - day) * DAY,
            &[("upper_trapezius", Side::Right, 7, 5)],
        );
    }
    let all = store.progress(None, NOW).expect("progress");
    assert_eq!(all[0].sessions, 30);
    assert_eq!(all[0].trend.len(), TREND_POINTS);
    assert_eq!(all[0].trend.last().map(|p| p.at), Some(NOW - DAY + 60));
    assert_eq!(all[0].verdict, Verdict::NotImproving);
}

// ------------------------------------------------------------------ hints

#[test]
fn a_spot_still_tender_within_the_last_day_is_rested() {
    let dir = temp();
    let store = open(&db(&dir));
    session(
        &store,
        NOW - 10 * HOUR,
        &[("upper_trapezius", Side::Left, 6, STILL_TENDER)],
    );
    let hints = store.hints(&library(), NOW).expect("hints");
    assert_eq!(
        hints
            .advice
            .get(&("upper_trapezius".to_string(), Side::Left)),
        Some(&Advice::Rest)
    );
    assert_eq!(
        hints
            .advice
            .get(&("upper_trapezius".to_string(), Side::Right)),
        None
    );
}

#[test]
fn a_stretch_that_eased_a_spot_does_not_hide_pressure_that_left_it_sorer() {
    let dir = temp();
    let store = open(&db(&dir));
    // Pressure took the left side from 7 to 10; its stretch afterwards from 4 to 2.
    session(
        &store,
        NOW - 2 * HOUR,
        &[
            ("upper_trapezius", Side::Left, 7, 10),
            ("upper_trapezius", Side::Left, 4, 2),
        ],
    );
    let hints = store.hints(&library(), NOW).expect("hints");
    assert_eq!(
        hints
            .advice
            .get(&("upper_trapezius".to_string(), Side::Left)),
        Some(&Advice::Rest)
    );
    // A later session that left it easy takes over.
    session(&store, NOW - HOUR, &[("upper_trapezius", Side::Left, 3, 1)]);
    let hints = store.hints(&library(), NOW).expect("hints");
    assert_eq!(
        hints
            .advice
            .get(&("upper_trapezius".to_string(), Side::Left)),
        None
    );
}

#[test]
fn a_moderately_tender_recent_spot_gets_a_gentler_dose() {
    let dir = temp();
    let store = open(&db(&dir));
    // Within the day but only moderately tender; and tender but a day and a half ago.
    session(
        &store,
        NOW - 10 * HOUR,
        &[("upper_trapezius", Side::Left, 6, MODERATELY_TENDER)],
    );
    session(
        &store,
        NOW - 30 * HOUR,
        &[("levator_scapulae", Side::Right, 8, 6)],
    );
    let hints = store.hints(&library(), NOW).expect("hints");
    assert_eq!(
        hints
            .advice
            .get(&("upper_trapezius".to_string(), Side::Left)),
        Some(&Advice::Gentle)
    );
    assert_eq!(
        hints
            .advice
            .get(&("levator_scapulae".to_string(), Side::Right)),
        Some(&Advice::Gentle)
    );
}

#[test]
fn spots_that_eased_or_were_worked_long_ago_get_no_advice() {
    let dir = temp();
    let store = open(&db(&dir));
    session(
        &store,
        NOW - 3 * HOUR,
        &[("upper_trapezius", Side::Left, 6, 2)],
    );
    session(&store, NOW - 2 * DAY, &[("scalenes", Side::Left, 8, 7)]);
    session(&store, NOW - HOUR, &[("not_a_muscle", Side::Left, 8, 7)]);
    let hints = store.hints(&library(), NOW).expect("hints");
    assert!(hints.advice.is_empty(), "{hints:?}");
    assert!(hints.unhelpful.is_empty());
}

#[test]
fn a_muscle_that_never_helps_is_unhelpful() {
    let dir = temp();
    let store = open(&db(&dir));
    for day in [9, 6, 3] {
        session(
            &store,
            NOW - day * DAY,
            &[
                ("scalenes", Side::Left, 5, 5),
                ("scalenes", Side::Right, 5, 4),
                ("upper_trapezius", Side::Left, 6, 3),
            ],
        );
    }
    let hints = store.hints(&library(), NOW).expect("hints");
    assert_eq!(hints.unhelpful, BTreeSet::from(["scalenes".to_string()]));

    // One good session among the last three is enough to keep its place.
    let dir = temp();
    let store = open(&db(&dir));
    for (day, after) in [(9, 5), (6, 3), (3, 5)] {
        session(
            &store,
            NOW - day * DAY,
            &[("scalenes", Side::Left, 5, after)],
        );
    }
    assert!(store
        .hints(&library(), NOW)
        .expect("hints")
        .unhelpful
        .is_empty());

    // Two sessions are not "several"; and sessions older than the look-back are forgotten.
    let dir = temp();
    let store = open(&db(&dir));
    session(&store, NOW - 100 * DAY, &[("scalenes", Side::Left, 5, 5)]);
    for day in [6, 3] {
        session(&store, NOW - day * DAY, &[("scalenes", Side::Left, 5, 5)]);
    }
    assert!(store
        .hints(&library(), NOW)
        .expect("hints")
        .unhelpful
        .is_empty());
}
