//! tpcoach's core: the trigger point self-massage library and everything computed from it.
//!
//! It loads and validates the YAML library ([`library`]), finds entries by what people type
//! ([`lookup`]), and builds routines and lookups from them. It never prints and never reads the
//! terminal: it returns values and typed [`Error`]s, and the `tpcoach` binary decides how they
//! look.
//!
//! ```
//! use tpcoach::library::{Base, Library, LoadOptions};
//!
//! let library = Library::load(&LoadOptions { base: Base::Embedded, overlay: None })?;
//! let muscle = library.find_muscle("upper traps")?;
//! assert_eq!(muscle.id, "upper_trapezius");
//! # Ok::<(), tpcoach::Error>(())
//! ```
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod body_map;
pub mod dose;
pub mod error;
pub mod guide;
pub mod history;
pub mod library;
pub mod lookup;
pub mod model;
pub mod referral;
pub mod report;
pub mod routine;
pub mod session;

pub use error::{Error, Result};

/// One line said once per session or routine: what tpcoach is, and what it is not.
pub const SELF_CARE_NOTE: &str =
    "Self-care guidance, not a diagnosis: other causes can feel the same. \
Stop and see a professional if pain is sharp, spreading, numb or tingling, or not improving.";
