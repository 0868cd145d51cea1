//! The source registry (`data/sources.yaml`): every key the library cites is recorded and
//! followable with `tpcoach show source KEY`; an unknown key gets suggestions; and the library
//! covers the body (issue 11's counts and new pain areas).

mod common;

use std::collections::BTreeSet;

use common::{json, stdout, Sandbox};
use predicates::prelude::*;
use tpcoach::library::{Base, Library, LoadOptions};

fn library() -> Library {
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Every source key cited anywhere in the built-in library.
fn cited_keys(library: &Library) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut add = |list: &[tpcoach::model::Text]| keys.extend(list.iter().map(|k| k.to_string()));
    for m in &library.muscles {
        add(&m.sources);
        for d in m.techniques.iter().filter_map(|t| t.dose.as_ref()) {
            add(&d.sources);
        }
        if let Some(d) = m.stretch.as_ref().and_then(|s| s.dose.as_ref()) {
            add(&d.sources);
        }
    }
    for t in &library.techniques {
        add(&t.sources);
        add(&t.dose.sources);
    }
    for z in &library.danger_zones {
        add(&z.sources);
    }
    for q in &library.screening_questions {
        add(&q.sources);
    }
    for f in &library.red_flags {
        add(&f.sources);
    }
    keys
}

#[test]
fn every_cited_source_key_resolves_with_show_source() {
    let library = library();
    let keys = cited_keys(&library);
    assert!(keys.len() > 200, "{}", keys.len());
    let sandbox = Sandbox::new();
    for key in &keys {
        let output = sandbox
            .cmd()
            .args(["show", "source", key, "--json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "show source {key} failed");
        let shown = json(&output);
        assert_eq!(shown["id"], key.as_str());
        assert!(
            !shown["cited_by"].as_array().unwrap().is_empty(),
            "{key} is cited, so show source names who cites it"
        );
        assert!(
            shown["url"].is_string() || shown["note"].is_string(),
            "{key} has a link or says why not"
        );
    }
}

#[test]
fn show_source_prints_title_who_url_use_and_the_entries_that_cite_it() {
    Sandbox::new()
        .cmd()
        .args(["show", "source", "namtpt-ut"])
        .assert()
        .success()
        .stdout(predicate::str::contains("NAMTPT-UT NAMTPT Symptom Checker"))
        .stdout(predicate::str::contains("by: NAMTPT"))
        .stdout(predicate::str::contains(
            "url: http://check.myofascialtherapy.org/symptomcheck/symptom_upper_trapezius.html",
        ))
        .stdout(predicate::str::contains("used for:"))
        .stdout(predicate::str::contains("muscles: Upper trapezius"));
}

#[test]
fn a_reposted_book_copy_is_not_linked_and_the_entry_says_why() {
    let output = Sandbox::new()
        .cmd()
        .args(["show", "source", "NA-CH12", "--json"])
        .output()
        .unwrap();
    let shown = json(&output);
    assert!(shown.get("url").is_none(), "{shown}");
    assert!(shown["note"].as_str().unwrap().contains("reposted"));
}

#[test]
fn an_unknown_source_key_suggests_the_closest_keys() {
    Sandbox::new()
        .cmd()
        .args(["show", "source", "NAMTPT-U"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("NAMTPT-UT"));
}

#[test]
fn show_of_a_muscle_says_how_to_follow_its_sources() {
    let output = Sandbox::new()
        .cmd()
        .args(["show", "upper", "trapezius"])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("tpcoach show source NAMTPT-UT"));
}
