//! Integration tests of `tpcoach guide`: the list of topics, each page found by id, title words
//! and alias, every page on one 80-column screen, did-you-mean, `--json`; and the evidence note
//! and the safety questions where the guide points from (`techniques`, `--help`, `suggest`).

mod common;

use common::{fixture, json, stdout, Sandbox};
use predicates::prelude::*;
use tpcoach::guide::{self, EVIDENCE_NOTE};
use tpcoach::library::{Base, Library, LoadOptions};

/// The topics every guide must answer (the issue's list).
const REQUIRED: &[&str] = &[
    "trigger-points",
    "pressure",
    "dose",
    "evidence",
    "safety",
    "tools",
    "professional",
];

/// One screen: at most this many lines at 80 columns.
const SCREEN_LINES: usize = 22;

/// Text with every run of whitespace made one space, so wrapped output can be searched.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn guide_list(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    let output = sandbox.cmd().args(["guide", "--json"]).output().unwrap();
    assert!(output.status.success());
    json(&output).as_array().expect("a list of topics").clone()
}

fn builtin() -> Library {
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library loads")
}

#[test]
fn guide_lists_every_topic_with_its_title_and_summary() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .arg("guide")
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    for topic in guide::TOPICS {
        assert!(text.contains(topic.id), "{} missing:\n{text}", topic.id);
        assert!(
            text.contains(topic.title),
            "{} missing:\n{text}",
            topic.title
        );
        assert!(
            text.contains(topic.summary),
            "{} missing:\n{text}",
            topic.summary
        );
    }
    assert!(text.contains("tpcoach guide pressure"));
    let ids: Vec<String> = guide_list(&sandbox)
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    for id in REQUIRED {
        assert!(ids.iter().any(|i| i == id), "no `{id}` topic: {ids:?}");
    }
}

#[test]
fn every_topic_is_found_by_its_id_its_title_and_each_alias() {
    let sandbox = Sandbox::new();
    for topic in guide_list(&sandbox) {
        let title = topic["title"].as_str().unwrap();
        let mut names = vec![topic["id"].as_str().unwrap(), title];
        names.extend(
            topic["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap()),
        );
        for name in names {
            // Several words need no quotes, like every other command's names.
            let output = sandbox
                .cmd()
                .arg("guide")
                .args(name.split(' '))
                .output()
                .unwrap();
            assert!(output.status.success(), "`tpcoach guide {name}` failed");
            let first = stdout(&output).lines().next().unwrap_or("").to_string();
            assert_eq!(first, title, "`tpcoach guide {name}`");
        }
    }
}

#[test]
fn the_issues_examples_find_their_pages() {
    let sandbox = Sandbox::new();
    for (query, id) in [
        ("how hard", "pressure"),
        ("safety", "safety"),
        ("is it safe?", "safety"),
        ("referred", "trigger-points"),
        ("how often", "dose"),
        ("roller", "tools"),
        ("WILL IT HELP", "evidence"),
    ] {
        let output = sandbox
            .cmd()
            .args(["guide", query, "--json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "`tpcoach guide {query}` failed");
        assert_eq!(json(&output)["id"], id, "`tpcoach guide {query}`");
    }
}

#[test]
fn every_page_fits_one_screen_at_80_columns() {
    let sandbox = Sandbox::new();
    for topic in guide_list(&sandbox) {
        let id = topic["id"].as_str().unwrap();
        let output = sandbox
            .cmd()
            .args(["guide", id])
            .env("COLUMNS", "80")
            .output()
            .unwrap();
        assert!(output.status.success());
        let text = stdout(&output);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines.len() <= SCREEN_LINES,
            "`tpcoach guide {id}` takes {} lines at 80 columns:\n{text}",
            lines.len()
        );
        for line in &lines {
            assert!(line.chars().count() < 80, "too wide in {id}: {line}");
        }
        // It is a page, not a stub: a title, a body and its sources.
        assert!(lines.len() >= 8, "{id} is too short:\n{text}");
        assert!(
            lines.last().unwrap().starts_with("Sources: ") || text.contains("\nSources: "),
            "{id} lists no sources:\n{text}"
        );
    }
}

#[test]
fn a_wrong_topic_gets_did_you_mean_and_exit_status_2() {
    Sandbox::new()
        .cmd()
        .args(["guide", "presure"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no guide topic matches \"presure\"; did you mean \"pressure\"?",
        ));
    // A word that several pages share names them all.
    Sandbox::new()
        .cmd()
        .args(["guide", "see"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean \"safety\", \"professional\"?",
        ));
    Sandbox::new()
        .cmd()
        .args(["guide", "xylophone"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no guide topic matches \"xylophone\"",
        ));
}

#[test]
fn json_gives_the_list_and_each_page_with_its_text_and_sources() {
    let sandbox = Sandbox::new();
    let list = guide_list(&sandbox);
    assert_eq!(list.len(), guide::TOPICS.len());
    for topic in &list {
        let object = topic.as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        // serde_json keeps object keys sorted.
        assert_eq!(
            keys,
            ["aliases", "id", "sources", "summary", "title"],
            "{topic}"
        );
    }
    let output = sandbox
        .cmd()
        .args(["guide", "pressure", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let page = json(&output);
    assert_eq!(page["id"], "pressure");
    assert_eq!(page["title"], "How hard to press");
    assert!(page["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "how hard"));
    assert!(!page["sources"].as_array().unwrap().is_empty());
    let text = page["text"].as_str().unwrap();
    assert!(text.contains("hurts good"), "{text}");
    assert!(!text.contains('{'), "a placeholder left in: {text}");
}

#[test]
fn the_pages_numbers_are_the_librarys() {
    let library = builtin();
    let compression = library
        .techniques
        .iter()
        .find(|t| t.id == "static_compression")
        .unwrap();
    let page = |id: &str, dir: Option<&std::path::Path>| {
        let sandbox = Sandbox::new();
        let mut cmd = sandbox.cmd();
        if let Some(dir) = dir {
            cmd.arg("--library").arg(dir);
        }
        let output = cmd.args(["guide", id, "--json"]).output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        json(&output)["text"].as_str().unwrap().to_string()
    };
    let pressure = page("pressure", None);
    assert!(pressure.contains(&format!(
        "Aim for about {}/10",
        compression.dose.pressure_target.unwrap()
    )));
    assert!(pressure.contains(&format!(
        "Never go above {}/10",
        tpcoach::model::PRESSURE_LIMIT
    )));
    let dose = page("dose", None);
    assert!(dose.contains(&format!(
        "hold a spot about {} s",
        compression.dose.hold_seconds.unwrap()
    )));
    assert!(dose.contains(&format!(
        "at most {} minutes",
        tpcoach::routine::MAX_MINUTES
    )));

    // Another library's doses show in the page: nothing is retyped.
    let dir = tempfile::tempdir().unwrap();
    common::copy_yaml(&fixture("mini"), dir.path());
    let techniques = dir.path().join("techniques.yaml");
    let yaml = std::fs::read_to_string(&techniques).unwrap().replace(
        "{hold_seconds: 30, repetitions: 2, rest_seconds: 30, pressure_target: 5,",
        "{hold_seconds: 20, repetitions: 3, rest_seconds: 15, pressure_target: 4,",
    );
    std::fs::write(&techniques, yaml).unwrap();
    let dose = page("dose", Some(dir.path()));
    assert!(
        dose.contains("hold a spot about 20 s, 3 times, with 15 s of rest"),
        "{dose}"
    );
    assert!(page("pressure", Some(dir.path())).contains("Aim for about 4/10"));
}

#[test]
fn techniques_ends_with_the_evidence_note() {
    let output = Sandbox::new().cmd().arg("techniques").output().unwrap();
    assert!(output.status.success());
    let text = flat(&stdout(&output));
    assert!(text.contains(&flat(EVIDENCE_NOTE)), "{text}");
    assert!(text.contains("`tpcoach guide evidence`"));
}

#[test]
fn the_long_help_has_the_evidence_note_and_the_short_help_does_not() {
    let long = Sandbox::new().cmd().arg("--help").output().unwrap();
    assert!(long.status.success());
    let text = flat(&stdout(&long));
    assert!(text.contains(&flat(EVIDENCE_NOTE)), "{text}");
    assert!(text.contains("tpcoach guide"));
    let short = Sandbox::new().cmd().arg("-h").output().unwrap();
    assert!(!flat(&stdout(&short)).contains(&flat(EVIDENCE_NOTE)));
    // The evidence page says the same words.
    let page = Sandbox::new()
        .cmd()
        .args(["guide", "evidence", "--json"])
        .output()
        .unwrap();
    assert!(json(&page)["text"]
        .as_str()
        .unwrap()
        .starts_with(EVIDENCE_NOTE));
}

#[test]
fn suggest_names_the_general_safety_questions_and_points_to_the_guide() {
    let library = builtin();
    let output = Sandbox::new()
        .cmd()
        .args(["suggest", "neck"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = flat(&stdout(&output));
    assert!(
        text.contains("Before your first session, `tpcoach session` asks about blood clots, "),
        "{text}"
    );
    let general: Vec<_> = library
        .screening_questions
        .iter()
        .filter(|q| q.regions.is_empty())
        .collect();
    assert!(general.len() >= 10);
    for q in general {
        let topic = q
            .topic
            .as_deref()
            .expect("every general question has a topic");
        assert!(text.contains(topic), "\"{topic}\" not named:\n{text}");
    }
    assert!(text.contains("`tpcoach guide`"), "{text}");
    // JSON output stays as it was: data only.
    let output = Sandbox::new()
        .cmd()
        .args(["suggest", "neck", "--json"])
        .output()
        .unwrap();
    assert!(json(&output).get("steps").is_some());
}

#[test]
fn a_general_question_without_a_topic_is_a_library_problem() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_yaml(&fixture("mini"), dir.path());
    let body = dir.path().join("body.yaml");
    let yaml = std::fs::read_to_string(&body)
        .unwrap()
        .replace(" topic: fever,", "");
    std::fs::write(&body, yaml).unwrap();
    Sandbox::new()
        .cmd()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "screening_questions[g1_fever].topic: a general question needs a `topic`",
        ));
}
