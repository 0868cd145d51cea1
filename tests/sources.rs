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

#[test]
fn the_library_lists_at_least_85_muscles() {
    let output = Sandbox::new()
        .cmd()
        .args(["muscles", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let muscles = json(&output);
    let ids: BTreeSet<&str> = muscles
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() >= 85, "{} muscles", ids.len());
    for id in [
        "biceps_brachii",
        "semispinalis_capitis",
        "tibialis_posterior",
    ] {
        assert!(ids.contains(id), "{id} is listed");
    }
}

#[test]
fn where_finds_each_new_pain_area_by_name_and_alias() {
    // (what a person types, the pain area it names, a muscle whose pattern covers it)
    let cases = [
        ("tongue", "tongue", "medial_pterygoid"),
        ("under the chin", "chin", "digastric"),
        ("side of the nose", "nose", "zygomaticus_major"),
        ("clavicle", "collarbone", "subclavius"),
        ("elbow crease", "front_of_elbow", "biceps_brachii"),
        ("back of the ankle", "achilles", "soleus"),
    ];
    let sandbox = Sandbox::new();
    for (query, area, muscle) in cases {
        let output = sandbox
            .cmd()
            .args(["where", query, "--json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "where {query} failed");
        let found = json(&output);
        assert_eq!(found["pain_area"], area, "{query}");
        let muscles: Vec<&str> = found["muscles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["muscle"].as_str().unwrap())
            .collect();
        assert!(muscles.contains(&muscle), "where {query}: {muscles:?}");
    }
}

/// The muscles `where QUERY --json` lists, in order, after checking which pain area it named.
fn where_muscles(sandbox: &Sandbox, query: &str, area: &str) -> Vec<String> {
    let output = sandbox
        .cmd()
        .args(["where", query, "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "where {query} failed");
    let found = json(&output);
    assert_eq!(found["pain_area"], area, "{query}");
    found["muscles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["muscle"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn where_base_of_thumb_lists_the_muscles_whose_sources_name_it() {
    let sandbox = Sandbox::new();
    for query in ["base of thumb", "base of the thumb", "thumb web", "thenar"] {
        let mut muscles = where_muscles(&sandbox, query, "base_of_thumb");
        muscles.sort();
        assert_eq!(
            muscles,
            [
                "adductor_pollicis",
                "brachialis",
                "brachioradialis",
                "opponens_pollicis",
                "palmaris_longus",
                "supinator",
                "wrist_extensors",
            ],
            "where {query}"
        );
    }
    // The thumb itself is its own area again, no longer reached by "base of thumb".
    assert!(where_muscles(&sandbox, "thumb", "thumb").contains(&"scalenes".to_string()));
}

#[test]
fn where_armpit_lists_serratus_anterior_and_warns_of_a_lump() {
    let sandbox = Sandbox::new();
    for query in ["armpit", "axilla", "underarm"] {
        assert_eq!(
            where_muscles(&sandbox, query, "armpit"),
            ["serratus_anterior"],
            "where {query}"
        );
    }
    sandbox
        .cmd()
        .args(["where", "armpit", "--no-map"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "A new lump or swelling in the armpit",
        ));
}

#[test]
fn where_roof_of_the_mouth_finds_the_area_and_names_no_muscle_without_two_sources() {
    let sandbox = Sandbox::new();
    for query in ["roof of the mouth", "palate", "hard palate"] {
        assert!(
            where_muscles(&sandbox, query, "palate").is_empty(),
            "where {query}"
        );
    }
    sandbox
        .cmd()
        .args(["where", "roof", "of", "the", "mouth", "--no-map"])
        .assert()
        .success()
        .stdout(predicate::str::contains("roof of the mouth: muscles"))
        .stdout(predicate::str::contains(
            "No muscle in the library is known",
        ));
}

#[test]
fn the_deep_hip_rotators_are_information_only_and_found_from_the_tailbone() {
    let library = library();
    for id in ["obturator_internus", "gemelli"] {
        let muscle = library.muscle(id).unwrap_or_else(|| panic!("{id}"));
        assert!(muscle.information_only, "{id}");
        assert!(
            muscle.techniques.is_empty() && muscle.stretch.is_none(),
            "{id}"
        );
        assert!(
            muscle
                .danger_zones
                .iter()
                .any(|z| z == "sciatic_nerve_path"),
            "{id}"
        );
    }
    let sandbox = Sandbox::new();
    assert!(
        where_muscles(&sandbox, "tailbone", "tailbone").contains(&"obturator_internus".to_string())
    );
    assert!(where_muscles(&sandbox, "buttock", "buttock").contains(&"gemelli".to_string()));
}
