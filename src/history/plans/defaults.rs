//! Every number a plan runs on, in one place, each with where it comes from.
//!
//! - Content reference, section 2.5 (frequency) [BIB, LAP-QL]: "1–3 short sessions/day, ≥2–3 h
//!   apart; skip a spot that is still sore from the last session; total session 5–15 min".
//! - Content addendum, section 4 item 7 [ERNST-2003]: keep 1–3 sessions a day, "and lower still
//!   for neck, jaw, abdomen and hand muscles"; reported harms argue for conservative self-care
//!   defaults.
//! - Content reference, section 2.7 [WHYS, BIB] and section 4.2: no meaningful improvement after
//!   about one to two weeks (section 4.2: "~2 weeks") of consistent self-care means seeing a
//!   professional; so a plan runs about two weeks before it is judged.
//!
//! Where the sources give a range, tpcoach takes its conservative end. "Lower still" is read as
//! one session fewer at the top of the range (at most 2 a day instead of 3) and the bottom of the
//! range as the default (1 a day instead of 2): the sources name no number for these places, so
//! the cautious reading of "lower" is the one that asks least of them.

/// Sessions a day a plan starts with, for most places: the middle of section 2.5's 1–3.
pub const PER_DAY: u32 = 2;
/// The most sessions a day a plan may ask for (section 2.5: 1–3).
pub const MAX_PER_DAY: u32 = 3;
/// Sessions a day for a plan that works the neck, the jaw, the abdomen or the hand (addendum
/// section 4 item 7: "lower still"): the bottom of the range.
pub const SENSITIVE_PER_DAY: u32 = 1;
/// The most sessions a day for those places: one fewer than [`MAX_PER_DAY`].
pub const SENSITIVE_MAX_PER_DAY: u32 = 2;
/// The regions whose muscles count as "neck, jaw, abdomen" (the whole head and jaw region is
/// counted, the cautious reading).
pub const SENSITIVE_REGIONS: &[&str] = &["neck", "head_jaw", "abdomen"];
/// The hand muscles (addendum section 3.1, "1.7 Hand"): the rest of the arm and hand region is
/// forearm and upper arm.
pub const HAND_MUSCLES: &[&str] = &["first_dorsal_interosseous", "adductor_pollicis"];

/// The least time between two sessions of a plan, in seconds: the conservative end of section
/// 2.5's "≥2–3 h apart".
pub const SPACING_SECONDS: i64 = 3 * 3_600;

/// How many days a plan runs unless told otherwise: "about two weeks" (sections 2.7, 4.2).
pub const DAYS: u32 = 14;
/// The longest plan tpcoach starts, in days: two check-ins' worth. A check-in can extend it.
pub const MAX_DAYS: u32 = 28;
/// A plan running longer than this many days gets a check-in at each such mark, as well as at
/// its end (sections 2.7, 4.2: judge after about two weeks).
pub const CHECK_IN_DAYS: u32 = 14;
/// Days added by "extend" at a check-in unless told otherwise: a short extension, so the next
/// judgement is not put off far.
pub const EXTEND_DAYS: u32 = 7;

/// Minutes per session unless told otherwise: `suggest`'s default; at most
/// [`crate::routine::MAX_MINUTES`] (section 2.5: 5–15 min in all).
pub const MINUTES: u32 = 10;
