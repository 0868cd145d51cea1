//! Integration tests of the `tpcoach` binary: loading and checking libraries (every error class,
//! the overlay, the built-in library) and the listing commands (techniques, regions, muscles,
//! show, completions), their `--json`, their `--help`, and their behaviour in a pipe.

mod common;

use std::process::Stdio;

use common::{fixture, json, mini_with, stdout, Sandbox};
use predicates::prelude::*;

/// The commands that print a listing, each with the arguments that make it run.
const LISTINGS: &[&[&str]] = &[
    &["techniques"],
    &["regions"],
    &["muscles"],
    &["muscles", "--region", "neck"],
    &["show", "upper", "trapezius"],
    &["show", "neck"],
    &["show", "deep", "stroking"],
    &["check"],
];

/// A terminal width at which no table cell wraps, for tests that look for text inside tables.
const WIDE: &str = "1000";

// ---------------------------------------------------------------- check and loading

#[test]
fn embedded_library_passes_check() {
    Sandbox::new()
        .cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("library OK: "))
        .stdout(predicate::str::contains("overlay: none applied"))
        .stderr("");
}

#[test]
fn check_json_counts_the_embedded_library() {
    let output = Sandbox::new()
        .cmd()
        .args(["check", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let counts = json(&output);
    assert!(counts["muscles"].as_u64().unwrap() >= 40, "{counts}");
    assert!(counts["regions"].as_u64().unwrap() >= 10, "{counts}");
    assert_eq!(counts["techniques"], 3, "{counts}");
    assert!(counts["pain_areas"].as_u64().unwrap() > 0, "{counts}");
    assert!(counts["red_flags"].as_u64().unwrap() > 0, "{counts}");
    assert_eq!(counts["overlay_files"], serde_json::json!([]));
}

#[test]
fn check_dir_validates_the_mini_fixture_library() {
    Sandbox::new()
        .cmd()
        .arg("check")
        .arg(fixture("mini"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "4 files, 2 regions, 4 muscles, 3 techniques, 4 tools",
        ));
}

#[test]
fn broken_library_names_all_four_problems_by_file_and_line_in_one_run() {
    let dir = fixture("broken");
    let base = dir.join("base.yaml").display().to_string();
    let muscles = dir.join("muscles.yaml").display().to_string();
    let output = Sandbox::new()
        .cmd()
        .arg("check")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("the library has 4 problems"), "{err}");
    for expected in [
        format!("{base}:12: regions[head_jaw].advanced: invalid type: string \"sometimes\""),
        format!("{base}:18: pain_areas[forehead].colour: unknown field `colour`"),
        format!(
            "{muscles}:11: muscles[upper_trapezius].refers_to: unknown pain area \"side_of_nek\""
        ),
        format!(
            "{muscles}:15: muscles[upper_trapezius].techniques[0].dose: pressure_ceiling is 9/10"
        ),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn every_command_refuses_a_broken_library_the_same_way() {
    let sandbox = Sandbox::new();
    for args in [
        &["techniques"][..],
        &["regions"],
        &["muscles"],
        &["show", "neck"],
        &["suggest", "neck"],
        &["where", "back", "of", "the", "neck"],
        &["check"],
    ] {
        sandbox
            .cmd()
            .arg("--library")
            .arg(fixture("broken"))
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("the library has 4 problems"))
            .stderr(predicate::str::contains("side_of_nek"));
    }
}

#[test]
fn tpcoach_library_variable_selects_the_library_like_the_flag() {
    Sandbox::new()
        .cmd()
        .env("TPCOACH_LIBRARY", fixture("mini"))
        .args(["muscles", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lateral_pterygoid"))
        .stdout(predicate::str::contains("levator_scapulae").not());
}

/// Runs `check` on the mini library plus one file from `tests/fixtures/errors/` and returns stderr.
fn check_error(file: &str) -> String {
    let dir = mini_with(&[file]);
    let output = Sandbox::new()
        .cmd()
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{file} should be refused");
    assert!(output.stdout.is_empty());
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(err.contains("the library has 1 problem:"), "{err}");
    err.replace(&format!("{}/", dir.path().display()), "")
}

#[test]
fn syntax_error_is_named_with_file_line_and_column() {
    let err = check_error("syntax_error.yaml");
    assert!(
        err.contains("syntax_error.yaml:6:16: not valid YAML"),
        "{err}"
    );
}

#[test]
fn missing_field_is_named_with_file_line_and_field() {
    let err = check_error("missing_field.yaml");
    assert!(
        err.contains("missing_field.yaml:3: muscles[masseter]: missing field `find`"),
        "{err}"
    );
}

#[test]
fn duplicate_id_is_named_with_both_files() {
    let err = check_error("duplicate_id.yaml");
    assert!(
        err.contains(
            "duplicate_id.yaml:3: regions[neck]: the id \"neck\" is used twice (also in body.yaml)"
        ),
        "{err}"
    );
}

#[test]
fn a_tool_other_than_the_fingers_on_a_fingers_only_muscle_is_refused() {
    let err = check_error("fingers_only_tool.yaml");
    assert!(
        err.contains("fingers_only_tool.yaml:13: muscles[scalenes].techniques[0].tools: \"ball_wall\" is not allowed: this muscle is fingers-only"),
        "{err}"
    );
}

#[test]
fn a_stretch_on_a_no_self_stretch_muscle_is_refused() {
    let err = check_error("stretch_on_no_self_stretch.yaml");
    assert!(
        err.contains("stretch_on_no_self_stretch.yaml:13: muscles[longus_colli].stretch: has a stretch but is marked no_self_stretch"),
        "{err}"
    );
}

#[test]
fn a_pressure_ceiling_above_7_is_refused() {
    let err = check_error("pressure_ceiling_above_7.yaml");
    assert!(
        err.contains("pressure_ceiling_above_7.yaml:16: muscles[splenius_capitis].techniques[0].dose: pressure_ceiling is 8/10"),
        "{err}"
    );
}

#[test]
fn a_hold_above_the_techniques_ceiling_is_refused() {
    let err = check_error("hold_above_ceiling.yaml");
    assert!(
        err.contains("hold_above_ceiling.yaml:15: muscles[levator_scapulae].stretch.dose: hold_seconds is 75, above Stretching's ceiling of 60 s"),
        "{err}"
    );
}

#[test]
fn a_pain_area_without_a_shape_on_the_body_map_is_refused_by_name() {
    let err = check_error("area_without_shape.yaml");
    assert!(
        err.contains(
            "area_without_shape.yaml:3: pain_areas[crown].shapes: has no shape on the body map"
        ),
        "{err}"
    );
}

#[test]
fn a_source_key_that_is_not_recorded_is_refused_naming_the_entry_and_the_key() {
    let err = check_error("unrecorded_source_key.yaml");
    assert!(
        err.contains("unrecorded_source_key.yaml:13: muscles[levator_scapulae].sources: the source key \"NOWHERE-1\" is not recorded"),
        "{err}"
    );
}

#[test]
fn a_trigger_point_without_a_position_is_refused_by_name() {
    let err = check_error("spot_without_position.yaml");
    assert!(
        err.contains("spot_without_position.yaml:9: muscles[splenius_capitis].trigger_points[spc_1].at: trigger point \"spc_1\" has no position on the body map"),
        "{err}"
    );
}

#[test]
fn a_shape_outside_the_view_is_refused() {
    let err = check_error("shape_outside_view.yaml");
    assert!(
        err.contains(
            "pain_areas[crown].shapes[0]: shape 1: the corner (40, -5) is outside the view"
        ),
        "{err}"
    );
}

#[test]
fn check_reports_the_body_maps_coverage() {
    let output = Sandbox::new().cmd().arg("check").output().unwrap();
    assert!(output.status.success());
    let out = String::from_utf8_lossy(&output.stdout);
    let line = out
        .lines()
        .find(|l| l.starts_with("body map: 2 views, shapes for "))
        .unwrap_or_else(|| panic!("no coverage line in:\n{out}"));
    let numbers: Vec<u32> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    // Views, then drawn of all pain areas, then placed of all trigger points: everything.
    assert_eq!(numbers.len(), 5, "{line}");
    assert_eq!(numbers[1], numbers[2], "{line}");
    assert_eq!(numbers[3], numbers[4], "{line}");
}

#[test]
fn an_absurd_number_of_repetitions_is_refused() {
    let err = check_error("repetitions_absurd.yaml");
    assert!(
        err.contains("repetitions_absurd.yaml:14: muscles[levator_scapulae].techniques[0].dose: repetitions is 4000000000, above the most tpcoach allows (10)"),
        "{err}"
    );
}

#[test]
fn problems_in_several_files_are_all_reported_together() {
    let dir = mini_with(&[
        "missing_field.yaml",
        "fingers_only_tool.yaml",
        "hold_above_ceiling.yaml",
        "pressure_ceiling_above_7.yaml",
    ]);
    Sandbox::new()
        .cmd()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the library has 4 problems"));
}

#[test]
fn an_empty_library_folder_is_an_error_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    Sandbox::new()
        .cmd()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("holds no .yaml files"));
}

#[test]
fn a_missing_library_folder_is_an_error_naming_it() {
    Sandbox::new()
        .cmd()
        .args(["check", "/nonexistent/tpcoach-library"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot read /nonexistent/tpcoach-library",
        ));
}

#[test]
fn overlay_replaces_a_dose_and_adds_a_muscle_and_check_lists_it() {
    let sandbox = Sandbox::new();
    let overlay = sandbox.overlay_dir().join("mine.yaml");
    std::fs::copy(fixture("overlay").join("mine.yaml"), &overlay).unwrap();

    sandbox
        .cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("overlay files applied:"))
        .stdout(predicate::str::contains(overlay.display().to_string()));

    let output = sandbox
        .cmd()
        .args(["techniques", "--json"])
        .output()
        .unwrap();
    let techniques = json(&output);
    let compression = techniques
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "static_compression")
        .expect("static compression is listed");
    assert_eq!(compression["dose"]["hold_seconds"], 45);

    sandbox
        .cmd()
        .args(["show", "my", "jaw", "spot"])
        .assert()
        .success()
        .stdout(predicate::str::contains("My jaw spot, head and jaw"))
        .stdout(predicate::str::contains("hold 45 s x 2"));

    let output = sandbox
        .cmd()
        .args(["muscles", "--region", "head", "--json"])
        .output()
        .unwrap();
    let ids: Vec<String> = json(&output)
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"my_jaw_spot".to_string()), "{ids:?}");
    assert!(ids.contains(&"masseter".to_string()), "{ids:?}");
}

#[test]
fn a_broken_overlay_is_refused_naming_the_overlay_file() {
    let sandbox = Sandbox::new();
    let overlay = sandbox.overlay_dir().join("oops.yaml");
    std::fs::copy(fixture("errors").join("syntax_error.yaml"), &overlay).unwrap();
    for args in [&["check"][..], &["muscles"], &["suggest", "neck"]] {
        sandbox
            .cmd()
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "{}:6:16: not valid YAML",
                overlay.display()
            )));
    }
}

// ---------------------------------------------------------------- listings

#[test]
fn techniques_lists_the_three_with_a_dose_summary() {
    Sandbox::new()
        .cmd()
        .env("COLUMNS", WIDE)
        .arg("techniques")
        .assert()
        .success()
        .stdout(predicate::str::contains("Static compression"))
        .stdout(predicate::str::contains("Deep stroking"))
        .stdout(predicate::str::contains("Stretching"))
        .stdout(predicate::str::contains("hold 30 s x 2"))
        .stdout(predicate::str::contains("12 slow strokes"))
        .stdout(predicate::str::contains("stretch 30 s x 2"))
        .stdout(predicate::str::contains("never above 7/10"));
}

#[test]
fn regions_lists_all_ten_regions_with_their_aliases() {
    let output = Sandbox::new()
        .cmd()
        .env("COLUMNS", WIDE)
        .arg("regions")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    for name in [
        "Neck",
        "Head and jaw",
        "Shoulder",
        "Upper back",
        "Lower back",
        "Chest",
        "Arm and hand",
        "Hip and buttock",
        "Thigh",
        "Lower leg and foot",
    ] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(text.contains("low back"), "{text}");
    assert!(text.contains("calf"), "{text}");
}

#[test]
fn muscles_lists_at_least_forty_covering_every_region() {
    let sandbox = Sandbox::new();
    let output = sandbox.cmd().args(["muscles", "--json"]).output().unwrap();
    let muscles = json(&output);
    let muscles = muscles.as_array().unwrap();
    assert!(muscles.len() >= 40, "{} muscles", muscles.len());
    let output = sandbox.cmd().args(["regions", "--json"]).output().unwrap();
    for region in json(&output).as_array().unwrap() {
        assert!(
            muscles.iter().any(|m| m["region"] == region["id"]),
            "no muscle in {region}"
        );
    }
    sandbox
        .cmd()
        .env("COLUMNS", WIDE)
        .arg("muscles")
        .assert()
        .success()
        .stdout(predicate::str::contains("Upper trapezius"))
        .stdout(predicate::str::contains("Quadratus lumborum"));
}

#[test]
fn muscles_region_filter_accepts_an_alias_and_keeps_only_that_region() {
    let output = Sandbox::new()
        .cmd()
        .args(["muscles", "--region", "Low Back", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let muscles = json(&output);
    let muscles = muscles.as_array().unwrap();
    assert!(!muscles.is_empty());
    assert!(
        muscles.iter().all(|m| m["region"] == "lower_back"),
        "{muscles:?}"
    );
    assert!(muscles.iter().any(|m| m["id"] == "quadratus_lumborum"));
}

#[test]
fn muscles_with_an_unknown_region_suggests_the_closest() {
    Sandbox::new()
        .cmd()
        .args(["muscles", "--region", "nekc"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no region matches \"nekc\"; did you mean \"neck\"",
        ));
}

#[test]
fn show_upper_trapezius_gives_the_muscle_in_full() {
    let output = Sandbox::new()
        .cmd()
        .env("COLUMNS", WIDE)
        .args(["show", "upper", "trapezius"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    for part in [
        "Upper trapezius, neck",
        "Where to find it",
        "Where it sends pain",
        "usually: back of the neck",
        "temple",
        "How to work it",
        "Static compression: hold 30 s x 2 with Pincer grip; pressure about 5/10, never above 7/10",
        "Static compression: hold 30 s x 2 with Hook cane; pressure about 5/10, never above 7/10",
        "Stretch: stretch 30 s x 2",
        "Cautions",
        "Danger zone, side of the neck above the collarbone",
        "Sources",
        "not a diagnosis",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
}

/// A light dose (`light: true`) reads as light pressure in `show`, as it does in a routine.
#[test]
fn show_gives_a_light_dose_as_light_pressure() {
    for (muscle, line) in [
        (
            "anconeus",
            "Deep stroking: 6 slow strokes with Fingertips; pressure about 3/10, no more",
        ),
        (
            "scalenes",
            "Static compression: hold 10 s with Fingertips; pressure about 3/10, no more",
        ),
    ] {
        let output = Sandbox::new()
            .cmd()
            .env("COLUMNS", WIDE)
            .args(["show", muscle, "--no-map"])
            .output()
            .unwrap();
        assert!(output.status.success());
        let text = stdout(&output);
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
        assert!(!text.contains("never above 7/10"), "{text}");
    }
}

#[test]
fn show_matches_aliases_and_ignores_case() {
    let sandbox = Sandbox::new();
    let by_alias = sandbox.cmd().args(["show", "SCM"]).output().unwrap();
    let by_id = sandbox
        .cmd()
        .args(["show", "sternocleidomastoid"])
        .output()
        .unwrap();
    assert!(by_alias.status.success());
    assert_eq!(by_alias.stdout, by_id.stdout);
    let text = stdout(&by_alias);
    assert!(text.contains("No self-stretch"), "{text}");
    assert!(text.contains("Fingers only"), "{text}");
    assert!(!text.contains("  Stretch:"), "{text}");
}

#[test]
fn show_a_region_lists_its_muscles_and_warning_signs() {
    Sandbox::new()
        .cmd()
        .args(["show", "neck"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Neck\n"))
        .stdout(predicate::str::contains("Muscles"))
        .stdout(predicate::str::contains("  - Upper trapezius"))
        .stdout(predicate::str::contains("  - Levator scapulae"));
}

#[test]
fn show_a_technique_gives_its_steps_dose_and_stop_signs() {
    Sandbox::new()
        .cmd()
        .args(["show", "deep", "stroking"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Deep stroking\n"))
        .stdout(predicate::str::contains("  1. "))
        .stdout(predicate::str::contains("12 slow strokes"))
        .stdout(predicate::str::contains("Stop when"));
}

#[test]
fn show_an_unknown_name_suggests_the_closest() {
    Sandbox::new()
        .cmd()
        .args(["show", "upper", "trapezis"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no muscle, region or technique matches \"upper trapezis\"; did you mean \"upper trapezius\"",
        ));
}

#[test]
fn show_json_is_the_entry() {
    let output = Sandbox::new()
        .cmd()
        .args(["show", "upper", "traps", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let muscle = json(&output);
    assert_eq!(muscle["id"], "upper_trapezius");
    assert_eq!(muscle["region"], "neck");
    assert!(muscle["refers_to"]["primary"].as_array().unwrap().len() > 1);
}

#[test]
fn every_listing_json_parses() {
    let sandbox = Sandbox::new();
    for args in LISTINGS {
        let output = sandbox.cmd().args(*args).arg("--json").output().unwrap();
        assert!(output.status.success(), "{args:?}");
        let value = json(&output);
        assert!(value.is_array() || value.is_object(), "{args:?}: {value}");
    }
}

#[test]
fn completions_bash_prints_a_completion_script() {
    Sandbox::new()
        .cmd()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_tpcoach()"))
        .stdout(predicate::str::contains("complete -F _tpcoach"))
        .stdout(predicate::str::contains("suggest"));
}

#[test]
fn completions_for_an_unknown_shell_is_a_usage_error() {
    Sandbox::new()
        .cmd()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}

#[test]
fn help_of_every_command_has_an_example() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    for command in [
        "suggest",
        "where",
        "techniques",
        "regions",
        "muscles",
        "show",
        "check",
        "completions",
    ] {
        sandbox
            .cmd()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"))
            .stdout(predicate::str::contains(format!("tpcoach {command}")));
    }
}

// ---------------------------------------------------------------- pipes and terminals

#[test]
fn a_closed_pipe_ends_every_listing_quietly() {
    let sandbox = Sandbox::new();
    let completions: &[&[&str]] = &[&["completions", "bash"], &["completions", "zsh"]];
    for args in LISTINGS.iter().chain(completions) {
        for json in [false, true] {
            if json && args[0] == "completions" {
                continue;
            }
            let mut child = sandbox
                .std_cmd()
                .args(*args)
                .args(json.then_some("--json"))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            // Close the reading end before tpcoach writes anything.
            drop(child.stdout.take());
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "{args:?} json={json}: {:?}",
                output.status
            );
            assert_eq!(
                String::from_utf8_lossy(&output.stderr),
                "",
                "{args:?} json={json}"
            );
        }
    }
}

#[test]
fn muscles_piped_into_head_prints_no_error() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .sh("\"$TPCOACH\" muscles | head -1; \"$TPCOACH\" suggest neck --json | head -1")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(stdout(&output).lines().count(), 2);
}

#[test]
fn piped_output_has_no_colour_and_fits_the_width() {
    let sandbox = Sandbox::new();
    for (columns, width) in [(None, 100), (Some("60"), 60)] {
        let mut cmd = sandbox.cmd();
        if let Some(columns) = columns {
            cmd.env("COLUMNS", columns);
        }
        let output = cmd.arg("muscles").output().unwrap();
        let text = stdout(&output);
        assert!(!text.contains('\x1b'), "escape codes in piped output");
        for line in text.lines() {
            assert!(
                line.chars().count() <= width,
                "line wider than {width}: {line}"
            );
        }
    }
}

#[test]
fn an_error_wraps_to_the_width_and_stays_whole_in_a_log() {
    let narrow = Sandbox::new()
        .cmd()
        .env_remove("RUST_BACKTRACE")
        .env("COLUMNS", "40")
        .args(["suggest", "nekc"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&narrow.stderr).to_string();
    assert!(text.lines().count() > 1, "{text}");
    assert!(text.lines().all(|l| l.chars().count() < 40), "{text}");
    assert!(text.contains("did you mean \"neck\","), "{text}");
    // With no width to go by (a log), the message is one line.
    let log = Sandbox::new()
        .cmd()
        .env_remove("RUST_BACKTRACE")
        .env_remove("COLUMNS")
        .args(["suggest", "nekc"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&log.stderr).lines().count(), 1);
}
