//! The report as one self-contained HTML page: inline CSS and SVG, no scripts, no network, no
//! fonts to fetch; a print style sheet for A4 and a narrow layout for a phone. Every text that
//! comes from the person or the library is escaped with [`crate::body_map::svg::escape`]: the
//! same five-character escape (`& < > " '`) the SVG charts use, correct both in HTML text and in
//! quoted attributes.
//!
//! Why no crate for it (measured on 2026-12-04 in a scratch crate on the 2-core development
//! machine, against the crates tpcoach already builds):
//! - `html-escape` 0.3 (no dependencies of its own): about 1 s more on a clean build, 0.7 KB more
//!   in a release binary. Its `encode_safe` would be one call at each place, as `escape` is now:
//!   it would take away twelve lines, not the risk that one call is forgotten.
//! - `maud` 0.27 (compile-time templates): would escape every interpolation unless told not to,
//!   which is the real gain, for about 10.6 s more on a clean build (`maud_macros`,
//!   `proc-macro2-diagnostics`) and no change in size. But the body map and the charts come from
//!   [`crate::body_map::svg`], shared with `show --svg`, and would stay escaped by hand, and the
//!   page would have to be rewritten. `askama` 0.16 needs Rust 1.88; tpcoach's `rust-version` is
//!   1.85.
//!
//! The risk a template engine removes is instead covered by the report tests: they put HTML's
//! special characters into every text a person or the library gives the page (the query, the
//! safety answers' questions and advice), parse the page with a real HTML parser, and check that
//! the words come back as text and no element came of them.

use std::fmt::Write as _;

use super::{chart, duration, Report, CHART_SESSIONS, TABLE_SESSIONS};
use crate::body_map::svg::{self, escape};
use crate::body_map::{Scene, Sides, Spot, Tone, VIEW_WIDTH};
use crate::guide::EVIDENCE_NOTE;
use crate::history::calendar::{self, Date, Zone};
use crate::history::{rating, SafetyAnswer, Verdict};
use crate::library::Library;
use crate::model::{ScreeningOutcome, Urgency, View};
use crate::routine::Side;
use crate::SELF_CARE_NOTE;

/// Each trend's colour on the body map and in the tables.
pub fn tone(verdict: Verdict) -> Tone {
    match verdict {
        Verdict::Improving => Tone {
            name: "improving",
            colour: "#1a7f37",
        },
        Verdict::Low => Tone {
            name: "low",
            colour: "#2b6cb0",
        },
        Verdict::NotImproving => Tone {
            name: "not-improving",
            colour: "#e08a00",
        },
        Verdict::Rising => Tone {
            name: "rising",
            colour: "#c8102e",
        },
        Verdict::TooFewSessions => Tone {
            name: "too-early",
            colour: "#9a9a9a",
        },
    }
}

const STYLE: &str = "
body{font-family:Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.4}
h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #ccc}
.note{background:#f4f1ea;border-left:4px solid #8a6d3b;padding:.5rem .8rem}
.warn{background:#fdecea;border-left:4px solid #c8102e;padding:.5rem .8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;border:1px solid #111;vertical-align:middle;margin-right:.3rem}
.map{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}.map svg{width:30rem;max-width:100%;max-height:34rem;height:auto}
.map>div{flex:1 1 12rem}.legend{list-style:none;padding:0;margin:0}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(22rem,100%),1fr));gap:.8rem}
figure{margin:0;break-inside:avoid;page-break-inside:avoid}figcaption{font-size:.9rem;font-weight:bold}svg.chart{width:100%;height:auto}
.small{font-size:.85rem;color:#444}.nw{white-space:nowrap}
@media (max-width:40rem){body{padding:.5rem}table{font-size:.8rem}th,td{padding:.25rem .2rem}td.nw{white-space:normal}.wide{display:none}}
@media print{@page{size:A4;margin:14mm}body{max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}tr,li,figure,.map{break-inside:avoid}.charts{grid-template-columns:1fr 1fr}td.n{white-space:nowrap}}
";

fn date(at: i64, zone: &dyn Zone) -> String {
    Date::from_days(calendar::local_day(at, zone.offset(at))).to_string()
}

fn date_time(at: i64, zone: &dyn Zone) -> String {
    calendar::date_time(at, zone.offset(at))
}

/// A date and time that wraps, if it must, between the two and never inside either.
fn date_time_cell(at: i64, zone: &dyn Zone) -> String {
    let text = date_time(at, zone);
    match text.split_once(' ') {
        Some((day, time)) => {
            format!("<span class=\"nw\">{day}</span> <span class=\"nw\">{time}</span>")
        }
        None => text,
    }
}

/// "3&nbsp;min 36&nbsp;s": a duration that wraps between its parts, never between a number
/// and its unit.
fn duration_cell(seconds: u32) -> String {
    let text = duration(seconds);
    let words: Vec<&str> = text.split(' ').collect();
    words
        .chunks(2)
        .map(|pair| pair.join("&nbsp;"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn side_name(side: Side) -> &'static str {
    side.as_str()
}

fn body_map(out: &mut String, report: &Report, library: &Library) {
    let mut scene = Scene::new(
        library,
        "Where the worked spots are, coloured by trend",
        Sides::Both,
    );
    for line in &report.progress {
        let Some(muscle) = library.muscle(&line.progress.muscle) else {
            continue;
        };
        for point in &muscle.trigger_points {
            let Some(at) = point.at else { continue };
            let x = match line.progress.side {
                Side::Left => at.x,
                Side::Right => VIEW_WIDTH - at.x,
            };
            scene.spots.push(Spot {
                muscle: muscle.id.clone(),
                title: format!(
                    "{} ({}): {}; {}",
                    muscle.name,
                    side_name(line.progress.side),
                    point.location,
                    line.progress.verdict.describe()
                ),
                label: None,
                view: at.view,
                x,
                y: at.y,
                tone: Some(tone(line.progress.verdict)),
            });
        }
    }
    scene.only = vec![View::Front, View::Back];
    out.push_str("<section id=\"map\"><h2>The body map</h2><div class=\"map\">");
    out.push_str(&svg::inline(&scene));
    out.push_str("<div><ul class=\"legend\">");
    for verdict in [
        Verdict::Improving,
        Verdict::Low,
        Verdict::NotImproving,
        Verdict::Rising,
        Verdict::TooFewSessions,
    ] {
        let t = tone(verdict);
        let _ = write!(
            out,
            "<li><span class=\"swatch\" style=\"background:{}\"></span>{}</li>",
            t.colour,
            escape(verdict.describe())
        );
    }
    out.push_str(
        "</ul><p class=\"small\">Each spot worked, on the side worked, coloured by its trend (tenderness \
         before each session over the last three weeks). Front: the person's left is on your right; \
         back: the person's left is on your left.</p></div></div></section>\n",
    );
}

/// The page.
pub fn render(report: &Report, library: &Library, zone: &dyn Zone) -> String {
    let mut out = String::new();
    let today = date(report.now, zone);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>tpcoach report, {today}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n\
         <header><h1>Trigger point self-care record</h1>\n",
        chart::STYLE
    );
    let from = report
        .since
        .or_else(|| report.sessions.last().map(|s| s.record.started_at));
    let period = match from {
        Some(from) => format!("{} to {}", date(from, zone), today),
        None => format!("up to {today}"),
    };
    let _ = writeln!(
        out,
        "<p id=\"period\">Period: <span data-field=\"from\">{}</span>{}. Made by tpcoach on {}.</p>",
        escape(&period),
        report
            .region
            .as_ref()
            .map_or(String::new(), |r| format!(", sessions that worked the {}", escape(&r.to_lowercase()))),
        escape(&date_time(report.now, zone)),
    );
    let _ = writeln!(
        out,
        "<p class=\"note\"><strong>Not a diagnosis.</strong> {}</p></header>",
        escape(SELF_CARE_NOTE)
    );

    // The summary.
    out.push_str("<section id=\"summary\"><h2>Summary</h2>");
    if report.sessions.is_empty() {
        out.push_str(
            "<p>No sessions saved yet in this period: <code>tpcoach session neck</code> saves each step as \
             you go, and this page fills in.</p>",
        );
    } else {
        let n = report.sessions.len();
        let _ = write!(
            out,
            "<p><span data-field=\"sessions\">{n}</span> session{} and <span data-field=\"minutes\">{}</span> \
             of self-massage, working <span data-field=\"muscles\">{}</span> muscle{}: {}.",
            if n == 1 { "" } else { "s" },
            duration(report.total_seconds),
            report.muscles_worked.len(),
            if report.muscles_worked.len() == 1 { "" } else { "s" },
            escape(&report.muscles_worked.join(", "))
        );
        let counts = |v: Verdict| {
            report
                .progress
                .iter()
                .filter(|m| m.progress.verdict == v)
                .count()
        };
        let _ = write!(
            out,
            " Trends per muscle and side: {} improving, {} low and steady, {} not improving, {} rising, {} too early to tell.</p>",
            counts(Verdict::Improving),
            counts(Verdict::Low),
            counts(Verdict::NotImproving),
            counts(Verdict::Rising),
            counts(Verdict::TooFewSessions)
        );
    }
    if !report.stops.is_empty() {
        let n = report.stops.len();
        let _ = write!(
            out,
            "<p>The safety questions stopped <span data-field=\"stops\">{n}</span> session{} before its \
             first step (<a href=\"#stopped\">below</a>).</p>",
            if n == 1 { "" } else { "s" },
        );
    }
    let warnings: Vec<String> = report
        .warnings()
        .filter_map(|m| {
            m.progress.verdict.advice().map(|a| {
                format!(
                    "<li><strong>{} ({})</strong>: {}</li>",
                    escape(&m.name),
                    side_name(m.progress.side),
                    escape(a)
                )
            })
        })
        .collect();
    if !warnings.is_empty() {
        let _ = write!(
            out,
            "<div class=\"warn\" id=\"advice\"><p><strong>See a professional.</strong></p><ul>{}</ul></div>",
            warnings.concat()
        );
    }
    out.push_str("</section>\n");

    if !report.progress.is_empty() {
        body_map(&mut out, report, library);
        progress(&mut out, report, zone);
    }
    sessions(&mut out, report, zone);
    stops(&mut out, report, zone);
    changes(&mut out, report, zone);
    safety(&mut out, report, library, zone);

    let _ = write!(
        out,
        "<section id=\"about\"><h2>What tpcoach is, and is not</h2>\
         <p>tpcoach is a self-guided coach for trigger point self-massage: it suggests short routines \
         from its library, times them, asks safety questions first, and keeps this private record on the \
         person's own computer. It is self-care guidance, not a diagnosis or a treatment plan, and it \
         promises no cure. The tenderness figures are the person's own ratings (0 none, 10 worst) just \
         before and just after working each spot.</p>\
         <p id=\"evidence\">{}</p>\
         <p class=\"small\" id=\"version\">tpcoach {}, library of {} muscles{}.</p></section>\n</body>\n</html>\n",
        escape(EVIDENCE_NOTE),
        env!("CARGO_PKG_VERSION"),
        library.muscles.len(),
        if library.overlay_files.is_empty() {
            " (built in)".to_string()
        } else {
            format!(" (built in, with {} file(s) of the person's own)", library.overlay_files.len())
        },
    );
    out
}

fn progress(out: &mut String, report: &Report, zone: &dyn Zone) {
    out.push_str(
        "<section id=\"progress\"><h2>Tenderness per muscle and side</h2><table><thead><tr>\
         <th>Muscle</th><th>Side</th><th class=\"n\">Sessions</th><th class=\"n\">Avg drop</th>\
         <th class=\"wide\">Last worked</th><th>Trend</th></tr></thead><tbody>\n",
    );
    for m in &report.progress {
        let p = &m.progress;
        let t = tone(p.verdict);
        let _ = writeln!(
            out,
            "<tr data-muscle=\"{}\" data-side=\"{}\"><td data-field=\"name\">{}</td><td>{}</td>\
             <td class=\"n\" data-field=\"sessions\">{}</td><td class=\"n\" data-field=\"average_drop\">{}</td>\
             <td class=\"wide\" data-field=\"last_worked\">{}</td><td data-field=\"verdict\" data-verdict=\"{}\">\
             <span class=\"swatch\" style=\"background:{}\"></span>{}</td></tr>",
            escape(&p.muscle),
            side_name(p.side),
            escape(&m.name),
            side_name(p.side),
            p.sessions,
            p.average_drop.map_or("-".to_string(), |d| format!("{d:.1}")),
            date(p.last_worked_at, zone),
            t.name,
            t.colour,
            escape(p.verdict.describe()),
        );
    }
    let _ = writeln!(
        out,
        "</tbody></table><p class=\"small\">Over the whole record, as <code>tpcoach progress</code> shows it. \
         Avg drop: tenderness before minus after, within a session. Trend: tenderness before each \
         session over the last three weeks; it takes four rated sessions over about two weeks to tell.</p>\
         <p class=\"small\">Charts: <span style=\"color:#b42318\">&#9679; before</span>, \
         <span style=\"color:#1d4ed8\">&#9675; after</span>, the grey line the drop within the session; \
         the newest {CHART_SESSIONS} rated sessions in the period at most.</p><div class=\"charts\">",
    );
    out.push_str(chart::DEFS);
    for m in &report.progress {
        let points: Vec<_> = m
            .progress
            .trend
            .iter()
            .filter(|t| report.since.is_none_or(|since| t.at >= since))
            .copied()
            .collect();
        if points.is_empty() {
            continue;
        }
        let title = format!("{} ({})", m.name, side_name(m.progress.side));
        let shown = points.len();
        let mut what = format!("{shown} rated session{}", if shown == 1 { "" } else { "s" });
        if m.progress.trend.len() >= CHART_SESSIONS && m.progress.sessions as usize > shown {
            what = format!("the newest {shown} of {} sessions", m.progress.sessions);
        }
        let _ = writeln!(
            out,
            "<figure data-muscle=\"{}\" data-side=\"{}\"><figcaption>{} \
             <span class=\"small\">{what}</span></figcaption>{}</figure>",
            escape(&m.progress.muscle),
            side_name(m.progress.side),
            escape(&title),
            chart::render(
                &format!("Tenderness 0-10 over time: {title}"),
                &points,
                zone
            )
        );
    }
    out.push_str("</div></section>\n");
}

fn sessions(out: &mut String, report: &Report, zone: &dyn Zone) {
    if report.sessions.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"sessions\"><h2>Sessions</h2><table><thead><tr><th>When</th><th>For</th>\
         <th class=\"n\">Steps</th><th class=\"n\">Time</th><th class=\"n\">Before &#8594; after</th>\
         <th class=\"wide\">Status</th></tr></thead><tbody>\n",
    );
    for s in report.sessions.iter().take(TABLE_SESSIONS) {
        let sum = &s.summary;
        let steps = if sum.skipped == 0 {
            sum.done.to_string()
        } else {
            format!("{} ({} skipped)", sum.done, sum.skipped)
        };
        let tenderness = match (sum.before, sum.after) {
            (Some(b), Some(a)) => format!("{} &#8594; {}", rating(b), rating(a)),
            _ => "-".to_string(),
        };
        let _ = writeln!(
            out,
            "<tr data-session=\"{}\"><td data-field=\"when\">{}</td><td><span data-field=\"query\">{}</span>{}</td>\
             <td class=\"n\" data-field=\"steps\">{}</td><td class=\"n\" data-field=\"time\" data-seconds=\"{}\">{}</td>\
             <td class=\"n nw\" data-field=\"tenderness\">{}</td><td class=\"wide\" data-field=\"status\">{}</td></tr>",
            s.record.id.0,
            date_time_cell(s.record.started_at, zone),
            escape(&s.record.query),
            session_safety(&s.record.safety),
            escape(&steps),
            sum.seconds,
            duration_cell(sum.seconds),
            tenderness,
            s.record.status_text(),
        );
    }
    out.push_str("</tbody></table>");
    let more = report.sessions.len().saturating_sub(TABLE_SESSIONS);
    if more > 0 {
        let _ = write!(
            out,
            "<p class=\"small\">The newest {} sessions; {more} earlier ones are counted above but not \
             listed (<code>tpcoach history --csv</code> lists every one).</p>",
            TABLE_SESSIONS
        );
    }
    out.push_str("</section>\n");
}

/// What a session's safety answers changed, under its query: "Safety: blood thinners (hands
/// only, no tools, pressure at most 3/10); new pain (advice)". Nothing when there were none.
fn session_safety(answers: &[SafetyAnswer]) -> String {
    if answers.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = answers
        .iter()
        .map(|a| {
            let what = if a.changed.is_empty() {
                "advice"
            } else {
                &a.changed
            };
            format!("{} ({})", escape(&a.topic), escape(what))
        })
        .collect();
    format!(
        "<div class=\"small\" data-field=\"safety\">Safety: {}</div>",
        parts.join("; ")
    )
}

/// How urgently an answer said to seek care, as a clause.
fn care(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Emergency => "call emergency services now",
        Urgency::SameDay => "seek medical advice the same day",
        Urgency::Soon => "book an appointment soon",
        Urgency::Advice => "ask a clinician when convenient",
    }
}

/// The screenings that stopped a session before its first step: when, for what, the answers
/// that stopped it and what the person was told. Nothing at all when there were none.
fn stops(out: &mut String, report: &Report, zone: &dyn Zone) {
    if report.stops.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"stopped\"><h2>Sessions the safety questions stopped</h2>\
         <p>No self-massage was done: an answer said not to self-treat that day, or the answers left \
         nothing to work on.</p><table><thead><tr><th>When</th><th>For</th>\
         <th>What stopped it</th></tr></thead><tbody>\n",
    );
    for stop in &report.stops {
        let mut why: Vec<String> = stop
            .answers
            .iter()
            .filter(|a| a.outcome == ScreeningOutcome::Stop)
            .map(|a| {
                let urgency = a
                    .urgency
                    .map_or(String::new(), |u| format!(" Care: {}.", care(u)));
                format!(
                    "<div data-question=\"{}\"><strong>{}</strong>: {} <strong>Yes</strong>. \
                     Advised: <span data-field=\"advice\">{}</span>{urgency}</div>",
                    escape(&a.question),
                    escape(&a.topic),
                    escape(&a.asked),
                    escape(&a.advice),
                )
            })
            .collect();
        if why.is_empty() {
            why.push(format!(
                "<div data-field=\"reason\">{}</div>",
                escape(&capitalised(&stop.reason))
            ));
        }
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            date_time_cell(stop.at, zone),
            escape(&stop.query),
            why.concat(),
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How many sessions' dates an answer lists before it sums up the rest.
const CHANGE_DATES: usize = 6;

/// The safety answers saved with the period's sessions: each once, with the dates it was given
/// for. Nothing at all when there were none.
fn changes(out: &mut String, report: &Report, zone: &dyn Zone) {
    if report.changes.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"safety-changes\"><h2>Safety answers that changed the routine</h2>\
         <p>Answered \"yes\" before these sessions, which then went on with the change shown (or with \
         the advice only):</p><ul>",
    );
    for change in &report.changes {
        let a = &change.answer;
        let n = change.dates.len();
        let mut dates: Vec<String> = change
            .dates
            .iter()
            .take(CHANGE_DATES)
            .map(|&at| format!("<span class=\"nw\">{}</span>", date(at, zone)))
            .collect();
        if n > CHANGE_DATES {
            let first = change
                .dates
                .last()
                .map_or(String::new(), |&at| date(at, zone));
            dates.push(format!("and {} more back to {first}", n - CHANGE_DATES));
        }
        let effect = if a.changed.is_empty() {
            "The session went on with advice".to_string()
        } else {
            format!("Changed: {}", escape(&a.changed))
        };
        let urgency = a
            .urgency
            .map_or(String::new(), |u| format!(" Care: {}.", care(u)));
        let _ = write!(
            out,
            "<li data-question=\"{}\"><strong>{}</strong>: {} <strong>Yes</strong>, \
             <span data-field=\"count\">{n}</span> session{} (<span data-field=\"dates\">{}</span>). \
             <span data-field=\"changed\">{effect}</span>. Advised: <span data-field=\"advice\">{}</span>{urgency}</li>",
            escape(&a.question),
            escape(&a.topic),
            escape(&a.asked),
            if n == 1 { "" } else { "s" },
            dates.join(", "),
            escape(&a.advice),
        );
    }
    out.push_str("</ul></section>\n");
}

fn safety(out: &mut String, report: &Report, library: &Library, zone: &dyn Zone) {
    out.push_str("<section id=\"safety\"><h2>General safety answers on record</h2>");
    if report.safety.is_empty() {
        match report.screening_cleared_at {
            Some(at) => {
                let _ = write!(
                    out,
                    "<p>Every general safety question was answered \"no\" (last on {}).</p>",
                    date(at, zone)
                );
            }
            None => out.push_str("<p>No safety answers on record.</p>"),
        }
    } else {
        out.push_str(
            "<p>General safety questions answered \"yes\", which stop or change the sessions:</p><ul>",
        );
        for note in &report.safety {
            let _ = write!(
                out,
                "<li data-question=\"{}\">{} <strong>Yes</strong>, on {} ({}). Advised: {}</li>",
                escape(&note.question),
                escape(&note.text),
                date(note.at, zone),
                escape(note.effect),
                escape(&note.action)
            );
        }
        out.push_str("</ul>");
    }
    let _ = writeln!(
        out,
        "<p class=\"small\">tpcoach asks {} general questions before sessions (remembered for 30 days) and \
         a region's own questions each time; the general answers are kept, and each session keeps the \
         answers that changed it.</p></section>",
        library
            .screening_questions
            .iter()
            .filter(|q| q.regions.is_empty())
            .count()
    );
}
