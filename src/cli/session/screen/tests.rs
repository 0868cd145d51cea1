//! The screen's tests: the status line, the big digits, and every step's page at 80x24.

use std::time::Duration;

use clap::Parser;
use tpcoach::library::{Base, Library, LoadOptions};
use tpcoach::model::TechniqueKind;
use tpcoach::routine::Step;
use tpcoach::session::{plan, Phase, When};

use super::super::words;
use super::*;

#[test]
fn the_status_line_is_cut_to_the_screen_without_breaking_styles() {
    assert_eq!(fit("abcdef", 3), "abc");
    assert_eq!(fit("a\x1b[1mbcd\x1b[0mef", 3), "a\x1b[1mbc\x1b[0m");
}

#[test]
fn big_digits_are_five_rows_of_one_width_per_digit() {
    let rows = big_digits("30");
    assert_eq!(rows[0], "█████  █████");
    assert_eq!(rows[4], "█████  █████");
    assert!(rows.iter().all(|r| r.chars().count() == 12));
    assert_eq!(big_digits("7")[4], "  █  ");
}

#[test]
fn big_digits_twice_as_large_are_ten_rows_of_double_width() {
    let rows = scaled(&big_digits("7"), 2);
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0], "██████████");
    assert_eq!(rows[9], "    ██    ");
    assert_eq!(scaled(&big_digits("7"), 1), big_digits("7").to_vec());
}

/// The terminal every step must fit: columns...
const COLUMNS: u16 = 80;
/// ...and rows.
const ROWS: u16 = 24;

/// Words only, one space apart: text compared however it was wrapped.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every region's routine as `tpcoach session REGION [EXTRA]` builds it (before any history).
fn session_routines(library: &Library, extra: &[&str]) -> Vec<(String, Vec<Step>)> {
    let mut out = Vec::new();
    for region in &library.regions {
        let mut argv = vec!["tpcoach", "session", region.name.as_str()];
        argv.extend(extra);
        let cli = crate::cli::Cli::try_parse_from(&argv).expect("the arguments parse");
        let crate::cli::Command::Session(args) = cli.command else {
            panic!("not a session: {argv:?}");
        };
        let mut options = args.routine.options(library).expect("options");
        options.settle_seconds = args.settle;
        let routine = tpcoach::routine::build(library, &args.routine.query(), &options)
            .unwrap_or_else(|e| panic!("{argv:?}: {e}"));
        out.push((
            format!("{} {}", region.name, extra.join(" ")),
            routine.steps,
        ));
    }
    out
}

/// The cues a step's work says, in order, with a settle-in count before each repetition.
fn work_cues(step: &Step) -> Vec<String> {
    let mut cues = Vec::new();
    for phase in plan::phases(step) {
        if phase.kind.is_work() {
            let settle = Phase {
                kind: PhaseKind::Settle,
                length: Duration::from_secs(u64::from(tpcoach::session::SETTLE_SECONDS)),
                ..phase
            };
            cues.push(format!("  {}", words::phase_start(step, &settle)));
        }
        cues.push(format!("  {}", words::phase_start(step, &phase)));
        if phase.kind.is_work() {
            cues.push(format!("  {}", words::half_time(step)));
            cues.extend(words::phase_end(&phase).map(|t| format!("  {t}")));
        }
    }
    cues
}

/// The timer's status lines for every phase of `step`: running, in its last seconds and
/// paused, with the quit question under it.
fn timer_statuses(screen: &Screen, step: &Step) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for phase in plan::phases(step) {
        for (elapsed, paused) in [(0, false), (phase.length.as_secs() - 1, false), (1, true)] {
            let elapsed = Duration::from_secs(elapsed);
            let timer = Timer {
                step: 0,
                phase,
                elapsed,
                remaining: phase.length.saturating_sub(elapsed),
                paused,
            };
            out.push(vec![screen.timer_line(&timer)]);
            out.push(vec![
                screen.timer_line(&timer),
                super::super::coach::QUIT_QUESTION.to_string(),
            ]);
        }
    }
    out
}

/// What a screen breaks: rows past the terminal's, lines past its right edge.
fn misfits(what: &str, lines: &[String], status: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let rows = lines.len() + status.len();
    if rows > usize::from(ROWS) {
        out.push(format!("{what}: {rows} rows"));
    }
    for line in lines.iter().chain(status) {
        let width = display_width(line);
        if width > usize::from(COLUMNS) {
            out.push(format!("{what}: {width} columns: {line}"));
        }
    }
    out
}

#[test]
fn on_a_terminal_too_small_for_the_text_the_header_and_the_latest_cue_stay() {
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("built-in library");
    let (_, steps) = session_routines(&library, &[]).remove(0);
    let mut page = StepPage::new(&library, &steps, 0, false, &Cautions::default()).expect("a page");
    page.at_work();
    page.cues = work_cues(&steps[0]);
    let lines = page.lines(COLUMNS, 5);
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert!(lines[0].starts_with("Step 1 of "), "{lines:#?}");
    let last = page.cues.last().expect("cues");
    assert!(flat(&lines.join(" ")).ends_with(&flat(last)), "{lines:#?}");
}

/// The page's lines before the work in `rows` rows at [`COLUMNS`], a map beside the text cut
/// off (the header above it stays whole), so that the text reads as it is.
fn text_only(page: &StepPage, rows: u16) -> Vec<String> {
    let lines = page.lines(COLUMNS, rows);
    let Some(columns) = page.text_columns(COLUMNS, rows) else {
        return lines;
    };
    let header = page.header(usize::from(COLUMNS - 1)).len();
    lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            if n < header {
                l.clone()
            } else {
                fit(l, columns)
            }
        })
        .collect()
}

#[test]
fn every_step_screen_of_every_region_fits_80_by_24_with_its_header_text_and_keys() {
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("built-in library");
    let screen = Screen::sized(COLUMNS, ROWS, false, true, false);
    // The longest a step's carried lines get: how it ended and the advice after a sorer spot.
    let carried = vec![
        "  Tenderness 9 -> 10, 1 min 30 s.".to_string(),
        format!("  {}", words::SORER),
    ];
    let prompts: Vec<String> = [
        words::spot_prompt(false),
        words::spot_prompt(true),
        words::tenderness_prompt(When::Before, true),
        words::tenderness_prompt(When::After, true),
        super::super::coach::QUIT_QUESTION.to_string(),
    ]
    .into();
    let (mut problems, mut screens, mut with_map, mut tallest) = (Vec::new(), 0, 0, 0);
    let (mut spots, mut beside, mut narrowest) = (0, 0, usize::MAX);
    let mut details = 0;
    for extra in [&[][..], &["--minutes", "15"][..]] {
        for (name, steps) in session_routines(&library, extra) {
            assert!(!steps.is_empty(), "{name}: no steps");
            for (i, step) in steps.iter().enumerate() {
                let what = format!("{name}, step {} ({})", i + 1, step.muscle);
                let mut page = StepPage::new(&library, &steps, i, false, &Cautions::default())
                    .expect("a page");
                if i > 0 {
                    page.carried = carried.clone();
                }
                // Before the work: the page over the prompt's row.
                let lines = page.lines(COLUMNS, ROWS - 1);
                screens += 1;
                tallest = tallest.max(lines.len() + 1);
                let has_map = lines.iter().any(|l| {
                    l.contains('⠀') || l.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
                });
                if step.kind != TechniqueKind::Stretch {
                    spots += 1;
                    with_map += usize::from(has_map);
                    if !has_map {
                        problems.push(format!("{what}: no map of the spot"));
                    }
                } else {
                    assert!(!has_map, "{what}: a stretch shows no spot");
                }
                for prompt in &prompts {
                    problems.extend(misfits(&what, &lines, std::slice::from_ref(prompt)));
                }
                assert!(
                    lines[0].starts_with(&format!("Step {} of {}: ", i + 1, steps.len())),
                    "{what}: the header is not on top: {lines:?}"
                );
                if let Some(columns) = page.text_columns(COLUMNS, ROWS - 1) {
                    beside += 1;
                    narrowest = narrowest.min(columns);
                }
                let shown = flat(&text_only(&page, ROWS - 1).join(" "));
                for text in &page.text() {
                    assert!(
                        shown.contains(&flat(text)),
                        "{what}: {text:?} is not shown in full: {lines:#?}"
                    );
                }
                assert!(
                    shown.contains(&flat(&words::technique(&library, step))),
                    "{what}: no technique and dose"
                );
                if let Some(first) = step.cautions.first() {
                    // Its name, or at least its first sentence (said earlier: one line).
                    let name = first.split_once(": ").map_or_else(
                        || first.find(". ").map_or(first.as_str(), |i| &first[..i]),
                        |(n, _)| n,
                    );
                    assert!(shown.contains(&flat(name)), "{what}: no caution");
                }
                // `?`: every part of the full text fits, with the status row under it.
                let everything = words::everything(step);
                let parts = page.details(&everything, COLUMNS, ROWS - 2);
                details += parts.len();
                for (n, part) in parts.iter().enumerate() {
                    problems.extend(misfits(
                        &format!("{what}, ? part {}", n + 1),
                        part,
                        &prompts[..1],
                    ));
                    assert!(part[0].starts_with("Step "), "{what}: ? has no header");
                }
                let shown = flat(
                    &parts
                        .iter()
                        .map(|p| p[2..p.len() - 1].join(" "))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                assert_eq!(
                    shown,
                    flat(&everything.join(" ")),
                    "{what}: ? does not show the full text"
                );
                // The work: the page without the map, every cue said, the timer under it.
                page.at_work();
                page.cues = work_cues(step);
                let lines = page.lines(COLUMNS, ROWS - 2);
                screens += 1;
                let shown = flat(&lines.join(" "));
                for text in &page.text() {
                    assert!(
                        shown.contains(&flat(text)),
                        "{what} at work: {text:?} is not shown in full: {lines:#?}"
                    );
                }
                for status in timer_statuses(&screen, step) {
                    problems.extend(misfits(&format!("{what} at work"), &lines, &status));
                    assert!(
                        status[0].contains("q quit"),
                        "{what}: the keys are not in words: {status:?}"
                    );
                }
                assert!(
                    lines[0].starts_with("Step "),
                    "{what}: the header scrolled away"
                );
                let last = page.cues.last().expect("cues");
                assert!(
                    flat(&lines.join(" ")).ends_with(&flat(last)),
                    "{what}: the latest cue is not shown: {lines:#?}"
                );
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} misfits:\n{}",
        problems.len(),
        problems.join("\n")
    );
    eprintln!("{details} screens of ? fit too");
    eprintln!("{screens} screens fit {COLUMNS}x{ROWS}; {with_map} of {spots} pressure and stroking steps show the map before the work ({beside} beside the text, wrapped to {narrowest} columns at the narrowest); the tallest before the work takes {tallest} rows");
    assert_eq!(with_map, spots, "every spot's step shows its map");
}

/// Compares `text` with tests/snapshots/`name`.snap.
fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../../tests/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn the_neck_sessions_pages_at_80_by_24_are_as_expected() {
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("built-in library");
    let neck = session_routines(&library, &["--side", "left", "--minutes", "4"])
        .into_iter()
        .find(|(name, _)| name.starts_with("Neck"))
        .map(|(_, steps)| steps)
        .expect("a neck routine");
    let screen = Screen::sized(COLUMNS, ROWS, false, true, false);
    let mut first = StepPage::new(&library, &neck, 0, false, &Cautions::default()).expect("a page");
    snapshot(
        "session_page_neck_step_1_before_the_work",
        &first.lines(COLUMNS, ROWS - 1).join("\n"),
    );
    first.at_work();
    first.cues = work_cues(&neck[0]);
    let phase = plan::phases(&neck[0])[2];
    let timer = Timer {
        step: 0,
        phase,
        elapsed: Duration::from_secs(12),
        remaining: phase.length - Duration::from_secs(12),
        paused: false,
    };
    let mut lines = first.lines(COLUMNS, ROWS - 2);
    lines.push(screen.timer_line(&timer));
    snapshot("session_page_neck_step_1_at_work", &lines.join("\n"));
    let mut second =
        StepPage::new(&library, &neck, 1, false, &Cautions::default()).expect("a page");
    second.carried = vec!["  Tenderness 6 -> 3, 1 min 30 s.".to_string()];
    snapshot(
        "session_page_neck_step_2_before_the_work",
        &second.lines(COLUMNS, ROWS - 1).join("\n"),
    );
}

#[test]
fn a_muscle_worked_before_has_its_caution_in_one_line_and_verbose_shows_all() {
    let library = Library::load(&LoadOptions {
        base: Base::Embedded,
        overlay: None,
    })
    .expect("built-in library");
    let neck = session_routines(&library, &["--side", "left", "--minutes", "4"])
        .into_iter()
        .find(|(name, _)| name.starts_with("Neck"))
        .map(|(_, steps)| steps)
        .expect("a neck routine");
    assert_eq!(neck[0].muscle, "upper_trapezius");
    assert!(neck[0].cautions.len() > 1, "{:?}", neck[0].cautions);
    let page = |cautions: &Cautions| {
        let page = StepPage::new(&library, &neck, 0, false, cautions).expect("a page");
        text_only(&page, ROWS - 1)
    };
    let flat = |lines: &[String]| {
        lines
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The first time: the zone's caution in full.
    let first = page(&Cautions::default());
    assert!(
        flat(&first).contains("Never press into this hollow"),
        "{first:?}"
    );
    // Worked in an earlier session: one line naming it, `?` for the rest.
    let worked = Cautions {
        worked: ["upper_trapezius".to_string()].into(),
        verbose: false,
    };
    let again = page(&worked);
    assert!(
        again
            .iter()
            .any(|l| l == "  Caution: Side of the neck above the collarbone (? shows it in full)."),
        "{again:?}"
    );
    assert!(
        !flat(&again).contains("Never press into this hollow"),
        "{again:?}"
    );
    // --verbose: every caution in full, every time.
    let verbose = page(&Cautions {
        verbose: true,
        ..worked
    });
    for caution in &neck[0].cautions {
        assert!(
            flat(&verbose).contains(caution.as_str()),
            "{caution} missing:\n{verbose:?}"
        );
    }
}
