//! Integration tests of `tpcoach report`: a small fixed history saved through the library's
//! `Store` API (as `tpcoach session` saves it) and a real `session --plain` run; the page is
//! parsed with a real HTML parser (scraper) and its figures checked against `history --json` and
//! `progress --json`. Every command runs with `TZ=UTC` and a fixed `TPCOACH_NOW`.

mod common;

use std::path::{Path, PathBuf};

use common::{json, stdout, Sandbox};
use scraper::{Html, Selector};
use tpcoach::history::{NewSession, SafetyAnswer, ScreeningStop, SessionStatus, StepRecord, Store};
use tpcoach::model::{ScreeningOutcome, Urgency};
use tpcoach::routine::Side;

const DAY: i64 = 86_400;
/// 2026-11-02 08:00 UTC: the first session.
const START: i64 = 1_793_606_400;
/// Sixteen days later, 20:00.
const NOW: i64 = START + 16 * DAY + 12 * 3_600;

/// A query with every character that HTML must not see raw.
const HOSTILE: &str = "neck <script>alert(\"x\")</script> & 'shoulders'";

fn at(sandbox: &Sandbox, now: i64, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = sandbox.cmd();
    cmd.env("TZ", "UTC")
        .env("TPCOACH_NOW", now.to_string())
        .env_remove("RUST_BACKTRACE")
        .args(args);
    cmd
}

fn db(sandbox: &Sandbox) -> PathBuf {
    sandbox.home().join("tpcoach.db")
}

fn step(index: u32, muscle: &str, side: Side, before: u8, after: u8, at: i64) -> StepRecord {
    StepRecord {
        index,
        muscle: muscle.into(),
        side,
        technique: "static_compression".into(),
        planned_seconds: 70,
        actual_seconds: 72,
        before: Some(before),
        after: Some(after),
        skipped: false,
        ended_at: at,
    }
}

/// Six sessions over sixteen days: the left upper trapezius improving (7 -> 3), the right one
/// staying tender (6, 6, 6, 6, 6, 6), the left levator scapulae low (3) and skipped once; the last
/// query hostile;
/// a "yes" to the blood thinners question on record, which limited the last three sessions; the
/// last one also went on with advice about new pain (its words hostile).
fn fixed_history(path: &Path) {
    let store = Store::open(path).expect("open the store");
    let befores_left = [7, 6, 6, 5, 4, 3];
    for (n, day) in [0_i64, 3, 6, 9, 12, 15].into_iter().enumerate() {
        let started = START + day * DAY;
        let query = if n == 5 { HOSTILE } else { "neck" };
        let id = store
            .begin_session(&NewSession {
                started_at: started,
                query: query.into(),
                matched: "neck (region)".into(),
                plain: false,
            })
            .expect("begin");
        let b = befores_left[n];
        store
            .record_step(
                id,
                &step(0, "upper_trapezius", Side::Left, b, b - 2, started + 80),
            )
            .expect("step");
        store
            .record_step(
                id,
                &step(1, "upper_trapezius", Side::Right, 6, 5, started + 160),
            )
            .expect("step");
        let mut levator = step(2, "levator_scapulae", Side::Left, 3, 1, started + 240);
        if n == 2 {
            levator.skipped = true;
            levator.before = None;
            levator.after = None;
            levator.actual_seconds = 0;
        }
        store.record_step(id, &levator).expect("step");
        if n >= 3 {
            store
                .record_safety(id, &safety_answers(n == 5))
                .expect("safety");
        }
        store
            .finish_session(id, started + 300, SessionStatus::Completed)
            .expect("finish");
    }
    store
        .remember_screening(&[("g3_blood_thinners".into(), true, START - 60)])
        .expect("screening");
}

/// The blood thinners "yes" as a session saves it, and with `new_pain` an advice whose words
/// HTML must not see raw.
fn safety_answers(new_pain: bool) -> Vec<SafetyAnswer> {
    let mut out = vec![SafetyAnswer {
        question: "g3_blood_thinners".into(),
        topic: "blood thinners".into(),
        asked: "Still taking blood thinners, or still bruising easily?".into(),
        outcome: ScreeningOutcome::Limit,
        urgency: Some(Urgency::Advice),
        changed: "hands only, no tools, pressure at most 3/10".into(),
        advice: "Use light pressure with your hands only.".into(),
    }];
    if new_pain {
        out.push(SafetyAnswer {
            question: "g13_new_pain".into(),
            topic: "new pain".into(),
            asked: "Did this pain start <recently>?".into(),
            outcome: ScreeningOutcome::Advise,
            urgency: None,
            changed: String::new(),
            advice: HOSTILE.into(),
        });
    }
    out
}

fn page(sandbox: &Sandbox, args: &[&str]) -> Html {
    let mut all = vec!["report", "--out", "-"];
    all.extend_from_slice(args);
    let output = at(sandbox, NOW, &all).output().expect("run report");
    assert!(output.status.success(), "{output:?}");
    Html::parse_document(&stdout(&output))
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a selector");
    html.select(&selector).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

fn field(row: &scraper::ElementRef<'_>, name: &str) -> String {
    let selector = Selector::parse(&format!("[data-field=\"{name}\"]")).expect("selector");
    row.select(&selector)
        .next()
        .map(|e| text(&e))
        .unwrap_or_else(|| panic!("no {name} in {}", row.html()))
}

/// The points a chart's series draws (its polyline's vertices; one point is drawn twice).
fn chart_points(html: &Html, css: &str) -> usize {
    let lines = select(html, css);
    assert_eq!(lines.len(), 1, "{css}");
    let points: Vec<&str> = lines[0]
        .value()
        .attr("points")
        .expect("points")
        .split_whitespace()
        .collect();
    let count: usize = lines[0]
        .value()
        .attr("data-points")
        .and_then(|n| n.parse().ok())
        .expect("data-points");
    assert_eq!(points.len(), count.max(2), "{css}");
    count
}

fn json_of(sandbox: &Sandbox, args: &[&str]) -> serde_json::Value {
    let output = at(sandbox, NOW, args).output().expect("run");
    assert!(output.status.success(), "{output:?}");
    json(&output)
}

#[test]
fn the_sessions_table_and_summary_match_history() {
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let html = page(&sandbox, &[]);
    let history = json_of(&sandbox, &["history", "--json"]);
    let sessions = history.as_array().expect("a list");
    let rows = select(&html, "#sessions tbody tr");
    assert_eq!(rows.len(), sessions.len());
    assert_eq!(rows.len(), 6);
    let summary = select(&html, "#summary [data-field=\"sessions\"]");
    assert_eq!(text(&summary[0]), "6");
    let mut total = 0;
    for (row, session) in rows.iter().zip(sessions) {
        assert_eq!(
            row.value().attr("data-session"),
            Some(session["id"].to_string().as_str())
        );
        let seconds = session["seconds"].as_u64().expect("seconds");
        total += seconds;
        let time = Selector::parse("[data-field=\"time\"]").expect("selector");
        let cell = row.select(&time).next().expect("a time cell");
        assert_eq!(
            cell.value().attr("data-seconds"),
            Some(seconds.to_string().as_str())
        );
        assert_eq!(
            field(row, "query"),
            session["query"].as_str().expect("query")
        );
        assert_eq!(
            field(row, "status"),
            session["status"].as_str().expect("status")
        );
        let done = session["steps_done"].as_u64().expect("done");
        let skipped = session["steps_skipped"].as_u64().expect("skipped");
        let steps = if skipped == 0 {
            done.to_string()
        } else {
            format!("{done} ({skipped} skipped)")
        };
        assert_eq!(field(row, "steps"), steps);
        let fmt = |v: &serde_json::Value| {
            let v = v.as_f64().expect("a rating");
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        };
        assert_eq!(
            field(row, "tenderness"),
            format!("{} → {}", fmt(&session["before"]), fmt(&session["after"]))
        );
        // The date: the same local time as `history` shows.
        let started = session["started_at"].as_i64().expect("start");
        assert!(field(row, "when").starts_with("2026-11-"), "{started}");
    }
    // 5 sessions of 3 steps and one with 2 done, 72 s each.
    assert_eq!(total, 17 * 72);
    assert_eq!(
        text(&select(&html, "#summary [data-field=\"minutes\"]")[0]),
        "20 min 24 s"
    );
    assert_eq!(
        text(&select(&html, "#summary [data-field=\"muscles\"]")[0]),
        "2"
    );
}

#[test]
fn the_progress_table_matches_progress() {
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let html = page(&sandbox, &[]);
    let progress = json_of(&sandbox, &["progress", "--json"]);
    let expected = progress.as_array().expect("a list");
    let rows = select(&html, "#progress tbody tr");
    assert_eq!(rows.len(), expected.len());
    assert_eq!(rows.len(), 3);
    for (row, p) in rows.iter().zip(expected) {
        assert_eq!(row.value().attr("data-muscle"), p["muscle"].as_str());
        assert_eq!(row.value().attr("data-side"), p["side"].as_str());
        assert_eq!(field(row, "name"), p["name"].as_str().expect("name"));
        assert_eq!(field(row, "sessions"), p["sessions"].to_string());
        assert_eq!(
            field(row, "average_drop"),
            format!("{:.1}", p["average_drop"].as_f64().expect("drop"))
        );
        let verdict = Selector::parse("[data-verdict]").expect("selector");
        let cell = row.select(&verdict).next().expect("a verdict");
        assert_eq!(
            cell.value()
                .attr("data-verdict")
                .map(|v| v.replace('-', "_")),
            p["verdict"].as_str().map(|v| match v {
                "too_few_sessions" => "too_early".to_string(),
                other => other.to_string(),
            })
        );
    }
    // The right upper trapezius stays at 6 over two weeks: see a professional, on the page too.
    let advice = select(&html, "#advice li");
    let warned: Vec<&serde_json::Value> = expected
        .iter()
        .filter(|p| p["see_a_professional"] == true)
        .collect();
    assert_eq!(advice.len(), warned.len());
    assert_eq!(advice.len(), 1);
    assert!(text(&advice[0]).contains("Upper trapezius (right)"));
    assert!(text(&advice[0]).contains(warned[0]["advice"].as_str().expect("advice")));
    // One chart per muscle and side, one point before and one after per rated session.
    for p in expected {
        for series in ["before", "after"] {
            let css = format!(
                "figure[data-muscle=\"{}\"][data-side=\"{}\"] polyline.{series}",
                p["muscle"].as_str().expect("id"),
                p["side"].as_str().expect("side")
            );
            assert_eq!(
                chart_points(&html, &css),
                p["sessions"].as_u64().expect("n") as usize,
                "{css}"
            );
        }
    }
    // The body map colours each worked spot by its trend.
    let spots = select(&html, "svg.body-map g.spot[data-tone]");
    assert!(spots
        .iter()
        .any(|s| s.value().attr("data-tone") == Some("improving")));
    assert!(spots
        .iter()
        .any(|s| s.value().attr("data-tone") == Some("not-improving")));
}

#[test]
fn every_user_given_string_is_escaped() {
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let output = at(&sandbox, NOW, &["report", "--out", "-"])
        .output()
        .expect("run");
    let raw = stdout(&output);
    assert!(!raw.contains("<script"), "a raw script tag");
    assert!(raw
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;shoulders&apos;"));
    let html = Html::parse_document(&raw);
    assert!(select(&html, "script").is_empty());
    let queries: Vec<String> = select(&html, "#sessions [data-field=\"query\"]")
        .iter()
        .map(text)
        .collect();
    assert!(queries.contains(&HOSTILE.to_string()), "{queries:?}");
}

#[test]
fn the_safety_answers_and_the_evidence_note_are_on_the_page() {
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let html = page(&sandbox, &[]);
    let notes = select(&html, "#safety li[data-question=\"g3_blood_thinners\"]");
    assert_eq!(notes.len(), 1);
    assert!(
        text(&notes[0]).contains("light pressure"),
        "{}",
        text(&notes[0])
    );
    assert!(text(&notes[0]).contains("2026-11-02"));
    let evidence = select(&html, "#evidence");
    assert_eq!(text(&evidence[0]), tpcoach::guide::EVIDENCE_NOTE);
    assert!(text(&select(&html, "header")[0]).contains("Not a diagnosis"));
    assert!(text(&select(&html, "#version")[0]).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_safety_answers_that_changed_sessions_are_shown_with_each_and_with_their_dates() {
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let html = page(&sandbox, &[]);
    let history = json_of(&sandbox, &["history", "--json"]);
    let ids: Vec<i64> = history
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["id"].as_i64().expect("id"))
        .collect();
    // Per session: the newest three (the sessions of days 9, 12 and 15) say what changed.
    let rows = select(&html, "#sessions tbody tr");
    assert_eq!(rows.len(), 6);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(
            row.value().attr("data-session"),
            Some(ids[i].to_string().as_str())
        );
        let cells: Vec<String> = row
            .select(&Selector::parse("[data-field=\"safety\"]").expect("selector"))
            .map(|e| text(&e))
            .collect();
        match i {
            0 => assert_eq!(
                cells,
                ["Safety: blood thinners (hands only, no tools, pressure at most 3/10); new pain (advice)"]
            ),
            1 | 2 => assert_eq!(
                cells,
                ["Safety: blood thinners (hands only, no tools, pressure at most 3/10)"]
            ),
            _ => assert!(cells.is_empty(), "session {i}: {cells:?}"),
        }
        // `history --json` carries the same answers for the same sessions.
        let topics: Vec<&str> = history[i]["safety"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x["topic"].as_str().expect("topic"))
                    .collect()
            })
            .unwrap_or_default();
        match i {
            0 => assert_eq!(topics, ["blood thinners", "new pain"]),
            1 | 2 => assert_eq!(topics, ["blood thinners"]),
            _ => assert!(topics.is_empty(), "session {i}: {topics:?}"),
        }
    }
    assert_eq!(
        history[1]["safety"][0]["changed"],
        "hands only, no tools, pressure at most 3/10"
    );
    // The section: each answer once, with the dates of its sessions, newest first.
    let items = select(&html, "#safety-changes li");
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].value().attr("data-question"),
        Some("g3_blood_thinners")
    );
    assert_eq!(field(&items[0], "count"), "3");
    assert_eq!(
        field(&items[0], "dates"),
        "2026-11-17, 2026-11-14, 2026-11-11"
    );
    assert_eq!(
        field(&items[0], "changed"),
        "Changed: hands only, no tools, pressure at most 3/10"
    );
    assert!(text(&items[0]).contains("Still taking blood thinners"));
    assert!(text(&items[0]).contains("Care: ask a clinician when convenient."));
    assert_eq!(items[1].value().attr("data-question"), Some("g13_new_pain"));
    assert_eq!(field(&items[1], "dates"), "2026-11-17");
    assert_eq!(
        field(&items[1], "changed"),
        "The session went on with advice"
    );
    // Escaped: the parser reads the hostile words back as text, and no tag came of them.
    assert_eq!(field(&items[1], "advice"), HOSTILE);
    assert!(text(&items[1]).contains("Did this pain start <recently>?"));
    assert!(select(&html, "recently").is_empty());
    assert!(select(&html, "script").is_empty());
    // Only the period's sessions: before day 10, none of them.
    let early = page(&sandbox, &["--since", "2026-11-15"]);
    assert_eq!(
        field(&select(&early, "#safety-changes li")[0], "count"),
        "1"
    );
}

#[test]
fn a_history_without_changed_sessions_has_no_section_for_them() {
    let sandbox = Sandbox::new();
    let store = Store::open(&db(&sandbox)).expect("open");
    let id = store
        .begin_session(&NewSession {
            started_at: START,
            query: "neck".into(),
            matched: "neck (region)".into(),
            plain: false,
        })
        .expect("begin");
    store
        .record_step(
            id,
            &step(0, "upper_trapezius", Side::Left, 5, 3, START + 80),
        )
        .expect("step");
    store
        .finish_session(id, START + 100, SessionStatus::Completed)
        .expect("finish");
    drop(store);
    let html = page(&sandbox, &[]);
    assert_eq!(select(&html, "#sessions tbody tr").len(), 1);
    assert!(select(&html, "#safety-changes").is_empty());
    assert!(select(&html, "[data-field=\"safety\"]").is_empty());
    assert!(!text(&select(&html, "body")[0]).contains("changed the routine"));
}

#[test]
fn since_and_region_narrow_the_page_as_they_narrow_history() {
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let html = page(&sandbox, &["--since", "2026-11-10"]);
    let history = json_of(&sandbox, &["history", "--json", "--since", "2026-11-10"]);
    let n = history.as_array().expect("list").len();
    assert_eq!(n, 3);
    assert_eq!(select(&html, "#sessions tbody tr").len(), n);
    assert_eq!(
        text(&select(&html, "[data-field=\"from\"]")[0]),
        "2026-11-10 to 2026-11-18"
    );
    let points = chart_points(
        &html,
        "figure[data-muscle=\"upper_trapezius\"][data-side=\"left\"] polyline.before",
    );
    assert_eq!(points, n);
    let other = page(&sandbox, &["--region", "low back"]);
    assert_eq!(select(&other, "#sessions tbody tr").len(), 0);
    assert!(text(&select(&other, "#summary")[0]).contains("No sessions saved yet"));
}

#[test]
fn an_empty_history_gives_a_friendly_page() {
    let sandbox = Sandbox::new();
    let html = page(&sandbox, &[]);
    assert!(text(&select(&html, "#summary")[0]).contains("No sessions saved yet"));
    assert!(select(&html, "#sessions").is_empty());
    assert!(
        !db(&sandbox).exists(),
        "a report must not create the database"
    );
}

#[test]
fn the_file_is_private_and_never_overwritten_without_force() {
    use std::os::unix::fs::PermissionsExt as _;
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let out = sandbox.home().join("r.html");
    let out_text = out.to_str().expect("UTF-8 path");
    at(&sandbox, NOW, &["report", "--out", out_text])
        .assert()
        .success()
        .stderr(predicates::str::contains("wrote the report (6 sessions)"));
    let mode = std::fs::metadata(&out)
        .expect("written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    std::fs::write(&out, "mine").expect("write");
    at(&sandbox, NOW, &["report", "--out", out_text])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "mine");
    at(&sandbox, NOW, &["report", "--out", out_text, "--force"])
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out)
        .expect("read")
        .starts_with("<!DOCTYPE html>"));
}

#[test]
fn the_default_file_is_named_by_date_in_the_current_folder() {
    let sandbox = Sandbox::new();
    let folder = tempfile::tempdir().expect("a folder");
    at(&sandbox, NOW, &["report"])
        .current_dir(folder.path())
        .assert()
        .success();
    assert!(folder
        .path()
        .join("tpcoach-report-2026-11-18.html")
        .exists());
}

#[test]
fn a_real_plain_session_is_reported() {
    let sandbox = Sandbox::new();
    at(
        &sandbox,
        NOW,
        &["session", "neck", "--plain", "--minutes", "3"],
    )
    .env("TPCOACH_TIME_SCALE", "0.001")
    .assert()
    .success();
    let html = page(&sandbox, &[]);
    let history = json_of(&sandbox, &["history", "--json"]);
    let rows = select(&html, "#sessions tbody tr");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        field(&rows[0], "status"),
        history[0]["status"].as_str().expect("status")
    );
    assert_eq!(field(&rows[0], "tenderness"), "-");
}

#[test]
fn a_small_fixed_history_gives_the_same_page() {
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let output = at(&sandbox, NOW, &["report", "--out", "-"])
        .output()
        .expect("run");
    let page = stdout(&output);
    // Kept for scripts/check-pictures.sh, which renders it with headless Chromium.
    let sample = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-sample.html");
    std::fs::write(&sample, &page).expect("write the sample");
    insta::assert_snapshot!(page);
}

#[test]
fn a_real_session_limited_by_a_safety_answer_shows_it_on_the_page() {
    use tpcoach::library::{Base, Library, LoadOptions};
    use tpcoach::routine::{self, Options, Sides};
    use tpcoach::session::screening::{Decision, Flow, Next};

    const YES: &str = "g3_blood_thinners";
    let args = ["session", "neck", "--minutes", "4", "--side", "left"];
    // What the core's screening asks for that session, and the routine it then goes ahead with.
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("built-in library");
    let options = Options {
        minutes: 4,
        equipment: ["fingers".to_string(), "ball".to_string()].into(),
        sides: Sides::Left,
        limits: Default::default(),
        history: None,
        technique: Default::default(),
        settle_seconds: tpcoach::routine::SETTLE_SECONDS,
    };
    let first = routine::build(&library, "neck", &options).expect("a neck routine");
    let mut flow = Flow::new(&library, "neck", options, first, None, NOW).expect("flow");
    let mut asked = Vec::new();
    loop {
        match flow.next_question() {
            Next::Ask(a) => {
                asked.push(a.question.id.to_string());
                flow.answer(a.question.id == YES);
            }
            Next::GoOn => flow.answer(true),
            Next::Done => break,
        }
    }
    let Some(Decision::Go(routine)) = flow.decision() else {
        panic!("the session goes ahead: {:?}", flow.decision());
    };
    assert!(asked.iter().any(|id| id == YES), "{asked:?}");

    let sandbox = Sandbox::new();
    let mut cmd = sandbox.sh(common::pty::SCRIPT);
    cmd.env("TPCOACH_TIME_SCALE", "0.01")
        .env("TPCOACH_NOW", NOW.to_string())
        .env("TZ", "UTC")
        .env("TERM", "xterm-256color")
        .arg("tpcoach")
        .args(args);
    let mut pty = common::pty::Pty::start_sized(cmd, 200, 50);
    for id in &asked {
        pty.expect("[y/n]");
        pty.send(if id == YES { "y" } else { "n" });
    }
    pty.expect("Adjusted for your answers: hands only, no tools, pressure at most 3/10.");
    pty.expect("go on with the session?");
    pty.send("y");
    pty.expect("Enter to begin");
    pty.send("\r");
    for _ in &routine.steps {
        pty.expect("s skip this step");
        pty.send("s");
    }
    pty.expect("Session done");
    assert_eq!(pty.exit_status(), 0);

    let html = page(&sandbox, &[]);
    let cells: Vec<String> = select(&html, "#sessions [data-field=\"safety\"]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        cells,
        ["Safety: blood thinners (hands only, no tools, pressure at most 3/10)"]
    );
    let items = select(&html, "#safety-changes li");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].value().attr("data-question"), Some(YES));
    assert_eq!(field(&items[0], "dates"), "2026-11-18");
    assert!(field(&items[0], "advice").contains("light pressure"));
}

#[test]
fn a_stop_at_the_safety_questions_has_its_own_section_escaped_and_is_not_a_session() {
    let sandbox = Sandbox::new();
    fixed_history(&db(&sandbox));
    let store = Store::open(&db(&sandbox)).expect("open the store");
    let stop = ScreeningStop {
        at: START + 10 * DAY,
        query: HOSTILE.into(),
        matched: "neck (region)".into(),
        reason: String::new(),
        answers: vec![SafetyAnswer {
            question: "neck_head_stroke_signs".into(),
            topic: "stroke signs".into(),
            asked: "Sudden <weakness> & numbness?".into(),
            outcome: ScreeningOutcome::Stop,
            urgency: Some(Urgency::Emergency),
            changed: String::new(),
            advice: HOSTILE.into(),
        }],
    };
    store.record_screening_stop(&stop).expect("save");
    drop(store);
    let html = page(&sandbox, &[]);
    // The six sessions are still six, and the stop is counted on its own.
    assert_eq!(
        text(&select(&html, "#summary [data-field=\"sessions\"]")[0]),
        "6"
    );
    assert_eq!(
        text(&select(&html, "#summary [data-field=\"stops\"]")[0]),
        "1"
    );
    assert_eq!(select(&html, "#sessions tbody tr").len(), 6);
    let rows = select(&html, "#stopped tbody tr");
    assert_eq!(rows.len(), 1);
    let row = text(&rows[0]);
    assert!(row.contains("2026-11-12"), "{row}");
    assert!(
        row.contains(HOSTILE),
        "the query and the advice, read as text: {row}"
    );
    assert!(row.contains("Sudden <weakness> & numbness?"), "{row}");
    assert!(row.contains("call emergency services now"), "{row}");
    assert_eq!(field(&rows[0], "advice"), HOSTILE);
    // Escaped: no element came from the saved words.
    assert!(select(&html, "#stopped script, #stopped weakness").is_empty());
    // Outside the period, or for another region, it is not shown.
    let later = page(&sandbox, &["--since", "2026-11-13"]);
    assert!(select(&later, "#stopped").is_empty());
    let calf = page(&sandbox, &["--region", "calf"]);
    assert!(select(&calf, "#stopped").is_empty());
}
