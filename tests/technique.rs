//! `--technique compression|stroking|mixed`: stroking routines, the remembered choice, `--fresh`,
//! the fallback note, the default (mixed) routines' stroking steps, and the session's stroke
//! pacer.

mod common;

use common::{stdout, Sandbox};
use serde_json::Value;

/// `tpcoach suggest QUERY ARGS --json` in `sandbox`, parsed.
fn suggest(sandbox: &Sandbox, query: &str, args: &[&str]) -> Value {
    let output = sandbox
        .cmd()
        .args(["suggest", query, "--json"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout(&output)).expect("JSON")
}

/// The (muscle, technique) of each pressure step on the left side.
fn pressure_steps(routine: &Value) -> Vec<(String, String)> {
    routine["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter(|s| s["side"] == "left" && s["kind"] != "stretch")
        .map(|s| {
            (
                s["muscle"].as_str().unwrap_or_default().to_string(),
                s["technique"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn notes(routine: &Value) -> Vec<String> {
    routine["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(|n| n.as_str().map(String::from))
        .collect()
}

#[test]
fn calf_with_stroking_gives_only_stroking_steps() {
    let sandbox = Sandbox::new();
    let routine = suggest(&sandbox, "calf", &["--technique", "stroking"]);
    assert_eq!(routine["technique"], "stroking");
    let steps = pressure_steps(&routine);
    assert!(!steps.is_empty());
    assert!(steps.iter().all(|(_, t)| t == "deep_stroking"), "{steps:?}");
}

#[test]
fn the_choice_is_remembered_across_runs_and_said() {
    let sandbox = Sandbox::new();
    suggest(&sandbox, "calf", &["--technique", "compression"]);
    let again = suggest(&sandbox, "calf", &[]);
    assert_eq!(again["technique"], "compression");
    let steps = pressure_steps(&again);
    assert!(
        steps.iter().all(|(_, t)| t == "static_compression"),
        "{steps:?}"
    );
    assert!(
        notes(&again)
            .iter()
            .any(|n| n.contains("Technique: compression, your last choice")),
        "{:?}",
        notes(&again)
    );
}

#[test]
fn fresh_goes_back_to_mixed_and_forgets_the_choice() {
    let sandbox = Sandbox::new();
    suggest(&sandbox, "calf", &["--technique", "compression"]);
    let fresh = suggest(&sandbox, "calf", &["--fresh"]);
    assert_eq!(fresh["technique"], "mixed");
    let later = suggest(&sandbox, "calf", &[]);
    assert_eq!(later["technique"], "mixed");
    assert!(!notes(&later).iter().any(|n| n.contains("your last choice")));
}

#[test]
fn muscles_that_cannot_be_stroked_fall_back_to_compression_said_once() {
    let sandbox = Sandbox::new();
    let routine = suggest(&sandbox, "upper back", &["--technique", "stroking"]);
    let steps = pressure_steps(&routine);
    assert!(
        steps.iter().any(|(_, t)| t == "static_compression"),
        "{steps:?}"
    );
    let fallback: Vec<String> = notes(&routine)
        .into_iter()
        .filter(|n| n.contains("no deep stroking with your tools"))
        .collect();
    assert_eq!(fallback.len(), 1, "{:?}", notes(&routine));
    for (muscle, technique) in &steps {
        if technique == "static_compression" {
            let name = muscle.replace('_', " ");
            assert!(
                fallback[0].to_lowercase().contains(&name),
                "{muscle} is not named in {fallback:?}"
            );
        }
    }
}

#[test]
fn default_arm_thigh_and_lower_leg_routines_stroke_where_the_sources_favour_it() {
    let sandbox = Sandbox::new();
    for (query, muscle) in [
        ("arm", "wrist_extensors"),
        ("thigh", "rectus_femoris"),
        ("lower leg", "soleus"),
    ] {
        let routine = suggest(&sandbox, query, &[]);
        assert_eq!(routine["technique"], "mixed");
        let steps = pressure_steps(&routine);
        assert!(
            steps.contains(&(muscle.to_string(), "deep_stroking".to_string())),
            "{query}: {steps:?}"
        );
        // Mixed is not stroking everywhere: compression stays where no source favours stroking
        // (the vastus medialis, the gastrocnemius), while `stroking` strokes them too.
        if query != "arm" {
            assert!(
                steps.iter().any(|(_, t)| t == "static_compression"),
                "{query}: {steps:?}"
            );
            let all_stroked = suggest(&sandbox, query, &["--technique", "stroking"]);
            suggest(&sandbox, query, &["--fresh"]);
            assert_ne!(steps, pressure_steps(&all_stroked), "{query}");
        }
    }
}

#[test]
fn plain_session_paces_the_strokes_of_a_stroking_routine() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args([
            "session",
            "calf",
            "--plain",
            "--technique",
            "stroking",
            "--minutes",
            "3",
            "--side",
            "left",
        ])
        .env("TPCOACH_TIME_SCALE", "0.001")
        .write_stdin("")
        .output()
        .expect("runs");
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Deep stroking with"), "{text}");
    let start = text
        .find("  Strokes: 12 slow strokes, one every 3 s")
        .expect(&text);
    let step = &text[start..];
    let step = &step[..step.find("  Strokes done.").expect(&text)];
    let counted: Vec<&str> = step
        .lines()
        .filter(|l| l.starts_with("  Stroke "))
        .collect();
    let expected: Vec<String> = (1..=12).map(|n| format!("  Stroke {n} of 12.")).collect();
    assert_eq!(counted, expected);
    // A session remembers the choice as suggest does.
    let next = suggest(&sandbox, "calf", &[]);
    assert_eq!(next["technique"], "stroking");
}

#[test]
fn a_stroking_routine_is_not_told_to_ease_as_it_holds() {
    let sandbox = Sandbox::new();
    let table = |args: &[&str]| {
        let output = sandbox
            .cmd()
            .args(["suggest", "calf", "--no-map"])
            .args(args)
            .output()
            .expect("runs");
        assert!(output.status.success());
        stdout(&output)
    };
    let stroked = table(&["--technique", "stroking"]);
    assert!(stroked.contains("Stop at sharp"), "{stroked}");
    assert!(!stroked.contains("ease as you hold"), "{stroked}");
    let held = table(&["--technique", "compression"]);
    assert!(held.contains("It should ease as you hold"), "{held}");
}
