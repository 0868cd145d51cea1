//! `tpcoach suggest` and `tpcoach where`: integration tests of the binary for every kind of query,
//! option and bad input, and property tests of the routine builder's safety rules over random
//! queries, budgets and tool sets.

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use common::{json, stdout, Sandbox};
use predicates::prelude::*;
use proptest::prelude::*;
use serde_json::Value;
use tpcoach::library::{Base, Library, LoadOptions};
use tpcoach::model::{ScreeningLimits, TechniqueKind, PRESSURE_LIMIT};
use tpcoach::referral::Target;
use tpcoach::routine::{self, Options, Routine, Side, Sides};
use tpcoach::Error;

/// A terminal width at which no table cell wraps, for tests that look for text inside tables.
const WIDE: &str = "1000";

/// `tpcoach suggest ARGS... --json`, which must succeed, parsed.
fn suggest_json(args: &[&str]) -> Value {
    let output = Sandbox::new()
        .cmd()
        .arg("suggest")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "suggest {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    json(&output)
}

/// `tpcoach suggest ARGS...` as text, which must succeed.
fn suggest_text(args: &[&str]) -> String {
    let output = Sandbox::new()
        .cmd()
        .env("COLUMNS", WIDE)
        .arg("suggest")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "suggest {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

/// `tpcoach suggest ARGS...` that must fail with exit 2: its stderr.
fn suggest_refused(args: &[&str]) -> String {
    let output = Sandbox::new()
        .cmd()
        .env_remove("RUST_BACKTRACE")
        .arg("suggest")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "suggest {args:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn steps(routine: &Value) -> &Vec<Value> {
    routine["steps"].as_array().expect("steps is a list")
}

/// The distinct muscles of a routine, in order of first appearance.
fn muscles(routine: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for step in steps(routine) {
        let id = step["muscle"].as_str().unwrap().to_string();
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

// ---------------------------------------------------------------- queries

#[test]
fn a_region_gives_a_routine_with_table_total_pressure_and_cautions() {
    let text = suggest_text(&["neck"]);
    assert!(text.starts_with("neck (region)\n"), "{text}");
    for part in [
        "Find the spot",
        "Upper trapezius",
        "Static compression",
        "hold 30 s x 2",
        "┆ both ┆",
        "Total: ",
        " of 10 min",
        "Pressure: about 5/10, never above 7/10",
        "Watch out",
        "Side of the neck above the collarbone",
        "No relief from a spot? Also check: ",
        "not a diagnosis",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    let routine = suggest_json(&["neck"]);
    assert_eq!(routine["query"], "neck");
    assert_eq!(routine["matched"], "neck (region)");
    assert_eq!(muscles(&routine)[0], "upper_trapezius");
}

#[test]
fn a_region_alias_is_understood_as_the_region() {
    let routine = suggest_json(&["low back"]);
    assert_eq!(routine["matched"], "lower back (region)");
    let ids = muscles(&routine);
    assert!(ids.contains(&"quadratus_lumborum".to_string()), "{ids:?}");
    let text = suggest_text(&["LUMBAR"]);
    assert!(text.starts_with("lower back (region)\n"), "{text}");
}

#[test]
fn a_pain_area_ranks_the_muscles_that_refer_there() {
    let text = suggest_text(&["temple"]);
    assert!(
        text.starts_with("temple: muscles that commonly send pain here\n"),
        "{text}"
    );
    let routine = suggest_json(&["temple"]);
    assert_eq!(
        muscles(&routine),
        ["upper_trapezius", "temporalis"],
        "{routine}"
    );
    let also: Vec<&str> = routine["also_check"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(also.contains(&"suboccipitals"), "{also:?}");

    let routine = suggest_json(&["heel"]);
    assert_eq!(
        routine["matched"],
        "heel: muscles that commonly send pain here"
    );
    assert_eq!(muscles(&routine)[0], "soleus", "{routine}");

    let routine = suggest_json(&["side of head"]);
    assert_eq!(
        routine["matched"],
        "temple: muscles that commonly send pain here"
    );
}

#[test]
fn a_symptom_gives_the_muscles_associated_with_it() {
    let routine = suggest_json(&["tension headache"]);
    assert_eq!(
        routine["matched"],
        "tension-type headache (symptom): muscles often associated with it"
    );
    assert_eq!(muscles(&routine)[0], "upper_trapezius");
    let routine = suggest_json(&["tennis elbow"]);
    assert_eq!(muscles(&routine)[0], "supinator", "{routine}");
    let routine = suggest_json(&["stiff neck"]);
    assert_eq!(muscles(&routine)[0], "levator_scapulae", "{routine}");
}

#[test]
fn several_words_need_no_quotes() {
    let sandbox = Sandbox::new();
    let words = sandbox
        .cmd()
        .args(["suggest", "lower", "back", "--minutes", "5"])
        .output()
        .unwrap();
    let quoted = sandbox
        .cmd()
        .args(["suggest", "lower back", "--minutes", "5"])
        .output()
        .unwrap();
    assert!(words.status.success());
    assert_eq!(stdout(&words), stdout(&quoted));
    assert!(stdout(&words).starts_with("lower back (region)\n"));
    let routine = suggest_json(&["tension", "headache", "--tools", "fingers"]);
    assert_eq!(routine["query"], "tension headache");
}

// ---------------------------------------------------------------- options

#[test]
fn the_budget_is_respected_and_counts_every_step() {
    for minutes in [4u64, 5, 7, 10, 12, 15] {
        let routine = suggest_json(&["neck", "--minutes", &minutes.to_string()]);
        let total = routine["total_seconds"].as_u64().unwrap();
        let sum: u64 = steps(&routine)
            .iter()
            .map(|s| s["seconds"].as_u64().unwrap())
            .sum();
        assert_eq!(total, sum, "--minutes {minutes}");
        assert!(total <= minutes * 60, "--minutes {minutes}: {total} s");
        assert_eq!(routine["budget_seconds"], minutes * 60);
        assert!(!steps(&routine).is_empty(), "--minutes {minutes}");
    }
    assert_eq!(suggest_json(&["neck"])["budget_seconds"], 600);
}

#[test]
fn a_short_budget_drops_muscles_not_doses() {
    let long = suggest_json(&["neck", "--minutes", "15"]);
    let short = suggest_json(&["lower back", "--minutes", "5"]);
    assert!(!steps(&short).is_empty());
    let short = suggest_json(&["neck", "--minutes", "4"]);
    assert!(muscles(&short).len() < muscles(&long).len());
    for step in steps(&short) {
        let same = steps(&long).iter().find(|s| {
            s["muscle"] == step["muscle"]
                && s["technique"] == step["technique"]
                && s["side"] == step["side"]
        });
        // A short step (the scalenes' brief touch) may fill a gap the longer routine did not
        // leave; where a step is in both, its dose is the same.
        if let Some(same) = same {
            assert_eq!(same["dose"], step["dose"], "the dose was cut to fit");
        }
    }
    let text = suggest_text(&["neck", "--minutes", "4"]);
    assert!(text.contains("left out to fit 4 min"), "{text}");
}

#[test]
fn fingers_only_means_only_hand_tools() {
    let routine = suggest_json(&["tension", "headache", "--tools", "fingers"]);
    assert!(!steps(&routine).is_empty());
    let hands = ["fingers", "thumb", "pincer_grip"];
    for step in steps(&routine) {
        match step["tool"].as_str() {
            Some(tool) => assert!(hands.contains(&tool), "{step}"),
            None => assert_eq!(step["technique"], "stretching", "{step}"),
        }
    }
    assert!(steps(&routine).iter().any(|s| !s["tool"].is_null()));
}

#[test]
fn a_ball_only_routine_says_which_tool_would_add_a_muscle() {
    let text = suggest_text(&["neck", "--tools", "ball"]);
    assert!(
        text.contains(
            "Note: Upper trapezius needs fingers or cane for pressure work; add --tools fingers to include it"
        ),
        "{text}"
    );
    let routine = suggest_json(&["neck", "--tools", "ball"]);
    for step in steps(&routine) {
        let tool = step["tool"].as_str();
        assert!(
            tool.is_none_or(|t| t.starts_with("ball_")),
            "{step} uses a tool the person lacks"
        );
    }
    let text = suggest_text(&["neck", "--tools", "roller"]);
    assert!(
        text.contains(
            "Levator scapulae needs cane or ball or fingers for pressure work; add --tools cane"
        ),
        "{text}"
    );
}

#[test]
fn tools_accept_names_aliases_and_commas() {
    let a = suggest_json(&["neck", "--tools", "fingers,ball"]);
    let b = suggest_json(&["neck", "--tools", "Fingertips", "--tools", "tennis ball"]);
    assert_eq!(a["steps"], b["steps"]);
}

#[test]
fn a_query_nothing_can_be_done_for_with_these_tools_is_an_error_not_an_empty_routine() {
    Sandbox::new()
        .cmd()
        // Under the chin only the digastric's front belly refers, and it is worked by fingers alone
        // (it has no stretch), so a roller can do nothing there.
        .args(["suggest", "chin", "--tools", "roller"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "nothing for \"chin\" can be done with the tools you have (roller)",
        ))
        .stderr(predicate::str::contains("add --tools fingers"));
}

#[test]
fn side_chooses_the_sides_worked() {
    for (side, expected) in [
        ("left", &["left"][..]),
        ("right", &["right"]),
        ("both", &["left", "right"]),
    ] {
        let routine = suggest_json(&["neck", "--side", side]);
        let sides: BTreeSet<&str> = steps(&routine)
            .iter()
            .map(|s| s["side"].as_str().unwrap())
            .collect();
        assert_eq!(sides, expected.iter().copied().collect(), "--side {side}");
    }
    let text = suggest_text(&["heel", "--side", "left"]);
    assert!(!text.contains("right"), "{text}");
}

#[test]
fn pressure_work_on_a_muscle_comes_before_its_stretch() {
    for query in ["neck", "upper back", "thigh", "heel", "tension headache"] {
        let routine = suggest_json(&[query, "--minutes", "15"]);
        let mut stretched = BTreeSet::new();
        for step in steps(&routine) {
            let muscle = step["muscle"].as_str().unwrap();
            if step["technique"] == "stretching" {
                stretched.insert(muscle);
            } else {
                assert!(
                    !stretched.contains(muscle),
                    "{query}: {step} after its stretch"
                );
            }
        }
    }
}

#[test]
fn every_step_near_a_danger_zone_carries_its_caution() {
    let routine = suggest_json(&["neck", "--minutes", "15"]);
    let trapezius: Vec<&Value> = steps(&routine)
        .iter()
        .filter(|s| s["muscle"] == "upper_trapezius")
        .collect();
    assert_eq!(trapezius.len(), 4, "two sides of pressure work and stretch");
    for step in trapezius {
        let cautions = step["cautions"].as_array().unwrap();
        let zone = cautions.iter().any(|c| {
            c.as_str()
                .unwrap()
                .starts_with("Side of the neck above the collarbone:")
        });
        // Pressure work carries the zone's caution; a stretch presses nothing and does not.
        assert_eq!(zone, step["technique"] != "stretching", "{step}");
    }
    let text = suggest_text(&["neck", "--minutes", "15"]);
    // The zone is said once, with the pressure rows near it, and no muscle repeats it.
    assert!(
        text.contains("Side of the neck above the collarbone (rows 1, 3, 5):\n  - Pressure here"),
        "{text}"
    );
    assert_eq!(
        text.matches("Never press into this hollow").count(),
        1,
        "{text}"
    );
    assert!(
        text.contains("Upper trapezius (rows 1, 2):\n  - Stop if"),
        "{text}"
    );
}

#[test]
fn json_has_the_documented_shape_with_ids() {
    let routine = suggest_json(&["neck"]);
    for key in ["query", "matched", "total_seconds", "steps"] {
        assert!(!routine[key].is_null(), "{key} missing: {routine}");
    }
    for step in steps(&routine) {
        for key in ["muscle", "technique", "side", "seconds"] {
            assert!(!step[key].is_null(), "{key} missing: {step}");
        }
        assert!(step.get("tool").is_some(), "tool missing: {step}");
        let muscle = step["muscle"].as_str().unwrap();
        assert!(
            muscle.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{muscle} is not an id"
        );
    }
}

#[test]
fn the_same_input_gives_the_same_output() {
    let sandbox = Sandbox::new();
    for args in [
        &["suggest", "neck"][..],
        &["suggest", "tension", "headache", "--minutes", "7", "--json"],
        &["where", "temple"],
        &["where", "heel", "--json"],
    ] {
        let first = sandbox.cmd().args(args).output().unwrap();
        let second = sandbox.cmd().args(args).output().unwrap();
        assert!(first.status.success());
        assert_eq!(first.stdout, second.stdout, "{args:?}");
    }
}

// ---------------------------------------------------------------- bad input

#[test]
fn an_unknown_query_is_exit_2_with_suggestions() {
    Sandbox::new()
        .cmd()
        .args(["suggest", "nekc"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no region, pain area or symptom matches \"nekc\"; did you mean \"neck\"",
        ));
    Sandbox::new()
        .cmd()
        .args(["suggest", "tenis", "elbow"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean"))
        .stderr(predicate::str::contains("tennis"));
}

#[test]
fn a_budget_of_zero_negative_or_absurd_minutes_is_exit_2() {
    for minutes in ["0", "-3", "500", "ten"] {
        Sandbox::new()
            .cmd()
            .args(["suggest", "neck", "--minutes", minutes])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "invalid value '{minutes}' for '--minutes <N>'"
            )));
    }
}

#[test]
fn a_budget_too_short_for_any_muscle_says_how_long_is_needed() {
    Sandbox::new()
        .cmd()
        .args(["suggest", "low back", "--minutes", "1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("1 minute is too short"))
        .stderr(predicate::str::contains("try --minutes"));
}

#[test]
fn an_unknown_or_empty_tool_list_is_exit_2() {
    Sandbox::new()
        .cmd()
        .args(["suggest", "neck", "--tools", "fingers,hammer"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown tool \"hammer\"; use any of: ball, cane, fingers, roller",
        ));
    Sandbox::new()
        .cmd()
        .args(["suggest", "neck", "--tools", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--tools is empty"));
}

#[test]
fn an_unknown_side_is_exit_2() {
    Sandbox::new()
        .cmd()
        .args(["suggest", "neck", "--side", "middle"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "invalid value 'middle' for '--side",
        ))
        .stderr(predicate::str::contains("left, right, both"));
}

// ---------------------------------------------------------------- where

/// `tpcoach where ARGS... --json`, which must succeed, parsed.
fn where_json(args: &[&str]) -> Value {
    let output = Sandbox::new()
        .cmd()
        .arg("where")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(output.status.success());
    json(&output)
}

fn ranked(found: &Value) -> Vec<&str> {
    found["muscles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["muscle"].as_str().unwrap())
        .collect()
}

#[test]
fn where_temple_ranks_the_referrers_and_shows_its_warning_signs() {
    let found = where_json(&["temple"]);
    assert_eq!(found["pain_area"], "temple");
    let muscles = ranked(&found);
    assert_eq!(&muscles[..2], ["upper_trapezius", "temporalis"]);
    assert!(muscles.contains(&"sternocleidomastoid"), "{muscles:?}");
    let first = &found["muscles"][0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["region"], "neck");
    assert_eq!(first["strength"], "primary");
    assert!(!found["red_flags"].as_array().unwrap().is_empty());

    let output = Sandbox::new()
        .cmd()
        .env("COLUMNS", WIDE)
        .args(["where", "temple"])
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(text.starts_with("temple: muscles that commonly send pain here\n"));
    assert!(text.contains("Upper trapezius"), "{text}");
    assert!(text.contains("usually"), "{text}");
    assert!(text.contains("sometimes"), "{text}");
    assert!(text.contains("Seek care first if:"), "{text}");
    // The body map comes after the pointer to suggest.
    assert!(text.contains("\nTry: tpcoach suggest temple\n\n"), "{text}");
    assert!(
        text.contains("the person's left is on your right"),
        "{text}"
    );
}

#[test]
fn where_heel_puts_the_soleus_first() {
    let found = where_json(&["heel"]);
    assert_eq!(&ranked(&found)[..2], ["soleus", "intrinsic_sole_muscles"]);
}

#[test]
fn where_chest_shows_the_heart_red_flag_first() {
    let found = where_json(&["chest"]);
    assert_eq!(ranked(&found)[0], "pectoralis_major");
    let flag = &found["red_flags"][0];
    assert_eq!(flag["urgency"], "emergency");
    assert!(flag["sign"].as_str().unwrap().contains("heart"), "{flag}");
    Sandbox::new()
        .cmd()
        .args(["where", "chest"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "emergency: call emergency services now",
        ));
}

#[test]
fn where_calf_warns_of_a_clot() {
    let found = where_json(&["calf"]);
    let signs: Vec<&str> = found["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["sign"].as_str().unwrap())
        .collect();
    assert!(signs.iter().any(|s| s.contains("clot")), "{signs:?}");
}

#[test]
fn where_takes_several_words_and_aliases() {
    let found = where_json(&["outer", "elbow"]);
    assert_eq!(found["pain_area"], "outer_elbow");
    assert_eq!(ranked(&found)[0], "supinator");
    assert_eq!(where_json(&["side of head"])["pain_area"], "temple");
}

#[test]
fn where_an_unknown_area_is_exit_2_with_suggestions() {
    Sandbox::new()
        .cmd()
        .args(["where", "templ"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no pain area matches \"templ\"; did you mean \"temple\"",
        ));
}

// ---------------------------------------------------------------- properties of the builder

fn load() -> Library {
    Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("the built-in library loads")
}

/// The built-in library, loaded once (and a second, separately loaded copy for determinism).
fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(load)
}

fn library_again() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(load)
}

/// Every name a person might type for a region, pain area or symptom: ids, names and aliases.
fn queries() -> Vec<String> {
    let l = library();
    let mut out = BTreeSet::new();
    for (id, name, aliases) in l
        .regions
        .iter()
        .map(|r| (&r.id, &r.name, &r.aliases))
        .chain(l.pain_areas.iter().map(|p| (&p.id, &p.name, &p.aliases)))
        .chain(l.symptoms.iter().map(|s| (&s.id, &s.name, &s.aliases)))
    {
        out.insert(id.to_string());
        out.insert(name.to_string());
        out.extend(aliases.iter().map(|a| a.to_string()));
    }
    out.into_iter().collect()
}

fn equipment() -> Vec<String> {
    let all: BTreeSet<String> = library()
        .tools
        .iter()
        .map(|t| t.equipment.to_string())
        .collect();
    all.into_iter().collect()
}

prop_compose! {
    fn options()(
        minutes in 1u32..=routine::MAX_MINUTES,
        equipment in prop::sample::subsequence(equipment(), 1..=equipment().len()),
        sides in prop::sample::select(vec![Sides::Left, Sides::Right, Sides::Both]),
        limits in prop::option::of((any::<bool>(), 1u8..=PRESSURE_LIMIT)),
        settle_seconds in prop::sample::select(vec![0u32, 3, tpcoach::routine::SETTLE_SECONDS, 10]),
    ) -> Options {
        Options {
            minutes,
            equipment: equipment.into_iter().collect(),
            sides,
            limits: limits.map_or_else(ScreeningLimits::default, |(fingers_only, ceiling)| {
                ScreeningLimits {
                    fingers_only,
                    pressure_ceiling: Some(ceiling),
                    exclude_regions: Vec::new(),
                    exclude_worked_regions: false,
                }
            }),
            history: None,
            technique: Default::default(),
            settle_seconds,
        }
    }
}

prop_compose! {
    /// A query from the library, sometimes shouted or padded the way people type.
    fn query()(query in prop::sample::select(queries()), upper in any::<bool>()) -> String {
        if upper { format!("  {}  ", query.to_uppercase()) } else { query }
    }
}

/// Checks every rule a routine must keep; the message says which one broke.
fn check_routine(l: &Library, query: &str, o: &Options, r: &Routine) -> Result<(), String> {
    let budget = o.minutes * 60;
    let sum: u32 = r.steps.iter().map(|s| s.seconds).sum();
    if r.total_seconds != sum || sum > budget {
        return Err(format!(
            "total {} (steps {sum}) against a budget of {budget}",
            r.total_seconds
        ));
    }
    if r.steps.is_empty() {
        return Err("an empty routine".into());
    }
    let target = l.understand(query).map_err(|e| e.to_string())?;
    let ranked: Vec<&str> = routine::ranked_for(l, query, target)
        .iter()
        .map(|x| x.muscle.id.as_str())
        .collect();
    let mut last_rank = 0;
    let mut stretched = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for s in &r.steps {
        let fail = |rule: &str| Err(format!("{rule}: {s:?}"));
        let m = l.muscle(&s.muscle).ok_or("unknown muscle")?;
        let t = l.technique(&s.technique).ok_or("unknown technique")?;
        let asked_for_itself = match target {
            Target::Region(id) => id == m.region,
            Target::PainArea(id) => l.pain_area(id).is_some_and(|p| p.region == m.region),
            Target::Symptom(id) => l.symptom(id).is_some_and(|sy| {
                sy.pain_areas
                    .iter()
                    .any(|a| l.pain_area(a).is_some_and(|p| p.region == m.region))
            }),
        };
        if l.region(&m.region).is_some_and(|g| g.advanced) && !asked_for_itself {
            return fail("a muscle of an advanced region in a routine not asked for that region");
        }
        if m.information_only {
            return fail("a step on an information-only muscle");
        }
        if s.kind != t.kind {
            return fail("the step's kind is not its technique's");
        }
        if seen.insert(m.id.as_str()) {
            let rank = ranked.iter().position(|id| *id == m.id);
            match rank {
                Some(rank) if rank >= last_rank => last_rank = rank,
                _ => return fail("muscles out of relevance order, or not for this query"),
            }
        }
        match (&s.tool, s.kind) {
            (None, TechniqueKind::Stretch) => {
                if m.no_self_stretch.is_some() || m.stretch.is_none() {
                    return fail("a stretch for a no-self-stretch muscle");
                }
                stretched.insert(m.id.as_str());
            }
            (Some(tool), TechniqueKind::Compression | TechniqueKind::Stroking) => {
                let tool = l.tool(tool).ok_or("unknown tool")?;
                if (m.fingers_only || o.limits.fingers_only) && !tool.is_hands() {
                    return fail("a tool step on a fingers-only muscle");
                }
                if !o.equipment.contains(tool.equipment.as_str()) {
                    return fail("a tool the person does not have");
                }
                let listed = m
                    .techniques
                    .iter()
                    .any(|mt| mt.technique == t.id && mt.tools.contains(&tool.id));
                if !listed {
                    return fail("a technique and tool the muscle does not list");
                }
                if stretched.contains(m.id.as_str()) {
                    return fail("pressure work after the muscle's stretch");
                }
                let own = m
                    .techniques
                    .iter()
                    .find(|mt| mt.technique == t.id)
                    .and_then(|mt| mt.dose.as_ref())
                    .and_then(|d| d.pressure_ceiling);
                let ceiling = [Some(PRESSURE_LIMIT), own, o.limits.pressure_ceiling]
                    .into_iter()
                    .flatten()
                    .min()
                    .unwrap();
                match (s.dose.pressure_target, s.dose.pressure_ceiling) {
                    (Some(target), Some(c)) if c <= ceiling && target <= c => {}
                    _ => return fail("pressure advice missing or above the ceiling"),
                }
            }
            _ => return fail("a stretch with a tool, or pressure work without one"),
        }
        if let (Some(hold), Some(max)) = (s.dose.hold_seconds, t.max_hold_seconds) {
            if hold > max {
                return fail("a hold above the technique's ceiling");
            }
        }
        if o.sides == Sides::Left && s.side != Side::Left
            || o.sides == Sides::Right && s.side != Side::Right
        {
            return fail("a side that was not asked for");
        }
        for z in &m.danger_zones {
            let Some(zone) = l.danger_zone(z) else {
                continue;
            };
            let shown = s.cautions.iter().any(|c| c.contains(zone.caution.as_str()));
            if s.kind == TechniqueKind::Stretch && shown {
                return fail("a stretch shows a pressure caution");
            }
            // A zone scoped to a tool (inside the mouth: the pinch inside the cheek) goes with
            // that tool's steps only.
            let goes = z.goes_with(s.kind, s.tool.as_deref());
            if goes && !shown {
                return fail("pressure work near a danger zone without its caution");
            }
            if !goes && shown {
                return fail("a danger zone's caution on work it does not go with");
            }
        }
        // What the session's timers will run: every phase of the step, added up, and a
        // settle-in count before the first work and before each work that follows a rest.
        let phases = tpcoach::session::plan::phases(s);
        let timed: std::time::Duration = phases.iter().map(|p| p.length).sum();
        let settles = phases
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.kind.is_work()
                    && (*i == 0 || phases[i - 1].kind == tpcoach::session::PhaseKind::Rest)
            })
            .count() as u64;
        let settle = settles * u64::from(o.settle_seconds);
        if u64::from(s.seconds) != timed.as_secs() + settle + u64::from(routine::TRANSITION_SECONDS)
        {
            return fail("a step's time is not the time its timers run");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn routines_keep_every_safety_rule_and_the_budget(query in query(), options in options()) {
        let l = library();
        match routine::build(l, &query, &options) {
            Ok(r) => {
                if let Err(broken) = check_routine(l, &query, &options, &r) {
                    return Err(TestCaseError::fail(broken));
                }
            }
            // Too short a budget, or nothing doable with these tools: a message, never a panic.
            Err(Error::BadInput(message)) => {
                prop_assert!(
                    message.contains("too short") || message.contains("with the tools you have")
                        || message.contains("with the hands alone")
                        || message.contains("rule out")
                        || message.contains("without more safety questions")
                        || message.contains("no routine for"),
                    "{}", message
                );
            }
            Err(other) => return Err(TestCaseError::fail(format!("{query:?}: {other}"))),
        }
    }

    #[test]
    fn the_same_input_builds_the_same_routine(query in query(), options in options()) {
        let first = routine::build(library(), &query, &options);
        let again = routine::build(library(), &query, &options);
        let other_load = routine::build(library_again(), &query, &options);
        match (first, again, other_load) {
            (Ok(a), Ok(b), Ok(c)) => {
                prop_assert_eq!(&a, &b);
                prop_assert_eq!(&a, &c);
            }
            (Err(a), Err(b), Err(c)) => {
                prop_assert_eq!(a.to_string(), b.to_string());
                prop_assert_eq!(a.to_string(), c.to_string());
            }
            _ => prop_assert!(false, "one build failed and another did not"),
        }
    }

    #[test]
    fn more_time_never_gives_a_shorter_routine(query in query(), options in options()) {
        let l = library();
        let shorter = routine::build(l, &query, &options);
        let longer = routine::build(l, &query, &Options { minutes: routine::MAX_MINUTES, ..options.clone() });
        if let (Ok(shorter), Ok(longer)) = (shorter, longer) {
            prop_assert!(shorter.total_seconds <= longer.total_seconds);
            // Doses are never cut to fit: a step's dose is the same whatever the budget.
            for s in &shorter.steps {
                if let Some(l) = longer.steps.iter().find(|l| {
                    l.muscle == s.muscle && l.technique == s.technique && l.side == s.side
                }) {
                    prop_assert_eq!(&l.dose, &s.dose);
                }
            }
        }
    }

    #[test]
    fn any_typed_text_is_understood_or_refused_with_a_message(text in "\\PC{0,24}") {
        let options = Options {
            minutes: 10,
            equipment: ["fingers".to_string(), "ball".to_string()].into(),
            sides: Sides::Both,
            limits: ScreeningLimits::default(),
            history: None,
            technique: Default::default(),
            settle_seconds: tpcoach::routine::SETTLE_SECONDS,
        };
        match routine::build(library(), &text, &options) {
            Ok(r) => prop_assert!(r.total_seconds <= 600),
            Err(Error::NotFound { .. } | Error::BadInput(_)) => {}
            Err(other) => return Err(TestCaseError::fail(other.to_string())),
        }
    }
}

#[test]
fn every_query_in_the_library_is_understood() {
    let l = library();
    for query in queries() {
        let target = l.understand(&query);
        assert!(target.is_ok(), "{query:?}: {:?}", target.err());
    }
    assert!(matches!(
        l.understand("low back"),
        Ok(Target::Region("lower_back"))
    ));
}

#[test]
fn muscles_of_the_abdomen_stay_out_of_routines_not_asked_for_it() {
    let routine = suggest_json(&["low", "back", "pain"]);
    let worked = muscles(&routine);
    assert!(!worked.is_empty());
    for id in ["iliacus", "rectus_abdominis", "psoas"] {
        assert!(!worked.iter().any(|m| m == id), "{id} in {worked:?}");
    }
    let notes = routine["notes"].to_string();
    assert!(
        notes.contains("Iliacus") && notes.contains("tpcoach session abdomen"),
        "{notes}"
    );
    let abdomen = suggest_json(&["abdomen"]);
    assert!(muscles(&abdomen).iter().any(|m| m == "rectus_abdominis"));
    let err = suggest_refused(&["testicle"]);
    assert!(err.contains("without more safety questions"), "{err}");
    assert!(err.contains("External oblique"), "{err}");
}

#[test]
fn the_warning_signs_of_the_place_come_before_the_routine() {
    let text = suggest_text(&["chest", "pain"]);
    let heart = text
        .find("possible heart problem")
        .unwrap_or_else(|| panic!("no heart warning:\n{text}"));
    let table = text.find("Muscle").expect("a table");
    assert!(heart < table, "{text}");
    assert!(text.contains("call emergency services now"), "{text}");
    let headache = suggest_json(&["tension", "headache"]);
    let signs = headache["warning_signs"].to_string();
    assert!(signs.contains("thunderclap_headache"), "{signs}");
}

#[test]
fn a_symptom_that_needs_a_clinician_first_gets_no_routine() {
    let err = suggest_refused(&["off", "balance"]);
    assert!(err.contains("no routine for feeling off balance"), "{err}");
    assert!(err.contains("clinician"), "{err}");
    let err = suggest_refused(&["dizziness"]);
    assert!(err.contains("no routine for feeling off balance"), "{err}");
    let err = suggest_refused(&["numbness"]);
    assert!(err.contains("have it assessed"), "{err}");
}

#[test]
fn testicle_pain_leads_with_its_emergency_sign() {
    let err = suggest_refused(&["testicle"]);
    let sign = err.find("Seek care first: Sudden, severe pain in a testicle");
    let note = err.find("External oblique also refers here");
    assert!(sign.is_some() && sign < note, "{err}");
    let output = Sandbox::new()
        .cmd()
        .env("COLUMNS", WIDE)
        .args(["where", "testicle"])
        .output()
        .unwrap();
    let text = stdout(&output);
    let sign = text.find("Sudden, severe pain in a testicle");
    let table = text.find("External oblique");
    assert!(sign.is_some() && sign < table, "{text}");
}

#[test]
fn a_steps_cautions_include_the_muscles_own() {
    let text = suggest_text(&["neck"]);
    assert!(
        text.contains("Stop if you feel tingling or numbness in the arm"),
        "{text}"
    );
}

#[test]
fn a_stretch_row_shows_no_spot_to_find() {
    for columns in ["80", WIDE] {
        let output = Sandbox::new()
            .cmd()
            .env("COLUMNS", columns)
            .args(["suggest", "neck", "--minutes", "15"])
            .output()
            .unwrap();
        let text = stdout(&output);
        if columns == "80" {
            let stretch = text
                .split("\n\n")
                .find(|block| block.contains("Stretching: stretch"))
                .unwrap_or_else(|| panic!("no stretch block: {text}"));
            assert!(!stretch.contains("Find the spot"), "{stretch}");
        } else {
            let row = text
                .lines()
                .find(|line| line.contains("Stretching"))
                .unwrap_or_else(|| panic!("no stretch row: {text}"));
            assert!(row.contains("┆ -  "), "{row}");
        }
    }
}

#[test]
fn several_places_in_one_query_are_merged_into_one_routine() {
    let routine = suggest_json(&["neck", "temple"]);
    assert_eq!(
        routine["matched"], "neck (region) + temple (pain area), in one routine",
        "{routine}"
    );
    let muscles: Vec<&str> = steps(&routine)
        .iter()
        .map(|s| s["muscle"].as_str().unwrap())
        .collect();
    // Each place's best muscle, in the order the places were typed.
    let trapezius = muscles.iter().position(|m| *m == "upper_trapezius");
    let temporalis = muscles.iter().position(|m| *m == "temporalis");
    assert!(
        matches!((trapezius, temporalis), (Some(a), Some(b)) if a < b),
        "{muscles:?}"
    );
    // Joining and describing words need no note; the same routine either way.
    let joined = suggest_json(&["tight", "neck", "and", "sore", "temple"]);
    assert_eq!(joined["steps"], routine["steps"]);
    assert_eq!(joined["notes"], routine["notes"]);
}

#[test]
fn a_word_that_names_no_place_refuses_the_whole_query() {
    Sandbox::new()
        .cmd()
        .args(["suggest", "neck", "zzyzx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no region, pain area or symptom matches \"neck zzyzx\"",
        ));
}

#[test]
fn a_session_on_several_places_asks_the_questions_of_each() {
    let output = Sandbox::new()
        .cmd()
        .args(["session", "neck", "temple", "--plain", "--minutes", "6"])
        .args(["--side", "left"])
        .env("TPCOACH_TIME_SCALE", "0.001")
        .write_stdin("")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    // The head's own question (temple) beside the neck's, and both places' muscles.
    assert!(
        text.contains("Is the pain in one particular tooth"),
        "{text}"
    );
    assert!(
        text.contains("Step 1 of 4: Upper trapezius, left side"),
        "{text}"
    );
    assert!(
        text.contains("Step 3 of 4: Temporalis, left side"),
        "{text}"
    );
}

#[test]
fn where_several_areas_lists_each_muscle_once_usual_first() {
    let found = where_json(&["heel", "calf"]);
    assert_eq!(found["pain_areas"], serde_json::json!(["heel", "calf"]));
    let muscles = ranked(&found);
    let mut unique = muscles.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), muscles.len(), "each once: {muscles:?}");
    // Every muscle of either area, and no other.
    let mut expected: Vec<String> = Vec::new();
    for area in ["heel", "calf"] {
        for m in ranked(&where_json(&[area])) {
            if !expected.contains(&m.to_string()) {
                expected.push(m.to_string());
            }
        }
    }
    assert_eq!(muscles.len(), expected.len(), "{muscles:?} vs {expected:?}");
    let strengths: Vec<&str> = found["muscles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["strength"].as_str().unwrap())
        .collect();
    let first_spill = strengths.iter().position(|s| *s == "spillover").unwrap();
    assert!(strengths[first_spill..].iter().all(|s| *s == "spillover"));
    let soleus = &found["muscles"][0];
    assert_eq!(soleus["muscle"], "soleus");
    assert_eq!(soleus["areas"], serde_json::json!(["heel", "calf"]));
}

#[test]
fn where_at_80_columns_lists_like_suggest_and_recaps_when_tall() {
    let sandbox = Sandbox::new();
    let run = |lines: Option<&str>| {
        let mut cmd = sandbox.cmd();
        cmd.env("COLUMNS", "80").args(["where", "temple"]);
        if let Some(lines) = lines {
            cmd.env("LINES", lines);
        }
        stdout(&cmd.output().unwrap())
    };
    let text = run(None);
    assert!(
        text.contains("\n1. Upper trapezius (neck): usually\n   Find the spot: "),
        "{text}"
    );
    assert!(!text.contains('┌'), "no table at 80 columns: {text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(!text.contains("In short"), "no height, no recap: {text}");
    // Taller than a 24-row terminal: the ranking again at the end.
    let tall = run(Some("24"));
    let recap = tall.rsplit("In short\n").next().unwrap();
    assert!(
        recap.starts_with("1. Upper trapezius (usually), 2. Temporalis"),
        "{recap}"
    );
    assert!(
        recap.trim_end().ends_with("Try: tpcoach suggest temple"),
        "{recap}"
    );
    // A short answer in a tall terminal needs none.
    assert!(!run(Some("500")).contains("In short"));
}

#[test]
fn suggest_recaps_the_steps_when_taller_than_the_terminal() {
    let output = Sandbox::new()
        .cmd()
        .env("COLUMNS", "80")
        .env("LINES", "24")
        .args(["suggest", "neck"])
        .output()
        .unwrap();
    let text = stdout(&output);
    let recap = text.rsplit("The steps, in short\n").next().unwrap();
    assert!(
        recap.starts_with("1. Upper trapezius, both sides: hold 30 s x 2 ("),
        "{recap}"
    );
    assert!(
        recap.contains("`tpcoach session neck` coaches you through it."),
        "{recap}"
    );
}

#[test]
fn the_fingers_only_rule_is_said_once_per_step() {
    let routine = suggest_json(&["temple", "--minutes", "15"]);
    for step in steps(&routine) {
        let fingers = step["cautions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c.as_str().unwrap().to_lowercase().contains("fingers only"))
            .count();
        assert!(fingers <= 1, "{step}");
    }
    assert!(
        steps(&routine).iter().any(|s| s["muscle"] == "temporalis"),
        "{routine}"
    );
}

#[test]
fn a_caution_two_muscles_share_is_said_once_under_both() {
    let text = suggest_text(&["heel", "calf", "--minutes", "15"]);
    let watch = text
        .split("Watch out\n")
        .nth(1)
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(
        watch.matches("check for signs of a blood clot").count(),
        1,
        "{watch}"
    );
    assert!(watch.contains("Soleus, Gastrocnemius (rows "), "{watch}");
}

#[test]
fn where_gives_no_directions_to_a_muscle_not_for_self_treatment() {
    let output = Sandbox::new()
        .cmd()
        .env("COLUMNS", "80")
        .args(["where", "calf", "--no-map"])
        .output()
        .unwrap();
    let text = stdout(&output);
    let block = text
        .split("\n\n")
        .find(|b| b.contains("Plantaris"))
        .unwrap_or_else(|| panic!("no plantaris: {text}"));
    assert!(
        block.contains("Information only, not for self-treatment"),
        "{block}"
    );
    assert!(!block.contains("Find the spot"), "{block}");
}

#[test]
fn a_third_neck_session_in_a_day_is_told_the_most_a_day() {
    let sandbox = Sandbox::new();
    let run = || {
        let output = sandbox
            .cmd()
            .args([
                "session",
                "neck",
                "--plain",
                "--minutes",
                "2",
                "--side",
                "left",
            ])
            .env("TPCOACH_TIME_SCALE", "0.001")
            .write_stdin("")
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        stdout(&output)
    };
    for _ in 0..2 {
        assert!(!run().contains("times today"));
    }
    let third = run();
    assert!(
        third.contains(
            "You have worked the muscles of a neck session 2 times today; 2 a day at most"
        ),
        "{third}"
    );
}

#[test]
fn a_jaw_routine_shows_no_breast_or_chest_sign_and_the_chest_keeps_them() {
    for query in [&["jaw"][..], &["jaw", "pain"], &["upper", "teeth"]] {
        let routine = suggest_json(query);
        let signs = routine["warning_signs"].to_string();
        assert!(
            !signs.contains("breast") && !signs.contains("chest_pain"),
            "{query:?}: {signs}"
        );
        let text = suggest_text(query);
        assert!(!text.contains("breast"), "{query:?}:\n{text}");
    }
    let teeth = suggest_json(&["upper", "teeth"])["warning_signs"].to_string();
    assert!(teeth.contains("tooth_pain_persistent"), "{teeth}");
    let chest = suggest_json(&["chest"])["warning_signs"].to_string();
    assert!(
        chest.contains("breast_lump_or_chest_symptoms") && chest.contains("dizzy_spells"),
        "{chest}"
    );
}

#[test]
fn knee_pain_leads_with_a_knee_muscle_even_with_a_second_place() {
    let l = library();
    let thigh = |id: &str| l.muscle(id).is_some_and(|m| m.region == "thigh");
    for query in [&["knee", "pain"][..], &["knee", "pain", "and", "heel"]] {
        let routine = suggest_json(query);
        let worked = muscles(&routine);
        assert!(
            worked.first().is_some_and(|m| thigh(m)),
            "{query:?}: {worked:?}"
        );
    }
    // The heel keeps its own first muscle in the merged routine.
    let merged = muscles(&suggest_json(&["knee", "pain", "and", "heel"]));
    assert_eq!(
        merged.get(1).map(String::as_str),
        Some("soleus"),
        "{merged:?}"
    );
}

#[test]
fn a_foot_query_leads_with_the_foot_muscles_and_the_calf_comes_after() {
    let foot = [
        "intrinsic_sole_muscles",
        "abductor_hallucis",
        "quadratus_plantae",
        "extensor_digitorum_brevis",
    ];
    for query in ["foot", "feet"] {
        let worked = muscles(&suggest_json(&[query, "--minutes", "15"]));
        let first_other = worked.iter().position(|m| !foot.contains(&m.as_str()));
        let last_foot = worked.iter().rposition(|m| foot.contains(&m.as_str()));
        assert!(
            last_foot.is_some() && first_other.is_none_or(|o| last_foot < Some(o)),
            "{query}: {worked:?}"
        );
    }
    // The region's own name keeps the usual order: the calf's most common muscles first.
    let region = muscles(&suggest_json(&["lower", "leg", "and", "foot"]));
    assert_eq!(
        region.first().map(String::as_str),
        Some("soleus"),
        "{region:?}"
    );
    let neck = muscles(&suggest_json(&["neck"]));
    assert_eq!(
        neck.first().map(String::as_str),
        Some("upper_trapezius"),
        "{neck:?}"
    );
}

/// Every step of every routine the library can give: each region, pain area and symptom, with each
/// `--technique`, every tool and the longest budget, on one side.
fn every_step() -> Vec<(String, routine::Step)> {
    let l = library();
    let mut out = Vec::new();
    for query in queries() {
        for technique in routine::TechniqueChoice::ALL {
            let options = Options {
                minutes: routine::MAX_MINUTES,
                equipment: equipment().into_iter().collect(),
                sides: Sides::Left,
                limits: ScreeningLimits::default(),
                history: None,
                technique,
                settle_seconds: routine::SETTLE_SECONDS,
            };
            if let Ok(r) = routine::build(l, &query, &options) {
                let at = format!("{query} --technique {}", technique.as_str());
                out.extend(r.steps.into_iter().map(|s| (at.clone(), s)));
            }
        }
    }
    out
}

#[test]
fn every_steps_cautions_fit_its_technique_and_tool() {
    let l = library();
    // Words of pressure work; "thumb" only as the tool ("your thumb"), since thumb pain is a
    // place, and "pain or pressure" is a symptom.
    let words = regex_lite_words(&[
        "press",
        "presses",
        "pressed",
        "pressing",
        "pressure",
        "ball",
        "balls",
        "tool",
        "tools",
        "cane",
        "roller",
        "rolling",
        "fingertip",
        "fingertips",
    ]);
    let pressing = |c: &str| {
        let c = c.to_lowercase().replace("pain or pressure", "pain");
        words(&c) || c.contains("your thumb") || c.contains("with the thumb")
    };
    let mut broken = BTreeSet::new();
    let steps = every_step();
    assert!(steps.len() > 500, "{}", steps.len());
    let worked: BTreeSet<&str> = steps.iter().map(|(_, s)| s.muscle.as_str()).collect();
    for m in l.muscles.iter().filter(|m| !m.information_only) {
        assert!(worked.contains(m.id.as_str()), "{} is in no routine", m.id);
    }
    let inside_mouth = l.danger_zone("inside_mouth").map(routine::zone_caution);
    for (at, s) in &steps {
        let m = l.muscle(&s.muscle).unwrap();
        let mut fail = |rule: &str, text: &str| {
            broken.insert(format!(
                "{at}: {} {}: {rule}: {text}",
                s.muscle, s.technique
            ));
        };
        for c in &s.cautions {
            if s.kind == TechniqueKind::Stretch && pressing(c) {
                fail("a stretch with a pressure caution", c);
            }
            if s.cautions.iter().filter(|x| *x == c).count() > 1 {
                fail("a caution said twice", c);
            }
        }
        // A muscle with work inside the mouth carries that zone on that work only.
        let inside =
            |how: &str| how.contains("inside the cheek") || how.contains("inside the mouth");
        let how = s.how.as_deref().unwrap_or("");
        let has_inside_work = m
            .techniques
            .iter()
            .any(|t| t.how.as_deref().is_some_and(inside));
        if has_inside_work
            && inside_mouth
                .as_ref()
                .is_some_and(|z| s.cautions.contains(z))
            && !inside(how)
        {
            fail("the inside-the-mouth zone on work from outside", how);
        }
        let warns_off_a_hollow = s.cautions.iter().any(|c| c.contains("hollow"));
        let text = format!("{} {how}", s.find);
        if warns_off_a_hollow && text.contains("into the hollow") {
            fail("told to press into a hollow while warned off one", &text);
        }
        if let Some(lead) = m
            .cautions
            .iter()
            .find(|c| c.lead && c.goes_with(s.kind, s.tool.as_deref()))
        {
            if s.cautions.first() != Some(&lead.text) {
                fail("its leading caution is not first", &lead.text);
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Whether `text` holds one of `words` as a whole word, case aside.
fn regex_lite_words(words: &'static [&'static str]) -> impl Fn(&str) -> bool {
    move |text: &str| {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| words.contains(&w))
    }
}

#[test]
fn the_masseter_from_outside_gets_no_inside_the_mouth_caution() {
    let text = suggest_text(&["jaw"]);
    assert!(text.contains("Masseter"), "{text}");
    assert!(!text.contains("behind the upper back teeth"), "{text}");
}

#[test]
fn the_infraspinatus_ball_step_leads_with_its_own_caution() {
    let routine = suggest_json(&["shoulder", "--tools", "ball"]);
    let step = steps(&routine)
        .iter()
        .find(|s| s["muscle"] == "infraspinatus" && s["tool"] == "ball_wall")
        .unwrap_or_else(|| panic!("no ball step: {routine}"));
    let first = step["cautions"][0].as_str().unwrap_or("");
    assert!(
        first.starts_with("Keep the pressure on the flat of the shoulder blade"),
        "{first}"
    );
}

#[test]
fn watch_out_lists_a_pressure_caution_with_the_pressure_rows_only() {
    let text = suggest_text(&["shoulder"]);
    let at = text
        .find("Infraspinatus (row 1):\n  - Keep the pressure on the flat of the shoulder blade")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(text[at..].contains("Infraspinatus (rows 1, 2):"), "{text}");
}

#[test]
fn the_temporalis_step_warns_of_the_pulse_once() {
    let routine = suggest_json(&["temple"]);
    let step = steps(&routine)
        .iter()
        .find(|s| s["muscle"] == "temporalis" && s["kind"] != "stretch")
        .unwrap_or_else(|| panic!("no temporalis step: {routine}"));
    let cautions = step["cautions"].as_array().unwrap();
    let pulse = cautions
        .iter()
        .filter(|c| {
            c.as_str()
                .is_some_and(|c| c.contains("press on a pulse") || c.contains("press on the pulse"))
        })
        .count();
    assert_eq!(pulse, 1, "{cautions:?}");
}

#[test]
fn a_stretch_of_both_sides_at_once_is_one_step_and_pressure_stays_per_side() {
    // The erector spinae's stretch hugs both knees: one step, on no side in particular; its
    // ball work stays one step a side.
    let routine = suggest_json(&["low back", "--minutes", "15"]);
    let erector: Vec<&Value> = steps(&routine)
        .iter()
        .filter(|s| s["muscle"] == "erector_spinae")
        .collect();
    let kinds: Vec<(&str, &str, bool)> = erector
        .iter()
        .map(|s| {
            (
                s["kind"].as_str().unwrap_or_default(),
                s["side"].as_str().unwrap_or_default(),
                s["both_sides"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("compression", "left", false),
            ("compression", "right", false),
            ("stretch", "left", true),
        ],
        "{routine:#}"
    );
    // The table says so; a side-by-side stretch is still "both".
    let text = suggest_text(&["low back", "--minutes", "15"]);
    let row = |name: &str| {
        text.lines()
            .find(|l| l.contains(name) && l.contains("Stretching"))
            .unwrap_or_else(|| panic!("no {name} stretch row in {text}"))
            .to_string()
    };
    assert!(row("Erector spinae").contains("both, at once"), "{text}");
    assert!(!row("Quadratus").contains("at once"), "{text}");
}
