//! `--technique compression|stroking|mixed` for `suggest` and `session`: the choice, remembered
//! in the history database like the screening answers, and reset by `--fresh`.

use clap::ValueEnum;
use tpcoach::history::Store;
use tpcoach::routine::TechniqueChoice;

use super::context;

/// The name the choice is remembered under.
const SETTING: &str = "technique";

/// How to work on the muscles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TechniqueArg {
    /// Static compression (press and hold) wherever a muscle has it.
    Compression,
    /// Deep stroking wherever the tools at hand allow it; compression for the rest.
    Stroking,
    /// Stroking where the sources favour it (long limb muscles), compression elsewhere.
    Mixed,
}

impl From<TechniqueArg> for TechniqueChoice {
    fn from(arg: TechniqueArg) -> TechniqueChoice {
        match arg {
            TechniqueArg::Compression => TechniqueChoice::Compression,
            TechniqueArg::Stroking => TechniqueChoice::Stroking,
            TechniqueArg::Mixed => TechniqueChoice::Mixed,
        }
    }
}

/// The technique to build with: the one asked for (remembered for next time), else the one
/// remembered, else mixed. `fresh` forgets the remembered one first. The note, when there is
/// one, says that a remembered choice is in use.
pub fn resolve(
    asked: Option<TechniqueArg>,
    fresh: bool,
) -> anyhow::Result<(TechniqueChoice, Option<String>)> {
    let path = context::database_path();
    if let Some(asked) = asked {
        let choice = TechniqueChoice::from(asked);
        let store = Store::open(&context::database()?)?;
        let remembered = store.setting(SETTING)?;
        if remembered.as_deref() != Some(choice.as_str()) {
            store.remember_setting(SETTING, choice.as_str(), context::now()?)?;
        }
        return Ok((choice, None));
    }
    let Some(path) = path else {
        return Ok((TechniqueChoice::default(), None));
    };
    let Some(store) = Store::open_if_exists(&path)? else {
        return Ok((TechniqueChoice::default(), None));
    };
    if fresh {
        store.forget_setting(SETTING)?;
        return Ok((TechniqueChoice::default(), None));
    }
    let remembered = store
        .setting(SETTING)?
        .and_then(|v| TechniqueChoice::parse(&v));
    Ok(match remembered {
        Some(choice) => (
            choice,
            Some(format!(
                "Technique: {}, your last choice (--technique to change it, --fresh to go back to mixed).",
                choice.as_str()
            )),
        ),
        None => (TechniqueChoice::default(), None),
    })
}
