//! The body map in `show` and `where`: drawn below the text, left out with `--no-map`, written
//! as an SVG chart with `--svg FILE`; without a terminal, glyphs carry the meaning.

mod common;

use common::Sandbox;
use predicates::prelude::*;

#[test]
fn show_muscle_draws_the_map_with_glyphs_and_the_conventions_when_piped() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["show", "infraspinatus"])
        .assert()
        .success()
        .stdout(predicate::str::contains("▓▓ where the pain usually is"))
        .stdout(predicate::str::contains("●● the tender spot"))
        .stdout(predicate::str::contains(
            "front: the person's left is on your right",
        ))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn where_area_numbers_the_muscles_spots_as_in_the_list() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["where", "low", "back"])
        .env("COLUMNS", "120")
        .assert()
        .success()
        .stdout(predicate::str::contains("low back, the area asked about"))
        .stdout(predicate::str::contains("numbered as in the list"));
}

#[test]
fn no_map_leaves_the_map_out() {
    let sandbox = Sandbox::new();
    for args in [
        ["show", "infraspinatus", "--no-map"],
        ["where", "temple", "--no-map"],
    ] {
        sandbox
            .cmd()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("the person's left").not())
            .stdout(predicate::function(|out: &str| {
                !out.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
            }));
    }
}

#[test]
fn a_map_too_small_to_read_is_left_out_with_a_note() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["show", "infraspinatus"])
        .env("LINES", "8")
        .assert()
        .success()
        .stdout(predicate::str::contains("the person's left").not())
        .stderr(predicate::str::contains("needs a larger terminal"));
}

#[test]
fn svg_writes_a_chart_with_areas_and_spots_by_id() {
    let sandbox = Sandbox::new();
    let file = sandbox.home().join("temple.svg");
    sandbox
        .cmd()
        .args(["where", "temple", "--no-map", "--svg"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote the chart"));
    let chart = std::fs::read_to_string(&file).expect("the chart was written");
    assert!(chart.contains("viewBox=\"0 0 210 297\""));
    assert!(chart.contains("data-area=\"temple\""));
    assert!(chart.contains("data-muscle=\"upper_trapezius\""));
    assert!(chart.contains("<title>Temple: the muscles that commonly send pain here</title>"));
    assert!(chart.contains("Sources: "));

    let file = sandbox.home().join("infraspinatus.svg");
    sandbox
        .cmd()
        .args(["show", "infraspinatus", "--json", "--svg"])
        .arg(&file)
        .assert()
        .success();
    let chart = std::fs::read_to_string(&file).expect("the chart was written");
    assert!(chart.contains("data-muscle=\"infraspinatus\""));
    assert!(chart.contains("data-area=\"front_of_shoulder\""));
}

#[test]
fn an_svg_file_that_cannot_be_written_is_an_error_naming_it() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["show", "infraspinatus", "--svg", "no/such/folder/chart.svg"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no/such/folder/chart.svg"));
}

#[test]
fn suggest_draws_the_routine_spots_numbered_by_step_only_with_map_when_piped() {
    let sandbox = Sandbox::new();
    let braille = |out: &str| out.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c));
    sandbox
        .cmd()
        .args(["suggest", "neck"])
        .assert()
        .success()
        .stdout(predicate::str::contains("numbered by step").not())
        .stdout(predicate::function(move |out: &str| !braille(out)));
    sandbox
        .cmd()
        .args(["suggest", "neck", "--map"])
        .env("COLUMNS", "100")
        .assert()
        .success()
        .stdout(predicate::str::contains("the spots, numbered by step"))
        .stdout(predicate::str::contains(
            "back: the person's left is on your left",
        ))
        .stdout(predicate::function(braille));
    sandbox
        .cmd()
        .args(["suggest", "neck", "--map", "--no-map"])
        .assert()
        .code(2);
}

#[test]
fn suggest_marks_only_the_spots_of_pressure_rows_under_their_row_numbers() {
    // `suggest neck` in 10 minutes: row 1 presses the upper trapezius, rows 2 and 3 are
    // stretches, which have no spot to mark.
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args(["suggest", "neck", "--map"])
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("│ 2 ┆ Upper") && text.contains("Stretching"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.starts_with('L') && l.contains("back") && l.contains('R'))
        .expect("the figure's heading");
    // The figure's own columns: as wide as its heading's "L ... R".
    let width = lines[top].find('R').expect("R") + 1;
    let numbers: String = lines[top + 1..]
        .iter()
        .take_while(|l| !l.is_empty())
        .flat_map(|l| l.chars().take(width))
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(numbers, "1", "{}", lines[top..].join("\n"));
}
